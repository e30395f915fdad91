"""The domain: models, validation, findings, the step graph and errors. No I/O."""

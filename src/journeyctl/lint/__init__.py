"""The linter: its engine, baseline, rules and reporters."""

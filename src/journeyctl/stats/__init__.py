"""`journeyctl stats`: how healthy each journey, workflow and team is, computed from the files."""

"""Errors that domain code raises and only the CLI turns into messages and exit codes."""


class JourneyError(Exception):
    """Base of every journeyctl error a user can cause."""


class UsageError(JourneyError):
    """Bad command-line input, a missing path, or a bad settings file: exit code 2."""

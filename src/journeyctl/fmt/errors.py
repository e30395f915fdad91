"""The error of a file that cannot be formatted safely."""

from __future__ import annotations

from journeyctl.core.errors import JourneyError


class FormatError(JourneyError):
    """The file cannot be formatted safely; `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

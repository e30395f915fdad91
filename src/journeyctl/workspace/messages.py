"""The one sanitizer for text that reaches a terminal or a CI log.

A file name or a user's text may hold any character: a newline followed by ``::error ...``
would start a GitHub workflow command of its own, and ESC or BEL would drive the terminal.
Every message that names a file or quotes user text is passed through `printable` before it
is shown, so each message is one line whatever it quotes: control characters (C0, including
line breaks, tab, ESC and BEL; DEL; C1) are shown escaped as ``\\xNN``, and so are the
bytes of a file name that is not UTF-8 (which no terminal could print).

`markup_safe` also escapes rich markup, for text printed through a rich console;
`unicode_safe` only escapes what is not valid Unicode, for JSON and SARIF.
"""

from __future__ import annotations

import os
import re
import sys

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROLS_BUT_TABS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROLS_BUT_LINE_BREAKS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


_COMMAND_STARTS = ("::", "##[")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_tabs: bool = False) -> str:
    """`text` on one line, control characters shown as escapes (``\\x0a``, ``\\x1b``).

    `keep_tabs` leaves tabs for a caller that expands them (a quoted source line).
    """
    pattern = _CONTROLS_BUT_TABS if keep_tabs else _CONTROLS
    return pattern.sub(_escaped, text)


_SURROGATES = re.compile("[\ud800-\udfff]")


def unicode_safe(text: str) -> str:
    """`text` as valid Unicode for a machine-read format (JSON, SARIF): the bytes of a file
    name that is not UTF-8 (and any other lone surrogate) shown escaped as by `printable`;
    everything else kept as it is, line breaks included (the format escapes those)."""
    return _SURROGATES.sub(_escaped, text)


def encodable(text: str) -> str:
    """`text` that encodes as UTF-8 whatever it holds: a lone surrogate (a byte of a file
    name that is not UTF-8, which a report failed to escape) becomes U+FFFD, valid in any
    format. The last guard before output is written; reports escape such names themselves."""
    return _SURROGATES.sub("\ufffd", text)


def printable_path(path: str) -> str:
    """A file name to print at the start of a line: `printable`, and never the start of a
    GitHub workflow command (``::error ...`` or ``##[error]...``, after any leading white space,
    which the runner ignores): such a name gets ``./``."""
    shown = printable(path)
    return f"./{shown}" if shown.lstrip().startswith(_COMMAND_STARTS) else shown


def printable_text(text: str) -> str:
    """User text that a report may put at the start of a line (after indentation): `printable`,
    and never the start of a GitHub workflow command (the runner ignores leading white space), so a
    leading ``::`` or ``##[`` has its first character shown escaped (``\\x3a:error::``)."""
    shown = printable(text)
    body = shown.lstrip()
    if not body.startswith(_COMMAND_STARTS):
        return shown
    return f"{shown[: len(shown) - len(body)]}\\x{ord(body[0]):02x}{body[1:]}"


def printable_but_line_breaks(text: str) -> str:
    """Control characters escaped except CR and LF, for a format that escapes those itself
    (GitHub's workflow commands turn them into ``%0D`` and ``%0A``)."""
    return _CONTROLS_BUT_LINE_BREAKS.sub(_escaped, text)


def markup_safe(text: str) -> str:
    """`printable` text with rich markup escaped, for a rich console that reads markup."""
    from rich.markup import escape

    return escape(printable(text))


def message(text: str) -> str:
    """A journeyctl message line: ``journeyctl: ...``, sanitized, without the newline."""
    return f"journeyctl: {printable(text)}"


def say(text: str) -> None:
    """Print a message line on stderr (sanitized): warnings, summaries, errors."""
    sys.stderr.write(message(text) + "\n")
    sys.stderr.flush()


def stdout_has_color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()

"""Read the bytes of a file safely, and decode them to text.

`read_regular` reads only regular files, up to a size cap, and never blocks (a FIFO or a device
is refused before it is read). `decode` turns the bytes into text: UTF-8 with or without a byte
order mark, UTF-16 and UTF-32 with one; CRLF and CR line endings become LF, so that a line
number means the same in the text as in the file.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from journeyctl.core.errors import JourneyError, UsageError

MAX_BYTES = 100_000_000
"""The largest file journeyctl reads by default (100 MB): journeyctl files are far smaller."""
MAX_SIZE_ENV = "JOURNEYCTL_MAX_FILE_MB"
"""Set to a number of megabytes to read larger (or only smaller) files."""

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BINARY_SNIFF = 8192
"""A NUL byte this close to the start of a file without a byte order mark means binary."""


class LoadError(JourneyError):
    """The file cannot be read as safe YAML: a `parse-error` at a 1-based line and column.

    Raised by `decode` for bytes that are not text, and by the loader for bad YAML.
    """

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def max_file_bytes() -> int:
    """The size cap: `JOURNEYCTL_MAX_FILE_MB` megabytes when set, else `MAX_BYTES`."""
    setting = os.environ.get(MAX_SIZE_ENV, "").strip()
    if not setting:
        return MAX_BYTES
    try:
        megabytes = float(setting)
    except ValueError:
        megabytes = -1.0
    if not 0 < megabytes < 1e9:
        raise UsageError(f"{MAX_SIZE_ENV}={setting!r}: give a number of megabytes, e.g. 250")
    return int(megabytes * 1_000_000)


def read_regular(path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file; OSError for anything else, or for a file over `max_bytes`
    (default: `max_file_bytes()`).

    The file is opened without blocking and checked before a byte is read: a FIFO would wait
    for a writer forever, a device might never end.
    """
    max_bytes = max_file_bytes() if max_bytes is None else max_bytes
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(0, "is a directory")
        if not stat.S_ISREG(status.st_mode):
            raise OSError(0, "not a regular file")
        if status.st_size > max_bytes:
            raise OSError(0, _too_large(max_bytes))
        chunks: list[bytes] = []
        left = max_bytes + 1  # a file that grew since fstat is still capped
        while left > 0:
            chunk = os.read(descriptor, min(left, max(status.st_size, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(descriptor)
    raw = b"".join(chunks)
    if len(raw) > max_bytes:
        raise OSError(0, _too_large(max_bytes))
    return raw


def _too_large(max_bytes: int) -> str:
    return (
        f"larger than {max_bytes / 1_000_000:g} MB, the most journeyctl reads "
        f"(set {MAX_SIZE_ENV} to change it)"
    )


def encoding_of(raw: bytes) -> tuple[str, int]:
    """The encoding of the bytes (from a byte order mark, else UTF-8) and the mark's length."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding, len(bom)
    return "utf-8", 0


def decode(raw: bytes) -> str:
    """The text of a file, without its byte order mark and with LF line endings.

    LoadError names the line and column of the first byte that is not text.
    """
    encoding, skip = encoding_of(raw)
    if not skip and b"\x00" in raw[:_BINARY_SNIFF]:
        raise LoadError("binary file: not YAML text")
    try:
        text = raw[skip:].decode(encoding)
    except UnicodeDecodeError as error:
        raise _undecodable(raw, skip, encoding, error) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _undecodable(raw: bytes, skip: int, encoding: str, error: UnicodeDecodeError) -> LoadError:
    before = raw[skip : skip + error.start].decode(encoding, "replace")
    before = before.replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    if encoding == "utf-8":
        byte = raw[skip + error.start]
        message = f"invalid UTF-8: byte 0x{byte:02x} cannot start or continue a character"
    else:
        message = f"invalid {encoding.upper().removesuffix('-LE').removesuffix('-BE')} text"
    return LoadError(message, line, column)


def scannable(raw: bytes) -> str | bytes:
    """The text of a file as `decode` gives it, or the bytes themselves when they are that
    text in UTF-8 already (no mark, no CR, valid): for scanning a big file with a regular
    expression without a second copy of it in memory. LoadError as `decode`."""
    if encoding_of(raw)[1] or b"\r" in raw or b"\x00" in raw[:_BINARY_SNIFF]:
        return decode(raw)
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(raw)
    try:
        for start in range(0, len(raw), _CHUNK):
            decoder.decode(view[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return decode(raw)  # raises, naming the line and column
    return raw


_CHUNK = 1 << 20

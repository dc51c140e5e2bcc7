"""Readers turn bytes into a Document: decoding, format detection and markup removal."""

from __future__ import annotations

import os
from pathlib import Path

from mtcheck.document import Document

FORMAT_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
# Extensions picked up when a directory is walked; other files are checked only when named.
SUPPORTED_EXTENSIONS = frozenset(FORMAT_BY_EXTENSION)


class InputError(Exception):
    """A file that cannot be checked; the message is the cause, for one line of output."""


def format_for(path: str | os.PathLike[str]) -> str:
    return FORMAT_BY_EXTENSION.get(Path(path).suffix.lower(), "text")


def decode(data: bytes) -> str:
    """Decode UTF-8 (BOM optional) or raise InputError naming the cause."""
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if not text.strip():
        raise InputError("file is empty")
    return text


def parse(original: str, path: str, fmt: str = "text") -> Document:
    """Build the Document for already-decoded text in the given format."""
    if fmt == "markdown":
        from mtcheck.readers.markdown import read_markdown

        return read_markdown(original, path)
    if fmt == "html":
        from mtcheck.readers.html import read_html

        return read_html(original, path)
    from mtcheck.readers.plain import read_plain

    return read_plain(original, path)


def read_bytes(data: bytes, path: str, fmt: str | None = None) -> Document:
    return parse(decode(data), path, fmt or format_for(path))


def read_path(path: Path, display: str | None = None) -> Document:
    """Read and parse a file; raises InputError with a one-line cause."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return read_bytes(data, name, format_for(path))

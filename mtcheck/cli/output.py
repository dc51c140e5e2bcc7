"""What every command shares: one-line errors (exit 2) and writing a report to a file or stdout."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def fail(message: str) -> typer.Exit:
    """Print `mtcheck: error: message` to stderr; raise the returned Exit (code 2)."""
    typer.echo(f"mtcheck: error: {message}", err=True)
    return typer.Exit(2)


def emit(text: str, output_file: Path | None) -> None:
    """Write a finished report to `--output-file`, or to stdout when none is given."""
    if output_file is None:
        sys.stdout.write(text)
        return
    try:
        output_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"--output-file {output_file}: {exc.strerror or exc}") from None

"""`mtcheck check`: lint files, directories or stdin and report findings."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from mtcheck.cli.output import emit, fail
from mtcheck.finding import Severity


def _split_codes(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    out: list[str] = []
    for v in values:
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    return tuple(out)


def check(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    select: Annotated[list[str] | None, typer.Option("--select", help="Only these codes or prefixes (MT6, MT601, ALL).")] = None,
    extend_select: Annotated[list[str] | None, typer.Option("--extend-select", help="Add codes to the selection.")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Codes or prefixes to skip.")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Use this config file instead of searching for one.")] = None,
    output_format: Annotated[str | None, typer.Option("--output-format", "-f", help="full, concise, json, sarif or github (default: full on a terminal, concise otherwise).")] = None,
    output_file: Annotated[Path | None, typer.Option("--output-file", "-o", help="Write the report to this file.")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print counts per rule instead of findings.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail the run.")] = False,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="Lowest severity that fails the run: info, warning, error.")] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Globs to skip (replaces the default list).")] = None,
    extend_exclude: Annotated[list[str] | None, typer.Option("--extend-exclude", help="Globs to skip, added to the list.")] = None,
    stdin_filename: Annotated[str | None, typer.Option("--stdin-filename", help="Name (and format) for text read from stdin.")] = None,
    source_language: Annotated[list[str] | None, typer.Option("--source-language", help="Source languages whose calques apply (es, fr, it, de, pt).")] = None,
    accept: Annotated[list[str] | None, typer.Option("--accept", help="Words or names that are always fine.")] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="Skip the fluency model pass (heuristic rules only).")] = False,
    model: Annotated[str | None, typer.Option("--model", help="Causal LM for the fluency pass: local dir, .gguf file or hub id.")] = None,
    device: Annotated[str | None, typer.Option("--device", help="auto, cpu, cuda or mps.")] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", min=1, help="Sentences per model batch.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore cached model results.")] = False,
    source: Annotated[Path | None, typer.Option("--source", help="The source-language original of the checked file (bilingual checks).")] = None,
    source_lang: Annotated[str | None, typer.Option("--source-lang", help="Language of --source (detected when omitted).")] = None,
) -> None:
    """Check articles for machine-translation artefacts."""
    from mtcheck.config import ConfigError, check_selectors
    from mtcheck.engine import check_paths
    from mtcheck.reporters import FORMATS, renderer
    from mtcheck.reporters.text import render_statistics

    selectors = {"select": _split_codes(select), "extend_select": _split_codes(extend_select),
                 "ignore": _split_codes(ignore)}
    for key, codes in selectors.items():
        if codes:
            try:
                check_selectors(codes, "--" + key.replace("_", "-"))
            except ConfigError as exc:
                raise fail(str(exc)) from None
    overrides: dict[str, Any] = {
        **selectors,
        "exclude": tuple(exclude) if exclude else None,
        "extend_exclude": tuple(extend_exclude) if extend_exclude else None,
        "accept": tuple(accept) if accept else None,
        "device": device,
        "batch_size": batch_size,
    }
    if fail_on is not None:
        try:
            overrides["fail_on"] = Severity.parse(fail_on)
        except ValueError as exc:
            raise fail(f"--fail-on: {exc}") from None
    if source_language:
        langs = tuple(lang.lower() for v in source_language for lang in v.split(","))
        bad = sorted(set(langs) - {"es", "fr", "it", "de", "pt"})
        if bad:
            raise fail(f"--source-language: unknown language(s) {', '.join(bad)}")
        overrides["source_languages"] = langs
    if no_model:
        overrides["model"] = False
    elif model is not None:
        overrides["model"] = model
    if no_cache:
        overrides["use_cache"] = False
    if output_format is not None and output_format not in FORMATS:
        raise fail(f"--output-format: unknown format {output_format!r} (choose from {', '.join(FORMATS)})")
    if source is not None and len(paths) != 1:
        raise fail("--source pairs one original with one checked file; give exactly one path")

    try:
        report = check_paths(
            paths,
            config_file=config,
            overrides=overrides,
            stdin_filename=stdin_filename,
            source=source,
            source_lang=source_lang,
        )
    except ConfigError as exc:
        raise fail(str(exc)) from None

    for notice in report.notices:
        typer.echo(f"mtcheck: note: {notice}", err=True)

    to_terminal = output_file is None and sys.stdout.isatty()
    fmt = output_format or ("full" if to_terminal else "concise")
    color = to_terminal and "NO_COLOR" not in os.environ
    buffer = io.StringIO()
    if statistics:
        render_statistics(report, buffer)
    else:
        renderer(fmt)(report, buffer, color)
    emit(buffer.getvalue(), output_file)
    if report.input_errors:
        for err in report.input_errors:
            typer.echo(f"mtcheck: error: {err.message}", err=True)
    raise typer.Exit(report.exit_code(exit_zero=exit_zero))


def register(app: typer.Typer) -> None:
    app.command("check")(check)

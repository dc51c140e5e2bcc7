"""Reporters: turn a Report into text for people (full, concise) or machines (json, sarif, github)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from mtcheck.engine import Report

Renderer = Callable[[Report, TextIO, bool], None]

FORMATS = ("full", "concise", "json", "sarif", "github")


def renderer(name: str) -> Renderer:
    """The render function for an output format (imported on demand)."""
    if name == "full":
        from mtcheck.reporters.text import render_full

        return render_full
    if name == "concise":
        from mtcheck.reporters.text import render_concise

        return render_concise
    if name == "json":
        from mtcheck.reporters.json import render_json

        return render_json
    if name == "sarif":
        from mtcheck.reporters.sarif import render_sarif

        return render_sarif
    if name == "github":
        from mtcheck.reporters.github import render_github

        return render_github
    raise ValueError(f"unknown output format {name!r} (choose from {', '.join(FORMATS)})")

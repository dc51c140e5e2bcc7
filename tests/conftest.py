"""Shared test set-up: offline model hub, helpers to run the checker on a text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def heuristic_config():
    from mtcheck.config import Config

    return Config(model=False)


def findings_for(text: str, *, codes: list[str] | None = None, fmt: str = "text", **config_kw):
    """Findings of the heuristic pass on `text` (model off), optionally only some codes."""
    from mtcheck.config import Config
    from mtcheck.engine import check_text

    cfg = Config(model=False, select=tuple(codes) if codes else (), **config_kw)
    name = {"text": "t.txt", "markdown": "t.md", "html": "t.html"}[fmt]
    return check_text(text, filename=name, config=cfg)

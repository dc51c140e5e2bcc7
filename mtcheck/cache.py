"""Where mtcheck keeps derived data between runs (user cache dir, or $MTCHECK_CACHE_DIR)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def atomic_file(path: str | os.PathLike[str], suffix: str = ".tmp") -> Iterator[str]:
    """A temporary file beside `path` to build into; renamed onto `path` when the block
    succeeds, deleted when it fails. Concurrent first runs each build their own file and
    the last rename wins, so nobody ever reads a half-written cache file."""
    directory = os.path.dirname(os.fspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".building-", suffix=suffix, dir=directory)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise

"""Where mtcheck keeps derived data between runs (user cache dir, or $MTCHECK_CACHE_DIR)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


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


def parsed_toml(text: str, label: str) -> dict[str, Any]:
    """`tomllib.loads(text)`, kept as JSON in the user cache under `label` and a hash of
    the text, so later runs skip the TOML parse.

    The rule data files are read at every start-up, and tomllib parses them about five
    times slower than json reads the same values back. An edited file hashes to a new cache
    entry. A document JSON cannot hold (a TOML date) is parsed every time instead, and so is
    everything when the cache cannot be written or read."""
    import hashlib
    import json

    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    path: Path | None = None
    try:
        path = cache_dir("parsed") / f"{label}-{digest}.json"
        loaded = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            return loaded
    except (OSError, ValueError):
        pass  # not built yet or unreadable: parse the TOML
    import tomllib

    data = tomllib.loads(text)
    if path is not None:
        try:
            encoded = json.dumps(data, ensure_ascii=False)
            if json.loads(encoded) == data:  # only values that JSON reads back the same
                with atomic_file(path) as tmp:
                    Path(tmp).write_text(encoded, encoding="utf-8")
        except (OSError, TypeError, ValueError):
            pass  # a read-only cache, or a value JSON cannot hold: parse again next time
    return data

"""Where mtcheck keeps derived data between runs (user cache dir, or $MTCHECK_CACHE_DIR)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

J = TypeVar("J")
T = TypeVar("T")


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


def json_cached(
    label: str,
    key: str | bytes,
    build: Callable[[], J],
    decode: Callable[[J], T],
    *,
    folder: str = "parsed",
) -> T:
    """`decode(build())`, with `build`'s value kept as JSON in the user cache, in
    `cache_dir(folder)` under the name `{label}-{hash of key}.json`, so that later runs read
    it back instead of building it again.

    For derived data that costs start-up time to build (parsing TOML, folding every form of a
    lexicon, analysing regular expressions) and that json reads back several times faster.
    `key` must cover everything the value is derived from: the input bytes (the data files'
    text, the patterns), and, where the derivation can change, a version of it (a constant
    bumped with the code, and `sys.version` where the answer depends on Python's own
    modules); an edited input then hashes to a new cache entry.

    `decode` turns the JSON value read back into the result, raising ValueError, TypeError or
    LookupError for a value it does not take (a cache file is outside our control); it is
    applied to `build`'s value too, so both paths give the same result. Nothing here fails:
    an unreadable, corrupt or rejected cache file is built again, and a value JSON cannot
    hold (a TOML date) or a cache that cannot be written is built again on every run."""
    import hashlib
    import json

    raw = key.encode("utf-8", "surrogatepass") if isinstance(key, str) else key
    name = f"{label}-{hashlib.sha256(raw).hexdigest()[:16]}.json"
    path: Path | None = None
    try:
        path = cache_dir(folder) / name
        return decode(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, LookupError):
        pass  # not built yet, unreadable or rejected: build it
    value = build()
    result = decode(value)
    if path is not None:
        try:
            encoded = json.dumps(value, ensure_ascii=False)
            with atomic_file(path) as tmp:
                Path(tmp).write_text(encoded, encoding="utf-8")
        except (OSError, TypeError, ValueError):
            pass  # a read-only cache, or a value JSON cannot hold: build again next time
    return result


def parsed_toml(text: str, label: str) -> dict[str, Any]:
    """`tomllib.loads(text)`, kept as JSON in the user cache under `label` and a hash of
    the text (`json_cached`), so later runs skip the TOML parse.

    The rule data files are read at every start-up, and tomllib parses them about five
    times slower than json reads the same values back. A document JSON cannot hold (a TOML
    date) is parsed every time instead."""

    def parse() -> dict[str, Any]:
        import tomllib

        return tomllib.loads(text)

    return json_cached(label, text, parse, _table)


def _table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("a TOML document is a table")
    return value

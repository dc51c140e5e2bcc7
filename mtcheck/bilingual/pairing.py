"""Which source-language original goes with a checked file: `--source`, config, or file name.

Order: the `sources` table of the configuration (target glob = source path; the path may
use `{stem}`, `{name}` and `{parent}` of the target, and is relative to the config file),
then the naming convention `story.<lang>.md` beside `story.md` (lang one of es, fr, it,
de, pt; any supported extension, the original's extension may differ). A file that is
itself the original of a sibling is not checked as English copy.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

LANGS = ("es", "fr", "it", "de", "pt")
EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".text")
_SOURCE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>es|fr|it|de|pt)(?P<ext>\.[A-Za-z]+)$")


def source_by_convention(path: Path) -> tuple[Path, str] | None:
    """`story.es.md` (or `.txt`, `.html`) beside `story.md`, with its language."""
    if is_source_file(path):
        return None
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    exts = [path.suffix, *(e for e in EXTENSIONS if e != path.suffix)]
    for lang in LANGS:
        for ext in exts:
            candidate = path.with_name(f"{stem}.{lang}{ext}")
            if candidate.is_file():
                return candidate, lang
    return None


def is_source_file(path: Path) -> bool:
    """Whether `path` is named like the original of a sibling that exists (`story.es.md`)."""
    m = _SOURCE_NAME.match(path.name)
    if not m:
        return False
    stem = m["stem"]
    return any(path.with_name(stem + ext).is_file() for ext in {m["ext"], *EXTENSIONS})


def language_from_name(path: Path) -> str | None:
    m = _SOURCE_NAME.match(path.name)
    return m["lang"] if m else None


def source_from_config(path: Path, sources: Mapping[str, str], root: Path) -> Path | None:
    """The first `sources` entry whose glob matches `path` (relative to `root`)."""
    if not sources:
        return None
    from mtcheck.config import glob_match

    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path.as_posix()
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for pattern, template in sources.items():
        if glob_match(rel, pattern):
            target = template.format(stem=stem, name=path.name, parent=Path(rel).parent.as_posix())
            candidate = Path(target)
            return candidate if candidate.is_absolute() else root / candidate
    return None


def find_source(path: Path, sources: Mapping[str, str], root: Path) -> tuple[Path, str | None] | None:
    """The original for `path` and its language when the name tells it, or None."""
    configured = source_from_config(path, sources, root)
    if configured is not None:
        return configured, language_from_name(configured)
    return source_by_convention(path)

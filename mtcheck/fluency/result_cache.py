"""Model results per (model, settings, text) in the user cache: unchanged files cost nothing."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from mtcheck.cache import cache_dir


class ResultCache:
    """JSON entries under `<cache>/fluency/`, keyed by a hash of signature and text."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._dir: Path | None = None

    def _path(self, signature: str, text: str) -> Path:
        if self._dir is None:
            self._dir = cache_dir("fluency")
        key = hashlib.sha256(signature.encode() + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()
        return self._dir / key[:2] / f"{key}.json"

    def get(self, signature: str, text: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        try:
            raw = json.loads(self._path(signature, text).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return raw if isinstance(raw, dict) and raw.get("signature") == signature else None

    def put(self, signature: str, text: str, entry: dict[str, Any]) -> None:
        if not self.enabled:
            return
        path = self._path(signature, text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({**entry, "signature": signature}, fh, separators=(",", ":"))
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only cache only costs speed

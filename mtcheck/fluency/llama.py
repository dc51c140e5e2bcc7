"""A compact Llama-architecture forward pass in plain torch, for fast start-up.

Importing `transformers.models.llama` takes ~6 s on the 2-core reference machine, more than
the whole cold-start budget, so the embedded model (and any local Llama checkpoint) runs on
this ~100-line forward pass instead. It reads the same safetensors/config as
`LlamaForCausalLM`, and `tests/fluency/test_loading.py` checks that its logits match
transformers' to float rounding. Anything that is not a plain Llama goes through
transformers (`mtcheck.fluency.loading`).

Imported only when the model pass runs: it imports torch.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

# Config keys that change the computation; a checkpoint using anything beyond these
# (rope scaling, sliding windows, biases, ...) is left to transformers.
_SUPPORTED_ROPE_TYPES = {None, "default"}


@dataclass(frozen=True)
class LlamaShape:
    """The hyper-parameters the forward pass needs, read from a HF `config.json`."""

    vocab_size: int
    hidden_size: int
    intermediate_size: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    head_dim: int
    rms_norm_eps: float
    rope_theta: float
    tie_word_embeddings: bool

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any]) -> LlamaShape | None:
        """The shape, or None when the config is not a plain Llama this module runs."""
        if cfg.get("model_type") != "llama" or cfg.get("hidden_act", "silu") != "silu":
            return None
        if cfg.get("attention_bias") or cfg.get("mlp_bias"):
            return None
        if cfg.get("pretraining_tp", 1) != 1:
            return None
        rope = cfg.get("rope_parameters") or {}
        scaling = cfg.get("rope_scaling") or {}
        rope_type = rope.get("rope_type") or scaling.get("rope_type") or scaling.get("type")
        if rope_type not in _SUPPORTED_ROPE_TYPES:
            return None
        theta = rope.get("rope_theta", cfg.get("rope_theta", 10000.0))
        heads = int(cfg["num_attention_heads"])
        hidden = int(cfg["hidden_size"])
        return cls(
            vocab_size=int(cfg["vocab_size"]),
            hidden_size=hidden,
            intermediate_size=int(cfg["intermediate_size"]),
            num_layers=int(cfg["num_hidden_layers"]),
            num_heads=heads,
            num_kv_heads=int(cfg.get("num_key_value_heads") or heads),
            head_dim=int(cfg.get("head_dim") or hidden // heads),
            rms_norm_eps=float(cfg.get("rms_norm_eps", 1e-6)),
            rope_theta=float(theta),
            tie_word_embeddings=bool(cfg.get("tie_word_embeddings", False)),
        )

    def parameter_count(self) -> int:
        h, i, d = self.hidden_size, self.intermediate_size, self.head_dim
        attn = h * self.num_heads * d * 2 + h * self.num_kv_heads * d * 2
        per_layer = attn + 3 * h * i + 2 * h
        head = 0 if self.tie_word_embeddings else self.vocab_size * h
        return self.vocab_size * h + self.num_layers * per_layer + h + head


@dataclass
class KVCache:
    """Keys and values of the tokens already seen, per layer: [batch, kv_heads, T, head_dim]."""

    keys: list[Tensor]
    values: list[Tensor]
    length: int = 0  # absolute position of the next token

    def cropped(self, keep: int) -> KVCache:
        """The cache keeping only the last `keep` tokens (positions stay absolute)."""
        if not self.keys or self.keys[0].shape[2] <= keep:
            return self
        return KVCache(
            [k[:, :, -keep:] for k in self.keys],
            [v[:, :, -keep:] for v in self.values],
            self.length,
        )

    def expanded(self, batch: int) -> KVCache:
        return KVCache(
            [k.expand(batch, -1, -1, -1) for k in self.keys],
            [v.expand(batch, -1, -1, -1) for v in self.values],
            self.length,
        )


class LlamaLM:
    """Llama causal LM: token ids -> next-token logits (pre-norm, RoPE, GQA, SwiGLU)."""

    def __init__(self, shape: LlamaShape, weights: Mapping[str, Tensor]) -> None:
        self.shape = shape
        w = weights
        self.embed = w["model.embed_tokens.weight"]
        self.lm_head = self.embed if shape.tie_word_embeddings else w["lm_head.weight"]
        self.final_norm = w["model.norm.weight"]
        self.layers: list[tuple[Tensor, ...]] = []
        for i in range(shape.num_layers):
            p = f"model.layers.{i}."
            q = w[p + "self_attn.q_proj.weight"]
            k = w[p + "self_attn.k_proj.weight"]
            v = w[p + "self_attn.v_proj.weight"]
            gate = w[p + "mlp.gate_proj.weight"]
            up = w[p + "mlp.up_proj.weight"]
            # Fused projections: one matmul instead of three (and two) per layer.
            qkv = torch.cat([q, k, v], dim=0)
            gate_up = torch.cat([gate, up], dim=0)
            self.layers.append(
                (
                    w[p + "input_layernorm.weight"],
                    qkv,
                    w[p + "self_attn.o_proj.weight"],
                    w[p + "post_attention_layernorm.weight"],
                    gate_up,
                    w[p + "mlp.down_proj.weight"],
                )
            )
        d = shape.head_dim
        self.inv_freq = 1.0 / (
            shape.rope_theta ** (torch.arange(0, d, 2, dtype=torch.int64).float() / d)
        )
        self.device = self.embed.device
        self.dtype = self.embed.dtype

    def _norm(self, x: Tensor, weight: Tensor) -> Tensor:
        return F.rms_norm(x, (x.shape[-1],), weight, self.shape.rms_norm_eps)

    def _rope(self, positions: Tensor) -> tuple[Tensor, Tensor]:
        freqs = positions.float()[:, None] * self.inv_freq[None, :].to(positions.device)
        emb = torch.cat((freqs, freqs), dim=-1)
        # [T, 1, head_dim]: broadcasts over the heads of a [batch, T, heads, head_dim] tensor.
        return emb.cos().to(self.dtype)[:, None, :], emb.sin().to(self.dtype)[:, None, :]

    def hidden_states(
        self,
        ids: Tensor,
        cache: KVCache | None = None,
        row_prefix: Tensor | None = None,
        window: int | None = None,
    ) -> tuple[Tensor, KVCache]:
        """Final hidden states [batch, T, hidden] for `ids` after the cached prefix.

        Right padding needs no mask: attention is causal, so padding never reaches the
        real tokens before it. With `row_prefix` ([batch] lengths), row b continues after
        only the first row_prefix[b] tokens of a one-row `cache`, of which it sees the last
        `window` (many rewrites of one document scored in one call, each after its own
        prefix).
        """
        s = self.shape
        bsz, t = ids.shape
        start = cache.length if cache is not None else 0
        hd, nh, nkv = s.head_dim, s.num_heads, s.num_kv_heads
        half = hd // 2
        past_len = cache.keys[0].shape[2] if cache is not None and cache.keys else 0
        mask: Tensor | None = None
        steps = torch.arange(t, device=ids.device)
        if row_prefix is not None:
            # [batch, T, 1, head_dim] rotations: each row has its own positions.
            freqs = (row_prefix[:, None] + steps[None, :]).float()[..., None] * self.inv_freq.to(ids.device)
            emb = torch.cat((freqs, freqs), dim=-1)
            cos, sin = emb.cos().to(self.dtype)[:, :, None, :], emb.sin().to(self.dtype)[:, :, None, :]
        else:
            positions = torch.arange(start, start + t, device=ids.device)
            cos, sin = self._rope(positions)
            if past_len:
                # Query i (absolute past_len + i) sees every cached key and keys 0..i of its own.
                mask = steps[:, None] + past_len >= torch.arange(past_len + t, device=ids.device)[None, :]
        x = F.embedding(ids, self.embed)
        scale = 1 / math.sqrt(hd)
        gqa = nkv != nh
        new_keys: list[Tensor] = []
        new_values: list[Tensor] = []
        for li, (in_norm, qkv_w, o_w, post_norm, gate_up_w, down_w) in enumerate(self.layers):
            h = self._norm(x, in_norm)
            qkv = F.linear(h, qkv_w).view(bsz, t, nh + 2 * nkv, hd)
            qk = qkv[:, :, : nh + nkv]
            # RoPE on queries and keys together (one set of elementwise ops per layer).
            rotated = torch.cat((-qk[..., half:], qk[..., :half]), dim=-1)
            qk = qk * cos + rotated * sin
            q = qk[:, :, :nh].transpose(1, 2)
            k = qk[:, :, nh:].transpose(1, 2)
            v = qkv[:, :, nh + nkv :].transpose(1, 2)
            if row_prefix is not None and cache is not None:
                a = self._attend_after_prefixes(
                    q, k, v, cache.keys[li], cache.values[li], row_prefix, window or past_len, scale
                )
                x = x + F.linear(a.transpose(1, 2).reshape(bsz, t, nh * hd), o_w)
                h = self._norm(x, post_norm)
                gate, up = F.linear(h, gate_up_w).chunk(2, dim=-1)
                x = x + F.linear(F.silu(gate) * up, down_w)
                continue
            if past_len and cache is not None:
                k = torch.cat([cache.keys[li], k], dim=2)
                v = torch.cat([cache.values[li], v], dim=2)
            new_keys.append(k)
            new_values.append(v)
            a = F.scaled_dot_product_attention(
                q, k, v, attn_mask=mask, is_causal=mask is None, scale=scale, enable_gqa=gqa
            )
            a = a.transpose(1, 2).reshape(bsz, t, nh * hd)
            x = x + F.linear(a, o_w)
            h = self._norm(x, post_norm)
            gate, up = F.linear(h, gate_up_w).chunk(2, dim=-1)
            x = x + F.linear(F.silu(gate) * up, down_w)
        x = self._norm(x, self.final_norm)
        return x, KVCache(new_keys, new_values, start + t)

    def _attend_after_prefixes(
        self,
        q: Tensor,
        k: Tensor,
        v: Tensor,
        past_k: Tensor,
        past_v: Tensor,
        row_prefix: Tensor,
        window: int,
        scale: float,
    ) -> Tensor:
        """Attention for rows that each continue a shared one-row cache after their own
        prefix length. The cached keys are multiplied against every row's queries at once
        (rows folded into the query axis), so the cache is never copied per row."""
        bsz, nh, t, hd = q.shape
        nkv = past_k.shape[1]
        rep = nh // nkv
        past = past_k.shape[2]
        # [nkv, rep * bsz * t, hd]: rows and query heads of one KV group side by side.
        qf = q.view(bsz, nkv, rep, t, hd).permute(1, 2, 0, 3, 4).reshape(nkv, rep * bsz * t, hd)
        s_past = torch.matmul(qf, past_k[0].transpose(-1, -2)) * scale  # [nkv, rep*bsz*t, past]
        s_past = s_past.view(nkv, rep, bsz, t, past)
        j = torch.arange(past, device=q.device)[None, :]
        hidden = (j >= row_prefix[:, None]) | (j < row_prefix[:, None] + 1 - window)  # [bsz, past]
        s_past = s_past.masked_fill(hidden[None, None, :, None, :], float("-inf"))
        ke = k.repeat_interleave(rep, dim=1)
        ve = v.repeat_interleave(rep, dim=1)
        s_own = torch.matmul(q, ke.transpose(-1, -2)) * scale  # [bsz, nh, t, t]
        causal = torch.ones(t, t, dtype=torch.bool, device=q.device).triu(1)
        s_own = s_own.masked_fill(causal, float("-inf"))
        s_own = s_own.view(bsz, nkv, rep, t, t).permute(1, 2, 0, 3, 4)  # [nkv, rep, bsz, t, t]
        probs = torch.softmax(torch.cat([s_past, s_own], dim=-1), dim=-1)
        p_past, p_own = torch.split(probs, [past, t], dim=-1)
        out = torch.matmul(p_past.reshape(nkv, rep * bsz * t, past), past_v[0]).view(nkv, rep, bsz, t, hd)
        own = torch.matmul(p_own.permute(2, 0, 1, 3, 4).reshape(bsz, nh, t, t), ve)  # [bsz, nh, t, hd]
        return out.permute(2, 0, 1, 3, 4).reshape(bsz, nh, t, hd) + own

    def logits(self, hidden: Tensor) -> Tensor:
        return F.linear(hidden, self.lm_head)

"""Judge between rewrites: does the model prefer a rule's suggested wording in context?

A rule proposes a correction ("Majachkala" -> "Makhachkala"); the model scores the rest of
the sentence both ways after the same article prefix. Summed log-probabilities favour the
shorter wording, so the comparison is length-fair: each extra token is charged the
document's mean token surprisal,

    preference = (S_orig - S_cand) - (n_orig - n_cand) * mean_token_surprisal

in nats; positive means the candidate reads better. The margins that turn a preference
into a confidence change are calibrated in `benchmarks/calibrate_fluency.py`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mtcheck.fluency.loading import LanguageModel

JUDGE_VERSION = 2  # bump when a preference for the same question changes (cached results)
_FALLBACK_CONTEXT = 192  # tokens of preceding text when the model cannot reuse its KV cache


@dataclass(frozen=True)
class RewriteQuestion:
    """Which wording of text[start:end] reads better, up to `stop` (the sentence end)?"""

    start: int
    end: int
    stop: int
    candidates: tuple[str, ...]

    def key(self, candidate: str) -> str:
        return f"j{JUDGE_VERSION}:{self.start}:{self.end}:{self.stop}:{candidate}"


def _variant_surprisal(
    model: LanguageModel,
    prefix_ids: Sequence[int],
    variants: Sequence[Sequence[int]],
    batch_size: int,
) -> list[float]:
    """Summed surprisal of each variant's tokens after `prefix_ids` (start token first),
    re-encoding up to _FALLBACK_CONTEXT tokens of context (models without a sliceable cache)."""
    import torch

    n_prefix = len(prefix_ids)
    head = [prefix_ids[0], *prefix_ids[max(1, n_prefix - _FALLBACK_CONTEXT) :]]
    out: list[float] = []
    for b in range(0, len(variants), batch_size):
        group = variants[b : b + batch_size]
        width = max(len(v) for v in group) + len(head)
        rows = [head + list(v) + [0] * (width - len(head) - len(v)) for v in group]
        with torch.inference_mode():
            nll, _ = model.nll(torch.tensor(rows, device=model.device))
        for r, v in enumerate(group):
            vals = nll[r, len(head) : len(head) + len(v)].tolist()
            out.append(sum(x for x in vals if not math.isnan(x)))
    return out


def judge_rewrites(
    model: LanguageModel,
    text: str,
    token_spans: Sequence[tuple[int, int]],
    token_ids: Sequence[int],
    doc_state: Any,
    mean_surprisal: float,
    questions: Sequence[RewriteQuestion],
    batch_size: int = 8,
    window: int = 1024,
    token_surprisal: Sequence[float] | None = None,
) -> dict[str, float]:
    """Length-fair preference (nats) for each question's candidates, keyed by `key`.

    With the document's KV cache at hand every wording of every question is scored in
    a few batched calls, each row continuing the cached article at its own position.
    """
    import bisect

    import torch

    ends = [s[1] for s in token_spans]
    start_id = model.start_id if model.start_id is not None else 0
    seq = [start_id, *token_ids]
    rows: list[tuple[int, int, list[int]]] = []  # (question index, prefix length, tokens)
    known: dict[int, float] = {}  # row -> summed surprisal already known from the document pass
    # When the whole document fits the window, the document pass scored the original wording
    # with exactly the context a row would see: reuse it instead of scoring it again.
    reuse = token_surprisal is not None and len(token_ids) + 1 <= window
    for qi, q in enumerate(questions):
        # The boundary sits before the space that precedes the span: byte-level BPE glues a
        # leading space to the next word, so the prefix tokens are identical both ways.
        boundary = q.start
        while boundary > 0 and text[boundary - 1] in " \t":
            boundary -= 1
        n_doc = bisect.bisect_right(ends, boundary)
        # A token straddling the boundary (rare) moves the boundary back to its start.
        if n_doc < len(token_spans) and token_spans[n_doc][0] < boundary:
            boundary = token_spans[n_doc][0]
        original = text[boundary : q.stop]
        wordings = [original] + [text[boundary : q.start] + c + text[q.end : q.stop] for c in q.candidates]
        for k, v in enumerate(model.encode_batch(wordings)):
            if k == 0 and reuse and token_surprisal is not None and list(token_ids[n_doc : n_doc + len(v)]) == v:
                vals = token_surprisal[n_doc : n_doc + len(v)]
                if not any(math.isnan(x) for x in vals):
                    known[len(rows)] = sum(vals)
            rows.append((qi, n_doc, v))
    sums: list[float] = [known.get(i, 0.0) for i in range(len(rows))]
    fast = doc_state is not None
    order = sorted((i for i in range(len(rows)) if i not in known), key=lambda i: len(rows[i][2]))
    group_size = max(batch_size, 16)
    for g in range(0, len(order), group_size):
        idx = order[g : g + group_size]
        if fast:
            width = 1 + max(len(rows[i][2]) for i in idx)
            batch = [[seq[rows[i][1]], *rows[i][2]] + [0] * (width - 1 - len(rows[i][2])) for i in idx]
            with torch.inference_mode():
                nll = model.nll_after_prefixes(
                    torch.tensor(batch, device=model.device), doc_state, [rows[i][1] for i in idx], window
                )
            if nll is not None:
                for r, i in enumerate(idx):
                    vals = nll[r, 1 : 1 + len(rows[i][2])].tolist()
                    sums[i] = sum(x for x in vals if not math.isnan(x))
                continue
            fast = False
        for i in idx:
            sums[i] = _variant_surprisal(model, seq[: 1 + rows[i][1]], [rows[i][2]], 1)[0]
    result: dict[str, float] = {}
    pos = 0
    for q in questions:
        n0, s0 = len(rows[pos][2]), sums[pos]
        for k, cand in enumerate(q.candidates, 1):
            n, s_ = len(rows[pos + k][2]), sums[pos + k]
            result[q.key(cand)] = (s0 - s_) - (n0 - n) * mean_surprisal
        pos += 1 + len(q.candidates)
    return result

"""Token, word and sentence surprisal of a document under a causal language model."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from mtcheck.fluency.rarity import unigram_surprisal

if TYPE_CHECKING:
    from mtcheck.document import Document
    from mtcheck.fluency.loading import LanguageModel

SCORER_VERSION = 1  # bump when the numbers a given model produces change
MAX_HISTORY_TOKENS = 8192  # keep the whole article's KV cache (~46 kB/token) up to this size


@dataclass(frozen=True)
class ScoringSettings:
    """Everything besides the model and the text that changes a score (see `signature`)."""

    chunk_tokens: int = 512  # tokens per forward call; the KV cache carries context across
    max_context: int = 1024  # tokens of preceding article a token is scored with, at most
    top_k: int = 3  # words averaged for a sentence's top-k surprisal

    def signature(self, model_identity: str) -> str:
        return (
            f"model:{model_identity[:16]}|scorer:{SCORER_VERSION}|chunk:{self.chunk_tokens}"
            f"|ctx:{self.max_context}|topk:{self.top_k}"
        )


@dataclass(frozen=True)
class WordScore:
    """One word of `Document.text`: model surprisal and how much rarity explains."""

    start: int
    end: int
    text: str
    surprisal: float  # max over its subword tokens (nats)
    total: float  # sum over its subword tokens (nats)
    rarity: float  # unigram surprisal -ln p(word) (nats)

    @property
    def excess(self) -> float:
        """Surprisal beyond what the word's rarity explains: total - rarity (nats).

        Positive: the context makes the word *less* likely than a random draw of it from
        the language at large (a word that does not belong here).
        """
        return self.total - self.rarity


@dataclass(frozen=True)
class SentenceScore:
    start: int
    end: int
    text: str
    tokens: int
    mean: float  # mean token surprisal (nats)
    top_k: float  # mean of the k most surprising words' surprisal
    slor: float  # (unigram NLL - model NLL) / words: higher reads more fluent
    worst: WordScore | None  # the most surprising word (by excess)


@dataclass
class DocumentScores:
    """What the model pass knows about one document (offsets into `Document.text`)."""

    signature: str
    token_ids: list[int]
    token_spans: list[tuple[int, int]]
    token_surprisal: list[float]  # NaN where unscored
    words: list[WordScore]
    sentences: list[SentenceScore] = field(default_factory=list)

    @property
    def mean_token_surprisal(self) -> float:
        vals = [v for v in self.token_surprisal if not math.isnan(v)]
        return sum(vals) / len(vals) if vals else float("nan")

    @property
    def fluency(self) -> float:
        """Document-level figure: mean sentence SLOR weighted by words (higher = more fluent)."""
        num = den = 0.0
        for s in self.sentences:
            n = max(1, len(s.text.split()))
            num += s.slor * n
            den += n
        return num / den if den else float("nan")

    def to_json(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "token_ids": self.token_ids,
            "token_spans": self.token_spans,
            "token_surprisal": [None if math.isnan(v) else v for v in self.token_surprisal],
            "words": [asdict(w) for w in self.words],
            "sentences": [
                {**{k: v for k, v in asdict(s).items() if k != "worst"}, "worst": None if s.worst is None else asdict(s.worst)}
                for s in self.sentences
            ],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DocumentScores:
        words = [WordScore(**w) for w in raw["words"]]
        return cls(
            signature=raw["signature"],
            token_ids=list(raw["token_ids"]),
            token_spans=[(int(t[0]), int(t[1])) for t in raw["token_spans"]],
            token_surprisal=[float("nan") if v is None else float(v) for v in raw["token_surprisal"]],
            words=words,
            sentences=[
                SentenceScore(**{**s, "worst": None if s["worst"] is None else WordScore(**s["worst"])})
                for s in raw["sentences"]
            ],
        )


class FluencyScorer:
    """Scores documents with one model; holds no per-document state."""

    def __init__(self, model: LanguageModel, settings: ScoringSettings | None = None) -> None:
        self.model = model
        self.settings = settings or ScoringSettings()
        self.signature = self.settings.signature(model.identity)

    # -- tokens -------------------------------------------------------------------------
    def token_surprisal(self, text: str) -> tuple[list[int], list[tuple[int, int]], list[float], Any]:
        """Surprisal of every token of `text` with all preceding text as context.

        Long texts run in chunks; the KV cache carries the context across chunks and is
        cropped to `max_context` tokens, so no text is encoded twice (models whose cache
        cannot be cropped re-encode an overlap instead). Returns token ids, spans,
        surprisals and the model state after the whole text.
        """
        import torch

        ids, spans = self.model.encode(text)
        if not ids:
            return [], [], [], None
        start = self.model.start_id
        seq = ([start] if start is not None else []) + ids
        offset = 1 if start is not None else 0
        out = [float("nan")] * len(seq)
        chunk = self.settings.chunk_tokens
        ctx = self.settings.max_context
        device = self.model.device
        state: Any = None
        history: Any = None  # the whole document's cache, for the judge
        keep_history = True
        held = 0
        pos = 0
        with torch.inference_mode():
            while pos < len(seq):
                end = min(pos + chunk, len(seq))
                feed_from = pos
                if state is not None and held + (end - pos) > ctx:
                    cropped = self.model.crop_state(state, max(0, ctx - (end - pos)))
                    if cropped is None:
                        feed_from = max(0, pos - max(0, ctx - (end - pos)))
                        state = None
                        held = 0
                    else:
                        state = cropped
                        held = max(0, ctx - (end - pos))
                x = torch.tensor([seq[feed_from:end]], device=device)
                nll, state = self.model.nll(x, state)
                if keep_history:
                    history = self.model.extend_history(history, state, end - feed_from if feed_from != pos else end - pos)
                    keep_history = history is not None and len(seq) <= MAX_HISTORY_TOKENS
                vals = nll[0].tolist()
                for j in range(pos, end):
                    out[j] = vals[j - feed_from]
                held += end - feed_from
                pos = end
        if keep_history and history is not None:
            state = self.model.history_state(history)
        return ids, spans, out[offset:], state

    # -- words and sentences ------------------------------------------------------------
    def score_document(self, doc: Document) -> tuple[DocumentScores, Any]:
        """The document's scores and the model state after it (for judging rewrites)."""
        ids, spans, surprisal, state = self.token_surprisal(doc.text)
        return self.assemble(doc, ids, spans, surprisal), state

    def assemble(
        self,
        doc: Document,
        ids: Sequence[int],
        spans: Sequence[tuple[int, int]],
        surprisal: Sequence[float],
    ) -> DocumentScores:
        words = word_scores(doc, spans, surprisal)
        sentences = [
            sentence_score(seg.start, seg.end, seg.text, spans, surprisal, words, self.settings.top_k)
            for seg in doc.sentences
        ]
        return DocumentScores(self.signature, list(ids), list(spans), list(surprisal), words, sentences)


def word_scores(doc: Document, spans: Sequence[tuple[int, int]], surprisal: Sequence[float]) -> list[WordScore]:
    """Per word: max subword surprisal; total surprisal of its tokens *and* of the
    punctuation tokens since the previous word (stray quotes and commas are part of what
    makes a clause garbled); unigram rarity."""
    out: list[WordScore] = []
    ti = 0
    n = len(spans)
    prev_end = 0
    for w in doc.words:
        total = 0.0
        while ti < n and spans[ti][1] <= w.start:
            v = surprisal[ti]
            if spans[ti][0] >= prev_end and not math.isnan(v):
                total += v  # punctuation between the previous word and this one
            ti += 1
        j = ti
        vals: list[float] = []
        while j < n and spans[j][0] < w.end:
            v = surprisal[j]
            if not math.isnan(v):
                vals.append(v)
            j += 1
        # The word's last token may run past its end ("Kirby." is one token); the next
        # word starts looking after it.
        ti = j if j > ti else ti
        prev_end = max(w.end, spans[j - 1][1]) if j > 0 else w.end
        if not vals:
            continue
        out.append(WordScore(w.start, w.end, w.text, max(vals), total + sum(vals), unigram_surprisal(w.text)))
    return out


def clause_windows(words: Sequence[WordScore], width: int) -> list[tuple[int, int, float]]:
    """Runs of `width` consecutive words (index range, mean excess), inside one sentence
    when `words` are one sentence's words; fewer words give one shorter run."""
    if not words:
        return []
    if len(words) <= width:
        return [(0, len(words), sum(w.excess for w in words) / len(words))]
    acc = sum(w.excess for w in words[:width])
    runs = [(0, width, acc / width)]
    for i in range(width, len(words)):
        acc += words[i].excess - words[i - width].excess
        runs.append((i - width + 1, i + 1, acc / width))
    return runs


def sentence_score(
    start: int,
    end: int,
    text: str,
    spans: Sequence[tuple[int, int]],
    surprisal: Sequence[float],
    words: Sequence[WordScore],
    top_k: int,
) -> SentenceScore:
    import bisect

    lo = bisect.bisect_left([s[1] for s in spans], start + 1) if spans else 0
    toks = []
    for i in range(lo, len(spans)):
        if spans[i][0] >= end:
            break
        if not math.isnan(surprisal[i]):
            toks.append(surprisal[i])
    ws = [w for w in words if start <= w.start < end]
    model_nll = sum(toks)
    unigram = sum(w.rarity for w in ws)
    slor = (unigram - model_nll) / len(ws) if ws else 0.0
    top = sorted((w.surprisal for w in ws), reverse=True)[:top_k]
    worst = max(ws, key=lambda w: w.excess) if ws else None
    return SentenceScore(
        start=start,
        end=end,
        text=text,
        tokens=len(toks),
        mean=model_nll / len(toks) if toks else 0.0,
        top_k=sum(top) / len(top) if top else 0.0,
        slor=slor,
        worst=worst,
    )

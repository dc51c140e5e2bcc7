"""The model stage: scores a document, judges the rules' rewrites, adds MT901/MT902."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mtcheck.fluency.judge import RewriteQuestion, judge_rewrites
from mtcheck.fluency.loading import LanguageModel, ModelHandle, resolve_model
from mtcheck.fluency.result_cache import ResultCache
from mtcheck.fluency.scorer import DocumentScores, FluencyScorer, ScoringSettings, WordScore, clause_windows
from mtcheck.fluency.thresholds import FluencyThresholds, load_thresholds

if TYPE_CHECKING:
    from mtcheck.document import Document
    from mtcheck.engine import Proposal

MAX_CANDIDATES = 3  # rewrites judged per proposal
JUDGE_FOLLOWING_WORDS = 8


@dataclasses.dataclass(frozen=True)
class ModelSpan:
    """A span the model finds surprising (before it becomes an MT901/MT902 proposal)."""

    code: str
    start: int
    end: int
    score: float  # mean excess surprisal per word (MT901) or the word's excess (MT902)
    surprisal: float  # the most surprising token in the span (nats)


class FluencyStage:
    """`engine.ModelStage` backed by a causal language model."""

    def __init__(
        self,
        model: LanguageModel | ModelHandle,
        *,
        settings: ScoringSettings | None = None,
        thresholds: FluencyThresholds | None = None,
        use_cache: bool = True,
        batch_size: int = 8,
    ) -> None:
        self._handle = model
        self.settings = settings or ScoringSettings()
        self.signature = self.settings.signature(model.identity)
        self._scorer: FluencyScorer | None = None
        self.thresholds = thresholds or load_thresholds()
        self.cache = ResultCache(use_cache)
        self.batch_size = max(1, batch_size)

    @property
    def model(self) -> LanguageModel:
        """The language model, loaded on first use (a fully cached run never loads it)."""
        return self._handle.load() if isinstance(self._handle, ModelHandle) else self._handle

    @property
    def scorer(self) -> FluencyScorer:
        if self._scorer is None:
            self._scorer = FluencyScorer(self.model, self.settings)
            self.signature = self._scorer.signature
        return self._scorer

    @classmethod
    def from_config(cls, config: Any) -> FluencyStage:
        spec = getattr(config, "model", None)
        if spec is True:
            spec = None
        model = resolve_model(None if spec is None else str(spec), getattr(config, "device", None))
        return cls(
            model,
            use_cache=bool(getattr(config, "use_cache", True)),
            batch_size=int(getattr(config, "batch_size", 8) or 8),
        )

    # -- scores (cached) ------------------------------------------------------------------
    def analyse(self, doc: Document, questions: Sequence[RewriteQuestion] = ()) -> tuple[DocumentScores, dict[str, float]]:
        """The document's scores and the judge's preferences for `questions`."""
        sig = self.signature
        entry = self.cache.get(sig, doc.text)
        scores: DocumentScores | None = None
        judgements: dict[str, float] = {}
        if entry is not None:
            try:
                scores = DocumentScores.from_json(entry["scores"])
                judgements = {str(k): float(v) for k, v in entry.get("judgements", {}).items()}
            except (KeyError, TypeError, ValueError):
                scores, judgements = None, {}
        missing = [q for q in questions if any(q.key(c) not in judgements for c in q.candidates)]
        if scores is not None and not missing:
            return scores, judgements
        fresh, state = self.scorer.score_document(doc)
        if scores is None:
            scores = fresh
        if missing:
            judgements.update(
                judge_rewrites(
                    self.model,
                    doc.text,
                    fresh.token_spans,
                    fresh.token_ids,
                    state,
                    fresh.mean_token_surprisal,
                    missing,
                    self.batch_size,
                    self.settings.max_context,
                    fresh.token_surprisal,
                )
            )
        self.cache.put(sig, doc.text, {"scores": scores.to_json(), "judgements": judgements})
        return scores, judgements

    # -- the stage ------------------------------------------------------------------------
    def process(self, doc: Document, proposals: list[Proposal]) -> list[Proposal]:
        from mtcheck.engine import Proposal
        from mtcheck.rules.fluency.mt901_garbled_sentence import GarbledSentenceRule
        from mtcheck.rules.fluency.mt902_unexpected_word import UnexpectedWordRule

        if not doc.text.strip():
            return proposals
        questions = {id(p): self._question(doc, p) for p in proposals if p.hit.suggestions}
        scores, judgements = self.analyse(doc, [q for q in questions.values() if q is not None])
        th = self.thresholds
        out: list[Proposal] = []
        for p in proposals:
            q = questions.get(id(p))
            hit = p.hit
            if q is not None:
                prefs = {c: judgements[q.key(c)] for c in q.candidates if q.key(c) in judgements}
                if prefs:
                    best = max(prefs, key=lambda c: prefs[c])
                    pref = prefs[best]
                    data = {**hit.data, "model_preferred": best if pref > 0 else None, "model_preference_nats": round(pref, 2)}
                    if pref <= th.judge_drop:
                        continue  # the model clearly prefers the original wording
                    if pref >= th.judge_raise:
                        conf = hit.confidence + (1.0 - hit.confidence) * 0.6
                        ordered = (best, *[s for s in hit.suggestions if s != best])
                        hit = dataclasses.replace(hit, confidence=conf, suggestions=ordered, data=data)
                    elif pref <= th.judge_lower:
                        hit = dataclasses.replace(hit, confidence=hit.confidence * 0.5, data=data)
                    else:
                        hit = dataclasses.replace(hit, data=data)
            worst = _most_surprising(scores.words, hit.start, hit.end)
            if worst is not None and worst.excess >= th.word_min_excess and worst.surprisal >= th.word_min_surprisal:
                # The model independently finds the span surprising: one finding, more confident.
                data = {**hit.data, "surprisal_excess_nats": round(worst.excess, 2)}
                hit = dataclasses.replace(hit, confidence=hit.confidence + (1.0 - hit.confidence) * 0.5, data=data)
            out.append(Proposal(p.rule, hit) if hit is not p.hit else p)
        taken = [(p.hit.start, p.hit.end) for p in out]
        heuristic = len(out)
        garbled, unexpected = GarbledSentenceRule(), UnexpectedWordRule()
        for span in self.model_spans(doc, scores):
            # Mostly inside a heuristic finding: that finding already says it; it gets the
            # model's evidence and more confidence instead of a second finding.
            overlaps = [(min(e, span.end) - max(s, span.start), i) for i, (s, e) in enumerate(taken)]
            covered, at = max(overlaps, default=(0, -1))
            if covered * 2 >= span.end - span.start:
                if 0 <= at < heuristic and "model_code" not in out[at].hit.data:
                    found = out[at]
                    data = {**found.hit.data, "model_code": span.code, "model_score": round(span.score, 2)}
                    conf = found.hit.confidence + (1.0 - found.hit.confidence) * 0.5
                    out[at] = Proposal(found.rule, dataclasses.replace(found.hit, confidence=conf, data=data))
                continue
            rule = garbled if span.code == "MT901" else unexpected
            out.append(Proposal(rule, rule.hit_for(doc, span, scores.signature, th)))
            taken.append((span.start, span.end))
        return out

    def _question(self, doc: Document, p: Proposal) -> RewriteQuestion | None:
        hit = p.hit
        cands = tuple(dict.fromkeys(s for s in hit.suggestions if s != doc.text[hit.start : hit.end]))[:MAX_CANDIDATES]
        if not cands or hit.end <= hit.start:
            return None
        stop = hit.end
        for seg in doc.sentences:
            if seg.start <= hit.start < seg.end:
                stop = max(seg.end, hit.end)
                break
        # The wordings are compared up to the sentence end, or JUDGE_FOLLOWING_WORDS words
        # after the span when the sentence runs on: enough to see how the rewrite fits.
        following = [w for w in doc.words if hit.end <= w.start < stop][:JUDGE_FOLLOWING_WORDS]
        if len(following) == JUDGE_FOLLOWING_WORDS:
            stop = following[-1].end
        return RewriteQuestion(hit.start, hit.end, stop, cands)

    def model_spans(
        self, doc: Document, scores: DocumentScores, thresholds: FluencyThresholds | None = None
    ) -> list[ModelSpan]:
        """MT901 clauses and MT902 words above the calibrated thresholds, in prose sentences."""
        th = thresholds or self.thresholds
        ends = [s[1] for s in scores.token_spans]
        starts = [w.start for w in scores.words]
        spans: list[ModelSpan] = []
        for sent in doc.sentences:
            lo = bisect.bisect_left(starts, sent.start)
            hi = bisect.bisect_left(starts, sent.end)
            words = [w for w in scores.words[lo:hi] if bisect.bisect_right(ends, w.start) >= th.min_context_tokens]
            if hi - lo < th.min_sentence_words or not words:
                continue
            clauses: list[ModelSpan] = []
            for a, b, mean in clause_windows(words, th.window_words):
                if mean < th.window_min_excess:
                    continue
                seg = words[a:b]
                # Trim words at the edges that are not themselves surprising.
                while len(seg) > 1 and seg[0].excess <= 0:
                    seg = seg[1:]
                while len(seg) > 1 and seg[-1].excess <= 0:
                    seg = seg[:-1]
                peak = max(w.surprisal for w in seg)
                if clauses and seg[0].start <= clauses[-1].end:
                    prev = clauses[-1]
                    clauses[-1] = ModelSpan("MT901", prev.start, max(prev.end, seg[-1].end), max(prev.score, mean), max(prev.surprisal, peak))
                else:
                    clauses.append(ModelSpan("MT901", seg[0].start, seg[-1].end, mean, peak))
            spans.extend(clauses)
            for w in words:
                if w.excess >= th.word_min_excess and w.surprisal >= th.word_min_surprisal:
                    if not any(c.start <= w.start < c.end for c in clauses):
                        spans.append(ModelSpan("MT902", w.start, w.end, w.excess, w.surprisal))
        spans.sort(key=lambda s: (s.start, s.end))
        return spans


def _most_surprising(words: Sequence[WordScore], start: int, end: int) -> WordScore | None:
    inside = [w for w in words if w.start < end and start < w.end]
    return max(inside, key=lambda w: w.excess) if inside else None

"""Post-edit distance: how much the desk changed a machine translation (chrF, BLEU, TER via sacrebleu).

The machine output is the hypothesis and the edited text the reference (HTER convention:
TER = edits needed to turn the MT into the published text / words of the published text).
Every score comes with its sacrebleu signature, so a number can be reproduced with
`sacrebleu` itself on the same two strings.

Inputs to sacrebleu: a document is its reader view (`Document.text`) with runs of
whitespace collapsed to one space; a segment is one aligned group of sentences, joined
with a space. Sentences are aligned with `mtcheck.bilingual.align` in monolingual mode
(Gale-Church length cost + character-trigram overlap).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtcheck.bilingual.align import Alignment, align
from mtcheck.document import Document, Segment
from mtcheck.readers import SUPPORTED_EXTENSIONS, read_path

# Sentence-level BLEU needs effective order (Chen & Cherry 2014 "exp" smoothing stays on).
SEGMENT_BLEU_ARGS: dict[str, Any] = {"effective_order": True}


def normalise(text: str) -> str:
    """The string sacrebleu sees: whitespace runs collapsed, ends stripped."""
    return " ".join(text.split())


class Metrics:
    """The three sacrebleu metrics, built once (their signatures are recorded after use)."""

    def __init__(self) -> None:
        from sacrebleu.metrics.bleu import BLEU
        from sacrebleu.metrics.chrf import CHRF
        from sacrebleu.metrics.ter import TER

        self.bleu = BLEU()
        self.segment_bleu = BLEU(**SEGMENT_BLEU_ARGS)
        self.chrf = CHRF()
        self.ter = TER()

    def document(self, hyp: str, ref: str) -> dict[str, float]:
        return {
            "chrf": self.chrf.corpus_score([hyp], [[ref]]).score,
            "bleu": self.bleu.corpus_score([hyp], [[ref]]).score,
            "ter": self.ter.corpus_score([hyp], [[ref]]).score,
        }

    def corpus(self, hyps: Sequence[str], refs: Sequence[str]) -> dict[str, float]:
        return {
            "chrf": self.chrf.corpus_score(list(hyps), [list(refs)]).score,
            "bleu": self.bleu.corpus_score(list(hyps), [list(refs)]).score,
            "ter": self.ter.corpus_score(list(hyps), [list(refs)]).score,
        }

    def segment(self, hyp: str, ref: str) -> dict[str, float]:
        return {
            "chrf": self.chrf.sentence_score(hyp, [ref]).score,
            "bleu": self.segment_bleu.sentence_score(hyp, [ref]).score,
            "ter": self.ter.sentence_score(hyp, [ref]).score,
        }

    def signatures(self) -> dict[str, str]:
        """Signatures of the metrics as used (call after at least one score)."""
        out = {}
        for key, metric in (("chrf", self.chrf), ("bleu", self.bleu), ("segment_bleu", self.segment_bleu), ("ter", self.ter)):
            try:
                out[key] = str(metric.get_signature())
            except ValueError:  # not used yet
                out[key] = ""
        return out


@dataclass
class SegmentComparison:
    """One aligned passage: MT sentences -> edited sentences, with its scores."""

    index: int
    kind: str  # "1-1", "2-1", ..., "1-0" (deleted by the desk), "0-1" (added by the desk)
    mt: str
    edited: str
    mt_span: tuple[int, int] | None  # original offsets in the MT file
    edited_span: tuple[int, int] | None
    mt_sentences: tuple[int, ...]
    edited_sentences: tuple[int, ...]
    chrf: float
    bleu: float
    ter: float

    @property
    def changed(self) -> bool:
        return self.mt != self.edited

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "type": self.kind,
            "changed": self.changed,
            "chrf": round(self.chrf, 4),
            "bleu": round(self.bleu, 4),
            "ter": round(self.ter, 4),
            "mt": self.mt,
            "edited": self.edited,
            "mt_span": list(self.mt_span) if self.mt_span else None,
            "edited_span": list(self.edited_span) if self.edited_span else None,
            "mt_sentences": list(self.mt_sentences),
            "edited_sentences": list(self.edited_sentences),
        }


@dataclass
class DocumentComparison:
    """MT output vs edited text: whole-document scores and the aligned segments."""

    mt_path: str
    edited_path: str
    document: dict[str, float]
    segments: list[SegmentComparison]
    mt_sentences: int
    edited_sentences: int
    signatures: dict[str, str]
    alignment: Alignment
    mt_text: str = ""
    edited_text: str = ""
    unit: str = "sentence"

    @property
    def changed_sentences(self) -> int:
        """MT sentences the desk changed or deleted."""
        return sum(len(s.mt_sentences) for s in self.segments if s.changed)

    @property
    def changed_share(self) -> float:
        return self.changed_sentences / self.mt_sentences if self.mt_sentences else 0.0

    def most_edited(self, limit: int | None = None) -> list[SegmentComparison]:
        """Changed segments, most edited first: highest TER, then lowest chrF, then order."""
        ranked = sorted((s for s in self.segments if s.changed), key=lambda s: (-s.ter, s.chrf, s.index))
        return ranked[:limit] if limit is not None else ranked

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "mt": self.mt_path,
            "edited": self.edited_path,
            "document": {k: round(v, 4) for k, v in self.document.items()},
            "unit": self.unit,
            "sentences": {
                "mt": self.mt_sentences,
                "edited": self.edited_sentences,
                "changed": self.changed_sentences,
                "changed_share": round(self.changed_share, 4),
            },
            "signatures": self.signatures,
            "input": "reader text, whitespace collapsed; hypothesis = MT output, reference = edited",
            "alignment_method": self.alignment.method,
            "most_edited": [s.index for s in self.most_edited(limit)],
            "segments": [s.to_dict() for s in self.segments],
        }


UNITS = ("sentence", "paragraph")


def _units(doc: Document, unit: str) -> list[Segment]:
    segs = doc.blocks if unit == "paragraph" else doc.sentences
    return [s for s in segs if any(ch.isalnum() for ch in s.text)]


def compare_documents(
    mt: Document, edited: Document, metrics: Metrics | None = None, unit: str = "sentence"
) -> DocumentComparison:
    """Score `edited` against `mt` as a whole and per aligned sentence (or paragraph) group."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    metrics = metrics or Metrics()
    ms, es = _units(mt, unit), _units(edited, unit)
    alignment = align([s.text for s in ms], [s.text for s in es], "en", "en", monolingual=True)
    alignment.source_spans = [mt.to_original(s.start, s.end) for s in ms]
    alignment.target_spans = [edited.to_original(s.start, s.end) for s in es]
    segments: list[SegmentComparison] = []
    links = sorted(alignment.links, key=lambda lk: (lk.source[0] if lk.source else 10**9, lk.target[0] if lk.target else 10**9))
    for k, link in enumerate(links):
        mt_text = normalise(" ".join(ms[i].text for i in link.source))
        ed_text = normalise(" ".join(es[j].text for j in link.target))
        scores = metrics.segment(mt_text, ed_text)
        segments.append(
            SegmentComparison(
                index=k,
                kind=link.kind,
                mt=mt_text,
                edited=ed_text,
                mt_span=_span(mt, ms, link.source),
                edited_span=_span(edited, es, link.target),
                mt_sentences=link.source,
                edited_sentences=link.target,
                **scores,
            )
        )
    mt_text, ed_text = normalise(mt.text), normalise(edited.text)
    document = metrics.document(mt_text, ed_text)
    return DocumentComparison(
        mt_path=mt.path,
        edited_path=edited.path,
        document=document,
        segments=segments,
        mt_sentences=len(ms),
        edited_sentences=len(es),
        signatures=metrics.signatures(),
        alignment=alignment,
        mt_text=mt_text,
        edited_text=ed_text,
        unit=unit,
    )


def _span(doc: Document, sents: Sequence[Segment], idx: Sequence[int]) -> tuple[int, int] | None:
    if not idx:
        return None
    return doc.to_original(sents[idx[0]].start, sents[idx[-1]].end)


def compare_paths(
    mt: Path, edited: Path, metrics: Metrics | None = None, unit: str = "sentence"
) -> DocumentComparison:
    return compare_documents(read_path(mt, str(mt)), read_path(edited, str(edited)), metrics, unit)


@dataclass
class DirectoryComparison:
    """Files paired by relative path; the total scores every document as one segment."""

    pairs: list[DocumentComparison]
    total: dict[str, float]
    only_mt: list[str] = field(default_factory=list)
    only_edited: list[str] = field(default_factory=list)
    signatures: dict[str, str] = field(default_factory=dict)

    @property
    def changed_share(self) -> float:
        n = sum(p.mt_sentences for p in self.pairs)
        return sum(p.changed_sentences for p in self.pairs) / n if n else 0.0

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "files": [p.to_dict(limit) for p in self.pairs],
            "total": {
                **{k: round(v, 4) for k, v in self.total.items()},
                "files": len(self.pairs),
                "mt_sentences": sum(p.mt_sentences for p in self.pairs),
                "changed_sentences": sum(p.changed_sentences for p in self.pairs),
                "changed_share": round(self.changed_share, 4),
            },
            "only_mt": self.only_mt,
            "only_edited": self.only_edited,
            "signatures": self.signatures,
        }


def _files(root: Path) -> dict[str, Path]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            p = Path(dirpath) / name
            if name.startswith(".") or p.suffix.lower() not in SUPPORTED_EXTENSIONS:
                continue
            out[p.relative_to(root).as_posix()] = p
    return out


def compare_directories(mt_dir: Path, edited_dir: Path, unit: str = "sentence") -> DirectoryComparison:
    """Pair files by their path relative to each directory and compare each pair."""
    metrics = Metrics()
    mt_files, ed_files = _files(mt_dir), _files(edited_dir)
    names = sorted(set(mt_files) & set(ed_files))
    pairs = [compare_paths(mt_files[n], ed_files[n], metrics, unit) for n in names]
    total = metrics.corpus([p.mt_text for p in pairs], [p.edited_text for p in pairs]) if pairs else {}
    return DirectoryComparison(
        pairs=pairs,
        total=total,
        only_mt=sorted(set(mt_files) - set(ed_files)),
        only_edited=sorted(set(ed_files) - set(mt_files)),
        signatures=metrics.signatures(),
    )


# --------------------------------------------------------------------------------------------
# Findings on the MT output vs what the desk changed


@dataclass(frozen=True)
class FindingOutcome:
    code: str
    start: int
    end: int
    text: str
    message: str
    confirmed: bool  # the desk changed the flagged characters
    segment: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "confirmed": self.confirmed,
            "segment": self.segment,
        }


def confirm_findings(comparison: DocumentComparison, mt_doc: Document, findings: Sequence[Any]) -> list[FindingOutcome]:
    """Mark each finding on the MT output confirmed when the desk rewrote the flagged text.

    A finding is confirmed when the characters it covers fall (at least partly) in a
    region that differs between the MT sentence group and its edited counterpart
    (difflib opcodes on the original text of the group), or when the desk deleted the
    whole group.
    """
    out: list[FindingOutcome] = []
    original = mt_doc.original
    for f in findings:
        seg = _segment_at(comparison, f.start, f.end)
        confirmed = False
        if seg is not None and seg.changed and seg.mt_span is not None:
            if not seg.edited:
                confirmed = True
            else:
                s0, s1 = seg.mt_span
                mt_norm, where = _collapse(original[s0:s1], s0)
                ops = difflib.SequenceMatcher(None, mt_norm, seg.edited, autojunk=False).get_opcodes()
                for tag, i1, i2, _j1, _j2 in ops:
                    if tag == "equal":
                        continue
                    # Back to original offsets; a pure insertion sits between two characters.
                    o1 = where[i1] if i1 < len(where) else s1
                    o2 = where[i2 - 1] + 1 if i2 > i1 else o1
                    if (o1 < max(f.end, f.start + 1) and o2 > f.start) or (i1 == i2 and f.start <= o1 <= f.end):
                        confirmed = True
                        break
        out.append(
            FindingOutcome(f.code, f.start, f.end, f.text, f.message, confirmed, seg.index if seg else None)
        )
    return out


def _collapse(text: str, base: int) -> tuple[str, list[int]]:
    """`normalise(text)` plus, for each of its characters, the original offset."""
    chars: list[str] = []
    where: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            where.append(base + i - 1)
            pending_space = False
        chars.append(ch)
        where.append(base + i)
    return "".join(chars), where


def _segment_at(comparison: DocumentComparison, start: int, end: int) -> SegmentComparison | None:
    for seg in comparison.segments:
        if seg.mt_span and seg.mt_span[0] <= start < max(seg.mt_span[1], seg.mt_span[0] + 1):
            return seg
    for seg in comparison.segments:  # a finding spanning a sentence break
        if seg.mt_span and start < seg.mt_span[1] and end > seg.mt_span[0]:
            return seg
    return None

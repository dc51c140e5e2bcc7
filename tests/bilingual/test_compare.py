"""`mtcheck compare`: scores equal sacrebleu's own API, ranking, directory mode, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import sacrebleu
from typer.testing import CliRunner

from mtcheck.cli import app
from mtcheck.compare import compare_directories, compare_documents, compare_paths, confirm_findings, normalise
from mtcheck.document import Document

ROOT = Path(__file__).resolve().parents[2]
COMPARE = ROOT / "fixtures" / "compare"

MT = """The workers of the port have started this Monday an indefinite strike.

The employers has indicated that the losses could reach the 10 million euros per day.

The ministry has called to both parts to a meeting."""
EDITED = """Dockers began an indefinite strike on Monday.

Employers said losses could reach 10 million euros a day.

The ministry has called both sides to a meeting."""


def _docs(mt: str = MT, edited: str = EDITED) -> tuple[Document, Document]:
    return Document.from_text(mt, "mt.txt"), Document.from_text(edited, "edited.txt")


def test_document_scores_equal_sacrebleu():
    result = compare_documents(*_docs())
    hyp, ref = normalise(MT), normalise(EDITED)
    assert result.document["chrf"] == sacrebleu.corpus_chrf([hyp], [[ref]]).score
    assert result.document["bleu"] == sacrebleu.corpus_bleu([hyp], [[ref]]).score
    assert result.document["ter"] == sacrebleu.corpus_ter([hyp], [[ref]]).score


def test_segment_scores_equal_sacrebleu():
    result = compare_documents(*_docs())
    assert len(result.segments) == 3
    for seg in result.segments:
        assert seg.chrf == sacrebleu.sentence_chrf(seg.mt, [seg.edited]).score
        assert seg.bleu == sacrebleu.sentence_bleu(seg.mt, [seg.edited]).score
        assert seg.ter == sacrebleu.sentence_ter(seg.mt, [seg.edited]).score


def test_signatures_are_recorded():
    sig = compare_documents(*_docs()).signatures
    assert "nc:6" in sig["chrf"] and "tok:13a" in sig["bleu"] and "tok:tercom" in sig["ter"]
    assert "eff:yes" in sig["segment_bleu"]
    assert f"version:{sacrebleu.__version__}" in sig["chrf"]


def test_most_edited_first():
    result = compare_documents(*_docs())
    ranked = result.most_edited()
    assert [s.ter for s in ranked] == sorted((s.ter for s in ranked), reverse=True)
    assert ranked[0].mt.startswith("The workers of the port")
    assert ranked[-1].mt.startswith("The ministry")


def test_unchanged_document():
    result = compare_documents(*_docs(MT, MT))
    assert result.changed_share == 0.0 and result.most_edited() == []
    assert result.document["ter"] == 0.0 and result.document["chrf"] == 100.0


def test_deleted_and_added_sentences():
    mt = MT + "\n\nFollow live the latest news about the strike."
    edited = EDITED + "\n\nThe port handles a third of Spain's container traffic."
    result = compare_documents(*_docs(mt, edited))
    kinds = [s.kind for s in result.segments]
    assert "1-0" in kinds and "0-1" in kinds
    deleted = next(s for s in result.segments if s.kind == "1-0")
    assert deleted.edited == "" and deleted.ter == 100.0
    assert result.changed_sentences == 4  # three rewritten, one deleted


def test_share_of_sentences_changed():
    mt = MT.replace("The ministry has called to both parts", "The ministry has called both sides")
    result = compare_documents(*_docs(mt, EDITED))
    assert result.changed_sentences == 2 and result.mt_sentences == 3
    assert abs(result.changed_share - 2 / 3) < 1e-9


def test_directory_mode_pairs_by_name_and_totals_with_sacrebleu():
    result = compare_directories(COMPARE / "mt", COMPARE / "edited")
    assert len(result.pairs) >= 10
    assert not result.only_mt and not result.only_edited
    for p in result.pairs:
        assert Path(p.mt_path).name == Path(p.edited_path).name
    hyps = [normalise((COMPARE / "mt" / Path(p.mt_path).name).read_text(encoding="utf-8")) for p in result.pairs]
    refs = [normalise((COMPARE / "edited" / Path(p.edited_path).name).read_text(encoding="utf-8")) for p in result.pairs]
    assert result.total["bleu"] == sacrebleu.corpus_bleu(hyps, [refs]).score
    assert result.total["chrf"] == sacrebleu.corpus_chrf(hyps, [refs]).score
    assert result.total["ter"] == sacrebleu.corpus_ter(hyps, [refs]).score
    unchanged = next(p for p in result.pairs if "unchanged" in p.mt_path)
    assert unchanged.changed_share == 0.0


def test_directory_mode_lists_unpaired(tmp_path):
    (tmp_path / "mt").mkdir()
    (tmp_path / "ed").mkdir()
    (tmp_path / "mt" / "a.txt").write_text(MT, encoding="utf-8")
    (tmp_path / "ed" / "a.txt").write_text(EDITED, encoding="utf-8")
    (tmp_path / "mt" / "b.txt").write_text(MT, encoding="utf-8")
    result = compare_directories(tmp_path / "mt", tmp_path / "ed")
    assert [Path(p.mt_path).name for p in result.pairs] == ["a.txt"]
    assert result.only_mt == ["b.txt"]


class _F:
    def __init__(self, code: str, start: int, end: int, text: str) -> None:
        self.code, self.start, self.end, self.text, self.message = code, start, end, text, ""


def test_findings_on_rewritten_text_are_confirmed():
    mt_doc, ed_doc = _docs()
    result = compare_documents(mt_doc, ed_doc)
    rewritten = MT.index("has indicated")
    kept = MT.index("ministry")
    outcomes = confirm_findings(result, mt_doc, [
        _F("MT301", rewritten, rewritten + len("has indicated"), "has indicated"),
        _F("MT999", kept, kept + len("ministry"), "ministry"),
    ])
    assert [o.confirmed for o in outcomes] == [True, False]


def test_cli_json_output():
    runner = CliRunner()
    res = runner.invoke(app, ["compare", str(COMPARE / "mt" / "01-port-strike.txt"),
                              str(COMPARE / "edited" / "01-port-strike.txt"), "--output-format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert set(data["document"]) == {"chrf", "bleu", "ter"}
    direct = compare_paths(COMPARE / "mt" / "01-port-strike.txt", COMPARE / "edited" / "01-port-strike.txt")
    assert data["document"]["bleu"] == round(direct.document["bleu"], 4)
    assert data["segments"] and {"mt", "edited", "chrf", "bleu", "ter", "changed"} <= set(data["segments"][0])
    assert data["most_edited"][0] == direct.most_edited()[0].index


def test_cli_directory_table():
    runner = CliRunner()
    res = runner.invoke(app, ["compare", str(COMPARE / "mt"), str(COMPARE / "edited")])
    assert res.exit_code == 0, res.output
    assert "total (10 files, corpus)" in res.output
    assert "nrefs:1" in res.output


def test_cli_rejects_file_and_directory():
    runner = CliRunner()
    res = runner.invoke(app, ["compare", str(COMPARE / "mt"), str(COMPARE / "edited" / "01-port-strike.txt")])
    assert res.exit_code == 2


def test_paragraph_unit():
    result = compare_documents(*_docs(), unit="paragraph")
    assert result.unit == "paragraph"
    assert len(result.segments) == 3  # three paragraphs of one sentence each
    for seg in result.segments:
        assert seg.ter == sacrebleu.sentence_ter(seg.mt, [seg.edited]).score

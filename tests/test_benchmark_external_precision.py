"""benchmarks.external_precision: articles from MQM rows, and only counted segments' findings count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import SkipBenchmark
from benchmarks import external_precision as ep


def _row(doc: str, system: str, seg: int, target: str, spans: int = 0) -> str:
    span = {"start": 0, "end": 1, "category": "Fluency/Grammar", "family": "Fluency",
            "severity": "Minor", "rater": "r1", "text": target[:1]}
    return json.dumps({"doc": doc, "system": system, "seg": seg, "target": target,
                       "spans": [span] * spans})


def _write(tmp_path: Path, rows: list[str]) -> Path:
    (tmp_path / "ted-zhen-mqm.dev.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def test_articles_keep_every_segment_in_order_but_count_only_clean_ones(tmp_path: Path) -> None:
    data = _write(tmp_path, [
        _row("talk.1", "sysA", 2, "The talks went on for the the whole day.", spans=2),
        _row("talk.1", "sysA", 1, "Delegates met in Geneva on Monday."),
        _row("talk.1", "ref", 1, "Delegates met in Geneva on Monday."),
        _row("talk.2", "sysA", 1, "Nothing was agreed.", spans=1),
    ])
    articles = {a.name.split(":", 1)[1]: a for a in ep.load_articles(data)}
    # talk.2/sysA has no counted segment: no article
    assert set(articles) == {"talk.1:sysA", "talk.1:ref"}
    mt = articles["talk.1:sysA"]
    assert mt.corpus == "zero-mqm"
    assert mt.text == "Delegates met in Geneva on Monday.\n\nThe talks went on for the the whole day.\n"
    assert mt.counted == [(0, 34)] and mt.words == 6
    assert articles["talk.1:ref"].corpus == "ref"


def test_a_finding_counts_only_inside_a_counted_segment(tmp_path: Path) -> None:
    data = _write(tmp_path, [
        _row("talk.1", "sysA", 1, "The the delegates met in Geneva on Monday."),
        _row("talk.1", "sysA", 2, "They agreed on a plan for the the region.", spans=1),
    ])
    r = ep.measure(ep.load_articles(data))
    stats = r["stats"]["zero-mqm"]
    # MT202 fires twice in the article; the second "the the" lies in a segment with an error span
    assert stats["alarms"] == 1 and stats["by_code"] == {"MT202": 1}
    assert [f.start for _, f in r["alarms"]] == [0]
    assert stats["per_10_articles"] == 10.0


def test_missing_data_skips_the_summary_and_fails_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SkipBenchmark):
        ep.summary_rows(tmp_path)
    assert ep.main(["--data-dir", str(tmp_path)]) == 2
    assert "none of" in capsys.readouterr().err

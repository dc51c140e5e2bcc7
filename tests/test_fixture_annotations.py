"""fixtures/annotations.jsonl is what `benchmarks/annotate.py build` makes of the spec, and passes `check`."""

from __future__ import annotations

import json

import pytest

from benchmarks import annotate


def test_the_jsonl_is_the_build_of_the_spec() -> None:
    built, errors = annotate.build_rows()
    assert errors == []
    with open(annotate.path_of(annotate.DEFAULT_JSONL), encoding="utf-8") as fh:
        held = [json.loads(line) for line in fh if line.strip()]
    assert held == built


def test_check_passes_and_catches_a_span_missing_from_the_spec(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    annotate.cmd_check([])
    assert capsys.readouterr().out.rstrip().endswith("OK")
    built, _ = annotate.build_rows()
    dropped = built[5]
    monkeypatch.setattr(annotate, "build_rows", lambda spec=annotate.DEFAULT_SPEC: (built[:5] + built[6:], []))
    with pytest.raises(SystemExit):
        annotate.cmd_check([])
    out = capsys.readouterr().out
    assert f"{dropped['file']} {dropped['code']} {dropped['start']}-{dropped['end']} is in" in out
    assert "but not in fixtures/annotations.spec.tsv" in out

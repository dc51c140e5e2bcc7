"""benchmarks.heuristic_instructions: the child driver, the valgrind output it reads, and
the message without valgrind (valgrind itself is too slow for the suite)."""

from __future__ import annotations

import subprocess
from types import SimpleNamespace

import pytest

from benchmarks import heuristic_instructions as hi


@pytest.mark.parametrize("codes", ["all", "none", "MT401,MT202"])
def test_child_checks_the_articles_after_the_warm_up(codes: str) -> None:
    assert hi.child(hi.ROOT, codes, 3, hi.WARM + 3) == 3
    assert hi.child(hi.ROOT, codes, 5, hi.WARM + 2) == 2  # a short corpus


def test_instructions_reads_the_count_valgrind_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def fake_run(cmd, **kwargs):
        calls.append((cmd, kwargs))
        return SimpleNamespace(returncode=0, stderr="==1== \n==1== I   refs:      8,134,213,000\n")

    monkeypatch.setattr(subprocess, "run", fake_run)
    assert hi.instructions(hi.ROOT, "none", 20, 180) == 8_134_213_000
    [(cmd, kwargs)] = calls
    assert cmd[:3] == ["valgrind", "--tool=cachegrind", "--cache-sim=no"]
    assert cmd[cmd.index("--child") + 1] == "20" and cmd[cmd.index("--codes") + 1] == "none"
    assert kwargs["env"]["PYTHONHASHSEED"] == "0"


def test_a_failed_valgrind_run_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(subprocess, "run",
                        lambda cmd, **kw: SimpleNamespace(returncode=1, stderr="valgrind: no such tool\n"))
    with pytest.raises(RuntimeError, match="exit 1.*no such tool"):
        hi.instructions(hi.ROOT, "all", 20, 180)


def test_without_valgrind_main_says_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(hi.shutil, "which", lambda name: None)
    assert hi.main(["--articles", "5"]) == 2
    assert "valgrind is not installed" in capsys.readouterr().err


def test_main_compiles_the_checkout_and_rejects_a_longer_run_that_counted_less(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    import compileall

    compiled: list[str] = []
    counts = iter([9_000_000, 8_000_000, 1_000_000, 101_000_000])
    monkeypatch.setattr(hi.shutil, "which", lambda name: "/usr/bin/valgrind")
    monkeypatch.setattr(compileall, "compile_dir", lambda path, quiet=0: compiled.append(path))
    monkeypatch.setattr(hi, "instructions", lambda root, codes, count, total: next(counts))
    assert hi.main(["--root", str(tmp_path), "--articles", "100"]) == 1
    assert compiled == [str(tmp_path / "mtcheck"), str(tmp_path / "benchmarks")]
    assert "fewer instructions" in capsys.readouterr().err
    assert hi.main(["--root", str(tmp_path), "--articles", "100"]) == 0
    assert "1,000 k instructions per article" in capsys.readouterr().out

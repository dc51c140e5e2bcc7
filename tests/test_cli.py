"""The command line: exit codes, formats, stdin, bad input, config discovery, the rules command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtcheck.cli import app

runner = CliRunner()

DIRTY = "The talks resumed on Monday.\n\nSource link\n\nTags\n"
CLEAN = "The talks resumed on Monday, the ministry said.\n"


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "clean.md").write_text("# Talks\n\n" + CLEAN, encoding="utf-8")
    return tmp_path


def test_exit_codes(repo):
    assert run("check", "--no-model", str(repo / "clean.md")).exit_code == 0
    assert run("check", "--no-model", str(repo / "dirty.txt")).exit_code == 1
    assert run("check", "--no-model", "--exit-zero", str(repo / "dirty.txt")).exit_code == 0
    assert run("check", "--no-model", "--fail-on", "error", str(repo / "dirty.txt")).exit_code == 0
    assert run("check", "--no-model", "--ignore", "MT601", str(repo / "dirty.txt")).exit_code == 0
    assert run("check", "--no-model", "--select", "MT2", str(repo / "dirty.txt")).exit_code == 0
    assert run("check", "--no-model", "-f", "nonsense", str(repo / "dirty.txt")).exit_code == 2
    assert run("check", "--no-model", "--fail-on", "fatal", str(repo / "dirty.txt")).exit_code == 2


def test_concise_and_full_output(repo):
    res = run("check", "--no-model", "-f", "concise", str(repo / "dirty.txt"))
    lines = res.stdout.splitlines()
    assert lines[0].endswith("dirty.txt:3:1: MT601 [warning] boilerplate line 'Source link' left by the page scrape; delete it")
    res = run("check", "--no-model", "-f", "full", str(repo / "dirty.txt"))
    assert " 3 | Source link" in res.stdout
    assert "   | ^^^^^^^^^^^" in res.stdout
    assert "\033[" not in res.stdout  # no colour when not a terminal


def test_directory_walk_respects_gitignore_hidden_and_excludes(repo):
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("drafts/\n*.tmp.txt\n")
    for rel in ("drafts/a.txt", ".hidden/b.txt", "x.tmp.txt", "sub/c.md", "sub/skip/d.txt", "img.png"):
        p = repo / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(DIRTY)
    res = run("check", "--no-model", "-f", "json", "--extend-exclude", "skip", str(repo))
    paths = sorted({Path(f["path"]).name for f in json.loads(res.stdout)["findings"]})
    assert paths == ["c.md", "dirty.txt"]


def test_stdin_with_filename_picks_format():
    md = "# Talks\n\n<!-- mtcheck-disable-next-line MT601 -->\nSource link\n\nTags\n"
    res = run("check", "--no-model", "-f", "json", "--stdin-filename", "story.md", "-", input=md)
    data = json.loads(res.stdout)
    assert [(f["path"], f["text"], f["line"]) for f in data["findings"]] == [("story.md", "Tags", 6)]
    assert res.exit_code == 1


def test_bad_inputs_are_reported_and_others_still_checked(tmp_path):
    (tmp_path / "good.txt").write_text(DIRTY)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("")
    locked = tmp_path / "locked.txt"
    locked.write_text(DIRTY)
    locked.chmod(0)
    try:
        res = run("check", "--no-model", "-f", "json", str(tmp_path), str(tmp_path / "missing.txt"))
        data = json.loads(res.stdout)
        errors = {Path(f["path"]).name: f["message"] for f in data["findings"] if f["code"] == "MT000"}
        assert "binary" in errors["binary.txt"]
        assert "UTF-8" in errors["latin1.txt"]
        assert "empty" in errors["empty.txt"]
        assert "no such file" in errors["missing.txt"]
        if os.geteuid() != 0:  # root reads files without permission bits
            assert "permission denied" in errors["locked.txt"]
        checked = {Path(f["path"]).name for f in data["findings"] if f["code"] == "MT601"}
        assert "good.txt" in checked
        assert res.exit_code == 2
        assert "Traceback" not in res.output
        assert "mtcheck: error: cannot check" in res.stderr
    finally:
        locked.chmod(0o644)


def test_unreadable_file_without_root(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can read files without permission bits")
    p = tmp_path / "locked.txt"
    p.write_text(DIRTY)
    p.chmod(0)
    res = run("check", "--no-model", str(p))
    assert res.exit_code == 2 and "permission denied" in res.stderr


def test_permission_error_is_reported(monkeypatch, tmp_path):
    """Simulate EACCES (root ignores permission bits, so the test patches the read)."""
    p = tmp_path / "locked.txt"
    p.write_text(DIRTY)
    real = Path.read_bytes

    def deny(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    (tmp_path / "ok.txt").write_text(DIRTY)
    res = run("check", "--no-model", "-f", "concise", str(tmp_path))
    assert res.exit_code == 2
    assert "locked.txt: permission denied" in res.stderr
    assert "ok.txt:3:1: MT601" in res.stdout


def test_config_discovery_nearest_wins_and_cli_overrides(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mtcheck]\nignore = ["MT601"]\n')
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / ".mtcheck.toml").write_text('select = ["MT601"]\nfail-on = "error"\n')
    (tmp_path / "a.txt").write_text(DIRTY)
    (sub / "b.txt").write_text(DIRTY)
    res = run("check", "--no-model", "-f", "json", str(tmp_path))
    data = json.loads(res.stdout)
    assert {Path(f["path"]).name for f in data["findings"]} == {"b.txt"}
    res = run("check", "--no-model", "-f", "json", "--select", "MT2", str(sub / "b.txt"))
    assert json.loads(res.stdout)["findings"] == []


def test_per_file_ignores_and_severity_override(tmp_path):
    (tmp_path / ".mtcheck.toml").write_text(
        '[per-file-ignores]\n"archive/*.txt" = ["MT6"]\n[severity]\nMT601 = "error"\n'
    )
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.txt").write_text(DIRTY)
    (tmp_path / "new.txt").write_text(DIRTY)
    data = json.loads(run("check", "--no-model", "-f", "json", str(tmp_path)).stdout)
    assert {Path(f["path"]).name for f in data["findings"]} == {"new.txt"}
    assert {f["severity"] for f in data["findings"]} == {"error"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selekt = ["MT6"]\n', "unknown key 'selekt'"),
        ('fail-on = "fatal"\n', "key 'fail-on'"),
        ('select = "MT6"\n', "key 'select': expected a list"),
        ('select = ["XX1"]\n', "not a rule code"),
        ('ignore = ["MT999"]\n', "'MT999' names no rule"),
        ('source-languages = ["ru"]\n', "unknown language"),
        ('debris-patterns = ["(unclosed"]\n', "bad regular expression"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_is_reported_with_file_and_key(tmp_path, content, message):
    cfg = tmp_path / ".mtcheck.toml"
    cfg.write_text(content)
    (tmp_path / "a.txt").write_text(CLEAN)
    res = run("check", "--no-model", str(tmp_path / "a.txt"))
    assert res.exit_code == 2
    assert message in res.stderr and ".mtcheck.toml" in res.stderr
    assert "Traceback" not in res.output


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--select", "MT999", "--select: 'MT999' names no rule"),
        ("--ignore", "MT4O1", "--ignore: 'MT4O1' is not a rule code"),
        ("--extend-select", "MT6,MT80", "--extend-select: 'MT80' names no rule"),
    ],
)
def test_a_selector_that_names_no_rule_is_an_error(tmp_path, option, value, message):
    (tmp_path / "a.txt").write_text(CLEAN)
    res = run("check", "--no-model", option, value, str(tmp_path / "a.txt"))
    assert res.exit_code == 2
    assert message in res.stderr and "Traceback" not in res.output
    assert run("check", "--no-model", "--select", "MT6,MT508", str(tmp_path / "a.txt")).exit_code == 0


def test_debris_patterns_and_accept_from_config(tmp_path):
    (tmp_path / ".mtcheck.toml").write_text('debris-patterns = ["more from our partners"]\n')
    (tmp_path / "a.txt").write_text("The talks resumed.\n\nMore from our partners\n")
    data = json.loads(run("check", "--no-model", "-f", "json", str(tmp_path / "a.txt")).stdout)
    assert [f["text"] for f in data["findings"]] == ["More from our partners"]


def test_output_file_and_statistics(tmp_path, repo):
    out = tmp_path / "report.json"
    res = run("check", "--no-model", "-f", "json", "-o", str(out), str(repo / "dirty.txt"))
    assert res.stdout == "" and res.exit_code == 1
    assert json.loads(out.read_text())["summary"]["by_code"] == {"MT601": 2}
    res = run("check", "--no-model", "--statistics", str(repo / "dirty.txt"))
    assert res.stdout.strip() == "2  MT601  boilerplate-line"


def test_rules_command_lists_and_explains():
    res = run("rules")
    assert res.exit_code == 0 and "MT601  boilerplate-line" in res.stdout
    res = run("rules", "MT601")
    assert res.exit_code == 0
    assert "Bad example 1:" in res.stdout and "Source link" in res.stdout and "MT601.toml" in res.stdout
    assert run("rules", "MT999").exit_code == 2
    data = json.loads(run("rules", "-f", "json").stdout)
    assert any(r["code"] == "MT501" and r["severity"] == "warning" for r in data)


def test_python_dash_m_and_console_script_without_torch(repo):
    """The heuristic path never imports torch or transformers."""
    code = (
        "import sys, runpy; sys.argv=['mtcheck','check','--no-model',%r];"
        "\ntry: runpy.run_module('mtcheck', run_name='__main__')"
        "\nexcept SystemExit as e: print('EXIT', e.code)"
        "\nprint('TORCH', 'torch' in sys.modules, 'transformers' in sys.modules)"
    ) % str(repo / "dirty.txt")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert "EXIT 1" in out and "TORCH False False" in out


def test_a_crashing_rule_is_reported_for_that_file_only(monkeypatch, tmp_path):
    from mtcheck.rules.debris.mt603_duplicated_line import DuplicatedLineRule

    def boom(self, doc, options):
        if "boom" in doc.text:
            raise ValueError("kaboom")
        return iter(())

    monkeypatch.setattr(DuplicatedLineRule, "check", boom)
    (tmp_path / "a.txt").write_text("boom\n\nSource link\n")
    (tmp_path / "b.txt").write_text("calm\n\nSource link\n")
    res = run("check", "--no-model", "-f", "concise", str(tmp_path))
    assert res.exit_code == 2
    assert "a.txt: internal error in rule MT603 (ValueError: kaboom)" in res.stderr
    assert "b.txt:3:1: MT601" in res.stdout
    assert "Traceback" not in res.output


def test_json_reports_source_language_guess(tmp_path):
    (tmp_path / "a.txt").write_text(
        "¿Qué pasa? The minister said : « we will see ». ¡Ya! The price rose to 1,5 million euros.\n"
    )
    data = json.loads(run("check", "--no-model", "-f", "json", str(tmp_path / "a.txt")).stdout)
    guess = data["files"][0]["source_language"]
    assert set(guess) >= {"language", "confidence", "evidence"}
    assert guess["evidence"], "language-specific findings should count as evidence"

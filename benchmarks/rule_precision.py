"""Rule precision and recall against the annotated fixture corpus (model off).

Reads `fixtures/annotations.jsonl` (one planted span a line: file, start, end, code) and the
articles under `fixtures/articles/mt/` (planted artefacts) and `fixtures/articles/clean/`
(native copy, where every finding is a false positive). Runs the heuristic rules with the
fluency model off, matches findings to annotations (same file, same code, overlapping
original-offset spans) and prints per-rule and overall precision, recall and F1, for
findings at warning or above and for all findings, plus warning+ findings per clean article.

    python -m benchmarks.rule_precision [--verbose] [--code MT502 ...]

Targets (issue 3): recall >= 90 %, precision >= 95 %, at most one warning+ finding per ten
clean articles.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as `python benchmarks/rule_precision.py`
    sys.path.insert(0, str(ROOT))

from benchmarks import SkipBenchmark  # noqa: E402

FIXTURES = ROOT / "fixtures"
ANNOTATIONS = FIXTURES / "annotations.jsonl"
MT_DIR = FIXTURES / "articles" / "mt"
CLEAN_DIR = FIXTURES / "articles" / "clean"
# The development corpus (rules were tuned while looking at it) and a held-out set written
# afterwards by someone who had not seen the rules (never tune on it).
CORPORA = {
    "dev": (ANNOTATIONS, MT_DIR, CLEAN_DIR),
    "heldout": (FIXTURES / "heldout" / "annotations.jsonl", FIXTURES / "heldout" / "mt",
                FIXTURES / "heldout" / "clean"),
}
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

TARGET_PRECISION = 0.95
TARGET_RECALL = 0.90
TARGET_CLEAN_PER_10 = 1.0


@dataclass(frozen=True)
class Annotation:
    file: str  # relative to the repository root, POSIX separators
    start: int
    end: int
    code: str
    text: str = ""
    lang: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Found:
    """A finding reduced to what the matching needs."""

    file: str
    code: str
    start: int
    end: int
    severity: str  # "info", "warning", "error"
    text: str
    message: str

    @property
    def warning_plus(self) -> bool:
        return self.severity in ("warning", "error")


@dataclass
class Counts:
    annotated: int = 0
    found_all: int = 0  # annotations matched by any finding
    found_warn: int = 0  # annotations matched by a warning+ finding
    tp_all: int = 0  # findings matching an annotation
    fp_all: int = 0
    tp_warn: int = 0
    fp_warn: int = 0
    fp_clean_warn: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Result:
    per_code: dict[str, Counts]
    total: Counts
    mt_articles: int
    clean_articles: int
    clean_warn_findings: int
    false_positives: list[tuple[Found, str]]  # (finding, remark)
    misses: list[tuple[Annotation, str]]  # (annotation, remark)
    problems: list[str] = field(default_factory=list)
    # file -> (language the file name gives, guessed language or None), MT articles only
    guesses: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    seconds: float = 0.0
    kilobytes: float = 0.0


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None or p + r == 0:
        return None if p is None or r is None else 0.0
    return 2 * p * r / (p + r)


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def _overlaps(f_start: int, f_end: int, a_start: int, a_end: int) -> bool:
    if f_end <= f_start:  # a zero-width finding (an insertion point)
        return a_start <= f_start <= a_end
    if a_end <= a_start:
        return f_start <= a_start <= f_end
    return max(f_start, a_start) < min(f_end, a_end)


def load_annotations(path: Path = ANNOTATIONS) -> tuple[list[Annotation], list[str]]:
    """Annotations and a list of problems (bad lines)."""
    out: list[Annotation] = []
    problems: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                raw = json.loads(line)
                out.append(
                    Annotation(
                        file=str(raw["file"]).replace("\\", "/"),
                        start=int(raw["start"]),
                        end=int(raw["end"]),
                        code=str(raw["code"]).upper(),
                        text=str(raw.get("text", "")),
                        lang=raw.get("lang"),
                        note=str(raw.get("note", "")),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{path.name}:{n}: unreadable annotation ({exc})")
    return out, problems


def _articles(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


_NAME_LANG_RE = re.compile(r"^\d+-([a-z]{2})-")


def check_files(
    paths: Sequence[Path], guesses: dict[str, tuple[str | None, str | None]] | None = None
) -> tuple[dict[str, list[Found]], list[str], float, float]:
    """Findings per file (model off), problems, seconds spent checking, kilobytes checked.

    With `guesses`, also records the source-language guess against the language that the
    file name gives ("012-fr-...").
    """
    from mtcheck.engine import check_paths
    from mtcheck.language_guess import guess_source_language

    out: dict[str, list[Found]] = {}
    problems: list[str] = []
    seconds = 0.0
    kilobytes = 0.0
    for path in paths:
        rel = _rel(path)
        kilobytes += path.stat().st_size / 1024
        t0 = time.perf_counter()
        try:
            report = check_paths([str(path)], overrides={"model": False})
        except Exception as exc:  # one broken rule must not hide every other number
            problems.append(f"{rel}: check failed: {type(exc).__name__}: {exc}")
            out[rel] = []
            continue
        finally:
            seconds += time.perf_counter() - t0
        found: list[Found] = []
        for fr in report.files:
            if fr.error is not None:
                problems.append(f"{rel}: {fr.error.message}")
            for f in fr.findings:
                found.append(Found(rel, f.code, f.start, f.end, f.severity.label, f.text, f.message))
            if guesses is not None:
                named = _NAME_LANG_RE.match(path.name)
                guess = guess_source_language(fr.findings)["language"]
                guesses[rel] = (named.group(1) if named else None, guess)
        out[rel] = found
    return out, problems, seconds, kilobytes


def evaluate(
    annotations: Iterable[Annotation],
    mt_findings: dict[str, list[Found]],
    clean_findings: dict[str, list[Found]],
) -> Result:
    """Match findings to annotations and count, per code and overall."""
    by_file: dict[str, list[Annotation]] = {}
    for a in annotations:
        by_file.setdefault(a.file, []).append(a)
    per_code: dict[str, Counts] = {}

    def counts(code: str) -> Counts:
        return per_code.setdefault(code, Counts())

    false_positives: list[tuple[Found, str]] = []
    misses: list[tuple[Annotation, str]] = []
    problems: list[str] = []
    for rel in by_file:
        if rel not in mt_findings and rel not in clean_findings:
            problems.append(f"{rel}: annotated but not among the checked articles")
    for rel, findings in mt_findings.items():
        anns = by_file.get(rel, [])
        for a in anns:
            c = counts(a.code)
            c.annotated += 1
            hits = [f for f in findings if f.code == a.code and _overlaps(f.start, f.end, a.start, a.end)]
            if hits:
                c.found_all += 1
            if any(f.warning_plus for f in hits):
                c.found_warn += 1
            if not hits:
                near = [f.code for f in findings if _overlaps(f.start, f.end, a.start, a.end)]
                misses.append((a, f"span flagged as {', '.join(sorted(set(near)))}" if near else ""))
            elif not any(f.warning_plus for f in hits):
                misses.append((a, "found only at info"))
        for f in findings:
            c = counts(f.code)
            match = any(a.code == f.code and _overlaps(f.start, f.end, a.start, a.end) for a in anns)
            if match:
                c.tp_all += 1
                c.tp_warn += f.warning_plus
            else:
                c.fp_all += 1
                c.fp_warn += f.warning_plus
                other = sorted({a.code for a in anns if _overlaps(f.start, f.end, a.start, a.end)})
                false_positives.append((f, f"annotated as {', '.join(other)}" if other else ""))
    clean_warn = 0
    for rel, findings in clean_findings.items():
        if rel in by_file:
            problems.append(f"{rel}: a clean article carries annotations (ignored)")
        for f in findings:
            c = counts(f.code)
            c.fp_all += 1
            c.fp_warn += f.warning_plus
            c.fp_clean_warn += f.warning_plus
            clean_warn += f.warning_plus
            false_positives.append((f, "clean article"))
    total = Counts()
    for c in per_code.values():
        total.add(c)
    return Result(
        per_code=dict(sorted(per_code.items())),
        total=total,
        mt_articles=len(mt_findings),
        clean_articles=len(clean_findings),
        clean_warn_findings=clean_warn,
        false_positives=false_positives,
        misses=misses,
        problems=problems,
    )


def _stale(annotations: Iterable[Annotation]) -> list[str]:
    """Annotations whose recorded text no longer matches the article (the corpus moved)."""
    problems: list[str] = []
    texts: dict[str, str | None] = {}
    for a in annotations:
        if a.file not in texts:
            path = ROOT / a.file
            try:
                with path.open(encoding="utf-8", newline="") as fh:
                    texts[a.file] = fh.read()
            except OSError:
                texts[a.file] = None
        text = texts[a.file]
        if text is not None and a.text and text[a.start : a.end] != a.text:
            problems.append(f"{a.file}:{a.start}-{a.end}: annotation text {a.text!r} does not match the file")
    return problems


@cache
def run(corpus: str = "dev") -> Result:
    """The whole benchmark on one corpus, once per process."""
    annotations_path, mt_dir, clean_dir = CORPORA[corpus]
    if not annotations_path.is_file():
        raise SkipBenchmark(f"{_rel(annotations_path)} not found")
    mt_paths = _articles(mt_dir)
    clean_paths = _articles(clean_dir)
    if not mt_paths and not clean_paths:
        raise SkipBenchmark(f"no articles under {_rel(mt_dir)} or {_rel(clean_dir)}")
    annotations, problems = load_annotations(annotations_path)
    problems += _stale(annotations)
    guesses: dict[str, tuple[str | None, str | None]] = {}
    mt, p1, s1, kb1 = check_files(mt_paths, guesses)
    clean, p2, s2, kb2 = check_files(clean_paths)
    result = evaluate(annotations, mt, clean)
    result.guesses = guesses
    result.problems = problems + p1 + p2 + result.problems
    result.seconds = s1 + s2
    result.kilobytes = kb1 + kb2
    return result


def _rates(c: Counts) -> dict[str, float | None]:
    p_warn = _ratio(c.tp_warn, c.tp_warn + c.fp_warn)
    r_warn = _ratio(c.found_warn, c.annotated)
    p_all = _ratio(c.tp_all, c.tp_all + c.fp_all)
    r_all = _ratio(c.found_all, c.annotated)
    return {
        "p_warn": p_warn, "r_warn": r_warn, "f_warn": _f1(p_warn, r_warn),
        "p_all": p_all, "r_all": r_all, "f_all": _f1(p_all, r_all),
    }


def clean_per_10(result: Result) -> float | None:
    if not result.clean_articles:
        return None
    return 10 * result.clean_warn_findings / result.clean_articles


def summary_rows(quick: bool = False) -> list[tuple[str, str, str]]:
    """(metric, value, note) rows for the project's benchmark runner (`quick` changes
    nothing: the whole corpus takes a few seconds): the dev corpus in full, the held-out
    set's overall figures."""
    rows = corpus_rows("dev")
    try:
        held = run("heldout")
    except SkipBenchmark:
        return rows
    t = _rates(held.total)
    per10 = clean_per_10(held)
    rows[6:6] = [
        ("HELD-OUT precision / recall (warning+)", f"{_pct(t['p_warn'])} / {_pct(t['r_warn'])}",
         f"{held.total.annotated} spans in {held.mt_articles} MT articles never tuned on"),
        ("HELD-OUT warning+ per 10 clean articles", "n/a" if per10 is None else f"{per10:.2f}",
         f"{held.clean_warn_findings} in {held.clean_articles} clean articles"),
    ]
    return rows


def corpus_rows(corpus: str) -> list[tuple[str, str, str]]:
    result = run(corpus)
    t = _rates(result.total)
    rows: list[tuple[str, str, str]] = [
        ("rule precision (warning+)", _pct(t["p_warn"]),
         f"target >= {TARGET_PRECISION:.0%}; {result.total.tp_warn} of "
         f"{result.total.tp_warn + result.total.fp_warn} warning+ findings match an annotation"),
        ("rule recall (warning+)", _pct(t["r_warn"]),
         f"target >= {TARGET_RECALL:.0%}; {result.total.found_warn} of {result.total.annotated} "
         f"annotated spans in {result.mt_articles} MT articles"),
        ("rule F1 (warning+)", _pct(t["f_warn"]), "model off"),
        ("rule precision (all)", _pct(t["p_all"]), "info findings included"),
        ("rule recall (all)", _pct(t["r_all"]), "info findings included"),
        ("rule F1 (all)", _pct(t["f_all"]), ""),
    ]
    per10 = clean_per_10(result)
    rows.append((
        "warning+ findings per 10 clean articles",
        "n/a" if per10 is None else f"{per10:.2f}",
        f"target <= {TARGET_CLEAN_PER_10:g}; {result.clean_warn_findings} in "
        f"{result.clean_articles} clean articles",
    ))
    named = [(want, got) for want, got in result.guesses.values() if want]
    if named:
        right = sum(1 for want, got in named if got == want)
        wrong = sum(1 for want, got in named if got is not None and got != want)
        rows.append((
            "source-language guess on MT articles",
            f"{right}/{len(named)} right",
            f"{wrong} wrong, {len(named) - right - wrong} undecided (language from the file name)",
        ))
    for code, c in result.per_code.items():
        r = _rates(c)
        rows.append((
            f"{code} precision / recall (warning+)",
            f"{_pct(r['p_warn'])} / {_pct(r['r_warn'])}",
            f"{c.annotated} annotated, {c.tp_warn + c.fp_warn} warning+ findings, "
            f"{c.fp_clean_warn} on clean copy",
        ))
    return rows


def _print_table(result: Result, out: Any) -> None:
    header = (f"{'code':7} {'ann':>4} {'found':>5} {'find+':>5} {'fp+':>4} {'clean+':>6}  "
              f"{'P+':>6} {'R+':>6} {'F1+':>6}   {'P':>6} {'R':>6} {'F1':>6}")
    print(header, file=out)
    print("-" * len(header), file=out)

    def fmt(x: float | None) -> str:
        return "   -  " if x is None else f"{100 * x:5.1f}%"

    def line(code: str, c: Counts) -> str:
        r = _rates(c)
        return (f"{code:7} {c.annotated:4d} {c.found_warn:5d} {c.tp_warn + c.fp_warn:5d} {c.fp_warn:4d} "
                f"{c.fp_clean_warn:6d}  {fmt(r['p_warn'])} {fmt(r['r_warn'])} {fmt(r['f_warn'])}   "
                f"{fmt(r['p_all'])} {fmt(r['r_all'])} {fmt(r['f_all'])}")

    for code, c in result.per_code.items():
        print(line(code, c), file=out)
    print("-" * len(header), file=out)
    print(line("ALL", result.total), file=out)
    print(
        "ann: annotated spans; found: annotations matched by a warning+ finding; find+: warning+ "
        "findings; fp+: of them unmatched; clean+: of them in clean articles; + columns count "
        "warning+ findings only, the last three all findings.",
        file=out,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rule_precision", description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list false positives and missed annotations")
    parser.add_argument("--code", action="append", default=[],
                        help="with --verbose, list only these codes (or prefixes, e.g. MT5)")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="dev",
                        help="dev: fixtures/articles (rules were tuned on it); heldout: fixtures/heldout")
    args = parser.parse_args(argv)
    out = sys.stdout
    try:
        result = run(args.corpus)
    except SkipBenchmark as exc:
        print(f"skipped: {exc}", file=out)
        return 0
    print(f"rule precision/recall on the {args.corpus} corpus, model off: {result.mt_articles} MT articles, "
          f"{result.clean_articles} clean articles, {result.total.annotated} annotated spans", file=out)
    if result.seconds:
        print(f"checked {result.kilobytes:.0f} KB in {result.seconds:.2f} s "
              f"(per-file runs, start-up included)", file=out)
    print(file=out)
    _print_table(result, out)
    print(file=out)
    for metric, value, note in [r for r in corpus_rows(args.corpus) if not r[0].startswith("MT")]:
        print(f"{metric:42} {value:>10}   {note}", file=out)
    if result.problems:
        print(f"\n{len(result.problems)} corpus problem(s):", file=out)
        for p in result.problems[:30]:
            print(f"  {p}", file=out)
    if args.verbose:
        wanted = [c.upper() for c in args.code]

        def keep(code: str) -> bool:
            return not wanted or any(code.startswith(w) for w in wanted)

        fps = [(f, why) for f, why in result.false_positives if keep(f.code)]
        fps.sort(key=lambda x: (x[0].code, not x[0].warning_plus, x[0].file, x[0].start))
        print(f"\nfalse positives ({len(fps)}; '*' = warning or above):", file=out)
        for f, why in fps:
            mark = "*" if f.warning_plus else " "
            extra = f"  [{why}]" if why else ""
            print(f" {mark} {f.code} {f.file}:{f.start}-{f.end} {f.text!r}: {f.message}{extra}", file=out)
        wrong = [(rel, want, got) for rel, (want, got) in sorted(result.guesses.items()) if want and got != want]
        if wrong and not wanted:
            print(f"\nsource-language guesses that missed ({len(wrong)}):", file=out)
            for rel, want, got in wrong:
                print(f"   {rel}: {want} guessed as {got}", file=out)
        misses = [(a, why) for a, why in result.misses if keep(a.code)]
        misses.sort(key=lambda x: (x[0].code, x[0].file, x[0].start))
        print(f"\nmissed annotations ({len(misses)}):", file=out)
        for a, why in misses:
            extra = f"  [{why}]" if why else ""
            note = f" ({a.note})" if a.note else ""
            print(f"   {a.code} {a.file}:{a.start}-{a.end} {a.text!r}{note}{extra}", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The engine: runs the selected rules over documents, then the optional stages, then config and suppressions."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, Protocol

from mtcheck.config import Config, ConfigResolver, selected_codes
from mtcheck.document import Document
from mtcheck.finding import Finding, Severity, input_error
from mtcheck.readers import SUPPORTED_EXTENSIONS, InputError, format_for, parse, read_bytes, read_path
from mtcheck.rules import Hit, Rule, all_rules
from mtcheck.suppressions import apply_suppressions

UNUSED_SUPPRESSION_CODE = "MT001"


@dataclass(frozen=True, slots=True)
class Proposal:
    """A hit together with the rule that proposed it (offsets into `Document.text`)."""

    rule: Rule
    hit: Hit


class ModelStage(Protocol):
    """A pass after the heuristic rules (the fluency model).

    It may change the confidence of proposals, drop them, and add its own.
    """

    def process(self, doc: Document, proposals: list[Proposal]) -> list[Proposal]: ...


@dataclass
class FileResult:
    """Everything known about one checked input."""

    path: str
    findings: list[Finding]
    source: str | None = None  # the original text, for reporters that show context
    error: Finding | None = None  # the MT000 diagnostic when the input could not be read
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. alignment, language guess


@dataclass
class Report:
    """The result of a run over many inputs."""

    files: list[FileResult]
    fail_on: Severity = Severity.WARNING
    notices: list[str] = field(default_factory=list)  # said once per run (e.g. no model)

    @property
    def findings(self) -> list[Finding]:
        out: list[Finding] = []
        for f in self.files:
            if f.error is not None:
                out.append(f.error)
            out.extend(f.findings)
        return out

    @property
    def input_errors(self) -> list[Finding]:
        return [f.error for f in self.files if f.error is not None]

    def failing(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings if f.severity >= self.fail_on]

    def summary(self) -> dict[str, Any]:
        by_severity = {s.label: 0 for s in Severity}
        by_code: dict[str, int] = {}
        for f in self.findings:
            by_severity[f.severity.label] += 1
            by_code[f.code] = by_code.get(f.code, 0) + 1
        return {
            "files": len(self.files),
            "files_with_findings": sum(1 for r in self.files if r.findings),
            "input_errors": len(self.input_errors),
            "findings": sum(by_severity.values()),
            "by_severity": by_severity,
            "by_code": dict(sorted(by_code.items())),
            "fail_on": self.fail_on.label,
            "failed": bool(self.failing()),
        }

    def exit_code(self, *, exit_zero: bool = False) -> int:
        if self.input_errors:
            return 2
        if self.failing() and not exit_zero:
            return 1
        return 0


# ---------------------------------------------------------------------------------------------
# One document


class RuleSet:
    """Instantiated rules, shared across documents (rules hold no per-document state)."""

    def __init__(self) -> None:
        self._instances: dict[str, Rule] = {}
        # The selection depends only on these settings; worked out once, not per document.
        self._selections: dict[tuple[tuple[str, ...], ...], tuple[list[Rule], frozenset[str]]] = {}

    def get(self, code: str) -> Rule:
        rule = self._instances.get(code)
        if rule is None:
            rule = self._instances[code] = all_rules()[code]()
        return rule

    def selected(self, config: Config, path: Path | None) -> list[Rule]:
        return list(self._selection(config, path)[0])

    def _selection(self, config: Config, path: Path | None) -> tuple[list[Rule], frozenset[str]]:
        """The selected rules (not to be changed: shared) and their codes."""
        key = (config.select, config.extend_select, config.ignore, config.ignored_codes_for(path),
               config.source_languages)
        selection = self._selections.get(key)
        if selection is None:
            classes = all_rules()
            codes = selected_codes(
                config, classes, {c: cls.default_enabled for c, cls in classes.items()}, path
            )
            rules = [self.get(c) for c in codes if _language_applies(classes[c], config)]
            if len(self._selections) >= 256:  # many configs in one process: keep it bounded
                self._selections.clear()
            selection = self._selections[key] = (rules, frozenset(r.code for r in rules))
        return selection


def _language_applies(rule: type[Rule], config: Config) -> bool:
    return not rule.languages or bool(rule.languages & set(config.source_languages))


_RULES = RuleSet()


class RuleError(Exception):
    """A rule crashed on a document: reported for that file, the run goes on."""

    def __init__(self, code: str, exc: BaseException) -> None:
        super().__init__(f"internal error in rule {code} ({type(exc).__name__}: {exc}); please report it")
        self.code = code


def propose(doc: Document, rules: Iterable[Rule], config: Config) -> list[Proposal]:
    """Run the heuristic rules."""
    options = config.rule_options()
    out: list[Proposal] = []
    for rule in rules:
        if rule.staged:
            continue
        try:
            out.extend(map(Proposal, repeat(rule), rule.check(doc, options)))
        except Exception as exc:
            raise RuleError(rule.code, exc) from exc
    return out


def to_finding(doc: Document, proposal: Proposal, config: Config) -> Finding:
    rule, hit = proposal.rule, proposal.hit
    ostart, oend = doc.to_original(hit.start, hit.end)
    line, column = doc.line_index.position(ostart)
    end_line, end_column = doc.line_index.position(oend)
    severity = config.severity.get(rule.code)
    if severity is None:
        severity = rule.severity
        if hit.confidence < rule.warning_confidence and severity > Severity.INFO:
            severity = Severity.INFO
    message = hit.message
    data = dict(hit.data)
    if getattr(rule, "quote_aware", True) and doc.in_quote(hit.start):
        data["in_quote"] = True
        message += " (inside a quotation)"
    # Positional, in field order (path, code, name, severity, message, start, end, line,
    # column, end_line, end_column, text, suggestions, confidence, data): one per finding.
    return Finding(doc.path, rule.code, rule.name, severity, message, ostart, oend, line, column,
                   end_line, end_column, doc.original[ostart:oend], hit.suggestions,
                   hit.confidence, data)


def _dedupe(proposals: list[Proposal]) -> list[Proposal]:
    best: dict[tuple[str, int, int], Proposal] = {}
    for p in proposals:
        key = (p.rule.code, p.hit.start, p.hit.end)
        if key not in best or p.hit.confidence > best[key].hit.confidence:
            best[key] = p
    return list(best.values())


def check_document(
    doc: Document,
    config: Config,
    *,
    path: Path | None = None,
    model_stage: ModelStage | None = None,
    source: Document | None = None,
    source_lang: str | None = None,
    extras: dict[str, Any] | None = None,
) -> list[Finding]:
    """All findings for one document, sorted, after config and suppressions."""
    rules, enabled = _RULES._selection(config, path)
    proposals = propose(doc, rules, config)
    if source is not None:
        from mtcheck.bilingual import bilingual_proposals, merge_with_monolingual

        bilingual, alignment = bilingual_proposals(doc, source, source_lang, config.rule_options())
        proposals = merge_with_monolingual(proposals, [p for p in bilingual if p.rule.code in enabled])
        if extras is not None:
            extras["alignment"] = alignment.to_dict()
    if model_stage is not None:
        proposals = [p for p in model_stage.process(doc, proposals) if p.rule.code in enabled]
    findings = [to_finding(doc, p, config) for p in _dedupe(proposals)]
    findings, unused = apply_suppressions(doc, findings)
    if UNUSED_SUPPRESSION_CODE in enabled:
        rule = _RULES.get(UNUSED_SUPPRESSION_CODE)
        for d in unused:
            what = ", ".join(d.codes) if d.codes else "all rules"
            hit = Hit(0, 0, f"suppression comment ({d.kind} {what}) silenced nothing")
            f = to_finding(doc, Proposal(rule, hit), config)
            line, col = doc.line_index.position(d.start)
            end_line, end_col = doc.line_index.position(d.end)
            findings.append(
                Finding(**{**_fields(f), "start": d.start, "end": d.end, "line": line,
                           "column": col, "end_line": end_line, "end_column": end_col,
                           "text": doc.original[d.start:d.end]})
            )
    findings.sort(key=Finding.sort_key)
    return findings


def _fields(f: Finding) -> dict[str, Any]:
    return {name: getattr(f, name) for name in f.__dataclass_fields__}


# ---------------------------------------------------------------------------------------------
# The model stage, created once per run


class _StageFactory:
    def __init__(self) -> None:
        self._stages: dict[tuple[Any, ...], ModelStage | None] = {}
        self.notice: str | None = None

    def get(self, config: Config) -> ModelStage | None:
        if config.model is False:
            return None
        key = (config.model, config.device, config.batch_size, config.use_cache)
        if key in self._stages:
            return self._stages[key]
        stage: ModelStage | None = None
        try:
            from mtcheck import fluency

            stage = fluency.create_stage(config)
        except ImportError as exc:
            self.notice = f"fluency model unavailable ({exc}); heuristic rules only"
        except Exception as exc:  # ModelUnavailable and loader failures: say once, go on
            self.notice = f"fluency model unavailable: {exc}; heuristic rules only"
        self._stages[key] = stage
        return stage


_STAGES = _StageFactory()


def check_text(
    text: str,
    *,
    filename: str | None = None,
    config: Config | None = None,
    format: str | None = None,
    source: str | None = None,
    source_lang: str | None = None,
) -> list[Finding]:
    """Check one text (a CMS hook's entry point). `filename` names it and picks the format."""
    config = config or Config()
    name = filename or "<text>"
    fmt = format or (format_for(filename) if filename else "text")
    doc = parse(text, name, fmt)
    source_doc = parse(source, f"{name} (source)", "text") if source is not None else None
    return check_document(
        doc,
        config,
        path=Path(filename) if filename else None,
        model_stage=_STAGES.get(config),
        source=source_doc,
        source_lang=source_lang,
    )


# ---------------------------------------------------------------------------------------------
# Many paths


def _gitignore_specs(directory: Path) -> list[tuple[Path, Any]]:
    """The .gitignore specs that apply inside `directory`: its own and its ancestors' up to the repo root."""
    import pathspec

    specs: list[tuple[Path, Any]] = []
    current = directory.resolve()
    while True:
        gi = current / ".gitignore"
        if gi.is_file():
            try:
                lines = gi.read_text(encoding="utf-8", errors="replace").splitlines()
                specs.append((current, pathspec.GitIgnoreSpec.from_lines(lines)))
            except OSError:
                pass
        if (current / ".git").exists() or current.parent == current:
            break
        current = current.parent
    return specs


def _ignored(path: Path, is_dir: bool, specs: list[tuple[Path, Any]]) -> bool:
    for base, spec in specs:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(rel + ("/" if is_dir else "")):
            return True
    return False


def iter_files(paths: Sequence[str], resolver: ConfigResolver) -> Iterator[tuple[Path, bool]]:
    """Files to check: (path, named explicitly). Directories recurse over supported types."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            if path not in seen:
                seen.add(path)
                yield path, True
            continue
        root_specs = _gitignore_specs(path)
        for dirpath, dirnames, filenames in os.walk(path):
            here = Path(dirpath)
            specs = list(root_specs)
            if here.resolve() != path.resolve() and (here / ".gitignore").is_file():
                specs = _gitignore_specs(here) + root_specs
            config = resolver.for_directory(here.resolve())
            dirnames[:] = sorted(
                d for d in dirnames
                if not d.startswith(".")
                and not config.is_excluded(here / d)
                and not _ignored((here / d).resolve(), True, specs)
            )
            for name in sorted(filenames):
                child = here / name
                if name.startswith(".") or child.suffix.lower() not in SUPPORTED_EXTENSIONS:
                    continue
                if config.is_excluded(child) or _ignored(child.resolve(), False, specs):
                    continue
                from mtcheck.bilingual.pairing import is_source_file

                if is_source_file(child):  # story.es.md beside story.md: the original, not copy
                    continue
                if child not in seen:
                    seen.add(child)
                    yield child, False


def check_paths(
    paths: Sequence[str],
    *,
    config_file: Path | None = None,
    overrides: dict[str, Any] | None = None,
    stdin_filename: str | None = None,
    stdin: Callable[[], bytes] | None = None,
    source: Path | None = None,
    source_lang: str | None = None,
) -> Report:
    """Check files, directories and `-` (stdin). Config errors raise ConfigError."""
    resolver = ConfigResolver(config_file, overrides)
    _STAGES.notice = None  # said once per run, not carried into the next one
    results: list[FileResult] = []
    fail_on = resolver.for_path(None).fail_on
    for raw in paths:
        if raw == "-":
            display = stdin_filename or "-"
            config = resolver.for_path(Path(stdin_filename) if stdin_filename else None)
            fail_on = config.fail_on
            read = stdin or (lambda: sys.stdin.buffer.read())
            try:
                doc = read_bytes(read(), display, format_for(display))
            except InputError as exc:
                results.append(FileResult(display, [], error=input_error(display, str(exc))))
                continue
            results.append(_check_one(doc, config, Path(display), source, source_lang))
            continue
        for path, _explicit in iter_files([raw], resolver):
            display = os.path.relpath(path) if path.is_absolute() else str(path)
            config = resolver.for_path(path)
            fail_on = config.fail_on
            try:
                doc = read_path(path, display)
            except InputError as exc:
                results.append(FileResult(display, [], error=input_error(display, str(exc))))
                continue
            results.append(_check_one(doc, config, path, source, source_lang))
    report = Report(results, fail_on=fail_on)
    if _STAGES.notice:
        report.notices.append(_STAGES.notice)
    return report


def _check_one(
    doc: Document,
    config: Config,
    path: Path,
    source: Path | None,
    source_lang: str | None,
) -> FileResult:
    extras: dict[str, Any] = {}
    source_doc: Document | None = None
    from mtcheck.bilingual.pairing import find_source, language_from_name

    if source is None and path.is_file():
        found = find_source(path, config.sources, config.root)
        if found is not None:
            source, source_lang = found[0], source_lang or found[1]
    elif source is not None and source_lang is None:
        source_lang = language_from_name(source)
    if source is not None:
        extras["source_file"] = str(source)
        try:
            source_doc = read_path(source, str(source))
        except InputError as exc:
            return FileResult(doc.path, [], source=doc.original,
                              error=input_error(str(source), str(exc)))
    try:
        findings = check_document(
            doc,
            config,
            path=path,
            model_stage=_STAGES.get(config),
            source=source_doc,
            source_lang=source_lang,
            extras=extras,
        )
    except RuleError as exc:
        return FileResult(doc.path, [], source=doc.original, error=input_error(doc.path, str(exc)))
    from mtcheck.language_guess import guess_source_language

    extras["source_language"] = guess_source_language(findings)
    return FileResult(doc.path, findings, source=doc.original, extras=extras)

"""Configuration: `[tool.mtcheck]` in pyproject.toml or `.mtcheck.toml`, validated, with CLI overrides."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from mtcheck.finding import Severity
from mtcheck.rules.base import SOURCE_LANGUAGES, RuleOptions

CONFIG_FILES = (".mtcheck.toml", "mtcheck.toml", "pyproject.toml")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", "build", "dist",
)
_CODE_PREFIX_RE = re.compile(r"^(ALL|MT\d{0,3})$")


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Settings for one checked file. Paths in globs are relative to `root`."""

    root: Path = field(default_factory=Path.cwd)
    source: str | None = None  # the file it came from, for messages
    select: tuple[str, ...] = ()  # empty: the default set
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    source_languages: tuple[str, ...] = SOURCE_LANGUAGES
    accept: tuple[str, ...] = ()
    debris_patterns: tuple[str, ...] = ()
    model: str | bool | None = None  # None: the embedded default; False: no model pass
    device: str = "auto"
    batch_size: int = 8
    use_cache: bool = True
    sources: Mapping[str, str] = field(default_factory=dict)  # target glob -> source path

    def rule_options(self) -> RuleOptions:
        # Read once per document: made once per setting (RuleOptions is immutable).
        try:
            return _rule_options(self.accept, self.source_languages, self.debris_patterns)
        except TypeError:  # a list given where a tuple belongs: not hashable, made anew
            return _rule_options.__wrapped__(self.accept, self.source_languages, self.debris_patterns)

    def relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def ignored_codes_for(self, path: Path | None) -> tuple[str, ...]:
        if path is None or not self.per_file_ignores:
            return ()
        rel = self.relative(path) or path.as_posix()
        codes: list[str] = []
        for pattern, pattern_codes in self.per_file_ignores:
            if glob_match(rel, pattern):
                codes.extend(pattern_codes)
        return tuple(codes)

    def is_excluded(self, path: Path) -> bool:
        rel = self.relative(path) or path.as_posix()
        return any(glob_match(rel, p) for p in (*self.exclude, *self.extend_exclude))

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


@lru_cache(maxsize=256)
def _rule_options(
    accept: Iterable[str], source_languages: Iterable[str], debris_patterns: tuple[str, ...]
) -> RuleOptions:
    return RuleOptions(
        accept=frozenset(a.casefold() for a in accept),
        source_languages=frozenset(source_languages),
        debris_patterns=debris_patterns,
    )


def glob_match(rel_path: str, pattern: str) -> bool:
    """Match a relative POSIX path against a glob; a bare name matches any component."""
    pattern = pattern.rstrip("/")
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in PurePosixPath(rel_path).parts)
    return PurePosixPath(rel_path).match(pattern) or fnmatch.fnmatchcase(rel_path, pattern)


def code_matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


# ---------------------------------------------------------------------------------------------
# Loading and validation


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ConfigError(f"{where}: expected a list of strings")
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(f"{where}: expected a list of strings, got {item!r}")
    return tuple(value)


def _codes(value: Any, where: str) -> tuple[str, ...]:
    return check_selectors(tuple(c.upper() for c in _strings(value, where)), where)


def check_selectors(codes: tuple[str, ...], where: str) -> tuple[str, ...]:
    """`codes` if each is a rule code or prefix that names at least one rule; else a
    ConfigError (a typo such as MT4O1 or MT999 would otherwise select nothing, silently)."""
    from mtcheck.rules import all_rules

    known = all_rules()
    for code in codes:
        if not _CODE_PREFIX_RE.match(code):
            raise ConfigError(f"{where}: {code!r} is not a rule code or prefix (e.g. MT601, MT6, ALL)")
        if not any(code_matches(c, code) for c in known):
            raise ConfigError(f"{where}: {code!r} names no rule (see `mtcheck rules`)")
    return codes


def _severity(value: Any, where: str) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected one of info, warning, error")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _parse_table(table: Mapping[str, Any], where: str, root: Path) -> dict[str, Any]:
    """Validate a `[tool.mtcheck]` table; returns Config field values."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        at = f"{where}: key '{key}'"
        if key in ("select", "extend-select", "ignore"):
            out[key.replace("-", "_")] = _codes(value, at)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{at}: expected a table of glob = [codes]")
            out["per_file_ignores"] = tuple(
                (glob, _codes(codes, f"{at} ({glob})")) for glob, codes in value.items()
            )
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{at}: expected a table of CODE = \"info|warning|error\"")
            out["severity"] = {
                c.upper(): _severity(v, f"{at} ({c})")
                for c, v in value.items()
                if _codes([c], at)
            }
        elif key == "fail-on":
            out["fail_on"] = _severity(value, at)
        elif key in ("exclude", "extend-exclude", "accept", "debris-patterns"):
            items = _strings(value, at)
            if key == "debris-patterns":
                for pattern in items:
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        raise ConfigError(f"{at}: bad regular expression {pattern!r}: {exc}") from None
            out[key.replace("-", "_")] = items
        elif key == "source-languages":
            langs = tuple(s.lower() for s in _strings(value, at))
            unknown = sorted(set(langs) - set(SOURCE_LANGUAGES))
            if unknown:
                raise ConfigError(
                    f"{at}: unknown language(s) {', '.join(unknown)} (shipped: {', '.join(SOURCE_LANGUAGES)})"
                )
            out["source_languages"] = langs
        elif key == "model":
            if value is True:
                out["model"] = None
            elif value is False or isinstance(value, str):
                out["model"] = value
            else:
                raise ConfigError(f"{at}: expected false or a model name/path")
        elif key == "device":
            if value not in ("auto", "cpu", "cuda", "mps"):
                raise ConfigError(f"{at}: expected one of auto, cpu, cuda, mps")
            out["device"] = value
        elif key == "batch-size":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{at}: expected a positive integer")
            out["batch_size"] = value
        elif key == "cache":
            if not isinstance(value, bool):
                raise ConfigError(f"{at}: expected true or false")
            out["use_cache"] = value
        elif key == "sources":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{at}: expected a table of target glob = \"source path\"")
            out["sources"] = dict(value)
        else:
            known = ", ".join(KNOWN_KEYS)
            raise ConfigError(f"{where}: unknown key '{key}' (known keys: {known})")
    return out


KNOWN_KEYS = (
    "select", "extend-select", "ignore", "per-file-ignores", "severity", "fail-on", "exclude",
    "extend-exclude", "source-languages", "accept", "debris-patterns", "model", "device",
    "batch-size", "cache", "sources",
)


def load_config_file(path: Path) -> Config | None:
    """The config in `path`, or None for a pyproject.toml without `[tool.mtcheck]`."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("mtcheck")
        if table is None:
            return None
        where = f"{path} [tool.mtcheck]"
    else:
        table = data.get("tool", {}).get("mtcheck", data) if "tool" in data else data
        where = str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table")
    values = _parse_table(table, where, path.parent)
    return Config(root=path.parent, source=str(path), **values)


class ConfigResolver:
    """Finds the nearest config for each file (walking up), caching per directory."""

    def __init__(self, explicit: Path | None = None, overrides: Mapping[str, Any] | None = None):
        self._overrides = dict(overrides or {})
        self._by_dir: dict[Path, Config] = {}
        self._explicit: Config | None = None
        if explicit is not None:
            if not explicit.exists():
                raise ConfigError(f"{explicit}: config file not found")
            loaded = load_config_file(explicit)
            if loaded is None:
                raise ConfigError(f"{explicit}: has no [tool.mtcheck] table")
            self._explicit = self._apply(loaded)
        self._default = self._apply(Config())

    def _apply(self, config: Config) -> Config:
        return apply_overrides(config, self._overrides)

    def for_path(self, path: Path | None) -> Config:
        if self._explicit is not None:
            return self._explicit
        if path is None:
            return self.for_directory(Path.cwd())
        return self.for_directory(path.resolve().parent)

    def for_directory(self, directory: Path) -> Config:
        if self._explicit is not None:
            return self._explicit
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        config: Config | None = None
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                loaded = load_config_file(candidate)
                if loaded is not None:
                    config = self._apply(loaded)
                    break
        if config is None:
            parent = directory.parent
            config = self._default if parent == directory else self.for_directory(parent)
        self._by_dir[directory] = config
        return config


def apply_overrides(config: Config, overrides: Mapping[str, Any]) -> Config:
    """CLI flags win over the file: lists given on the command line replace or extend."""
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None:
            continue
        if key in ("extend_select", "extend_exclude", "accept", "ignore") and value:
            changes[key] = (*getattr(config, key), *value)
        elif key == "select" and value:
            changes[key] = tuple(value)
        elif key == "exclude" and value:
            changes[key] = tuple(value)
        elif not isinstance(value, tuple | list) or value:
            changes[key] = value
    return replace(config, **changes) if changes else config


def selected_codes(config: Config, codes: Iterable[str], default_on: Mapping[str, bool], path: Path | None) -> list[str]:
    """The rule codes enabled for a file under `config`."""
    extra_ignores = config.ignored_codes_for(path)
    out = []
    for code in codes:
        if config.select:
            on = any(code_matches(code, s) for s in config.select)
            # A family prefix or ALL does not turn on opt-in rules; naming the code does.
            if on and not default_on[code] and code not in config.select:
                on = False
        else:
            on = default_on[code]
        if any(code_matches(code, s) for s in config.extend_select):
            on = True
        if any(code_matches(code, s) for s in (*config.ignore, *extra_ignores)):
            on = False
        if on:
            out.append(code)
    return out

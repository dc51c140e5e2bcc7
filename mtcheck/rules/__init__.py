"""The rule registry: every Rule subclass in the family packages below, by code."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path

from mtcheck.rules.base import Hit, Rule, RuleOptions

__all__ = ["Hit", "Rule", "RuleOptions", "all_rules", "rule_by_code"]

_HERE = Path(__file__).parent


@cache
def all_rules() -> dict[str, type[Rule]]:
    """Every rule class, keyed by code, in code order.

    Rules live one per module in `mtcheck/rules/<family>/mtNNN_<name>.py`; discovery keeps
    adding a rule a one-file change.
    """
    found: dict[str, type[Rule]] = {}
    for family in sorted(p for p in _HERE.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        for mod in pkgutil.iter_modules([str(family)]):
            if not mod.name.startswith("mt"):
                continue
            module = importlib.import_module(f"mtcheck.rules.{family.name}.{mod.name}")
            for obj in vars(module).values():
                if (
                    isinstance(obj, type)
                    and issubclass(obj, Rule)
                    and obj is not Rule
                    and obj.__module__ == module.__name__
                    and getattr(obj, "code", None)
                ):
                    if obj.code in found:
                        raise RuntimeError(f"duplicate rule code {obj.code}")
                    found[obj.code] = obj
    return dict(sorted(found.items()))


def rule_by_code(code: str) -> type[Rule] | None:
    return all_rules().get(code.upper())

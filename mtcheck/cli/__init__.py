"""The `mtcheck` command line: a thin Typer layer over the library API."""

from __future__ import annotations

import importlib
import importlib.util

import typer

app = typer.Typer(
    name="mtcheck",
    help="Find the artefacts of machine translation in English news copy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

# Each module registers its own command; a command's heavy imports happen inside it.
_COMMAND_MODULES = ("check", "rules", "score", "compare")


def _register() -> None:
    for name in _COMMAND_MODULES:
        module_name = f"mtcheck.cli.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        importlib.import_module(module_name).register(app)


_register()


def main() -> None:
    app()

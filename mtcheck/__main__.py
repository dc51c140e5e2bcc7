"""`python -m mtcheck` runs the command-line interface."""

from mtcheck.cli import main

main()

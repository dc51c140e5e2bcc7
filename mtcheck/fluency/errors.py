"""The error the engine catches to fall back to heuristics only."""

from __future__ import annotations


class ModelUnavailable(Exception):
    """The fluency model cannot be loaded; the message says why and how to fix it."""

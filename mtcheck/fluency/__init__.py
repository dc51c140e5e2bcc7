"""The optional model pass: a causal language model scores what the reader sees.

Nothing here imports torch or transformers at import time; `create_stage` loads them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from mtcheck.fluency.errors import ModelUnavailable

if TYPE_CHECKING:
    from mtcheck.fluency.stage import FluencyStage

__all__ = ["ModelUnavailable", "create_stage"]

# OpenMP threads that spin while waiting collapse when the cores are shared (CI runners, a
# test suite in parallel): 2-threaded scoring measured 29-97 tokens/s with spinning and
# ~160 with passive waiting on the busy 2-core reference machine. Must precede `import torch`.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def create_stage(config: Any) -> FluencyStage:
    """The model stage for `config` (fields `model`, `device`, `batch_size`, `use_cache`).

    Raises ModelUnavailable (with the fix in its message) when no model can be loaded.
    """
    from mtcheck.fluency.stage import FluencyStage

    return FluencyStage.from_config(config)

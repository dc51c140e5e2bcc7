"""mtcheck: find the artefacts of machine translation in English news copy.

The library API a CMS hook or a server calls directly:

    from mtcheck import check_text, check_paths, Config
    findings = check_text(article, filename="story.md", config=Config(model=False))
"""

from __future__ import annotations

__version__ = "0.1.0"

from mtcheck.config import Config, ConfigError  # noqa: E402
from mtcheck.engine import FileResult, Report, check_document, check_paths, check_text  # noqa: E402
from mtcheck.finding import Finding, Severity  # noqa: E402

__all__ = [
    "Config",
    "ConfigError",
    "FileResult",
    "Finding",
    "Report",
    "Severity",
    "__version__",
    "check_document",
    "check_paths",
    "check_text",
]

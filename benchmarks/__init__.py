"""mtcheck's benchmarks: each module measures one thing and `python -m benchmarks` runs them all.

Contract for a benchmark module `benchmarks/<name>.py`:
- `summary_rows() -> list[tuple[str, str, str]]`: (metric, value, note) rows for the summary
  table; it may accept a keyword `quick: bool` for a shorter run (`--quick`).
- raise `SkipBenchmark(reason)` when it cannot run (data absent, optional package missing);
- run standalone (`python -m benchmarks.<name>` or `python benchmarks/<name>.py`) printing
  its full figures.
Benchmarks print numbers; they never assert timings.
"""

from __future__ import annotations


class SkipBenchmark(Exception):
    """Raised by a benchmark that cannot run here; the message says why, in one line."""

"""`lazy` patterns behave as the compiled ones, compiled on first use."""

from __future__ import annotations

import re

from mtcheck.lazy_re import lazy


def test_lazy_pattern_is_the_compiled_pattern():
    for source, flags, text in [
        (r"(?P<h>\d{1,2})\.(?P<m>\d\d)", 0, "at 14.30 and 9.05"),
        (r"\bat\s+$", re.IGNORECASE, "arrived AT "),
        (rb"0(?= ?h)", 0, b"00 h0h"),
    ]:
        compiled, pattern = re.compile(source, flags), lazy(source, flags)
        assert "_source" in vars(pattern) and "match" not in vars(pattern)  # not compiled yet
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
        assert "match" in vars(pattern)  # compiled once, methods kept on the object
        assert pattern.findall(text) == compiled.findall(text)
        repl = b"x" if isinstance(text, bytes) else "x"
        assert pattern.sub(repl, text) == compiled.sub(repl, text)
        assert bool(pattern.search(text)) == bool(compiled.search(text))
        assert (pattern.pattern, pattern.flags, pattern.groupindex) == (compiled.pattern, compiled.flags, compiled.groupindex)

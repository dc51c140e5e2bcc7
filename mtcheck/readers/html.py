"""HTML reader: visible text only; scripts, styles, the head and tags are skipped."""

from __future__ import annotations

import html
import re

from mtcheck.document import Directive, Document, TextBuilder
from mtcheck.readers.directives import parse_comment

_TOKEN_RE = re.compile(
    r"<!--(?P<comment>.*?)(?:-->|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<![^>]*>|<\?.*?(?:\?>|\Z)"
    r"|<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
    r"|\s+",
    re.DOTALL,
)
# Elements whose content a reader never sees.
_HIDDEN = frozenset(
    "script style noscript template svg math head iframe object canvas select textarea".split()
)
_BLOCK = frozenset(
    """address article aside blockquote body dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary
    table tbody td tfoot th thead title tr ul caption""".split()
)


def read_html(original: str, path: str) -> Document:
    out = TextBuilder(original)
    directives: list[Directive] = []
    pos = 0
    n = len(original)
    pre_depth = 0
    while pos < n:
        m = _TOKEN_RE.search(original, pos)
        if m is None:
            out.copy(pos, n)
            break
        out.copy(pos, m.start())
        pos = m.end()
        tok = m.group()
        if m.group("comment") is not None:
            d = parse_comment(m.group("comment"), m.start(), m.end())
            if d is not None:
                directives.append(d)
        elif m.group("tag"):
            tag = m.group("tag").lower()
            closing = bool(m.group("close"))
            if not closing and tag in _HIDDEN and not tok.endswith("/>"):
                end_re = re.compile(r"</%s\s*>" % re.escape(tag), re.IGNORECASE)
                end = end_re.search(original, pos)
                pos = n if end is None else end.end()
                continue
            if tag == "pre":
                pre_depth = max(0, pre_depth + (-1 if closing else 1))
            if tag == "br":
                out.insert("\n", m.start(), m.end())
            elif tag in _BLOCK:
                out.break_block(m.start())
        elif tok[0] == "&":
            out.insert(html.unescape(tok).replace("\xa0", " "), m.start(), m.end())
        elif tok[0] in " \t\r\n\f\v":
            if pre_depth:
                out.copy(m.start(), m.end())
            elif tok == " ":
                out.copy(m.start(), m.end())
            elif not out.is_empty() and not out.ends_with("\n") and not out.ends_with(" "):
                out.insert(" ", m.start(), m.end())
        else:
            out.copy(m.start(), m.end())
    text, offsets = out.build()
    return Document(
        path=path,
        original=original,
        text=text,
        format="html",
        offsets=offsets,
        directives=tuple(directives),
    )

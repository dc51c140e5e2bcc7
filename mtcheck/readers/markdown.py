"""Markdown reader: prose, headings and front-matter titles; code, URLs and comments skipped."""

from __future__ import annotations

import html
import re

from mtcheck.document import Directive, Document, TextBuilder
from mtcheck.readers.directives import parse_comment

# Front-matter keys whose values are published prose and therefore checked.
CHECKED_FRONT_MATTER_KEYS = ("title", "description", "subtitle", "summary", "excerpt", "caption")
_FM_VALUE_RE = re.compile(
    r"^(?:%s)\s*[:=]\s*(?P<q>[\"']?)(?P<value>.*?)(?P=q)\s*$" % "|".join(CHECKED_FRONT_MATTER_KEYS),
    re.IGNORECASE,
)
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE_RE = re.compile(r"^ {0,3}([-*_=])(?:\s*\1){2,}\s*$")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_LINK_DEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_BLOCKQUOTE_RE = re.compile(r"^ {0,3}(?:>\s?)+")
_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:\s+|$)")
_HEADING_TAIL_RE = re.compile(r"\s+#+\s*$")
_LIST_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_INLINE_RE = re.compile(
    r"<!--"
    r"|`+"
    r"|!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])?"
    r"|\[(?P<label>[^\]\n]*)\](?P<target>\([^)\n]*\)|\[[^\]\n]*\])"
    r"|<https?://[^>\s]+>|<[A-Za-z/][^>\n]*>"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|\\[\\`*_{}\[\]()#+\-.!|<>~\"]"
    r"|\*+|_+|~~"
    r"|\|"
)
# Inline code becomes this word so the sentence around it stays grammatical.
CODE_PLACEHOLDER = "code"


class _MarkdownReader:
    def __init__(self, original: str) -> None:
        self.src = original
        self.out = TextBuilder(original)
        self.directives: list[Directive] = []
        self.table_row = False
        self.body_start = 0

    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of each line's content, CR and LF excluded."""
        spans = []
        pos = 0
        src = self.src
        n = len(src)
        while pos <= n:
            nl = src.find("\n", pos)
            end = n if nl == -1 else nl
            content_end = end - 1 if end > pos and src[end - 1] == "\r" else end
            spans.append((pos, content_end))
            if nl == -1:
                break
            pos = nl + 1
        return spans

    def run(self) -> None:
        lines = self.lines()
        i = self.front_matter(lines)
        self.body_start = len(self.out.build()[0])
        fence: str | None = None
        prev_blank = True
        resume = 0  # original offset already consumed (a comment can span lines)
        while i < len(lines):
            s, e = lines[i]
            i += 1
            if e < resume:
                continue
            s = max(s, resume)
            line = self.src[s:e]
            if fence is not None:
                if line.strip().startswith(fence):
                    fence = None
                continue
            fm = _FENCE_RE.match(line)
            if fm:
                fence = fm.group(1)
                self.out.break_block(s)
                continue
            if not line.strip():
                self.out.break_block(s)
                prev_blank = True
                continue
            if prev_blank and (line.startswith("    ") or line.startswith("\t")):
                continue  # indented code block
            if _RULE_RE.match(line) or _TABLE_SEP_RE.match(line) or _LINK_DEF_RE.match(line):
                self.out.break_block(s)
                prev_blank = True
                continue
            # A line holding only a comment separates blocks like a blank line does.
            prev_blank = line.strip().startswith("<!--") and line.rstrip().endswith("-->")
            start = s
            m = _BLOCKQUOTE_RE.match(line)
            if m:
                start += m.end()
            rest = self.src[start:e]
            heading = _HEADING_RE.match(rest)
            if heading:
                self.out.break_block(s)
                start += heading.end()
                tail = _HEADING_TAIL_RE.search(self.src[start:e])
                if tail:
                    e = start + tail.start()
            else:
                lm = _LIST_RE.match(rest)
                if lm:
                    self.out.break_block(s)
                    start += lm.end()
            stripped_line = self.src[start:e].strip()
            self.table_row = stripped_line.startswith("|") and stripped_line.endswith("|")
            consumed = self.inline(start, e)
            if consumed > e:  # a comment ran past this line
                resume = consumed
                self.out.insert("\n", consumed, consumed)
                continue
            if heading:
                self.out.break_block(e)
            elif e < len(self.src):
                self.out.insert("\n", e, e + 1)

    def front_matter(self, lines: list[tuple[int, int]]) -> int:
        if not lines:
            return 0
        first = self.src[lines[0][0] : lines[0][1]].strip()
        if first not in ("---", "+++"):
            return 0
        closers = ("---", "...") if first == "---" else ("+++",)
        for j in range(1, len(lines)):
            s, e = lines[j]
            if self.src[s:e].strip() in closers:
                for k in range(1, j):
                    ks, ke = lines[k]
                    m = _FM_VALUE_RE.match(self.src[ks:ke])
                    if m and m.group("value").strip():
                        self.inline(ks + m.start("value"), ks + m.end("value"))
                        self.out.break_block(ke)
                return j + 1
        return 0  # no closing fence: not front matter

    def inline(self, start: int, end: int) -> int:
        """Copy the prose of original[start:end]; returns the offset where it stopped."""
        src = self.src
        pos = start
        for m in _INLINE_RE.finditer(src, start, end):
            if m.start() < pos:
                continue
            tok = m.group()
            self.out.copy(pos, m.start())
            pos = m.end()
            first = tok[0]
            if tok == "<!--":
                close = src.find("-->", m.end())
                stop = len(src) if close == -1 else close + 3
                d = parse_comment(src[m.end() : close if close != -1 else len(src)], m.start(), stop)
                if d is not None:
                    self.directives.append(d)
                if stop > end:
                    return stop
                pos = stop
            elif first == "`":
                close = src.find(tok, m.end(), end)
                while close != -1 and src[close + len(tok) : close + len(tok) + 1] == "`":
                    close = src.find(tok, close + len(tok) + 1, end)
                if close == -1:
                    self.out.copy(m.start(), m.end())
                else:
                    self.out.insert(CODE_PLACEHOLDER, m.start(), close + len(tok))
                    pos = close + len(tok)
            elif first == "!" and tok.startswith("!["):
                pass  # images: alt text is not published prose
            elif first == "[":
                label_start = m.start("label")
                self.inline(label_start, m.end("label"))
            elif first == "<":
                pass  # inline HTML tag or autolink
            elif first == "&":
                self.out.insert(html.unescape(tok).replace("\xa0", " "), m.start(), m.end())
            elif first == "\\":
                self.out.copy(m.start() + 1, m.end())
            elif first in "*_~":
                before = src[m.start() - 1] if m.start() > start else " "
                after = src[m.end()] if m.end() < end else " "
                if first == "_" and before.isalnum() and after.isalnum():
                    self.out.copy(m.start(), m.end())  # snake_case, not emphasis
                elif first == "*" and before.isspace() and after.isspace():
                    self.out.copy(m.start(), m.end())  # "5 * 3"
            elif first == "|":
                if self.table_row:
                    self.out.insert("\n", m.start(), m.end())
                else:
                    self.out.copy(m.start(), m.end())
        self.out.copy(pos, end)
        return end


def read_markdown(original: str, path: str) -> Document:
    reader = _MarkdownReader(original)
    reader.run()
    text, offsets = reader.out.build()
    return Document(
        path=path,
        original=original,
        text=text,
        format="markdown",
        offsets=offsets,
        directives=tuple(reader.directives),
        body_start=reader.body_start,
    )

#!/usr/bin/env python3
"""Build and check the mtcheck fixture annotations.

Usage:
  python benchmarks/annotate.py check [JSONL]
      Verify every annotation (file exists, text == file_text[start:end],
      known code, language matches the file name) and print counts per
      code and per language. Exit status 1 on any error.
  python benchmarks/annotate.py locate FILE "snippet" [occurrence]
      Print start/end (character offsets) of the N-th (1-based) occurrence
      of snippet in FILE. A snippet may mark the span inside its context
      with [[ and ]], e.g. "a note [[for]] ." prints the offsets of "for".
  python benchmarks/annotate.py audit [JSONL]
      List repeats of annotated strings that lack an annotation of the same
      code in the same file (review aid; exit status is always 0).
  python benchmarks/annotate.py build [SPEC] [JSONL]
      Read the tab-separated spec (default fixtures/annotations.spec.tsv)
      and write the JSONL (default fixtures/annotations.jsonl).

Spec format: one line per planted span, tab-separated:
  file <TAB> code <TAB> snippet <TAB> occurrence <TAB> lang <TAB> note
'#' starts a comment line; blank lines are ignored. occurrence is 1-based
(empty means 1). In the snippet, "\\n" stands for a newline and [[...]]
marks the annotated span inside a larger, disambiguating context.
Offsets are Python str indices into the UTF-8-decoded file, end-exclusive.

Standard library only.
"""
import collections
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SPEC = os.path.join("fixtures", "annotations.spec.tsv")
DEFAULT_JSONL = os.path.join("fixtures", "annotations.jsonl")
ARTICLES = os.path.join("fixtures", "articles")

CODES = {
    "MT101": "transliteration",
    "MT102": "source-language accent on foreign name",
    "MT103": "inconsistent spelling within article",
    "MT201": "dangling function word / lowercase sentence start",
    "MT202": "repeated word / doubled preposition",
    "MT203": "determiner glued to verb/preposition/punctuation",
    "MT204": "clause that lost its noun",
    "MT205": "postposed adjective",
    "MT206": "'others 60 people' numeral order",
    "MT207": "orphan bracket",
    "MT208": "speaker is a translated surname",
    "MT301": "present perfect in attribution",
    "MT302": "attribution with trailing relative clause",
    "MT303": "inverted present-tense attribution",
    "MT304": "reportative conditional",
    "MT401": "false friend / lexical calque",
    "MT402": "untranslated source-language word",
    "MT501": "quote problem",
    "MT502": "source number format",
    "MT503": "source time format",
    "MT504": "guillemets",
    "MT505": "inverted Spanish punctuation",
    "MT506": "bracketed ellipsis in quote",
    "MT507": "French space before punctuation",
    "MT508": "article before a percentage",
    "MT601": "scrape boilerplate line",
    "MT602": "dangling credit line",
    "MT603": "duplicated line",
    "MT604": "stray section label line",
}
LANGS = {"es", "fr", "it", "de", "pt"}
NAME_RE = re.compile(r"^\d{3}-([a-z]{2})-")


def path_of(rel):
    return rel if os.path.isabs(rel) else os.path.join(ROOT, rel)


def read_text(rel):
    with open(path_of(rel), encoding="utf-8", newline="") as fh:
        return fh.read()


def parse_snippet(snippet):
    """Return (context, span_start_in_context, span_end_in_context)."""
    s = snippet.replace("\\n", "\n").replace("\\t", "\t")
    if "[[" in s:
        i = s.index("[[")
        j = s.index("]]", i)
        inner = s[i + 2:j]
        ctx = s[:i] + inner + s[j + 2:]
        return ctx, i, i + len(inner)
    return s, 0, len(s)


def locate(text, snippet, occurrence=1):
    ctx, a, b = parse_snippet(snippet)
    if not ctx:
        raise ValueError("empty snippet")
    pos = -1
    for _ in range(occurrence):
        pos = text.find(ctx, pos + 1)
        if pos < 0:
            raise ValueError("snippet %r: occurrence %d not found" % (ctx, occurrence))
    return pos + a, pos + b


def file_lang(rel):
    m = NAME_RE.match(os.path.basename(rel))
    return m.group(1) if m else None


def cmd_locate(args):
    if len(args) < 2:
        sys.exit(__doc__)
    occ = int(args[2]) if len(args) > 2 else 1
    text = read_text(args[0])
    start, end = locate(text, args[1], occ)
    print("start=%d end=%d text=%r" % (start, end, text[start:end]))
    n = text.count(parse_snippet(args[1])[0])
    if n > 1:
        print("note: context occurs %d times in file" % n)


def build_rows(spec=DEFAULT_SPEC):
    """The annotations the spec describes (sorted as the JSONL holds them), and the spec's
    errors as printable lines."""
    cache, rows, errors = {}, [], []
    with open(path_of(spec), encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            while len(parts) < 6:
                parts.append("")
            rel, code, snippet, occ, lang, note = parts[:6]
            try:
                if rel not in cache:
                    cache[rel] = read_text(rel)
                start, end = locate(cache[rel], snippet, int(occ or 1))
            except (OSError, ValueError) as exc:
                errors.append("%s:%d: %s" % (spec, lineno, exc))
                continue
            rows.append({"file": rel, "start": start, "end": end, "code": code,
                         "text": cache[rel][start:end],
                         "lang": lang or file_lang(rel), "note": note})
    rows.sort(key=lambda r: (r["file"], r["start"], r["end"]))
    return rows, errors


def cmd_build(args):
    spec = args[0] if args else DEFAULT_SPEC
    out = args[1] if len(args) > 1 else DEFAULT_JSONL
    rows, errors = build_rows(spec)
    for e in errors:
        print(e, file=sys.stderr)
    with open(path_of(out), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote %d annotations to %s" % (len(rows), out))
    if errors:
        print("%d spec errors" % len(errors), file=sys.stderr)
        sys.exit(1)


def cmd_check(args):
    path = args[0] if args else DEFAULT_JSONL
    errors = 0
    by_code, by_lang, by_file = collections.Counter(), collections.Counter(), collections.Counter()
    cache, seen = {}, {}

    def err(msg):
        nonlocal errors
        errors += 1
        print("ERROR: " + msg)

    with open(path_of(path), encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except ValueError as exc:
                err("line %d: bad JSON: %s" % (lineno, exc))
                continue
            missing = {"file", "start", "end", "code", "text"} - set(r)
            if missing:
                err("line %d: missing keys %s" % (lineno, sorted(missing)))
                continue
            rel = r["file"]
            if not os.path.exists(path_of(rel)):
                err("line %d: no such file %s" % (lineno, rel))
                continue
            if rel not in cache:
                cache[rel] = read_text(rel)
            text = cache[rel]
            s, e = r["start"], r["end"]
            if not (0 <= s < e <= len(text)):
                err("line %d: bad offsets %r-%r" % (lineno, s, e))
                continue
            if text[s:e] != r["text"]:
                err("line %d: %s[%d:%d] is %r, annotation says %r"
                    % (lineno, rel, s, e, text[s:e], r["text"]))
            if r["code"] not in CODES:
                err("line %d: unknown code %s" % (lineno, r["code"]))
            if "/clean/" in rel:
                err("line %d: clean article %s carries an annotation" % (lineno, rel))
            fl = file_lang(rel)
            if fl and r.get("lang") != fl:
                err("line %d: lang %r but file name says %r" % (lineno, r.get("lang"), fl))
            key = (rel, s, e)
            if key in seen:
                err("line %d: duplicate span (also line %d)" % (lineno, seen[key]))
            seen[key] = lineno
            by_code[r["code"]] += 1
            by_lang[r.get("lang")] += 1
            by_file[rel] += 1

    if path == DEFAULT_JSONL:
        # the spec is the source of truth: a span added to the JSONL alone is lost at the
        # next build
        built, spec_errors = build_rows(DEFAULT_SPEC)
        for e in spec_errors:
            err(e)
        with open(path_of(path), encoding="utf-8") as fh:
            held = [json.loads(line) for line in fh if line.strip()]
        if held != built:
            spans = lambda rows: {(r["file"], r["start"], r["end"], r["code"]) for r in rows}  # noqa: E731
            for f, s, e, c in sorted(spans(held) - spans(built)):
                err("%s %s %d-%d is in %s but not in %s" % (f, c, s, e, path, DEFAULT_SPEC))
            for f, s, e, c in sorted(spans(built) - spans(held)):
                err("%s %s %d-%d is in %s but not in %s (run build)" % (f, c, s, e, DEFAULT_SPEC, path))
            if spans(held) == spans(built):
                err("%s differs from a build of %s in texts, notes or order (run build)" % (path, DEFAULT_SPEC))

    mt_dir = path_of(os.path.join(ARTICLES, "mt"))
    clean_dir = path_of(os.path.join(ARTICLES, "clean"))
    mt_files = sorted(os.listdir(mt_dir)) if os.path.isdir(mt_dir) else []
    clean_files = sorted(os.listdir(clean_dir)) if os.path.isdir(clean_dir) else []
    for name in mt_files:
        rel = os.path.join(ARTICLES, "mt", name)
        if by_file[rel] == 0:
            err("mt article without annotations: %s" % rel)
        if file_lang(rel) not in LANGS:
            err("mt article name lacks a source language: %s" % rel)

    def words(rel):
        t = read_text(rel)
        t = re.sub(r"(?s)<script.*?</script>", " ", t)
        t = re.sub(r"<[^>]+>", " ", t)
        return len(t.split())

    for sub, names in (("mt", mt_files), ("clean", clean_files)):
        for name in names:
            rel = os.path.join(ARTICLES, sub, name)
            n = words(rel)
            if not 300 <= n <= 700:
                print("warning: %s has %d words (want 300-700)" % (rel, n))

    print("files: %d mt, %d clean" % (len(mt_files), len(clean_files)))
    ext = collections.Counter(os.path.splitext(n)[1] for n in mt_files)
    print("mt formats: " + ", ".join("%s=%d" % kv for kv in sorted(ext.items())))
    ext = collections.Counter(os.path.splitext(n)[1] for n in clean_files)
    print("clean formats: " + ", ".join("%s=%d" % kv for kv in sorted(ext.items())))
    langs = collections.Counter(file_lang(n) for n in mt_files)
    print("mt source languages: " + ", ".join("%s=%d" % kv for kv in sorted(langs.items())))
    print("annotations: %d" % sum(by_code.values()))
    print("per code:")
    for code in sorted(CODES):
        print("  %s %-45s %d" % (code, CODES[code], by_code[code]))
    fam = collections.Counter()
    for code, n in by_code.items():
        fam[code[:3] + "xx"] += n
    print("per family: " + ", ".join("%s=%d" % kv for kv in sorted(fam.items())))
    print("per language: " + ", ".join("%s=%d" % (k, v) for k, v in sorted(by_lang.items(), key=lambda kv: str(kv[0]))))
    if errors:
        print("%d error(s)" % errors)
        sys.exit(1)
    print("OK")


STOP = {"the", "a", "an", "of", "to", "in", "for", "(", ")", "[", "]", '"', "“", "”", "«", "»", "¡", "¿"}


def cmd_audit(args):
    """Report repeats of an annotated string that carry no annotation of the
    same code (e.g. a transliterated name annotated once but used twice)."""
    path = args[0] if args else DEFAULT_JSONL
    by_file = collections.defaultdict(list)
    with open(path_of(path), encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                by_file[r["file"]].append(r)
    hits = 0
    for rel, anns in sorted(by_file.items()):
        text = read_text(rel)
        for a in anns:
            s = a["text"]
            if s.strip().lower() in STOP or len(s) > 40 or "\n" in s:
                continue
            pat = (r"(?<!\w)" if s[:1].isalnum() else "") + re.escape(s) + (r"(?!\w)" if s[-1:].isalnum() else "")
            for m in re.finditer(pat, text):
                covered = any(b["code"] == a["code"] and b["start"] < m.end() and m.start() < b["end"] for b in anns)
                if not covered:
                    hits += 1
                    ctx = text[max(0, m.start() - 30):m.end() + 30].replace("\n", " ")
                    print("%s:%d %s %r unannotated repeat: ...%s..." % (rel, m.start(), a["code"], s, ctx))
    print("%d unannotated repeat(s)" % hits)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return
    cmd, args = argv[0], argv[1:]
    if cmd == "check":
        cmd_check(args)
    elif cmd == "locate":
        cmd_locate(args)
    elif cmd == "build":
        cmd_build(args)
    elif cmd == "audit":
        cmd_audit(args)
    else:
        sys.exit("unknown command %r\n%s" % (cmd, __doc__))


if __name__ == "__main__":
    os.chdir(ROOT)
    main(argv=sys.argv[1:])

"""`mtcheck compare MT_OUTPUT EDITED`: post-edit distance (chrF, BLEU, TER) between MT and the desk's edit."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from mtcheck.cli.output import emit, fail

if TYPE_CHECKING:
    from mtcheck.compare import DirectoryComparison, DocumentComparison, FindingOutcome


def compare(
    mt_output: Annotated[Path, typer.Argument(help="The machine translation (a file, or a directory of files).")],
    edited: Annotated[Path, typer.Argument(help="The edited version (a file, or a directory paired by file name).")],
    output_format: Annotated[str, typer.Option("--output-format", "-f", help="text or json.")] = "text",
    output_file: Annotated[Path | None, typer.Option("--output-file", "-o", help="Write the report to this file.")] = None,
    top: Annotated[int, typer.Option("--top", min=0, help="Most-edited passages to list per file (text output).")] = 5,
    findings: Annotated[bool, typer.Option("--findings", help="Check the MT output and report which findings fall on text the desk rewrote (confirmed).")] = False,
    unit: Annotated[str, typer.Option("--unit", help="Segments to align and score: sentence or paragraph.")] = "sentence",
) -> None:
    """Measure how much the desk changed the machine output (sacrebleu chrF, BLEU, TER)."""
    from mtcheck.compare import compare_directories, compare_paths
    from mtcheck.readers import InputError

    if unit not in ("sentence", "paragraph"):
        raise fail(f"--unit: unknown unit {unit!r} (choose from sentence, paragraph)")
    if output_format not in ("text", "json"):
        raise fail(f"--output-format: unknown format {output_format!r} (choose from text, json)")
    for p in (mt_output, edited):
        if not p.exists():
            raise fail(f"{p}: no such file or directory")
    if mt_output.is_dir() != edited.is_dir():
        raise fail("give two files or two directories")
    out = io.StringIO()
    try:
        if mt_output.is_dir():
            result = compare_directories(mt_output, edited, unit)
            outcomes = {p.mt_path: _findings(p) for p in result.pairs} if findings else {}
            if output_format == "json":
                data = result.to_dict()
                if findings:
                    for entry, pair in zip(data["files"], result.pairs, strict=False):
                        entry["findings"] = _findings_dict(outcomes[pair.mt_path])
                json.dump(data, out, ensure_ascii=False, indent=2)
                out.write("\n")
            else:
                _render_directory(result, out, outcomes)
        else:
            single = compare_paths(mt_output, edited, unit=unit)
            outcome = _findings(single) if findings else None
            if output_format == "json":
                data = single.to_dict()
                if outcome is not None:
                    data["findings"] = _findings_dict(outcome)
                json.dump(data, out, ensure_ascii=False, indent=2)
                out.write("\n")
            else:
                _render_document(single, out, top, outcome)
    except InputError as exc:
        raise fail(str(exc)) from None
    emit(out.getvalue(), output_file)


def _findings(pair: DocumentComparison) -> list[FindingOutcome]:
    from mtcheck.compare import confirm_findings
    from mtcheck.engine import check_paths
    from mtcheck.readers import read_path

    report = check_paths([pair.mt_path], overrides={"model": False})
    found = [f for r in report.files for f in r.findings]
    return confirm_findings(pair, read_path(Path(pair.mt_path), pair.mt_path), found)


def _findings_dict(outcomes: list[FindingOutcome]) -> dict[str, Any]:
    by_code: dict[str, dict[str, int]] = {}
    for o in outcomes:
        entry = by_code.setdefault(o.code, {"findings": 0, "confirmed": 0})
        entry["findings"] += 1
        entry["confirmed"] += int(o.confirmed)
    return {
        "total": len(outcomes),
        "confirmed": sum(o.confirmed for o in outcomes),
        "by_code": dict(sorted(by_code.items())),
        "items": [o.to_dict() for o in outcomes],
    }


def _scores(d: dict[str, float]) -> str:
    return f"chrF {d['chrf']:6.2f}   BLEU {d['bleu']:6.2f}   TER {d['ter']:6.2f}"


def _render_signatures(sig: dict[str, str], out: TextIO) -> None:
    out.write("sacrebleu signatures (hypothesis = MT output, reference = edited):\n")
    out.write(f"  chrF          {sig.get('chrf', '')}\n")
    out.write(f"  BLEU          {sig.get('bleu', '')}   (documents, totals)\n")
    out.write(f"  BLEU segments {sig.get('segment_bleu', '')}\n")
    out.write(f"  TER           {sig.get('ter', '')}\n")


def _render_document(
    result: DocumentComparison, out: TextIO, top: int, outcome: list[FindingOutcome] | None
) -> None:
    out.write(f"{result.mt_path} -> {result.edited_path}\n")
    out.write(f"document   {_scores(result.document)}\n")
    units = result.unit + "s"
    out.write(
        f"{units:<10} {result.mt_sentences} MT -> {result.edited_sentences} edited; "
        f"{result.changed_sentences} of {result.mt_sentences} MT {units} changed "
        f"({result.changed_share:.0%})\n"
    )
    ranked = result.most_edited(top)
    if ranked:
        out.write(f"\nmost-edited passages ({len(ranked)} of {len(result.most_edited())} changed):\n")
        for rank, seg in enumerate(ranked, 1):
            out.write(f"  {rank}. segment {seg.index} [{seg.kind}]  {_scores({'chrf': seg.chrf, 'bleu': seg.bleu, 'ter': seg.ter})}\n")
            out.write(f"     - {seg.mt or '(nothing: added by the desk)'}\n")
            out.write(f"     + {seg.edited or '(deleted by the desk)'}\n")
    if outcome is not None:
        confirmed = sum(o.confirmed for o in outcome)
        out.write(f"\nfindings on the MT output: {len(outcome)}, confirmed by the edit: {confirmed}\n")
        for o in outcome:
            mark = "confirmed" if o.confirmed else "unchanged"
            out.write(f"  {o.code} {mark:<9} {o.text!r}: {o.message}\n")
    out.write("\n")
    _render_signatures(result.signatures, out)


def _render_directory(result: DirectoryComparison, out: TextIO, outcomes: dict[str, list[FindingOutcome]]) -> None:
    rows = []
    for p in result.pairs:
        name = Path(p.mt_path).name
        extra = ""
        if outcomes:
            oc = outcomes[p.mt_path]
            extra = f"{sum(o.confirmed for o in oc)}/{len(oc)}"
        rows.append((name, str(p.mt_sentences), f"{p.changed_share:.0%}", f"{p.document['chrf']:.2f}",
                     f"{p.document['bleu']:.2f}", f"{p.document['ter']:.2f}", extra))
    if result.pairs:
        total = result.total
        extra = ""
        if outcomes:
            all_o = [o for oc in outcomes.values() for o in oc]
            extra = f"{sum(o.confirmed for o in all_o)}/{len(all_o)}"
        rows.append((f"total ({len(result.pairs)} files, corpus)", str(sum(p.mt_sentences for p in result.pairs)),
                     f"{result.changed_share:.0%}", f"{total['chrf']:.2f}", f"{total['bleu']:.2f}",
                     f"{total['ter']:.2f}", extra))
    header = ("file", "sentences", "changed", "chrF", "BLEU", "TER", "confirmed" if outcomes else "")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    def line(r: tuple[str, ...]) -> str:
        cells = [r[0].ljust(widths[0])] + [r[i].rjust(widths[i]) for i in range(1, len(r))]
        return "  ".join(cells).rstrip() + "\n"
    out.write(line(header))
    out.write("  ".join("-" * w for w in widths if w).rstrip() + "\n")
    for i, r in enumerate(rows):
        if i == len(rows) - 1 and result.pairs:
            out.write("  ".join("-" * w for w in widths if w).rstrip() + "\n")
        out.write(line(r))
    for name in result.only_mt:
        out.write(f"no edited version for {name}\n")
    for name in result.only_edited:
        out.write(f"no MT version for {name}\n")
    out.write("\n")
    _render_signatures(result.signatures, out)


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)

"""`mtcheck score`: per-sentence fluency scores from the language model, as a table or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from mtcheck.cli.output import fail


def _expand(paths: list[str]) -> list[Path]:
    from mtcheck.readers import SUPPORTED_EXTENSIONS

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_EXTENSIONS))
        else:
            out.append(p)
    return out


def score(
    paths: Annotated[list[str], typer.Argument(help="Files or directories to score.")],
    output_format: Annotated[str, typer.Option("--output-format", "-f", help="table or json.")] = "table",
    model: Annotated[str | None, typer.Option("--model", help="Causal LM: local dir, .gguf file or hub id (default: the embedded model).")] = None,
    device: Annotated[str | None, typer.Option("--device", help="auto, cpu, cuda or mps.")] = None,
    batch_size: Annotated[int | None, typer.Option("--batch-size", min=1, help="Sequences per model batch.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore cached model results.")] = False,
) -> None:
    """Score how fluently each sentence reads (SLOR: nats/word the model beats word rarity by;
    higher reads better) and show its most surprising span."""
    if output_format not in ("table", "json"):
        raise fail(f"--output-format: unknown format {output_format!r} (choose from table, json)")
    from mtcheck.fluency import ModelUnavailable
    from mtcheck.fluency.loading import resolve_model
    from mtcheck.fluency.scorer import clause_windows
    from mtcheck.fluency.stage import FluencyStage
    from mtcheck.readers import InputError, read_path

    try:
        lm = resolve_model(model, device)
    except ModelUnavailable as exc:
        raise fail(f"fluency model unavailable: {exc}") from None
    stage = FluencyStage(lm, use_cache=not no_cache, batch_size=batch_size or 8)
    width = stage.thresholds.window_words
    files: list[dict[str, Any]] = []
    status = 0
    for path in _expand(paths):
        try:
            doc = read_path(path)
        except (InputError, OSError) as exc:
            typer.echo(f"mtcheck: error: cannot score {path}: {exc}", err=True)
            status = 2
            continue
        scores, _ = stage.analyse(doc)
        sentences = []
        for s in scores.sentences:
            words = [w for w in scores.words if s.start <= w.start < s.end]
            runs = clause_windows(words, width)
            span: dict[str, Any] | None = None
            if runs:
                a, b, mean = max(runs, key=lambda r: r[2])
                vstart, vend = words[a].start, words[b - 1].end
                span_start, span_end = doc.to_original(vstart, vend)
                span = {"start": span_start, "end": span_end, "text": doc.text[vstart:vend], "excess": round(mean, 3)}
            ostart, oend = doc.to_original(s.start, s.end)
            line, column = doc.line_index.position(ostart)
            sentences.append(
                {
                    "line": line, "column": column, "start": ostart, "end": oend, "text": s.text,
                    "tokens": s.tokens, "slor": round(s.slor, 3), "mean_surprisal": round(s.mean, 3),
                    "top_k_surprisal": round(s.top_k, 3), "most_surprising": span,
                }
            )
        files.append(
            {
                "path": str(path), "fluency": round(scores.fluency, 3),
                "mean_token_surprisal": round(scores.mean_token_surprisal, 3),
                "tokens": len(scores.token_ids), "model": lm.description, "signature": scores.signature,
                "sentences": sentences,
            }
        )
    if output_format == "json":
        json.dump({"files": files}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for f in files:
            typer.echo(f"{f['path']}: fluency {f['fluency']:.2f} (mean SLOR, nats/word; higher reads better), "
                       f"{len(f['sentences'])} sentences, mean token surprisal {f['mean_token_surprisal']:.2f} nats")
            typer.echo(f"  model {f['model']} [{f['signature']}]")
            typer.echo(f"  {'line':>5} {'SLOR':>6} {'mean':>5}  most surprising span ({width} words, excess nats/word)")
            for s in f["sentences"]:
                sp = s["most_surprising"]
                shown = "" if sp is None else f"{sp['excess']:5.1f}  {sp['text']!r}"
                typer.echo(f"  {s['line']:>5} {s['slor']:6.2f} {s['mean_surprisal']:5.2f}  {shown}")
    raise typer.Exit(status)


def register(app: typer.Typer) -> None:
    app.command("score")(score)

"""`marsad analyze FILE... [-o OUT]`: Article records as JSON lines, in input order.

Bad inputs are reported one line each on stderr (file, line, reason) and skipped;
the exit code is 1 if any input failed, 0 otherwise.
"""
from __future__ import annotations

import json
import sys
from contextlib import nullcontext

from ..errors import InputError


def add_parser(sub) -> None:
    from ..ingest import DEFAULT_MAX_BYTES, FORMATS
    from ..limits import DEFAULT_ARTICLE_TIMEOUT
    p = sub.add_parser("analyze", help="analyze articles and print Article records (JSONL)",
                       description="Analyze Arabic articles (text, HTML, JSON, JSONL[.gz]; '-' for stdin) "
                                   "and print one Article record per line.")
    p.add_argument("files", nargs="+", metavar="FILE", help="input files or directories; '-' reads stdin")
    p.add_argument("-o", "--output", help="write records here instead of stdout")
    p.add_argument("--input-format", choices=FORMATS, default="auto", help="override format detection")
    p.add_argument("--pretty", action="store_true", help="indented JSON for humans")
    p.add_argument("--summary", action="store_true", help="a readable summary per article instead of JSON")
    p.add_argument("--stages", help="comma-separated subset of stages (default: all)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                   help=f"largest article accepted, in bytes (default {DEFAULT_MAX_BYTES})")
    p.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    p.add_argument("--timeout", type=float, default=DEFAULT_ARTICLE_TIMEOUT,
                   help=f"seconds allowed per article before it is reported and skipped "
                        f"(default {DEFAULT_ARTICLE_TIMEOUT:g}; 0 = none)")


def run(args) -> int:
    from ..ingest import read_inputs
    from ..limits import time_limit
    from ..pipeline import Pipeline
    stages = [s.strip() for s in args.stages.split(",")] if args.stages else None
    try:
        pipeline = Pipeline(stages)
    except ValueError as e:
        raise InputError(str(e), "--stages") from None
    failures = 0
    written = 0
    out_cm = open(args.output, "w", encoding="utf-8") if args.output else nullcontext(sys.stdout)
    progress = _progress(args.progress)
    with out_cm as out, progress as bar:
        task = bar.add_task("analyzing", total=None) if bar else None
        for res in read_inputs(args.files, args.input_format, args.max_bytes):
            if not res.ok:
                failures += 1
                _report(str(res.error))
                continue
            item = dict(res.item)
            try:
                with time_limit(args.timeout):
                    rec = pipeline.analyze(item.pop("text"), **item)
            except InputError as e:
                failures += 1
                _report(f"{res.where}: {e}")
                continue
            except Exception as e:  # noqa: BLE001 - one article must not stop the batch
                if getattr(args, "debug", False):
                    raise
                failures += 1
                _report(f"{res.where}: analysis failed ({type(e).__name__}: {e})")
                continue
            if rec["language"] != "ar":
                print(f"marsad: warning: {res.where}: text is not Arabic (language={rec['language']}); "
                      "analyzed anyway, expect few results", file=sys.stderr)
            if args.summary:
                _summary(rec, res.where, out)
            else:
                out.write(json.dumps(rec, ensure_ascii=False, indent=2 if args.pretty else None))
                out.write("\n")
            written += 1
            if bar:
                bar.update(task, advance=1, description=f"analyzing ({failures} errors)")
    if failures:
        print(f"marsad: {written} article(s) written, {failures} input(s) failed", file=sys.stderr)
        return 1
    return 0


def _summary(rec, where, out) -> None:
    from rich.console import Console
    from .summary import render_summary
    render_summary(rec, where, Console(file=out, width=160))


def _report(message: str) -> None:
    print(f"marsad: error: {message}", file=sys.stderr)


def _progress(enabled: bool):
    if not enabled:
        return nullcontext(None)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.console import Console
    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                    TextColumn("{task.speed} /s" if False else ""), TimeElapsedColumn(),
                    console=Console(stderr=True))

"""`marsad ingest PATH... [--db URL] [--workers N]`: analyze articles and store them.

Files, directories (recursive), JSONL (.gz), HTML, RSS/Atom feed files or URLs.
Idempotent and crash-safe (see marsad.corpus.ingest); prints a summary at the end.
"""
from __future__ import annotations

import json
import os
import sys


def add_parser(sub) -> None:
    from ..limits import DEFAULT_ARTICLE_TIMEOUT
    p = sub.add_parser("ingest", help="analyze articles and store them in the corpus database",
                       description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, directories, JSONL(.gz), HTML, RSS/Atom files or http(s) feed URLs; - for stdin")
    p.add_argument("--db", default=None, help="database URL (default: $MARSAD_DB or sqlite:///./marsad.db; "
                                              "postgresql://user:pw@host/db)")
    p.add_argument("--workers", type=int, default=None,
                   help="analysis processes (default: the number of cores)")
    p.add_argument("--format", dest="input_format", default="auto",
                   choices=("auto", "text", "html", "json", "jsonl", "feed"), help="input format (default: auto)")
    p.add_argument("--stages", default=None,
                   help="comma-separated pipeline stages to run (default: all), e.g. text,entities")
    p.add_argument("--max-bytes", type=int, default=None,
                   help="largest article accepted, in bytes (default 2000000); larger ones are reported and skipped")
    p.add_argument("--timeout", type=float, default=DEFAULT_ARTICLE_TIMEOUT,
                   help=f"seconds of analysis per article before it is reported and skipped "
                        f"(default {DEFAULT_ARTICLE_TIMEOUT:g}; 0 = no limit)")
    p.add_argument("--max-memory", type=int, default=2048, metavar="MB",
                   help="memory each worker may use beyond its loaded models (default 2048, at least 256; "
                        "0 = no cap)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


def run(args) -> int:
    from ..corpus.ingest import estimate_total, ingest
    from ..corpus.store import open_store
    workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    store = open_store(args.db)
    show = not args.no_progress and sys.stderr.isatty()
    try:
        if show:
            summary = _with_progress(args, store, workers, stages, estimate_total(args.paths))
        else:
            summary = ingest(args.paths, store, workers=workers, input_format=args.input_format, stages=stages,
                             **_limits(args))
    finally:
        store.close()
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        rate = f", {summary.read / summary.seconds:.1f} articles/s" if summary.seconds else ""
        print(f"stored {summary.stored}, skipped {summary.duplicates} duplicates, failed {summary.failed} "
              f"({summary.read} read in {summary.seconds:.1f} s{rate})")
        for where, reason in summary.failures[:20]:
            print(f"  failed: {where}: {reason}", file=sys.stderr)
        if len(summary.failures) > 20:
            print(f"  … and {len(summary.failures) - 20} more failures", file=sys.stderr)
    return 1 if summary.failed and not (summary.stored or summary.duplicates) else 0


def _with_progress(args, store, workers, stages, total):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, \
        TimeRemainingColumn
    from ..corpus.ingest import ingest
    cols = [TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} articles/s"), TextColumn("ETA"), TimeRemainingColumn(),
            TimeElapsedColumn(),
            TextColumn("stored {task.fields[stored]} · dup {task.fields[dup]} · [red]errors {task.fields[err]}")]
    with Progress(*cols, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task("ingest", total=total, rate="-", stored=0, dup=0, err=0)

        def update(s):
            elapsed = progress.tasks[0].elapsed or 0
            done = s.stored + s.duplicates + s.failed          # finished, not merely read
            progress.update(task, completed=done, rate=f"{done / elapsed:.1f}" if elapsed else "-",
                            stored=s.stored, dup=s.duplicates, err=s.failed)
        return ingest(args.paths, store, workers=workers, input_format=args.input_format, stages=stages,
                      on_progress=update, **_limits(args))


def _limits(args) -> dict:
    return {"max_bytes": args.max_bytes, "timeout": args.timeout or None,
            "memory": args.max_memory * (1 << 20) if args.max_memory else None}

"""`marsad watch SOURCE... [--db URL] [--interval 300]`: poll feeds and store new articles."""
from __future__ import annotations

import sys
import time


def add_parser(sub) -> None:
    p = sub.add_parser("watch", help="poll RSS/Atom feeds and article URLs, store new articles",
                       description="SOURCE is a feed URL, an article URL or a file listing URLs.")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--db", help="store URL (default sqlite:///./marsad.db)")
    p.add_argument("--interval", type=float, default=300.0, help="seconds between polls (default 300)")
    p.add_argument("--once", action="store_true", help="poll once and exit")
    p.add_argument("--timeout", type=float, default=15.0, help="HTTP timeout in seconds")
    p.add_argument("--host-interval", type=float, default=1.0, help="minimum seconds between requests to a host")


def run(args) -> int:
    from ..corpus.store import open_store
    from ..watch.fetch import Fetcher
    from ..watch.watcher import Watcher

    def log(msg: str) -> None:
        print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {msg}", file=sys.stderr, flush=True)

    store = open_store(args.db)
    watcher = Watcher(args.sources, store, interval=args.interval, log=log,
                      fetcher=Fetcher(timeout=args.timeout, min_host_interval=args.host_interval))
    watcher.install_signal_handlers()
    log(f"watching {len(watcher.states)} source(s) every {args.interval:g}s; Ctrl-C stops")
    watcher.run(max_polls=1 if args.once else None)
    log("stopped")
    return 0

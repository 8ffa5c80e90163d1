"""`marsad serve [--db URL] [--host 127.0.0.1] [--port 8000]`: the API and dashboard.

Binds to 127.0.0.1 unless told otherwise; a token (flag or MARSAD_TOKEN) protects
the write endpoint, and binding to another address without one prints a warning.
"""
from __future__ import annotations

import json
import os
import sys


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="serve the REST API and the dashboard over a store",
                       description="Serve the REST API (docs at /docs) and the Arabic dashboard (at /) "
                                   "over a Marsad store.")
    p.add_argument("--db", default=None, help="store URL (default sqlite:///./marsad.db; postgresql://… works too)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token", default=os.environ.get("MARSAD_TOKEN"),
                   help="token required by POST /analyze (default: $MARSAD_TOKEN; none = open)")
    p.add_argument("--max-bytes", type=int, default=None, help="largest request body accepted, in bytes")
    p.add_argument("--cache-ttl", type=float, default=600.0,
                   help="seconds a read response may be served from memory (default 600; 0 = off); "
                        "cleared whenever the store is written, by this server or (SQLite) any process")
    p.add_argument("--workers", type=int, default=1,
                   help="server processes (default 1; each keeps its own cache and store connections)")
    p.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"))


def run(args) -> int:
    import uvicorn

    from ..errors import MarsadError
    from ..web.app import CONFIG_ENV, create_app
    from ..web.guards import DEFAULT_MAX_BODY

    if not 0 < args.port < 65536:
        raise MarsadError(f"--port {args.port}: give a port between 1 and 65535")
    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.token:
        print(f"marsad: warning: serving on {args.host} without a token: anyone who can reach it "
              "can run analyses; set --token or MARSAD_TOKEN", file=sys.stderr)
    if args.workers < 1:
        raise MarsadError(f"--workers {args.workers}: give 1 or more")
    settings = {"store_url": args.db, "token": args.token, "max_body": args.max_bytes or DEFAULT_MAX_BODY,
                "cache_ttl": args.cache_ttl}
    # store calls hold the GIL in Python (snippets, decoding); hand it back to the event loop
    # sooner than the default 5 ms so cached answers keep flowing while a miss is computed
    sys.setswitchinterval(0.0005)
    app = create_app(**settings)          # opens (and migrates) the store once, and fails early if it cannot
    print(f"marsad: serving on http://{args.host}:{args.port}/ (API docs at /docs)", file=sys.stderr)
    if args.workers == 1:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False,
                    timeout_keep_alive=30)
        return 0
    os.environ[CONFIG_ENV] = json.dumps(settings)
    uvicorn.run("marsad.web.app:create_app_from_env", factory=True, workers=args.workers, host=args.host,
                port=args.port, log_level=args.log_level, server_header=False, timeout_keep_alive=30)
    return 0

"""The `marsad` command. Each subcommand lives in its own module with
`add_parser(subparsers)` and a `run(args) -> int`; this file only wires them up
and turns every expected failure into one readable line and a non-zero exit.
"""
from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS = {
    "analyze": "marsad.cli.analyze",
    "eval": "marsad.cli.evaluate",
    "ingest": "marsad.cli.ingest",
    "search": "marsad.cli.search",
    "export": "marsad.cli.export",
    "serve": "marsad.cli.serve",
    "batch": "marsad.cli.batch",
    "watch": "marsad.cli.watch",
}


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(prog="marsad", description="Arabic news → structured event data (offline).")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for name, modname in SUBCOMMANDS.items():
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as e:
            if e.name == modname:
                continue          # subcommand not built yet
            raise
        mod.add_parser(sub)
        modules[name] = mod
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    parser, modules = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    from ..runtime import tune_gc
    tune_gc()
    try:
        return int(modules[args.command].run(args) or 0)
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 - the user gets one line, --debug gets the trace
        if args.debug:
            raise
        from ..errors import MarsadError
        if isinstance(e, MarsadError):
            print(f"marsad: error: {e}", file=sys.stderr)
        else:
            print(f"marsad: internal error: {type(e).__name__}: {e} (rerun with --debug for details)",
                  file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

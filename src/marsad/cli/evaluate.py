"""`marsad eval TASK ...`: each task's evaluation lives beside its stage as
`marsad.<stage>.evaluate` with `add_arguments(parser)` and `run(args) -> int`."""
from __future__ import annotations

import importlib

TASKS = {
    "text": ("marsad.text.evaluate", "clitic segmentation on held-out words and the seed date bar"),
    "ner": ("marsad.entities.evaluate", "named entities against a BIO file (CoNLL P/R/F1)"),
    "geo": ("marsad.geo.evaluate", "toponym resolution against the geo dev set"),
    "events": ("marsad.events.evaluate", "event detection and coding against the events dev set"),
    "tags": ("marsad.tags.evaluate", "keyphrases against editor tags, beside YAKE"),
    "quotes": ("marsad.quotes.evaluate", "quote speakers and spans against the quotes dev set"),
    "incidents": ("marsad.corpus.evaluate", "cross-article incident clustering"),
}


def add_parser(sub) -> None:
    p = sub.add_parser("eval", help="measure a stage against gold data")
    tasks = p.add_subparsers(dest="task", metavar="TASK", required=True)
    for name, (modname, help_) in TASKS.items():
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as e:
            if e.name == modname:
                continue
            raise
        tp = tasks.add_parser(name, help=help_)
        mod.add_arguments(tp)
        tp.set_defaults(eval_module=mod)


def run(args) -> int:
    return args.eval_module.run(args)

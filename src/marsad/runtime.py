"""Process-wide settings for runs over many articles (the CLI, batch and Spark workers)."""
from __future__ import annotations

import gc

GC_THRESHOLD = 20_000     # allocations between first-generation collections (CPython: 700)


def tune_gc() -> None:
    """Run the cyclic garbage collector less often.

    Every article allocates a few hundred Token and Span objects that die with its Doc
    by reference counting. At CPython's default threshold a collection runs every couple
    of articles, walks the live article's tokens and promotes them to older generations,
    which full collections then walk again (about 7% of the text stage). The pipeline
    creates no reference cycles in bulk, so collecting after 20,000 net allocations only
    delays freeing the rare cycle. Measured with `bench/bench_text.py --gc default`.
    """
    first, second, third = gc.get_threshold()
    if first < GC_THRESHOLD:
        gc.set_threshold(GC_THRESHOLD, second, third)

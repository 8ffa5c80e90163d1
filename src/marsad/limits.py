"""Resource limits that keep one pathological article from stalling or sinking a batch."""
from __future__ import annotations

import contextlib
import signal
import threading

from .errors import MarsadError

DEFAULT_ARTICLE_TIMEOUT = 30.0      # seconds of analysis per article
DEFAULT_MAX_CHARS = 1_000_000       # characters of body text analyzed per article


class ArticleTimeout(MarsadError):
    """Analysis of one article took longer than its time budget."""


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise ArticleTimeout in the block after `seconds` (main thread only; else no limit).

    Uses SIGALRM/setitimer so pure-Python loops are interrupted; regexes on the hot path
    are audited to be linear (tests/test_hardening_regex.py), so they cannot hang past it.
    """
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(_signum, _frame):
        raise ArticleTimeout(f"analysis took longer than {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_memory(max_bytes: int | None) -> bool:
    """Cap this process's address space (for worker processes); False where unsupported."""
    if not max_bytes:
        return False
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        return True
    except (ImportError, ValueError, OSError):
        return False

"""Soak test of `marsad watch`: 20 local feeds publish N articles over M minutes.

    python bench/soak_watch.py --feeds 20 --articles 2000 --minutes 10
Reports articles stored (must equal N, each once), errors, and resident memory sampled
over the run (it must stay flat: bounded growth).
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=20)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--interval", type=float, default=5)
    a = ap.parse_args()
    from watch_server import FeedWorld, start_server
    from marsad.corpus.store import open_store
    from marsad.watch.fetch import Fetcher
    from marsad.watch.watcher import Watcher
    world = FeedWorld(a.feeds)
    server, base = start_server(world)
    db = Path(tempfile.mkdtemp(prefix="marsad-soak-")) / "soak.db"
    store = open_store(f"sqlite:///{db}")
    errors: list[str] = []
    w = Watcher([f"{base}/feed/{f}.xml" for f in range(a.feeds)], store, interval=a.interval,
                fetcher=Fetcher(timeout=5, retries=1, backoff=0.1, min_host_interval=0),
                log=lambda m: errors.append(m) if m.startswith("error") else None)
    t = threading.Thread(target=w.run, daemon=True)
    t.start()
    duration = a.minutes * 60
    per_tick = a.articles / (duration / 5)
    published = 0
    samples = []
    start = time.monotonic()
    carry = 0.0
    while published < a.articles:
        carry += per_tick
        n = min(int(carry), a.articles - published)
        carry -= n
        for i in range(n):
            world.publish((published + i) % a.feeds)
        published += n
        time.sleep(5)
        samples.append((time.monotonic() - start, rss_mb(), store.stats().get("articles", 0)))
    # let the watcher drain what was published last
    deadline = time.monotonic() + 600
    while store.stats().get("articles", 0) < a.articles and time.monotonic() < deadline:
        time.sleep(5)
        samples.append((time.monotonic() - start, rss_mb(), store.stats().get("articles", 0)))
    w.stop_event.set()
    t.join(timeout=60)
    server.shutdown()
    stored = store.stats().get("articles", 0)
    print(f"feeds {a.feeds}, published {published} over {a.minutes:g} min, stored {stored}, "
          f"watcher errors {len(errors)}, thread stopped cleanly: {not t.is_alive()}")
    step = max(1, len(samples) // 12)
    print("elapsed_s  rss_mb  stored")
    for el, mb, n in samples[::step] + [samples[-1]]:
        print(f"{el:9.0f}  {mb:6.1f}  {n}")
    first_half = [mb for el, mb, _ in samples[len(samples) // 4: len(samples) // 2]]
    last = [mb for el, mb, _ in samples[-len(samples) // 4:]]
    print(f"rss: quarter-to-half mean {sum(first_half) / max(1, len(first_half)):.1f} MB, "
          f"last quarter mean {sum(last) / max(1, len(last)):.1f} MB")
    return 0 if stored == a.articles and not errors else 1


if __name__ == "__main__":
    sys.exit(main())

"""Load and first-load benchmark of the web API and dashboard (issue 8's bars).

    python bench/bench_web.py [--db URL] [--clients 50] [--seconds 30] [--http auto|aiohttp|httpx] [--browser]

Starts `marsad serve` on 127.0.0.1 (a separate process), then runs `--clients`
concurrent keep-alive clients in a bounded loop for `--seconds` against /search and
/events with a mix of real queries and filters, and reports errors and latency
percentiles and the server's cache hit rate (its `x-cache` header) per endpoint. The load
generator is aiohttp when installed (`--http auto`): httpx spends ~2.8 ms of client CPU per
request, so on a 2-core box its own queueing, not the server, set the latencies. `--browser` also times the dashboard's first load (cold
profile, until the map, timeline and list are drawn) in headless Chromium.
Only loopback traffic; everything stops by itself. Results: bench/out/web.json.

The store is the 30k-article SaudiNewsNet corpus: build it once with
    marsad ingest ../shared/data/news/saudinewsnet.jsonl.gz --db sqlite:///bench/out/web-30k.db
(or pass --build to have this script do it).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DB = f"sqlite:///{HERE / 'out' / 'web-30k.db'}"

# words an analyst types (news vocabulary, not tuned to any result) and filters the dashboard sends
QUERIES = ["السعودية", "الرياض", "اليمن", "الحوثي", "قتلى", "هجوم", "انفجار", "الأمن", "وزارة الداخلية",
           "داعش", "سوريا", "العراق", "مظاهرات", "اتفاق", "الملك سلمان", "مجلس الأمن", "إيران", "النفط",
           "جدة", "تفجير مسجد", "قوات التحالف", "صنعاء", "عدن", "الحرس الوطني", "غارات جوية", "مقتل",
           "الشرطة", "القبض على", "مكة المكرمة", "الحج"]
FILTERS = [{}, {"country": "SA"}, {"country": "YE"}, {"country": "SY"}, {"country": "IQ"},
           {"event_type": "Battles"}, {"event_type": "Explosions/Remote violence"},
           {"event_type": "Strategic developments"}, {"since": "2015-08-01"},
           {"since": "2015-07-01", "until": "2015-07-31"}, {"actor": "الحوثي"}, {"country": "SA", "limit": 50}]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, extra: list[str]) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port), *extra]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    import httpx
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start within 60 s")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))
    return values[k]


async def load(base: str, clients: int, seconds: float, seed: int, http: str = "httpx") -> dict:
    """`clients` workers, each a bounded loop of GETs alternating /search and /events.

    `http` picks the load generator: httpx, or aiohttp (several times less client CPU per
    request, so on a 2-core box the client's own queueing distorts the latencies less)."""
    rng = random.Random(seed)
    lat: dict[str, list[float]] = {"search": [], "events": []}
    errors: dict[str, int] = {"search": 0, "events": 0}
    cache: dict[str, dict[str, int]] = {"search": {}, "events": {}}     # x-cache: hit / shared / miss / none
    samples: list[str] = []
    deadline = time.monotonic() + seconds
    session, get, close = await _http_client(http, base, clients)
    try:
        async def worker(i: int):
            r = random.Random(rng.random() + i)
            n = 0
            while time.monotonic() < deadline:
                kind = "search" if (n + i) % 2 == 0 else "events"
                params = dict(r.choice(FILTERS))
                if kind == "search":
                    params["q"] = r.choice(QUERIES)
                    params.pop("limit", None)
                t0 = time.perf_counter()
                try:
                    status, how, head = await get(f"/{kind}", {k: str(v) for k, v in params.items()})
                    ok = status == 200
                    cache[kind][how] = cache[kind].get(how, 0) + 1
                    if not ok and len(samples) < 5:
                        samples.append(f"{status} /{kind} {params}: {head}")
                except Exception as e:  # noqa: BLE001 - every failure is an error to count
                    ok = False
                    if len(samples) < 5:
                        samples.append(f"{type(e).__name__}: {e}")
                dt = time.perf_counter() - t0
                lat[kind].append(dt * 1000)
                if not ok:
                    errors[kind] += 1
                n += 1
        t = time.monotonic()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        wall = time.monotonic() - t
    finally:
        await close()
    out = {"clients": clients, "http": http, "seconds": round(wall, 1), "error_samples": samples}
    everything = lat["search"] + lat["events"]
    for name, values in (("search", lat["search"]), ("events", lat["events"]), ("all", everything)):
        out[name] = {"requests": len(values), "errors": errors.get(name, errors["search"] + errors["events"]),
                     "rps": round(len(values) / wall, 1), "p50_ms": round(pct(values, 50), 1),
                     "p95_ms": round(pct(values, 95), 1), "p99_ms": round(pct(values, 99), 1),
                     "max_ms": round(max(values, default=float("nan")), 1)}
        counts = cache.get(name) or {k: cache["search"].get(k, 0) + cache["events"].get(k, 0)
                                     for k in {*cache["search"], *cache["events"]}}
        total = sum(counts.values())
        out[name]["cache"] = {**counts, "hit_rate": round((counts.get("hit", 0) + counts.get("shared", 0)) / total, 3)
                              if total else None}
    return out


async def _http_client(http: str, base: str, clients: int):
    """(session, get(path, params) -> (status, x-cache, body head), close) for the chosen library.
    Both read the whole (gzip-decoded) body, as a browser would."""
    if http == "aiohttp":
        import aiohttp
        session = aiohttp.ClientSession(base, connector=aiohttp.TCPConnector(limit=clients),
                                        timeout=aiohttp.ClientTimeout(total=30))

        async def get(path, params):
            async with session.get(path, params=params) as resp:
                body = await resp.read()
                return resp.status, resp.headers.get("x-cache", "none"), body[:200]
        return session, get, session.close
    import httpx
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    client = httpx.AsyncClient(base_url=base, limits=limits, timeout=30)

    async def get(path, params):
        resp = await client.get(path, params=params)
        return resp.status_code, resp.headers.get("x-cache", "none"), resp.content[:200]
    return client, get, client.aclose


def first_loads(base: str, runs: int) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not (chromium and driver_path):
        return {"skipped": "needs chromium and chromedriver (bash .ci/chromium.sh)"}
    times, checks = [], {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile:
            opts = webdriver.ChromeOptions()
            opts.binary_location = chromium
            for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1400,1000", f"--user-data-dir={profile}"):
                opts.add_argument(arg)
            driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)
            try:
                driver.get(base + "/")
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline and not driver.execute_script("return document.body.dataset.readyMs"):
                    time.sleep(0.02)
                times.append(float(driver.execute_script("return document.body.dataset.readyMs")))
                checks = driver.execute_script("""return {dir: document.documentElement.dir,
                    bodyDirection: getComputedStyle(document.body).direction,
                    markers: state.cluster.getLayers().length, timelineBars: document.querySelectorAll('#timeline rect[data-day]').length,
                    results: document.querySelectorAll('#results .result').length,
                    slowest: performance.getEntriesByType('resource').sort((a, b) => b.responseEnd - a.responseEnd)
                      .slice(0, 6).map(e => `${e.name.replace(location.origin, '')} ${Math.round(e.startTime)}-${Math.round(e.responseEnd)}ms`)}""")
                (HERE / "out").mkdir(exist_ok=True)
                driver.save_screenshot(str(HERE / "out" / "web-first-load.png"))
            finally:
                driver.quit()
    return {"runs": runs, "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1),
            "all_ms": [round(x, 1) for x in times], "page": checks}


def build_store(db: str, shared: Path) -> None:
    src = shared / "data" / "news" / "saudinewsnet.jsonl.gz"
    print(f"building the store from {src} (one worker; ~1 h on a laptop core)", file=sys.stderr)
    subprocess.check_call([sys.executable, "-m", "marsad", "ingest", str(src), "--db", db, "--workers", "1",
                           "--no-progress"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=DEFAULT_DB)
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--build", action="store_true", help="ingest the 30k corpus into --db first if it is missing")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--browser", action="store_true", help="also time the dashboard's first load")
    ap.add_argument("--browser-runs", type=int, default=5)
    ap.add_argument("--serve-args", default="", help="extra arguments for marsad serve")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--http", choices=("auto", "httpx", "aiohttp"), default="auto",
                    help="load-generating client library (auto: aiohttp if installed, else httpx)")
    ap.add_argument("--warmup", type=float, default=0.0,
                    help="seconds of the same load, unmeasured, before the measured run (fills the cache)")
    a = ap.parse_args()
    if a.http == "auto":
        import importlib.util
        a.http = "aiohttp" if importlib.util.find_spec("aiohttp") else "httpx"
    path = a.db[len("sqlite:///"):] if a.db.startswith("sqlite:///") else None
    if path and not os.path.exists(path):
        if not a.build:
            print(f"bench_web: no store at {path}; build it with --build (or marsad ingest, see --help)",
                  file=sys.stderr)
            return 2
        build_store(a.db, Path(a.shared))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(a.db, port, a.serve_args.split())
    try:
        import httpx
        stats = httpx.get(base + "/health", timeout=30).json()["stats"]
        report: dict = {"store": {k: stats.get(k) for k in ("articles", "events", "incidents")},
                        "serve_args": a.serve_args, "warmup_s": a.warmup, "http": a.http}
        httpx.get(base + "/search", params={"q": "السعودية"}, timeout=30)      # warm the page cache once
        if a.warmup > 0:
            report["warmup"] = asyncio.run(load(base, a.clients, a.warmup, a.seed + 1, a.http))["all"]
        report["load"] = asyncio.run(load(base, a.clients, a.seconds, a.seed, a.http))
        if a.browser:
            report["first_load"] = first_loads(base, a.browser_runs)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "web.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    load_ = report["load"]
    ok = load_["all"]["errors"] == 0 and load_["all"]["p95_ms"] <= 200
    print(f"bars: 0 errors and p95 <= 200 ms: {'met' if ok else 'NOT met'} "
          f"(errors {load_['all']['errors']}, p95 {load_['all']['p95_ms']} ms)")
    if "first_load" in report and "median_ms" in report["first_load"]:
        fl = report["first_load"]
        print(f"bars: dashboard first load <= 1500 ms: {'met' if fl['max_ms'] <= 1500 else 'NOT met'} "
              f"(median {fl['median_ms']} ms, max {fl['max_ms']} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Headless Chromium (Debian's chromium + chromedriver, driven by selenium) against a
live server on 127.0.0.1. Skips with a reason when the browser or selenium is absent
(`.ci/chromium.sh` installs them). Screenshots go to test-output/e2e/.
"""
from __future__ import annotations

import contextlib
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
OUT = TESTS.parent / "test-output" / "e2e"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
TOKEN = "e2e-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(tmp_path: Path):
    """The real corpus store (SQLite in tmp) filled with the annotated example articles;
    the in-memory fake when the corpus store is not importable."""
    from web_fakes import FakeStore, sample_records
    try:
        from marsad.corpus.store import open_store
    except ImportError:
        return FakeStore(sample_records()), "fake"
    store = open_store(f"sqlite:///{tmp_path / 'e2e.db'}")
    store.add_records(sample_records())
    return store, "sqlite"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    store, kind = build_store(tmp_path_factory.mktemp("store"))
    with serving(store) as url:
        yield {"url": url, "store": store, "kind": kind}


@contextlib.contextmanager
def serving(store):
    """The app over `store`, served by uvicorn in a thread on a free loopback port."""
    import uvicorn
    from marsad.web.app import create_app
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store=store, token=TOKEN), host="127.0.0.1", port=port,
                                           log_level="error", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("needs Debian's chromium and chromium-driver (bash .ci/chromium.sh installs them)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("needs the selenium package (pip install selenium)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,1000", "--lang=ar",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    OUT.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()

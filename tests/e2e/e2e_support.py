"""Helpers shared by the browser tests (imported by name, unlike conftest.py):
the output folder, the write token, a store of the annotated examples, a live server."""
from __future__ import annotations

import contextlib
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
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


@contextlib.contextmanager
def serving(store, token: str = TOKEN):
    """The app over `store`, served by uvicorn in a thread on a free loopback port."""
    import uvicorn
    from marsad.web.app import create_app
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store=store, token=token), host="127.0.0.1", port=port,
                                           log_level="error", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)

"""Headless Chromium (Debian's chromium + chromedriver, driven by selenium) against a
live server on 127.0.0.1. Skips with a reason when the browser or selenium is absent
(`.ci/chromium.sh` installs them). Screenshots go to test-output/e2e/.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from e2e_support import CHROMEDRIVER, CHROMIUM, OUT, build_store, serving  # noqa: E402


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    store, kind = build_store(tmp_path_factory.mktemp("store"))
    with serving(store) as url:
        yield {"url": url, "store": store, "kind": kind}


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

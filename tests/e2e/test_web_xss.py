"""Script/HTML payloads in every field of a stored record stay inert text in the page:
results list, snippet, article view, highlights, tooltips, side lists and map popups."""
from __future__ import annotations

import pytest

from e2e_support import OUT
from test_web_dashboard import css, wait_for  # type: ignore[import-not-found]

INJECTED = "document.querySelectorAll('img[src=\"x\"], script:not([src]), iframe, [onerror], [onclick]').length"


@pytest.fixture(scope="module")
def payload_server(live_server):
    from test_web_security import PAYLOAD, payload_record  # type: ignore[import-not-found]
    rec = payload_record()
    live_server["store"].add_records([rec])
    return live_server | {"id": rec["id"], "payload": PAYLOAD}


def test_payloads_render_as_text(browser, payload_server):
    payload = payload_server["payload"]
    browser.get(payload_server["url"] + "/")
    wait_for(browser, lambda: browser.execute_script("return document.body.dataset.ready"), what="ready")
    css(browser, "#q")[0].send_keys("إدلب")
    css(browser, "#search button[type=submit]")[0].click()
    wait_for(browser, lambda: [a for a in css(browser, "#results .result-link") if a.text == payload.strip()],
             what="payload title as text")
    browser.get(payload_server["url"] + f"/#article={payload_server['id']}")
    wait_for(browser, lambda: css(browser, "#article-title")[0].text == payload.strip(), what="payload article")
    assert payload.strip()[:20] in css(browser, "#article-text")[0].text
    assert any(payload.strip() in li.text for li in css(browser, "#article-entities li"))
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(browser).move_to_element(css(browser, "#article-text .ent-PER")[0]).perform()
    wait_for(browser, lambda: "<script>" in css(browser, "#tooltip")[0].text, what="payload tooltip")
    browser.execute_script("state.map.setView([35.81, 36.61], 10, {animate: false})")

    def popup():
        if not css(browser, ".leaflet-popup"):
            css(browser, ".incident-marker, .marker-cluster")[0].click()
        return css(browser, ".leaflet-popup")
    wait_for(browser, popup, what="popup")
    assert browser.execute_script("return " + INJECTED) == 0
    assert browser.execute_script("return window.__pwned") is None
    browser.save_screenshot(str(OUT / "07-payloads-inert.png"))

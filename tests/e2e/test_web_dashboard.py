"""The dashboard in a real browser: first load, search, a map marker, the article view
with its highlights and hover details, the English toggle, and pasting a new article."""
from __future__ import annotations

import time

import pytest

from e2e_support import OUT, TOKEN



def wait_for(driver, predicate, timeout=10.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # noqa: BLE001 - element not there yet
            value = None
        if value:
            return value
        time.sleep(0.05)
    driver.save_screenshot(str(OUT / f"timeout-{what.replace(' ', '_')}.png"))
    pytest.fail(f"timed out waiting for {what}")


def css(driver, selector):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, selector)


def severe_console_errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]


def test_first_load_rtl_map_timeline(browser, live_server):
    start = time.monotonic()
    browser.get(live_server["url"] + "/")
    wait_for(browser, lambda: browser.execute_script("return document.body.dataset.ready"), what="ready")
    loaded = time.monotonic() - start
    assert browser.execute_script("return document.documentElement.dir") == "rtl"
    assert browser.execute_script("return getComputedStyle(document.body).direction") == "rtl"
    markers = wait_for(browser, lambda: css(browser, ".incident-marker, .marker-cluster"), what="markers")
    assert markers
    assert css(browser, "#timeline svg rect[data-day]"), "timeline has bars"
    results = css(browser, "#results .result-link")
    assert len(results) == 4
    # Arabic is drawn with the vendored Naskh face (shaped by the browser), not a system fallback
    assert wait_for(browser, lambda: browser.execute_script(
        "return [...document.fonts].some(f => f.family.includes('Marsad Naskh') && f.status === 'loaded')"),
        what="Arabic font")
    assert all(browser.execute_script("return getComputedStyle(arguments[0]).direction", r) == "rtl"
               for r in results)
    assert not severe_console_errors(browser)
    browser.save_screenshot(str(OUT / "01-first-load.png"))
    assert loaded < 5.0, f"first load took {loaded:.2f}s"


def test_search_with_filter_and_open_article(browser, live_server):
    browser.get(live_server["url"] + "/")
    wait_for(browser, lambda: browser.execute_script("return document.body.dataset.ready"), what="ready")
    css(browser, "#q")[0].send_keys("إدلب")
    css(browser, "#search button[type=submit]")[0].click()
    hits = wait_for(browser, lambda: [a for a in css(browser, "#results .result-link") if "إدلب" in a.text],
                    what="search hits")
    assert len(css(browser, "#results .result-link")) == 1
    import urllib.request
    href = css(browser, "#export-csv")[0].get_attribute("href")
    with urllib.request.urlopen(href) as resp:          # the download link carries the filters
        assert resp.status == 200 and resp.headers["content-type"].startswith("text/csv")
    browser.save_screenshot(str(OUT / "02-search.png"))
    hits[0].click()
    wait_for(browser, lambda: not css(browser, "#article")[0].get_attribute("hidden"), what="article view")
    wait_for(browser, lambda: css(browser, "#article-text .ent"), what="highlights")
    text = css(browser, "#article-text")[0].text
    assert "رامي عبد الرحمن" in text
    per = [s for s in css(browser, "#article-text .ent-PER") if s.text == "رامي عبد الرحمن"]
    assert per, "the person is highlighted"
    assert css(browser, "#article-text .place") and css(browser, "#article-text .evidence")
    assert css(browser, "#article-text .quote")
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(browser).move_to_element(per[0]).perform()
    tip = wait_for(browser, lambda: css(browser, "#tooltip:not([hidden])"), what="tooltip")[0]
    assert "رامي عبد الرحمن" in tip.text
    css(browser, "#article-events .evidence-link")[0].click()
    wait_for(browser, lambda: css(browser, "#article-text .flash"), what="evidence flash")
    browser.save_screenshot(str(OUT / "03-article.png"))


def test_marker_popup_links_to_report(browser, live_server):
    browser.get(live_server["url"] + "/")
    wait_for(browser, lambda: browser.execute_script("return document.body.dataset.ready"), what="ready")
    # zoom to Yemen, where one incident stands alone (no cluster)
    browser.execute_script("state.map.setView([13.58, 44.02], 9, {animate: false})")

    def click_marker_then_popup():   # the cluster layer redraws icons after a zoom: re-find each try
        if not css(browser, ".leaflet-popup"):
            # the Taiz marker itself: other incidents (Saada, 380 km north) may still be in the DOM
            icon = browser.execute_script(
                "let hit = null; state.cluster.eachLayer(l => { const p = l.getLatLng();"
                " if (Math.abs(p.lat - 13.58) < 0.2 && Math.abs(p.lng - 44.02) < 0.2) hit = l; });"
                " return hit && hit._icon;")
            if icon is not None:
                icon.click()
        return css(browser, ".leaflet-popup .report-link")
    link = wait_for(browser, click_marker_then_popup, what="popup")[0]
    # the popup fades in: Selenium reads no text from it until it is visible
    heading = wait_for(browser, lambda: css(browser, ".leaflet-popup h4")[0].text, what="popup heading")
    assert "معارك" in heading
    browser.save_screenshot(str(OUT / "04-popup.png"))
    link.click()
    wait_for(browser, lambda: "تعز" in css(browser, "#article-title")[0].text, what="linked article")


def test_timeline_brush_filters_map(browser, live_server):
    browser.get(live_server["url"] + "/")
    wait_for(browser, lambda: browser.execute_script("return document.body.dataset.ready"), what="ready")
    before = browser.execute_script("return state.cluster.getLayers().length")
    browser.execute_script("setBrush(['2015-07-01', '2015-07-31'])")
    after = browser.execute_script("return state.cluster.getLayers().length")
    assert before == 4 and after == 2      # Baghdad 16 Jul and Taiz 25 Jul
    assert "2015-07-01" in css(browser, "#brush-label")[0].text


def test_english_toggle(browser, live_server):
    browser.get(live_server["url"] + "/")
    wait_for(browser, lambda: browser.execute_script("return document.body.dataset.ready"), what="ready")
    css(browser, "#lang-toggle")[0].click()
    assert browser.execute_script("return document.documentElement.dir") == "ltr"
    assert css(browser, "#search button[type=submit]")[0].text == "Search"
    assert "Battles" in css(browser, "#legend")[0].text and "articles" in css(browser, "#stats")[0].text
    wait_for(browser, lambda: "events" in css(browser, "#results .result .muted")[0].text, what="English list")
    browser.save_screenshot(str(OUT / "05-english.png"))
    css(browser, "#lang-toggle")[0].click()
    assert browser.execute_script("return document.documentElement.dir") == "rtl"


def test_paste_article_with_script_payload(browser, live_server):
    browser.get(live_server["url"] + "/")
    wait_for(browser, lambda: browser.execute_script("return document.body.dataset.ready"), what="ready")
    payload = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>"
    browser.find_element("id", "token").send_keys(TOKEN)
    area = browser.find_element("id", "analyze-text")
    browser.execute_script("arguments[0].value = arguments[1]", area,
                           f"{payload} عنوان\n\nالثلاثاء 4 أغسطس 2015 10:30 ص\n\nقتل ثلاثة مدنيين في قصف على مدينة حلب. {payload}")
    css(browser, "#analyze button[type=submit]")[0].click()
    # the first analysis loads the pipeline's models: allow for a slow, shared machine
    wait_for(browser, lambda: "onerror" in css(browser, "#article-title")[0].text, timeout=90, what="analysis shown")
    assert "حلب" in css(browser, "#article-text")[0].text
    assert browser.execute_script("return window.__pwned") is None
    assert not css(browser, "#article img")
    browser.save_screenshot(str(OUT / "06-analyzed.png"))


def test_api_docs_render_offline(browser, live_server):
    browser.get(live_server["url"] + "/docs")
    wait_for(browser, lambda: css(browser, ".opblock-summary-path"), what="swagger operations")
    paths = {e.text.strip() for e in css(browser, ".opblock-summary-path")}
    assert {"/analyze", "/search", "/events"} <= paths
    assert not severe_console_errors(browser)

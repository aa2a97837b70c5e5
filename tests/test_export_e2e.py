"""The exported HTML file in headless Chromium, opened from disk with the network cut."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from export_sample import hostile_timeline, kursk_timeline
from timeline._export.html import write_html

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).parent / "artifacts"
# `browser` is the session-wide Chromium of conftest.py: one Playwright per test session
# (a second sync_playwright() inside the first one's event loop is refused).


class Offline:
    """A page whose every non-file request is aborted and recorded, with console errors recorded."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []

        def route(r):
            self.requests.append(r.request.url)
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                r.abort()

        self.page.route("**/*", route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def close(self):
        self.context.close()


@pytest.fixture()
def kursk_file(tmp_path):
    path = tmp_path / "kursk.html"
    write_html(kursk_timeline(), path)
    return path


def test_opens_offline_and_click_shows_the_source(browser, kursk_file):
    o = Offline(browser, kursk_file)
    page = o.page
    page.wait_for_selector("#figure[data-ready=true] .main-svg", timeout=20_000)
    assert page.locator("#event-list li").count() == 6
    # click the "late December" bar in the figure itself
    box = page.evaluate("""() => {
        const fig = document.getElementById('figure');
        const xa = fig._fullLayout.xaxis, ya = fig._fullLayout.yaxis;
        const x = xa.l2p(xa.d2l('2025-12-27')) + xa._offset, y = ya.l2p(ya.d2l('blood-2025-12')) + ya._offset;
        const r = fig.getBoundingClientRect();
        return {x: r.left + x, y: r.top + y};
    }""")
    page.mouse.click(box["x"], box["y"])
    panel = page.locator("#source-panel")
    panel.locator("mark.expression").wait_for(timeout=5_000)
    assert panel.locator("h2").inner_text() == "Kim tells Putin ties strengthened by “sharing blood”"
    assert panel.locator("mark.expression").inner_text() == "In late December"
    assert panel.locator(".sentence").first.inner_text().startswith("In late December")
    assert "strengthened by “sharing blood” on the Ukraine frontline" in panel.locator("blockquote").inner_text()
    assert "December 2025 (late)" in panel.locator(".reading").inner_text()
    assert "paragraph 17" in panel.inner_text()
    assert page.locator("#event-list li[aria-selected=true] .ev-title").inner_text().startswith("Kim tells Putin")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "export-offline.png"), full_page=True)
    # hover and the modebar work under the page's Content-Security-Policy; nothing offers to upload the chart
    page.mouse.move(box["x"], box["y"] - 2)
    page.locator("#figure .hovertext").first.wait_for(timeout=5_000)
    titles = page.eval_on_selector_all("#figure .modebar-btn", "els => els.map(e => e.getAttribute('data-title'))")
    assert "Download plot as a PNG" in titles and not [t for t in titles if "Share" in t or "Cloud" in t]
    assert o.requests == [o.url], o.requests
    assert o.errors == []
    o.close()


def test_list_keyboard_and_search(browser, kursk_file):
    o = Offline(browser, kursk_file)
    page = o.page
    page.wait_for_selector("#figure[data-ready=true]", timeout=20_000)
    page.locator("#event-list li").nth(0).click()
    assert "June 2024" in page.locator("#source-panel mark.expression").inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#source-panel h2").inner_text() == "Russian military reports Ukrainian forces fully expelled"
    # the figure's selection ring follows the list
    ring = page.evaluate("document.getElementById('figure').data[3].y")
    assert ring == ["expelled-2025-04"]
    page.keyboard.press("/")
    page.keyboard.type("museum")
    visible = page.locator("#event-list li:not([hidden])")
    assert visible.count() == 1 and "museum" in visible.inner_text()
    assert page.locator("#match-count").inner_text() == "1 of 6 events"
    page.keyboard.press("Enter")
    assert page.locator("#source-panel mark.expression").inner_text() == "In August"
    page.locator("#search").fill("")
    assert page.locator("#event-list li:not([hidden])").count() == 6
    assert o.errors == [] and o.requests == [o.url]
    o.close()


def test_deep_link_selects_the_event(browser, kursk_file):
    o = Offline(browser, kursk_file)
    o.page.goto(o.url + "#event=images-2026-01-16")
    o.page.reload()
    o.page.wait_for_selector("#figure[data-ready=true]", timeout=20_000)
    assert o.page.locator("#source-panel mark.expression").inner_text() == "on Friday"
    o.close()


def test_hostile_article_cannot_run_script(browser, tmp_path):
    path = tmp_path / "hostile.html"
    write_html(hostile_timeline(), path)
    o = Offline(browser, path)
    page = o.page
    page.wait_for_selector("#figure[data-ready=true]", timeout=20_000)
    for i in range(2):
        page.locator("#event-list li").nth(i).click()
        page.locator("#source-panel details summary").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#source-panel img, #source-panel script, #source-panel iframe, #event-list img").count() == 0
    assert "<img src=x" in page.locator("#source-panel blockquote").inner_text()
    assert page.locator("#source-panel a").count() == 0  # the javascript: url is not a link
    assert page.title() == "<script>window.__pwned=10</script>"
    page.screenshot(path=str(ARTIFACTS / "export-hostile.png"), full_page=True)
    assert o.requests == [o.url], o.requests
    assert o.errors == []
    o.close()


def test_cdn_export_degrades_offline(browser, tmp_path):
    path = tmp_path / "cdn.html"
    write_html(kursk_timeline(), path, plotly_js="cdn")
    o = Offline(browser, path)
    page = o.page
    page.wait_for_selector("body[data-ready=true]", timeout=10_000)
    assert any("cdn.plot.ly" in u for u in o.requests)  # it asked the network, and was refused
    assert page.locator("#figure-missing").is_visible()
    page.locator("#event-list li").nth(4).click()
    assert page.locator("#source-panel mark.expression").inner_text() == "In late December"
    o.close()


def test_exported_sample_seed(browser, tmp_path):
    """The bundled sample as the CLI exports it, when the seed file exists."""
    seed = Path(__file__).resolve().parents[1] / "seeds" / "kursk-memorial" / "events.yaml"
    if not seed.exists():
        pytest.skip("seeds/kursk-memorial/events.yaml not there yet")
    from timeline._seeds import load_timeline

    t = load_timeline([seed.parent])
    path = tmp_path / "sample.html"
    size = write_html(t, path)
    o = Offline(browser, path)
    o.page.wait_for_selector("#figure[data-ready=true]", timeout=20_000)
    assert o.page.locator("#event-list li").count() == len(t.events)
    o.page.locator("#event-list li").first.click()
    assert o.page.locator("#source-panel blockquote").count() >= 1
    o.page.screenshot(path=str(ARTIFACTS / "export-sample.png"), full_page=True)
    assert o.requests == [o.url] and o.errors == []
    shutil.copy(path, ARTIFACTS / "export-sample.html")
    print(f"sample export: {size} bytes")
    o.close()


def test_many_events_in_lanes(browser, tmp_path):
    from timeline._timex import parse_when

    t = kursk_timeline()
    values = ["2020", "2021-03", "2022-SP", "2023-Q2", "2024-06-14", "2025-W10", "2019-11-02", "late 2024-10"]
    t.events = [t.events[i % 6].model_copy(update={"id": f"e{i}", "title": f"Event {i}",
                                                   "when": parse_when(values[i % len(values)])}) for i in range(120)]
    path = tmp_path / "many.html"
    write_html(t, path)
    o = Offline(browser, path)
    page = o.page
    page.wait_for_selector("#figure[data-ready=true]", timeout=20_000)
    item = page.locator("#event-list li").nth(50)
    item.click()
    title = page.locator("#source-panel h2").inner_text()
    row = page.evaluate(f"JSON.parse(document.getElementById('timeline-data').textContent).events"
                        f".find(e => e.title === {title!r}).row")
    assert row.startswith("lane ")
    assert page.evaluate("document.getElementById('figure').data[3].y") == [row]
    page.screenshot(path=str(ARTIFACTS / "export-many.png"))
    assert o.errors == [] and o.requests == [o.url]
    o.close()


def test_inline_plotly_export_draws_the_figure(browser, tmp_path):
    """The fallback for browsers without DecompressionStream: plotly.js inlined as is."""
    path = tmp_path / "inline.html"
    write_html(kursk_timeline(), path, plotly_js="inline")
    o = Offline(browser, path)
    o.page.wait_for_selector("#figure[data-ready=true] .main-svg", timeout=20_000)
    assert o.errors == [] and o.requests == [o.url]
    o.close()


def test_a_browser_that_cannot_unpack_shows_the_list_and_says_why(browser, kursk_file):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("delete window.DecompressionStream;")  # as in a browser from before 2023
    page.goto(kursk_file.resolve().as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=10_000)
    page.wait_for_selector("#figure-missing", state="visible", timeout=10_000)
    page.locator("#event-list li").nth(4).click()
    assert page.locator("#source-panel mark.expression").inner_text() == "In late December"
    context.close()

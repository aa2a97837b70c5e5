"""The dashboard in a real browser: Debian's Chromium driven by Playwright against the real server.

Screenshots go to tests/artifacts/dashboard-*.png.
"""

from __future__ import annotations

import re

import pytest
from conftest import DECEMBER, XSS_IMG, XSS_SCRIPT

from dashboard import create_app

pytestmark = pytest.mark.e2e

# Position of an event's mark in page pixels, computed with Plotly's own axis conversions.
_MARK_POSITION = """(id) => {
  const gd = document.querySelector('#graph .js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  for (const k of [2, 3]) {
    const tr = gd.data[k];
    const i = (tr.customdata || []).indexOf(id);
    if (i >= 0) {
      const box = gd.getBoundingClientRect();
      return {x: box.left + xa._offset + xa.l2p(xa.d2l(tr.x[i])), y: box.top + ya._offset + ya.l2p(tr.y[i])};
    }
  }
  return null;
}"""
_DRAWN_EVENTS = """() => {
  const gd = document.querySelector('#graph .js-plotly-plot');
  return [...(gd.data[2].customdata || []), ...(gd.data[3].customdata || [])].sort();
}"""


def _ready(page) -> None:
    page.wait_for_selector("#event-list [role=option]")
    page.wait_for_function("() => { const gd = document.querySelector('#graph .js-plotly-plot');"
                           " return gd && gd.data && gd.data.length === 5 && gd._fullLayout; }")


def _ringed(page, pos) -> None:
    """The selection ring is drawn over the chart, centred on the mark at page position ``pos``."""
    page.wait_for_selector("#graph .sel-ring", state="visible")
    box = page.locator("#graph .sel-ring").bounding_box()
    assert abs(box["x"] + box["width"] / 2 - pos["x"]) < 3 and abs(box["y"] + box["height"] / 2 - pos["y"]) < 3


def _selected_ids(page) -> list[str]:
    return page.eval_on_selector_all('#event-list [aria-selected="true"]', "els => els.map(e => e.dataset.eventId)")


@pytest.fixture
def sample_url(serve_app, sample_timeline):
    return serve_app(create_app(sample_timeline))


def test_click_in_the_figure_shows_the_paragraph_with_the_expression(page, sample_url, artifacts):
    page.goto(sample_url)
    _ready(page)
    page.screenshot(path=str(artifacts / "dashboard-start.png"))
    pos = page.evaluate(_MARK_POSITION, "sharing-blood")
    assert pos is not None
    page.mouse.move(pos["x"], pos["y"])
    page.wait_for_selector(".hoverlayer .hovertext")  # the title shows on hover
    page.mouse.click(pos["x"], pos["y"])
    mark = page.wait_for_selector("#source-panel .para-current mark.expr-current")
    assert mark.inner_text() == "late December"
    assert DECEMBER in page.inner_text("#source-panel .para-current")
    assert page.inner_text("#source-panel .sentence-current") == DECEMBER
    assert "December 2025 (late)" in page.inner_text("#source-panel .date-reading")
    page.wait_for_url(re.compile(r"\?event=sharing-blood$"))
    page.wait_for_function("() => document.querySelector('#event-list [aria-selected=\"true\"]') !== null")
    assert _selected_ids(page) == ["sharing-blood"]
    _ringed(page, pos)  # the mark is ringed
    # the paragraph is scrolled into view inside the source panel
    page.wait_for_timeout(300)
    visible = page.evaluate("""() => {
      const box = document.querySelector('#source-panel .doc-scroll').getBoundingClientRect();
      const p = document.querySelector('#source-panel .para-current').getBoundingClientRect();
      return p.top >= box.top && p.top < Math.min(box.bottom, window.innerHeight) - 40;
    }""")
    assert visible
    page.screenshot(path=str(artifacts / "dashboard-figure-click.png"))
    # a dated expression in the text leads to its event
    page.click("#source-panel mark.expr[data-event-id='museum']")
    page.wait_for_selector("#source-panel mark.expr-current[data-event-id='museum']")
    page.wait_for_url(re.compile(r"\?event=museum$"))


def test_keyboard_alone_moves_through_the_list(page, sample_url, artifacts):
    page.goto(sample_url)
    _ready(page)
    for _ in range(40):  # Tab from the top of the page to the list
        if page.evaluate("() => document.activeElement && document.activeElement.id") == "event-list":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("the event list cannot be reached with Tab")
    page.keyboard.press("ArrowDown")
    page.wait_for_selector("#source-panel h2:has-text('Russia and North Korea sign partnership treaty')")
    for _ in range(5):
        page.keyboard.press("ArrowDown")
    page.wait_for_selector("#source-panel mark.expr-current:has-text('late December')")
    assert _selected_ids(page) == ["sharing-blood"]
    assert page.text_content("#sr-status").startswith("Selected: December 2025 (late): Kim tells Putin")
    active = page.evaluate("() => document.getElementById('event-list').getAttribute('aria-activedescendant')")
    assert active == page.get_attribute("#event-list [data-event-id='sharing-blood']", "id")
    page.keyboard.press("ArrowUp")
    page.wait_for_selector("#source-panel h2:has-text('Kim announces museum plans')")
    page.keyboard.press("End")
    page.wait_for_selector("#source-panel h2:has-text('Paper prints the letter')")
    page.keyboard.press("Home")
    page.wait_for_selector("#source-panel h2:has-text('Russia and North Korea sign partnership treaty')")
    page.wait_for_url(re.compile(r"\?event=treaty$"))
    page.keyboard.press("Enter")  # jump into the text, at the highlighted expression
    assert page.evaluate("() => document.activeElement.classList.contains('expr-current')")
    page.screenshot(path=str(artifacts / "dashboard-keyboard.png"))


def test_search_shrinks_the_figure_and_the_list(page, sample_url, artifacts):
    page.goto(sample_url)
    _ready(page)
    assert len(page.evaluate(_DRAWN_EVENTS)) == 8
    page.fill("#search", "kim")
    page.wait_for_function("() => document.querySelectorAll('#event-list [role=option]').length === 3")
    page.wait_for_function(f"() => ({_DRAWN_EVENTS})().length === 3")
    assert page.evaluate(_DRAWN_EVENTS) == ["images", "museum", "sharing-blood"]
    assert page.inner_text("#counts") == "3 of 8 events match"
    page.screenshot(path=str(artifacts / "dashboard-search.png"))
    page.click("#clear")
    page.wait_for_function("() => document.querySelectorAll('#event-list [role=option]').length === 8")


def test_an_event_link_opens_the_same_view(page, sample_url, artifacts):
    page.goto(sample_url + "/?event=sharing-blood")
    _ready(page)
    page.wait_for_selector("#source-panel mark.expr-current:has-text('late December')")
    page.wait_for_function("() => document.querySelector('#event-list [aria-selected=\"true\"]') !== null")
    assert _selected_ids(page) == ["sharing-blood"]
    _ringed(page, page.evaluate(_MARK_POSITION, "sharing-blood"))
    assert "Kim tells Putin" in page.inner_text("#graph .sel-callout")
    page.screenshot(path=str(artifacts / "dashboard-link.png"))


def test_article_html_is_shown_as_text(page, sample_url, artifacts):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(sample_url + "/?event=letter")
    _ready(page)
    page.wait_for_selector("#source-panel .para-current")
    text = page.inner_text("#source-panel")
    assert XSS_SCRIPT in text and XSS_IMG in text
    assert page.query_selector_all("#source-panel img, #source-panel script, #event-list img") == []
    pos = page.evaluate(_MARK_POSITION, "letter")
    page.mouse.move(pos["x"], pos["y"])
    page.wait_for_selector(".hoverlayer .hovertext")
    assert XSS_IMG in page.eval_on_selector(".hoverlayer .hovertext", "e => e.textContent")
    assert dialogs == []
    page.screenshot(path=str(artifacts / "dashboard-untrusted.png"))


def test_a_new_user_finds_the_december_event_in_the_bundled_seeds(page, serve_app, artifacts):
    from timeline._seeds import load_timeline
    from timeline.cli.serve import default_paths

    url = serve_app(create_app(load_timeline, paths=default_paths()))
    page.goto(url)
    _ready(page)
    page.click("#event-list [role=option][aria-label^='December 2025']")
    mark = page.wait_for_selector("#source-panel mark.expr-current")
    assert mark.inner_text() == "late December"
    assert page.inner_text("#source-panel .sentence-current").startswith("In late December, Kim told")
    page.screenshot(path=str(artifacts / "dashboard-seeds.png"))


def test_editing_a_seed_file_on_disk_shows_up_without_restart(page, serve_app, seed_copy, artifacts):
    seeds = pytest.importorskip("timeline._seeds")
    if not hasattr(seeds, "load_timeline"):
        pytest.skip("timeline._seeds.load_timeline is not written yet")
    events_yaml = seed_copy / "events.yaml"
    original = events_yaml.read_text(encoding="utf-8")
    events_at = original.index("\nevents:")
    m = re.compile(r"^    title: (.+)$", re.M).search(original, events_at)
    assert m, "events.yaml has an event title to edit"
    url = serve_app(create_app(seeds.load_timeline, paths=[seed_copy], poll_ms=250))
    page.goto(url)
    _ready(page)
    assert page.inner_text("#event-list").count(m[1]) == 1
    events_yaml.write_text(original.replace(m[0], "    title: Edited on disk while the app runs", 1), encoding="utf-8")
    page.wait_for_selector("#event-list [role=option]:has-text('Edited on disk while the app runs')")
    # a broken file shows its problem (file:line:col) and keeps the last good timeline
    broken = original.replace(m[0], m[0] + "\n    when: 2025-13", 1)
    events_yaml.write_text(broken, encoding="utf-8")
    banner = page.wait_for_selector(".banner.error")
    assert re.search(r"events\.yaml:\d+:\d+", banner.inner_text())
    assert page.query_selector("#event-list [role=option]:has-text('Edited on disk while the app runs')")
    page.screenshot(path=str(artifacts / "dashboard-seed-problem.png"))
    events_yaml.write_text(original, encoding="utf-8")
    page.wait_for_selector(".banner.error", state="detached")
    page.wait_for_selector(f"#event-list [role=option]:has-text({m[1]!r})")


def test_many_events_are_counted_in_bubbles_that_zoom_in_when_clicked(page, serve_app, artifacts):
    from test_dashboard_views import _synthetic

    url = serve_app(create_app(_synthetic(3000)))
    page.goto(url)
    _ready(page)
    page.wait_for_function("() => document.querySelector('#graph .js-plotly-plot').data[4].x.length > 0")
    assert page.evaluate(_DRAWN_EVENTS) == []  # counted, not drawn one by one
    page.screenshot(path=str(artifacts / "dashboard-3000-bins.png"))
    bubble = page.evaluate("""() => {
      const gd = document.querySelector('#graph .js-plotly-plot');
      const tr = gd.data[4], xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
      const i = tr.marker.size.indexOf(Math.max(...tr.marker.size));
      return {x: box.left + xa._offset + xa.l2p(xa.d2l(tr.x[i])), y: box.top + ya._offset + ya.l2p(tr.y[i])};
    }""")
    # One click, right after the figure arrived (the graph may still be reporting its resize): it zooms in.
    page.mouse.click(bubble["x"], bubble["y"])
    page.wait_for_function(f"() => ({_DRAWN_EVENTS})().length > 0", timeout=5000)  # single events again
    assert page.evaluate("() => document.querySelector('#graph .js-plotly-plot').data[4].x.length") == 0
    page.wait_for_selector("#view-note:not([hidden])")  # the list follows the zoom
    assert re.fullmatch(r"\d+ of 3,000 events in view · Show all", page.inner_text("#view-note"))
    page.screenshot(path=str(artifacts / "dashboard-3000-zoomed.png"))
    page.click("#fit")
    page.wait_for_function("() => document.querySelector('#graph .js-plotly-plot').data[4].x.length > 0")
    page.wait_for_selector("#view-note", state="hidden")


_LIST_IDS = "() => [...document.querySelectorAll('#event-list [role=option]')].map(e => e.dataset.eventId)"


def _relayout(page, a: str, b: str) -> None:
    """Zoom / pan the time axis the way the mouse does (Plotly emits plotly_relayout, Dash gets relayoutData)."""
    page.evaluate("([a, b]) => Plotly.relayout(document.querySelector('#graph .js-plotly-plot'),"
                  " {'xaxis.range[0]': a, 'xaxis.range[1]': b})", [a, b])


def _list_is(page, ids: list[str]) -> None:
    try:
        page.wait_for_function(f"(want) => JSON.stringify(({_LIST_IDS})()) === JSON.stringify(want)", arg=ids)
    except Exception:
        seen = page.evaluate(f"""() => ({{list: ({_LIST_IDS})(), note: document.getElementById('view-note').innerText,
          axis: document.querySelector('#graph .js-plotly-plot')._fullLayout.xaxis.range}})""")
        raise AssertionError(f"the list is not {ids}: {seen}") from None


def test_the_list_follows_the_zoom_of_the_figure(page, sample_url, artifacts):
    page.goto(sample_url)
    _ready(page)
    assert page.is_hidden("#view-note")
    _relayout(page, "2025-01-01", "2025-09-01")
    _list_is(page, ["letter", "repel", "expelled", "museum"])
    # the note and the counts come from their own callbacks, which may answer after the list's
    page.wait_for_function("() => document.getElementById('view-note').innerText === '4 of 8 events in view · Show all'")
    page.wait_for_function("() => document.getElementById('counts').innerText === '8 events; 4 in view'")
    # the keyboard moves through the events in view
    page.focus("#event-list")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_selector("#source-panel h2:has-text('North Korean troops help repel')")
    page.wait_for_url(re.compile(r"\?event=repel$"))
    # pan away: the selection stays (panel, URL) and the list says it is outside the view
    _relayout(page, "2025-11-01", "2026-02-01")
    _list_is(page, ["letter", "sharing-blood", "images", "printed"])
    page.wait_for_selector("#outside-note:not([hidden])")
    assert page.inner_text("#outside-note").startswith("Selected: spring 2025: North Korean troops help repel")
    assert "outside the view" in page.inner_text("#outside-note")
    assert page.inner_text("#source-event-title") == "North Korean troops help repel the Ukrainian incursion"
    assert page.url.endswith("?event=repel")
    page.screenshot(path=str(artifacts / "dashboard-zoom-list.png"))
    page.keyboard.press("End")  # keyboard navigation still works on the list in view
    page.wait_for_selector("#source-panel h2:has-text('Paper prints the letter')")
    page.wait_for_selector("#outside-note", state="hidden")
    # "Show it" brings an event outside the view back into the figure and the list
    page.keyboard.press("Home")
    page.wait_for_selector("#source-panel h2:has-text('Reader sends letter')")
    _relayout(page, "2023-01-01", "2023-06-01")
    _list_is(page, [])
    page.wait_for_selector("#outside-note:not([hidden])")
    page.click("#show-selected")
    page.wait_for_selector("#outside-note", state="hidden")
    page.wait_for_function(f"() => ({_LIST_IDS})().includes('letter')")
    _ringed(page, page.evaluate(_MARK_POSITION, "letter"))
    # "Show all" (like "Fit all") brings every event back
    page.click("#show-all")
    _list_is(page, ["treaty", "letter", "repel", "expelled", "museum", "sharing-blood", "images", "printed"])
    page.wait_for_selector("#view-note", state="hidden")
    assert page.inner_text("#counts") == "8 events"
    assert _selected_ids(page) == ["letter"]

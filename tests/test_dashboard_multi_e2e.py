"""Issue 7 in the running app (Playwright + Debian's Chromium): a two-article story whose sources
disagree on a date; the conflict badge shows in the list and the panel, the second source's paragraph
can be shown, "Use this date" resolves the conflict and the choice lands in events.yaml (``origin: edited``).

Screenshots: tests/artifacts/dashboard-multi-conflict.png, dashboard-multi-sources.png, dashboard-multi-resolved.png
"""

from __future__ import annotations

import pytest

from dashboard import create_app
from timeline._seeds import load_seed, load_timeline

from test_dashboard_multi import CONFLICT_ID, build_story

pytestmark = pytest.mark.e2e


def test_conflict_is_seen_and_resolved_with_use_this_date(page, serve_app, tmp_path, artifacts):
    story = build_story(tmp_path / "story")
    url = serve_app(create_app(load_timeline, paths=[story.parent], poll_ms=500))
    page.goto(url)
    item = page.locator(f"#event-list [data-event-id='{CONFLICT_ID}']")
    item.wait_for()
    assert "has-conflict" in item.get_attribute("class")
    assert "sources disagree" in item.get_attribute("data-meta")
    page.wait_for_function("() => { const g = document.querySelector('#graph .js-plotly-plot');"
                           " return g && g.data && g.data.length > 5 && g.data[5].x.length > 0; }")
    item.click()
    page.wait_for_selector("#conflict")
    readings = page.locator("#conflict .conflict-reading")
    assert readings.count() == 2
    assert "March 2007" in readings.nth(0).inner_text() and "Airbus opens new plant" in readings.nth(0).inner_text()
    assert "April 2007" in readings.nth(1).inner_text() and "Tianjin plant starts work" in readings.nth(1).inner_text()
    page.screenshot(path=str(artifacts / "dashboard-multi-conflict.png"))

    # all sources side by side: show the second article's paragraph, highlighted the same way
    assert page.locator("#all-sources .src-item").count() == 2
    page.get_by_role("button", name="Show paragraph 2 of Tianjin plant starts work").click()
    page.wait_for_selector(".doc-title:has-text('Tianjin plant starts work')")
    assert page.inner_text(".para-current .expr-current") == "April 2007"
    assert "opened in" in page.inner_text(".para-current .sentence-current")
    page.screenshot(path=str(artifacts / "dashboard-multi-sources.png"))

    readings.nth(1).get_by_role("button", name="Use this date").click()
    page.wait_for_selector("#edit-status:has-text('conflict resolved')")
    page.wait_for_selector("#conflict", state="detached")
    assert "edited by a person" in page.inner_text("#source-panel")
    assert "April 2007" in page.inner_text(".date-reading")
    assert "has-conflict" not in (item.get_attribute("class") or "")
    page.screenshot(path=str(artifacts / "dashboard-multi-resolved.png"))

    saved = next(e for e in load_seed(story).events if e.id == CONFLICT_ID)
    assert str(saved.when) == "2007-04" and saved.alternatives == [] and saved.origin == "edited"
    assert "origin: edited" in story.read_text()


def test_key_events_toggle_updates_list_and_figure_together(page, serve_app, sample_timeline, artifacts):
    from timeline._summarize import summarize

    expected = {e.id for e in summarize(sample_timeline, dates=2, sentences=1).events}
    url = serve_app(create_app(sample_timeline))
    page.goto(url)
    page.wait_for_selector("#event-list [data-event-id]")
    total = page.locator("#event-list [data-event-id]").count()
    assert total == len(sample_timeline.events) > len(expected)
    page.fill("#key-dates", "2")
    page.keyboard.press("Enter")
    page.get_by_label("Key events").check()
    page.wait_for_function("(n) => document.querySelectorAll('#event-list [data-event-id]').length === n",
                           arg=len(expected))
    listed = set(page.eval_on_selector_all("#event-list [data-event-id]", "els => els.map(e => e.dataset.eventId)"))
    assert listed == expected
    assert "key event" in page.inner_text("#counts")
    drawn = page.evaluate("() => { const g = document.querySelector('#graph .js-plotly-plot');"
                          " return [].concat(g.data[2].customdata || [], g.data[3].customdata || []); }")
    assert set(drawn) <= expected and drawn
    page.screenshot(path=str(artifacts / "dashboard-multi-key-events.png"))
    page.get_by_label("All events").check()
    page.wait_for_function("(n) => document.querySelectorAll('#event-list [data-event-id]').length === n", arg=total)

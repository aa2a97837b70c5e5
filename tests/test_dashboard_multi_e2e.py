"""Issue 7 in the running app (Playwright + Debian's Chromium): a two-article story whose sources
disagree on a date; the conflict badge shows in the list and the panel, "Use this date" resolves it
and the choice lands in events.yaml (``origin: edited``).

Screenshots: tests/artifacts/dashboard-multi-conflict.png, dashboard-multi-resolved.png
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

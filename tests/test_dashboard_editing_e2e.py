"""Editing a seed file in the running app (Playwright + Debian's Chromium).

Screenshot: tests/artifacts/dashboard-edit-title.png
"""

from __future__ import annotations

import pytest

from dashboard import create_app
from timeline._seeds import load_seed, load_timeline

pytestmark = pytest.mark.e2e

COMMENT = "# hand-written comment: the treaty date was checked against the KCNA archive"


def test_edit_title_in_the_app_is_written_to_the_yaml_with_comments_kept(page, serve_app, seed_copy, artifacts):
    yaml_path = seed_copy / "events.yaml"
    seed = load_seed(yaml_path)
    ev = seed.events[0]
    text = yaml_path.read_text()
    # a comment line of the editor's own, right above the first event
    marker = f"  - id: {ev.id}\n"
    assert marker in text
    yaml_path.write_text(text.replace(marker, f"  {COMMENT}\n{marker}", 1))
    header = [ln for ln in text.splitlines() if ln.startswith("#")]

    url = serve_app(create_app(load_timeline, paths=[seed_copy], poll_ms=500))
    page.goto(f"{url}/?event={ev.id}")
    page.wait_for_selector("#source-event-title")
    assert page.inner_text("#source-event-title") == ev.title

    # keyboard: open the form from its summary, type the new title, press Enter to save
    page.focus("#edit-event > summary")
    page.keyboard.press("Enter")
    title_input = page.locator("#edit-title")
    title_input.wait_for(state="visible")
    assert page.locator("label[for=edit-title]").inner_text() == "Title"
    new_title = "Treaty <i>signed</i> & sealed in Pyongyang"
    title_input.fill(new_title)
    title_input.press("Enter")

    page.wait_for_function(
        "(t) => { const h = document.querySelector('#source-event-title'); return h && h.textContent === t; }",
        arg=new_title,
    )
    page.wait_for_selector("#edit-status:has-text('Changes saved')")
    assert page.locator("#source-event-title i").count() == 0  # shown as text, not markup
    assert page.locator(f"#event-list [data-event-id='{ev.id}']").inner_text().find(new_title) >= 0
    assert "edited by a person" in page.inner_text("#source-panel")
    assert page.url.endswith(f"?event={ev.id}")  # still selected
    page.screenshot(path=str(artifacts / "dashboard-edit-title.png"))

    on_disk = yaml_path.read_text()
    assert new_title in on_disk
    assert f"  {COMMENT}\n" in on_disk
    for line in header:
        assert line in on_disk
    saved = next(e for e in load_seed(yaml_path).events if e.id == ev.id)
    assert saved.title == new_title and saved.origin == "edited"

    # Undo from the panel puts the old title back on disk and on screen
    page.click("#edit-undo")
    page.wait_for_function(
        "(t) => { const h = document.querySelector('#source-event-title'); return h && h.textContent === t; }",
        arg=ev.title,
    )
    assert new_title not in yaml_path.read_text() and COMMENT in yaml_path.read_text()

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


def _write_on_disk(path, old: str, new: str) -> None:
    """An edit made in a text editor while the app runs (mtime moved on, for coarse filesystems)."""
    import os

    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def _open_form(page, serve_app, seed_copy, form="#edit-event"):
    """The app on a copy of the sample seed, the second event selected and ``form`` (the edit form, or
    ".add-event") open: (seed file, that event, the fourth event)."""
    yaml_path = seed_copy / "events.yaml"
    events = load_seed(yaml_path).events
    url = serve_app(create_app(load_timeline, paths=[seed_copy], poll_ms=250))
    page.goto(f"{url}/?event={events[1].id}")
    page.wait_for_selector("#source-event-title")
    page.click(f"{form} > summary")
    return yaml_path, events[1], events[3]


def test_unsaved_input_survives_a_reload_and_a_change_underneath_is_flagged(page, serve_app, seed_copy, artifacts):
    yaml_path, ev, other = _open_form(page, serve_app, seed_copy)
    page.locator("#edit-notes").fill("checked against the archive")
    title = page.locator("#edit-title")
    title.fill("My draft title")
    # someone edits another event in the same file while the user types: the page reloads it
    _write_on_disk(yaml_path, f"title: {other.title}", "title: Another event, edited on disk")
    page.wait_for_selector("#event-list [role=option]:has-text('Another event, edited on disk')")
    page.wait_for_selector("#edit-draft-note:has-text('kept while the seed files reloaded')")
    assert title.input_value() == "My draft title"
    assert page.locator("#edit-notes").input_value() == "checked against the archive"
    # the caret is still in the title: typing goes on where it was
    assert page.evaluate("() => document.activeElement.id") == "edit-title"
    page.keyboard.type(", continued")
    assert title.input_value() == "My draft title, continued"

    # now the event itself changes on disk under the draft: kept, flagged, and Save is refused
    _write_on_disk(yaml_path, f"title: {ev.title}", "title: Their title, saved in an editor")
    page.wait_for_selector("#source-event-title:has-text('Their title, saved in an editor')")
    note = page.wait_for_selector("#edit-draft-note[role=alert]")
    assert "changed on disk while you were editing" in note.inner_text()
    assert "“Their title, saved in an editor”" in note.inner_text()
    assert title.input_value() == "My draft title, continued"
    page.screenshot(path=str(artifacts / "dashboard-edit-draft-conflict.png"))
    before = yaml_path.read_text()
    page.click("#edit-save")
    page.wait_for_selector("#edit-status:has-text('changed on disk since it was loaded')")
    assert yaml_path.read_text() == before
    # Discard loads the event as it is on disk; that saves normally
    page.click("#edit-discard")
    page.wait_for_function("() => document.getElementById('edit-title').value === 'Their title, saved in an editor'")
    assert page.locator("#edit-draft-note").count() == 0
    page.wait_for_selector("#edit-status:has-text('Unsaved changes discarded')")
    title.fill("Their title, then mine")
    page.click("#edit-save")
    page.wait_for_selector("#edit-status:has-text('Changes saved')")
    assert next(e for e in load_seed(yaml_path).events if e.id == ev.id).title == "Their title, then mine"


def test_input_typed_into_the_add_form_survives_a_reload(page, serve_app, seed_copy):
    yaml_path, _, fourth = _open_form(page, serve_app, seed_copy, form=".add-event")
    page.locator("#add-title").fill("Memorial opens to the public")
    page.locator("#add-when").fill("2026-05")
    _write_on_disk(yaml_path, f"title: {fourth.title}", "title: Edited on disk meanwhile")
    page.wait_for_selector("#event-list [role=option]:has-text('Edited on disk meanwhile')")
    page.wait_for_function("() => document.getElementById('add-title').value === 'Memorial opens to the public'")
    assert page.locator("#add-when").input_value() == "2026-05"
    assert page.evaluate("() => document.querySelector('.add-event').open")
    # adding hands the draft over: the event is in the file and the form comes back empty
    page.click("#add-save")
    page.wait_for_selector("#event-list [role=option]:has-text('Memorial opens to the public')")
    assert any(e.title == "Memorial opens to the public" for e in load_seed(yaml_path).events)
    page.wait_for_timeout(600)  # a reload after the save must not bring the draft back
    assert page.locator("#add-title").input_value() == ""


def test_two_events_keep_their_own_unsaved_input(page, serve_app, seed_copy):
    """Type into one event's form, go to another and type there, come back: both drafts are there."""
    yaml_path, first, second = _open_form(page, serve_app, seed_copy)
    page.locator("#edit-title").fill("First event, my draft")
    page.locator(f"#event-list [role=option]:has-text('{second.title[:25]}')").first.click()
    page.wait_for_selector(f"#source-event-title:has-text('{second.title[:25]}')")
    page.click("#edit-event > summary")
    page.locator("#edit-title").fill("Second event, my draft")
    page.locator(f"#event-list [role=option]:has-text('{first.title[:25]}')").first.click()
    page.wait_for_function("() => document.getElementById('edit-title').value === 'First event, my draft'")
    page.locator(f"#event-list [role=option]:has-text('{second.title[:25]}')").first.click()
    page.wait_for_function("() => document.getElementById('edit-title').value === 'Second event, my draft'")
    assert first.title in yaml_path.read_text() and second.title in yaml_path.read_text()  # nothing saved

"""In-app editing of seed files (dashboard/editing.py): the actions and the form, without a browser.

Every test works on a temp copy of seeds/kursk-memorial (the ``seed_copy`` fixture) and checks the
YAML on disk, the reloaded timeline and what the panel shows.
"""

from __future__ import annotations

import os
import time

import pytest
from dash import html

from dashboard import callbacks as cb
from dashboard import create_app, editing
from timeline._seeds import event_files, load_seed, load_timeline
from dash_tree import by_id, text as tree_text, walk


def _text(component) -> str:
    return tree_text(component, sep=" ")



@pytest.fixture
def app(seed_copy):
    return create_app(load_timeline, paths=[seed_copy], poll_ms=10**9)


@pytest.fixture
def source(app):
    return app.timeline_source


@pytest.fixture
def yaml_path(seed_copy):
    return seed_copy / "events.yaml"


def _base(source, event_id):
    """What the rendered form carries: the event id and the file's mtime when it was loaded (a string:
    nanoseconds do not fit in a JavaScript number)."""
    panel = cb.update_source(source, event_id)
    store = by_id(panel, "edit-base")
    assert store is not None, "no edit form for an event from a seed file"
    return store.data


def _first(source):
    return source.timeline.events[0]


def _bump_mtime(path):
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def test_form_is_filled_and_labelled(source):
    ev = _first(source)
    panel = cb.update_source(source, ev.id)
    # the browser keeps numbers as doubles: an mtime in nanoseconds must travel as a string
    assert isinstance(by_id(panel, "edit-base").data["mtime"], str)
    assert isinstance(by_id(panel, "add-base").data["mtime"], str)
    title = by_id(panel, "edit-title")
    assert title.value == ev.title
    assert by_id(panel, "edit-tags").value == ", ".join(ev.tags)
    assert by_id(panel, "edit-when").value  # the short form of the date, e.g. 2024-06
    labels = {getattr(c, "htmlFor", None) for c in walk(panel) if isinstance(c, html.Label)}
    for f in ("title", "when", "tags", "notes"):
        assert f"edit-{f}" in labels and f"add-{f}" in labels
    assert by_id(panel, "edit-save") is not None and by_id(panel, "edit-delete") is not None
    assert by_id(panel, "edit-undo").disabled is True  # nothing saved yet in this app


def test_save_writes_yaml_marks_edited_and_keeps_selection(source, yaml_path):
    ev = _first(source)
    before = yaml_path.read_text()
    version = source.version
    out = editing.save_edit(source, _base(source, ev.id), "  Treaty signed in Pyongyang ", "late 2025-12",
                            "diplomacy, treaty, diplomacy", "checked with the archive")
    assert out.saved, out
    assert out.selected == ev.id and out.url() == f"?event={ev.id}"
    assert out.version == source.version > version
    seed = load_seed(yaml_path)
    saved = next(e for e in seed.events if e.id == ev.id)
    assert saved.title == "Treaty signed in Pyongyang"
    assert saved.tags == ["diplomacy", "treaty"] and saved.notes == "checked with the archive"
    assert saved.origin == "edited"
    assert "late 2025-12" in yaml_path.read_text()
    assert yaml_path.read_text().splitlines()[:3] == before.splitlines()[:3]  # header comments kept
    # the app reloaded: the panel shows the new title and the save notice
    reloaded = source.index.get(ev.id)
    assert reloaded.title == "Treaty signed in Pyongyang" and reloaded.origin == "edited"
    panel = cb.update_source(source, ev.id, out.version, out.notice)
    assert "Treaty signed in Pyongyang" in _text(panel)
    assert "Changes saved." in _text(by_id(panel, "edit-status"))
    assert by_id(panel, "edit-undo").disabled is False


def test_conflict_when_file_changed_on_disk(source, yaml_path):
    ev = _first(source)
    base = _base(source, ev.id)
    _bump_mtime(yaml_path)  # someone saved the file after the app loaded it
    text = yaml_path.read_text()
    out = editing.save_edit(source, base, "Lost update?", "2024-06", "", "")
    assert not out.saved
    assert "changed on disk since it was loaded" in out.status and "nothing was saved" in out.status
    assert "\n" not in out.status
    assert yaml_path.read_text() == text
    assert source.index.get(ev.id).title == ev.title


def test_bad_date_is_reported_next_to_the_field(source, yaml_path):
    ev = _first(source)
    text = yaml_path.read_text()
    out = editing.save_edit(source, _base(source, ev.id), "Fine title", "2025-13", "", "")
    assert not out.saved
    assert "2025-13" in out.errors["when"] and "valid date" in out.errors["when"]
    assert out.error_values()[1] == out.errors["when"] and out.error_values()[0] == ""
    assert yaml_path.read_text() == text


def test_empty_title_is_refused(source, yaml_path):
    ev = _first(source)
    text = yaml_path.read_text()
    out = editing.save_edit(source, _base(source, ev.id), "   ", "2024", "", "")
    assert not out.saved and "title" in out.errors
    assert yaml_path.read_text() == text


@pytest.mark.parametrize("when", ["2025-08", "late 2025-12", "2025-SP", "~2024", "2025-04-01..2025-04-30"])
def test_date_shorthands_are_saved(source, yaml_path, when):
    ev = _first(source)
    out = editing.save_edit(source, _base(source, ev.id), ev.title, when, ", ".join(ev.tags), ev.notes)
    assert out.saved, out
    panel = cb.update_source(source, ev.id)
    assert by_id(panel, "edit-when").value == when


def test_delete_then_undo_brings_it_back(source, yaml_path):
    ev = source.timeline.events[1]
    n = len(source.timeline.events)
    out = editing.delete_selected(source, _base(source, ev.id))
    assert out.saved and out.selected is None and out.url() == ""
    assert ev.id not in {e.id for e in load_seed(yaml_path).events}
    assert len(source.timeline.events) == n - 1 and source.index.get(ev.id) is None
    # nothing selected now: the intro panel still offers Undo
    intro = cb.update_source(source, None, out.version, out.notice)
    undo = by_id(intro, "edit-undo")
    assert undo.disabled is False and _text(undo) == "Undo the deletion" and ev.title[:20] in undo.title
    back = editing.undo_save(source)
    assert back.saved and back.selected == ev.id
    assert ev.id in {e.id for e in load_seed(yaml_path).events}
    assert source.index.get(ev.id).title == ev.title
    assert editing.undo_save(source).saved is False  # one level


def test_add_event_is_manual_and_selected(source, yaml_path):
    panel = cb.update_source(source, None)
    base = by_id(panel, "add-base").data
    assert base["file"] == str(yaml_path)
    out = editing.add_new_event(source, base, "Museum opens <b>in</b> Pyongyang", "2026-SP", "memorial", "")
    assert out.saved and out.selected
    added = source.index.get(out.selected)
    assert added.title == "Museum opens <b>in</b> Pyongyang" and added.origin == "manual"
    on_disk = next(e for e in load_seed(yaml_path).events if e.id == out.selected)
    assert on_disk.tags == ["memorial"] and on_disk.origin == "manual"
    # escaped: the title is a text child of a Dash component, never parsed as HTML
    shown = cb.update_source(source, out.selected)
    assert by_id(shown, "source-event-title").children == "Museum opens <b>in</b> Pyongyang"


def test_add_with_bad_date_saves_nothing(source, yaml_path):
    base = by_id(cb.update_source(source, None), "add-base").data
    text = yaml_path.read_text()
    out = editing.add_new_event(source, base, "Something", "someday", "", "")
    assert not out.saved and "when" in out.errors
    assert yaml_path.read_text() == text


def test_add_refuses_a_file_the_app_did_not_load(source, tmp_path):
    other = tmp_path / "elsewhere.yaml"
    other.write_text("events: []\n")
    out = editing.add_new_event(source, {"file": str(other), "mtime": other.stat().st_mtime_ns}, "X", "2024", "", "")
    assert not out.saved and other.read_text() == "events: []\n"


def test_undo_of_an_edit_keeps_the_event_selected(source, yaml_path):
    ev = _first(source)
    original = yaml_path.read_bytes()
    assert editing.save_edit(source, _base(source, ev.id), "Edited once", "2024-06", "", "").saved
    out = editing.undo_save(source)
    assert out.saved and out.selected == ev.id
    assert yaml_path.read_bytes() == original
    assert source.index.get(ev.id).title == ev.title


def test_undo_refuses_after_an_outside_change(source, yaml_path):
    ev = _first(source)
    assert editing.save_edit(source, _base(source, ev.id), "Edited once", "2024-06", "", "").saved
    time.sleep(0.01)
    yaml_path.write_text(yaml_path.read_text() + "# edited by hand\n")
    out = editing.undo_save(source)
    assert not out.saved and "changed on disk" in out.status
    assert yaml_path.read_text().endswith("# edited by hand\n")


def test_no_change_writes_nothing(source, yaml_path):
    ev = _first(source)
    mtime = yaml_path.stat().st_mtime_ns
    out = editing.save_edit(source, _base(source, ev.id), ev.title, editing._when_text(ev), ", ".join(ev.tags),
                            ev.notes)
    assert not out.saved and out.status == "Nothing changed."
    assert yaml_path.stat().st_mtime_ns == mtime


def test_timeline_in_code_has_no_edit_controls(sample_timeline):
    app = create_app(sample_timeline)
    source = app.timeline_source
    assert not source.editable
    panel = cb.update_source(source, "treaty")
    for cid in ("edit-base", "edit-save", "edit-undo", "add-save"):
        assert by_id(panel, cid) is None
    assert by_id(cb.update_source(source, None), "edit-undo") is None
    out = editing.save_edit(source, {"event": "treaty", "mtime": 1}, "x", "2024", "", "")
    assert not out.saved


def test_editing_can_be_turned_off(seed_copy):
    source = create_app(load_timeline, paths=[seed_copy], editable=False).timeline_source
    ev = source.timeline.events[0]
    assert by_id(cb.update_source(source, ev.id), "edit-save") is None


def test_callbacks_are_registered_only_when_editable(seed_copy, sample_timeline):
    def outputs(app):
        return " ".join(app.callback_map)

    assert "edit-status.children" in outputs(create_app(load_timeline, paths=[seed_copy]))
    assert "edit-status.children" not in outputs(create_app(sample_timeline))


def test_event_files_mtime_is_the_loaded_one(source, yaml_path):
    """The form's mtime comes from the load, not from disk at render time (else no conflict is seen)."""
    ev = _first(source)
    _bump_mtime(yaml_path)
    assert _base(source, ev.id)["mtime"] != event_files([yaml_path])[ev.id][1]


# -- unsaved input across a reload (the edit-draft store) ------------------------------------------------


def _draft(source, event_id, **typed):
    """The browser's edit-draft store after the user typed ``typed`` into the form of ``event_id``
    (assets/timeline.js keepDraft: the form's base plus the four field values)."""
    panel = cb.update_source(source, event_id)
    values = {f: by_id(panel, f"edit-{f}").value for f in editing.EDIT_FIELDS}
    return {"base": by_id(panel, "edit-base").data, **values, **typed}


def _change_on_disk(source, yaml_path, old: str, new: str):
    """Someone edits the seed file in a text editor; the app's poll reloads it."""
    text = yaml_path.read_text()
    assert old in text
    yaml_path.write_text(text.replace(old, new, 1))
    _bump_mtime(yaml_path)
    assert source.poll()


def _form(panel):
    return {f: by_id(panel, f"edit-{f}").value for f in editing.EDIT_FIELDS}


def test_a_draft_survives_a_reload_caused_by_another_event(source, yaml_path):
    ev, other = source.timeline.events[0], source.timeline.events[1]
    draft = _draft(source, ev.id, title="Treaty signed (draft)", tags="diplomacy, draft")
    _change_on_disk(source, yaml_path, f"title: {other.title}", "title: Someone else's edit")
    panel = cb.update_source(source, ev.id, source.version, None, None, draft)
    form = _form(panel)
    assert form["title"] == "Treaty signed (draft)" and form["tags"] == "diplomacy, draft"
    assert form["when"] == draft["when"] and form["notes"] == draft["notes"]  # untouched fields as they were
    assert by_id(panel, "edit-event").open is True
    assert "kept while the seed files reloaded" in _text(by_id(panel, "edit-draft-note"))
    # the draft moved onto the reloaded file: it saves (the event itself did not change)
    base = by_id(panel, "edit-base").data
    assert base["mtime"] == str(yaml_path.stat().st_mtime_ns) != draft["base"]["mtime"]
    out = editing.save_edit(source, base, form["title"], form["when"], form["tags"], form["notes"])
    assert out.saved, out.status
    saved = next(e for e in load_seed(yaml_path).events if e.id == ev.id)
    assert saved.title == "Treaty signed (draft)" and saved.tags == ["diplomacy", "draft"]
    assert next(e for e in load_seed(yaml_path).events if e.id == other.id).title == "Someone else's edit"


def test_a_draft_whose_event_changed_on_disk_is_kept_flagged_and_refused(source, yaml_path):
    ev = _first(source)
    draft = _draft(source, ev.id, title="My better title")
    _change_on_disk(source, yaml_path, f"title: {ev.title}", "title: Their new title")
    panel = cb.update_source(source, ev.id, source.version, None, None, draft)
    assert _form(panel)["title"] == "My better title"  # the user's text is not thrown away
    note = by_id(panel, "edit-draft-note")
    assert note.role == "alert" and "changed on disk while you were editing" in _text(note)
    assert "title: “Their new title”" in _text(note) and by_id(panel, "edit-discard") is not None
    assert "Their new title" in _text(by_id(panel, "source-event-title"))  # the panel shows the file as it is
    # saving the draft would overwrite their change: refused as a conflict, nothing written
    base = by_id(panel, "edit-base").data
    assert base == draft["base"]
    before = yaml_path.read_text()
    out = editing.save_edit(source, base, "My better title", *(_form(panel)[f] for f in ("when", "tags", "notes")))
    assert not out.saved and "changed on disk since it was loaded" in out.status
    assert yaml_path.read_text() == before
    # still flagged after a further, unrelated reload
    _change_on_disk(source, yaml_path, "title: Kim announces plans", "title: Kim announced plans")
    again = cb.update_source(source, ev.id, source.version, None, None, draft)
    assert _form(again)["title"] == "My better title" and by_id(again, "edit-draft-note").role == "alert"
    # discarding (no draft) shows the event as it is on disk, with a base that saves
    fresh = cb.update_source(source, ev.id, source.version, editing.discard_notice(source), None, None)
    assert _form(fresh)["title"] == "Their new title" and by_id(fresh, "edit-draft-note") is None
    assert by_id(fresh, "edit-event").open is True and "discarded" in _text(by_id(fresh, "edit-status"))
    assert by_id(fresh, "edit-base").data["mtime"] == str(yaml_path.stat().st_mtime_ns)


def test_what_is_not_a_draft_is_not_restored(source, yaml_path):
    ev, other = source.timeline.events[0], source.timeline.events[1]
    untouched = _draft(source, ev.id)  # typed and then put back as it was
    panel = cb.update_source(source, ev.id, source.version, None, None, untouched)
    assert by_id(panel, "edit-draft-note") is None and by_id(panel, "edit-event").open is False
    # a draft is only for its own event
    assert by_id(cb.update_source(source, other.id, None, None, None, _draft(source, ev.id, title="x")),
                 "edit-title").value == other.title
    # the draft saved as typed: nothing left to keep (the form shows the saved event)
    draft = _draft(source, ev.id, title="Saved as typed")
    assert editing.save_edit(source, draft["base"], "Saved as typed", draft["when"], draft["tags"], draft["notes"]).saved
    panel = cb.update_source(source, ev.id, source.version, None, None, draft)
    assert by_id(panel, "edit-draft-note") is None and _form(panel)["title"] == "Saved as typed"
    # junk in the store is ignored
    for junk in (None, "x", {"base": "x"}, {"base": {"event": ev.id}}, {"title": "y"}):
        assert editing.restore_draft(source, source.index.get(ev.id), junk) is None


def test_each_event_keeps_its_own_draft(source, yaml_path):
    """Typing into a second event's form keeps the first one's unsaved input (one draft per event)."""
    ev, other = source.timeline.events[0], source.timeline.events[1]
    store = {"drafts": {ev.id: _draft(source, ev.id, title="First draft"),
                        other.id: _draft(source, other.id, title="Second draft")}}
    assert _form(cb.update_source(source, ev.id, source.version, None, None, store))["title"] == "First draft"
    assert _form(cb.update_source(source, other.id, source.version, None, None, store))["title"] == "Second draft"
    # saving (or discarding) one event's draft leaves the other's
    left = editing.drop_draft(store, ev.id)
    assert list(left["drafts"]) == [other.id]
    assert _form(cb.update_source(source, ev.id, source.version, None, None, left))["title"] == ev.title
    assert _form(cb.update_source(source, other.id, source.version, None, None, left))["title"] == "Second draft"
    assert editing.drop_draft(left, other.id) is None and editing.drop_draft(None, ev.id) is None

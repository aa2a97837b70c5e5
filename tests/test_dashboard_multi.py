"""Issue 7 in the dashboard, without a browser: conflicts (sources disagree on a date) visible and
resolvable, all sources of an event side by side, and the key events view.

The fixture writes a small story into tmp_path: two .txt articles and an events.yaml (made with
``write_seed``) where both articles report one event, one in March 2007 and one in April 2007.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from dashboard import callbacks as cb
from dashboard import create_app, editing
from dashboard.figure import TRACE
from dashboard.query import Filters
from timeline._documents import load_document
from timeline._models import Event, SourceRef, Span, Timeline
from timeline._seeds import load_seed, load_timeline, write_seed
from dash_tree import by_id, text as tree_text, walk

CONFLICT_ID = "airbus-opens-tianjin-plant"
PLAIN_ID = "first-jet-delivered"
MARCH = "Airbus opened its new assembly plant in Tianjin in March 2007, the company said."
APRIL = "The Tianjin assembly plant of Airbus opened in April 2007, officials said."
JUNE = "The plant delivered its first jet on 12 June 2008."


def _ref(doc, sentence: str, expr: str) -> SourceRef:
    s = doc.text.index(sentence)
    e = doc.text.index(expr, s)
    return SourceRef(document=doc.id, paragraph=doc.paragraph_at(s).index, sentence=Span(start=s, end=s + len(sentence)),
                     expression=Span(start=e, end=e + len(expr)), quote=expr)


def build_story(folder: Path) -> Path:
    """Two articles and their events.yaml in ``folder``; returns the yaml path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "herald.txt").write_text(f"Airbus opens new plant\n\nOther news came first.\n\n{MARCH}\n\n{JUNE}\n")
    (folder / "courier.txt").write_text(f"Tianjin plant starts work\n\n{APRIL}\n")
    herald = load_document(folder / "herald.txt", dct=dt.date(2007, 5, 2))
    courier = load_document(folder / "courier.txt", dct=dt.date(2007, 5, 3))
    conflict = Event(id=CONFLICT_ID, title="Airbus opens Tianjin plant", when="2007-03", alternatives=["2007-04"],
                     sources=[_ref(herald, MARCH, "March 2007"), _ref(courier, APRIL, "April 2007")], actors=["Airbus"])
    plain = Event(id=PLAIN_ID, title="First jet delivered", when="2008-06-12",
                  sources=[_ref(herald, JUNE, "12 June 2008")], actors=["Airbus"])
    path = folder / "events.yaml"
    write_seed(Timeline(title="Airbus in Tianjin", documents=[herald, courier], events=[conflict, plain]), path)
    return path




def _by_class(component, cls):
    return [c for c in walk(component) if cls in (getattr(c, "className", None) or "").split()]


@pytest.fixture
def story(tmp_path) -> Path:
    return build_story(tmp_path / "story")


@pytest.fixture
def source(story):
    return create_app(load_timeline, paths=[story.parent], poll_ms=10**9).timeline_source


@pytest.fixture
def readonly(story):
    return create_app(load_timeline([story.parent])).timeline_source


# -- 1. conflicts ------------------------------------------------------------------------------------


def test_conflicting_event_is_marked_in_the_list(source):
    items, _, _ = cb.update_list(source, None, Filters(), None, None)
    by_id = {i.to_plotly_json()["props"]["data-event-id"]: i for i in items}
    marked = by_id[CONFLICT_ID].to_plotly_json()["props"]
    plain = by_id[PLAIN_ID].to_plotly_json()["props"]
    assert "has-conflict" in marked["className"] and "sources disagree" in marked["data-meta"]
    assert "sources disagree" in marked["aria-label"]
    assert "has-conflict" not in plain["className"] and "sources disagree" not in plain["data-meta"]


def test_conflicting_event_has_a_badge_in_the_figure(source):
    fig, _ = cb.update_figure(source, None, Filters(), "document", None, None, None)
    badges = fig["data"][TRACE["conflicts"]]
    handles = fig["data"][TRACE["handles"]]
    # one badge per drawn mark of the event (it has a source in each article: one mark per document lane)
    assert set(badges["customdata"]) == {CONFLICT_ID}
    marks = [(x, y) for x, y, i in zip(handles["x"], handles["y"], handles["customdata"], strict=True) if i == CONFLICT_ID]
    assert len(badges["customdata"]) == len(marks) == 2
    assert "sources disagree" in badges["hovertext"][0] and "March 2007" in badges["hovertext"][0]
    assert "April 2007" in badges["hovertext"][0]
    for (bx, by), (mx, my) in zip(zip(badges["x"], badges["y"], strict=True), marks, strict=True):
        assert bx == mx and my < by < my + 0.5  # just above the event's own mark


def test_panel_shows_each_reading_with_its_source(source):
    panel = cb.update_source(source, CONFLICT_ID)
    section = by_id(panel, "conflict")
    assert section is not None
    readings = _by_class(section, "conflict-reading")
    assert [getattr(r, "data-reading") for r in readings] == ["2007-03", "2007-04"]
    assert "March 2007" in tree_text(readings[0]) and "Airbus opens new plant" in tree_text(readings[0])
    assert "Tianjin plant starts work" not in tree_text(readings[0])
    assert "April 2007" in tree_text(readings[1]) and "Tianjin plant starts work" in tree_text(readings[1])
    assert "sources disagree" in tree_text(_by_class(panel, "badges"))
    assert by_id(cb.update_source(source, PLAIN_ID), "conflict") is None


def test_use_this_date_writes_the_choice_to_the_seed_file(source, story):
    panel = cb.update_source(source, CONFLICT_ID)
    buttons = [c for c in walk(panel) if isinstance(getattr(c, "id", None), dict) and c.id.get("type") == "use-date"]
    assert [b.id["index"] for b in buttons] == [0, 1]
    base = by_id(panel, "conflict-base").data
    outcome = editing.resolve_conflict(source, base, 1)
    assert outcome.saved, outcome.status
    saved = next(e for e in load_seed(story).events if e.id == CONFLICT_ID)
    assert str(saved.when) == "2007-04" and saved.alternatives == [] and saved.origin == "edited"
    assert "origin: edited" in story.read_text()
    # reloaded at once: no more conflict in the panel, the list or the figure
    shown = source.index.get(CONFLICT_ID)
    assert shown.when.label == "April 2007" and not shown.alternatives
    # the date reading now quotes the source that says April, not the first source
    reading = _by_class(cb.update_source(source, CONFLICT_ID), "date-reading")[0]
    assert "“April 2007”" in tree_text(reading) or "April 2007" in tree_text(_by_class(reading, "wording"))
    assert "March 2007" not in tree_text(reading)
    assert by_id(cb.update_source(source, CONFLICT_ID), "conflict") is None
    fig, _ = cb.update_figure(source, None, Filters(), "document", None, None, None)
    assert len(fig["data"]) == TRACE["conflicts"]  # no badge trace once nothing disagrees


def test_use_this_date_refuses_when_the_file_changed_meanwhile(source, story):
    base = by_id(cb.update_source(source, CONFLICT_ID), "conflict-base").data
    st = story.stat()
    os.utime(story, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    before = story.read_text()
    outcome = editing.resolve_conflict(source, base, 1)
    assert not outcome.saved and outcome.status
    assert story.read_text() == before


def test_bad_choice_is_refused(source, story):
    base = by_id(cb.update_source(source, CONFLICT_ID), "conflict-base").data
    before = story.read_text()
    for choice in (5, -1, None, "1"):
        assert not editing.resolve_conflict(source, base, choice).saved
    assert not editing.resolve_conflict(source, {**base, "event": "no-such-event"}, 0).saved
    assert not editing.resolve_conflict(source, None, 0).saved
    assert story.read_text() == before


def test_read_only_app_shows_the_conflict_without_buttons(readonly):
    panel = cb.update_source(readonly, CONFLICT_ID)
    assert by_id(panel, "conflict") is not None
    assert not [c for c in walk(panel) if isinstance(getattr(c, "id", None), dict) and c.id["type"] == "use-date"]
    assert by_id(panel, "conflict-base") is None


# -- 2. all sources side by side -----------------------------------------------------------------------


def _shown_paragraph(panel):
    current = _by_class(panel, "para-current")
    assert len(current) == 1
    return current[0]


def test_every_source_is_listed_with_title_paragraph_and_quote(source):
    panel = cb.update_source(source, CONFLICT_ID)
    items = _by_class(by_id(panel, "all-sources"), "src-item")
    assert len(items) == 2
    assert "Airbus opens new plant" in tree_text(items[0]) and "paragraph 3" in tree_text(items[0])
    assert MARCH.split(" in March")[0] in tree_text(items[0]) and "says March 2007" in tree_text(items[0])
    assert "Tianjin plant starts work" in tree_text(items[1]) and "paragraph 2" in tree_text(items[1])
    assert "says April 2007" in tree_text(items[1])
    # the quote's date expression is marked like in the paragraph
    assert [tree_text(m) for m in _by_class(items[1], "expr-current")] == ["April 2007"]
    assert "is-shown" in items[0].className and "is-shown" not in items[1].className
    # a single-source event has no such list
    assert by_id(cb.update_source(source, PLAIN_ID), "all-sources") is None


def test_show_paragraph_switches_the_document_and_keeps_the_highlighting(source):
    first = cb.update_source(source, CONFLICT_ID)
    assert "Airbus opens new plant" in tree_text(_by_class(first, "doc-title"))
    assert MARCH.split(",")[0] in tree_text(_shown_paragraph(first))
    choice = cb.choose_source(CONFLICT_ID, {"type": "show-source", "index": 1}, [None, 1])
    assert choice == {"event": CONFLICT_ID, "index": 1}
    second = cb.update_source(source, CONFLICT_ID, source_choice=choice)
    assert "Tianjin plant starts work" in tree_text(_by_class(second, "doc-title"))
    para = _shown_paragraph(second)
    assert getattr(para, "data-para") == "2"
    assert [tree_text(m) for m in _by_class(para, "expr-current")] == ["April 2007"]
    assert APRIL.split(",")[0] in tree_text(_by_class(para, "sentence-current"))
    items = _by_class(by_id(second, "all-sources"), "src-item")
    assert "is-shown" in items[1].className and "is-shown" not in items[0].className
    # a choice made for another event, or out of range, falls back to the first source
    for stale in ({"event": PLAIN_ID, "index": 1}, {"event": CONFLICT_ID, "index": 7}):
        again = cb.update_source(source, CONFLICT_ID, source_choice=stale)
        assert "Airbus opens new plant" in tree_text(_by_class(again, "doc-title"))


def test_choose_source_ignores_renders_without_a_click():
    from dash.exceptions import PreventUpdate

    with pytest.raises(PreventUpdate):
        cb.choose_source(CONFLICT_ID, {"type": "show-source", "index": 1}, [None, None])
    with pytest.raises(PreventUpdate):
        cb.choose_source(None, {"type": "show-source", "index": 1}, [1])


# -- 3. key events view ------------------------------------------------------------------------------


def _figure_ids(fig) -> set[str]:
    return {i for t in (TRACE["handles"], TRACE["points"]) for i in fig["data"][t]["customdata"]}


@pytest.mark.parametrize("n", [1, 2, 3])
def test_key_events_view_shows_what_summarize_picks_in_list_and_figure(sample_timeline, n):
    from timeline._summarize import summarize

    source = create_app(sample_timeline).timeline_source
    expected = {e.id for e in summarize(sample_timeline, dates=n, sentences=1).events}
    assert expected and expected <= {e.id for e in sample_timeline.events}
    filters = Filters.of(view="key", key_dates=str(n))
    assert filters.key_dates == n
    items, _, counts = cb.update_list(source, "view-mode", filters, None, None)
    listed = {i.to_plotly_json()["props"]["data-event-id"] for i in items}
    assert listed == expected
    assert counts.startswith(f"{len(expected)} key event") and f"of {len(sample_timeline.events)}" in counts
    fig, view = cb.update_figure(source, "view-mode", filters, "document", None, None, {"rev": 3, "range": ["a", "b"]})
    assert _figure_ids(fig) == {e for e in expected if source.index.spans.get(e)}
    assert view == {"rev": 4, "range": None}  # switching views shows the whole new set


def test_key_events_pick_the_date_most_sources_report(source):
    items, _, _ = cb.update_list(source, "view-mode", Filters.of(view="key", key_dates=1), None, None)
    assert [i.to_plotly_json()["props"]["data-event-id"] for i in items] == [CONFLICT_ID]
    items, _, counts = cb.update_list(source, "view-mode", Filters.of(view="key", key_dates=8), None, None)
    assert len(items) == 2 and counts.startswith("2 key events")


def test_all_events_view_ignores_the_key_dates_box(source):
    assert Filters.of(view="all", key_dates=1) == Filters()
    items, _, counts = cb.update_list(source, "view-mode", Filters.of(view="all", key_dates=1), None, None)
    assert len(items) == 2 and counts == "2 events"


def test_key_dates_box_is_clamped():
    from dashboard.query import KEY_DATES, key_dates_value

    assert [key_dates_value(v) for v in (None, "", "abc", "0", -3, "5", 10**6)] == [KEY_DATES, KEY_DATES, KEY_DATES,
                                                                                     1, 1, 5, 200]


def test_layout_offers_the_views_and_actor_lanes(source):
    from dashboard.app import _layout

    layout = _layout(source, "t", 1000)
    modes = by_id(layout, "view-mode")
    assert [o["value"] for o in modes.options] == ["all", "key"] and modes.value == "all"
    assert by_id(layout, "key-dates").value == 8
    assert "actor" in [o["value"] for o in by_id(layout, "lanes").options]

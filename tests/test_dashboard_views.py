"""Unit tests of the dashboard's pure parts: queries, the figure, and the layout pieces."""

from __future__ import annotations

import datetime as dt
import json

import plotly
import pytest
from conftest import DECEMBER, XSS_IMG, XSS_SCRIPT, make_document, make_event
from dash import html

from dashboard import views
from dashboard.figure import TRACE, FigureOptions, bin_unit, build_figure, callout_anchor
from dashboard.query import Filters, TimelineIndex, parse_bound
from timeline._models import Timeline
from timeline._timex import parse_when


@pytest.fixture(scope="module")
def index(sample_timeline):
    return TimelineIndex.build(sample_timeline)


def _json(component) -> str:
    return json.dumps(component.to_plotly_json() if hasattr(component, "to_plotly_json") else component,
                      cls=plotly.utils.PlotlyJSONEncoder)


def _walk(node):
    """Every component and string under a component tree."""
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, (list, tuple)):
        for c in children:
            yield from _walk(c)
    elif children is not None:
        yield from _walk(children)


def _text(node) -> str:
    return "".join(x for x in _walk(node) if isinstance(x, str))


def _by_class(node, cls: str) -> list:
    return [x for x in _walk(node) if cls in (getattr(x, "className", None) or "").split()]


# -- query -----------------------------------------------------------------------------------------


def test_events_are_in_date_order_with_a_stable_order_for_same_dates(index):
    ids = [e.id for e in index.events]
    assert ids == ["treaty", "letter", "repel", "expelled", "museum", "sharing-blood", "images", "printed"]
    # same day 2026-01-16: the first document's event comes first, every time
    shuffled = Timeline(documents=index.timeline.documents, events=list(reversed(index.timeline.events)))
    assert [e.id for e in TimelineIndex.build(shuffled).events] == ids


def test_search_covers_titles_and_source_text(index):
    assert [e.id for e in index.filter(Filters.of(text="pyongyang"))] == ["museum"]  # only in the sentence
    assert [e.id for e in index.filter(Filters.of(text="sharing BLOOD"))] == ["sharing-blood"]
    assert index.filter(Filters.of(text="kim putin")) == [index.get("sharing-blood")]  # every word must match
    assert index.filter(Filters.of(text="no-such-word")) == []


def test_date_documents_and_tags_filters(index):
    late = index.filter(Filters.of(date_from="2025-09"))
    assert [e.id for e in late] == ["letter", "sharing-blood", "images", "printed"]  # 2025 overlaps autumn
    assert [e.id for e in index.filter(Filters.of(date_to="2024"))] == ["treaty"]
    assert {e.id for e in index.filter(Filters.of(documents=["reader-letter"]))} == {"letter", "printed"}
    assert {e.id for e in index.filter(Filters.of(tags=["military", "memorial"]))} == {"repel", "expelled", "museum",
                                                                                       "images"}


def test_parse_bound():
    assert parse_bound("2025") == (dt.datetime(2025, 1, 1), dt.datetime(2026, 1, 1))
    assert parse_bound("2025-SP") == (dt.datetime(2025, 3, 1), dt.datetime(2025, 6, 1))
    assert parse_bound("") is None
    with pytest.raises(ValueError):
        parse_bound("last week")
    with pytest.raises(ValueError):
        parse_bound("2025-13")


# -- figure ----------------------------------------------------------------------------------------


def _fig(index, events=None, **kw):
    return build_figure(index, index.events if events is None else events, FigureOptions(**kw))


def test_day_events_are_points_and_coarser_ones_spans(index):
    fig = _fig(index)
    points = fig["data"][TRACE["points"]]
    handles = fig["data"][TRACE["handles"]]
    assert sorted(points["customdata"]) == ["images", "printed"]
    assert sorted(handles["customdata"]) == sorted(["treaty", "letter", "repel", "expelled", "museum", "sharing-blood"])
    spans = fig["data"][TRACE["spans"]]
    assert spans["mode"] == "lines" and spans["x"].count(None) == 6  # one segment per span event


def test_late_december_is_weighted_to_its_last_third(index):
    fig = _fig(index)
    cores = fig["data"][TRACE["cores"]]
    assert cores["x"][:2] == ["2025-12-21 16:00:00", "2026-01-01"]  # the only mod event: last third of December
    handles = fig["data"][TRACE["handles"]]
    i = handles["customdata"].index("sharing-blood")
    assert handles["x"][i].startswith("2025-12-26")  # the clickable mark sits in the late part


def test_lanes_by_document_tag_and_actor(index):
    by_doc = _fig(index)["layout"]["yaxis"]["ticktext"]
    assert len(by_doc) == 2 and by_doc[0].startswith("Kim inspects")
    by_tag = _fig(index, lane_by="tag")["layout"]["yaxis"]["ticktext"]
    assert set(by_tag) == {"diplomacy", "letters", "military", "memorial"}
    by_actor = _fig(index, lane_by="actor")["layout"]["yaxis"]["ticktext"]
    assert "Vladimir Putin" in by_actor and "(no actor)" in by_actor


def test_overlapping_events_stack_in_rows_not_on_top_of_each_other(index):
    fig = _fig(index)
    handles = fig["data"][TRACE["handles"]]
    y = dict(zip(handles["customdata"], handles["y"]))
    # spring 2025 and April 2025 overlap in the same lane: different rows
    assert y["repel"] != y["expelled"]
    # same figure twice gives the same rows (stable)
    assert _fig(index)["data"][TRACE["handles"]]["y"] == handles["y"]


def test_selected_event_gets_a_ring_and_one_callout(index):
    fig = _fig(index, selected="sharing-blood")
    rings = [sh for sh in fig["layout"]["shapes"] if sh.get("name") == "selected-ring"]
    assert len(rings) == 1 and rings[0]["xanchor"].startswith("2025-12-26") and rings[0]["xsizemode"] == "pixel"
    assert not [sh for sh in _fig(index)["layout"]["shapes"] if sh.get("name") == "selected-ring"]
    assert [a["text"] for a in fig["layout"]["annotations"]] == [
        "Kim tells Putin ties were strengthened by…"]
    assert callout_anchor(0.9) == "right" and callout_anchor(0.1) == "left" and callout_anchor(0.5) == "center"


def test_no_text_labels_are_drawn_on_marks(index):
    for trace in _fig(index)["data"]:
        assert "text" not in trace.get("mode", "")


def test_article_text_is_escaped_in_the_figure(index):
    payload = json.dumps(_fig(index, selected="letter"))
    assert "<img" not in payload and "<script" not in payload
    assert "&lt;img src=x onerror=alert(1)&gt;" in payload


def _synthetic(n: int) -> Timeline:
    doc = make_document("d", "Doc", [("x " * 20, "content")], dt.date(2026, 1, 1))
    events = []
    for i in range(n):
        day = dt.date(2000, 1, 1) + dt.timedelta(days=(i * 37) % 9000)
        when = day.isoformat() if i % 3 else f"{day.year}-{day.month:02d}"
        ev = make_event(doc, f"e{i}", f"event {i}", when, "x x", "x")
        events.append(ev.model_copy(update={"tags": [f"t{i % 5}"]}))
    return Timeline(documents=[doc], events=events)


def test_many_events_are_aggregated_per_bin_and_drawn_with_webgl():
    index = TimelineIndex.build(_synthetic(3000))
    fig = _fig(index)
    bins = fig["data"][TRACE["bins"]]
    assert bins["type"] == "scatter"  # few bubbles: SVG, so the range slider shows them
    assert sum(bins["marker"]["color"]) == 3000  # every event counted once (one lane)
    assert all(c.startswith("bin|") for c in bins["customdata"])
    assert fig["data"][TRACE["points"]]["x"] == []  # no individual marks when aggregated
    # zoomed into a window with fewer events than the threshold: individual marks, WebGL above 1000
    lo, hi = dt.datetime(2005, 1, 1), dt.datetime(2007, 1, 1)
    zoomed = _fig(index, x_range=(lo, hi))
    assert zoomed["data"][TRACE["bins"]]["x"] == []
    assert zoomed["data"][TRACE["points"]]["type"] == "scatter"  # a few hundred marks: SVG
    wide = _fig(index, x_range=(dt.datetime(2000, 1, 1), dt.datetime(2014, 1, 1)), aggregate_above=5000)
    assert wide["data"][TRACE["points"]]["type"] == "scattergl"


def test_bin_unit_grows_with_the_window():
    d = dt.datetime
    assert bin_unit((d(2025, 1, 1), d(2025, 3, 1)))[0] == "day"
    assert bin_unit((d(2020, 1, 1), d(2025, 1, 1)))[0] == "month"
    assert bin_unit((d(1900, 1, 1), d(2025, 1, 1)))[0] in ("year", "5y")


def test_empty_figure_says_why(index):
    fig = _fig(index, events=[])
    assert "No dated events match" in fig["layout"]["annotations"][0]["text"]


# -- source panel ------------------------------------------------------------------------------------


def test_paragraph_children_marks_sentence_and_expressions():
    text = "Before. In late December, Kim spoke. After August it ended."
    s0 = text.index("In late")
    s1 = text.index("spoke.") + len("spoke.")
    e0 = text.index("late December")
    a0 = text.index("August")
    kids = views.paragraph_children(
        text, 0, len(text), sentences=[(s0, s1)],
        links=[(e0, e0 + 13, "dec", "Dec event"), (a0, a0 + 6, "aug", "Aug event")], current=(e0, e0 + 13))
    assert "".join(x for k in kids for x in _walk(k) if isinstance(x, str)) == text  # nothing lost or added
    sentence = [k for k in kids if getattr(k, "className", "") == "sentence-current"]
    assert len(sentence) == 1 and _text(sentence[0]) == text[s0:s1]
    marks = [x for k in kids for x in _walk(k) if isinstance(x, html.Mark)]
    assert [(m.children, m.className) for m in marks] == [("late December", "expr expr-current"), ("August", "expr")]
    assert marks[1].to_plotly_json()["props"]["data-event-id"] == "aug"


def test_source_panel_shows_the_paragraph_sentence_and_highlighted_expression(index):
    panel = views.source_panel(index, index.get("sharing-blood"))
    current = _by_class(panel, "para-current")
    assert len(current) == 1 and DECEMBER in _text(current[0])
    assert _text(_by_class(panel, "sentence-current")[0]) == DECEMBER
    marks = _by_class(panel, "expr-current")
    assert [m.children for m in marks] == ["late December"]
    # every dated expression of the shown document is clickable and names its event
    linked = {x.to_plotly_json()["props"]["data-event-id"] for x in _walk(panel) if isinstance(x, html.Mark)}
    assert linked == {"treaty", "repel", "expelled", "museum", "sharing-blood", "images"}
    reading = _text(_by_class(panel, "date-reading")[0])
    assert "late December" in reading and "December 2025 (late)" in reading
    assert "last third" in reading and "publication date" in reading


def test_boilerplate_and_credits_are_shown_muted(index):
    panel = views.source_panel(index, index.get("images"))
    assert _text(_by_class(panel, "kind-credit")[0]).endswith("©  kcna.kp")
    assert _by_class(panel, "kind-boilerplate")


def test_untrusted_text_stays_text(index):
    panel = views.source_panel(index, index.get("letter"))
    payload = _json(panel)
    assert "dangerouslySetInnerHTML" not in payload
    strings = [x for x in _walk(panel) if isinstance(x, str)]
    assert any(XSS_SCRIPT in s for s in strings) and any(XSS_IMG in s for s in strings)
    items, _ = views.event_list_items(index, index.events)
    assert "dangerouslySetInnerHTML" not in _json(html.Ul(items))


def test_anchoring_in_words(index):
    assert views.anchoring(index, index.get("expelled"))[0] == "explicit"
    kind, words = views.anchoring(index, index.get("sharing-blood"))
    assert kind in ("dct", "relative") and "16 January 2026" in words
    assert views.anchoring(index, index.get("museum"))[0] in ("narrative", "relative")


def test_precision_words(index):
    assert views.precision_words(index.get("images")) == "Precise to the day."
    assert views.precision_words(index.get("repel")) == "Precise to the season."
    assert "last third" in views.precision_words(index.get("sharing-blood"))


def test_intro_panel_counts(index):
    assert "8 events from 2 articles" in _text(views.intro_panel(index))


# -- event list ----------------------------------------------------------------------------------------


def test_event_list_items_are_labelled_options_in_date_order(index):
    items, window = views.event_list_items(index, index.events, selected="museum")
    assert window == (0, 8)
    props = [i.to_plotly_json()["props"] for i in items]
    assert all(p["role"] == "option" for p in props)
    assert [p["data-event-id"] for p in props] == [e.id for e in index.events]
    dec = props[5]
    assert dec["aria-label"].startswith("December 2025 (late): Kim tells Putin")
    assert "paragraph 6" in dec["aria-label"]
    assert len({p["id"] for p in props}) == 8


def test_list_window_follows_the_selection():
    assert views.list_window(10, None, limit=300) == (0, 10)
    assert views.list_window(1000, None, limit=300) == (0, 300)
    assert views.list_window(1000, 500, limit=300) == (350, 650)
    assert views.list_window(1000, 990, limit=300) == (700, 1000)


def test_counts_text(index):
    assert views.counts_text(index, index.events, Filters(), (0, 8)) == "8 events"
    some = index.filter(Filters.of(tags=["letters"]))
    assert views.counts_text(index, some, Filters.of(tags=["letters"]), (0, 2)) == "2 of 8 events match"


def test_counts_and_view_note_wording(index):
    assert views.counts_text(index, index.events, Filters(), (0, 4), in_view=4) == "8 events; 4 in view"
    assert views.counts_text(index, index.events, Filters(), (0, 2), in_view=4) == "8 events; 4 in view; list shows 1–2"
    assert views.view_count_text(12, 85, Filters()) == "12 of 85 events in view"
    assert views.view_count_text(0, 1, Filters.of(text="x")) == "0 of 1 matching event in view"
    assert views.view_count_text(3, 8, Filters.of(view="key", key_dates=3)) == "3 of 8 key events in view"
    letter = index.get("letter")
    assert views.outside_view_text(letter) == f"Selected: 2025: {letter.title}, outside the view."


def test_problems_banner_lists_each_problem_on_its_own_line():
    from timeline._errors import Problem

    banner = views.problems_banner([Problem("seeds/x/events.yaml", 12, 7, "when", "'2025-13' is not a date")])
    assert banner.role == "alert"
    assert "seeds/x/events.yaml:12:7: when: '2025-13' is not a date" in _text(banner)
    assert views.problems_banner([]) is None


def test_a_shared_expression_names_the_selected_event(sample_timeline):
    twin = sample_timeline.event("museum").model_copy(update={"id": "museum-twin", "title": "Museum twin"})
    index = TimelineIndex.build(Timeline(documents=sample_timeline.documents, events=[*sample_timeline.events, twin]))
    for eid in ("museum", "museum-twin"):
        marks = _by_class(views.source_panel(index, index.get(eid)), "expr-current")
        assert [m.to_plotly_json()["props"]["data-event-id"] for m in marks] == [eid]


def test_undated_events_are_listed_last_and_left_out_of_the_figure(sample_timeline):
    undated = sample_timeline.event("museum").model_copy(update={"id": "undated", "when": parse_when("XXXX-08")})
    index = TimelineIndex.build(Timeline(documents=sample_timeline.documents, events=[undated, *sample_timeline.events]))
    assert index.events[-1].id == "undated"
    fig = build_figure(index, index.events, FigureOptions())
    drawn = fig["data"][TRACE["handles"]]["customdata"] + fig["data"][TRACE["points"]]["customdata"]
    assert "undated" not in drawn and len(drawn) == 8
    assert "1 without a calendar date" in views.counts_text(index, index.events, Filters(), (0, 9))
    assert "August (year unknown)" in _text(views.source_panel(index, index.get("undated")))


def test_a_notice_is_shown_under_the_title_only_when_given():
    from dash_tree import by_id as find_by_id

    from dashboard import create_app
    from timeline import Timeline

    plain = create_app(Timeline())
    told = create_app(Timeline(), notice="Extracted on the fly <b>read-only</b>")
    assert find_by_id(plain.layout, "notice").hidden is True
    p = find_by_id(told.layout, "notice")
    assert p.hidden is False and p.children == "Extracted on the fly <b>read-only</b>"  # text, never HTML

"""The dashboard's callbacks, called directly as plain functions (no browser)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from dash import no_update
from dash.exceptions import PreventUpdate
from test_dashboard_views import _synthetic, _text

from dashboard import callbacks as cb
from dashboard import create_app
from dashboard.figure import TRACE
from dashboard.query import Filters
from dashboard.state import TimelineSource
from timeline._errors import Problem, SeedError
from timeline._models import Timeline

NO_FILTER = Filters()


@pytest.fixture
def source(sample_timeline):
    return TimelineSource(timeline=sample_timeline)


# -- selection and the URL ---------------------------------------------------------------------------


def test_url_selects_the_event(source):
    assert cb.select_event(source, None, "?event=sharing-blood", None, None, None) == ("sharing-blood", no_update)
    assert cb.select_event(source, "url", "?event=no-such", None, None, None) == (None, no_update)
    assert cb.select_event(source, None, "", None, None, None) == (no_update, no_update)
    assert cb.select_event(source, "url", "", None, None, "museum") == (None, no_update)  # back to no selection


def test_figure_click_selects_and_writes_the_url(source):
    click = {"points": [{"customdata": "sharing-blood", "x": "2025-12-26"}]}
    assert cb.select_event(source, "graph", "", click, None, None) == ("sharing-blood", "?event=sharing-blood")
    with pytest.raises(PreventUpdate):  # a click on an aggregate bubble is not a selection
        cb.select_event(source, "graph", "", {"points": [{"customdata": "bin|2025-01-01|2025-02-01"}]}, None, None)


def test_list_request_selects_and_ids_are_quoted_in_the_url(sample_timeline):
    ev = sample_timeline.events[0].model_copy(update={"id": "a b&c"})
    src = TimelineSource(timeline=Timeline(documents=sample_timeline.documents, events=[ev]))
    selected, query = cb.select_event(src, "select-request", "", None, {"id": "a b&c", "seq": 1}, None)
    assert selected == "a b&c" and query == "?event=a%20b%26c"
    assert cb.event_from_search(query) == "a b&c"
    with pytest.raises(PreventUpdate):
        cb.select_event(src, "select-request", "", None, {"id": "unknown", "seq": 2}, None)


# -- figure --------------------------------------------------------------------------------------------


def test_initial_figure_and_fit_all(source):
    fig, view = cb.update_figure(source, None, NO_FILTER, "document", None, None, cb.INITIAL_VIEW)
    assert len(fig["data"][TRACE["handles"]]["x"]) + len(fig["data"][TRACE["points"]]["x"]) == 8
    assert view == {"rev": 0, "range": None}
    fig2, view2 = cb.update_figure(source, "fit", NO_FILTER, "document", None, None, {"rev": 3, "range": ["a", "b"]})
    assert view2 == {"rev": 4, "range": None}
    assert fig2["layout"]["uirevision"] != fig["layout"]["uirevision"]  # makes Plotly apply the full range


def test_search_shrinks_the_figure(source):
    fig, _ = cb.update_figure(source, "search", Filters.of(text="kim"), "document", None, None, None)
    drawn = fig["data"][TRACE["handles"]]["customdata"] + fig["data"][TRACE["points"]]["customdata"]
    assert sorted(drawn) == ["images", "museum", "sharing-blood"]


def test_date_filter_zooms_to_its_range(source):
    fig, view = cb.update_figure(source, "date-from", Filters.of(date_from="2025-06", date_to="2025"), "document",
                                 None, None, cb.INITIAL_VIEW)
    assert view["range"] == ["2025-06-01T00:00:00", "2026-01-01T00:00:00"] and view["rev"] == 1
    assert fig["layout"]["xaxis"]["range"] == ["2025-06-01", "2026-01-01"]


def test_relayout_on_a_small_timeline_only_remembers_the_window(source):
    relayout = {"xaxis.range[0]": "2025-01-01 00:00:00.000", "xaxis.range[1]": "2025-06-30 12:00"}
    fig, view = cb.update_figure(source, "graph-relayout", NO_FILTER, "document", relayout, None, cb.INITIAL_VIEW)
    assert fig is no_update
    assert view["range"] == ["2025-01-01T00:00:00", "2025-06-30T12:00:00"]
    with pytest.raises(PreventUpdate):  # e.g. {'autosize': True}
        cb.update_figure(source, "graph-relayout", NO_FILTER, "document", {"autosize": True}, None, None)


def test_zooming_a_large_timeline_turns_bins_into_events():
    source = TimelineSource(timeline=_synthetic(3000))
    fig, _ = cb.update_figure(source, None, NO_FILTER, "document", None, None, None)
    assert fig["data"][TRACE["bins"]]["x"] and not fig["data"][TRACE["points"]]["x"]
    relayout = {"xaxis.range": ["2005-01-01", "2006-01-01"]}
    fig, view = cb.update_figure(source, "graph-relayout", NO_FILTER, "document", relayout, None, None)
    assert not fig["data"][TRACE["bins"]]["x"] and fig["data"][TRACE["points"]]["x"]
    # clicking a bubble zooms into its bin
    click = {"points": [{"customdata": "bin|2010-01-01|2010-02-01"}]}
    fig, view = cb.update_figure(source, "graph", NO_FILTER, "document", None, click, view)
    assert view["range"] == ["2010-01-01T00:00:00", "2010-02-01T00:00:00"]
    assert fig["layout"]["xaxis"]["range"] == ["2010-01-01", "2010-02-01"]


def test_event_click_does_not_rebuild_the_figure(source):
    with pytest.raises(PreventUpdate):
        cb.update_figure(source, "graph", NO_FILTER, "document", None, {"points": [{"customdata": "museum"}]}, None)


def test_parse_relayout():
    assert cb.parse_relayout({"xaxis.autorange": True}) == ("auto", None)
    assert cb.parse_relayout({"xaxis.range": ["2025-01-01", "2025-02-01"]}) == (
        "range", (dt.datetime(2025, 1, 1), dt.datetime(2025, 2, 1)))
    assert cb.parse_relayout({"dragmode": "zoom"}) is None
    assert cb.parse_relayout({"xaxis.range": ["-20000-01-01", "2025-01-01"]}) == ("auto", None)


# -- list, counts, source --------------------------------------------------------------------------------


def test_list_and_counts_follow_the_filters(source):
    items, state, counts = cb.update_list(source, None, NO_FILTER, None, None)
    assert len(items) == 8 and counts == "8 events"
    items, state2, counts = cb.update_list(source, "search", Filters.of(text="letter"), None, state)
    assert [i.to_plotly_json()["props"]["data-event-id"] for i in items] == ["letter", "printed"]
    assert counts == "2 of 8 events match" and state2["key"] != state["key"]
    with pytest.raises(PreventUpdate):  # a new selection in a short list: the browser marks it, no re-render
        cb.update_list(source, "selected", Filters.of(text="letter"), "printed", state2)


def test_long_list_renders_a_window_that_follows_the_selection():
    source = TimelineSource(timeline=_synthetic(1000))
    items, state, counts = cb.update_list(source, None, NO_FILTER, None, None, limit=100)
    assert len(items) == 100 and (state["lo"], state["hi"]) == (0, 100) and "list shows 1–100" in counts
    ids = [e.id for e in source.index.events]
    with pytest.raises(PreventUpdate):  # well inside the window
        cb.update_list(source, "selected", NO_FILTER, ids[50], state, limit=100)
    items, state, counts = cb.update_list(source, "selected", NO_FILTER, ids[95], state, limit=100)
    assert (state["lo"], state["hi"]) == (45, 145)
    assert items[50].to_plotly_json()["props"]["data-event-id"] == ids[95]


# -- the list follows the figure's zoom ------------------------------------------------------------------

SPRING_TO_AUGUST = {"xaxis.range[0]": "2025-01-01 00:00:00", "xaxis.range[1]": "2025-09-01"}


def _zoom(source, relayout, view=None):
    """The view store after the user zooms or pans the figure (as update_figure keeps it)."""
    _, view = cb.update_figure(source, "graph-relayout", NO_FILTER, "document", relayout, None, view or cb.INITIAL_VIEW)
    return view


def _ids(items):
    return [i.to_plotly_json()["props"]["data-event-id"] for i in items]


def test_zooming_narrows_the_list_to_the_events_in_view(source):
    view = _zoom(source, SPRING_TO_AUGUST)
    items, state, counts = cb.update_list(source, "view", NO_FILTER, None, None, view=view)
    # the year 2025 (letter), spring, April and August overlap Jan–Aug 2025; June 2024 and December do not
    assert _ids(items) == ["letter", "repel", "expelled", "museum"]
    assert counts == "8 events; 4 in view"
    assert cb.update_view_note(source, NO_FILTER, None, view) == (False, "4 of 8 events in view", True, "")
    # a span that only touches the window counts: late December 2025 is [12-21, 2026-01-01)
    view = _zoom(source, {"xaxis.range": ["2025-12-30", "2026-02-01"]})
    items, _, _ = cb.update_list(source, "view", NO_FILTER, None, state, view=view)
    assert _ids(items) == ["letter", "sharing-blood", "images", "printed"]


def test_fit_all_and_show_all_bring_every_event_back(source):
    view = _zoom(source, SPRING_TO_AUGUST)
    for reset in ("fit", "show-all"):
        _, reset_view = cb.update_figure(source, reset, NO_FILTER, "document", None, None, view)
        assert reset_view["range"] is None and reset_view["rev"] == view["rev"] + 1
        items, _, counts = cb.update_list(source, "view", NO_FILTER, None, None, view=reset_view)
        assert len(items) == 8 and counts == "8 events"
        assert cb.update_view_note(source, NO_FILTER, None, reset_view) == (True, "", True, "")
    # so does a double click on the figure (Plotly's autorange)
    auto = _zoom(source, {"xaxis.autorange": True}, view)
    assert len(cb.update_list(source, "view", NO_FILTER, None, None, view=auto)[0]) == 8


def test_zoom_and_filters_combine(source):
    view = _zoom(source, SPRING_TO_AUGUST)
    military = Filters.of(tags=["military", "memorial"])  # repel, expelled, museum, images
    items, _, counts = cb.update_list(source, "view", military, None, None, view=view)
    assert _ids(items) == ["repel", "expelled", "museum"]
    assert counts == "4 of 8 events match; 3 in view"
    assert cb.update_view_note(source, military, None, view)[:2] == (False, "3 of 4 matching events in view")
    # a window hiding nothing says nothing
    wide = _zoom(source, {"xaxis.range": ["2020-01-01", "2030-01-01"]})
    assert cb.update_view_note(source, NO_FILTER, None, wide) == (True, "", True, "")
    assert cb.update_list(source, "view", NO_FILTER, None, None, view=wide)[2] == "8 events"


def test_a_selected_event_outside_the_view_stays_selected_and_is_named(source):
    view = _zoom(source, SPRING_TO_AUGUST)
    hidden, note, outside_hidden, outside = cb.update_view_note(source, NO_FILTER, "sharing-blood", view)
    assert not hidden and not outside_hidden
    assert outside == "Selected: December 2025 (late): Kim tells Putin ties were strengthened by sharing blood, " \
                      "outside the view."
    # nothing drops the selection: the panel still shows it, the list simply does not hold it
    assert "December 2025 (late)" in _text(cb.update_source(source, "sharing-blood"))
    items, _, _ = cb.update_list(source, "view", NO_FILTER, "sharing-blood", None, view=view)
    assert "sharing-blood" not in _ids(items) and len(items) == 4
    # an event in view is not "outside"
    assert cb.update_view_note(source, NO_FILTER, "museum", view)[2:] == (True, "")
    # "Show it" moves the window (same width) to the event and the list follows
    _, moved = cb.update_figure(source, "show-selected", NO_FILTER, "document", None, None, view,
                                selected="sharing-blood")
    a, b = (dt.datetime.fromisoformat(x) for x in moved["range"])
    old_a, old_b = (dt.datetime.fromisoformat(x) for x in view["range"])
    assert b - a == old_b - old_a and a < dt.datetime(2025, 12, 26) < b and moved["rev"] == view["rev"] + 1
    items, _, _ = cb.update_list(source, "view", NO_FILTER, "sharing-blood", None, view=moved)
    assert "sharing-blood" in _ids(items)
    assert cb.update_view_note(source, NO_FILTER, "sharing-blood", moved)[2] is True
    with pytest.raises(PreventUpdate):  # nothing to move to without a selection or a zoom
        cb.update_figure(source, "show-selected", NO_FILTER, "document", None, None, view, selected=None)
    with pytest.raises(PreventUpdate):
        cb.update_figure(source, "show-selected", NO_FILTER, "document", None, None, cb.INITIAL_VIEW,
                         selected="museum")


def test_window_around_keeps_the_width_or_fits_a_wide_span():
    d = dt.datetime
    assert cb.window_around((d(2025, 6, 1), d(2025, 6, 2)), (d(2025, 1, 1), d(2025, 1, 11))) == (
        d(2025, 5, 27, 12), d(2025, 6, 6, 12))
    a, b = cb.window_around((d(2020, 1, 1), d(2021, 1, 1)), (d(2025, 1, 1), d(2025, 2, 1)))
    assert a < d(2020, 1, 1) and b > d(2021, 1, 1)
    assert cb.window_around((d(2020, 1, 1), d(2021, 1, 1)), None) is None


def test_zoom_keeps_the_list_window_and_keyboard_paging_on_the_events_in_view():
    source = TimelineSource(timeline=_synthetic(3000))
    view = _zoom(source, {"xaxis.range": ["2005-01-01", "2006-01-01"]})
    in_view = cb.events_in_view(source.index, source.index.events, view)
    spans = source.index.spans
    assert 0 < len(in_view) < 3000
    assert all(spans[e.id][1] > dt.datetime(2005, 1, 1) and spans[e.id][0] < dt.datetime(2006, 1, 1) for e in in_view)
    assert len([e for e in source.index.events if spans[e.id][1] > dt.datetime(2005, 1, 1)
                and spans[e.id][0] < dt.datetime(2006, 1, 1)]) == len(in_view)
    items, state, counts = cb.update_list(source, "view", NO_FILTER, None, None, limit=50, view=view)
    assert _ids(items) == [e.id for e in in_view[:50]]
    assert counts == f"3,000 events; {len(in_view)} in view; list shows 1–50"
    with pytest.raises(PreventUpdate):  # the same window again (e.g. Fit all twice): no re-render
        cb.update_list(source, "view", NO_FILTER, None, state, limit=50, view=dict(view))
    # moving the selection to the end of the in-view list moves the rendered window along
    items, state, _ = cb.update_list(source, "selected", NO_FILTER, in_view[-1].id, state, limit=50, view=view)
    assert _ids(items)[-1] == in_view[-1].id and state["hi"] == len(in_view)


def test_source_panel_callback(source):
    assert "Read any event" in _text(cb.update_source(source, None))
    assert "Read any event" in _text(cb.update_source(source, "unknown-id"))
    panel = cb.update_source(source, "sharing-blood")
    assert "December 2025 (late)" in _text(panel)


def test_filter_options_and_date_hint(source):
    docs, tags = cb.filter_options(source)
    assert [d["value"] for d in docs] == ["kursk-memorial", "reader-letter"]
    assert [t["value"] for t in tags] == ["diplomacy", "letters", "memorial", "military"]
    assert cb.date_hint("2025", "") == ""
    assert cb.date_hint("", "yesterday").startswith("To: ")


# -- live seeds -------------------------------------------------------------------------------------------


def _bump(path, text):
    path.write_text(text)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))  # filesystems with coarse mtimes


def test_poll_reloads_changed_files_and_reports_problems(tmp_path, sample_timeline):
    seed = tmp_path / "events.yaml"
    seed.write_text("good")

    def loader(paths):
        content = seed.read_text()
        if content == "bad":
            raise SeedError([Problem(str(seed), 3, 5, "when", "'2025-13' is not a date")])
        title = sample_timeline.title + (" (edited)" if content == "edited" else "")
        return sample_timeline.model_copy(update={"title": title})

    source = TimelineSource(loader=loader, paths=[tmp_path])
    assert source.version == 1 and source.problems == []
    version, banner = cb.poll_seeds(source, None, None)  # first call always reports
    assert version == 1 and banner is None
    with pytest.raises(PreventUpdate):  # nothing changed: no update
        cb.poll_seeds(source, 1, version)
    _bump(seed, "edited")
    version, banner = cb.poll_seeds(source, 2, version)
    assert version == 2 and source.timeline.title.endswith("(edited)") and banner is None
    _bump(seed, "bad")
    version, banner = cb.poll_seeds(source, 3, version)
    assert version == 3 and f"{seed}:3:5: when: '2025-13' is not a date" in _text(banner)
    assert source.timeline.title.endswith("(edited)")  # the last good timeline stays on screen
    _bump(seed, "good")
    version, banner = cb.poll_seeds(source, 4, version)
    assert banner is None and source.problems == [] and not source.timeline.title.endswith("(edited)")


def test_a_crashing_loader_becomes_a_problem_not_a_crash(tmp_path):
    def loader(paths):
        raise RuntimeError("boom")

    source = TimelineSource(loader=loader, paths=[tmp_path])
    assert "could not load: RuntimeError: boom" in str(source.problems[0])
    assert source.timeline.events == []


# -- the app ----------------------------------------------------------------------------------------------


def test_create_app_wires_every_callback(sample_timeline):
    app = create_app(sample_timeline)
    outputs = " ".join(app.callback_map)
    for needed in ("selected.data", "url.search", "graph.figure", "event-list.children", "source-panel.children",
                   "version.data", "counts.children"):
        assert needed in outputs
    assert app.timeline_source.timeline is sample_timeline
    with pytest.raises(TypeError):
        create_app("not a timeline")


def test_a_bubble_click_is_not_an_input_of_the_callback_that_hears_relayouts(sample_timeline):
    """Dash drops the answer of a callback asked again before it answered; the graph reports a no-op
    relayout ({"autosize": true}) whenever it resizes. Sharing a callback with relayoutData lost the
    first click on a count bubble made just after the figure arrived."""
    app = create_app(sample_timeline)
    wiring = {out: {i["id"] + "." + i["property"] for i in cb_["inputs"]} for out, cb_ in app.callback_map.items()}
    assert not [out for out, inputs in wiring.items() if {"graph.clickData", "graph.relayoutData"} <= inputs]
    zoom = [out for out, inputs in wiring.items() if "graph.clickData" in inputs and "graph.figure" in out]
    assert len(zoom) == 1 and wiring[zoom[0]] == {"graph.clickData"}
    # and relayouts reach the figure only through the browser's filter (no {"autosize": true} no-ops)
    assert [out for out, inputs in wiring.items() if "graph.relayoutData" in inputs] == ["x-relayout.data"]
    clientside = {c["output"]: c.get("clientside_function") for c in app._callback_list}
    assert clientside["x-relayout.data"] == {"namespace": "timeline", "function_name": "xRelayout"}
    figure = next(out for out in wiring if out.startswith("..graph.figure...view.data"))
    assert "x-relayout.data" in wiring[figure]


def test_serve_command_errors_are_one_line(tmp_path):
    from click.testing import CliRunner

    from timeline.cli import cli

    result = CliRunner().invoke(cli, ["serve", str(tmp_path / "missing"), "--no-browser"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("timeline: error: no such file or folder")
    assert "Traceback" not in result.output


def test_serve_defaults_to_the_bundled_seeds():
    from timeline.cli.serve import BUNDLED_SEEDS, default_paths

    assert BUNDLED_SEEDS.name == "seeds" and (BUNDLED_SEEDS.parent / "dashboard").is_dir()
    assert default_paths() == [BUNDLED_SEEDS]


def test_serve_binds_localhost_and_loads_the_seeds(monkeypatch, seed_copy):
    import dash
    from click.testing import CliRunner

    from timeline.cli import cli

    calls = {}
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kw: calls.update(kw, app=self))
    monkeypatch.setattr("webbrowser.open", lambda *a, **k: calls.setdefault("browser", a))
    port = __import__("conftest").free_port()
    result = CliRunner().invoke(cli, ["serve", str(seed_copy), "--no-browser", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == port and "browser" not in calls
    assert f"on http://127.0.0.1:{port}/" in result.output
    assert len(calls["app"].timeline_source.timeline.events) > 0

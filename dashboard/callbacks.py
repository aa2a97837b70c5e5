"""The app's callbacks as plain functions of their inputs (the factory in app.py wires them).

Each takes the :class:`~dashboard.state.TimelineSource` plus the component values, and returns
the output values (or raises ``PreventUpdate`` / returns ``no_update``), so tests call them
directly without a browser. ``trigger`` is the id of the component that fired (``ctx.triggered_id``).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, quote

from dash import no_update
from dash.exceptions import PreventUpdate

from .editing import conflict_base, edit_panel, edit_tools
from .figure import FigureOptions, build_figure
from .query import Filters, in_window, parse_bound
from .state import TimelineSource
from .views import (
    LIST_LIMIT,
    counts_text,
    event_list_items,
    intro_panel,
    outside_view_text,
    problems_banner,
    source_panel,
    view_count_text,
)

__all__ = [
    "choose_source",
    "date_hint",
    "event_from_search",
    "events_in_view",
    "filter_options",
    "parse_relayout",
    "poll_seeds",
    "select_event",
    "update_figure",
    "update_list",
    "update_source",
    "update_view_note",
    "INITIAL_VIEW",
]

INITIAL_VIEW = {"rev": 0, "range": None}


# -- seeds -------------------------------------------------------------------------------------


def poll_seeds(source: TimelineSource, n_intervals: int | None, shown_version: int | None):
    """(version, banner). Reloads changed seed files; no update when nothing changed."""
    changed = source.poll()
    if not changed and shown_version == source.version and n_intervals:
        raise PreventUpdate
    return source.version, problems_banner(source.problems)


def filter_options(source: TimelineSource, version=None):
    """(document options, tag options) for the filter dropdowns."""
    index = source.index
    docs = [{"label": d.title or d.id, "value": d.id} for d in index.timeline.documents]
    tags = [{"label": t, "value": t} for t in index.all_tags()]
    return docs, tags


# -- selection and URL -------------------------------------------------------------------------


def event_from_search(search: str | None) -> str | None:
    """The event id in a URL query ('?event=ID')."""
    if not search:
        return None
    values = parse_qs(search.lstrip("?")).get("event")
    return values[0] if values else None


def _clicked_event(click_data) -> str | None:
    try:
        custom = click_data["points"][0]["customdata"]
    except (TypeError, KeyError, IndexError):
        return None
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    if not isinstance(custom, str) or custom.startswith("bin|"):
        return None
    return custom


def select_event(source: TimelineSource, trigger, search, click_data, request, current):
    """(selected event id, URL query). Sources: the URL, a click in the figure, or the list / text (JS)."""
    index = source.index
    if trigger == "graph":
        eid = _clicked_event(click_data)
    elif trigger == "select-request":
        eid = (request or {}).get("id") if isinstance(request, dict) else request
    else:  # the URL: first load, a pasted link, or back / forward
        eid = event_from_search(search)
        if eid is None:
            return (None if current is not None else no_update), no_update
        if index.get(eid) is None:
            return None, no_update  # an unknown id: the source panel says so via the intro
        return (eid if eid != current else no_update), no_update
    if eid is None or index.get(eid) is None:
        raise PreventUpdate
    query = f"?event={quote(eid, safe='')}"
    return (eid if eid != current else no_update), (query if query != search else no_update)


# -- figure ------------------------------------------------------------------------------------


def _parse_time(v) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(v).strip())
    except (ValueError, TypeError):
        return None


def parse_relayout(relayout) -> tuple[str, tuple[dt.datetime, dt.datetime] | None] | None:
    """What a Plotly relayout did to the time axis: ('auto', None), ('range', (a, b)) or None."""
    if not isinstance(relayout, dict):
        return None
    if relayout.get("xaxis.autorange"):
        return "auto", None
    if "xaxis.range[0]" in relayout and "xaxis.range[1]" in relayout:
        a, b = relayout["xaxis.range[0]"], relayout["xaxis.range[1]"]
    elif isinstance(relayout.get("xaxis.range"), list) and len(relayout["xaxis.range"]) == 2:
        a, b = relayout["xaxis.range"]
    else:
        return None
    ta, tb = _parse_time(a), _parse_time(b)
    if ta is None or tb is None or tb <= ta:
        return "auto", None  # zoomed out beyond the calendar Python can represent
    return "range", (ta, tb)


def _view_range(view) -> tuple[dt.datetime, dt.datetime] | None:
    r = (view or {}).get("range")
    if not r:
        return None
    a, b = _parse_time(r[0]), _parse_time(r[1])
    return (a, b) if a and b else None


def _dump_range(r):
    return [r[0].isoformat(), r[1].isoformat()] if r else None


def _filter_window(filters: Filters):
    try:
        lo = parse_bound(filters.date_from)
        hi = parse_bound(filters.date_to)
    except ValueError:
        return None
    if not lo and not hi:
        return None
    return lo[0] if lo else None, hi[1] if hi else None


def window_around(span: tuple[dt.datetime, dt.datetime], current: tuple[dt.datetime, dt.datetime] | None
                  ) -> tuple[dt.datetime, dt.datetime] | None:
    """A window that shows ``span``: the current window's width centred on it, or the span itself
    (with a margin) when it is wider than that. None (fit all) when there is no current window."""
    if current is None:
        return None
    a, b = span
    width = current[1] - current[0]
    if b - a >= width * 0.9:
        pad = (b - a) / 10
        return a - pad, b + pad
    mid = a + (b - a) / 2
    return mid - width / 2, mid + width / 2


def update_figure(source: TimelineSource, trigger, filters: Filters, lane_by, relayout, click_data, view,
                  aggregate_above: int = 2000, selected: str | None = None):
    """(figure, view store). The view store remembers the visible window and a revision that, when it
    changes, makes Plotly apply the figure's x range instead of keeping the user's zoom.

    Triggers: "fit" and "show-all" zoom out to every event; "show-selected" moves the window to the
    ``selected`` event (the list's "Show it" when the selection is outside the view).

    The selection is not drawn here: the browser rings it over the chart (assets/timeline.js), so
    selecting never rebuilds or redraws the figure."""
    index = source.index
    view = dict(view or INITIAL_VIEW)
    events = index.filter(filters)
    x_range = _view_range(view)
    rebuild = True
    if trigger in ("fit", "show-all"):
        view["rev"] += 1
        x_range = None
    elif trigger == "show-selected":
        span = index.spans.get(selected) if selected else None
        if span is None or x_range is None:
            raise PreventUpdate
        x_range = window_around(span, x_range)
        view["rev"] += 1
    elif trigger == "graph":
        try:
            custom = click_data["points"][0]["customdata"]
        except (TypeError, KeyError, IndexError):
            raise PreventUpdate from None
        if not (isinstance(custom, str) and custom.startswith("bin|")):
            raise PreventUpdate  # a click on an event selects it (select_event), the view stays
        _, a, b = custom.split("|")
        x_range = (_parse_time(a), _parse_time(b))
        view["rev"] += 1
    elif trigger == "graph-relayout":
        what = parse_relayout(relayout)
        if what is None:
            raise PreventUpdate
        x_range = what[1]
        # Small sets are drawn whole; Plotly zooms them by itself and nothing needs rebuilding.
        rebuild = len(events) > aggregate_above
    elif trigger in ("view-mode", "key-dates"):
        view["rev"] += 1  # a different set of events: show all of it
        x_range = None
    elif trigger in ("date-from", "date-to"):
        win = _filter_window(filters)
        view["rev"] += 1
        if win is None:
            x_range = None
        else:
            drawable = [index.spans[e.id] for e in events if index.spans.get(e.id)]
            a = win[0] or (min(s for s, _ in drawable) if drawable else None)
            b = win[1] or (max(t for _, t in drawable) if drawable else None)
            x_range = (a, b) if a and b and b > a else None
    view["range"] = _dump_range(x_range)
    if not rebuild:
        return no_update, view
    options = FigureOptions(lane_by=lane_by or "document", x_range=x_range,
                            uirevision=f"{lane_by}-{view['rev']}", aggregate_above=aggregate_above)
    return build_figure(index, events, options), view


# -- list, counts, source ----------------------------------------------------------------------


def events_in_view(index, events, view) -> list:
    """The events whose date span overlaps the figure's visible window (the view store's range); all of
    ``events`` when the figure shows everything. Undated events have no span, so a zoom leaves them out."""
    x_range = _view_range(view)
    if x_range is None:
        return events
    memo = index.cache.setdefault("in-view", {})
    key = (id(events), len(events), x_range)
    if key not in memo:
        if len(memo) > 8:
            memo.clear()
        memo[key] = in_window(index, events, *x_range)
    return memo[key]


def update_list(source: TimelineSource, trigger, filters: Filters, selected, list_state, version=None,
                limit: int = LIST_LIMIT, view=None):
    """(list items, list state, counts text). The list holds the events that match the filters and
    overlap the figure's visible window (``view``, see :func:`events_in_view`). Only re-renders when the
    data, the filters or the window changed, or when the selection nears the edge of the rendered
    window (the browser marks the selection)."""
    index = source.index
    matching = index.filter(filters)
    events = events_in_view(index, matching, view)
    key = f"{source.version}|{hash(filters)}|{_dump_range(_view_range(view))}"
    state = list_state or {}
    if trigger == "view" and state.get("key") == key:
        raise PreventUpdate  # e.g. "Fit all" when the figure already showed everything
    if trigger == "selected" and state.get("key") == key:
        if len(events) <= limit:
            raise PreventUpdate
        pos = next((i for i, e in enumerate(events) if e.id == selected), None)
        lo, hi = state.get("lo", 0), state.get("hi", 0)
        margin = limit // 6
        if pos is None or (lo + margin <= pos < hi - margin) or (pos < lo + margin and lo == 0) or (
                pos >= hi - margin and hi >= len(events)):
            raise PreventUpdate
    items, window = event_list_items(index, events, selected, limit)
    counts = counts_text(index, matching, filters, window, in_view=len(events) if events is not matching else None)
    return items, {"key": key, "lo": window[0], "hi": window[1]}, counts


def update_view_note(source: TimelineSource, filters: Filters, selected, view):
    """(note hidden, note text, outside hidden, outside text): "12 of 85 events in view" above the list
    when the zoom hides some, and a line naming the selected event when it is outside the view (it
    stays selected; "Show it" moves the figure to it)."""
    index = source.index
    matching = index.filter(filters)
    events = events_in_view(index, matching, view)
    hidden = events is matching or len(events) == len(matching)
    note = "" if hidden else view_count_text(len(events), len(matching), filters)
    event = index.get(selected)
    outside = event is not None and not hidden and all(e.id != event.id for e in events)
    if outside and index.spans.get(event.id) is None:
        outside = False  # an undated event cannot be shown in the figure; nothing to say
    return hidden, note, not outside, outside_view_text(event) if outside else ""


def update_source(source: TimelineSource, selected, version=None, notice=None, source_choice=None, draft=None):
    """The source panel for the selected event, or the introduction; with the edit form when the app
    was started from seed files (``notice``: the message of the last save, see dashboard.editing).
    ``source_choice`` ({"event": id, "index": i}, see :func:`choose_source`) picks which of the
    event's sources is shown; it only applies to the event it was made for. ``draft`` (the browser's
    ``edit-draft`` store) puts unsaved input back into the edit form (:func:`dashboard.editing.restore_draft`)."""
    index = source.index
    event = index.get(selected)
    if event is None:
        return intro_panel(index, edit_tools(source, notice=notice) if source.editable else None)
    editable = source.editable
    shown = 0
    if isinstance(source_choice, dict) and source_choice.get("event") == event.id:
        i = source_choice.get("index")
        shown = i if isinstance(i, int) and 0 <= i < len(event.sources) else 0
    return source_panel(index, event, actions=edit_panel(source, event, notice, draft) if editable else None,
                        resolve_base=conflict_base(source, event) if editable else None, shown_source=shown)


def choose_source(selected, trigger, clicks) -> dict:
    """The source-choice store after a "Show paragraph" click (trigger: {"type": "show-source", "index": i})."""
    if not selected or not isinstance(trigger, dict) or not any(clicks or []):
        raise PreventUpdate
    return {"event": selected, "index": trigger.get("index")}


def date_hint(date_from, date_to) -> str:
    """A short message when a typed date bound cannot be read ('' when fine)."""
    for label, v in (("From", date_from), ("To", date_to)):
        try:
            parse_bound(v)
        except ValueError as exc:
            return f"{label}: {exc}"
    return ""

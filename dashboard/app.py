"""The Dash app factory: layout plus the wiring of the callbacks in :mod:`dashboard.callbacks`.

    create_app(timeline)                          a fixed Timeline
    create_app(load_timeline, paths=[seed_dir])   live: reloads when a seed file changes on disk

Everything the page needs is served by the app itself (Plotly.js from the plotly package, CSS and
JS from ``dashboard/assets``): nothing is fetched from the internet.

In-app editing (issue 5, :mod:`dashboard.editing`): when the app was started from seed files, the
source panel's ``event-actions`` slot holds the edit form of the selected event (title, date, tags,
notes, Delete), Undo of the last save and "Add an event". Saves go through ``timeline._seeds``
(atomic, conflict-checked against the file's mtime at load) and reload the timeline at once.
``app.timeline_source`` is the live :class:`~dashboard.state.TimelineSource`.

Many articles (issue 7): an event whose sources give different dates (``Event.alternatives``) carries a
"sources disagree" badge in the list, the figure and the panel, which lists each reading with the
sources giving it and, when editable, a "Use this date" button per reading (written to the seed
file, ``origin: edited``). An event with several sources lists them all; "Show paragraph" opens any
of them in the panel. "Show: All events / Key events" narrows the figure and the list to the events
``timeline._summarize.summarize`` picks for the N most important dates ("Key dates", one sentence each).

The list follows the figure's zoom: it holds the events whose span overlaps the visible window
(``callbacks.events_in_view``), says "12 of 85 events in view · Show all", and names a selected event
that is scrolled out of view ("Show it" moves the window to it). Unsaved input in the edit form lives in
the ``edit-draft`` store and is put back when the panel is re-rendered (``editing.restore_draft``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html

from timeline._models import Timeline

from dash.exceptions import PreventUpdate

from . import callbacks as cb
from . import editing
from .query import KEY_DATES, LANE_CHOICES, MAX_KEY_DATES, Filters
from .state import TimelineSource

__all__ = ["create_app"]

ASSETS = Path(__file__).parent / "assets"

_FILTER_INPUTS = [
    Input("search", "value"),
    Input("date-from", "value"),
    Input("date-to", "value"),
    Input("doc-filter", "value"),
    Input("tag-filter", "value"),
    Input("view-mode", "value"),
    Input("key-dates", "value"),
]
_FILTER_STATES = [State(i.component_id, i.component_property) for i in _FILTER_INPUTS]


def create_app(
    timeline_or_loader: Timeline | Callable[[list[Path]], Timeline],
    paths: Sequence[str | Path] = (),
    *,
    poll_ms: int = 1000,
    title: str | None = None,
    aggregate_above: int = 2000,
    editable: bool = True,
    notice: str | None = None,
) -> dash.Dash:
    """A Dash app showing a Timeline, or whatever ``loader(paths)`` returns (reloaded on change).

    With a loader, events that live in seed files (``events.yaml``) can be edited, deleted and added
    in the app (``editable=False`` turns that off); a Timeline passed in code is read-only. ``notice`` is a
    line of plain text shown under the title (e.g. that the events were extracted on the fly)."""
    if isinstance(timeline_or_loader, Timeline):
        source = TimelineSource(timeline=timeline_or_loader)
    elif callable(timeline_or_loader):
        from timeline._seeds import event_files

        source = TimelineSource(loader=timeline_or_loader, paths=paths, locate=event_files if editable else None)
    else:
        raise TypeError("create_app needs a Timeline or a loader callable")
    page_title = title or source.timeline.title or "Timeline"
    app = dash.Dash(
        __name__,
        assets_folder=str(ASSETS),
        title=f"{page_title} · timeline",
        update_title=None,
        serve_locally=True,
        suppress_callback_exceptions=True,
    )
    app.timeline_source = source  # type: ignore[attr-defined]
    app.layout = _layout(source, page_title, poll_ms, notice)
    _register(app, source, aggregate_above)
    return app


def _layout(source: TimelineSource, page_title: str, poll_ms: int, notice: str | None = None) -> html.Div:
    controls = html.Section(
        [
            html.Div(
                [
                    html.Label("Search", htmlFor="search"),
                    dcc.Input(id="search", type="search", placeholder="words in titles or source text",
                              debounce=0.25, autoComplete="off", className="input search"),
                ],
                className="field grow",
            ),
            html.Div(
                [
                    html.Label("From", htmlFor="date-from"),
                    dcc.Input(id="date-from", type="text", placeholder="e.g. 2025", debounce=True,
                              className="input date", autoComplete="off"),
                ],
                className="field",
            ),
            html.Div(
                [
                    html.Label("To", htmlFor="date-to"),
                    dcc.Input(id="date-to", type="text", placeholder="e.g. 2025-12", debounce=True,
                              className="input date", autoComplete="off"),
                ],
                className="field",
            ),
            html.Div(
                [html.Label("Documents", id="doc-filter-label"),
                 dcc.Dropdown(id="doc-filter", multi=True, placeholder="all", className="dropdown")],
                className="field wide",
            ),
            html.Div(
                [html.Label("Tags", id="tag-filter-label"),
                 dcc.Dropdown(id="tag-filter", multi=True, placeholder="all", className="dropdown")],
                className="field wide",
            ),
            html.Div(
                [html.Label("Lanes by", id="lanes-label"),
                 dcc.Dropdown(id="lanes", options=[{"label": v, "value": k} for k, v in LANE_CHOICES.items()],
                              value="document", clearable=False, searchable=False, className="dropdown")],
                className="field",
            ),
            html.Div(
                [html.Label("Show", id="view-mode-label"),
                 dcc.RadioItems(id="view-mode", options=[{"label": "All events", "value": "all"},
                                                         {"label": "Key events", "value": "key"}],
                                value="all", inline=True, className="view-mode",
                                inputClassName="view-mode-input", labelClassName="view-mode-option")],
                className="field", role="radiogroup", **{"aria-labelledby": "view-mode-label"},
            ),
            html.Div(
                [html.Label("Key dates", htmlFor="key-dates"),
                 dcc.Input(id="key-dates", type="number", min=1, max=MAX_KEY_DATES, step=1, value=KEY_DATES,
                           debounce=True, className="input number")],
                className="field", title="How many of the most important dates the key events view shows",
            ),
            html.Div(
                [
                    html.Button("Fit all", id="fit", className="btn", title="Show every event (zoom out)"),
                    html.Button("Clear filters", id="clear", className="btn ghost"),
                ],
                className="field buttons",
            ),
            html.P(id="date-hint", className="hint", role="status"),
        ],
        className="controls",
        **{"aria-label": "Search and filter"},
    )
    graph = dcc.Graph(
        id="graph",
        config={
            "scrollZoom": True,
            "displaylogo": False,
            "responsive": True,
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toImage"],
        },
        figure={"data": [], "layout": {"height": 320}},
        className="graph",
    )
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="selected"),
            dcc.Store(id="select-request"),
            dcc.Store(id="source-choice"),
            dcc.Store(id="view", data=cb.INITIAL_VIEW),
            dcc.Store(id="x-relayout"),  # the figure's relayouts that move the time axis (timeline.js xRelayout)
            dcc.Store(id="list-state"),
            dcc.Store(id="version"),
            dcc.Store(id="edit-notice"),
            dcc.Store(id="edit-draft"),  # unsaved input of the edit form, kept across re-renders
            dcc.Store(id="js-list-mark"),
            dcc.Store(id="js-fig-mark"),
            dcc.Store(id="js-src-scroll"),
            dcc.Interval(id="poll", interval=poll_ms, disabled=not source.live),
            html.A("Skip to the list of events", href="#event-list", className="skip-link"),
            html.Div(id="sr-status", className="visually-hidden", role="status", **{"aria-live": "polite"}),
            html.Header(
                [
                    html.Div([html.H1(page_title), html.P(id="counts", className="counts", role="status",
                                                           **{"aria-live": "polite"})], className="title"),
                    html.P("Click a mark or an event to read the sentence it came from. ↑ ↓ move through events.",
                           className="tip"),
                ],
                className="top",
            ),
            html.P(notice or "", id="notice", className="notice", hidden=not notice),
            html.Div(id="banner"),
            controls,
            html.Main(
                [
                    html.Div(
                        [
                            html.Section(graph, className="figure-card", **{"aria-label": "Timeline chart"}),
                            html.Section(
                                [
                                    html.H2("Events by date", id="event-list-label", className="panel-title"),
                                    # The list follows the figure's zoom; these say so (callbacks.update_view_note).
                                    html.P([html.Span(id="view-count"), " · ",
                                            html.Button("Show all", id="show-all", className="link-btn",
                                                        title="Zoom out to every event (like Fit all)")],
                                           id="view-note", className="view-note", hidden=True, role="status"),
                                    html.P([html.Span(id="outside-text"), " ",
                                            html.Button("Show it", id="show-selected", className="link-btn",
                                                        title="Move the chart to the selected event")],
                                           id="outside-note", className="view-note outside", hidden=True),
                                    html.Ul(id="event-list", role="listbox", tabIndex=0, className="event-list",
                                            **{"aria-labelledby": "event-list-label"}),
                                ],
                                className="list-card",
                            ),
                        ],
                        className="left",
                    ),
                    html.Section(id="source-panel", className="source-card", tabIndex=-1,
                                 **{"aria-label": "Source of the selected event"}),
                ],
                className="grid",
            ),
        ],
        className="app",
    )


def _filters(text, date_from, date_to, docs, tags, view_mode=None, key_dates=None) -> Filters:
    return Filters.of(text, date_from, date_to, docs, tags, view_mode, key_dates)


def _trigger() -> str | None:
    """The id of what fired, telling the figure's click and relayout apart."""
    if not ctx.triggered or len(ctx.triggered) != 1:
        return None
    prop = ctx.triggered[0]["prop_id"]
    if prop in ("graph.relayoutData", "x-relayout.data"):
        return "graph-relayout"
    return prop.rsplit(".", 1)[0] if prop and prop != "." else None


def _register(app: dash.Dash, source: TimelineSource, aggregate_above: int) -> None:
    @app.callback(Output("version", "data"), Output("banner", "children"),
                  Input("poll", "n_intervals"), State("version", "data"))
    def _poll(n, shown):
        return cb.poll_seeds(source, n, shown)

    @app.callback(Output("doc-filter", "options"), Output("tag-filter", "options"), Input("version", "data"))
    def _options(version):
        return cb.filter_options(source, version)

    @app.callback(
        Output("selected", "data"),
        Output("url", "search"),
        Input("url", "search"),
        Input("graph", "clickData"),
        Input("select-request", "data"),
        State("selected", "data"),
    )
    def _select(search, click, request, current):
        return cb.select_event(source, _trigger(), search, click, request, current)

    @app.callback(
        Output("graph", "figure"),
        Output("view", "data"),
        Input("version", "data"),
        *_FILTER_INPUTS,
        Input("lanes", "value"),
        Input("x-relayout", "data"),
        Input("fit", "n_clicks"),
        Input("show-all", "n_clicks"),
        Input("show-selected", "n_clicks"),
        State("view", "data"),
        State("selected", "data"),
    )
    def _figure(version, text, date_from, date_to, docs, tags, view_mode, key_dates, lanes, relayout, fit, show_all,
                show_selected, view, selected):
        filters = _filters(text, date_from, date_to, docs, tags, view_mode, key_dates)
        return cb.update_figure(source, _trigger(), filters, lanes, relayout, None, view,
                                aggregate_above=aggregate_above, selected=selected)

    # Only relayouts that move the time axis reach the server. Dash drops the answer of a callback asked
    # again before it answered, and the graph reports a relayout ({"autosize": true}, nothing to do)
    # whenever it resizes, e.g. just after the figure arrives: as an input of _figure, that no-op lost
    # the zoom just made (the list then did not follow it). In the browser it is filtered out at once.
    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="xRelayout"),
        Output("x-relayout", "data"),
        Input("graph", "relayoutData"),
        prevent_initial_call=True,
    )

    # A click on a count bubble zooms into its bin. It has a callback of its own, so that nothing else
    # that reruns _figure (a relayout, a poll that found a changed seed file) can drop its answer: that
    # is how a first click on a bubble just after the figure arrived used to be lost.
    @app.callback(
        Output("graph", "figure", allow_duplicate=True),
        Output("view", "data", allow_duplicate=True),
        Input("graph", "clickData"),
        *_FILTER_STATES,
        State("lanes", "value"),
        State("view", "data"),
        prevent_initial_call=True,
    )
    def _zoom_to_bubble(click, text, date_from, date_to, docs, tags, view_mode, key_dates, lanes, view):
        filters = _filters(text, date_from, date_to, docs, tags, view_mode, key_dates)
        return cb.update_figure(source, "graph", filters, lanes, None, click, view, aggregate_above=aggregate_above)

    @app.callback(
        Output("event-list", "children"),
        Output("list-state", "data"),
        Output("counts", "children"),
        Input("version", "data"),
        *_FILTER_INPUTS,
        Input("selected", "data"),
        Input("view", "data"),
        State("list-state", "data"),
    )
    def _list(version, text, date_from, date_to, docs, tags, view_mode, key_dates, selected, view, state):
        filters = _filters(text, date_from, date_to, docs, tags, view_mode, key_dates)
        return cb.update_list(source, _trigger(), filters, selected, state, view=view)

    @app.callback(
        Output("view-note", "hidden"),
        Output("view-count", "children"),
        Output("outside-note", "hidden"),
        Output("outside-text", "children"),
        Input("version", "data"),
        *_FILTER_INPUTS,
        Input("selected", "data"),
        Input("view", "data"),
    )
    def _view_note(version, text, date_from, date_to, docs, tags, view_mode, key_dates, selected, view):
        filters = _filters(text, date_from, date_to, docs, tags, view_mode, key_dates)
        return cb.update_view_note(source, filters, selected, view)

    @app.callback(Output("source-panel", "children"), Input("selected", "data"), Input("version", "data"),
                  Input("source-choice", "data"), State("edit-notice", "data"), State("edit-draft", "data"))
    def _source(selected, version, choice, notice, draft):
        return cb.update_source(source, selected, version, notice, choice, draft)

    @app.callback(Output("source-choice", "data"), Input({"type": "show-source", "index": ALL}, "n_clicks"),
                  State("selected", "data"), prevent_initial_call=True)
    def _choose_source(clicks, selected):
        return cb.choose_source(selected, ctx.triggered_id, clicks)

    if source.editable:
        _register_editing(app, source)

    @app.callback(
        Output("search", "value"),
        Output("date-from", "value"),
        Output("date-to", "value"),
        Output("doc-filter", "value"),
        Output("tag-filter", "value"),
        Input("clear", "n_clicks"),
        prevent_initial_call=True,
    )
    def _clear(n):
        return "", "", "", [], []

    @app.callback(Output("date-hint", "children"), Input("date-from", "value"), Input("date-to", "value"))
    def _hint(date_from, date_to):
        return cb.date_hint(date_from, date_to)

    # Browser-side: mark the selection in the list and the figure, scroll the source into view.
    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="markList"),
        Output("js-list-mark", "data"),
        Input("selected", "data"),
        Input("list-state", "data"),  # changes with every re-render of the list (small, unlike its children)
    )
    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="markFigure"),
        Output("js-fig-mark", "data"),
        Input("selected", "data"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="scrollSource"),
        Output("js-src-scroll", "data"),
        Input("source-panel", "children"),
    )


def _register_editing(app: dash.Dash, source: TimelineSource) -> None:
    """Save / delete / add / undo. The form lives in the source panel (re-rendered after each save)."""
    after_save = [
        Output("version", "data", allow_duplicate=True),
        Output("edit-notice", "data", allow_duplicate=True),
        Output("selected", "data", allow_duplicate=True),
        Output("url", "search", allow_duplicate=True),
        Output("edit-draft", "data", allow_duplicate=True),
    ]

    def saved_values(outcome: editing.EditOutcome, drafts=None, event_id: str | None = None) -> list:
        if not outcome.saved:
            return [dash.no_update] * 5
        # the saved (or deleted) event has nothing unsaved left; drafts of other events stay
        left = editing.drop_draft(drafts, event_id) if event_id else (drafts if drafts is not None else dash.no_update)
        return [outcome.version, outcome.notice, outcome.selected, outcome.url(), left]

    # What the user types into the edit form is kept in the browser (edit-draft), so that a re-render of
    # the panel (a seed file changed on disk, or the user looked at another event) puts it back.
    app.clientside_callback(
        ClientsideFunction(namespace="timeline", function_name="keepDraft"),
        Output("edit-draft", "data"),
        *[Input(f"edit-{f}", "value") for f in editing.EDIT_FIELDS],
        State("edit-base", "data"),
        State("edit-draft", "data"),
        prevent_initial_call=True,
    )

    @app.callback(Output("source-panel", "children", allow_duplicate=True),
                  Output("edit-draft", "data", allow_duplicate=True),
                  Input("edit-discard", "n_clicks"), State("selected", "data"), State("source-choice", "data"),
                  State("edit-draft", "data"), prevent_initial_call=True)
    def _discard_draft(n, selected, choice, drafts):
        if not n:
            raise PreventUpdate
        left = editing.drop_draft(drafts, selected)  # only this event's: drafts of other events stay
        return cb.update_source(source, selected, None, editing.discard_notice(source), choice, left), left

    def form_callback(prefix: str, action):
        @app.callback(
            *after_save,
            *[Output(f"{prefix}-{f}-error", "children") for f in editing.EDIT_FIELDS],
            Output("edit-status", "children", allow_duplicate=True),
            Input(f"{prefix}-save", "n_clicks"),
            Input(f"{prefix}-title", "n_submit"),
            Input(f"{prefix}-when", "n_submit"),
            Input(f"{prefix}-tags", "n_submit"),
            *[State(f"{prefix}-{f}", "value") for f in editing.EDIT_FIELDS],
            State(f"{prefix}-base", "data"),
            State("edit-draft", "data"),
            prevent_initial_call=True,
        )
        def _save(n_clicks, s1, s2, s3, title, when, tags, notes, base, drafts):
            if not (n_clicks or s1 or s2 or s3):
                raise PreventUpdate  # the form was just rendered
            outcome = action(source, base, title, when, tags, notes)
            event_id = base.get("event") if prefix == "edit" and isinstance(base, dict) else None
            return *saved_values(outcome, drafts, event_id), *outcome.error_values(), outcome.status

    form_callback("edit", editing.save_edit)
    form_callback("add", editing.add_new_event)

    @app.callback(*after_save, Output("edit-status", "children", allow_duplicate=True),
                  Input("edit-delete", "n_clicks"), State("edit-base", "data"), State("edit-draft", "data"),
                  prevent_initial_call=True)
    def _delete(n, base, drafts):
        if not n:
            raise PreventUpdate
        outcome = editing.delete_selected(source, base)
        return *saved_values(outcome, drafts, base.get("event") if isinstance(base, dict) else None), outcome.status

    @app.callback(*after_save, Output("conflict-status", "children"),
                  Input({"type": "use-date", "index": ALL}, "n_clicks"), State("conflict-base", "data"),
                  prevent_initial_call=True)
    def _use_date(clicks, base):
        trigger = ctx.triggered_id
        if not any(clicks or []) or not isinstance(trigger, dict):
            raise PreventUpdate  # the buttons were just rendered
        outcome = editing.resolve_conflict(source, base, trigger.get("index"))
        return *saved_values(outcome), outcome.status

    @app.callback(*after_save, Output("edit-status", "children", allow_duplicate=True),
                  Input("edit-undo", "n_clicks"), prevent_initial_call=True)
    def _undo(n):
        if not n:
            raise PreventUpdate
        outcome = editing.undo_save(source)
        return *saved_values(outcome), outcome.status

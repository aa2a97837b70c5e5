"""The timeline figure shared by the HTML export and the PNG/SVG export.

One row per dated event, earliest at the top (packed into lanes when there are many, see
:func:`row_of`). A date known to the day (or finer) is a point;
a coarser date (month, season, year, a range) is a bar over the interval it covers, with the
part its mod points at ("late" December: the last third) drawn stronger. Undated events
(``XXXX-08``) cannot be placed and are left to the event list.

Plotly renders a small HTML subset in labels, so every piece of article-derived text put into
the figure is escaped here.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from .._models import Timeline
from .._timex import mod_core
from ._view import EventView, event_views, iso

POINT_GRANULARITIES = {"day", "part_of_day", "hour", "minute", "second"}
SPAN_COLOR = "rgba(37, 99, 235, 0.25)"
CORE_COLOR = "rgba(37, 99, 235, 0.95)"
POINT_COLOR = "#c2410c"
LABEL_CHARS = 48
MAX_LABELLED_ROWS = 40


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _short(text: str, n: int = LABEL_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _ms(delta) -> float:
    return delta.total_seconds() * 1000.0


def is_point(view: EventView) -> bool:
    when = view.event.when
    return when.until is None and when.granularity in POINT_GRANULARITIES


def row_of(views: list[EventView]) -> dict[str, str]:
    """The figure row (y category) of each dated event.

    Up to MAX_LABELLED_ROWS events, each has its own row labelled with its title. Beyond that
    (many articles) events are packed into lanes: an event goes to the first lane where it does not
    overlap the previous one, so the figure stays readable; titles are then in the hover and the list.
    """
    dated = [v for v in views if v.dated]
    if len(dated) <= MAX_LABELLED_ROWS:
        return {v.event.id: v.event.id for v in dated}
    first = min(v.event.when.start for v in dated)
    last = max(v.event.when.end for v in dated)
    gap = (last - first) / 60  # room for a point's marker and a little air
    lanes: list = []
    out = {}
    for v in sorted(dated, key=lambda v: v.event.when.sort_key[:3]):
        start, end = v.event.when.start, v.event.when.end
        end = max(end, start + gap) if not is_point(v) else start + gap
        for i, lane_end in enumerate(lanes):
            if lane_end <= start:
                lanes[i] = end
                break
        else:
            lanes.append(end)
            i = len(lanes) - 1
        out[v.event.id] = f"lane {i + 1}"
    return out


def build_figure(timeline: Timeline, title: str | None = None, views: list[EventView] | None = None) -> go.Figure:
    """The Plotly figure of a timeline; each mark carries its event id as ``customdata[0]``."""
    views = [v for v in (views if views is not None else event_views(timeline)) if v.dated]
    row = row_of(views)
    labelled = len(views) <= MAX_LABELLED_ROWS
    rows = list(dict.fromkeys(row[v.event.id] for v in views))

    span = {"y": [], "base": [], "x": [], "customdata": []}
    core = {"y": [], "base": [], "x": [], "customdata": []}
    point = {"y": [], "x": [], "customdata": []}
    for v in views:
        e = v.event
        info = [e.id, _esc(e.title), _esc(e.when.label), _esc(v.wording)]
        start, end = e.when.start, e.when.end
        if is_point(v):
            point["y"].append(row[e.id])
            point["x"].append(iso(start))
            point["customdata"].append(info)
            continue
        span["y"].append(row[e.id])
        span["base"].append(iso(start))
        span["x"].append(_ms(end - start))
        span["customdata"].append(info)
        c_start, c_end = mod_core(start, end, e.when.mod)
        core["y"].append(row[e.id])
        core["base"].append(c_start.isoformat())
        core["x"].append(_ms(c_end - c_start))
        core["customdata"].append(info)

    hover = "<b>%{customdata[1]}</b><br>%{customdata[2]}<br><i>“%{customdata[3]}”</i><extra></extra>"
    fig = go.Figure()
    fig.add_trace(go.Bar(name="date range", orientation="h", marker_color=SPAN_COLOR, marker_line_width=0,
                         hovertemplate=hover, width=0.55, **span))
    fig.add_trace(go.Bar(name="most likely part", orientation="h", marker_color=CORE_COLOR, marker_line_width=0,
                         hovertemplate=hover, width=0.55, **core))
    fig.add_trace(go.Scatter(name="day", mode="markers", hovertemplate=hover,
                             marker=dict(size=13, color=POINT_COLOR, symbol="diamond", line=dict(width=1, color="white")),
                             **point))
    fig.add_trace(go.Scatter(name="selected", mode="markers", x=[], y=[], hoverinfo="skip", showlegend=False,
                             marker=dict(size=24, color="rgba(0,0,0,0)", line=dict(width=3, color="#111827"))))
    fig.update_layout(
        title=dict(text=_esc(title if title is not None else timeline.title), x=0.01, font=dict(size=18)),
        barmode="overlay",
        height=140 + (34 if labelled else 22) * max(len(rows), 2),
        margin=dict(l=10, r=20, t=50, b=40),
        showlegend=False,
        plot_bgcolor="white",
        hovermode="closest",
        clickmode="event",
        dragmode="pan",
        xaxis=dict(type="date", showgrid=True, gridcolor="#e5e7eb", zeroline=False),
        yaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=rows[::-1],
            tickvals=rows if labelled else [],
            ticktext=[_esc(_short(v.event.title)) for v in views] if labelled else [],
            showticklabels=labelled,
            automargin=True,
            showgrid=True,
            gridcolor="#f3f4f6",
        ),
        font=dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif", size=12, color="#111827"),
    )
    return fig

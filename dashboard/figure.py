"""The timeline figure: a pure function from events and view options to a Plotly figure (a dict).

How precision is drawn:
    day or finer                 a point (orange circle)
    week / month / season / ...  a pale bar over the whole interval, with a handle at its middle;
                                 an EARLY / MID / LATE mod draws the part it points at
                                 (``timeline._timex.mod_core``) in a strong colour on top.
Labels are never drawn on the marks (they would collide); the title shows on hover, in the list,
and as a single callout for the selected event. Events that would overlap in a lane are stacked
in rows (first fit, in the stable date order), up to ``MAX_ROWS`` rows per lane.

When more than ``aggregate_above`` events are in view, events are counted per time bin and lane
instead (bubbles sized by count; clicking one zooms into it). Above ``webgl_above`` drawn events
the traces are WebGL (``scattergl``). The figure is built as a plain dict: plotly's graph-object
validation costs seconds at 100k points and the dict is what dcc.Graph receives anyway.

Trace order is fixed so the browser can find events by trace index: see ``TRACE``. The selected event
is marked with a layout shape (a ring) and an annotation (its title), which the browser moves cheaply.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from timeline._models import Event
from timeline._timex import mod_core

from .query import TimelineIndex

__all__ = ["FigureOptions", "build_figure", "figure_for_timeline", "TRACE", "bin_unit", "COLORS"]

TRACE = {"spans": 0, "cores": 1, "handles": 2, "points": 3, "bins": 4, "conflicts": 5}  # conflicts: only when any
CONFLICT_LABEL = "sources disagree"
MAX_ROWS = 5
MAX_LANES = 16
LANE_GAP = 0.9
COLORS = {
    "span": "#b9d3ea",
    "core": "#2166ac",
    "handle": "#2166ac",
    "point": "#d9480f",
    "selected": "#111827",
    "band": "rgba(15, 23, 42, 0.035)",
    "grid": "#e5e7eb",
    "text": "#1f2937",
    "conflict": "#d97706",
}
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
_POINT_MAX = dt.timedelta(days=1)
_CORE_MODS = {"EARLY", "MID", "LATE", "START", "END"}


@dataclass(frozen=True)
class FigureOptions:
    """How to draw: lanes, the visible window, the selected event and performance thresholds."""

    lane_by: str = "document"
    x_range: tuple[dt.datetime, dt.datetime] | None = None  # None: fit all
    selected: str | None = None
    uirevision: str = "timeline"
    aggregate_above: int = 2000
    webgl_above: int = 1000
    rangeslider: bool = True


@dataclass
class _Item:
    event: Event
    lane: str
    start: dt.datetime
    end: dt.datetime
    point: bool
    y: float = 0.0

    @property
    def mark(self) -> dt.datetime:
        """Where the clickable mark sits: the day's middle, or the middle of the mod's part."""
        if self.point:
            return self.start + (self.end - self.start) / 2
        a, b = mod_core(self.start, self.end, self.event.when.mod)
        return a + (b - a) / 2


def figure_for_timeline(timeline, options: FigureOptions | None = None) -> dict:
    """Convenience: the figure for every event of a Timeline."""
    index = TimelineIndex.build(timeline)
    return build_figure(index, index.events, options or FigureOptions())


def build_figure(index: TimelineIndex, events: Sequence[Event], options: FigureOptions) -> dict:
    """The figure for ``events`` (already filtered and in index order)."""
    lane_by = options.lane_by
    spans = index.spans
    drawable = _memo(index, "drawable", events, lambda: [e for e in events if spans.get(e.id) is not None])
    lanes = _memo(index, ("lanes", lane_by), drawable, lambda: _lane_order(index, drawable, lane_by))
    full = _memo(index, "extent", drawable, lambda: _extent(index, drawable))
    window = options.x_range or full
    if options.x_range is not None:
        lo, hi = options.x_range
        visible = [e for e in drawable if index.spans[e.id][1] > lo and index.spans[e.id][0] < hi]
    else:
        visible = drawable
    traces = [_empty_trace(name) for name in TRACE if name != "conflicts"]
    annotations: list[dict] = []
    rings: list[dict] = []
    aggregated = len(visible) > options.aggregate_above
    if aggregated:
        rows = {lane: 1 for lane in lanes}
        bases = _lane_bases(lanes, rows)
        traces[TRACE["bins"]] = _memo(index, ("bins", lane_by, window), visible,
                                      lambda: _bins_trace(index, visible, lanes, bases, lane_by, window))
        subtitle = (
            f"{len(visible):,} events in view, counted per {bin_unit(window)[1]}: zoom in or click a bubble to see them"
        )
    else:
        drawn = visible
        if options.x_range is not None:  # keep a margin around the window so a short pan shows events
            lo, hi = options.x_range
            pad = (hi - lo) / 2
            drawn = [e for e in drawable if index.spans[e.id][1] > lo - pad and index.spans[e.id][0] < hi + pad]
        items = _items(index, drawn, lanes, lane_by)
        # Packing depends on the zoom only when part of a large set is drawn; a small set is packed once.
        rows = _pack(items, lanes, window if len(drawable) > options.aggregate_above else full)
        bases = _lane_bases(lanes, rows)
        for it in items:
            it.y += bases[it.lane]
        gl = len(items) > options.webgl_above
        traces[TRACE["spans"]], traces[TRACE["cores"]], traces[TRACE["handles"]], traces[TRACE["points"]] = _event_traces(
            index, items, gl
        )
        conflicts = _conflict_trace(items, gl)
        if conflicts["x"]:  # only then: timelines without conflicts keep their five traces
            traces.append(conflicts)
        sel = [it for it in items if it.event.id == options.selected]
        if sel:
            rings = [_ring(it) for it in sel]
            annotations.append(_callout(sel[0], window))
        subtitle = ""
    total_rows = sum(rows.values()) + LANE_GAP * max(len(lanes) - 1, 0)
    layout = _layout(index, lanes, rows, bases, lane_by, total_rows, options, full, annotations, subtitle)
    layout["shapes"] += rings
    if not drawable:
        layout["annotations"] = [
            {
                "text": "No dated events match. Clear the search or the filters to see all events.",
                "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False,
                "font": {"size": 15, "color": "#6b7280"},
            }
        ]
    return {"data": traces, "layout": layout}


def _memo(index: TimelineIndex, name, events: Sequence[Event], compute):
    """Cache a value derived from an event list for as long as the timeline is loaded.

    Filtered lists are memoised by the index, so the same filters give the same list object; the key
    also holds the length and end ids so a recycled id() cannot return a stale value.
    """
    memo = index.cache.setdefault("figure-memo", {})
    key = (name, id(events), len(events), events[0].id if events else None, events[-1].id if events else None)
    if key not in memo:
        if len(memo) > 64:
            memo.clear()
        memo[key] = compute()
    return memo[key]


# -- lanes and rows ---------------------------------------------------------------------------


def _lane_order(index: TimelineIndex, events: Sequence[Event], lane_by: str) -> list[str]:
    """Lanes in order of first appearance; beyond MAX_LANES the rarest merge into 'other'."""
    counts: dict[str, int] = {}
    lanes_by_id = index.lanes(lane_by)
    for e in events:
        for lane in lanes_by_id[e.id]:
            counts[lane] = counts.get(lane, 0) + 1
    lanes = list(counts)
    if len(lanes) > MAX_LANES:
        keep = set(sorted(lanes, key=lambda k: -counts[k])[: MAX_LANES - 1])
        lanes = [lane for lane in lanes if lane in keep] + ["(other)"]
    return lanes


def _lane_key(lane: str, lanes: Sequence[str], lane_set: set[str]) -> str:
    return lane if lane in lane_set else "(other)"


def _items(index: TimelineIndex, events: Sequence[Event], lanes: Sequence[str], lane_by: str) -> list[_Item]:
    lane_set = set(lanes)
    lanes_by_id = index.lanes(lane_by)
    out = []
    for e in events:
        s, t = index.spans[e.id]
        point = (t - s) <= _POINT_MAX
        mine = lanes_by_id[e.id]
        if len(mine) == 1 and mine[0] in lane_set:
            out.append(_Item(e, mine[0], s, t, point))
            continue
        for lane in dict.fromkeys(_lane_key(k, lanes, lane_set) for k in mine):
            out.append(_Item(e, lane, s, t, point))
    return out


def _pack(items: Sequence[_Item], lanes: Sequence[str], window: tuple[dt.datetime, dt.datetime]) -> dict[str, int]:
    """First-fit rows within each lane so marks do not sit on each other; returns rows per lane."""
    width = (window[1] - window[0]) / 90  # about one marker width at a typical figure width
    ends: dict[str, list[dt.datetime]] = {lane: [] for lane in lanes}
    for it in items:
        if it.point:
            a, b = it.mark - width / 2, it.mark + width / 2
        else:
            a, b = it.start, max(it.end, it.start + width)
        row_ends = ends[it.lane]
        for r, end in enumerate(row_ends):
            if end <= a:
                row_ends[r] = b
                it.y = r
                break
        else:
            if len(row_ends) < MAX_ROWS:
                row_ends.append(b)
                it.y = len(row_ends) - 1
            else:  # crowded: share the row that frees up first
                r = min(range(len(row_ends)), key=row_ends.__getitem__)
                row_ends[r] = max(row_ends[r], b)
                it.y = r
    return {lane: max(1, len(ends[lane])) for lane in lanes}


def _lane_bases(lanes: Sequence[str], rows: Mapping[str, int]) -> dict[str, float]:
    bases, y = {}, 0.0
    for lane in lanes:
        bases[lane] = y
        y += rows[lane] + LANE_GAP
    return bases


def _extent(index: TimelineIndex, events: Sequence[Event]) -> tuple[dt.datetime, dt.datetime]:
    if not events:
        today = dt.datetime.combine(dt.date.today(), dt.time())
        return today - dt.timedelta(days=365), today
    spans = index.spans
    lo = min(spans[e.id][0] for e in events)
    hi = max(spans[e.id][1] for e in events)
    pad = max((hi - lo) / 25, dt.timedelta(days=3))
    return lo - pad, hi + pad


# -- traces ------------------------------------------------------------------------------------


def _iso(t: dt.datetime) -> str:
    if t.hour == t.minute == t.second == 0 and not t.microsecond:
        return t.date().isoformat()
    return t.isoformat(sep=" ", timespec="seconds")


def _hover(index: TimelineIndex, e: Event) -> str:
    """Hover label (cached per loaded timeline)."""
    cache = index.cache.setdefault("hover", {})
    text = cache.get(e.id)
    if text is None:
        text = cache[e.id] = _hover_text(index, e)
    return text


def _hover_text(index: TimelineIndex, e: Event) -> str:
    """Article-derived text is HTML-escaped because Plotly renders tags in labels."""
    title = html.escape(_shorten(e.title, 90))
    where = ""
    if e.sources:
        src = e.sources[0]
        doc = index.documents.get(src.document)
        name = doc.title if doc and doc.title else src.document
        where = f"<br><span style='color:#6b7280'>{html.escape(_shorten(name, 60))}, paragraph {src.paragraph}</span>"
    return f"<b>{title}</b><br>{html.escape(e.when.label)}{where}"


def _shorten(s: str, n: int) -> str:
    s = " ".join(s.split())
    if len(s) <= n:
        return s
    cut = s[: n - 1]
    if " " in cut[-15:]:
        cut = cut.rsplit(" ", 1)[0]  # end on a whole word when one is near
    return cut.rstrip(" ,;:") + "…"


def _empty_trace(name: str) -> dict:
    return {"type": "scatter", "x": [], "y": [], "name": name, "showlegend": False, "hoverinfo": "skip", "mode": "markers"}


def _event_traces(index: TimelineIndex, items: Sequence[_Item], gl: bool) -> tuple[dict, dict, dict, dict]:
    kind = "scattergl" if gl else "scatter"
    sx, sy, cx, cy = [], [], [], []
    hx, hy, hid, htext, hsym = [], [], [], [], []
    px, py, pid, ptext = [], [], [], []
    for it in items:
        e = it.event
        if it.point:
            px.append(_iso(it.mark))
            py.append(it.y)
            pid.append(e.id)
            ptext.append(_hover(index, e))
            continue
        sx += [_iso(it.start), _iso(it.end), None]
        sy += [it.y, it.y, None]
        mod = e.when.mod
        if mod in _CORE_MODS:
            a, b = mod_core(it.start, it.end, mod)
            cx += [_iso(a), _iso(b), None]
            cy += [it.y, it.y, None]
        hx.append(_iso(it.mark))
        hy.append(it.y)
        hid.append(e.id)
        htext.append(_hover(index, e))
        hsym.append({"BEFORE": "triangle-left", "ON_OR_BEFORE": "triangle-left", "AFTER": "triangle-right",
                     "ON_OR_AFTER": "triangle-right", "APPROX": "diamond-open"}.get(mod or "", "diamond"))
    spans = {
        "type": kind, "mode": "lines", "x": sx, "y": sy, "name": "span: month, season, year…",
        "line": {"color": COLORS["span"], "width": 10}, "hoverinfo": "skip", "connectgaps": False,
        "legendgroup": "span", "showlegend": True,
    }
    cores = {
        "type": kind, "mode": "lines", "x": cx, "y": cy, "name": "early / mid / late part",
        "line": {"color": COLORS["core"], "width": 10}, "hoverinfo": "skip", "connectgaps": False,
        "legendgroup": "core", "showlegend": True,
    }
    handles = {
        "type": kind, "mode": "markers", "x": hx, "y": hy, "customdata": hid, "hovertext": htext,
        "hovertemplate": "%{hovertext}<extra></extra>", "name": "span event", "showlegend": False,
        "marker": {"symbol": hsym, "size": 9, "color": COLORS["handle"], "line": {"width": 1, "color": "white"}},
    }
    points = {
        "type": kind, "mode": "markers", "x": px, "y": py, "customdata": pid, "hovertext": ptext,
        "hovertemplate": "%{hovertext}<extra></extra>", "name": "day-precise event", "showlegend": True,
        "marker": {"symbol": "circle", "size": 11, "color": COLORS["point"], "line": {"width": 1.5, "color": "white"}},
    }
    return spans, cores, handles, points


def _conflict_trace(items: Sequence[_Item], gl: bool) -> dict:
    """A warning badge just above each event whose sources give different dates (``Event.alternatives``);
    clicking it selects the event like its mark does."""
    x, y, ids, text = [], [], [], []
    for it in items:
        e = it.event
        if not e.alternatives:
            continue
        x.append(_iso(it.mark))
        y.append(it.y + 0.32)
        ids.append(e.id)
        labels = " / ".join(html.escape(r.label) for r in [e.when, *e.alternatives])
        text.append(f"<b>{html.escape(_shorten(e.title, 90))}</b><br>⚠ {CONFLICT_LABEL}: {labels}")
    return {
        "type": "scattergl" if gl else "scatter", "mode": "markers", "x": x, "y": y, "customdata": ids,
        "hovertext": text, "hovertemplate": "%{hovertext}<extra></extra>", "name": f"⚠ {CONFLICT_LABEL}",
        "showlegend": True,
        "marker": {"symbol": "triangle-up", "size": 10, "color": COLORS["conflict"], "line": {"width": 1, "color": "white"}},
    }


def _ring(it: _Item) -> dict:
    """A ring of fixed pixel size around the selected mark.

    It is a layout shape, not a trace, so the browser can move it with a cheap relayout instead of
    recomputing every trace (see assets/timeline.js).
    """
    return {
        "type": "circle", "name": "selected-ring", "xref": "x", "yref": "y", "xsizemode": "pixel",
        "ysizemode": "pixel", "xanchor": _iso(it.mark), "yanchor": it.y, "x0": -11, "x1": 11, "y0": -11, "y1": 11,
        "line": {"color": COLORS["selected"], "width": 2.5}, "layer": "above",
    }


def callout_anchor(fraction: float) -> str:
    """Which side of the mark a callout hangs from, so it stays inside the plot near the edges."""
    return "left" if fraction < 0.35 else "right" if fraction > 0.65 else "center"


def _callout(it: _Item, window: tuple[dt.datetime, dt.datetime]) -> dict:
    frac = (it.mark - window[0]) / (window[1] - window[0]) if window[1] > window[0] else 0.5
    return {
        "x": _iso(it.mark), "y": it.y, "xref": "x", "yref": "y", "text": html.escape(_shorten(it.event.title, 48)),
        "xanchor": callout_anchor(frac),
        "showarrow": True, "arrowhead": 0, "arrowcolor": COLORS["selected"], "ax": 0, "ay": -26,
        "bgcolor": "rgba(255,255,255,0.92)", "bordercolor": COLORS["selected"], "borderwidth": 1, "borderpad": 3,
        "font": {"size": 12, "color": COLORS["selected"]}, "name": "selected-callout",
    }


# -- aggregation -------------------------------------------------------------------------------

_UNITS = [
    ("day", "day", 1), ("week", "week", 7), ("month", "month", 30.44), ("quarter", "quarter", 91.3),
    ("year", "year", 365.25), ("5y", "5 years", 5 * 365.25), ("decade", "decade", 3652.5),
    ("50y", "50 years", 50 * 365.25), ("century", "century", 36525),
]


def bin_unit(window: tuple[dt.datetime, dt.datetime], target: int = 120) -> tuple[str, str]:
    """The smallest calendar unit giving at most ``target`` bins across the window."""
    days = max((window[1] - window[0]).total_seconds() / 86400, 1)
    for key, name, size in _UNITS:
        if days / size <= target:
            return key, name
    return _UNITS[-1][0], _UNITS[-1][1]


def _bin_key(t: dt.datetime, unit: str) -> int:
    """An integer naming the bin of ``unit`` that contains ``t``."""
    if unit == "day":
        return t.toordinal()
    if unit == "week":
        return (t.toordinal() - 1) // 7  # ordinal 1 (0001-01-01) is a Monday
    if unit == "month":
        return t.year * 12 + t.month - 1
    if unit == "quarter":
        return t.year * 4 + (t.month - 1) // 3
    return t.year // {"year": 1, "5y": 5, "decade": 10, "50y": 50, "century": 100}[unit]


def _bin_bounds(key: int, unit: str) -> tuple[dt.datetime, dt.datetime]:
    def month(k: int) -> dt.datetime:
        return dt.datetime(k // 12, k % 12 + 1, 1)

    if unit == "day":
        a = dt.datetime.fromordinal(key)
        return a, a + dt.timedelta(days=1)
    if unit == "week":
        a = dt.datetime.fromordinal(key * 7 + 1)
        return a, a + dt.timedelta(days=7)
    if unit == "month":
        return month(key), month(key + 1)
    if unit == "quarter":
        return month(key * 3), month(key * 3 + 3)
    years = {"year": 1, "5y": 5, "decade": 10, "50y": 50, "century": 100}[unit]
    return dt.datetime(max(key * years, 1), 1, 1), dt.datetime(min(key * years + years, 9999), 1, 1)


def _bins_trace(index: TimelineIndex, events: Sequence[Event], lanes: Sequence[str], bases: Mapping[str, float],
                lane_by: str, window: tuple[dt.datetime, dt.datetime]) -> dict:
    unit, unit_name = bin_unit(window)
    lane_set = set(lanes)
    lanes_by_id = index.lanes(lane_by)
    counts: dict[tuple[str, int], int] = {}
    mid = index.mid
    for e in events:
        key = _bin_key(mid(e.id), unit)
        mine = lanes_by_id[e.id]
        if len(mine) == 1:
            lane = mine[0] if mine[0] in lane_set else "(other)"
            counts[(lane, key)] = counts.get((lane, key), 0) + 1
            continue
        for lane in dict.fromkeys(_lane_key(k, lanes, lane_set) for k in mine):
            counts[(lane, key)] = counts.get((lane, key), 0) + 1
    top = max(counts.values(), default=1)
    x, y, size, color, text, custom = [], [], [], [], [], []
    titles = {lane: html.escape(index.lane_title(lane, lane_by)) for lane in lanes}
    for (lane, key), c in counts.items():
        a, b = _bin_bounds(key, unit)
        x.append(_iso(a + (b - a) / 2))
        y.append(bases[lane])
        size.append(round(6 + 26 * math.sqrt(c / top), 1))
        color.append(c)
        text.append(f"<b>{c:,} event{'s' if c != 1 else ''}</b><br>{_iso(a)} to {_iso(b)}<br>{titles[lane]}"
                    "<br>click to zoom in")
        custom.append(f"bin|{_iso(a)}|{_iso(b)}")
    return {
        # SVG while the bubbles are few enough: the range slider can only draw SVG traces
        "type": "scatter" if len(x) <= 1500 else "scattergl",
        "mode": "markers", "x": x, "y": y, "customdata": custom, "hovertext": text,
        "hovertemplate": "%{hovertext}<extra></extra>", "name": f"events per {unit_name}", "showlegend": True,
        "marker": {"size": size, "color": color, "colorscale": [[0, "#c6dbef"], [1, "#08306b"]], "cmin": 0,
                   "cmax": top, "line": {"width": 0.5, "color": "#1e3a8a"}, "opacity": 0.9},
    }


# -- layout ------------------------------------------------------------------------------------


def _layout(index, lanes, rows, bases, lane_by, total_rows, options, full, annotations, subtitle) -> dict:
    tickvals = [bases[lane] + (rows[lane] - 1) / 2 for lane in lanes]
    ticktext = [html.escape(_shorten(index.lane_title(lane, lane_by), 26)) for lane in lanes]
    shapes = []
    for i, lane in enumerate(lanes):
        if i % 2 == 0:
            shapes.append({
                "type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "layer": "below", "line": {"width": 0},
                "y0": bases[lane] - 0.5 - LANE_GAP / 2 + 0.0, "y1": bases[lane] + rows[lane] - 0.5 + LANE_GAP / 2,
                "fillcolor": COLORS["band"],
            })
    plot_h = max(150, min(520, 34 * total_rows + 40))
    height = plot_h + 150 if options.rangeslider else plot_h + 90
    xaxis = {
        "type": "date", "showgrid": True, "gridcolor": COLORS["grid"], "linecolor": "#9ca3af", "ticks": "outside",
        "tickcolor": "#9ca3af", "automargin": True, "hoverformat": "%d %b %Y",
    }
    if options.rangeslider:
        xaxis["rangeslider"] = {"visible": True, "thickness": 0.1, "bgcolor": "#f8fafc", "bordercolor": "#cbd5e1",
                                "borderwidth": 1, "range": [_iso(full[0]), _iso(full[1])]}
    if options.x_range is not None:
        xaxis["range"] = [_iso(options.x_range[0]), _iso(options.x_range[1])]
    else:
        xaxis["range"] = [_iso(full[0]), _iso(full[1])]
    layout = {
        "uirevision": options.uirevision,
        "height": height,
        "margin": {"l": 10, "r": 16, "t": 56 if subtitle else 40, "b": 10},
        "font": {"family": FONT, "size": 13, "color": COLORS["text"]},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "dragmode": "pan",
        "hovermode": "closest",
        "clickmode": "event",
        "hoverlabel": {"bgcolor": "white", "bordercolor": "#94a3b8", "font": {"size": 13, "family": FONT}, "align": "left"},
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                   "font": {"size": 12}, "itemclick": False, "itemdoubleclick": False},
        "xaxis": xaxis,
        "yaxis": {
            "tickvals": tickvals, "ticktext": ticktext, "fixedrange": True, "showgrid": False, "zeroline": False,
            "range": [total_rows - 0.5 + 0.3, -0.8], "automargin": True, "ticks": "", "tickfont": {"size": 12},
        },
        "shapes": shapes,
        "annotations": annotations,
    }
    if subtitle:
        layout["title"] = {"text": html.escape(subtitle), "font": {"size": 12, "color": "#6b7280"}, "x": 1,
                           "xanchor": "right", "y": 0.99, "yanchor": "top"}
    return layout

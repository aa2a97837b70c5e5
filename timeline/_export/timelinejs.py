"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html).

Dates keep the event's real precision: a month event has ``{year, month}`` only, a season or
quarter becomes a start month and an end month, a day event ``{year, month, day}``.
``display_date`` is the article's own wording ("In late December"). TimelineJS treats
``headline`` and ``text`` as HTML (it sanitises them), so article text is escaped here.
"""

from __future__ import annotations

import datetime as dt
import html

from .._models import Timeline
from .._timex import value_interval
from ._view import EventView, Passage, event_views

_UNIT_FIELDS = {
    "year": ("year",), "decade": ("year",), "century": ("year",), "millennium": ("year",),
    "half": ("year", "month"), "quarter": ("year", "month"), "season": ("year", "month"), "month": ("year", "month"),
    "week": ("year", "month", "day"), "weekend": ("year", "month", "day"), "day": ("year", "month", "day"),
    "part_of_day": ("year", "month", "day", "hour"), "hour": ("year", "month", "day", "hour"),
    "minute": ("year", "month", "day", "hour", "minute"), "second": ("year", "month", "day", "hour", "minute", "second"),
}


def _date(moment: dt.datetime, granularity: str) -> dict:
    return {name: getattr(moment, name) for name in _UNIT_FIELDS.get(granularity, ("year", "month", "day"))}


def _last_instant(start: dt.datetime, end: dt.datetime, granularity: str) -> dt.datetime:
    """The start of the last unit inside [start, end): the last month of a season, the last day of a week."""
    if granularity in ("year", "decade", "century", "millennium"):
        return dt.datetime(end.year - 1, 1, 1)
    if granularity in ("month", "season", "quarter", "half"):
        prev = end - dt.timedelta(days=1)
        return dt.datetime(prev.year, prev.month, 1)
    return end - dt.timedelta(seconds=1) if granularity in ("second", "minute", "hour", "part_of_day") else end - dt.timedelta(days=1)


def date_objects(view: EventView) -> tuple[dict, dict | None]:
    """TimelineJS start_date and end_date (None when the date is a single unit)."""
    when = view.event.when
    first = value_interval(when.value)
    s, e, g = first
    start = _date(s, g)
    if when.until is not None:
        ls, le, lg = value_interval(when.until)
        end = _date(ls, lg)
    elif g in ("season", "quarter", "half", "week", "weekend", "decade", "century", "millennium", "part_of_day"):
        end = _date(_last_instant(s, e, g), g)
    else:
        end = None
    return start, (end if end != start else None)


def _quote_html(p: Passage) -> str:
    parts, in_sentence = [], False
    for piece in p.pieces:
        if piece.sentence != in_sentence:
            parts.append("<strong>" if piece.sentence else "</strong>")
            in_sentence = piece.sentence
        text = html.escape(piece.text)
        parts.append(f"<mark>{text}</mark>" if piece.expression else text)
    if in_sentence:
        parts.append("</strong>")
    cite = html.escape(p.document_title)
    if p.url and p.url.lower().startswith(("http://", "https://")):
        cite = f'<a href="{html.escape(p.url, quote=True)}" target="_blank" rel="noopener">{cite}</a>'
    return f"<blockquote>{''.join(parts)}</blockquote><p>— {cite}, paragraph {p.paragraph}</p>"


def slide(view: EventView) -> dict:
    e = view.event
    start, end = date_objects(view)
    out: dict = {"start_date": start}
    if end is not None:
        out["end_date"] = end
    out["display_date"] = view.wording
    out["text"] = {"headline": html.escape(e.title), "text": "".join(_quote_html(p) for p in view.passages)}
    if e.tags:
        out["group"] = e.tags[0]
    out["unique_id"] = e.id
    return out


def to_timelinejs(timeline: Timeline, title: str | None = None) -> dict:
    """The TimelineJS3 data object. Undated events (no place on the time line) are left out."""
    views = event_views(timeline)
    data: dict = {}
    title = title if title is not None else timeline.title
    if title:
        n = sum(1 for v in views if v.dated)
        sources = ", ".join(html.escape(d.title or d.id) for d in timeline.documents)
        data["title"] = {"text": {"headline": html.escape(title),
                                  "text": f"{n} dated event{'s' if n != 1 else ''} from {sources}"}}
    data["events"] = [slide(v) for v in views if v.dated]
    return data

"""iCalendar (RFC 5545) export through the ``icalendar`` library.

Each dated event is a VEVENT whose UID is the event id. Dates known to the day or more
coarsely are all-day entries (``DTSTART;VALUE=DATE`` .. ``DTEND;VALUE=DATE``, end exclusive as
the standard wants): a month event covers the whole month, "late December" too (the mod is
said in words in the description; calendars have no notion of "late"). Times of day are
floating local date-times. The description quotes the sentence the event comes from.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as VEvent

from .._models import Timeline
from .._timex import format_when
from ._view import EventView, event_views

_TIMED = {"part_of_day", "hour", "minute", "second"}


def _description(view: EventView) -> str:
    e = view.event
    lines = [e.when.label + (f" — “{view.wording}”" if view.wording and view.wording != e.when.label else "")]
    for p in view.passages:
        lines.append("")
        lines.append(f"“{p.sentence or p.quote}”")
        lines.append(f"— {p.document_title}, paragraph {p.paragraph}" + (f" ({p.url})" if p.url else ""))
    if e.notes:
        lines += ["", f"Notes: {e.notes}"]
    return "\n".join(lines)


def vevent(view: EventView, stamp: dt.datetime) -> VEvent:
    e = view.event
    ve = VEvent()
    ve.add("uid", e.id)
    ve.add("dtstamp", stamp)
    ve.add("summary", e.title)
    start, end = e.when.start, e.when.end
    if e.when.granularity in _TIMED and e.when.until is None:
        ve.add("dtstart", start)
        ve.add("dtend", end)
    else:
        ve.add("dtstart", start.date())
        ve.add("dtend", end.date() if end.time() == dt.time() else end.date() + dt.timedelta(days=1))
    ve.add("description", _description(view))
    if e.tags:
        ve.add("categories", list(e.tags))
    urls = [p.url for p in view.passages if p.url and p.url.lower().startswith(("http://", "https://"))]
    if urls:
        ve.add("url", urls[0])
    ve.add("x-timeline-when", format_when(e.when))
    if e.when.mod in ("APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"):
        ve.add("status", "TENTATIVE")
    return ve


def to_ics(timeline: Timeline, title: str | None = None, stamp: dt.datetime | None = None) -> bytes:
    """The calendar as bytes (CRLF lines, folded). Undated events are left out."""
    cal = Calendar()
    cal.add("prodid", "-//timeline//timeline export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = title if title is not None else timeline.title
    if name:
        cal.add("x-wr-calname", name)
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for view in event_views(timeline):
        if view.dated:
            cal.add_component(vevent(view, stamp))
    return cal.to_ical()

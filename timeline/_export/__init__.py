"""Exports of a timeline: one offline HTML page, TimelineJS3 JSON, CSV (and its import),
iCalendar, TimeML, and PNG/SVG of the figure.

``render(timeline, fmt)`` gives any of them as bytes; the modules hold the details.
"""

from __future__ import annotations

import json
from pathlib import Path

from .._errors import UsageError
from .._models import Timeline
from .csv_io import mark_edits, read_csv, read_csv_text, write_csv
from .html import render_html, write_html
from .ics import to_ics
from .image import render_image
from .timelinejs import to_timelinejs
from .timeml import to_timeml

FORMATS = ("html", "timelinejs", "csv", "ics", "timeml", "png", "svg")
BINARY_FORMATS = ("png",)
SUFFIXES = {
    ".html": "html", ".htm": "html", ".json": "timelinejs", ".csv": "csv", ".ics": "ics", ".ical": "ics",
    ".xml": "timeml", ".tml": "timeml", ".timeml": "timeml", ".png": "png", ".svg": "svg",
}

__all__ = [
    "FORMATS", "SUFFIXES", "export", "format_for", "mark_edits", "read_csv", "read_csv_text", "render", "render_html",
    "render_image", "to_ics", "to_timelinejs", "to_timeml", "write_csv", "write_html",
]


def format_for(path: str | Path) -> str:
    """The export format a file name asks for (``story.ics`` -> ``ics``)."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise UsageError(f"cannot tell the export format from {Path(path).name!r}: use --format or one of {known}")
    return SUFFIXES[suffix]


def render(timeline: Timeline, fmt: str, title: str | None = None, plotly_js: str = "compressed") -> bytes:
    """The timeline in format ``fmt`` as bytes (UTF-8 for the text formats)."""
    if fmt == "html":
        return render_html(timeline, title, plotly_js).encode("utf-8")
    if fmt == "timelinejs":
        return (json.dumps(to_timelinejs(timeline, title), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        return write_csv(timeline).encode("utf-8")
    if fmt == "ics":
        return to_ics(timeline, title)
    if fmt == "timeml":
        return to_timeml(timeline).encode("utf-8")
    if fmt in ("png", "svg"):
        return render_image(timeline, fmt, title)
    raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def export(timeline: Timeline, path: str | Path, fmt: str | None = None, title: str | None = None,
           plotly_js: str = "compressed") -> int:
    """Write ``timeline`` to ``path`` in ``fmt`` (default: from the file's suffix); returns the size in bytes.

    >>> export(timeline, "story.html")   # doctest: +SKIP
    """
    data = render(timeline, fmt or format_for(path), title=title, plotly_js=plotly_js)
    Path(path).write_bytes(data)
    return len(data)

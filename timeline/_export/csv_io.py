"""Events as CSV, one row per event, and back.

The round trip is lossless: ``read_csv(write_csv(events)) == events``. Columns named in
``DERIVED`` are written for people reading the sheet (plain-words date, interval, the
sentence) and ignored on import; ``when`` is the date that counts.

Lists (tags, actors) are ``;``-separated, or a JSON array when an item itself contains ``;``.
Further sources beyond the first are a JSON list in ``more_sources``. Text that a spreadsheet
would run as a formula (starting with ``= + - @``, a tab or a carriage return) is written with a
leading ``'``, which the import removes again.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from pydantic import ValidationError

from .._errors import Problem, SeedError
from .._models import Event, SourceRef, Span, Timeline
from .._timex import DateReading, format_when, parse_when
from ._view import iso, passage, sorted_events

COLUMNS = [
    "id", "title", "when", "date_text", "label", "start", "end", "granularity", "mod",
    "tags", "actors", "notes", "origin", "stale", "alternatives",
    "document", "paragraph", "sentence_start", "sentence_end", "expression_start", "expression_end", "quote",
    "sentence", "more_sources",
]
DERIVED = {"label", "start", "end", "granularity", "mod", "sentence"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA) else text


def _uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def _list_cell(items: list[str]) -> str:
    if not items:
        return ""
    plain = all(i and ";" not in i and i == i.strip() and not i.startswith(("[", "'")) and "\n" not in i for i in items)
    return "; ".join(items) if plain else json.dumps(items, ensure_ascii=False)


def _read_list(cell: str) -> list[str]:
    cell = cell.strip()
    if not cell:
        return []
    if cell.startswith("["):
        value = json.loads(cell)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("expected a JSON list of strings")
        return value
    return [part.strip() for part in cell.split(";") if part.strip()]


def _alternatives_cell(readings: list[DateReading]) -> str:
    if not readings:
        return ""
    if all(r.text is None for r in readings):
        return "; ".join(format_when(r) for r in readings)
    return json.dumps([{"when": format_when(r), "text": r.text} for r in readings], ensure_ascii=False)


def _read_alternatives(cell: str) -> list[DateReading]:
    cell = cell.strip()
    if not cell:
        return []
    if cell.startswith("["):
        out = []
        for item in json.loads(cell):
            reading = parse_when(item["when"])
            reading.text = item.get("text")
            out.append(reading)
        return out
    return [parse_when(part) for part in cell.split(";") if part.strip()]


def event_row(event: Event, timeline: Timeline | None = None) -> dict[str, str]:
    """The CSV row of one event (all cells as text)."""
    when = event.when
    first = event.sources[0] if event.sources else None
    docs = {d.id: d for d in timeline.documents} if timeline else {}
    row = {
        "id": event.id,
        "title": event.title,
        "when": format_when(when),
        "date_text": when.text or "",
        "label": when.label,
        "start": iso(when.start) or "",
        "end": iso(when.end) or "",
        "granularity": when.granularity or "",
        "mod": when.mod or "",
        "tags": _list_cell(event.tags),
        "actors": _list_cell(event.actors),
        "notes": event.notes,
        "origin": event.origin,
        "stale": "true" if event.stale else "false",
        "alternatives": _alternatives_cell(event.alternatives),
        "document": first.document if first else "",
        "paragraph": str(first.paragraph) if first else "",
        "sentence_start": str(first.sentence.start) if first else "",
        "sentence_end": str(first.sentence.end) if first else "",
        "expression_start": str(first.expression.start) if first and first.expression else "",
        "expression_end": str(first.expression.end) if first and first.expression else "",
        "quote": first.quote if first else "",
        "sentence": passage(docs.get(first.document), first).sentence if first and docs.get(first.document) else "",
        "more_sources": json.dumps([s.model_dump(mode="json") for s in event.sources[1:]], ensure_ascii=False)
        if len(event.sources) > 1 else "",
    }
    return {k: _cell(v) for k, v in row.items()}


def write_csv(timeline: Timeline) -> str:
    """All events of a timeline as CSV text, ordered by date."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in sorted_events(timeline):
        writer.writerow(event_row(event, timeline))
    return out.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "event"


def _int(cell: str, name: str) -> int | None:
    cell = cell.strip()
    if not cell:
        return None
    if not re.fullmatch(r"\d+", cell):
        raise ValueError(f"{name} must be a whole number, not {cell!r}")
    return int(cell)


def _row_event(row: dict[str, str]) -> Event:
    get = lambda name: _uncell(row.get(name) or "")  # noqa: E731
    when = parse_when(get("when"))
    when.text = get("date_text") or None
    sources = []
    if get("document").strip():
        s_start, s_end = _int(get("sentence_start"), "sentence_start"), _int(get("sentence_end"), "sentence_end")
        e_start, e_end = _int(get("expression_start"), "expression_start"), _int(get("expression_end"), "expression_end")
        paragraph = _int(get("paragraph"), "paragraph")
        if paragraph is None or s_start is None or s_end is None:
            raise ValueError("a source needs paragraph, sentence_start and sentence_end")
        sources.append(SourceRef(
            document=get("document"), paragraph=paragraph, sentence=Span(start=s_start, end=s_end),
            expression=Span(start=e_start, end=e_end) if e_start is not None and e_end is not None else None,
            quote=get("quote"),
        ))
    if get("more_sources").strip():
        sources.extend(SourceRef.model_validate(s) for s in json.loads(get("more_sources")))
    stale = get("stale").strip().lower()
    if stale not in ("", "true", "false", "yes", "no", "1", "0"):
        raise ValueError(f"stale must be true or false, not {stale!r}")
    title = get("title")
    eid = get("id") if get("id").strip() else f"{_slug(title)}-{_slug(when.value)}"
    return Event(
        id=eid,
        title=title,
        when=when,
        sources=sources,
        tags=_read_list(get("tags")),
        actors=_read_list(get("actors")),
        notes=get("notes"),
        origin=get("origin").strip() or ("extracted" if get("id").strip() else "manual"),
        stale=stale in ("true", "yes", "1"),
        alternatives=_read_alternatives(get("alternatives")),
    )


def read_csv_text(text: str, file: str = "<csv>") -> list[Event]:
    """Events from CSV text; every bad row is reported (SeedError), not just the first."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = reader.fieldnames or []
    missing = [c for c in ("title", "when") if c not in header]
    if missing:
        raise SeedError([Problem(file, 1, 1, "", f"missing column(s) {', '.join(missing)}; "
                                                f"expected a header with at least title and when")])
    events, problems, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        if None in row:
            problems.append(Problem(file, line, len(header) + 1, "", "more cells than header columns"))
            continue
        if not any((v or "").strip() for v in row.values()):
            continue
        try:
            event = _row_event(row)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(x) for x in err["loc"]) or ""
            col = header.index(field) + 1 if field in header else 1
            problems.append(Problem(file, line, col, field, err["msg"]))
            continue
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(Problem(file, line, 1, "", str(exc) or type(exc).__name__))
            continue
        if event.id in seen:
            problems.append(Problem(file, line, header.index("id") + 1 if "id" in header else 1, "id",
                                    f"duplicate id {event.id!r} (first on line {seen[event.id]})"))
            continue
        seen[event.id] = line
        events.append(event)
    if problems:
        raise SeedError(problems)
    return events


def read_csv(path: str | Path) -> list[Event]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SeedError([Problem(str(path), 0, 0, "", f"cannot read: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SeedError([Problem(str(path), 1, 1, "", "not UTF-8 text (save the sheet as 'CSV UTF-8')")]) from None
    return read_csv_text(text, str(path))


def _content(event: Event) -> dict:
    return event.model_dump(mode="json", exclude={"origin", "stale"})


def mark_edits(imported: list[Event], previous: list[Event]) -> list[Event]:
    """Record the edits made in the sheet: an extracted event that changed becomes ``edited``,
    one whose id the seed file did not have becomes ``manual``."""
    before = {e.id: e for e in previous}
    out = []
    for event in imported:
        old = before.get(event.id)
        if old is None and event.origin == "extracted":
            event = event.model_copy(update={"origin": "manual"})
        elif old is not None and event.origin == "extracted" and _content(event) != _content(old):
            event = event.model_copy(update={"origin": "edited"})
        out.append(event)
    return out

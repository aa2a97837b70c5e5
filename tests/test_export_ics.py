"""iCalendar export, read back with the icalendar library."""

from __future__ import annotations

import datetime as dt

import icalendar

from export_sample import hostile_timeline, kursk_timeline
from timeline._export.ics import to_ics
from timeline._timex import parse_when


def _events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_parses_with_icalendar_and_has_every_dated_event():
    data = to_ics(kursk_timeline())
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    evs = _events(data)
    assert set(evs) == {"treaty-2024-06", "repel-2025-sp", "expelled-2025-04", "museum-2025-08", "blood-2025-12",
                        "images-2026-01-16"}
    assert all("DTSTAMP" in e for e in evs.values())


def test_all_day_entries_at_the_event_precision():
    data = to_ics(kursk_timeline())
    evs = _events(data)
    day = evs["images-2026-01-16"]
    assert day.decoded("DTSTART") == dt.date(2026, 1, 16) and day.decoded("DTEND") == dt.date(2026, 1, 17)
    month = evs["treaty-2024-06"]
    assert month.decoded("DTSTART") == dt.date(2024, 6, 1) and month.decoded("DTEND") == dt.date(2024, 7, 1)
    season = evs["repel-2025-sp"]
    assert season.decoded("DTSTART") == dt.date(2025, 3, 1) and season.decoded("DTEND") == dt.date(2025, 6, 1)
    assert b"DTSTART;VALUE=DATE:20260116" in data
    # dates, not date-times
    assert all(not isinstance(e.decoded("DTSTART"), dt.datetime) for e in evs.values())


def test_description_quotes_the_source_sentence():
    evs = _events(to_ics(kursk_timeline()))
    desc = str(evs["blood-2025-12"]["DESCRIPTION"])
    assert desc.startswith("December 2025 (late) — “In late December”")
    assert "“In late December, Kim told Russian President Vladimir Putin”" in desc
    assert "paragraph 17" in desc and "Notes: Reported by KCNA" in desc
    assert str(evs["blood-2025-12"]["SUMMARY"]) == "Kim tells Putin ties strengthened by “sharing blood”"


def test_times_of_day_and_undated_events():
    t = kursk_timeline()
    t.events[0].when = parse_when("2025-04-02T14:30")
    t.events[1].when = parse_when("XXXX-08")
    evs = _events(to_ics(t))
    assert evs["treaty-2024-06"].decoded("DTSTART") == dt.datetime(2025, 4, 2, 14, 30)
    assert "repel-2025-sp" not in evs


def test_hostile_text_stays_text():
    evs = _events(to_ics(hostile_timeline()))
    assert str(evs["failed"]["SUMMARY"]) == "Talks <img src=x onerror=window.__pwned=8> fail"
    assert "URL" not in evs["failed"]  # javascript: is not a link

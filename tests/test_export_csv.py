"""CSV export and import: one row per event, and a lossless round trip."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export_sample import kursk_timeline
from timeline._errors import SeedError
from timeline._export.csv_io import COLUMNS, mark_edits, read_csv, read_csv_text, write_csv
from timeline._models import Event, SourceRef, Span, Timeline
from timeline._timex import parse_when


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_event_with_readable_columns():
    text = write_csv(kursk_timeline())
    rows = _rows(text)
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 6
    blood = next(r for r in rows if r["id"] == "blood-2025-12")
    assert blood["when"] == "late 2025-12" and blood["label"] == "December 2025 (late)"
    assert blood["start"] == "2025-12-01" and blood["end"] == "2026-01-01" and blood["granularity"] == "month"
    assert blood["mod"] == "LATE" and blood["origin"] == "edited" and blood["paragraph"] == "17"
    assert blood["quote"] == "In late December" and blood["sentence"].startswith("In late December, Kim told")
    assert blood["date_text"] == "In late December"


def test_round_trip_is_lossless_for_the_sample():
    t = kursk_timeline()
    assert read_csv_text(write_csv(t)) == sorted(t.events, key=lambda e: e.when.sort_key[:3])


def test_spreadsheet_formulas_are_defused_and_restored():
    t = kursk_timeline()
    t.events[0].title = "=HYPERLINK(\"http://evil\",\"x\")"
    t.events[0].notes = "'quoted already"
    t.events[0].tags = ["+1", "@home", "-minus"]
    row = _rows(write_csv(t))[0]
    assert row["title"].startswith("'=") and row["notes"] == "''quoted already"
    assert read_csv_text(write_csv(t))[0] == t.events[0]


def test_derived_columns_are_ignored_and_edits_read():
    text = write_csv(kursk_timeline())
    rows = _rows(text)
    rows[0]["title"] = "Treaty signed"
    rows[0]["when"] = "mid 2024-06"
    rows[0]["start"] = "1999-01-01"  # derived: ignored
    rows.append({c: "" for c in COLUMNS} | {"title": "Museum opens", "when": "2026"})
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS)
    w.writeheader()
    w.writerows(rows)
    events = read_csv_text(out.getvalue())
    assert events[0].title == "Treaty signed" and str(events[0].when) == "mid 2024-06"
    assert events[0].when.start.year == 2024
    new = events[-1]
    assert new.origin == "manual" and new.id == "museum-opens-2026" and new.sources == []


def test_mark_edits_records_changed_and_new_events():
    old = kursk_timeline().events
    new = [e.model_copy(deep=True) for e in old]
    new[0].title = "Treaty signed"
    new.append(Event(id="x", title="New", when="2026"))
    marked = {e.id: e.origin for e in mark_edits(new, old)}
    assert marked["treaty-2024-06"] == "edited"
    assert marked["repel-2025-sp"] == "extracted"
    assert marked["blood-2025-12"] == "edited"  # was edited before, stays
    assert marked["x"] == "manual"


def test_bad_rows_are_all_reported_with_their_line():
    text = "id,title,when,paragraph,document,sentence_start,sentence_end\n" \
           "a,ok,2025-08,,,,\n" \
           "b,bad date,2025-13,,,,\n" \
           "c,,2025,,,,\n" \
           "a,dup,2025,,,,\n" \
           "d,no span,2025,3,doc,x,\n"
    with pytest.raises(SeedError) as exc:
        read_csv_text(text, "sheet.csv")
    lines = [p.line for p in exc.value.problems]
    assert lines == [3, 4, 5, 6]
    assert all(str(p).startswith("sheet.csv:") for p in exc.value.problems)


def test_missing_columns_and_bad_files(tmp_path):
    with pytest.raises(SeedError, match="missing column"):
        read_csv_text("name,date\nx,2025\n")
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(SeedError, match="not UTF-8"):
        read_csv(binary)
    with pytest.raises(SeedError, match="cannot read"):
        read_csv(tmp_path / "missing.csv")


def test_excel_bom_is_accepted(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes(("\ufeff" + write_csv(kursk_timeline())).encode("utf-8"))
    assert len(read_csv(p)) == 6


# ---- property: any event survives the round trip

_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)
_label = _text.filter(lambda s: s.strip() != "")
_values = st.sampled_from(["2024", "2024-06", "2025-SP", "2025-Q3", "2025-W03", "199", "2026-01-16",
                           "2025-04-01..2025-04-30", "XXXX-08", "2025-12-24T18:30"])
_mods = st.sampled_from([None, "EARLY", "MID", "LATE", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "MORE_THAN"])


@st.composite
def readings(draw):
    r = parse_when(draw(_values))
    r.mod = draw(_mods)
    r.text = draw(st.one_of(st.none(), _label))
    return r


@st.composite
def sources(draw):
    a = draw(st.integers(0, 5000))
    b = a + draw(st.integers(0, 400))
    expr = draw(st.one_of(st.none(), st.tuples(st.integers(a, b), st.integers(0, 50))))
    return SourceRef(document=draw(_label), paragraph=draw(st.integers(1, 99)), sentence=Span(start=a, end=b),
                     expression=Span(start=expr[0], end=expr[0] + expr[1]) if expr else None, quote=draw(_text))


@st.composite
def events(draw):
    return Event(id=draw(_label), title=draw(_label), when=draw(readings()),
                 sources=draw(st.lists(sources(), max_size=3)), tags=draw(st.lists(_text, max_size=3)),
                 actors=draw(st.lists(_text, max_size=3)), notes=draw(_text),
                 origin=draw(st.sampled_from(["extracted", "edited", "manual"])), stale=draw(st.booleans()),
                 alternatives=draw(st.lists(readings(), max_size=2)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events(), max_size=4, unique_by=lambda e: e.id))
def test_round_trip_is_lossless(evs):
    t = Timeline(events=evs)
    back = read_csv_text(write_csv(t))
    assert sorted(back, key=lambda e: e.id) == sorted(evs, key=lambda e: e.id)

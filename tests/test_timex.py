"""TIMEX3 values as intervals, and the seed-file date shorthand."""

import datetime as dt

import pytest
from pydantic import ValidationError

from timeline._timex import DateReading, describe, format_when, is_valid_value, mod_core, parse_when, value_interval

D = dt.datetime


@pytest.mark.parametrize(
    ("value", "start", "end", "granularity"),
    [
        ("2024-06", D(2024, 6, 1), D(2024, 7, 1), "month"),
        ("2024-12", D(2024, 12, 1), D(2025, 1, 1), "month"),
        ("2025-SP", D(2025, 3, 1), D(2025, 6, 1), "season"),
        ("2025-WI", D(2025, 12, 1), D(2026, 3, 1), "season"),
        ("2025-Q3", D(2025, 7, 1), D(2025, 10, 1), "quarter"),
        ("2025-H2", D(2025, 7, 1), D(2026, 1, 1), "half"),
        ("2026-W03", D(2026, 1, 12), D(2026, 1, 19), "week"),
        ("2026-W03-WE", D(2026, 1, 17), D(2026, 1, 19), "weekend"),
        ("2025", D(2025, 1, 1), D(2026, 1, 1), "year"),
        ("199", D(1990, 1, 1), D(2000, 1, 1), "decade"),
        ("20", D(2000, 1, 1), D(2100, 1, 1), "century"),
        ("2026-01-16", D(2026, 1, 16), D(2026, 1, 17), "day"),
        ("2026-01-16TMO", D(2026, 1, 16, 6), D(2026, 1, 16, 12), "part_of_day"),
        ("2026-01-16T09:30", D(2026, 1, 16, 9, 30), D(2026, 1, 16, 9, 31), "minute"),
        ("2024-02-29", D(2024, 2, 29), D(2024, 3, 1), "day"),
        # TimeML's midnight: T24 is the instant that ends the day, i.e. the next day's 00:00
        ("1989-10-27T24", D(1989, 10, 28), D(1989, 10, 28, 0, 1), "minute"),
        ("2025-12-31T24:00", D(2026, 1, 1), D(2026, 1, 1, 0, 1), "minute"),
    ],
)
def test_value_interval(value, start, end, granularity):
    assert value_interval(value) == (start, end, granularity)


@pytest.mark.parametrize("value", ["XXXX-08", "PRESENT_REF", "P3Y", "P1W", "june"])
def test_values_off_the_time_line_have_no_interval(value):
    assert value_interval(value) is None


@pytest.mark.parametrize("value", ["2025-02-29", "2025-13", "2025-00", "2025-W54", "2025-01-01T24:30", "2025-01-01T25"])
def test_impossible_dates_are_invalid(value):
    assert not is_valid_value(value)


@pytest.mark.parametrize("value", ["2025-08", "XXXX-08", "P3Y", "PXY", "PT2H", "P1W", "PAST_REF", "2025-W03", "2025-SP"])
def test_valid_values(value):
    assert is_valid_value(value)


@pytest.mark.parametrize(
    ("text", "value", "until", "mod", "canonical"),
    [
        ("2025-08", "2025-08", None, None, "2025-08"),
        ("late 2025-12", "2025-12", None, "LATE", "late 2025-12"),
        ("2025-12 LATE", "2025-12", None, "LATE", "late 2025-12"),
        ("~2024", "2024", None, "APPROX", "~2024"),
        ("about 2024", "2024", None, "APPROX", "~2024"),
        ("2025-04-01..2025-04-30", "2025-04-01", "2025-04-30", None, "2025-04-01..2025-04-30"),
        ("before 2024-06", "2024-06", None, "BEFORE", "before 2024-06"),
        ("2025-SP", "2025-SP", None, None, "2025-SP"),
    ],
)
def test_parse_when_round_trips(text, value, until, mod, canonical):
    r = parse_when(text)
    assert (r.value, r.until, r.mod) == (value, until, mod)
    assert format_when(r) == canonical
    assert parse_when(canonical) == r


def test_range_interval_spans_both_ends():
    r = parse_when("2025-04-01..2025-04-30")
    assert (r.start, r.end, r.granularity) == (D(2025, 4, 1), D(2025, 5, 1), "day")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-13", "not a valid date"),
        ("2025-02-30", "not a valid date"),
        ("June 2024", "unknown date qualifier"),
        ("2025-05..2025-04", "before its start"),
        ("2025 BOGUS", "unknown TIMEX3 mod"),
    ],
)
def test_parse_when_errors_say_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=message):
        parse_when(text)


def test_reading_from_json_dump_ignores_derived_fields():
    r = parse_when("late 2025-12")
    again = DateReading.model_validate(r.model_dump(mode="json"))
    assert again == r


def test_reading_rejects_durations():
    with pytest.raises(ValidationError, match="duration or set"):
        DateReading(value="P3Y")


def test_mod_core_weights_late_to_last_third():
    start, end = D(2025, 12, 1), D(2026, 1, 1)
    a, b = mod_core(start, end, "LATE")
    assert b == end and a > start + (end - start) / 2
    assert mod_core(start, end, None) == (start, end)


@pytest.mark.parametrize(
    ("value", "mod", "words"),
    [
        ("2025-12", "LATE", "December 2025 (late)"),
        ("2025-SP", None, "spring 2025"),
        ("2026-01-16", None, "16 January 2026"),
        ("199", None, "the 1990s"),
        ("20", None, "the 21st century"),
        ("18", None, "the 19th century"),
        ("2024", "APPROX", "2024 (about)"),
        ("XXXX-08", None, "August (year unknown)"),
    ],
)
def test_describe_in_plain_words(value, mod, words):
    assert describe(value, mod) == words


@pytest.mark.parametrize(
    ("value", "until", "words"),
    [
        ("2026-01-27", "2026-01-28", "27–28 January 2026"),
        ("2025-06", "2025-08", "June–August 2025"),
        ("2019", "2021", "2019 to 2021"),
        ("2025-12-30", "2026-01-02", "30 December 2025 to 2 January 2026"),
        ("2025-05-30", "2025-06-02", "30 May 2025 to 2 June 2025"),
    ],
)
def test_ranges_in_plain_words_say_a_shared_month_or_year_once(value, until, words):
    assert describe(value, None, until) == words

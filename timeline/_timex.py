"""TIMEX3 values as real time: granularity, interval [start, end), and the human date shorthand.

One small pure module: everything that turns a TIMEX3 ``value`` (``2024-06``, ``2025-SP``,
``2025-W03``, ``199``) into the interval it covers, and the compact notation editors write in
seed files (``late 2025-12``, ``~2024``, ``2025-04-01..2025-04-30``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

Granularity = Literal[
    "second",
    "minute",
    "hour",
    "part_of_day",
    "day",
    "weekend",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "millennium",
]

Mod = Literal[
    "EARLY",
    "MID",
    "LATE",
    "START",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
]
MODS: tuple[str, ...] = Mod.__args__  # type: ignore[attr-defined]

SEASONS = {"SP": (3, 6), "SU": (6, 9), "FA": (9, 12), "WI": (12, 15)}  # meteorological, months [start, end)
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
PARTS_OF_DAY = {"MO": (6, 12), "MI": (11, 13), "AF": (12, 18), "EV": (18, 22), "NI": (21, 30), "DT": (8, 18)}
PART_NAMES = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}

_VALUE_RE = re.compile(
    r"""^(?:
      (?P<y>\d{4})(?:
          -(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T(?:(?P<pod>MO|MI|AF|EV|NI|DT)|(?P<H>\d{2})(?::(?P<M>\d{2})(?::(?P<S>\d{2}))?)?))?)?
        | -W(?P<w>\d{2})(?P<we>-WE)?
        | -(?P<season>SP|SU|FA|WI)
        | -Q(?P<q>[1-4])
        | -H(?P<h>[12])
      )?
    | (?P<decade>\d{3})
    | (?P<century>\d{2})
    )$""",
    re.X,
)


class TimexError(ValueError):
    """A value that is not a TIMEX3 date this module understands."""


def _add_months(year: int, month: int, n: int) -> dt.datetime:
    k = year * 12 + (month - 1) + n
    return dt.datetime(k // 12, k % 12 + 1, 1)


def value_interval(value: str) -> tuple[dt.datetime, dt.datetime, Granularity] | None:
    """The interval [start, end) and granularity a TIMEX3 date value covers.

    Returns None for values with no place on the time line: unresolved (``XXXX-08``),
    references (``PRESENT_REF``), durations (``P3Y``). Raises TimexError for impossible dates.
    """
    m = _VALUE_RE.match(value.strip())
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["century"]:
            y = int(g["century"]) * 100
            return dt.datetime(max(y, 1), 1, 1), dt.datetime(y + 100, 1, 1), "century"
        if g["decade"]:
            y = int(g["decade"]) * 10
            return dt.datetime(max(y, 1), 1, 1), dt.datetime(y + 10, 1, 1), "decade"
        y = int(g["y"])
        if y < 1:
            raise TimexError(f"year {y} is out of range")
        if g["season"]:
            a, b = SEASONS[g["season"]]
            return _add_months(y, 1, a - 1), _add_months(y, 1, b - 1), "season"
        if g["q"]:
            q = int(g["q"])
            return _add_months(y, 1, 3 * (q - 1)), _add_months(y, 1, 3 * q), "quarter"
        if g["h"]:
            h = int(g["h"])
            return _add_months(y, 1, 6 * (h - 1)), _add_months(y, 1, 6 * h), "half"
        if g["w"]:
            w = int(g["w"])
            monday = dt.datetime.combine(dt.date.fromisocalendar(y, w, 1), dt.time())
            if g["we"]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=7), "weekend"
            return monday, monday + dt.timedelta(days=7), "week"
        if not g["m"]:
            return dt.datetime(y, 1, 1), dt.datetime(y + 1, 1, 1), "year"
        mo = int(g["m"])
        if not 1 <= mo <= 12:
            raise TimexError(f"month {mo} does not exist")
        if not g["d"]:
            return dt.datetime(y, mo, 1), _add_months(y, mo, 1), "month"
        day = dt.datetime(y, mo, int(g["d"]))
        if g["pod"]:
            a, b = PARTS_OF_DAY[g["pod"]]
            return day + dt.timedelta(hours=a), day + dt.timedelta(hours=b), "part_of_day"
        if g["H"] is None:
            return day, day + dt.timedelta(days=1), "day"
        if int(g["H"]) == 24:  # TIMEX3 "T24": midnight at the end of that day (24:00, never 24:01)
            if int(g["M"] or 0) or int(g["S"] or 0):
                raise TimexError(f"{value}: hour 24 allows only :00")
            start = day + dt.timedelta(days=1)
            return start, start + dt.timedelta(minutes=1), "minute"
        else:
            start = day.replace(hour=int(g["H"]), minute=int(g["M"] or 0), second=int(g["S"] or 0))
        if g["S"] is not None:
            return start, start + dt.timedelta(seconds=1), "second"
        if g["M"] is not None:
            return start, start + dt.timedelta(minutes=1), "minute"
        return start, start + dt.timedelta(hours=1), "hour"
    except (ValueError, OverflowError) as exc:  # datetime's own range checks: 2025-02-30, week 54, 9999-12-31 + 1 day
        if isinstance(exc, TimexError):
            raise
        raise TimexError(f"{value}: {exc}") from None


def is_valid_value(value: str) -> bool:
    """True when ``value`` is a well-formed TIMEX3 value (date, unresolved date, duration, set or reference)."""
    if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return True
    # PXX: an unknown unit ("for a while"); DE/CE (TIMEX2) and E/C/L (TimeBank): decades, centuries, millennia
    if re.fullmatch(r"P(?:T?(?:\d+(?:\.\d+)?|X)[YMWDHS])+|PT?(?:\d+|X)[YMWDHS](?:\d+[YMWDHS])*|P(?:\d+|X)(?:DE|CE|Q|WE|H|Y|M|W|D|E|C|L|X)", value):
        return True
    if "X" in value:
        return bool(re.fullmatch(r"[\dX]{2,4}(?:-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}(?:-WE|-[1-7X])?|SP|SU|FA|WI|Q[1-4X]|H[12X]))?(?:T(?:[\dX]{2}(?::[\dX]{2}){0,2}|MO|MI|AF|EV|NI|DT))?", value))
    try:
        return value_interval(value) is not None
    except TimexError:
        return False


def mod_core(start: dt.datetime, end: dt.datetime, mod: str | None) -> tuple[dt.datetime, dt.datetime]:
    """The part of [start, end) a mod points at: LATE is the last third, EARLY the first, MID the middle."""
    third = (end - start) / 3
    if mod in ("EARLY", "START"):
        return start, start + third
    if mod == "MID":
        return start + third, end - third
    if mod in ("LATE", "END"):
        return end - third, end
    return start, end


class DateReading(BaseModel):
    """An event's date: a TIMEX3 value (optionally a range of two) and a mod.

    Written in seed files as one short string (see :func:`parse_when`); the interval and
    granularity are derived from the value, never stored separately.
    """

    model_config = ConfigDict(extra="forbid")

    value: str = Field(description="TIMEX3 date value: 2025, 2025-08, 2025-SP, 2025-Q3, 2025-W03, 2026-01-16, 199.")
    until: str | None = Field(
        default=None, description="For a range: the TIMEX3 value of its last unit (inclusive), e.g. 2025-04-30."
    )
    mod: Mod | None = Field(default=None, description="TIMEX3 mod: EARLY, MID, LATE, APPROX, BEFORE, AFTER, ...")
    text: str | None = Field(default=None, description="The original wording, e.g. 'In late December'.")

    @model_validator(mode="before")
    @classmethod
    def _drop_derived(cls, data):
        if isinstance(data, str):
            return parse_when(data).model_dump(exclude_none=True)
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if k not in ("granularity", "start", "end", "label")}
        return data

    @model_validator(mode="after")
    def _check(self) -> DateReading:
        if not is_valid_value(self.value):
            raise ValueError(f"{self.value!r} is not a TIMEX3 date value (try 2025, 2025-08, 2025-SP, 2025-08-14)")
        if value_interval(self.value) is None and self.until is None and "X" not in self.value and not self.value.endswith("_REF"):
            raise ValueError(f"{self.value!r} is a duration or set, not a date")
        if self.until is not None:
            first, last = value_interval(self.value), value_interval(self.until)
            if first is None or last is None:
                raise ValueError("both ends of a date range must be dates")
            if last[1] <= first[0]:
                raise ValueError(f"range end {self.until} is before its start {self.value}")
        return self

    @computed_field(description="Precision of the date.")  # type: ignore[prop-decorator]
    @property
    def granularity(self) -> Granularity | None:
        iv = value_interval(self.value)
        if iv is None:
            return None
        if self.until is not None:
            last = value_interval(self.until)
            return last[2] if last else iv[2]
        return iv[2]

    @computed_field(description="First instant the date covers (inclusive), if it is on the time line.")  # type: ignore[prop-decorator]
    @property
    def start(self) -> dt.datetime | None:
        iv = value_interval(self.value)
        return iv[0] if iv else None

    @computed_field(description="Instant after the last one the date covers (exclusive).")  # type: ignore[prop-decorator]
    @property
    def end(self) -> dt.datetime | None:
        iv = value_interval(self.until or self.value)
        return iv[1] if iv else None

    @computed_field(description="The date in plain words, e.g. 'December 2025 (late)'.")  # type: ignore[prop-decorator]
    @property
    def label(self) -> str:
        return describe(self.value, self.mod, self.until)

    def __str__(self) -> str:
        return format_when(self)

    @property
    def sort_key(self) -> tuple:
        """Orders readings by start, then by precision (finer first), unresolved last."""
        s, e = self.start, self.end
        if s is None:
            return (1, dt.datetime.max, dt.timedelta(0), self.value)
        return (0, s, e - s, self.value)


_WORD_MODS = {
    "early": "EARLY", "mid": "MID", "late": "LATE", "start": "START", "end": "END",
    "~": "APPROX", "about": "APPROX", "approx": "APPROX", "approximately": "APPROX", "circa": "APPROX", "c.": "APPROX",
    "before": "BEFORE", "after": "AFTER", "by": "ON_OR_BEFORE", "since": "ON_OR_AFTER",
}
_MOD_WORDS = {"EARLY": "early", "MID": "mid", "LATE": "late", "START": "start", "END": "end", "APPROX": "~",
              "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "by", "ON_OR_AFTER": "since"}

_WHEN_RE = re.compile(
    r"^\s*(?:(?P<word>~|[A-Za-z.]+(?=\s))\s*)?(?P<value>[0-9X][0-9A-Z:-]*)\s*(?:\.\.\s*(?P<until>[0-9][0-9A-Z:-]*))?\s*(?:\(?(?P<mod>[A-Z_]{3,})\)?)?\s*$"
)


def parse_when(text: str) -> DateReading:
    """Parse the seed-file date shorthand.

    >>> str(parse_when("late 2025-12")), parse_when("~2024").mod, parse_when("2025-04-01..2025-04-30").until
    ('late 2025-12', 'APPROX', '2025-04-30')
    """
    if not isinstance(text, str):
        raise ValueError("a date must be written as text, e.g. '2025-08' or 'late 2025-12'")
    m = _WHEN_RE.match(text)
    if not m:
        raise ValueError(
            f"cannot read date {text!r}: write a TIMEX3 value such as 2025, 2025-08, 2025-SP, 2025-08-14, "
            "optionally with early/mid/late/~/before/after, or a range 2025-04-01..2025-04-30"
        )
    mod = None
    if m["word"]:
        mod = _WORD_MODS.get(m["word"].lower())
        if mod is None:
            raise ValueError(f"unknown date qualifier {m['word']!r} in {text!r} (use early, mid, late, ~, before, after)")
    if m["mod"]:
        if m["mod"] not in MODS:
            raise ValueError(f"unknown TIMEX3 mod {m['mod']!r} in {text!r}")
        mod = m["mod"]
    for v in (m["value"], m["until"]):
        if v is not None and not is_valid_value(v):
            raise ValueError(f"{v!r} is not a valid date (in {text!r})")
    return DateReading(value=m["value"], until=m["until"], mod=mod)


def format_when(reading: DateReading) -> str:
    """The seed-file shorthand for a reading (inverse of :func:`parse_when`)."""
    s = reading.value if reading.until is None else f"{reading.value}..{reading.until}"
    if reading.mod is None:
        return s
    word = _MOD_WORDS.get(reading.mod)
    if word == "~":
        return "~" + s
    if word:
        return f"{word} {s}"
    return f"{s} {reading.mod}"


_MOD_PHRASES = {"EARLY": "early", "MID": "mid", "LATE": "late", "START": "start", "END": "end",
                "APPROX": "about", "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "on or before",
                "ON_OR_AFTER": "on or after", "LESS_THAN": "less than", "MORE_THAN": "more than",
                "EQUAL_OR_LESS": "at most", "EQUAL_OR_MORE": "at least"}


def _describe_value(value: str) -> str:
    if value.endswith("_REF"):
        return {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}.get(value, value)
    try:
        iv = value_interval(value)
    except TimexError:
        iv = None
    if iv is None:
        m = re.fullmatch(r"XXXX-(\d{2})(?:-(\d{2}))?", value)
        if m and 1 <= int(m[1]) <= 12:
            return (f"{int(m[2])} " if m[2] else "") + calendar.month_name[int(m[1])] + " (year unknown)"
        return value
    start, _, gran = iv
    if gran == "century":
        n = start.year // 100 + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"the {n}{suffix} century"
    if gran == "decade":
        return f"the {start.year}s"
    if gran == "year":
        return str(start.year)
    if gran == "half":
        return f"{'first' if start.month == 1 else 'second'} half of {start.year}"
    if gran == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if gran == "season":
        return f"{SEASON_NAMES[value[5:7]]} {value[:4]}"
    if gran == "month":
        return f"{calendar.month_name[start.month]} {start.year}"
    if gran in ("week", "weekend"):
        return f"{'weekend' if gran == 'weekend' else 'week'} of {start.day} {calendar.month_name[start.month]} {start.year}"
    day = f"{start.day} {calendar.month_name[start.month]} {start.year}"
    if gran == "day":
        return day
    if gran == "part_of_day":
        return f"{day}, {PART_NAMES[value[11:13]]}"
    return f"{day}, {start:%H:%M}" + (f":{start:%S}" if gran == "second" else "")


def _describe_range(value: str, until: str) -> str | None:
    """A compact range when both ends share their month or year: "27–28 January 2026", "June–August 2025"."""
    try:
        a, b = value_interval(value), value_interval(until)
    except TimexError:
        return None
    if a is None or b is None or a[2] != b[2] or a[0].year != b[0].year:
        return None
    if a[2] == "day" and a[0].month == b[0].month:
        return f"{a[0].day}–{b[0].day} {calendar.month_name[a[0].month]} {a[0].year}"
    if a[2] == "month":
        return f"{calendar.month_name[a[0].month]}–{calendar.month_name[b[0].month]} {a[0].year}"
    return None


def describe(value: str, mod: str | None = None, until: str | None = None) -> str:
    """A date in plain words: ``describe('2025-12', 'LATE')`` -> ``'December 2025 (late)'``."""
    s = _describe_value(value)
    if until:
        s = _describe_range(value, until) or f"{s} to {_describe_value(until)}"
    if mod:
        s = f"{s} ({_MOD_PHRASES.get(mod, mod.lower())})"
    return s

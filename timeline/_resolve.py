"""Resolution of relative and underspecified dates: pure functions of a reference date and tense.

The tagger decides *what* an expression says ("August", "last year", "Friday", "two weeks
ago"); this module decides *which* August, year or Friday, given the document creation time
(DCT), the last date the narrative mentioned, and the tense of the sentence.  Nothing here
reads text or the clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Tense = Literal["past", "present", "future"] | None

SEASON_CODES = ("SP", "SU", "FA", "WI")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    """A DCT given as date, datetime or ``YYYY-MM-DD...`` string, as a date (None stays None)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return dt.date.fromisoformat(s[:10])
        except ValueError:
            raise ValueError(f"bad document date {value!r}: expected YYYY-MM-DD") from None
    raise TypeError(f"document date must be a date, datetime or YYYY-MM-DD string, not {type(value).__name__}")


def _ok_year(y: int) -> bool:
    return 1 <= y <= 9999


def fmt_day(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def add_months(d: dt.date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def shift(ref: dt.date, unit: str, n: int) -> str | None:
    """The value of the ``unit`` that is ``n`` units from the one containing ``ref``.

    ``shift(2026-01-16, "year", -1)`` is ``2025``; units: day, week, weekend, month, quarter, half,
    season, year, decade, century.  None when the result leaves years 1..9999.
    """
    try:
        if unit == "day":
            return fmt_day(ref + dt.timedelta(days=n))
        if unit in ("week", "weekend"):
            y, w, _ = (ref + dt.timedelta(weeks=n)).isocalendar()
            return f"{y:04d}-W{w:02d}" + ("-WE" if unit == "weekend" else "")
        if unit == "month":
            y, m = add_months(ref, n)
            return f"{y:04d}-{m:02d}" if _ok_year(y) else None
        if unit == "quarter":
            k = ref.year * 4 + (ref.month - 1) // 3 + n
            return f"{k // 4:04d}-Q{k % 4 + 1}" if _ok_year(k // 4) else None
        if unit == "half":
            k = ref.year * 2 + (ref.month - 1) // 6 + n
            return f"{k // 2:04d}-H{k % 2 + 1}" if _ok_year(k // 2) else None
        if unit == "season":
            y, code = season_of(ref)
            k = y * 4 + SEASON_CODES.index(code) + n
            return f"{k // 4:04d}-{SEASON_CODES[k % 4]}" if _ok_year(k // 4) else None
        if unit == "year":
            y = ref.year + n
            return f"{y:04d}" if _ok_year(y) else None
        if unit == "decade":
            d = ref.year // 10 + n
            return f"{d:03d}" if 0 < d < 1000 else None
        if unit == "century":
            c = ref.year // 100 + n
            return f"{c:02d}" if 0 <= c < 100 else None
    except (OverflowError, ValueError):
        return None
    return None


def season_of(d: dt.date) -> tuple[int, str]:
    """(year, code) of the meteorological season containing d; December belongs to that year's winter."""
    if d.month in (1, 2):
        return d.year - 1, "WI"
    for code in ("WI", "FA", "SU", "SP"):
        if d.month >= _SEASON_START[code]:
            return d.year, code
    raise AssertionError  # pragma: no cover


def _cmp(a: tuple, b: tuple) -> int:
    return (a > b) - (a < b)


def _tense_allows(candidate: tuple, dct: tuple, tense: Tense) -> bool:
    if tense == "past":
        return _cmp(candidate, dct) <= 0
    if tense == "future":
        return _cmp(candidate, dct) >= 0
    return True


def year_for_month(month: int, dct: dt.date | None, narrative: dt.date | None, tense: Tense,
                   day: int | None = None, coming_ok: bool = True) -> tuple[int | None, str]:
    """The year of a year-less month (and day): (year, anchor) with anchor 'narrative', 'dct' or 'none'.

    - The narrative's year is taken when the story has just named a date ("In April 2025 ... In
      August, Kim announced" -> 2025), the tense agrees with it, and it is within a year of the DCT
      (in news, an older year named earlier rarely carries over; TimeBank agrees).  Without a DCT the
      narrative's year is all there is.
    - Otherwise past tense means the latest such month on or before the DCT, future the next one on
      or after it; with no tense marker a month is taken as past (news reports what happened) and a
      day as the occurrence nearest the DCT; the present tense ("the case is heard in May") takes
      the nearest one.
    - A day nearly a year away in the tense's direction gives way to the same day within two months
      the other way ("record Nov. 16" in an article of Oct. 30 is this Nov. 16, not last year's);
      likewise a month for next month ("cutbacks in September" in an article of August 16), unless
      ``coming_ok`` is false (the caller saw the month told as past: "since April", "reopened in April").
    """
    key = (month, day or 0)
    if narrative is not None:
        if dct is None:
            return narrative.year, "narrative"
        here = (dct.year, dct.month, dct.day if day else 0)
        # a plan for next year ("service starts in November 2006") does not move a coming day of this
        # year ("it arrives on November 11", written 2005-11-05) into next year
        sooner = narrative.year > dct.year and tense == "future" and _tense_allows((dct.year,) + key, here, tense)
        if abs(narrative.year - dct.year) <= 1 and not sooner and _tense_allows((narrative.year,) + key, here, tense):
            return narrative.year, "narrative"
    if dct is None:
        return None, "none"
    # candidate occurrences, as (year, first day of the month or the day itself)
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            cands.append((y, dt.date(y, month, day or 1)))
        except ValueError:
            continue
    if not cands:
        return dct.year, "dct"
    ref = dct if day else dct.replace(day=1)
    past = [c for c in cands if c[1] <= ref]
    future = [c for c in cands if c[1] >= ref]
    last_past = max(past, key=lambda c: c[1]) if past else None
    next_future = min(future, key=lambda c: c[1]) if future else None

    def gap(c):
        return abs((c[1] - ref).days)

    if (tense == "past" or (tense is None and not day)) and last_past:
        choice, other = last_past, next_future
    elif tense == "future" and next_future:
        choice, other = next_future, last_past
    else:
        both = [c for c in (last_past, next_future) if c]
        choice = min(both, key=lambda c: (gap(c), c[1] > ref))  # nearest; ties go to the past
        other = None
    if day and other is not None and gap(choice) > 300 and gap(other) <= (60 if other[1] > ref or tense != "future" else 14) \
            and (coming_ok or other[1] < ref):
        # a future day some weeks gone stays next year's ("the law takes effect on Feb. 1" written in March);
        # one a few days gone is a reported plan ("to repatriate the child by Jan. 14" written Jan. 15)
        choice = other
    elif not day and other is not None and gap(choice) > 300 and gap(other) <= 31 and other[1] > ref and coming_ok:
        choice = other  # "in November" written in late October is the coming one, past tense or not
        # (not the other way: "the Olympics begin in February" written in March is next year's)
    return choice[0], "dct"


def weekday_date(weekday: int, dct: dt.date, tense: Tense, offset_weeks: int = 0) -> dt.date:
    """The date of a weekday (1 = Monday) relative to the DCT: on or after it in the future tense,
    otherwise on or before it (news reports what happened; TimeBank agrees 9 to 1)."""
    delta = (weekday - dct.isoweekday()) % 7  # days forward to the next such weekday (0 = today)
    back = (7 - delta) % 7  # days back to the last one
    if tense == "future":
        d = dct + dt.timedelta(days=delta)
    else:
        d = dct - dt.timedelta(days=back)
    return d + dt.timedelta(weeks=offset_weeks)


def season_year(code: str, dct: dt.date | None, narrative: dt.date | None, tense: Tense,
                relation: str | None = None) -> tuple[int | None, str]:
    """The year of a year-less season.  ``relation`` is 'last', 'next', 'this' or None (bare "spring")."""
    if relation is None and narrative is not None:
        cand = (narrative.year, SEASON_CODES.index(code))
        if dct is None or _tense_allows(cand, season_key(dct), tense):
            return narrative.year, "narrative"
    if dct is None:
        return None, "none"
    cur = season_key(dct)  # (season-year, index); a winter belongs to the year of its December
    same = (cur[0], SEASON_CODES.index(code))
    if relation in ("last", "next"):
        # "last spring" is the spring of the previous year (TimeML and HeidelTime read it so);
        # "last winter" in January is the one before the current winter
        base = cur[0] if code == "WI" else dct.year
        return base + (-1 if relation == "last" else 1), "dct"
    if relation is None and tense == "past":
        strictly = relation == "last"
        return (cur[0] if (same < cur or (not strictly and same == cur)) else cur[0] - 1), "dct"
    if relation == "next" or (relation is None and tense == "future"):
        strictly = relation == "next"
        return (cur[0] if (same > cur or (not strictly and same == cur)) else cur[0] + 1), "dct"
    if code == "WI" and (dct.month <= 2 or (dct.month <= 4 and tense == "past")):
        return dct.year - 1, "dct"  # "this winter" in January, or told in the past in March: the one of last December
    return dct.year, "dct"


def season_key(d: dt.date) -> tuple[int, int]:
    y, code = season_of(d)
    return y, SEASON_CODES.index(code)


def quarter_year(q: int, dct: dt.date | None, narrative: dt.date | None, tense: Tense) -> tuple[int | None, str]:
    """The year of a year-less quarter ("the third quarter"): the narrative's, else the DCT's
    (past tense: the latest such quarter that has begun, except the coming quarter: "announced
    closures during the fourth quarter" written in August is this year's, as with next month)."""
    if narrative is not None:
        if dct is None or _tense_allows((narrative.year, q), (dct.year, (dct.month - 1) // 3 + 1), tense):
            return narrative.year, "narrative"
    if dct is None:
        return None, "none"
    cur = (dct.month - 1) // 3 + 1
    if tense == "past" and q > cur + 1:
        return dct.year - 1, "dct"
    return dct.year, "dct"


def duration_value(n: int | float | None, unit: str) -> str:
    """A TIMEX3 duration: ``duration_value(3, 'Y')`` -> ``P3Y``; n None -> ``PXY``; time units ``PT2H``."""
    num = "X" if n is None else (str(int(n)) if float(n).is_integer() else f"{n:g}")
    if unit in ("H", "MIN", "S", "TM", "TH", "TS"):
        code = {"H": "H", "TH": "H", "MIN": "M", "TM": "M", "S": "S", "TS": "S"}[unit]
        return f"PT{num}{code}"
    return f"P{num}{unit}"


def shift_by_duration(ref: dt.date, unit: str, n: int) -> tuple[dt.date, str] | None:
    """``n`` units after ``ref`` (negative: before), and the granularity to report the result at.

    "two weeks ago" -> the week containing DCT - 14 days; "three years ago" -> the year DCT - 3.
    """
    try:
        if unit == "D":
            return ref + dt.timedelta(days=n), "day"
        if unit == "W":
            return ref + dt.timedelta(weeks=n), "week"
        if unit == "M":
            y, m = add_months(ref, n)
            return dt.date(y, m, 1), "month"
        if unit == "Y":
            return dt.date(ref.year + n, 1, 1), "year"
        if unit == "DE":
            return dt.date(ref.year + 10 * n, 1, 1), "decade"
        if unit == "CE":
            return dt.date(ref.year + 100 * n, 1, 1), "century"
        if unit == "Q":
            y, m = add_months(ref, 3 * n)
            return dt.date(y, m, 1), "quarter"
    except (OverflowError, ValueError):
        return None
    return None

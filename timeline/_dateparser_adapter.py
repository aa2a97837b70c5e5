"""The one place timeline talks to dateparser.

dateparser is strong at *parsing* a date string in many languages and weak at *finding* dates in
running text (``search_dates`` returns no offsets and has known false positives: "to", "may",
bare numbers).  So this adapter:

- always passes ``languages=[...]``, ``RELATIVE_BASE`` and explicit settings (no language
  detection, no dependence on today's date or the local time zone);
- computes offsets itself, by finding each returned substring in order in the text;
- filters false positives (function words, bare numbers, single letters).

dateparser is imported lazily: importing it takes a noticeable fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

_STOP = {
    "to", "may", "a", "an", "the", "at", "on", "in", "of", "by", "now", "second", "sat", "sun", "mar", "march",
    "de", "la", "le", "el", "en", "un", "une", "und", "am", "im", "um", "on", "one", "will", "mo", "tu", "we",
    "th", "fr", "sa", "su", "so", "mi", "do", "di", "ma", "me", "je", "ve", "sec", "min", "h", "m", "s", "d", "y",
}
_BARE_NUMBER = re.compile(r"^[\s\d.,:/%+-]*$")
_YEAR = re.compile(r"^(?:1[0-9]|20)\d\d$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Found:
    """A date dateparser found: its span in the text and the datetime it parsed."""

    start: int
    end: int
    text: str
    date: dt.datetime


def settings(dct: dt.date | None) -> dict:
    """Explicit dateparser settings; relative dates resolve against ``dct`` (or a fixed date)."""
    base = dt.datetime.combine(dct, dt.time()) if dct else dt.datetime(2000, 1, 1)
    return {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "STRICT_PARSING": False,
        "PREFER_DAY_OF_MONTH": "first",
    }


@functools.lru_cache(maxsize=64)
def supports(lang: str) -> bool:
    """True when dateparser has data for the language code ``lang``."""
    from dateparser.date import DateDataParser

    try:
        DateDataParser(languages=[lang]).get_date_data("2024")  # the language is checked on first use
        return True
    except (ValueError, TypeError, KeyError):
        return False


def is_false_positive(s: str) -> bool:
    """True for matches that are not dates: function words, bare numbers (not years), single letters."""
    t = s.strip().lower()
    if not t or t in _STOP:
        return True
    if _BARE_NUMBER.match(t):
        return not _YEAR.match(t)
    if not _LETTER.search(t):
        return True
    return len(t) <= 2


def search(text: str, lang: str = "en", dct: dt.date | None = None) -> list[Found]:
    """Dates dateparser finds in ``text``, with offsets, false positives removed."""
    from dateparser.search import search_dates

    try:
        hits = search_dates(text, languages=[lang], settings=settings(dct)) or []
    except Exception:  # dateparser raises assorted errors on odd input; finding nothing is the safe answer
        return []
    out: list[Found] = []
    pos = 0
    for sub, when in hits:
        i = text.find(sub, pos)
        if i < 0:
            continue
        pos = i + len(sub)
        if is_false_positive(sub):
            continue
        out.append(Found(i, i + len(sub), sub, when))
    return out


def parse(s: str, lang: str = "en", dct: dt.date | None = None) -> tuple[dt.datetime, str] | None:
    """Parse one date string: (datetime, period) with period 'day', 'week', 'month', 'year' or 'time'."""
    import dateparser

    try:
        dp = dateparser.DateDataParser(languages=[lang], settings=settings(dct))
        data = dp.get_date_data(s)
    except Exception:
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"


def search_raw(text: str, lang: str, dct: dt.date | None):
    """``search_dates`` exactly as called above, for benchmarks (no offsets, no filtering)."""
    from dateparser.search import search_dates

    return search_dates(text, languages=[lang], settings=settings(dct))

"""The temporal tagger: finds time expressions in text and normalises them to TIMEX3.

How it works, and why it is fast:

1. The text is lower-cased once (same offsets).  One regex pass (``CompiledRules.start``) finds the
   word starts where some rule can begin: a trie of the literal prefixes of every rule's pattern,
   computed from the parsed patterns (``_rules.match_prefixes``).  News text has about one such
   start per 100 characters.
2. At each start, only the rules whose prefixes fit the word found there are tried, in the rule
   file's priority order (the word -> rules table is cached); the first that matches and whose
   *normaliser* accepts wins.  A normaliser (a small function registered below under the name the
   rule file gives) reads the named groups and returns a :class:`Reading` (value, type, mod,
   anchor), or None to decline (then the next rule is tried at the same start).
3. Relative and underspecified values are resolved by :mod:`timeline._resolve` against the
   document creation time (DCT), the last date the narrative mentioned, and the sentence tense
   (markers from the rule file's ``tense`` section).

Only matches cost Python time; the scan itself runs in the regex engine.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Callable

from ._models import Anchor, Interval, TimeExpression, TimeType
from ._resolve import (
    SEASON_CODES,
    as_date,
    duration_value,
    fmt_day,
    quarter_year,
    season_key,
    season_year,
    shift,
    shift_by_duration,
    weekday_date,
    year_for_month,
)
from ._rules import SPACE_JOIN, CompiledRule, CompiledRules, NoRulesError, compiled_rules
from ._timex import MODS, TimexError, is_valid_value, value_interval

__all__ = ["tag", "Reading", "NORMALISERS"]

MAX_SPAN = 120  # no time expression is longer; longer matches are rejected


@dataclass(slots=True)
class Reading:
    """What a normaliser makes of a match."""

    value: str
    type: str | None = None  # None: the rule's type
    mod: str | None = None
    anchor: str = "explicit"
    span: tuple[int, int] | None = None  # None: group `x` if the rule has one, else the whole match
    narrative: bool = True  # may later expressions resolve against this one?
    points_to: str | None = None  # a duration's date: "[three days] later" -> P3D pointing to the day


@dataclass(slots=True)
class Narrative:
    """The last date the text mentioned: what "In August" or "a year earlier" resolve against."""

    date: dt.date
    granularity: str
    value: str
    end: int  # offset after the expression
    explicit: bool  # the text gave the year itself ("April 2025"), not resolved from the DCT


NARRATIVE_REACH = 400
"""How far (characters) back a year-less "In August" looks for the year the story is talking about;
beyond that, news text is anchored on the DCT (TimeBank: older mentions mislead more than help)."""


# ----------------------------------------------------------------------------- tense

_SENT_BOUND = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘«(]?[A-ZÀ-ÖØ-ÞА-ЯЁ])|\n\s*\n")
def local_tense(text: str, start: int, end: int, rules: CompiledRules | None = None,
                low: str | None = None) -> str | None:
    """Tense from the words right before or after the expression, when they decide it.

    "payable Dec. 7", "until Tuesday", "by Jan. 14", "effective Feb. 1" point forward whatever the
    sentence's verb; "Wednesday's ruling" points back.  The markers are the rule file's ``tense``.
    """
    rules = rules or compiled_rules("en")
    low = text.lower() if low is None else low
    if rules.past_right is not None and rules.past_right.match(low, end):
        # "Wednesday's ruling" looks back, "ahead of Friday's jobs report" forward
        if _AHEAD.search(low, max(0, start - 30), start):
            return "future"
        ev = _POSSESSED_THEN_FUTURE.match(low, end)
        if ev is not None and rules.lookup("scheduled_event", ev.group("noun")) is not None:
            return "future"  # "Saturday's vote would go ahead": a scheduled event, still to come
        return "past"
    # "had been due to expire Friday" looks back although "expire Friday" alone looks forward
    if rules.past_left is not None and rules.past_left.search(low, max(0, start - 60), start):
        return "past"
    fl = rules.future_left.search(low, max(0, start - 40), start) if rules.future_left is not None else None
    if fl is not None:
        if _UNTIL.match(fl.group(0)) and rules.tense is not None:
            # "until/by Thursday" follows a past perfect: "had not called him a suspect until Thursday"
            s, e = sentence_bounds(text, start, end)
            near = min(rules.tense.finditer(low, s, e), default=None,
                       key=lambda m: start - m.end() if m.end() <= start else m.start() - end)
            if near is not None and near.lastgroup == "past" and (
                    _HAD.search(near.group(0) + " " + low[s:start]) or (fl.group(0).startswith("by") and near.end() <= fl.start()
                                                          and not low[near.end():fl.start()].strip())):
                return "past"  # ... or a past verb right before it: "the storm weakened by Wednesday afternoon"
            if near is not None and near.lastgroup == "past" and near.start() >= end \
                    and not low[s:fl.start()].strip(" \t\n\"'`“‘(") and _COMMA_AFTER.match(low, end):
                return "past"  # "By September, he was rich": a fronted "by" takes the main clause's tense
        return "future"
    return None


_POSSESSED_THEN_FUTURE = re.compile(
    r"[’']s\s+(?:[a-z-]+\s+){0,2}?(?P<noun>[a-z]+)\s+(?:will|would|is\s+(?:expected|scheduled|set|due|slated|likely)|"
    r"are\s+(?:expected|scheduled|set|due|slated|likely)|could|should|may|might|must)\b")
_UNTIL = re.compile(r"(?:until|till|by|before)\b")
_COMMA_AFTER = re.compile(r"\s*,")
_AHEAD = re.compile(r"\b(?:ahead\s+(?:of|to)|awaiting|awaits?|waiting\s+for|watching|eyeing|looking\s+(?:forward\s+|ahead\s+)?to)"
                    r"\s+(?:next\s+)?$")
_HAD = re.compile(r"\bhad\b")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end) (at most 300 characters either side)."""
    lo = max(0, start - 300)
    s = lo
    for m in _SENT_BOUND.finditer(text, lo, start):
        s = m.end()
    hi = min(len(text), end + 300)
    m = _SENT_BOUND.search(text, end, hi)
    return s, (m.start() + 1 if m else hi)


_QUOTE = re.compile(r"''|``|[\"“”]")
CLAUSE_PENALTY = 40
"""Extra distance (characters) for a tense marker across a comma: it more likely belongs to another clause."""


def sentence_tense(text: str, start: int, end: int, low: str | None = None,
                   rules: CompiledRules | None = None) -> str | None:
    """'past', 'future', 'present' or None: the verb marker nearest to the expression decides.

    ``low`` is ``text`` lower-cased (same offsets), if the caller has it; the markers are the
    rule file's ``tense`` regexes (English by default).
    """
    rules = rules or compiled_rules("en")
    tense_re = rules.tense
    if tense_re is None:
        return None
    if low is None:
        low = text.lower()
    s, e = sentence_bounds(text, start, end)
    # a quotation's verbs decide for what it quotes, not the reporting clause outside it
    q = _QUOTE.search(text, end, e)
    if q is not None:
        e = q.start()
    for q in _QUOTE.finditer(text, max(s, start - 300), start):
        s = q.end()
    after = tense_re.search(low, end, e)
    best, best_d = (after.lastgroup, after.start() - end + 1) if after else (None, 1 << 30)
    if after is not None and low.find(",", end, after.start()) >= 0:
        best_d += CLAUSE_PENALTY  # "which began on Monday, are expected to": the verb past the comma is another clause's
    # only markers before the expression that are nearer than the one after it can win
    for m in tense_re.finditer(low, max(s, start - best_d - 40), start):
        d = start - m.end()
        if d >= 0 and low.find(",", m.end(), start) >= 0:
            d += CLAUSE_PENALTY
        if d >= 0 and d <= best_d:
            best_d, best = d, m.lastgroup
    return {"fut": "future", "past": "past", "pres": "present"}.get(best or "")


# ----------------------------------------------------------------------------- context


class Ctx:
    """What a normaliser sees: the match's groups, the text, DCT, narrative, tense (lazily).

    The match ``m`` is on the lower-cased text (same offsets); ``g()`` returns lower-case words.
    """

    __slots__ = ("text", "dct", "narrative", "rules", "m", "rule", "_tense", "history")

    def __init__(self, text: str, dct: dt.date | None, narrative: Narrative | None, rules: CompiledRules,
                 m: re.Match, rule: CompiledRule, history: list[TimeExpression] | None = None):
        self.text, self.dct, self.narrative, self.rules = text, dct, narrative, rules
        self.m, self.rule = m, rule
        self.history = history or []  # the expressions found before this one, in text order
        self._tense: str | None | bool = False

    @property
    def last(self) -> TimeExpression | None:
        """The expression found just before this one, if any."""
        return self.history[-1] if self.history else None

    def g(self, name: str) -> str | None:
        if name not in self.rule.groups:
            return None
        return self.m.group(name)

    def span(self, name: str) -> tuple[int, int]:
        return self.m.span(name)

    @property
    def params(self) -> dict:
        return self.rule.rule.params

    @property
    def start(self) -> int:
        if "x" in self.rule.groups and self.g("x") is not None:
            return self.span("x")[0]
        return self.m.start()

    @property
    def end(self) -> int:
        if "x" in self.rule.groups and self.g("x") is not None:
            return self.span("x")[1]
        return self.m.end()

    @property
    def tense(self) -> str | None:
        if self._tense is False:
            low = self.m.string
            self._tense = local_tense(self.text, self.m.start(), self.m.end(), self.rules, low) or \
                sentence_tense(self.text, self.m.start(), self.m.end(), low, self.rules)
        return self._tense  # type: ignore[return-value]

    @property
    def narrative_date(self) -> dt.date | None:
        """The date of the narrative's last mention, if it is recent enough to anchor a year-less date."""
        n = self.narrative
        if n is None or not n.explicit or n.granularity not in ("day", "month", "season") \
                or self.m.start() - n.end > NARRATIVE_REACH or _PARAGRAPH_BREAK.search(self.text, n.end, self.m.start()):
            return None  # only a recent date of the same paragraph anchors the story
        return n.date

    def prev_word(self) -> str:
        """The word before the match (lower case), e.g. the preposition of "in May"."""
        i = self.m.start()
        m = _PREV_WORD.search(self.m.string, max(0, i - 40), i)
        return m.group(1) if m else ""

    # -- word helpers
    def word(self, list_name: str, group: str):
        w = self.g(group)
        if w is None:
            return None
        return self.rules.lookup(list_name, w)

    def cased(self, group: str) -> bool:
        """False when the group's word must be capitalised (May, March, Sun) and is not."""
        w = self.g(group)
        if not w:
            return True
        key = w.rstrip(".")
        if key not in self.rules.case_sensitive_words:
            return True
        return self.text[self.span(group)[0]].isupper()  # the match is on lower-cased text: look at the original

    def mod(self, group: str = "mod") -> str | None:
        w = self.g(group)
        if not w:
            return None
        if group == "approx":
            return self.word("approx", group)
        v = self.rules.lookup("mod", w)
        return v if isinstance(v, str) else None


Normaliser = Callable[[Ctx], "Reading | None"]
NORMALISERS: dict[str, Normaliser] = {}


def normaliser(name: str):
    def deco(fn: Normaliser) -> Normaliser:
        NORMALISERS[name] = fn
        return fn

    return deco


# ----------------------------------------------------------------------------- helpers

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_PREV_WORD = re.compile(r"([\w’']+)[\s-]+$")
_LAST_WORD = re.compile(r"\w+$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
_RANGE_TAIL = re.compile(
    r"\s*(to|until|till|through|and|or|-|–|—)\s*(?:(?:early|mid|late)[\s-]+)?(?:[^\W\d_]+\.?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(\d{4})(?!\d)")
# "average daily volume": a per-day figure, not a recurring time
_RATE_BEFORE = re.compile(r"\b(?:average|avg\.?|mean|total|combined|per-capita)\s+$", re.I)
_MONEY_BEFORE = re.compile(r"(?:\d|million|billion|trillion|cents?|dollars?|percent|%)\s*$", re.I)
# "four flights a week", "700 seats a week": a count of things per unit is a rate, not a duration
# (time nouns are left out: "six days a week", "24 hours a day" are set-like and stay as they are).
_COUNT_BEFORE = re.compile(
    r"(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)\b(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundreds?|thousands?|dozens?)\s+(?!(?:times|seconds|minutes|hours|days|nights|"
    r"weeks|weekends|months|years|decades|centuries|quarters)\b)(?:[a-z]{3,}s|people|children|men|women)\s*$", re.I)


def number(ctx: Ctx, s: str | None) -> float | None:
    """A number written in digits or words ("12", "twenty-four", "a couple of", "5 1/2"); None if fuzzy."""
    if s is None:
        return None
    s = s.strip()
    frac = 0.0
    if s.endswith("1/2"):
        frac, s = 0.5, s[:-3].strip()
    if re.search(r"[\s-]+and[\s-]+a[\s-]+half$", s, re.I):  # "two and a half", "three-and-a-half"
        frac, s = 0.5, re.sub(r"[\s-]+and[\s-]+a[\s-]+half$", "", s, flags=re.I)
    s2 = s.replace(",", "")
    if _DIGITS.fullmatch(s2):
        return float(s2) + frac
    v = ctx.rules.lookup("number", s)
    if v is not None:
        return float(v) + frac
    parts = [ctx.rules.lookup("number", p) for p in re.split(r"[\s-]+", s)]
    if len(parts) != 2 or None in parts:
        return None
    a, b = float(parts[0]), float(parts[1])
    if b in (100, 1000) and 1 <= a < 10:
        total = a * b  # "two hundred", "two thousand"
    elif a >= 20 and a % 10 == 0 and 1 <= b < 10:
        total = a + b  # "twenty-four"
    else:
        return None  # "a two(-year)": not one number
    return total + frac


def month_number(ctx: Ctx, group: str = "month") -> int | None:
    w = ctx.g(group)
    if w is None:
        return None
    if w.isdigit():
        n = int(w)
        return n if 1 <= n <= 12 else None
    if not ctx.cased(group):
        return None
    v = ctx.rules.lookup("month", w)
    return int(v) if v is not None else None


def weekday_number(ctx: Ctx) -> int | None:
    if not ctx.cased("weekday"):
        return None
    v = ctx.word("weekday", "weekday")
    return int(v) if v is not None else None


def year_number(s: str) -> int:
    s = s.lstrip("’'")
    y = int(s)
    if len(s) == 2:
        y += 1900 if y >= 30 else 2000
    return y


def _valid_day(y: int | None, m: int, d: int) -> bool:
    try:
        dt.date(y if y is not None else 2000, m, d)  # 2000 is a leap year: Feb 29 allowed without a year
        return True
    except ValueError:
        return False


def unit_code(ctx: Ctx, group: str = "unit", list_name: str = "unit") -> tuple[int, str] | None:
    """(multiplier, TIMEX3 unit) of a unit word: 'decades' -> (10, 'Y')."""
    v = ctx.word(list_name, group)
    if v is None:
        return None
    m = re.fullmatch(r"(\d*)([A-Z]+)", str(v))
    if not m:
        return None
    return int(m[1] or 1), m[2]


def duration_of(n: float | None, mult: int, code: str) -> str:
    """A duration value, turning fractions into the next smaller unit (2.5 years -> P2Y6M)."""
    if code == "WE":
        return duration_value(None if n is None else int(n * mult), "WE") if n is None or float(n).is_integer() else "PXWE"
    if n is None:
        return duration_value(None, code)
    n = n * mult
    if float(n).is_integer():
        return duration_value(int(n), code)
    whole, frac = int(n), n - int(n)
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
    if code in smaller:
        sub, k = smaller[code]
        part = round(frac * k)
        head = duration_value(whole, code) if whole else ("PT" if code in ("H", "MIN", "S") else "P")
        tail = duration_value(part, sub)
        if code in ("H", "MIN"):
            return head + tail[2:] if whole else tail
        if sub in ("H", "MIN", "S"):
            return (head + "T" + tail[2:]) if whole else tail
        return head + tail[1:] if whole else tail
    if code == "S":
        return duration_value(n, code)  # "9.58 seconds": ISO 8601 allows a fraction of the smallest unit
    return duration_value(round(n), code)


def unresolved(unit: str) -> str:
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
            "quarter": "XXXX-QX", "half": "XXXX-HX", "season": "XXXX-XX", "year": "XXXX",
            "decade": "XXX", "century": "XX"}.get(unit, "XXXX")


def with_pod(value: str, pod: str | None) -> str:
    return f"{value}T{pod}" if pod else value


# ----------------------------------------------------------------------------- normalisers


@normaliser("explicit_date")
def _explicit_date(ctx: Ctx) -> Reading | None:
    y = year_number(ctx.g("year"))
    m = month_number(ctx)
    d = int(ctx.g("day"))
    if m is None or not 1 <= y <= 9999 or not _valid_day(y, m, d):
        return None
    if ctx.g("weekday") is not None and not ctx.cased("weekday"):
        return None
    value = f"{y:04d}-{m:02d}-{d:02d}"
    if ctx.g("hour") is not None:
        value += f"T{ctx.g('hour')}:{ctx.g('minute')}"
        if int(ctx.g("hour")) > 23:
            return None
    return Reading(value)


@normaliser("month_year")
def _month_year(ctx: Ctx) -> Reading | None:
    m = month_number(ctx)
    if m is None:
        return None
    y = _written_year(ctx)
    return None if y is None else Reading(f"{y:04d}-{m:02d}", mod=ctx.mod())


def _written_year(ctx: Ctx) -> int | None:
    """The year a pattern's ``year`` (digits) or ``yearwords`` ("nineteen ninety-four") group gives."""
    if ctx.g("yearwords"):
        return _words_year(ctx, ctx.g("yearwords"))
    return int(ctx.g("year")) if ctx.g("year") else None


@normaliser("month_relative_year")
def _month_relative_year(ctx: Ctx) -> Reading | None:
    m = month_number(ctx)
    if m is None:
        return None
    if ctx.dct is None:
        return Reading(f"XXXX-{m:02d}", mod=ctx.mod(), anchor="none")
    y = ctx.dct.year + int(ctx.word("rel", "rel"))
    return Reading(f"{y:04d}-{m:02d}", mod=ctx.mod(), anchor="dct")


def base_of_comparison(ctx: Ctx, granularity: str) -> dt.date | None:
    """The start of the date a "year-earlier" or "a year ago" compares with, if it has ``granularity``.

    Looks back over the last few expressions of the passage: other comparisons ("a year ago",
    no double shift) and references ("now") are stepped over, and so is the closing
    day of a reporting period ("the quarter ended Sept. 30"); the first other date decides.
    """
    start = ctx.m.start()
    for k, last in enumerate(reversed(ctx.history)):
        if k >= 4 or start - last.end > COMPARISON_REACH:
            return None
        if last.rule in ("ago", "year-relative-adj") or _COMPARISON_WORDS.search(last.text.lower()):
            continue
        if last.rule == "quarter-of-year" and (ctx.dct is None or last.interval is None
                                               or last.interval.start.year < ctx.dct.year):
            continue  # "the 1988 period" is itself the comparison; "the 1989 period" is the story
        if last.interval is None or last.granularity is None:
            if last.type == TimeType.DURATION:
                return None  # "the nine months ... a year earlier": the year-earlier nine months
            continue  # a reference ("PAST_REF")
        if granularity == "quarter" and last.granularity == "day" and \
                _PERIOD_END.search(ctx.text, max(0, last.start - 12), last.start):
            continue
        if last.granularity != granularity:
            return None
        return last.interval.start.date()
    return None


def story_quarter(ctx: Ctx, reach: int = NARRATIVE_REACH * 4) -> dt.date | None:
    """The start of the quarter an earnings story is about: the latest quarter named in the last few
    expressions (a compared one, "the year-ago quarter", counts a year later), else None."""
    start = ctx.m.start()
    best: dt.date | None = None
    for k, last in enumerate(reversed(ctx.history)):
        if k >= 8 or start - last.end > reach:
            break
        if last.granularity != "quarter" or last.interval is None or last.rule == "quarter-of-year":
            continue  # "the 1988 period" is the comparison, not the story
        d = last.interval.start.date()
        if last.rule in ("ago", "year-relative-adj") or _COMPARISON_WORDS.search(last.text.lower()):
            d = d.replace(year=d.year + 1)
        elif ctx.dct is not None and last.interval.end.date() > ctx.dct:
            continue  # a quarter not over yet ("the fourth quarter", "the third quarter of 1990") is a forecast
        # the latest quarter reported: "after a flat second quarter" is background to the third
        if best is None or d > best:
            best = d
    return best


COMPARISON_REACH = 1200
"""How far (characters) "a year earlier" looks back for the period it compares with."""
_COMPARISON_WORDS = re.compile(r"\b(?:ago|earlier|year-ago|year-earlier|prior-year)\b")
_PERIOD_END = re.compile(r"\b(?:ended|ending|through)\s+$", re.I)


def range_year(ctx: Ctx) -> int | None:
    """The year a range gives its first end: "from June to August 2025" -> 2025 for "June"."""
    m = _RANGE_TAIL.match(ctx.m.string, ctx.m.end())
    if m is None or ctx.rules.lookup("range_connector", m.group(1)) is None:
        return None
    return int(m.group(2))


@normaliser("month_day")
def _month_day(ctx: Ctx) -> Reading | None:
    m = month_number(ctx)
    d = int(ctx.g("day"))
    if m is None or not _valid_day(None, m, d):
        return None
    if ctx.g("weekday") is not None and not ctx.cased("weekday"):
        return None
    if ctx.g("year"):  # "5 p.m. EST, Nov. 9, 1989": the year is written out
        y = int(ctx.g("year"))
        return Reading(f"{y:04d}-{m:02d}-{d:02d}") if _valid_day(y, m, d) else None
    if ctx.g("relyear"):  # "March 15 last year"
        if ctx.dct is None:
            return Reading(f"XXXX-{m:02d}-{d:02d}", anchor="none")
        y = ctx.dct.year + int(ctx.rules.lookup("rel", ctx.g("relyear")) or 0)
        return Reading(f"{y:04d}-{m:02d}-{d:02d}", anchor="dct") if _valid_day(y, m, d) else None
    wd = weekday_number(ctx) if ctx.g("weekday") else None
    if wd is not None and ctx.dct is not None:
        # "Monday, Oct. 26": the year, near the DCT, in which that day is a Monday
        for y in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
            if _valid_day(y, m, d) and dt.date(y, m, d).isoweekday() == wd:
                return Reading(f"{y:04d}-{m:02d}-{d:02d}", anchor="dct")
    ry = range_year(ctx)
    if ry is not None and _valid_day(ry, m, d):
        return Reading(f"{ry:04d}-{m:02d}-{d:02d}")
    coming_ok = not _TOLD_AS_PAST.search(ctx.m.string, max(0, ctx.m.start() - 30), ctx.m.start())
    y, anchor = year_for_month(m, ctx.dct, ctx.narrative_date, ctx.tense, d, coming_ok=coming_ok)
    if y is None or not _valid_day(y, m, d):
        return Reading(f"XXXX-{m:02d}-{d:02d}", anchor="none")
    return Reading(f"{y:04d}-{m:02d}-{d:02d}", anchor=anchor)


@normaliser("ordinal_of_month")
def _ordinal_of_month(ctx: Ctx) -> Reading | None:
    """'the first of April', 'the 15th of next month': a day of a named or relative month."""
    d = int(ctx.g("day")) if ctx.g("day") else int(ctx.word("ordinal", "ordw") or 0)
    if not 1 <= d <= 31:
        return None
    if ctx.g("month"):
        m = month_number(ctx)
        if m is None:
            return None
        if ctx.g("year"):
            y = int(ctx.g("year"))
            return Reading(f"{y:04d}-{m:02d}-{d:02d}") if _valid_day(y, m, d) else None
        y, anchor = year_for_month(m, ctx.dct, ctx.narrative_date, ctx.tense, d)
        if y is None or not _valid_day(y, m, d):
            return Reading(f"XXXX-{m:02d}-{d:02d}", anchor="none") if _valid_day(None, m, d) else None
        return Reading(f"{y:04d}-{m:02d}-{d:02d}", anchor=anchor)
    if ctx.dct is None:
        return Reading(f"XXXX-XX-{d:02d}", anchor="none")
    y, m, _ = add_months_date(ctx.dct, int(ctx.word("rel", "rel") or 0))
    return Reading(f"{y:04d}-{m:02d}-{d:02d}", anchor="dct") if _valid_day(y, m, d) else None


_GOLF_BEFORE = re.compile(r"\b(?:hole|holes|birdie[ds]?|bogey(?:ed|s)?|eagle[ds]?|par|putt(?:ed|s)?|green|tee|fairway|round)\b")


@normaliser("day_of_month")
def _day_of_month(ctx: Ctx) -> Reading | None:
    """'on the 25th': that day of the month the story is in (its last date's), else of the DCT's month
    (past tense: the last such day on or before the DCT, future: the next one on or after it)."""
    d = int(ctx.g("day"))
    if d > 31 or _GOLF_BEFORE.search(ctx.m.string, max(0, ctx.m.start() - 80), ctx.m.start()):
        return None  # "a birdie on the 18th": a hole, not a day
    n = ctx.narrative
    if n is not None and n.granularity in ("day", "month") and ctx.m.start() - n.end <= NARRATIVE_REACH \
            and not _PARAGRAPH_BREAK.search(ctx.text, n.end, ctx.m.start()):
        y, m, anchor = n.date.year, n.date.month, "narrative"
    elif ctx.dct is not None:
        y, m, anchor = ctx.dct.year, ctx.dct.month, "dct"
        if ctx.tense == "past" and d > ctx.dct.day:
            y, m, _ = add_months_date(ctx.dct, -1)
        elif ctx.tense == "future" and d < ctx.dct.day:
            y, m, _ = add_months_date(ctx.dct, 1)
    else:
        return Reading(f"XXXX-XX-{d:02d}", anchor="none") if 1 <= d <= 31 else None
    return Reading(f"{y:04d}-{m:02d}-{d:02d}", anchor=anchor) if _valid_day(y, m, d) else None


# "from January to March", "between January and May": the range's second end is a month too
_MONTH_RANGE_BEFORE = re.compile(r"\b(?:january|february|april|june|july|august|september|october|november|december)"
                                 r"\s*(?:and|or|to|through|until|till|-|–)\s*$")
_AS_EARLY_AS = re.compile(r"\b(?:as\s+(?:early|late|soon)\s+as|no\s+(?:later|earlier)\s+than)\s+$")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|its|their|his|her|our)\s+$", re.I)
_MODIFIED_NOUN_AFTER = re.compile(
    r"\s+(?!(?:on|of|to|for|and|or|in|at|with|by|from|was|is|were|are|has|had|have|will|would|could|"
    r"can|may|might|should|must|be|been|not|also|said|says|that|which|who)\b)[a-z]{3,}\b")


def _attributive_month(ctx: Ctx) -> bool:
    """"The March accession", "the May elections": a capitalised month between a determiner and a
    lowercase noun modifies it ("the March on Washington", "the may" and "troops march" do not)."""
    a, b = ctx.span("month")
    if not ctx.text[a].isupper():  # the match is on lower-cased text
        return False
    if _CONTRACT_AFTER.match(ctx.text, b):
        return True  # "oil for May delivery", "the March contract": a delivery month
    return bool(_DETERMINER_BEFORE.search(ctx.m.string, max(0, a - 8), a)) and bool(_MODIFIED_NOUN_AFTER.match(ctx.text, b))


_CONTRACT_AFTER = re.compile(r"\s+(?:delivery|deliveries|contracts?|futures|options)\b")


@normaliser("month")
def _month(ctx: Ctx) -> Reading | None:
    m = month_number(ctx)
    if m is None:
        return None
    rel = (ctx.g("rel") or "").lower()
    mod = ctx.mod()
    word = ctx.g("month").rstrip(".").lower()
    if not rel and not mod and ctx.rules.lookup("ambiguous_month", word) is not None \
            and ctx.rules.lookup("date_preposition", ctx.prev_word()) is None \
            and not _AS_EARLY_AS.search(ctx.m.string, max(0, ctx.m.start() - 20), ctx.m.start()) \
            and not _MONTH_RANGE_BEFORE.search(ctx.m.string, max(0, ctx.m.start() - 24), ctx.m.start()) \
            and not _attributive_month(ctx):
        return None  # a bare "May", "March" or "Dec" needs a preposition: "in May", "as early as March"
    dct = ctx.dct
    if rel:
        if dct is None:
            return Reading(f"XXXX-{m:02d}", mod=mod, anchor="none")
        off = int(ctx.word("rel", "rel") or 0)
        if off < 0:
            # "last February" in March is a year back: the month just ended would be "last month"
            y = dct.year if m < dct.month - 1 else dct.year - 1
        elif off > 0:
            y = dct.year if m > dct.month else dct.year + 1
        else:
            y = dct.year
        return Reading(f"{y:04d}-{m:02d}", mod=mod, anchor="dct")
    ry = range_year(ctx)
    if ry is not None:
        return Reading(f"{ry:04d}-{m:02d}", mod=mod)
    tense = ctx.tense
    if _CONTRACT_AFTER.match(ctx.text, ctx.span("month")[1]):
        tense = "future"  # "crude for May delivery settled": delivery months are still to come
    coming_ok = not _TOLD_AS_PAST.search(ctx.m.string, max(0, ctx.m.start() - 30), ctx.m.start())
    y, anchor = year_for_month(m, dct, ctx.narrative_date, tense, coming_ok=coming_ok)
    if y is None:
        return Reading(f"XXXX-{m:02d}", mod=mod, anchor="none")
    return Reading(f"{y:04d}-{m:02d}", mod=mod, anchor=anchor)


# "since April", "reopened in April", "was closed in April": the month is told as past, so a past
# tense cannot mean the coming month (as "a cutback in September" told in August can)
_TOLD_AS_PAST = re.compile(r"\b(?:since|(?<!\bbe\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)(?<!\bam\s)(?!(?:need|speed|seed|feed|proceed|succeed|exceed|scheduled|expected|planned|due)\b)[a-z]{2,}ed|was|were|had|began|came|went|took|made|rose|fell|won|lost)"
                           r"\s+(?:(?:in|on|during|by|until|through)\s+)?(?:(?:early|late|mid)[\s-]+)?$")


_QUARTER_WORDS = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3, "3rd": 3, "q3": 3,
                  "fourth": 4, "4th": 4, "q4": 4, "final": 4,
                  "1q": 1, "2q": 2, "3q": 3, "4q": 4}


def _relyear(ctx: Ctx) -> int | None:
    """The year of "the first half of next year", "last year's third quarter" (DCT-based)."""
    words = (ctx.g("relyear") or ctx.g("yearpos") or "").split()
    w = words[0] if words else None
    if not w or ctx.dct is None:
        return None
    off = ctx.rules.lookup("rel", w)
    return None if off is None else ctx.dct.year + int(off)


_ADJECTIVE_QUARTER = re.compile(r"-(?:fiscal\s+)?quarter$")
_NOUN_AFTER = re.compile(r"\s+[a-z]")


@normaliser("quarter")
def _quarter(ctx: Ctx) -> Reading | None:
    if ctx.g("q") and not ctx.text[ctx.span("q")[0]].isupper():
        return None  # "3Q" wants its capital Q
    r = _quarter_value(ctx)
    if r is not None and ctx.g("mod"):
        r.mod = ctx.mod()  # "the end of the first quarter"
        return r
    if r is not None and ctx.g("the") and not any(ctx.g(k) for k in ("ago", "rel", "yearpos", "cmp", "year", "relyear")) \
            and _ADJECTIVE_QUARTER.search(ctx.m.group(0)) and _NOUN_AFTER.match(ctx.m.string, ctx.m.end()):
        # "the third-quarter loss": the quarter modifies a noun; the article belongs to that noun (TimeML)
        r.span = (ctx.m.start() + len(ctx.m.group("the")) + 1, ctx.m.end())
    return r


def _quarter_value(ctx: Ctx) -> Reading | None:
    ordw = ctx.g("ord")
    q = _QUARTER_WORDS.get(ordw.lower()) if ordw else None
    ago = ctx.g("ago") is not None
    rel = ctx.rules.lookup("rel", ctx.g("rel")) if ctx.g("rel") else None
    if ctx.g("year"):
        return Reading(f"{year_number(ctx.g('year')):04d}-Q{q}")
    if ctx.g("yy"):  # "2Q12", "Q1'13": a two-digit year of this century
        return Reading(f"{2000 + int(ctx.g('yy')):04d}-Q{q}")
    y = _relyear(ctx)
    if y is not None and q:
        return Reading(f"{y:04d}-Q{q}", anchor="dct")
    dct = ctx.dct
    if dct is None:
        return Reading(f"XXXX-Q{q}" if q else "XXXX-QX", anchor="none")
    if q is None:
        # "the latest quarter", "the current quarter", "the year-ago quarter"
        if ago:
            value = shift(dct, "quarter", -5)
        else:
            value = shift(dct, "quarter", int(rel or 0))
        return Reading(value, anchor="dct", narrative=not ago)
    tense = ctx.tense if not ago else "past"
    if q == 4 and dct.month <= 3 and (_RESULTS_AFTER.match(ctx.m.string, ctx.m.end())
                                      or _RESULTS_BEFORE.search(ctx.m.string, max(0, ctx.m.start() - 40), ctx.m.start())):
        tense = "past"  # "will report fourth-quarter results" in January: the quarter just ended
    y, anchor = quarter_year(q, dct, None, tense)
    if ago:
        y -= 1
    if rel and rel < 0 and not ago and (y, q) >= (dct.year, (dct.month - 1) // 3 + 1):
        y -= 1  # "last third quarter"
    return Reading(f"{y:04d}-Q{q}", anchor=anchor, narrative=not ago)


_RESULTS_AFTER = re.compile(r"\s+(?:(?:net|operating)\s+)?(?:results|earnings|profits?|loss(?:es)?|revenues?|sales|report)\b")
_RESULTS_BEFORE = re.compile(r"\b(?:results|earnings|profits?|loss(?:es)?|revenues?|sales)\s+(?:for|in)\s+$")
_REPORTING_MONTHS = re.compile(r"(?:the\s+)?(?:first\s+|latest\s+)?\w+\s+months$", re.I)


def reporting_months(ctx: Ctx, reach: int = 300) -> TimeExpression | None:
    """The reporting period ("the nine months", "the first six months") the sentence just named, if the
    expression right before this one is one: "the year-earlier period" then compares with it."""
    last = ctx.last
    if last is None or last.type != TimeType.DURATION or ctx.m.start() - last.end > reach \
            or not re.fullmatch(r"P(?:[2-9]|1[01])M", last.value) or not _REPORTING_MONTHS.fullmatch(last.text):
        return None
    if _SENT_BOUND.search(ctx.text, last.end, ctx.m.start()) and not last.text.lower().startswith("the"):
        return None
    return last


@normaliser("quarter_anaphoric")
def _quarter_anaphoric(ctx: Ctx) -> Reading | None:
    """'the quarter', 'the latest period', 'the year-ago period': the quarter the story is about."""
    what = ctx.g("what")
    rel = (ctx.g("rel") or "").lower().replace("prior-year", "year-ago")
    if rel in ("first", "second", "third", "fourth"):
        return None
    months = reporting_months(ctx) if what == "period" and rel.startswith("year-") else None
    if months is not None:
        # "For the nine months, net was $81 million. In the year-earlier period, ...": the same nine
        # months a year before, a duration as TimeML writes it (P9M)
        return Reading(months.value, type="DURATION", anchor="none", narrative=False)
    story = story_quarter(ctx)
    recent = story is not None
    if story is None and what == "quarter" and not rel and not ctx.g("ly") and not ctx.g("lys"):
        # no quarter named yet (a named one may be fiscal: "its fiscal first quarter ended Sept. 30")
        ended = _quarter_ended_on(ctx)
        if ended is not None:
            return Reading(ended, anchor="dct")
    if what == "period" and not recent:
        if ctx.g("ly") and ctx.g("cmp") and ctx.dct is not None and "last" in ctx.g("ly").lower():
            # "rose 5% from the same period last year" outside a quarterly report: last year's stretch
            return Reading(f"{ctx.dct.year - 1:04d}", anchor="dct", narrative=False)
        return None  # "the period" means a quarter only in a story about one
    if ctx.g("the") != "the" and not recent:
        return None
    if story is not None:
        base, anchor = story, "narrative"
    elif ctx.dct is not None:
        base, anchor = ctx.dct, "dct"
        if rel != "current":
            base = dt.date(*add_months_date(ctx.dct, -3))
    else:
        return Reading("XXXX-QX", anchor="none", narrative=False)
    off = -4 if rel.startswith("year-") or ctx.g("ly") or ctx.g("lys") else -1 if rel == "previous" else 0
    value = shift(base, "quarter", off)
    return Reading(value, anchor=anchor, narrative=off == 0) if value else None


_ENDED_ON = re.compile(r"\s+(?:that\s+)?(?P<verb>ended|ending)\s+(?P<month>[a-z]+)\.?\s+(?P<day>[0-3]?\d)(?!\d)")


def _quarter_ended_on(ctx: Ctx) -> str | None:
    """"the quarter ended July 31": the calendar quarter most of those three months fall in (May-July:
    the second), in the year of the last such day on or before the DCT; "the quarter ending March 31"
    may also be the current or the coming quarter (its end within half a year of the DCT)."""
    m = _ENDED_ON.match(ctx.m.string, ctx.m.end())
    if m is None or ctx.dct is None:
        return None
    month = ctx.rules.lookup("month", m.group("month"))
    day = int(m.group("day"))
    if month is None or not _valid_day(ctx.dct.year, int(month), day):
        return None
    end = dt.date(ctx.dct.year, int(month), day)
    ahead = m.group("verb") == "ending" and (end - ctx.dct).days <= 183
    if end > ctx.dct and not ahead and _valid_day(end.year - 1, end.month, end.day):
        end = end.replace(year=end.year - 1)
    return shift(end - dt.timedelta(days=45), "quarter", 0)


def add_months_date(d: dt.date, n: int) -> tuple[int, int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1, 1


@normaliser("week_of")
def _week_of(ctx: Ctx) -> Reading | None:
    """'the week of March 6': the ISO week containing that day ('the weekend of March 9': its weekend)."""
    found = _explicit_date(ctx) if ctx.g("year") else _month_day(ctx)
    if found is None or "X" in found.value:
        return Reading("XXXX-WXX" + ("-WE" if (ctx.g("unit") or "").lower() == "weekend" else ""),
                       anchor="none") if found is not None else None
    unit = "weekend" if (ctx.g("unit") or "").lower() == "weekend" else "week"  # "the weekend of March 9"
    value = shift(dt.date.fromisoformat(found.value), unit, 0)
    return Reading(value, anchor=found.anchor) if value else None


@normaliser("week_of_month")
def _week_of_month(ctx: Ctx) -> Reading | None:
    """'the first week of April', 'the last week of February': that week (ISO) of the month."""
    m = month_number(ctx)
    n = int(ctx.word("ordinal", "ord") or 0)
    if m is None or n == 0 or n > 5:
        return None
    if ctx.g("year"):
        y, anchor = int(ctx.g("year")), "explicit"
    else:
        y, anchor = year_for_month(m, ctx.dct, ctx.narrative_date, ctx.tense)
        if y is None:
            return Reading("XXXX-WXX", anchor="none")
    # the ISO week holding the middle of that run of seven days: day 4 for the first, 11 for the second ...
    if n < 0:  # "the last week": the month's last seven days
        d = dt.date(*add_months_date(dt.date(y, m, 1), 1)) - dt.timedelta(days=4)
    else:
        d = dt.date(y, m, 1) + dt.timedelta(days=7 * (n - 1) + 3)
        if d.month != m:
            return None
    value = shift(d, "week", 0)
    return Reading(value, anchor=anchor) if value else None


@normaliser("weekend")
def _weekend(ctx: Ctx) -> Reading | None:
    if ctx.dct is None:
        return Reading("XXXX-WXX-WE", anchor="none")
    d = ctx.dct
    wd = d.isoweekday()
    if wd < 6:
        # a weekday: the weekend just past, or (future tense) the coming one
        d = d + dt.timedelta(days=6 - wd) if ctx.tense == "future" else d - dt.timedelta(days=wd)
    value = shift(d, "weekend", 0)
    return Reading(value, anchor="dct") if value else None


@normaliser("year_end")
def _year_end(ctx: Ctx) -> Reading | None:
    """'by year-end' is the end of the DCT's year; 'since year-end' the end of the previous one."""
    if ctx.dct is None:
        return Reading("XXXX", mod="END", anchor="none")
    back = ctx.rules.past_left is not None and ctx.rules.past_left.search(ctx.m.string, max(0, ctx.m.start() - 40),
                                                                          ctx.m.start())
    year = ctx.dct.year - (1 if back else 0)
    if ctx.rules.lookup("extent_before", ctx.prev_word()) == "APPROX":
        # "close around year end": some time near the turn of the year, i.e. in December (TimeBank 1989-12)
        return Reading(f"{year:04d}-12", mod="APPROX", anchor="dct", narrative=False)
    if re.fullmatch(r"year-end", ctx.g("what") or ""):
        # the accounting noun "year-end" is the closing day (TimeBank: 1989-12-31); "year end" the period
        return Reading(f"{year:04d}-12-31", anchor="dct", narrative=False)
    return Reading(f"{year:04d}", mod="END", anchor="dct", narrative=False)


@normaliser("current_unit")
def _current_unit(ctx: Ctx) -> Reading | None:
    """'the end of the month', 'earlier in the year': the unit the story is in (the DCT's by default)."""
    unit = ctx.g("unit") or ctx.g("unit2") or ctx.g("unit3")
    mod = ctx.mod() or ctx.mod("mid")  # "by mid-century"
    narr = ctx.narrative_date
    if unit == "day":  # "later in the day": the day the story is on, even past a vaguer date ("the 2014 budget")
        narr = _story_day(ctx)
    base, anchor = (narr, "narrative") if narr is not None else (ctx.dct, "dct")
    if base is None:
        return Reading(unresolved(unit), mod=mod, anchor="none")
    if ctx.params.get("week_of_year_only"):
        # "For the week, the index rose": TimeBank writes the year and leaves the week open (4 of 4)
        return Reading(f"{base.year:04d}-WXX", mod=mod, anchor=anchor, narrative=False)
    value = shift(base, unit, 0)
    return Reading(value, mod=mod, anchor=anchor, narrative=False) if value else None


@normaliser("year_anaphoric")
def _year_anaphoric(ctx: Ctx) -> Reading | None:
    """'the year ended June 30' (a duration), 'the full year', 'for the year' (the year of the story)."""
    if ctx.g("ended"):
        return Reading("P1Y", type="DURATION", anchor="none", span=(ctx.m.start(), ctx.span("ended")[0]))
    mod = ctx.mod()
    if not ctx.g("kind") and not mod and ctx.prev_word() not in ("for", "during", "through", "throughout", "of"):
        return None
    narr = ctx.narrative_date
    if narr is not None:
        return Reading(f"{narr.year:04d}", anchor="narrative", narrative=False, mod=mod)
    if ctx.dct is None:
        return Reading("XXXX", anchor="none", mod=mod)
    return Reading(f"{ctx.dct.year:04d}", anchor="dct", narrative=False, mod=mod)


@normaliser("quarter_of_year")
def _quarter_of_year(ctx: Ctx) -> Reading | None:
    """'the 1988 third quarter'; 'the 1988 period' in a story about a quarter."""
    y = int(ctx.g("year"))
    q = _QUARTER_WORDS.get(ctx.g("ord") or "")
    if q is None and ctx.g("what") == "period" and reporting_months(ctx) is not None:
        # "In the first nine months, net was $3 million, against $1 million in the 1988 period": that
        # year's nine months, not a quarter (TimeBank: the year)
        return Reading(f"{y:04d}", narrative=False)
    if q is None:
        story = story_quarter(ctx)
        if story is None:
            return None  # "the 1988 period" with no quarter in view: just the year (another rule)
        q = (story.month - 1) // 3 + 1
    return Reading(f"{y:04d}-Q{q}", narrative=False)


@normaliser("half")
def _half(ctx: Ctx) -> Reading | None:
    h = 1 if ctx.g("ord") in ("first", "h1") else 2
    if ctx.g("year"):
        return Reading(f"{int(ctx.g('year')):04d}-H{h}")
    if (ctx.g("relyear") or "").lower() == "the":  # "the first half of the year": the story's year
        if ctx.narrative is not None:
            return Reading(f"{ctx.narrative.date.year:04d}-H{h}", anchor="narrative")
        if ctx.dct is not None:
            return Reading(f"{ctx.dct.year:04d}-H{h}", anchor="dct")
        return Reading(f"XXXX-H{h}", anchor="none")
    if ctx.g("adj"):  # "first-half profit": the story's year, else the DCT's (the last one over, in the past tense)
        if ctx.narrative is not None:
            return Reading(f"{ctx.narrative.date.year:04d}-H{h}", anchor="narrative")
        if ctx.dct is None:
            return Reading(f"XXXX-H{h}", anchor="none")
        y = ctx.dct.year
        if ctx.tense == "past" and ctx.dct < dt.date(y, 7 if h == 1 else 12, 1):
            y -= 1  # "reported a first-half loss" in March: last year's half
        return Reading(f"{y:04d}-H{h}", anchor="dct")
    y = _relyear(ctx)
    if y is None:
        return Reading(f"XXXX-H{h}", anchor="none")
    return Reading(f"{y:04d}-H{h}", anchor="dct")


@normaliser("month_span")
def _month_span(ctx: Ctx) -> Reading | None:
    """'the January-March period': a calendar quarter or half; other spans have no TIMEX3 value."""
    m1, m2 = month_number(ctx), month_number(ctx, "month2")
    if m1 is None or m2 is None or (m1 - 1) % 3 or m2 - m1 not in (2, 5) or (m2 - m1 == 5 and m1 not in (1, 7)):
        return None
    unit, n = ("Q", (m1 - 1) // 3 + 1) if m2 - m1 == 2 else ("H", (m1 - 1) // 6 + 1)
    if ctx.g("year"):
        return Reading(f"{int(ctx.g('year')):04d}-{unit}{n}")
    if ctx.dct is None:
        return Reading(f"XXXX-{unit}{n}", anchor="none")
    y = ctx.dct.year
    if ctx.tense != "future" and (ctx.dct.month < m1 or (ctx.tense == "past" and ctx.dct.month <= m2)):
        y -= 1  # reported figures: the latest such period already over (a future verb: this year's)
    return Reading(f"{y:04d}-{unit}{n}", anchor="dct")


@normaliser("season")
def _season(ctx: Ctx) -> Reading | None:
    code = ctx.word("season", "season")
    if code is None:
        return None
    mod = ctx.mod()
    if ctx.g("year") or ctx.g("yearwords"):
        y = _written_year(ctx)
        return None if y is None else Reading(f"{y:04d}-{code}", mod=mod)
    if ctx.g("relyear"):  # "the fall of last year"
        y = _relyear(ctx)
        return Reading(f"{y:04d}-{code}" if y is not None else f"XXXX-{code}", mod=mod, anchor="dct" if y else "none")
    rel = ctx.g("rel") or ctx.g("rel2") or None
    if rel is None and not mod and not ctx.params.get("rel_after") \
            and ctx.rules.lookup("season_adverb", ctx.g("season")) is None \
            and ctx.rules.lookup("date_preposition", ctx.prev_word()) is None:
        return None  # "prices fall", "a hot spring": a season word alone is not a date
    if rel is None and ctx.g("season").lower() == "fall" and "the" not in ctx.m.group(0).lower():
        return None
    off = ctx.rules.lookup("rel", rel) if rel else None
    relation = None if off is None else "last" if int(off) < 0 else "next" if int(off) > 0 else "this"
    tense = ctx.tense
    if rel and ctx.rules.lookup("rel_recent", rel) is not None:
        relation, tense = None, "past"  # "this past spring": the latest spring, this year's if it is over
    if rel is None and (tail := _SEASON_RANGE_TAIL.match(ctx.m.string, ctx.m.end())) is not None:
        return Reading(f"{int(tail.group(1)):04d}-{code}", mod=mod)  # "the spring or summer of 2012"
    y, anchor = season_year(code, ctx.dct, None if rel else ctx.narrative_date, tense, relation)
    if y is None:
        return Reading(f"XXXX-{code}", mod=mod, anchor="none")
    return Reading(f"{y:04d}-{code}", mod=mod, anchor=anchor)


_SEASON_RANGE_TAIL = re.compile(r"\s*(?:to|and|or|through|-|–)\s*(?:(?:early|mid|late)[\s-]+)?(?:the\s+)?"
                                r"(?:spring|summer|fall|autumn|winter)\s+(?:of\s+)?(\d{4})(?!\d)")


@normaliser("season_anaphoric")
def _season_anaphoric(ctx: Ctx) -> Reading | None:
    """'That summer', 'the next spring', 'the previous winter': a season placed from the story's date
    (the DCT without one).  After a bare year ("in 1998. The next spring") the next one is the next year's."""
    code = ctx.word("season", "season")
    if code is None:
        return None
    det = re.sub(r"\s+", " ", ctx.g("det").lower())
    step = 1 if det.endswith(("next", "following")) else -1 if det.endswith(("previous", "preceding", "prior")) else 0
    narr = ctx.narrative
    if narr is None:  # no story date: "that fall" as a bare season, by tense
        y, anchor = season_year(code, ctx.dct, None, ctx.tense, None if step == 0 else "next" if step > 0 else "last")
        return Reading(f"{y:04d}-{code}" if y else f"XXXX-{code}", anchor=anchor, mod=ctx.mod(), narrative=False)
    base, anchor = narr.date, "narrative"
    if narr.granularity in ("year", "decade", "century"):
        return Reading(f"{base.year + step:04d}-{code}", anchor=anchor, mod=ctx.mod(), narrative=False)
    cur = season_key(base)
    want = SEASON_CODES.index(code)
    y = cur[0]
    if step > 0 and (y, want) <= cur:
        y += 1
    elif step < 0 and (y, want) >= cur:
        y -= 1
    return Reading(f"{y:04d}-{code}", anchor=anchor, mod=ctx.mod(), narrative=False)


@normaliser("offset")
def _offset(ctx: Ctx) -> Reading | None:
    """'two years ago', 'a week later', 'several months earlier'."""
    uc = unit_code(ctx)
    if uc is None:
        return None
    mult, code = uc
    direction = str(ctx.word("offset_direction", "dir") or "dct-1")  # dct-1: "ago"; narr+1: "later"
    sign = -1 if direction.endswith("-1") else 1
    from_narrative = direction.startswith("narr")
    mod = ctx.mod("approx")
    n = number(ctx, ctx.g("num"))
    if n is None and ctx.rules.lookup("fuzzy_number", ctx.g("num")) is None:
        return None  # "seven a year ago": the number is "a", found from the next word on
    if n is not None and ctx.g("andhalf"):
        n += 0.5  # "a year and a half ago"
    if n is not None and not float(n).is_integer() and code == "Y" and float(n * 12).is_integer():
        n, mult, code = n * 12, 1, "M"  # "two and a half years ago": thirty months back
    elif ctx.g("andhalf"):
        return None  # "a minute and a half later": the duration rule tags the count
    if n is None or not float(n).is_integer():
        if n is None and from_narrative:
            # "A few days later": a vague count after a past event is neither a date nor the future;
            # TimeML tags the count as a duration ("A few days", PXD) and leaves "later" outside
            return _count_only(ctx, duration_of(None, mult, code), mod)
        # "several years ago": a vague past (or future)
        if n is None:
            return Reading("PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod, anchor="dct" if ctx.dct else "none",
                           narrative=False)
    n = int(round(n * mult))
    ref = ctx.narrative.date if (from_narrative and ctx.narrative) else ctx.dct
    anchor = "narrative" if (from_narrative and ctx.narrative) else "dct"
    if ref is None:
        return Reading("PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod, anchor="none", narrative=False)
    if from_narrative and ctx.narrative is None and code == "Y" and sign < 0 and ctx.dct is not None \
            and _COMPARED_BEFORE.search(ctx.m.string, max(0, ctx.m.start() - 40), ctx.m.start()):
        ref, anchor = ctx.dct, "dct"  # "rose 5% from a year earlier": a comparison with the year before now
    elif from_narrative and ctx.narrative is None and (code != "Y" or base_of_comparison(ctx, "quarter") is None):
        # "Two years later, it went bankrupt" with no date named before: later than an event, not than the
        # DCT (that would put a past event in the future); only the count is known (TimeML: "Two years", P2Y)
        return _count_only(ctx, duration_of(float(n) / mult, mult, code), mod)
    if code in ("H", "MIN", "S"):
        if from_narrative and anchor == "narrative":  # "over an hour later": that day, the count as TimeML tags it
            counted = _count_only(ctx, duration_of(float(n) / mult, mult, code), mod)
            counted.points_to, counted.anchor = fmt_day(ref), anchor
            return counted
        return Reading(fmt_day(ref), mod=mod, anchor=anchor, narrative=False)
    if code == "WE":
        code = "W"
    # "a year earlier" / "a year ago" after "the third quarter": the same quarter a year before
    # (TimeBank: 29 of 34 such cases after a quarter).
    base = base_of_comparison(ctx, "quarter") if code == "Y" else None
    if base is not None:
        value = shift(base, "quarter", sign * n * 4)
        if value:
            return Reading(value, mod=mod, anchor="narrative", narrative=False)
    d = base_of_comparison(ctx, "day") if code == "Y" and from_narrative else None
    if d is not None:
        try:
            return Reading(fmt_day(d.replace(year=d.year + sign * n)), mod=mod, anchor="narrative", narrative=False)
        except ValueError:  # Feb 29
            pass
    if direction.startswith("day") and code in ("D", "W"):
        return Reading(fmt_day(ref + dt.timedelta(days=sign * n * (7 if code == "W" else 1))), mod=mod, anchor=anchor,
                       narrative=False)  # "two weeks from today": that day
    r = shift_by_duration(ref, code, sign * n)
    if r is None:
        return None
    d, gran = r
    value = shift(d, gran, 0)
    if value is None:
        return None
    if from_narrative and anchor == "narrative" and code != "Y":
        # "Three days later", "A day earlier": TimeML tags the count as a DURATION ("Three days", P3D) and
        # leaves "later" outside; the date it leads to dates the event (points_to)
        counted = _count_only(ctx, duration_of(float(n) / mult, mult, code), mod)
        counted.points_to, counted.anchor = value, anchor
        return counted
    return Reading(value, mod=mod, anchor=anchor, narrative=False)


_COMPARED_BEFORE = re.compile(r"\b(?:from|than|with|over|versus|vs\.?)\s+(?:the\s+(?:same|comparable|corresponding)\s+(?:period|time|quarter|month|week)\s+)?$")


def _count_only(ctx: Ctx, value: str, mod: str | None) -> Reading:
    """The count of "N units later/earlier" as a duration, "later"/"earlier" left outside (TimeML)."""
    return Reading(value, type="DURATION", mod=mod, anchor="none", span=(ctx.m.start(), ctx.span("unit")[1]),
                   narrative=False)


@normaliser("relative_unit")
def _relative_unit(ctx: Ctx) -> Reading | None:
    unit = ctx.word("cal_unit", "unit")
    off = ctx.word("rel", "rel")
    if unit is None or off is None:
        return None
    mod = ctx.mod()
    relw = ctx.g("rel")
    if unit == "day" and int(off) < 0 and _OF_AFTER.match(ctx.m.string, ctx.m.end()):
        return None  # "the last day of the sale": its final day, not yesterday
    if unit in ("decade", "century") and int(off) < 0:
        # "the past decade" is the ten years up to now (TimeML: a duration), not the 2010s
        return Reading("P10Y" if unit == "decade" else "P100Y", type="DURATION", anchor="none", mod=mod)
    if unit in ("decade", "century") and int(off) > 0 and _OVER_BEFORE.search(ctx.m.string, max(0, ctx.m.start() - 12), ctx.m.start()):
        # "cuts over the next decade": the ten years from now, an extent (like "the past decade")
        return Reading("P10Y" if unit == "decade" else "P100Y", type="DURATION", anchor="none", mod=mod)
    if ctx.rules.lookup("rel_narrative", relw) is not None and ctx.narrative is not None:
        value = shift(ctx.narrative.date, unit, int(off))
        return Reading(value, mod=mod, anchor="narrative", narrative=False) if value else None
    if ctx.dct is None:
        return Reading(unresolved(unit), mod=mod, anchor="none")
    value = shift(ctx.dct, unit, int(off))
    if value is None:
        return None
    return Reading(value, mod=mod, anchor="dct")


_OVER_BEFORE = re.compile(r"\b(?:over|for|within|during|throughout)\s+$")


@normaliser("weekday")
def _weekday(ctx: Ctx) -> Reading | None:
    wd = weekday_number(ctx)
    if wd is None:
        return None
    if ctx.rule.rule.id == "weekday-bare" and ctx.rules.lookup("ambiguous_weekday", ctx.g("weekday")) is not None:
        return None  # "Sun", "Wed" alone are names and verbs more often than days
    pod = ctx.word("part_of_day", "pod")
    rel = (ctx.g("rel") or "").lower()
    if ctx.dct is None:
        return Reading(f"XXXX-WXX-{wd}", anchor="none", mod=ctx.mod())
    dct = ctx.dct
    off = int(ctx.rules.lookup("rel", rel) or 0) if rel else None
    narr = ctx.narrative
    if off and (ctx.rules.lookup("rel_narrative", rel) is not None or rel == "previous") and narr is not None \
            and narr.granularity == "day" and ctx.m.start() - narr.end <= NARRATIVE_REACH * 3:
        dct = narr.date  # "down 4.5% from the previous Friday": the Friday before the story's day
    wk = _WEEK_AFTER.match(ctx.m.string, ctx.m.end()) if off is None and ctx.dct is not None else None
    if wk is not None:  # "on Thursday last week", "Monday next week": that weekday of the named week
        monday = ctx.dct - dt.timedelta(days=ctx.dct.isoweekday() - 1)
        d = monday + dt.timedelta(weeks=int(ctx.rules.lookup("rel", wk.group(1)) or 0), days=wd - 1)
    elif off is not None and off < 0:
        d = weekday_date(wd, dct - dt.timedelta(days=1), "past")
    elif off is not None and off > 0:
        d = weekday_date(wd, dct + dt.timedelta(days=1), "future")
    elif off == 0:
        d = weekday_date(wd, dct, ctx.tense if ctx.tense in ("past", "future") else "future")
    else:
        d = weekday_date(wd, dct, ctx.tense)
    if pod == "EV" or (pod and ctx.params.get("pod_time")):
        # "Friday evening" is that day's evening (TimeML: 1998-02-13TEV, a TIME).  "Friday night" and
        # "Friday morning" stay dated to the day: TimeBank often annotates just "Friday" in them.
        return Reading(f"{fmt_day(d)}T{pod}", type="TIME", anchor="dct", mod=ctx.mod())
    return Reading(fmt_day(d), anchor="dct", mod=ctx.mod())


_WEEK_AFTER = re.compile(r",?\s+(last|next|this)\s+week\b")


@normaliser("year_ago_adj")
def _year_ago_adj(ctx: Ctx) -> Reading | None:
    unit = ctx.g("unit").lower()
    if ctx.g("the") and not ctx.g("noun"):
        r = _year_ago_adj_value(ctx, unit)
        if r is not None:
            r.span = (ctx.span("unit")[0], ctx.m.end())  # "the [year-ago] results"
        return r
    return _year_ago_adj_value(ctx, unit)


def _year_ago_adj_value(ctx: Ctx, unit: str) -> Reading | None:
    ref = ctx.dct
    if unit == "year":
        # "year-earlier" right after "the third quarter" is that quarter a year before (TimeBank: 10 of 10)
        for gran, steps in (("quarter", -4), ("month", -12)):
            base = base_of_comparison(ctx, gran)
            if base is not None:
                return Reading(shift(base, gran, steps) or "XXXX", anchor="narrative", narrative=False)
        if ref is None:
            return Reading("XXXX", anchor="none", narrative=False)
        return Reading(shift(ref, "year", -1) or "XXXX", anchor="dct", narrative=False)
    if ref is None:
        return Reading(unresolved(unit), anchor="none", narrative=False)
    return Reading(shift(ref, unit, -1) or unresolved(unit), anchor="dct", narrative=False)


@normaliser("anaphoric")
def _anaphoric(ctx: Ctx) -> Reading | None:
    """'the next day', 'that year', 'the following week', 'that morning': relative to the narrative."""
    if ctx.g("dir"):  # "the day before," "the year after.": the unit next to the narrative's
        det = "the previous" if ctx.g("dir").lower() in ("before", "earlier") else "the next"
    else:
        det = re.sub(r"\s+", " ", ctx.g("det").lower())
    unit = ctx.g("unit").lower()
    pod = ctx.rules.lookup("part_of_day", unit)
    if pod is not None:
        unit = "day"
    off = 1 if det.endswith(("next", "following")) else -1 if det.endswith(("previous", "preceding", "prior")) else 0
    narr = ctx.narrative
    gran_rank = ["day", "week", "month", "quarter", "season", "half", "year", "decade", "century"]
    if narr is not None and (narr.granularity in gran_rank and gran_rank.index(narr.granularity) <= gran_rank.index(unit)):
        value = shift(narr.date, unit, off)
        anchor = "narrative"
    elif narr is not None and off == 0 and det.endswith("same") and (narr.granularity, unit) in (("month", "day"), ("year", "month")) \
            and re.fullmatch(r"\d{4}(?:-\d\d)?", narr.value):
        # "last October ... that same day": a day of that month (1998-10-XX), as TimeML leaves it unknown
        value, anchor = narr.value + "-XX", "narrative"
    elif ctx.dct is not None and off == 0 and det.startswith("th"):
        return None  # "that year" with nothing to point at
    elif ctx.dct is not None:
        value = shift(ctx.dct, unit, off)
        anchor = "dct"
    else:
        value, anchor = unresolved(unit), "none"
    if value is None:
        return None
    return Reading(with_pod(value, pod if value[:1].isdigit() and unit == "day" else None), anchor=anchor,
                   mod=ctx.mod(), narrative=False)


@normaliser("decade")
def _decade(ctx: Ctx) -> Reading | None:
    mod = ctx.mod()
    if ctx.g("dec"):
        year = int(ctx.g("dec"))
        if year % 100 == 0 and year < 2000:
            return Reading(f"{year // 100:02d}", mod=mod)  # "the 1800s": the century
        d = year // 10
    elif ctx.g("dec2"):
        two = int(ctx.g("dec2"))
        base = 2000 if ctx.dct is not None and ctx.dct.year >= 2000 + two + 10 else 1900
        d = (base + two) // 10
    else:
        d = 190 + int(ctx.word("decade_word", "decword"))
    return Reading(f"{d:03d}", mod=mod)


@normaliser("century")
def _century(ctx: Ctx) -> Reading | None:
    w = ctx.g("ord")
    v = ctx.rules.lookup("ordinal", w)
    if v is None:
        digits = re.match(r"\d+", w)
        if not digits:
            v = 21 if w.lower().startswith("twenty") else None
        else:
            v = int(digits[0])
    if v is None or int(v) < 1:
        return None
    return Reading(f"{int(v) - 1:02d}", mod=ctx.mod() or ctx.mod("mod2"))  # "the second half of the 20th century"


STORY_DAY_REACH = 600
"""How far back (characters) a bare clock time ("at 2 p.m.") looks for the day the story is on."""


def _story_day(ctx: Ctx) -> dt.date | None:
    """The last day-precise date named shortly before ("on Wednesday ... at 2 p.m."), even when a
    vaguer date ("by the end of 2026") came in between."""
    start = ctx.m.start()
    for e in reversed(ctx.history):
        if start - e.end > STORY_DAY_REACH:
            break
        if e.granularity == "day" and e.interval is not None and e.points_to is None:
            return e.interval.start.date()
    return None


@normaliser("clock")
def _clock(ctx: Ctx) -> Reading | None:
    if ctx.g("word"):
        # TimeML writes midnight as T24 of the day it ends ("midnight Friday": Friday T24)
        h, mi = (12, 0) if ctx.g("word").lower() in ("noon", "midday") else (24, 0)
    else:
        h = int(ctx.g("hour"))
        mi = int(ctx.g("minute") or 0)
        ampm = (ctx.g("ampm") or "").lower()
        inpod = (ctx.g("inpod") or "").lower()
        dpod = (ctx.g("dpod") or "").lower().split()
        if dpod:  # "2:30 this afternoon", "10 tonight": the part of day decides a.m./p.m.
            inpod = "night" if dpod[-1] == "tonight" else dpod[-1]
        pod_day = _pod_before(ctx)  # "tomorrow night at 8:00": that part of that day
        if pod_day is not None and not ampm and not inpod and 1 <= h <= 12:
            inpod = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}[pod_day[1]]
        if inpod:  # "4 in the morning", "9 in the evening", "2 in the night"
            ampm = "am" if inpod == "morning" or (inpod == "night" and (h < 6 or h == 12)) else "pm"
        if ampm:
            if not 1 <= h <= 12:
                return None
            if ampm.startswith("p") and h < 12:
                h += 12
            elif ampm.startswith("a") and h == 12:
                h = 0
        elif h > 23:
            return None
    day = None
    anchor = "dct"
    if ctx.dct is not None:
        wd = weekday_number(ctx) if ctx.g("weekday") else None
        dei = (ctx.g("deictic") or "").lower()
        if ctx.g("month") and ctx.g("day"):
            found = _month_day(ctx)  # "5 p.m. EST Nov. 9": the day is written out
            if found is None or "X" in found.value:
                return None
            day = dt.date.fromisoformat(found.value)
        elif wd is not None:
            day = weekday_date(wd, ctx.dct, ctx.tense)
        elif not ctx.g("word") and pod_day is not None:
            day, anchor = pod_day[0], "narrative"
        elif ctx.g("dpod"):
            first = ctx.g("dpod").lower().split()[0]
            day = ctx.dct + dt.timedelta(days={"tomorrow": 1, "yesterday": -1, "last": -1}.get(first, 0))
        elif dei:
            code = str(ctx.rules.lookup("deictic", dei) or "")
            if not code.startswith("D"):
                return None
            day = ctx.dct + dt.timedelta(days=int(code[1:].split("/")[0]))
        elif (later := _PAREN_THEN_WEEKDAY.match(ctx.m.string, ctx.m.end())) is not None \
                and (wd2 := ctx.rules.lookup("weekday", later.group("wd"))) is not None:
            day = weekday_date(int(wd2), ctx.dct, ctx.tense)  # "10:14 a.m. (0114 GMT) on Tuesday"
        elif (story_day := _story_day(ctx)) is not None:
            day, anchor = story_day, "narrative"
        elif h == 24 and ctx.tense == "past":
            day = ctx.dct - dt.timedelta(days=1)  # "occurred just after midnight": the one that began the DCT's day
        else:
            day = ctx.dct
    value = f"{fmt_day(day) if day else 'XXXX-XX-XX'}T{h:02d}" + ("" if h == 24 else f":{mi:02d}")
    return Reading(value, anchor=anchor if day else "none", narrative=False)


_PAREN_THEN_WEEKDAY = re.compile(r"\s*\([^()]{1,30}\)\s*,?\s*(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


_AT_BETWEEN = re.compile(r",?\s+(?:at|around|about)\s+$")
_POD_VALUE = re.compile(r"(\d{4}-\d\d-\d\d)T(MO|AF|EV|NI)$")


def _pod_before(ctx: Ctx) -> tuple[dt.date, str] | None:
    """(day, part of day) of a part-of-day expression right before the clock ("tomorrow night at 8:00")."""
    last = ctx.last
    if last is None or last.end > ctx.m.start() or ctx.m.start() - last.end > 12:
        return None
    pm = _POD_VALUE.match(last.value)
    if pm is None or not _AT_BETWEEN.fullmatch(ctx.m.string, last.end, ctx.m.start()):
        return None
    return dt.date.fromisoformat(pm.group(1)), pm.group(2)


@normaliser("part_of_day")
def _part_of_day(ctx: Ctx) -> Reading | None:
    pod = ctx.word("part_of_day", "pod")
    dei = re.sub(r"\s+", " ", ctx.g("deictic").lower())
    mod = "EARLY" if dei.startswith("early") else "LATE" if dei.startswith("late ") else None
    base = dei.split()[-1]
    off = {"this": 0, "today": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[base]
    if base == "last" and pod not in ("NI", "EV"):
        return None  # "last morning" is not an expression
    if ctx.dct is None:
        return Reading(f"XXXX-XX-XXT{pod}", anchor="none", mod=mod)
    return Reading(f"{fmt_day(ctx.dct + dt.timedelta(days=off))}T{pod}", anchor="dct", mod=mod)


@normaliser("part_of_day_anaphoric")
def _part_of_day_anaphoric(ctx: Ctx) -> Reading | None:
    """'in the morning': that part of the day the story is on (its last day, else the DCT)."""
    pod = ctx.word("part_of_day", "pod")
    if pod is None:
        return None
    pod = "12:00" if pod == "MI" else pod  # midday: TimeBank writes the clock time
    story_day = _story_day(ctx)  # the story's last day, even past a vaguer date in between
    mod = {"early": "EARLY", "late": "LATE"}.get((ctx.g("mod") or "").lower())
    shift = dt.timedelta(days=int(ctx.params.get("day_offset", 0)))  # "overnight": the night before that day
    if story_day is not None:
        return Reading(f"{fmt_day(story_day + shift)}T{pod}", anchor="narrative", mod=mod, narrative=False)
    if ctx.dct is None:
        return Reading(f"XXXX-XX-XXT{pod}", anchor="none", mod=mod, narrative=False)
    return Reading(f"{fmt_day(ctx.dct + shift)}T{pod}", anchor="dct", mod=mod, narrative=False)


@normaliser("set")
def _set(ctx: Ctx) -> Reading | None:
    if ctx.g("adverb"):
        before = ctx.m.string[max(0, ctx.m.start() - 40):ctx.m.start()]
        if _RATE_BEFORE.search(before) or _MONEY_BEFORE.search(before) or _COUNT_BEFORE.search(before):
            return None  # "20% annually", "$17.9 million annually", "10,000 units annually": a rate of an amount
        return Reading(str(ctx.word("set_adverb", "adverb")), anchor="none")
    n = 1
    numw = ctx.g("num")
    if numw:
        n = 2 if numw.lower() == "other" else number(ctx, numw)
        if n is None or not float(n).is_integer() or n < 1:
            return None
    if ctx.g("seasons"):
        return Reading(f"XXXX-{ctx.word('season_plural', 'seasons')}", anchor="none")
    if ctx.g("season"):
        return Reading(f"XXXX-{ctx.word('season', 'season')}", anchor="none")
    if ctx.g("wdplural"):
        return Reading(f"XXXX-WXX-{ctx.word('weekday_plural', 'wdplural')}", anchor="none")
    if ctx.g("weekday"):
        wd = weekday_number(ctx)
        if not wd:
            return None
        # "Tuesday nights" -> XXXX-WXX-2TNI; "Monday (and Tuesday nights)" shares the coordinated part of day
        pod = ctx.word("part_of_day_plural", "pod")
        return Reading(f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), anchor="none")
    if ctx.g("month"):
        m = month_number(ctx)
        return Reading(f"XXXX-{m:02d}", anchor="none") if m else None
    if ctx.g("pod"):
        return Reading(f"XXXX-XX-XXT{ctx.word('part_of_day', 'pod')}", anchor="none")
    uc = unit_code(ctx)
    if uc is None:
        return None
    return Reading(duration_of(float(n), *uc), anchor="none")


@normaliser("duration")
def _duration(ctx: Ctx) -> Reading | None:
    if (ctx.g("long") or "").lower() == "old":
        return None  # "a 10-year-old boy": an age
    uc = unit_code(ctx)
    if uc is None:
        return None
    n = number(ctx, ctx.g("num"))
    if n is None or n <= 0:
        return None
    unit = ctx.g("unit")
    hyphen = "-" in ctx.g("sep")
    if ctx.g("num") in ("a", "an") and (ctx.g("the") or unit.endswith("s")):
        return None  # "the a year", "a decades-long": not a count
    if ctx.g("num") in ("a", "an") and ctx.m.start() > 0 and ctx.m.string[ctx.m.start() - 1] == "-":
        return None  # "once-in-a-century": a compound, not a count
    if hyphen and unit.endswith("s"):
        return None  # "three-quarters": a fraction
    if ctx.g("num") in ("a", "an") and _MONEY_BEFORE.search(ctx.m.string, max(0, ctx.m.start() - 30), ctx.m.start()):
        return None  # "$500 million a year": a rate, not a duration
    if ctx.g("num") in ("a", "an") and _COUNT_BEFORE.search(ctx.m.string, max(0, ctx.m.start() - 40), ctx.m.start()):
        return None  # "four flights a week": a rate, not a duration
    if n >= 1000 and "," not in ctx.g("num") and not unit.endswith("s"):
        return None  # "the 1988 quarter": a year
    if unit == "second" and ctx.g("num") in ("a", "an"):
        return None  # "a second term"
    if ctx.g("num") in ("a", "an") and unit in ("minute", "second", "moment") and ctx.prev_word().lower() in ("wait", "hold", "just"):
        return None  # "Wait a minute": an interjection, not an extent
    if unit == "quarter" and re.match(r"\s+of\b", ctx.m.string[ctx.m.end():ctx.m.end() + 4]):
        return None  # "a quarter of the vote": a fraction
    if ctx.g("andhalf"):
        n += 0.5
    start = ctx.m.start()
    if ctx.g("long") and ctx.g("num").lower() in ("a", "an") and not ctx.g("rel") and not ctx.g("approx"):
        start = ctx.span("unit")[0]  # "a [year-long] strike": "a" is the noun's article
    elif hyphen and not ctx.g("rel") and not ctx.g("approx"):
        start = ctx.span("num")[0]  # "the [eight-year] war"
    elif ctx.g("the") is None and ctx.g("rel") and ctx.g("approx") is None:
        start = ctx.span("rel")[0]
    approx = ctx.word("duration_approx", "approx") if ctx.g("approx") else None
    if (ctx.g("approx") or "").lower() == "over" and not _OVER_AS_MORE_THAN.search(ctx.m.string, max(0, start - 20), start):
        # "repaid over five years", "used over three years": "over" is the preposition (across), not "more than"
        approx, start = None, _SPACES.match(ctx.m.string, ctx.span("approx")[1]).end()
    return Reading(duration_of(n, *uc), mod=approx, anchor="none", span=(start, ctx.m.end()))


_SPACES = re.compile(r"\s*")
# "for over a week", "in just over two years", "after well over an hour": there "over" means "more than"
_OVER_AS_MORE_THAN = re.compile(r"\b(?:for|in|of|after|within|than|to|by|took|takes|take|lasted|lasts|last|just|little|slightly|"
                                r"well|nearly|roughly|about|ago|spent|spend|spends)\s+$|^\s*$|[,;:(]\s*$", re.I)
_PREV_TWO_WORDS = re.compile(r"([a-z]+\s+[a-z]+)\s+$")


@normaliser("duration_compound")
def _duration_compound(ctx: Ctx) -> Reading | None:
    """A unit written into a modifier: "a day-long meeting", "the yearlong probe" (one unit),
    "a several-year effort", "a multiyear deal" (an unknown number of them)."""
    uc = unit_code(ctx, "unit" if ctx.g("unit") else "unit2")
    if uc is None:
        return None
    mult, code = uc
    if ctx.g("fuzzy"):
        return Reading(duration_of(None, 1, code), anchor="none")
    return Reading(duration_of(1, mult, code), anchor="none")


@normaliser("duration_unknown_unit")
def _duration_unknown_unit(ctx: Ctx) -> Reading | None:
    """"for a while", "for a fairly lengthy period": an extent of unknown size and unit (TimeML PXX)."""
    if (ctx.prev_word() or "").lower() not in ("for", "after", "in", "within", "over"):
        return None  # "a while ago" is a past time; "worth a while" is no extent
    return Reading("PXX", anchor="none")


_RELATIVE_AFTER = re.compile(r"\s+(?:later|earlier)\b")


@normaliser("duration_fuzzy")
def _duration_fuzzy(ctx: Ctx) -> Reading | None:
    uc = unit_code(ctx, list_name="plural_unit")
    if uc is None:
        return None
    fuzzy = ctx.g("fuzzy")
    rel = (ctx.g("rel") or ctx.g("rel2") or "").lower()
    if not (fuzzy or rel or ctx.params.get("bare") or ctx.g("ahead")):
        if ctx.g("the"):
            if ctx.rules.lookup("duration_the_preposition", ctx.prev_word()) is None:
                return None  # "the years of war"; but "over the years" is a vague duration
        elif ctx.rules.lookup("duration_preposition", ctx.prev_word()) is None \
                and not _RELATIVE_AFTER.match(ctx.m.string, ctx.m.end()):
            return None  # bare units count only after "for/within..." or before "later": "Hours later, ..."
        else:
            two = _PREV_TWO_WORDS.search(ctx.m.string, max(0, ctx.m.start() - 40), ctx.m.start())
            if two is not None and ctx.rules.lookup("idiom_before_units", two.group(1)) is not None:
                return None  # "in a matter of months": an idiom for "soon", not an extent
    if fuzzy and fuzzy.lower() == "some" and uc[1] not in ("Y", "M", "W", "D"):
        return None
    mult, code = uc
    if rel == "recent" and code == "Y":
        return Reading("PAST_REF", type="DATE", anchor="none")
    if mult == 100:
        return Reading("PXC", anchor="none")  # TimeBank's century unit (E decade, C century, L millennium)
    return Reading(duration_of(None, mult, code), anchor="none")


@normaliser("year")
def _year(ctx: Ctx) -> Reading | None:
    if ctx.g("yearwords"):
        y = _words_year(ctx, ctx.g("yearwords"))
        if y is None:
            return None
    else:
        y = year_number(ctx.g("year"))
        if not ctx.g("mod") and ctx.rules.lookup("number_label", ctx.prev_word()) is not None:
            return None  # "Room 1999", "Resolution 1441"
        if ctx.prev_word().lower() == "at" and _STREET_AFTER.match(ctx.m.string, ctx.m.end()):
            return None  # "at 1600 Pennsylvania Avenue": a house number
        if not _year_range_start(ctx):
            return None
    mw = (ctx.g("mod") or "").lower()
    mod = {"post": "AFTER", "pre": "BEFORE"}.get(mw) or ctx.mod()
    return Reading(f"{y:04d}", mod=mod)


_STREET_AFTER = re.compile(r"\s+(?:[a-z][a-z.'-]*\s+){1,3}(?:avenue|ave|street|st|road|rd|boulevard|blvd|drive|dr|lane|ln|way|place|pl|court|ct|terrace|parkway|pkwy|highway)\b\.?")


@normaliser("year_short_end")
def _year_short_end(ctx: Ctx) -> Reading | None:
    """'1990-91': the year after 1990 that ends in 91 (at most nine years on); '2013-03' is not a range."""
    first = ctx.m.string[ctx.m.start() - 5:ctx.m.start() - 1]
    if not first.isdigit() or not 1000 <= int(first) <= 2100:
        return None
    y0 = int(first)
    y = y0 // 100 * 100 + int(ctx.g("yy"))
    if y <= y0:
        y += 100
    return Reading(f"{y:04d}") if y - y0 <= 9 else None


_TWO_DIGITS_AFTER = re.compile(r"[-–](\d\d)(?!\d)")


def _year_range_start(ctx: Ctx) -> bool:
    """Whether a year written before '-dd' starts a range of years ('1990-91') rather than a month ('2013-03')."""
    m = _TWO_DIGITS_AFTER.match(ctx.m.string, ctx.m.end(), ctx.m.end() + 4)
    if m is None:
        return True
    y0 = int(ctx.g("year"))
    return 0 < (int(m.group(1)) - y0 % 100) % 100 <= 9


@normaliser("era_year")
def _era_year(ctx: Ctx) -> Reading | None:
    """"AD 476", "476 CE": a year of the common era, any number of digits ("2 ad campaigns" is no year)."""
    era = "era" if ctx.g("era") else "era2"
    a, b = ctx.span(era)
    if not ctx.text[a:b].replace(".", "").isupper():
        return None
    y = int(ctx.g("year") or ctx.g("year2"))
    return Reading(f"{y:04d}") if 1 <= y <= 9999 else None


def _words_year(ctx: Ctx, s: str) -> int | None:
    s = s.lower()
    if s.startswith("two thousand"):
        rest = s[len("two thousand"):].replace("and", "").strip()
        return 2000 + (int(number(ctx, rest)) if rest and number(ctx, rest) is not None else 0)
    rest = re.sub(r"^nineteen\s+(?:hundred\s+and\s+)?", "", s)
    n = number(ctx, rest)
    return None if n is None else 1900 + int(n)


def holiday_date(code: str, year: int) -> dt.date | None:
    """The date of a holiday in a year.  Codes: ``MM-DD`` (fixed), ``M:W:N[:D]`` (the N-th weekday W
    of month M on or after day D; N = -1 the last one), ``easter[+K]`` (K days after Easter Sunday)."""
    try:
        if code.startswith("easter"):
            k = int(code[6:] or 0)
            # anonymous Gregorian algorithm (Meeus/Jones/Butcher)
            a, b, c = year % 19, year // 100, year % 100
            d, e = b // 4, b % 4
            f = (b + 8) // 25
            g = (b - f + 1) // 3
            h = (19 * a + b - d - g + 15) % 30
            i, k2 = c // 4, c % 4
            l_ = (32 + 2 * e + 2 * i - h - k2) % 7
            m = (a + 11 * h + 22 * l_) // 451
            month, day = divmod(h + l_ - 7 * m + 114, 31)
            return dt.date(year, month, day + 1) + dt.timedelta(days=k)
        if ":" in code:
            parts = [int(x) for x in code.split(":")]
            month, wd, n = parts[:3]
            first = parts[3] if len(parts) > 3 else 1
            if n < 0:
                nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
                d = nxt - dt.timedelta(days=1)
                return d - dt.timedelta(days=(d.isoweekday() - wd) % 7)
            d = dt.date(year, month, first)
            d += dt.timedelta(days=(wd - d.isoweekday()) % 7)
            return d + dt.timedelta(weeks=n - 1)
        m, d = (int(x) for x in code.split("-"))
        return dt.date(year, m, d)
    except (ValueError, OverflowError):
        return None


@normaliser("holiday")
def _holiday(ctx: Ctx) -> Reading | None:
    code = ctx.word("holiday", "holiday")
    if code is None or not ctx.text[ctx.span("holiday")[0]].isupper():
        return None  # holidays are names: "Christmas", not "christmas"
    code = str(code)
    if ctx.g("year"):
        d = holiday_date(code, int(ctx.g("year")))
        return Reading(fmt_day(d)) if d else None
    probe = holiday_date(code, 2001)  # month and rough day, to choose the year
    if probe is None:
        return None
    rel = ctx.g("rel") or ""
    off = ctx.rules.lookup("rel", rel) if rel else None
    tense = ctx.tense if off is None else "past" if int(off) < 0 else "future" if int(off) > 0 else ctx.tense
    y, anchor = year_for_month(probe.month, ctx.dct, None if rel else ctx.narrative_date, tense, probe.day)
    if y is None:
        return Reading(f"XXXX-{probe.month:02d}-{probe.day:02d}" if "-" in code and ":" not in code
                       else f"XXXX-{probe.month:02d}", anchor="none")
    d = holiday_date(code, y)
    return Reading(fmt_day(d), anchor=anchor) if d else None


@normaliser("holiday_week")
def _holiday_week(ctx: Ctx) -> Reading | None:
    """'Easter week', 'Christmas week': the (ISO) week the holiday falls in."""
    day = _holiday(ctx)
    if day is None:
        return None
    weekend = (ctx.g("unit") or "week").lower() == "weekend"
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return Reading("XXXX-WXX" + ("-WE" if weekend else ""), anchor="none")
    d = dt.date.fromisoformat(day.value)
    if weekend:  # "Memorial Day weekend": the weekend next to it (a Monday holiday ends the one before)
        d -= dt.timedelta(days=d.isoweekday() if d.isoweekday() <= 2 else 0)
        value = shift(d, "weekend", 0)
    else:
        value = shift(d, "week", 0)
    return Reading(value, anchor=day.anchor) if value else None


@normaliser("deictic")
def _deictic(ctx: Ctx) -> Reading | None:
    code = ctx.word("deictic", "deictic")
    if code is None:
        return None
    code = str(code)
    mw = (ctx.g("mod") or "").lower()
    mod = {"early": "EARLY", "late": "LATE"}.get(mw)
    span = None
    m = re.fullmatch(r"D(-?\d+)(?:/(\w\w))?", code)
    if not m:
        if code.endswith("_REF") and ctx.g("deictic").startswith("the ") and _COUNT_AFTER.match(ctx.m.string, ctx.m.end()):
            return None  # "for the past three summers": a count of something, not "the past" itself
        if code == "FUTURE_REF" and _OF_AFTER.match(ctx.m.string, ctx.m.end()):
            return None  # "the future of our peoples": their prospects, not a time
        if " " not in ctx.g("deictic") and _DATE_AFTER.match(ctx.m.string, ctx.m.end()):
            return None  # "most recently last October": the date that follows is the time
        return Reading(code, mod=mod, anchor="none", span=span, narrative=False)
    if int(m[1]) >= 0 and not m[2] and _generic_day(ctx):
        return None  # "today's youth", "the people of tomorrow": the present or future era, not a day
    if ctx.dct is None:
        return Reading(with_pod("XXXX-XX-XX", m[2]), mod=mod, anchor="none", span=span)
    return Reading(with_pod(fmt_day(ctx.dct + dt.timedelta(days=int(m[1]))), m[2]), mod=mod, anchor="dct", span=span)


_POSSESSED = re.compile(r"[’']s\s+([a-z]+)(?:\s+([a-z]+))?")
_OF_BEFORE = re.compile(r"\bof\s+$")
_CLAUSE_END = re.compile(r"\s*(?:[,.;:!?)\"'’”]|$)")


def _generic_day(ctx: Ctx) -> bool:
    """True when "today"/"tomorrow" names an era: before a noun of the rule file's ``era_noun`` list
    ("today's youth", "many of today's personal computers", "in today's dollars") or as "of tomorrow"
    closing a noun phrase ("the people of tomorrow")."""
    low, end = ctx.m.string, ctx.m.end()
    p = _POSSESSED.match(low, end)
    if p is not None and any(w and ctx.rules.lookup("era_noun", w) is not None for w in p.groups()):
        return True  # the noun or an adjective and the noun ("today's personal computers")
    return bool(_OF_BEFORE.search(low, max(0, ctx.m.start() - 4), ctx.m.start()) and _CLAUSE_END.match(low, end))


_OF_AFTER = re.compile(r"\s+of\s")
_DATE_AFTER = re.compile(
    r",?\s+(?:(?:on|in)\s+)?(?:(?:last|this|next)\s+[a-z]+|yesterday|today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"january|february|april|june|july|august|september|october|november|december|(?:1[89]|20)\d\d)\b")  # not the verbs may/march
_COUNT_AFTER = re.compile(r"\s+(?:\d|(?:few|several|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"twenty|thirty|forty|fifty|hundred)\b)")


@normaliser("dct_day")
def _dct_day(ctx: Ctx) -> Reading | None:
    """The DCT's day ("today is the eighth day of ..."), unresolved without a DCT."""
    if ctx.dct is None:
        return Reading("XXXX-XX-XX", anchor="none", narrative=False)
    return Reading(fmt_day(ctx.dct), anchor="dct")


@normaliser("reference")
def _reference(ctx: Ctx) -> Reading | None:
    w = ctx.g("word").lower()
    value = {"current": "PRESENT_REF", "future": "FUTURE_REF"}.get(w, "PAST_REF")
    return Reading(value, anchor="none", narrative=False)


@normaliser("fixed")
def _fixed(ctx: Ctx) -> Reading | None:
    return Reading(str(ctx.params["value"]), anchor="none", narrative=False)


# ----------------------------------------------------------------------------- engine

_UNRESOLVED_GRAN = [
    (re.compile(r"X{4}$"), "year"),
    (re.compile(r"X{3}$"), "decade"),
    (re.compile(r"X{4}-\d\d$|X{4}-XX$"), "month"),
    (re.compile(r"X{4}-(?:\d\d|XX)-(?:\d\d|XX)$"), "day"),
    (re.compile(r"X{4}-WXX$"), "week"),
    (re.compile(r"X{4}-WXX-WE$"), "weekend"),
    (re.compile(r"X{4}-WXX-\d$"), "day"),
    (re.compile(r"X{4}-(?:SP|SU|FA|WI)$"), "season"),
    (re.compile(r"X{4}-Q[\dX]$"), "quarter"),
    (re.compile(r"X{4}-H[\dX]$"), "half"),
    (re.compile(r".*T(?:MO|MI|AF|EV|NI|DT)$"), "part_of_day"),
    (re.compile(r".*T\d\d:\d\d$"), "minute"),
]


def _granularity(value: str) -> str | None:
    for rx, gran in _UNRESOLVED_GRAN:
        if rx.match(value):
            return gran
    return None


def _apply(cr: CompiledRule, m: re.Match, text: str, dct, narrative, rules,
           history: list[TimeExpression] | None = None) -> tuple[int, int, Reading] | None:
    fn = NORMALISERS.get(cr.rule.normaliser)
    if fn is None:
        raise KeyError(f"rule {cr.rule.id}: no normaliser named {cr.rule.normaliser!r}")
    ctx = Ctx(text, dct, narrative, rules, m, cr, history)
    try:
        r = fn(ctx)
    except (ValueError, OverflowError, KeyError, TypeError, IndexError, TimexError):
        return None
    if r is None or not isinstance(r.value, str) or not r.value:
        return None
    s, e = r.span if r.span is not None else (ctx.start, ctx.end)
    if cr.rule.capitalised and not text[s:s + 1].isupper():
        return None
    # trim surrounding whitespace and punctuation the pattern may have swallowed
    while s < e and (text[s].isspace() or text[s] in ",;"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;"):
        e -= 1
    if e - s > 2 and text[e - 1] == "." and text[e - 2].isalpha():
        # a sentence's full stop after "last May." is not part of the expression; "Sept." and "p.m." keep theirs
        w = _LAST_WORD.search(text, s, e - 1)
        if w and rules.lookup("abbreviation", w.group(0)) is None and not text[s:e].endswith(("m.", "M.")):
            e -= 1
    if e <= s or e - s > MAX_SPAN:
        return None
    if cr.rule.id not in ("holiday", "holiday-week") and _is_title(text, s, e):
        return None
    nxt = _NEXT_WORD.match(text, e)
    if nxt is not None and nxt.group(1)[1:].islower() and text[s:s + 1].isupper() \
            and rules.lookup("name_head", nxt.group(1)) is not None:
        return None  # "The Sunday Times", "the Six-Day War", "The Daily Mail": part of a name
    if not _valid(r.value):
        return None
    if (r.type or cr.rule.type) == "DATE" and _TIME_OF_DAY.search(r.value):
        r.type = "TIME"  # a part of a day or a clock ("That night", "The next morning"): TimeML's TIME
    return s, e, r


_NEXT_WORD = re.compile(r"[’']?[ \t]+([A-Z][a-z]+)\b")
_TIME_OF_DAY = re.compile(r"\dT(?:MO|AF|EV|NI|MI|DT|\d)")

# unit and deictic words that, capitalised inside a running sentence, name a programme or a
# title ("ABC's ``This Week''", "CBS's ``60 Minutes''", "This is VOA Today"), not a time
_TITLE_WORDS = frozenset("""seconds minute minutes hour hours week weeks weekend month months decade decades
    century centuries today tonight tomorrow yesterday now""".split())
_WORD = re.compile(r"[A-Za-z]+")
_TITLED_WORD = re.compile(r"\b(?:" + "|".join(w.capitalize() for w in sorted(_TITLE_WORDS)) + r")\b")


def _is_title(text: str, s: int, e: int) -> bool:
    """True when the expression is part of a name: a capitalised unit/deictic word that does not start it
    ("This Week", "60 Minutes"), or a lone capitalised deictic word right after a capitalised
    word of the same sentence ("VOA Today").  All-capital text (headlines) is left alone."""
    if _TITLED_WORD.search(text, s, e) is None:
        return False  # the common case: no capitalised unit or deictic word at all
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text, s, e)]
    if not words:
        return False

    def titled(w: str) -> bool:
        return len(w) > 1 and w[0].isupper() and w[1:].islower() and w.lower() in _TITLE_WORDS

    if any(titled(w) and i > s for i, w in words):
        return True
    if len(words) == 1 and titled(words[0][1]):
        prev = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, s - 40):s])
        return bool(prev and len(prev.group(1)) > 1 and prev.group(1)[0].isupper())
    return False


@functools.lru_cache(maxsize=4096)
def _valid(value: str) -> bool:
    """is_valid_value, treating its errors on extreme dates (9999-12-31 overflows) as invalid."""
    try:
        return is_valid_value(value)
    except (TimexError, OverflowError, ValueError):
        return False


@functools.lru_cache(maxsize=4096)
def _interval(value: str) -> tuple[Interval | None, str | None] | None:
    """(interval, granularity) of a date value (cached: news repeats its dates); None if impossible."""
    try:
        iv = value_interval(value)
    except (TimexError, OverflowError, ValueError):
        return None
    if iv is None:
        return None, _granularity(value)
    return Interval.model_construct(start=iv[0], end=iv[1]), iv[2]


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping every offset: characters whose lower case is longer stay as they are."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def tag(text: str, dct: dt.date | dt.datetime | str | None = None, lang: str = "en") -> list[TimeExpression]:
    """Find the time expressions of ``text``, normalised to TIMEX3, sorted by start, non-overlapping.

    ``dct`` (document creation time) anchors relative expressions; without it, year-less values
    stay unresolved (``XXXX-08``).  ``lang`` picks the rule file (``timeline/rules/<lang>.yaml``).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    dct_d = as_date(dct)
    code = re.split(r"[-_]", (lang or "en").strip().lower())[0]  # "en-US" -> "en"
    try:
        rules = compiled_rules(code)
    except NoRulesError:
        return _tag_with_dateparser(text, dct_d, code)
    low = lower_same_length(text)
    out: list[TimeExpression] = []
    narrative: Narrative | None = None
    free = 0  # offset before which the text is already part of an accepted match
    rules_for_pair = rules.rules_for_pair
    for cand in rules.start.finditer(low):
        pos = cand.start()
        if pos < free:
            continue
        token, following = cand.groups()
        # the rules that can start with these two words (most rules that begin "the ..." need a given second one)
        for cr in rules_for_pair(token + SPACE_JOIN + following.lstrip() if following else token):
            m = cr.regex.match(low, pos)
            if m is None or m.end() == pos:
                continue
            found = _apply(cr, m, text, dct_d, narrative, rules, out)
            if found is None:
                continue
            s, e, r = found
            if _BEFORE_COMMON_ERA.match(text, e):
                free = m.end()  # "480 BC", "the 5th century BCE": no TIMEX3 date this tagger can place
                break
            e = _or_so(text, s, e, r)
            s, e = _extent_words(text, low, s, e, r, cr, rules)
            free = max(m.end(), e)
            if out and s < out[-1].end:
                break
            expr = _expression(text, s, e, r, cr)
            if expr is None:
                break
            out.append(expr)
            second = _coordinated_day(text, expr, cr)
            if second is not None:
                out.append(second)
                free = max(free, second.end)
            if r.narrative and expr.interval is not None and expr.granularity not in (None, "hour", "minute", "second"):
                narrative = Narrative(expr.interval.start.date(), expr.granularity, expr.value, e,
                                      expr.anchor == Anchor.explicit)
            break
    _order_range_ends(text, out, dct_d, rules)
    return out


_RANGE_JOIN = re.compile(r"\s*(?:to|until|till|through|thru|-|–|—)\s*|\s+and\s+", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
_SHIFTABLE_DAY = re.compile(r"(\d{4})(-\d\d(?:-\d\d)?)")


def _order_range_ends(text: str, out: list[TimeExpression], dct: dt.date | None = None,
                      rules: CompiledRules | None = None) -> None:
    """A range's second end follows its first: "from June 1 to Nov. 30" written in March ends on this
    year's Nov. 30 (each end alone would be the nearest one, last year's), and "from 10 p.m. to 2 a.m."
    ends the next day.  Only an end whose year or day the tagger inferred is moved."""
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        if a.interval is None or b.interval is None or b.anchor not in (Anchor.dct, Anchor.narrative) \
                or a.type not in (TimeType.DATE, TimeType.TIME) or b.type != a.type or b.points_to or a.points_to:
            continue
        join = _RANGE_JOIN.fullmatch(text, a.end, b.start)
        if join is None or ("and" in join.group().lower() and not _BETWEEN_BEFORE.search(text, max(0, a.start - 12), a.start)):
            continue
        if b.interval.start >= a.interval.start:
            continue
        if (a.rule or "").startswith("weekday") and (b.rule or "").startswith("weekday") and a.type == TimeType.DATE \
                and a.granularity == b.granularity == "day" and a.value[:10] != b.value[:10]:
            # "from Friday to Sunday": the days of one week.  Written on the Friday, a past range ("ran Friday
            # through Sunday") is last week's; otherwise the second end is the coming Sunday.
            da, db = a.interval.start.date(), b.interval.start.date()
            if (da - db).days >= 7:
                continue
            if dct is not None and da <= dct and db <= dct and db + dt.timedelta(days=7) > dct \
                    and (da < dct or sentence_tense(text, a.start, b.end, rules=rules) == "past"):
                j, day = i - 1, da - dt.timedelta(days=7)
            else:
                j, day = i, db + dt.timedelta(days=7)
            found = _interval(fmt_day(day))
            if found is not None and found[0] is not None:
                out[j] = out[j].model_copy(update={"value": fmt_day(day), "interval": found[0]})
            continue
        m = _SHIFTABLE_DAY.match(b.value)
        if b.type == TimeType.TIME and b.value[:10] == a.value[:10] and len(b.value) > 10:
            new = fmt_day(dt.date.fromisoformat(b.value[:10]) + dt.timedelta(days=1)) + b.value[10:]
        elif b.type == TimeType.DATE and m and b.granularity in ("day", "month") and m.end() == len(b.value) \
                and "month" in (a.rule or "") and "month" in (b.rule or ""):  # two calendar dates, not "Friday to December's"
            new = f"{int(m.group(1)) + 1:04d}{m.group(2)}"
        else:
            continue
        found = _interval(new)
        if found is None or found[0] is None or found[0].start < a.interval.start:
            continue
        out[i] = b.model_copy(update={"value": new, "interval": found[0]})


_BEFORE_COMMON_ERA = re.compile(r"\s*(?:BCE?|B\.C\.(?:E\.)?)(?![\w])")
_OR_SO = re.compile(r"\s+or\s+so\b")
_ENDS_WITH_UNIT = re.compile(r"\b(?:minute|hour|day|week|month|quarter|year|decade)s?$", re.I)


def _or_so(text: str, s: int, e: int, r: Reading) -> int:
    """"the next year or so", "the next two years or so": TimeML puts "or so" in the extent as mod APPROX."""
    m = _OR_SO.match(text, e)
    if m is None or not _ENDS_WITH_UNIT.search(text, s, e):
        if r.mod is None and _OR_SO.search(text, s, e):
            r.mod = "APPROX"  # "a week or so ago"
        return e
    if r.mod is None:
        r.mod = "APPROX"
    return m.end()


_POSSESSIVE = re.compile(r"[’']s\b")


def _extent_words(text: str, low: str, s: int, e: int, r: Reading, cr: CompiledRule,
                  rules: CompiledRules) -> tuple[int, int]:
    """Words TimeML puts in a point in time's extent, with the mod they give (rule file lists
    ``extent_before`` and ``extent_after``): "[around 7:15 p.m.]", "[around Nov. 1]" (APPROX),
    "[1994 or later]", "[1990 and beyond]" (ON_OR_AFTER), "[June or earlier]" (ON_OR_BEFORE).
    Durations keep theirs outside ("about [two weeks]"); "get around Wednesday's ruling" is the verb
    "get around"; an open end only closes a clause ("1994 or later this year" is two expressions)."""
    if (r.type or cr.rule.type) not in ("DATE", "TIME") or r.value.startswith("P") or r.value.endswith("_REF"):
        return s, e
    if rules.extent_after is not None:
        m = rules.extent_after.match(low, e)
        if m is not None:
            r.mod = r.mod or str(rules.lookup("extent_after", m.group("w")))
            e = m.end()
    if rules.extent_before is not None:
        lo = max(0, s - 20)
        m = rules.extent_before.search(low[lo:s])
        if m is not None and not _POSSESSIVE.match(text, e):
            r.mod = r.mod or str(rules.lookup("extent_before", m.group("w")))
            s = lo + m.start("w")
    return s, e


_AND_DAY = re.compile(r"(?:\s+(?:and|or|&|to|through)\s+|[-–])(\d{1,2})(?:,\s*(\d{4})(?!\d))?(?!,\s*\d)(?=\s*$|[,;:!?)'\x22\u2019\u201d]|\.(?!\d)"
                      r"|\s+(?:in|at|on|the|when|to|and|for|with|by|as|that)\b)")


def _coordinated_day(text: str, expr: TimeExpression, cr: CompiledRule) -> TimeExpression | None:
    """"April 24 and 25", "Nov. 9-11": TimeML tags the bare second day as a date of the same month."""
    if expr.granularity != "day" or not re.fullmatch(r"\d{4}-\d\d-\d\d", expr.value) or not expr.text[-1:].isdigit():
        return None
    m = _AND_DAY.match(text, expr.end)
    if m is None:
        return None
    first = int(expr.value[8:10])
    day = int(m.group(1))
    if not first < day <= 31 or str(first) != expr.text.rsplit(None, 1)[-1].lstrip("0"):
        return None  # "Nov. 9, 1989 and 3": the first date must end with its day
    try:  # "Nov. 9-11, 2011": the year written after the second day is both days' year
        d = dt.date(int(m.group(2) or expr.value[:4]), int(expr.value[5:7]), day)
    except ValueError:
        return None
    anchor = "explicit" if m.group(2) else expr.anchor.value
    return _expression(text, m.start(1), m.end(), Reading(fmt_day(d), anchor=anchor), cr)


def _tag_with_dateparser(text: str, dct: dt.date | None, lang: str) -> list[TimeExpression]:
    """Languages without a rule file: dates dateparser finds (through the adapter, which gives offsets
    and drops false positives), at the precision dateparser reports.  Without a DCT only dates that
    name their year are kept: dateparser would resolve the others against an arbitrary day."""
    from . import _dateparser_adapter as dpa

    if not re.fullmatch(r"[a-z]{2,3}", lang) or not dpa.supports(lang):
        raise ValueError(f"no tagger rules for language {lang!r}, and dateparser does not know it either")
    out: list[TimeExpression] = []
    for f in dpa.search(text, lang, dct):
        s, e = f.start, f.end
        while s < e and not text[s].isalnum():
            s += 1
        while e > s and not text[e - 1].isalnum():
            e -= 1
        if e <= s or (out and s < out[-1].end):
            continue
        explicit = bool(re.search(r"(?<!\d)\d{4}(?!\d)", text[s:e]))
        if dct is None and not explicit:
            continue
        parsed = dpa.parse(text[s:e], lang, dct)
        period = parsed[1] if parsed else "day"
        d = f.date
        try:
            if period == "year":
                value = f"{d.year:04d}"
            elif period == "month":
                value = f"{d.year:04d}-{d.month:02d}"
            elif period == "week":
                value = shift(d.date(), "week", 0) or fmt_day(d.date())
            elif period == "time":
                value = f"{fmt_day(d.date())}T{d.hour:02d}:{d.minute:02d}"
            else:
                value = fmt_day(d.date())
        except (ValueError, OverflowError):
            continue
        if not _valid(value):
            continue
        r = Reading(value, type="TIME" if period == "time" else "DATE", anchor="explicit" if explicit else "dct")
        expr = _expression(text, s, e, r, None)
        if expr is not None:
            out.append(expr)
    return out


def _expression(text: str, s: int, e: int, r: Reading, cr: CompiledRule | None) -> TimeExpression | None:
    typ = r.type or (cr.rule.type if cr is not None else "DATE")
    if r.value.startswith("P") and typ in ("DATE", "TIME") and not r.value.endswith("_REF"):
        typ = "DURATION"
    interval = None
    gran = None
    if typ in ("DATE", "TIME") or r.points_to:
        found = _interval(r.points_to or r.value)
        if found is None:
            return None
        interval, gran = found
    anchor = r.anchor if interval is not None or r.anchor == "none" else "none"
    if typ == "SET" or (typ == "DURATION" and not r.points_to):
        anchor = "none"
    if r.mod is not None and r.mod not in MODS:
        return None
    # every field is checked above (offsets, value, interval order), so skip pydantic's validation:
    # it would cost as much as finding the expression
    return _construct(TimeExpression, {
        "start": s, "end": e, "text": text[s:e], "type": TimeType(typ), "value": r.value, "mod": r.mod,
        "granularity": gran, "interval": interval, "anchor": Anchor(anchor),
        "rule": cr.rule.id if cr is not None else "dateparser", "points_to": r.points_to,
    })


_setattr = object.__setattr__
_ALL_FIELDS = frozenset(TimeExpression.model_fields)


def _construct(cls, values: dict):
    """``cls.model_construct(**values)`` when ``values`` holds every field: the same object, built without
    model_construct's per-field default handling (which cost as much as a tenth of the tagger's time)."""
    if values.keys() != _ALL_FIELDS:
        return cls.model_construct(**values)
    m = cls.__new__(cls)
    _setattr(m, "__dict__", values)
    _setattr(m, "__pydantic_fields_set__", set(values))
    _setattr(m, "__pydantic_extra__", None)
    _setattr(m, "__pydantic_private__", None)
    return m

"""Look-ups over one Timeline: events in a stable date order, search text, filters.

A :class:`TimelineIndex` is built once per loaded timeline (the app rebuilds it when the seed
files change) so that every callback filters a prepared list instead of re-parsing dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from timeline._models import Document, Event, Timeline
from timeline._timex import TimexError, value_interval

__all__ = ["Filters", "TimelineIndex", "parse_bound", "lanes_of", "key_dates_value", "LANE_CHOICES", "KEY_DATES"]

LANE_CHOICES = {"document": "Document", "tag": "Tag", "actor": "Actor"}
KEY_DATES = 8
"""Default number of dates in the key events view (``timeline._summarize.summarize(dates=...)``)."""
KEY_SENTENCES = 1
"""Sentences per key date: one keeps the view to one event per date."""
MAX_KEY_DATES = 200


@dataclass(frozen=True)
class Filters:
    """What the user asked to see. Empty fields do not filter."""

    text: str = ""
    date_from: str = ""
    date_to: str = ""
    documents: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    key_dates: int = 0  # > 0: only the key events of that many dates (the "Key events" view)

    @classmethod
    def of(cls, text=None, date_from=None, date_to=None, documents=None, tags=None, view=None,
           key_dates=None) -> Filters:
        """Build from raw component values (None, strings, lists); ``view`` is "all" or "key"."""
        return cls(
            text=(text or "").strip(),
            date_from=(date_from or "").strip(),
            date_to=(date_to or "").strip(),
            documents=tuple(documents or ()),
            tags=tuple(tags or ()),
            key_dates=key_dates_value(key_dates) if view == "key" else 0,
        )

    @property
    def active(self) -> bool:
        return bool(self.text or self.date_from or self.date_to or self.documents or self.tags or self.key_dates)


def key_dates_value(raw) -> int:
    """The number typed in the key-dates box, clamped to 1..MAX_KEY_DATES (the default when unreadable)."""
    try:
        n = int(raw)
    except (TypeError, ValueError):
        return KEY_DATES
    return max(1, min(MAX_KEY_DATES, n))


def parse_bound(text: str | None) -> tuple[dt.datetime, dt.datetime] | None:
    """The interval a typed date bound covers: '2025' -> [2025-01-01, 2026-01-01).

    Accepts TIMEX3-like dates (2025, 2025-04, 2025-04-03, 2025-SP, 2025-Q2). Returns None when
    empty; raises ValueError with a short message when unreadable.
    """
    text = (text or "").strip()
    if not text:
        return None
    try:
        iv = value_interval(text)
    except TimexError as exc:
        raise ValueError(str(exc)) from None
    if iv is None:
        raise ValueError(f"'{text}' is not a date; write 2025, 2025-04 or 2025-04-03")
    return iv[0], iv[1]


def lanes_of(event: Event, lane_by: str) -> list[str]:
    """The lanes an event is drawn in: its source documents, its tags or its actors."""
    if lane_by == "tag":
        return list(dict.fromkeys(event.tags)) or ["(no tag)"]
    if lane_by == "actor":
        return list(dict.fromkeys(event.actors)) or ["(no actor)"]
    return list(dict.fromkeys(s.document for s in event.sources)) or ["(no source)"]


@dataclass
class _Entry:
    event: Event
    start: dt.datetime | None
    end: dt.datetime | None


@dataclass
class TimelineIndex:
    """A timeline prepared for browsing. Build with :meth:`build`."""

    timeline: Timeline
    events: list[Event] = field(default_factory=list)  # date order, undated last
    spans: dict[str, tuple[dt.datetime, dt.datetime] | None] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    _haystacks: list[str] | None = None
    _memo: OrderedDict = field(default_factory=OrderedDict)
    _tagged: dict[str, list] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)  # derived values other modules keep per loaded timeline

    @classmethod
    def build(cls, timeline: Timeline) -> TimelineIndex:
        docs = {d.id: d for d in timeline.documents}
        doc_order = {d.id: i for i, d in enumerate(timeline.documents)}
        spans: dict[str, tuple[dt.datetime, dt.datetime] | None] = {}
        keyed = []
        seen: dict[tuple[str, str | None], tuple] = {}  # many events share a date value
        for e in timeline.events:
            k = (e.when.value, e.when.until)
            if k not in seen:
                seen[k] = _interval(e)
            s, t = seen[k]
            spans[e.id] = (s, t) if s is not None else None
            src = e.sources[0] if e.sources else None
            # Stable order for same-date events: start, finer precision first, then reading order.
            key = (
                s is None,
                s or dt.datetime.max,
                (t - s) if s is not None else dt.timedelta(0),
                doc_order.get(src.document, len(doc_order)) if src else len(doc_order) + 1,
                src.sentence.start if src else 0,
                src.expression.start if src and src.expression else 0,
                e.id,
            )
            keyed.append((key, e))
        keyed.sort(key=lambda kv: kv[0])
        events = [e for _, e in keyed]
        return cls(
            timeline=timeline,
            events=events,
            spans=spans,
            position={e.id: i for i, e in enumerate(events)},
            documents=docs,
        )

    # -- look-ups ---------------------------------------------------------------------------

    def get(self, event_id: str | None) -> Event | None:
        i = self.position.get(event_id) if event_id else None
        return None if i is None else self.events[i]

    def document(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    def all_tags(self) -> list[str]:
        return sorted({t for e in self.events for t in e.tags}, key=str.lower)

    def lanes(self, lane_by: str) -> dict[str, list[str]]:
        """Each event's lanes for a lane choice (cached)."""
        key = ("lanes", lane_by)
        if key not in self.cache:
            self.cache[key] = {e.id: lanes_of(e, lane_by) for e in self.events}
        return self.cache[key]

    def mid(self, event_id: str) -> dt.datetime:
        """The middle of an event's interval (cached), where aggregation counts it."""
        mids = self.cache.setdefault("mid", {})
        m = mids.get(event_id)
        if m is None:
            s, t = self.spans[event_id]
            m = mids[event_id] = s + (t - s) / 2
        return m

    def lane_title(self, lane: str, lane_by: str) -> str:
        if lane_by == "document" and lane in self.documents:
            return self.documents[lane].title or lane
        return lane

    def sentence_text(self, event: Event) -> str:
        if not event.sources:
            return ""
        src = event.sources[0]
        doc = self.documents.get(src.document)
        return doc.text[src.sentence.start : src.sentence.end] if doc else ""

    # -- search and filters -------------------------------------------------------------------

    def search_text(self) -> list[str]:
        """Lower-cased text searched for each event (built once, on first use)."""
        return self._haystack()

    def _haystack(self) -> list[str]:
        if self._haystacks is None:
            out = []
            for e in self.events:
                parts = [e.id, e.title, " ".join(e.tags), " ".join(e.actors), e.notes]
                for s in e.sources:
                    parts.append(s.quote)
                    doc = self.documents.get(s.document)
                    if doc is not None:
                        parts.append(doc.text[s.sentence.start : s.sentence.end])
                out.append(" ".join(parts).casefold())
            self._haystacks = out
        return self._haystacks

    def filter(self, filters: Filters) -> list[Event]:
        """Events matching every active filter, in date order (memoised for the last few filters)."""
        if filters in self._memo:
            self._memo.move_to_end(filters)
            return self._memo[filters]
        result = self._filter(filters)
        self._memo[filters] = result
        while len(self._memo) > 16:
            self._memo.popitem(last=False)
        return result

    def key_event_ids(self, dates: int, sentences: int = KEY_SENTENCES) -> frozenset[str]:
        """Ids of the events :func:`timeline._summarize.summarize` picks (cached per loaded timeline).

        The summary keeps each picked event's id (a second sentence of the same event gets a suffix), so
        the view shows the events themselves: selecting, the source panel and editing work as usual."""
        key = ("key-events", dates, sentences)
        if key not in self.cache:
            from timeline._summarize import summarize

            summary = summarize(self.timeline, dates=dates, sentences=sentences)
            self.cache[key] = frozenset(e.id for e in summary.events if e.id in self.position)
        return self.cache[key]

    def _filter(self, f: Filters) -> list[Event]:
        if not f.active:
            return self.events
        keys = self.key_event_ids(f.key_dates) if f.key_dates else None
        terms = f.text.casefold().split()
        hay = self._haystack() if terms else None
        try:
            lo = parse_bound(f.date_from)
        except ValueError:
            lo = None
        try:
            hi = parse_bound(f.date_to)
        except ValueError:
            hi = None
        lo_t = lo[0] if lo else None
        hi_t = hi[1] if hi else None
        docs = set(f.documents)
        tags = set(f.tags)
        out = []
        for i, e in enumerate(self.events):
            if terms and not all(t in hay[i] for t in terms):
                continue
            if lo_t or hi_t:
                span = self.spans.get(e.id)
                if span is None:
                    continue
                if lo_t and span[1] <= lo_t:
                    continue
                if hi_t and span[0] >= hi_t:
                    continue
            if docs and not any(s.document in docs for s in e.sources):
                continue
            if tags and not tags.intersection(e.tags):
                continue
            if keys is not None and e.id not in keys:
                continue
            out.append(e)
        return out

    # -- how an expression was anchored -----------------------------------------------------

    def expressions(self, doc_id: str) -> list:
        """The tagger's TimeExpressions for a document (cached); [] when the tagger is unavailable."""
        if doc_id not in self._tagged:
            doc = self.documents.get(doc_id)
            found: list = []
            if doc is not None and doc.text:
                try:
                    from timeline._tagger import tag

                    found = list(tag(doc.text, dct=doc.published, lang=doc.language or "en"))
                except Exception:  # the tagger is optional here: anchoring falls back to a heuristic
                    found = []
            self._tagged[doc_id] = found
        return self._tagged[doc_id]


def _interval(e: Event) -> tuple[dt.datetime | None, dt.datetime | None]:
    try:
        return e.when.start, e.when.end
    except TimexError:
        return None, None


def in_window(index: TimelineIndex, events: Iterable[Event], lo: dt.datetime, hi: dt.datetime) -> list[Event]:
    """Events whose interval overlaps [lo, hi)."""
    out = []
    for e in events:
        span = index.spans.get(e.id)
        if span is not None and span[1] > lo and span[0] < hi:
            out.append(e)
    return out


def safe_dom_id(event_id: str) -> str:
    """A DOM id for an event's list item (ids may contain any characters)."""
    slug = re.sub(r"[^A-Za-z0-9_-]", "_", event_id)[:60]
    return f"ev-{slug}-{abs(hash_str(event_id)) % 10**8}"


def hash_str(s: str) -> int:
    """A hash stable across processes (Python's str hash is salted)."""
    h = 2166136261
    for ch in s.encode("utf-8"):
        h = ((h ^ ch) * 16777619) & 0xFFFFFFFF
    return h


def dated(events: Sequence[Event], index: TimelineIndex) -> list[Event]:
    return [e for e in events if index.spans.get(e.id) is not None]

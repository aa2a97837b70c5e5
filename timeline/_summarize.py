"""Topic summary: the N most important dates of a timeline, with the K most central sentences each.

In the manner of news timeline summarisation (DATEWISE: rank dates, then pick sentences per date),
but every picked sentence stays linked to its paragraph:

* a date's **importance** is the number of distinct articles that state something on it, plus
  ``MENTION_WEIGHT`` per further source (a date reported by five papers beats one reported five
  times by one paper), plus ``REFERENCE_WEIGHT`` per article that mentions it as a coarser date
  (an article saying "in March" supports 14 March), times ``PRECISION_WEIGHT`` for dates coarser
  than a day;
* a sentence's **centrality** is the TF-IDF cosine between the sentence and the centroid of all
  sentences stated on that date (IDF over every sentence of the timeline); sentences are taken
  greedily by maximal marginal relevance, ``MMR_LAMBDA * centrality - (1 - MMR_LAMBDA) * (highest
  cosine to a sentence already taken)``, and exact repeats (cosine above ``DUPLICATE``, e.g. the
  same agency copy in two papers) are skipped.

Dates are days for events dated to a day or finer, else the event's own reading (a month, a year).
The result is a :class:`Timeline` (tagged ``key-event``) that exports and displays like any other.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ._models import Event, SourceRef, Timeline
from ._timex import DateReading, parse_when

__all__ = ["KEY_EVENT_TAG", "summarize"]

KEY_EVENT_TAG = "key-event"
MENTION_WEIGHT = 0.25
"""Importance of each source beyond the first per article."""
PRECISION_WEIGHT = {"week": 0.9, "weekend": 0.9, "month": 0.7, "season": 0.6, "quarter": 0.6, "half": 0.5,
                    "year": 0.4, "decade": 0.2, "century": 0.1, "millennium": 0.1}
"""Importance multiplier for dates coarser than a day: a key date is one a reader can place ("2009" is
mentioned by many articles because it is vague, not because something happened on it)."""
REFERENCE_WEIGHT = 0.3
"""Importance an article adds to a day by stating a coarser date that contains it."""
MMR_LAMBDA = 0.7
"""Balance of centrality (1.0) against novelty with respect to the sentences already picked (0.0)."""
DUPLICATE = 0.95
"""Cosine above which a sentence repeats one already picked and is skipped."""

_STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been has have had that which who
    this these those its their his her it they he she we you i into over under after before during since until
    about than then there here also not no will would said says""".split()
)


@dataclass
class _Item:
    event: Event
    source: SourceRef
    sentence: str
    vector: dict[str, float]


def _date_key(r: DateReading) -> str:
    """The date an event counts for: its day when it is dated more finely, else its own reading."""
    if r.granularity in ("hour", "minute", "second", "part_of_day") and r.until is None:
        return r.value[:10]
    return str(r)


def _tokens(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9][a-z0-9'-]+", text.lower()) if w not in _STOP and len(w) > 2]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def summarize(timeline: Timeline, dates: int = 10, sentences: int = 1) -> Timeline:
    """The ``dates`` most important dates of ``timeline``, each with its ``sentences`` most central sentences."""
    if dates < 1 or sentences < 1:
        raise ValueError("dates and sentences must be at least 1")
    texts = {d.id: d.text for d in timeline.documents}
    by_date: dict[str, list[tuple[Event, SourceRef, str]]] = defaultdict(list)
    readings: dict[str, DateReading] = {}
    for ev in timeline.events:
        if ev.when.start is None:
            continue
        key = _date_key(ev.when)
        readings.setdefault(key, parse_when(key))
        for src in ev.sources:
            text = texts.get(src.document, "")
            sentence = text[src.sentence.start:src.sentence.end] if src.sentence.end <= len(text) else ""
            by_date[key].append((ev, src, " ".join(sentence.split()) or ev.title))
    if not by_date:
        return Timeline(title=_title(timeline), documents=[], events=[])

    # Importance of each date.
    score: dict[str, float] = {}
    spans = {k: (readings[k].start, readings[k].end) for k in by_date}
    articles = {k: {src.document for _, src, _ in items} for k, items in by_date.items()}
    for k, items in by_date.items():
        docs = articles[k]
        score[k] = len(docs) + MENTION_WEIGHT * (len(items) - len(docs))
    for k in by_date:
        s, e = spans[k]
        for other, (os_, oe) in spans.items():
            if other != k and os_ <= s and e <= oe and (oe - os_) > (e - s):
                score[k] += REFERENCE_WEIGHT * len(articles[other] - articles[k])
    for k in by_date:
        score[k] *= PRECISION_WEIGHT.get(readings[k].granularity, 1.0)
    chosen = sorted(by_date, key=lambda k: (-score[k], spans[k][0], k))[:dates]

    # Sentence vectors with IDF over every sentence of the timeline.
    all_sentences = {(src.document, src.sentence.start, src.sentence.end): sent
                     for items in by_date.values() for _, src, sent in items}
    df: Counter = Counter()
    for sent in all_sentences.values():
        df.update(set(_tokens(sent)))
    n = len(all_sentences)
    idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}

    def vector(sent: str) -> dict[str, float]:
        tf = Counter(_tokens(sent))
        return {w: (1 + math.log(c)) * idf.get(w, 1.0) for w, c in tf.items()}

    picked_events: list[Event] = []
    used_docs: set[str] = set()
    for k in sorted(chosen, key=lambda k: (spans[k][0], k)):
        items: list[_Item] = []
        seen: set[tuple] = set()
        for ev, src, sent in by_date[k]:
            key = (src.document, src.sentence.start)
            if key not in seen:
                seen.add(key)
                items.append(_Item(ev, src, sent, vector(sent)))
        centroid: Counter = Counter()
        for it in items:
            centroid.update(it.vector)
        centrality = {id(it): _cosine(it.vector, centroid) for it in items}
        picked: list[_Item] = []
        pool = sorted(items, key=lambda it: (it.source.document, it.source.sentence.start))
        while pool and len(picked) < sentences:
            def mmr(it: _Item) -> float:
                similar = max((_cosine(it.vector, p.vector) for p in picked), default=0.0)
                return MMR_LAMBDA * centrality[id(it)] - (1 - MMR_LAMBDA) * similar

            best = max(pool, key=mmr)  # first of equals: the earliest document and sentence
            pool.remove(best)
            if any(_cosine(best.vector, p.vector) > DUPLICATE for p in picked):
                continue
            picked.append(best)
        for it in picked:
            used_docs.add(it.source.document)
            picked_events.append(Event(
                id=it.event.id,
                title=it.event.title,
                when=readings[k],
                sources=[it.source],
                tags=list(dict.fromkeys([*it.event.tags, KEY_EVENT_TAG])),
                actors=list(it.event.actors),
                notes=f"{it.sentence}\n(date importance {score[k]:.2f}: {len(articles[k])} article(s); "
                      f"sentence centrality {centrality[id(it)]:.2f})",
                alternatives=list(it.event.alternatives),
            ))
    ids: Counter = Counter()
    unique = []
    for e in picked_events:
        ids[e.id] += 1
        unique.append(e if ids[e.id] == 1 else e.model_copy(update={"id": f"{e.id}-{ids[e.id]}"}))
    documents = [d for d in timeline.documents if d.id in used_docs]
    return Timeline(title=_title(timeline), documents=documents, events=unique)


def _title(timeline: Timeline) -> str:
    return f"{timeline.title}: key events" if timeline.title else "Key events"

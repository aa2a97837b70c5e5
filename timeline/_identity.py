"""Event identity across articles: which reports in different articles are the same event.

Every candidate pair of reports gets an explicit score in [0, 1]::

    score = DATE_WEIGHT * date + CONTENT_WEIGHT * content + ACTOR_WEIGHT * actors

* ``date``: 1 when both readings cover the same interval, ``NESTED_DATE_SCORE`` when one contains
  the other (a report that says "2025" supports one that says "March 2025") or both fall on one day
  at different clock times, half that when they overlap, 0 when they are disjoint.  Disjoint dates
  further apart than ``CONFLICT_WINDOW_DAYS`` veto the pair.
* ``content``: cosine similarity of the two reports' content words (title and stating sentence,
  stop words removed), each word weighted by its inverse document frequency over all reports being
  merged, so "says" counts for little and "superjumbo" for a lot.  Words are lemmatised with
  lemminflect and a noun made from a verb goes back to the verb, so "delivered", "deliveries" and
  "delivery" are one word, as are "filed"/"filing" and "bankrupt"/"bankruptcy".  Event words (a
  lower-case verb or such a noun) weigh ``EVENT_WORD_WEIGHT`` times more than names and other words:
  what happened matters more than where.
* ``actors``: overlap coefficient of the actor sets ("Putin" matches "Vladimir Putin", "EADS" the
  spelled-out name), each shared actor counted by how rare it is in the folder: the subject of a whole
  story (General Motors in a folder on its bankruptcy) counts for less (``COMMON_ACTOR_DISCOUNT``).
  A report that names no actor is unknown on who, not in disagreement (``UNKNOWN_ACTORS_SCORE``).

Pairs scoring at least ``MERGE_THRESHOLD`` are the same event.  A pair whose dates disagree
(March vs April) is still the same event when the rest is strong: ``content`` and ``actors`` alone
reach ``CONFLICT_THRESHOLD``; the merged event then carries the other reading in ``alternatives``
(a visible conflict).  All numbers live in :class:`IdentityConfig`.

Clusters grow greedily from the strongest pair down; two clusters join only if every pair across
them allows it (no far dates, disagreeing dates only between reports that are a conflict-merge on
their own, mean score at least ``CLUSTER_MIN_MEAN``), so a vague "in May" cannot chain two
different May happenings into one event.  Hand-edited events (origin edited/manual) only ever gain
sources, and two of them never merge.

Scale: candidates come from blocks (a rare content word or an actor, within a month and the next,
or a year for coarse dates), each block capped at ``MAX_BLOCK`` reports, so the work grows linearly
with the number of reports, never with its square.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ._actors import find_actors, normalize_actor
from ._models import Document, Event, SourceRef, Timeline
from ._timex import DateReading

__all__ = ["DEFAULT_CONFIG", "IdentityConfig", "PairScore", "explain", "merge_events", "score_pair"]


@dataclass(frozen=True)
class IdentityConfig:
    """Every weight and threshold of cross-article event identity, in one place."""

    DATE_WEIGHT: float = 0.33
    """Weight of date compatibility in the score."""
    CONTENT_WEIGHT: float = 0.39
    """Weight of content-word similarity (what happened)."""
    ACTOR_WEIGHT: float = 0.28
    """Weight of shared actors (who was involved)."""
    NESTED_DATE_SCORE: float = 0.75
    """Date part when one reading contains the other (2025 vs March 2025): compatible, less sure."""
    MERGE_THRESHOLD: float = 0.48
    """Score from which two reports are the same event.  Weights and thresholds were chosen with a small
    grid on the SemEval-2015 Task 4 development corpora 1-2 (benchmarks/semeval.py, identity on oracle
    reports; each value from the middle of a range that scores the same on both corpora), while keeping
    merge precision above 0.9 on the synthetic folders (benchmarks/extract_scale.py).  Two reports of
    one day sharing one of their two actors and a rare event word ("bankruptcy": content 0.16) reach it:
    0.33 + 0.39 * 0.16 + 0.28 * 0.5 = 0.53."""
    MIN_CONTENT: float = 0.16
    """Content similarity below which reports are never merged, whatever the dates and actors say."""
    CONFLICT_THRESHOLD: float = 0.70
    """(CONTENT_WEIGHT*content + ACTOR_WEIGHT*actors) / (CONTENT_WEIGHT + ACTOR_WEIGHT) from which reports
    with disagreeing dates are still the same event, merged with a conflict flag."""
    CONFLICT_WINDOW_DAYS: int = 62
    """Disjoint readings further apart than this are different events, never a conflict (blocking
    pairs a month only with the next one, so conflicts are between neighbouring months)."""
    CLUSTER_MIN_MEAN: float = 0.52
    """Mean score over all pairs across two clusters needed to join them (guards against chains of
    merges drifting from one happening to another; above ``MERGE_THRESHOLD``: a cluster must hold
    together better than its weakest link)."""
    EVENT_WORD_WEIGHT: float = 1.5
    """Factor on the weight of event words in the content similarity: a lower-case verb or a noun made
    from one ("filed", "delivery", "bankruptcy") says what happened; names and other words say less
    (two contracts of one company in one month share its name, not their verbs)."""
    COMMON_ACTOR_DISCOUNT: float = 1.0
    """How much an actor named in many articles counts less: each shared actor counts
    ``1 - COMMON_ACTOR_DISCOUNT * share``, share = articles naming it / (articles + ``ACTOR_SHARE_PRIOR``),
    so the subject of a whole folder (General Motors in a folder on its bankruptcy) does not make any two
    same-day reports about it one event, while a rarer one (Chrysler there) still counts nearly fully."""
    ACTOR_SHARE_PRIOR: int = 10
    """Articles added to the count when measuring how common an actor is: in a folder of 2 articles an
    actor both name keeps most of its weight (1 - 2/12), in a folder of 300 one named by all loses it."""
    UNKNOWN_ACTORS_SCORE: float = 0.5
    """Actor part when a report names no actor at all ("The company has a June 1 deadline"): who is
    unknown, which is no evidence against the pair (reports naming different actors get 0).  Only for
    readings of a month or finer: with a year alone nothing narrows the pair down, so it stays 0."""
    MAX_BLOCK: int = 64
    """Largest candidate block (reports sharing one word or actor in one month, or one year for coarse
    dates); bigger blocks are too common to identify anything and are skipped: merging stays linear."""
    BLOCK_TERMS: int = 6
    """How many of a report's rarest content words (besides all its actors) are used as blocking keys."""
    MERGE_SAME_DOCUMENT: bool = False
    """Whether two reports from the same article may merge here (the within-article merge of
    :func:`timeline._events.merge_reports` already handled those)."""


DEFAULT_CONFIG = IdentityConfig()

_STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been being has have had that which
    who whom this these those its their his her it they he she we you i into over under after before during since
    until about than then there here also not no will would could should can may might shall must do does did
    says said say tells told reports reported according new more most other some such only just very one two
    first last year years month months week weeks day days today yesterday tomorrow time
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


def _stem(w: str) -> str:
    """Strip one common inflection (for words lemminflect does not know): superjumbos -> superjumbo."""
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4 and not w.endswith(("ss", "us", "is")):
            return w[: -len(suffix)] + repl
    return w


# A noun made from a verb, back to the verb: delivery -> deliver, declaration -> declare, filing -> file,
# bankruptcy -> bankrupt, closure -> close.  A rule applies only when what it gives is a verb lemminflect
# knows, so "nation" or "future" stay as they are.
_NOMINAL_SUFFIXES = (
    ("ication", "y"), ("ation", "e"), ("ation", ""), ("ition", "e"), ("ion", "e"), ("ion", ""), ("ment", ""),
    ("ance", ""), ("ance", "e"), ("ence", ""), ("ence", "e"), ("al", "e"), ("al", ""), ("ure", "e"), ("ure", ""),
    ("ery", "er"), ("ry", ""), ("cy", ""), ("ing", "e"), ("ing", ""),
)


@functools.lru_cache(maxsize=1)
def _lemma_tables():
    from lemminflect import getAllInflections, getAllLemmas  # lazy: its tables take a moment to load

    return getAllLemmas, getAllInflections


@functools.lru_cache(maxsize=200_000)
def _lemma(w: str) -> tuple[str, bool]:
    """One key per event word, whatever its inflection or part of speech, and whether it names an action:
    delivered, delivers and deliveries all give ``deliver``, files and filing give ``file`` (lemminflect,
    verb reading first; nouns made from a verb go back to the verb, so a report's "delivery" meets another's
    "delivered")."""
    get_lemmas, get_inflections = _lemma_tables()
    lemmas = get_lemmas(w)
    if not lemmas:
        return _stem(w), False
    if "VERB" in lemmas:
        return lemmas["VERB"][0], True
    if "NOUN" not in lemmas:
        return next(iter(lemmas.values()))[0], False
    noun = lemmas["NOUN"][0]
    for suffix, repl in _NOMINAL_SUFFIXES:
        base = noun[: -len(suffix)] + repl
        if noun.endswith(suffix) and len(base) >= 3 and get_inflections(base, upos="VERB"):
            return base, True
    return noun, False


def _content_terms(text: str) -> list[tuple[str, bool]]:
    """(lemma, is an event word) for each content word of a text; a capitalised word is part of a name
    ("United States", "General Motors"), never an event word."""
    out = []
    for raw in re.findall(r"[A-Za-z][A-Za-z0-9'’-]+", text):
        w = raw.lower().replace("’", "'").removesuffix("'s").strip("'-")
        if w in _STOPWORDS or len(w) <= 2:
            continue
        lemma, action = _lemma(w)
        if lemma not in _STOPWORDS and len(lemma) > 2:
            out.append((lemma, action and raw[0].islower()))
    return out


def content_words(text: str) -> list[str]:
    """Lemmatised content words of a text (stop words, numbers and short words dropped)."""
    return [lemma for lemma, _ in _content_terms(text)]


@dataclass
class _Report:
    """One event to merge, with what the score needs precomputed."""

    index: int
    event: Event
    words: Counter
    actors: frozenset[str]
    documents: frozenset[str]
    actions: frozenset[str] = frozenset()
    vector: dict[str, float] = field(default_factory=dict)
    actor_weight: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0


@dataclass(frozen=True)
class PairScore:
    """The score of a candidate pair and its parts (see the module docstring)."""

    date: float
    content: float
    actors: float
    total: float
    date_relation: str
    """same, nested, same day (different clock times), overlapping, conflict (disjoint but near) or far."""
    decision: str
    """merge, conflict-merge or separate."""
    shared_words: tuple[str, ...] = ()
    shared_actors: tuple[str, ...] = ()


def _sentence_text(src: SourceRef, texts: dict[str, str]) -> str:
    text = texts.get(src.document)
    if text is None or src.sentence.end > len(text):
        return ""
    return text[src.sentence.start:src.sentence.end]


def _actor_keys(names: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in (normalize_actor(n) for n in names) if k)


def _reports(events: Sequence[Event], texts: dict[str, str]) -> list[_Report]:
    out = []
    for i, ev in enumerate(events):
        terms = _content_terms(ev.title)
        sentences = {_sentence_text(s, texts) for s in ev.sources}
        for sent in sentences:
            terms.extend(_content_terms(sent))
        words = Counter(lemma for lemma, _ in terms)
        actions = frozenset(lemma for lemma, action in terms if action)
        actors = list(ev.actors)
        if not actors:
            for sent in sentences:
                actors.extend(find_actors(sent))
        out.append(_Report(i, ev, words, _actor_keys(actors), frozenset(s.document for s in ev.sources), actions))
    return out


def _weigh(reports: list[_Report], cfg: IdentityConfig = DEFAULT_CONFIG) -> dict[str, float]:
    df: Counter = Counter()
    actor_docs: dict[str, set[str]] = defaultdict(set)
    all_docs: set[str] = set()
    for r in reports:
        df.update(r.words.keys())
        all_docs |= r.documents
        for a in r.actors:
            actor_docs[a] |= r.documents
    n = len(reports)
    idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
    boost = cfg.EVENT_WORD_WEIGHT
    folder = len(all_docs) + cfg.ACTOR_SHARE_PRIOR
    for r in reports:
        r.vector = {w: (1 + math.log(c)) * idf[w] * (boost if w in r.actions else 1.0) for w, c in r.words.items()}
        r.norm = math.sqrt(sum(v * v for v in r.vector.values())) or 1.0
        r.actor_weight = {a: max(0.0, 1.0 - cfg.COMMON_ACTOR_DISCOUNT * len(actor_docs[a]) / folder) for a in r.actors}
    return idf


@functools.lru_cache(maxsize=65536)
def _interval_of(value: str, until: str | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    r = DateReading(value=value, until=until)
    return r.start, r.end


def _iv(r: DateReading) -> tuple[dt.datetime | None, dt.datetime | None]:
    """A reading's [start, end), cached (DateReading derives them from the value on every access)."""
    return _interval_of(r.value, r.until)


def _date_relation(a: DateReading, b: DateReading, cfg: IdentityConfig) -> tuple[str, float]:
    (a_start, a_end), (b_start, b_end) = _iv(a), _iv(b)
    if a_start is None or b_start is None:
        return ("same", 1.0) if a.value == b.value else ("far", 0.0)
    if a_start == b_start and a_end == b_end:
        return "same", 1.0
    if (a_start <= b_start and b_end <= a_end) or (b_start <= a_start and a_end <= b_end):
        return "nested", cfg.NESTED_DATE_SCORE
    day = dt.timedelta(days=1)
    if (a_end - a_start < day or b_end - b_start < day) and a_start.date() == b_start.date():
        return "same day", cfg.NESTED_DATE_SCORE  # 12:00 vs 16:00 UTC: clock times differ between reports
    if a_start < b_end and b_start < a_end:
        return "overlapping", cfg.NESTED_DATE_SCORE / 2
    gap = (b_start - a_end) if a_end <= b_start else (a_start - b_end)
    if gap <= dt.timedelta(days=cfg.CONFLICT_WINDOW_DAYS):
        return "conflict", 0.0
    return "far", 0.0


_GENERIC_LAST = frozenset("company corporation corp group inc ltd plc co".split())


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in ("of", "and", "the", "de", "for"))


def _actors_match(a: str, b: str) -> bool:
    """Normalised actor names that name the same actor: equal, a surname/first word of a full name
    ("putin" ~ "vladimir putin"), or an acronym of it ("eads" ~ "european aeronautic defense space company")."""
    if a == b:
        return True
    ta, tb = a.split(), b.split()
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(short) != 1 or any(c.isdigit() for c in a + b):
        return False
    if short[0] in (long_[0], long_[-1]):
        return True
    trimmed = long_[:-1] if long_[-1] in _GENERIC_LAST else long_
    return 2 <= len(short[0]) <= 6 and short[0] in (_initials(long_), _initials(trimmed))


def _actor_overlap(ra: _Report, rb: _Report) -> tuple[float, tuple[str, ...]]:
    """Shared actors over the smaller actor set, each counted by how telling it is (``actor_weight``)."""
    a, b = ra.actors, rb.actors
    if not a or not b:
        return 0.0, ()
    exact = a & b
    weight = sum(min(ra.actor_weight.get(x, 1.0), rb.actor_weight.get(x, 1.0)) for x in exact)
    fuzzy = []
    for x in sorted(a - exact):
        match = next((y for y in sorted(b - exact) if _actors_match(x, y)), None)
        if match is not None:
            fuzzy.append(x)
            weight += min(ra.actor_weight.get(x, 1.0), rb.actor_weight.get(match, 1.0))
    shared = tuple(sorted([*exact, *fuzzy]))
    return weight / min(len(a), len(b)), shared


def _month_or_finer(r: DateReading) -> bool:
    start, end = _iv(r)
    return start is not None and end - start <= _MONTH


def _score(ra: _Report, rb: _Report, cfg: IdentityConfig, detail: bool = True) -> PairScore:
    relation, date = _date_relation(ra.event.when, rb.event.when, cfg)
    shared = set(ra.vector) & set(rb.vector)
    content = sum(ra.vector[w] * rb.vector[w] for w in shared) / (ra.norm * rb.norm) if shared else 0.0
    actors, shared_actors = _actor_overlap(ra, rb)
    if (not ra.actors or not rb.actors) and _month_or_finer(ra.event.when) and _month_or_finer(rb.event.when):
        actors = cfg.UNKNOWN_ACTORS_SCORE
    total = cfg.DATE_WEIGHT * date + cfg.CONTENT_WEIGHT * content + cfg.ACTOR_WEIGHT * actors
    what_who = (cfg.CONTENT_WEIGHT * content + cfg.ACTOR_WEIGHT * actors) / (cfg.CONTENT_WEIGHT + cfg.ACTOR_WEIGHT)
    if relation == "far" or content < cfg.MIN_CONTENT:
        decision = "separate"
    elif relation == "conflict":
        decision = "conflict-merge" if what_who >= cfg.CONFLICT_THRESHOLD else "separate"
    else:
        decision = "merge" if total >= cfg.MERGE_THRESHOLD else "separate"
    top = sorted(shared, key=lambda w: (-ra.vector[w] * rb.vector[w], w))[:8] if detail else ()
    return PairScore(round(date, 3), round(content, 3), round(actors, 3), round(total, 3), relation, decision,
                     tuple(top), shared_actors)


def score_pair(a: Event, b: Event, documents: Sequence[Document] = (), cfg: IdentityConfig = DEFAULT_CONFIG,
               *, background: Sequence[Event] = ()) -> PairScore:
    """The identity score of two events (word weights from ``a``, ``b`` and ``background`` events)."""
    texts = {d.id: d.text for d in documents}
    reports = _reports([a, b, *background], texts)
    _weigh(reports, cfg)
    return _score(reports[0], reports[1], cfg)


# ------------------------------------------------------------------------------------------ blocking

_MONTH = dt.timedelta(days=31)
_YEAR = dt.timedelta(days=366)


def _blocking_keys(r: _Report, idf: dict[str, float], cfg: IdentityConfig) -> list[tuple[str, str]]:
    rare = sorted(r.vector, key=lambda w: (-idf[w], w))[: cfg.BLOCK_TERMS]
    return [("w", w) for w in rare] + [("a", a) for a in sorted(r.actors)]


def _candidates(reports: list[_Report], idf: dict[str, float], cfg: IdentityConfig) -> set[tuple[int, int]]:
    """Pairs of reports worth scoring: they share a blocking key (a rare content word or an actor) and
    their dates can be compatible or a near conflict.

    Reports dated to a month or finer are blocked by (key, month) and paired within their month and
    with the next month (the March-vs-April conflicts); reports dated to a season .. year by (key, year),
    paired among themselves and with the finer reports of that year.  A block larger than ``MAX_BLOCK``
    is a key too common to identify anything and is skipped, so the number of pairs stays linear.
    """
    fine: dict[tuple, list[int]] = defaultdict(list)
    fine_year: dict[tuple, list[int]] = defaultdict(list)
    coarse: dict[tuple, list[int]] = defaultdict(list)
    undated: dict[tuple, list[int]] = defaultdict(list)
    for r in reports:
        keys = _blocking_keys(r, idf, cfg)
        start, end = _iv(r.event.when)
        if start is None:
            for k in keys:
                undated[(k, r.event.when.value)].append(r.index)
        elif end - start <= _MONTH:
            for k in keys:
                fine[(k, start.year, start.month)].append(r.index)
                fine_year[(k, start.year)].append(r.index)
        elif end - start <= _YEAR:
            for k in keys:
                for year in range(start.year, (end - dt.timedelta(microseconds=1)).year + 1):
                    coarse[(k, year)].append(r.index)
        # Decades and centuries are too vague to identify an event: they are never merged across articles.
    pairs: set[tuple[int, int]] = set()
    cap = cfg.MAX_BLOCK

    def within(members: list[int]) -> None:
        if len(members) <= cap:
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    if a != b:
                        pairs.add((a, b) if a < b else (b, a))

    def between(m1: list[int], m2: list[int]) -> None:
        if m1 and m2 and len(m1) <= cap and len(m2) <= cap:
            for a in m1:
                for b in m2:
                    if a != b:
                        pairs.add((a, b) if a < b else (b, a))

    for (k, y, m), members in fine.items():
        within(members)
        between(members, fine.get((k, y, m + 1) if m < 12 else (k, y + 1, 1), []))
    for (k, y), members in coarse.items():
        within(members)
        between(members, fine_year.get((k, y), []))
    for members in undated.values():
        within(members)
    return pairs


# ------------------------------------------------------------------------------------------ merging


def _precision(r: DateReading) -> dt.timedelta:
    start, end = _iv(r)
    return dt.timedelta.max if start is None else end - start


def _is_hand_made(e: Event) -> bool:
    return e.origin in ("edited", "manual")


def _compatible(a: DateReading, b: DateReading) -> bool:
    """Readings that can describe the same moment: nested, overlapping or the same day."""
    return _date_relation(a, b, DEFAULT_CONFIG)[0] not in ("conflict", "far")


def _resolve_dates(events: list[Event]) -> tuple[Event, list[DateReading]]:
    """The event whose date wins and the readings that disagree with it.

    Readings are grouped into mutually compatible groups; the group stated by most sources wins
    (ties: the more precise, then the earlier); within it the most precise reading is the date.
    The most precise reading of every other group becomes an alternative.
    """
    groups: list[list[Event]] = []
    for ev in sorted(events, key=lambda e: (_precision(e.when), e.when.sort_key)):
        for g in groups:
            if all(_compatible(ev.when, o.when) for o in g):
                g.append(ev)
                break
        else:
            groups.append([ev])
    groups.sort(key=lambda g: (-sum(len(e.sources) for e in g), _precision(g[0].when), g[0].when.sort_key))
    best = groups[0][0]
    alternatives: list[DateReading] = []
    seen = {str(best.when)}
    for g in groups[1:]:
        r = g[0].when
        if str(r) not in seen:
            seen.add(str(r))
            alternatives.append(r)
    return best, alternatives


def _source_key(s: SourceRef):
    return (s.document, s.sentence.start, s.expression.start if s.expression else -1)


def _merge_group(events: list[Event], published: dict[str, dt.date]) -> Event:
    sources: dict[tuple, SourceRef] = {}
    for e in events:
        for s in e.sources:
            sources.setdefault(_source_key(s), s)
    all_sources = sorted(sources.values(), key=_source_key)
    hand = [e for e in events if _is_hand_made(e)]
    if hand:
        keep = hand[0]
        own = {_source_key(s) for s in keep.sources}
        extra = [s for s in all_sources if _source_key(s) not in own]
        return keep.model_copy(update={"sources": list(keep.sources) + extra})
    best, alternatives = _resolve_dates(events)
    # The id of the first report (earliest publication, then document and position): an archive grows
    # with later articles, so the merged event keeps its id when new reports of it arrive.
    def first_key(e: Event):
        keys = sorted(map(_source_key, e.sources)) or [("",)]
        day = min((published[s.document] for s in e.sources if published.get(s.document)), default=dt.date.max)
        return (day, keys[0], e.id)

    first = min(events, key=first_key)
    actors: Counter = Counter()
    order: dict[str, int] = {}
    for e in events:
        for a in e.actors:
            actors[a] += 1
            order.setdefault(a, len(order))
    tags = list(dict.fromkeys(t for e in events for t in e.tags))
    stale = all(e.stale for e in events)
    unique: dict[str, DateReading] = {}
    for a in [*alternatives, *(a for e in events for a in e.alternatives)]:
        if str(a) != str(best.when):
            unique.setdefault(str(a), a)
    alternatives = list(unique.values())
    return best.model_copy(update={
        "id": first.id,
        "sources": all_sources,
        "actors": sorted(actors, key=lambda a: (-actors[a], order[a])),
        "tags": tags,
        "stale": stale,
        "alternatives": alternatives,
    })


class _Clusters:
    """Union-find over reports, keeping each cluster's members, documents and hand-made count."""

    def __init__(self, reports: list[_Report]):
        self.parent = list(range(len(reports)))
        self.members = {r.index: [r.index] for r in reports}
        self.docs = {r.index: set(r.documents) for r in reports}
        self.hand = {r.index: int(_is_hand_made(r.event)) for r in reports}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))
        self.docs[a] |= self.docs.pop(b)
        self.hand[a] += self.hand.pop(b)


def _may_join(left: list[int], right: list[int], reports: list[_Report], cfg: IdentityConfig) -> bool:
    """Whether two clusters may become one event, judged on every pair across them.

    A chain of merges must not join what no pair would: no two reports may have far-apart dates,
    two reports with disagreeing dates must be a conflict-merge on their own (so a vague "in May"
    cannot bridge "May 25" and "May 30" reports of different happenings), and the pairs' mean score
    must reach ``CLUSTER_MIN_MEAN``.
    """
    if len(left) == 1 and len(right) == 1:
        return True  # the pair itself was just scored as a merge
    total, n = 0.0, 0
    for x in left:
        for y in right:
            s = _score(reports[x], reports[y], cfg, detail=False)
            if s.date_relation == "far":
                return False
            if s.date_relation == "conflict" and s.decision != "conflict-merge":
                return False
            total += s.total
            n += 1
    return total / n >= cfg.CLUSTER_MIN_MEAN


def merge_events(events: Sequence[Event], documents: Sequence[Document] = (),
                 cfg: IdentityConfig = DEFAULT_CONFIG) -> list[Event]:
    """Merge reports of the same event from different articles into one event each.

    ``documents`` (optional) give the sentence text behind each source, which makes the content
    similarity much sharper than titles alone.  The result keeps every source, takes the most
    precise date the sources support, and lists disagreeing dates in ``alternatives``.
    """
    if len(events) < 2:
        return list(events)
    texts = {d.id: d.text for d in documents}
    published = {d.id: d.published for d in documents if d.published}
    reports = _reports(events, texts)
    idf = _weigh(reports, cfg)
    scored = []
    for a, b in _candidates(reports, idf, cfg):
        s = _score(reports[a], reports[b], cfg, detail=False)
        if s.decision != "separate":
            scored.append((s.total if s.decision == "merge" else s.total - 1.0, a, b))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))  # strongest first; conflicts after every clean merge
    clusters = _Clusters(reports)
    for _, a, b in scored:
        ca, cb = clusters.find(a), clusters.find(b)
        if ca == cb:
            continue
        if not cfg.MERGE_SAME_DOCUMENT and clusters.docs[ca] & clusters.docs[cb]:
            continue
        if clusters.hand[ca] and clusters.hand[cb]:
            continue  # two hand-made events stay two events: a person decided they differ
        if not _may_join(clusters.members[ca], clusters.members[cb], reports, cfg):
            continue
        clusters.union(ca, cb)
    out = []
    for root, members in sorted(clusters.members.items()):
        group = [reports[i].event for i in sorted(members)]
        out.append(group[0] if len(group) == 1 else _merge_group(group, published))
    return out


# ------------------------------------------------------------------------------------------ explaining


def _reports_of(event: Event, timeline: Timeline) -> list[Event]:
    """The single-source reports an event was merged from, rebuilt from its sources.

    When the articles' text is available, each source's own date is found again by re-extracting
    that article (the per-article events are deterministic); otherwise the source is shown with the
    event's date, or with the alternative whose wording matches the source's quote.
    """
    docs = {d.id: d for d in timeline.documents}
    per_doc: dict[str, list[Event]] = {}
    reports = []
    for src in event.sources:
        found = None
        doc = docs.get(src.document)
        if doc is not None and doc.text:
            if src.document not in per_doc:
                try:
                    from ._events import extract_document

                    per_doc[src.document] = extract_document(doc)
                except Exception:  # noqa: BLE001 - no tagger, bad text: fall back to the stored readings
                    per_doc[src.document] = []
            for cand in per_doc[src.document]:
                if any(_source_key(s) == _source_key(src) for s in cand.sources):
                    found = cand
                    break
        if found is None:
            when = event.when
            for alt in event.alternatives:
                if alt.text and src.quote and src.quote.lower() in alt.text.lower():
                    when = alt
            sentence = _sentence_text(src, {k: d.text for k, d in docs.items()})
            found = Event(id=f"{event.id}@{src.document}", title=event.title, when=when, sources=[src],
                          actors=find_actors(sentence) if sentence else list(event.actors))
        else:
            found = found.model_copy(update={"sources": [src], "id": f"{found.id}@{src.document}"})
        reports.append(found)
    return reports


MAX_EXPLAINED_PAIRS_REPORTS = 8
"""Up to this many sources, ``explain`` shows every pair; beyond, each report with its best match."""


def explain(event_id: str, timeline: Timeline, cfg: IdentityConfig = DEFAULT_CONFIG) -> str:
    """Why the reports of an event were merged: each report, its date, and its score against the others."""
    event = timeline.event(event_id)
    lines = [f"event {event.id}: {event.title}", f"  date: {event.when} ({event.when.label})"]
    if event.alternatives:
        alts = ", ".join(f"{a} ({a.label})" for a in event.alternatives)
        lines.append(f"  CONFLICT: sources also give {alts}")
    if event.origin != "extracted":
        lines.append(f"  origin: {event.origin} (hand-made: merges only add sources to it)")
    if event.actors:
        lines.append(f"  actors: {', '.join(event.actors)}")
    docs = {d.id: d for d in timeline.documents}
    reports = _reports_of(event, timeline)
    lines.append(f"  {len(event.sources)} source(s) in {len({s.document for s in event.sources})} article(s):")
    for i, (src, rep) in enumerate(zip(event.sources, reports), start=1):
        doc = docs.get(src.document)
        pub = f", published {doc.published}" if doc is not None and doc.published else ""
        lines.append(f"   [{i}] {src.document} ¶{src.paragraph}{pub}: \"{src.quote}\" -> {rep.when} | {rep.title}")
    if len(reports) < 2:
        lines.append("  one source: no cross-article merge to explain")
        return "\n".join(lines)
    lines.append(
        f"  score = {cfg.DATE_WEIGHT}*date + {cfg.CONTENT_WEIGHT}*content + {cfg.ACTOR_WEIGHT}*actors; "
        f"merge at >= {cfg.MERGE_THRESHOLD} (content >= {cfg.MIN_CONTENT}); disagreeing dates within "
        f"{cfg.CONFLICT_WINDOW_DAYS} days merge with a conflict when content+actors >= {cfg.CONFLICT_THRESHOLD}"
    )
    background = [e for e in timeline.events if e.id != event.id]
    texts = {d.id: d.text for d in timeline.documents}
    all_reports = _reports(reports + background, texts)
    _weigh(all_reports, cfg)
    def pair_lines(i: int, j: int, s: PairScore) -> list[str]:
        out = [f"   [{i + 1}]~[{j + 1}] total {s.total:.2f} = date {s.date:.2f} ({s.date_relation}) "
               f"+ content {s.content:.2f} + actors {s.actors:.2f} -> {s.decision}"]
        if s.shared_words:
            out.append(f"        shared words: {', '.join(s.shared_words)}")
        if s.shared_actors:
            out.append(f"        shared actors: {', '.join(s.shared_actors)}")
        return out

    n = len(reports)
    scores: dict[tuple[int, int], PairScore | None] = {}
    for i in range(n):
        for j in range(i + 1, n):
            same_doc = event.sources[i].document == event.sources[j].document
            scores[(i, j)] = None if same_doc else _score(all_reports[i], all_reports[j], cfg)
    if n <= MAX_EXPLAINED_PAIRS_REPORTS:
        for (i, j), s in scores.items():
            if s is None:
                lines.append(f"   [{i + 1}]~[{j + 1}] same article: merged by the within-article merge")
            else:
                lines.extend(pair_lines(i, j, s))
    else:  # many sources: each report with the report it matches best
        lines.append(f"  ({n} reports: each shown with its best match)")
        for i in range(n):
            best = max(((s.total, (a, b), s) for (a, b), s in scores.items() if s is not None and i in (a, b)),
                       default=None, key=lambda t: t[0])
            if best is None:
                lines.append(f"   [{i + 1}] only reports from its own article: merged by the within-article merge")
            else:
                a, b = best[1]
                lines.extend(pair_lines(a, b, best[2]))
    lines.append("  (pairs below the threshold can still be joined through a chain of merged reports)")
    return "\n".join(lines)

"""From tagged documents to dated events.

Each sentence of a content paragraph that states something dated becomes an :class:`Event`, one
per dated clause:

- clauses split at ";", ", and", ", while" ..., and at a second predicate with a date of its own
  ("raised rates in July 2023 [and began cutting in September 2024]", same subject);
- a date inside a noun phrase dates that phrase ("the June 2024 ... Treaty", "last Friday's bombings
  of U.S. embassies"); a date in a relative clause or aside dates that clause ("a strike that began on
  March 2"); what was said, when it has its own date, is an event of its own;
- two dates that are the ends of one span ("from June to August 2025", "2019-2021") are one event;
- a date something is measured or compared against ("the strongest since 2011", "compared to March of
  2008") dates nothing.

Reports of the same happening in one article ("last year" in the standfirst, "last spring" in the
body) are merged into one event carrying both sources and the most precise date. Every look-back is
bounded (a few hundred characters), so a sentence with thousands of dates stays linear.
"""

from __future__ import annotations

import datetime as dt
import bisect
import hashlib
import re
from dataclasses import dataclass
from collections.abc import Iterable, Sequence
from pathlib import Path

from ._documents import load_document
from ._models import Document, Event, ParagraphKind, SourceRef, Span, TimeExpression, Timeline
from ._sentences import split_sentences
from ._timex import DateReading
from ._titles import MODALS, bare_predicate, clause_subject, cut_spans, dateline_end, make_title, subject_and_modal, subject_of

_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:(?:(?:until|by|from|before|after|in|on)\s+)?(?:at\s+least|at\s+the\s+earliest|as\s+early\s+as|as\s+late\s+as|"
    r"no\s+later\s+than|no\s+earlier\s+than|not\s+before|not\s+until)|(?:(?:early|late|later|earlier)\s+(?=in\b|on\b))?"
    r"(?:in|on|at|during|since|by|until|till|from|between|through|throughout|as of|around|about|before|after|early|late|"
    r"for|over|within|of))\s+(?:the\s+)?)$",
    re.I,
)
_NOUN_PHRASE_AFTER = re.compile(r"^[\s-]+(?P<np>(?:[A-Z][\w'’-]*\s+){0,6}[A-Z][\w'’-]*)")
_CLAUSE_SPLIT = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas|und|aber|während|et|mais|tandis\s+que|y|pero|mientras|и|но|а)\s+|\s+and then\s+"
)
_ACTOR_KINDS = frozenset({"person", "org", "place"})
"""Entity kinds that are actors; named things such as treaties or buildings are not."""
_WORD = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 3
"""Words a sentence must keep besides its dates to state an event."""
_NEGATED = re.compile(r"\W*not\b", re.I)
_LEADING_CONDITION = re.compile(r"\W*(?:even\s+if|if|unless|even\s+though|whether)\b[^,;]*,", re.I)


def _in_leading_condition(sentence: str, offset: int) -> bool:
    """Whether ``offset`` falls in a condition that opens the sentence ("If talks fail on Monday, ...")."""
    m = _LEADING_CONDITION.match(sentence)
    return m is not None and offset < m.end()
_STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been has have had that which who
    this these those its their his her it they he she we you i into over under after before during since until
    about than then there here also not no""".split()
)
_SAME_EVENT_OVERLAP = 0.5
"""Share of the smaller event's content words that another report must repeat to be the same event."""


def _title_slug(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())[:5]) or "event"


def _event_id(doc: Document, sentence: str, expression: str, title: str) -> str:
    slug = _title_slug(title)
    digest = hashlib.sha1(f"{doc.id}\x1f{sentence}\x1f{expression}".encode()).hexdigest()[:6]
    return f"{slug}-{digest}"


# The words that introduce a date in the other languages the tagger reads ("am Freitag", "le 2 mars").
_PREPOSITION_BEFORE_BY_LANGUAGE = {
    lang: re.compile(rf"(?:\b(?:{words})\s+)$", re.I)
    for lang, words in {
        "de": r"am|im|an|in|seit|bis|vom|ab|um|zum|gegen|Anfang|Mitte|Ende",
        "fr": r"le|la|les|en|au|aux|depuis|dès|jusqu'au|jusqu’au|à|début|mi|fin|courant",
        "es": r"el|la|los|las|en|desde|hasta|a|de|principios\s+de|mediados\s+de|finales\s+de",
        "ru": r"в|во|с|со|до|к|ко|по|на|от",
    }.items()
}


_POSSESSIVE_S = re.compile(r"['’]s\b")
_COUNTED_FROM = re.compile(r"\s+(?:later|earlier|after|before)\b")
_COMMA_AFTER = re.compile(r"\s*,")
_DAY_RANGE = re.compile(r"\s*[-–]\s*(?P<day>[0-3]?\d)\b(?!\s*(?:%|percent|[-–:/.]\d))")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _day_range_at(text: str, pos: int, value: str) -> re.Match | None:
    """The "-28" of "Jan. 27-28" at ``pos``, after a date whose value is a day."""
    return _DAY_RANGE.match(text, pos) if _ISO_DAY.fullmatch(value) else None
_LOOK_BACK = 60
"""How far before a date its preposition is looked for (keeps long sentences linear)."""


def _date_phrase(text: str, expr: TimeExpression, floor: int, lang: str = "en",
                 ranges: dict[int, TimeExpression] | None = None) -> tuple[int, int]:
    """The span to cut from a title: the expression, its preposition and a trailing comma; for the
    first end of a range, the whole range ("from June to August 2025")."""
    last = (ranges or {}).get(id(expr))
    if last is not None:
        return _date_phrase(text, expr, floor, lang)[0], _date_phrase(text, last, floor, lang)[1]
    start = expr.start
    lo = max(floor, start - _LOOK_BACK)
    m = _PREPOSITION_BEFORE_BY_LANGUAGE.get(lang, _PREPOSITION_BEFORE).search(text[lo:start])
    if m and lang == "en" and (m.group().lower().rstrip().endswith("the") and _NOUN_GOES_ON.match(text, expr.end)
                               or _POSSESSIVE_S.match(text, expr.end)):
        m = None  # "in the [November 2022] midterm elections", "by [today's] verdict": the date modifies a noun
    if m:
        start = lo + m.start()
    end = expr.end
    possessive = _POSSESSIVE_S.match(text, end)  # "Friday's profit-taking": the date goes with its 's
    if possessive:
        end = possessive.end()
    day_range = _day_range_at(text, end, expr.date_value)
    if day_range:  # "Jan. 27-28": the second day belongs to the date
        end = day_range.end()
    counted_from = _COUNTED_FROM.match(text, end) if expr.points_to else None
    if counted_from:  # "[Three days] later": the wording of the date goes on after the counted duration
        end = counted_from.end()
    comma = _COMMA_AFTER.match(text, end)
    if comma and (start == floor or text[lo:start].rstrip().endswith(",")):
        end = comma.end()
    return start, end


_NOUN_GOES_ON = re.compile(r"\s+(?!(?:of|to|in|on|at|and|or|but|when|that|which|who|was|were|is|are|had|has|have|will|"
                           r"would|as|for|from|with|by|after|before)\b)[a-z][\w-]+")
_RANGE_LINK = re.compile(r"\s*(?:(?P<word>to|until|till|through|thru|and)|[-–—])\s*")
_RANGE_OPEN = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.I)
_BETWEEN_OPEN = re.compile(r"between\s+(?:the\s+)?$", re.I)


def _measured_against(text: str, expr: TimeExpression, s0: int) -> bool:
    """True for a date a statement is compared with rather than dated by (see _SINCE_COMPARISON,
    _COMPARISON_BASE)."""
    return bool(_SINCE_COMPARISON.search(text, max(s0, expr.start - 120), expr.start)
                or _COMPARISON_BASE.search(text, max(s0, expr.start - 80), expr.start))


def _date_ranges(text: str, exprs: list[TimeExpression]) -> dict[int, TimeExpression]:
    """{id(first): last} for "from June to August 2025", "between 2019 and 2021", "2019-2021": two
    dates that are the ends of one span (the first opens with from/between unless a dash joins them)."""
    out: dict[int, TimeExpression] = {}
    for a, b in zip(exprs, exprs[1:]):
        link = _RANGE_LINK.fullmatch(text, a.end, b.start)
        if link is None or not (a.is_event_date and b.is_event_date):
            continue
        if link["word"] and not _RANGE_OPEN.search(text, max(0, a.start - 20), a.start):
            continue  # "in June and August": two dates, "raised in 2019 to ..." no range
        if link["word"] == "and" and not _BETWEEN_OPEN.search(text, max(0, a.start - 20), a.start):
            continue
        if b.interval.end > a.interval.start and id(a) not in out:
            out[id(a)] = b
    return out


def _modified_noun_phrase(text: str, expr: TimeExpression, sentence_start: int) -> str | None:
    """The proper noun phrase a date modifies, as in "the June 2024 Comprehensive ... Treaty"."""
    if expr.start == sentence_start:
        return None
    before = text[max(sentence_start, expr.start - 12):expr.start].lower()
    if not re.search(r"\b(?:the|a|an|its|their|his|her)\s+$", before):
        return None
    m = _NOUN_PHRASE_AFTER.match(text[expr.end:expr.end + 120])
    return m.group("np") if m else None


def _simple_clause(clause: str) -> bool:
    """A subject, one finite verb and what follows it, with no second verb ("The bank raised rates in
    July 2023"): the only kind whose subject a following "and began ..." can be taken to share."""
    subject = subject_of(clause)
    if subject is None:
        return False
    predicate = clause[clause.find(subject) + len(subject):].split()
    verb = next((i for i, w in enumerate(predicate) if _SECOND_VERB.fullmatch(w.strip(",;"))), 0)
    return not any(_SECOND_VERB.fullmatch(w.strip(",;")) for w in predicate[verb + 1:]) and "--" not in clause


def _dated(clause: tuple[int, int, bool], exprs: list[TimeExpression], s0: int) -> bool:
    return any(clause[0] <= e.start - s0 < clause[1] for e in exprs)


def _clauses(sentence: str, english: bool = True) -> list[tuple[int, int, bool]]:
    """(start, end, shares_subject) of each clause; shares_subject: a second predicate of the first
    clause's subject ("The bank raised rates in July 2023 [and began cutting in September 2024]")."""
    cuts = [(m.start(), m.end(), False) for m in _CLAUSE_SPLIT.finditer(sentence)]
    if english:
        cuts += [(m.start(), m.end(), True) for m in _SHARED_SUBJECT_PREDICATE.finditer(sentence)]
    spans, cur, shared = [], 0, False
    for a, b, second in sorted(cuts):
        if a < cur:
            continue
        spans.append((cur, a, shared))
        cur, shared = b, second
    spans.append((cur, len(sentence), shared))
    return spans


# A date inside a relative clause or a participial aside dates that clause's predicate, whose subject
# is the noun phrase before it: "ending a strike that began on March 2" -> "Strike begins";
# "the agreement, reached late on Thursday, raises wages" -> "Agreement reached".
_PAST = (r"(?:[a-z]+ed|began|begun|became|broke|brought|built|came|cut|fell|fled|flew|fought|found|gave|grew|"
         r"held|hit|kept|led|left|lost|made|met|paid|put|quit|ran|rose|said|sank|saw|sent|set|shot|shut|sold|"
         r"spent|stood|struck|took|told|threw|went|won|wrote|was|were|had|has|is|are|will|would)")
# The relative pronoun must be the subject of its clause ("a strike that began"), not a complementizer
# ("the likelihood that either was involved"); a participle aside is set off by commas.
_EMBED_START = re.compile(rf"\s+(?:that|which|who)\s+(?={_PAST}\b)|,\s+(?=[a-z]+ed\s)")
_NP_BEFORE = re.compile(  # the nearest determiner: "the wake of a strike that began" -> "a strike"
    r"(?:\b(?i:a|an|the|its|their|his|her|this)\s+(?:(?!(?:a|an|the|its|their|his|her|this)\s)[\w'’-]+\s+){0,3}?[\w'’-]+"
    r"|(?:\b[A-Z][\w'’.-]*\s+){0,3}\b[A-Z][\w'’.-]*)$"
)
_DETERMINED_NP = re.compile(r"^(?i:a|an|the|its|their|his|her|this)\s")
_NOT_A_SUBJECT = frozenset("said says told say added believe believed think thought show shows showed".split())
# Participles that work as prepositions or hedges: ", compared with ...", ", based in ...", ", expected ..."
_NOT_AN_ASIDE = frozenset("compared based including excluding adjusted estimated expected scheduled "
                          "restated revised calculated measured priced dated".split())
_SECOND_VERB = re.compile(rf"\b{_PAST}\b")
_SHARED_SUBJECT_PREDICATE = re.compile(rf"\s+and\s+(?=(?:then\s+|later\s+|also\s+|again\s+)?(?!was\b|were\b|is\b|are\b|had\b|has\b){_PAST}\s)")


@dataclass(frozen=True)
class _Embedded:
    """A relative clause or participial aside inside a sentence (offsets in the sentence)."""

    cut_start: int
    """Where the clause starts with its connective (" that", ", ")."""
    start: int
    """Where its predicate starts."""
    end: int
    """Where it stops: the next comma, semicolon, conjunction or the sentence end."""
    cut_end: int
    """``end`` plus the comma that closes an aside."""
    subject: str
    """The noun phrase before it, which the predicate is about."""
    passive: bool
    """A participle aside (", reached on Thursday,") reads as "which was reached"."""


# "the strongest quake since March 2011", "its first annual loss since 1992": the date is an earlier
# occurrence the statement is measured against, not when the stated thing happened.
_SINCE_COMPARISON = re.compile(
    r"\b(?:[a-z]+est|first|most|least|only|record|fewest|more|less|higher|lower|bigger|smaller|worse|better)\b"
    r"[^.;:!?]{0,80}?\bsince\s+(?:early\s+|late\s+|mid-?\s*)?(?:the\s+)?$",
    re.I,
)
# "sales fell 23% compared to March of 2008", "up from $1.8 billion a year earlier", "higher than in
# 2019": the date of the figure compared against, not of what the statement reports.
_COMPARISON_BASE = re.compile(
    r"\b(?:(?:compared\s+(?:to|with)|versus|vs\.?)(?:\s+[^,;]{0,60}?\s+(?:in|of|during|for))?"
    r"|than(?:\s+(?:in|during|at|on))?|(?:up|down)\s+from\s+[^,;]{0,40}?)"
    r"\s+(?:(?:the\s+)?same\s+(?:period|month|quarter|week|time)\s+(?:of|in|a)\s+)?(?:the\s+)?$",
    re.I,
)
_TITLE_REACH = 600
"""Characters of a clause a title is made from (titles keep its first words; keeps long text linear)."""
_EMBED_REACH = 200
"""How far before a date a relative clause or aside holding it may start (characters)."""
_CLAUSE_STOP = re.compile(r"[,;:]|\s+(?:and|but)\s+")
_AGE_APPOSITION = re.compile(r",\s*\d{1,3}$")
# "since a tsunami killed 4,000 people in [2018]": a clause of its own, whose date it is
_SINCE_CLAUSE = re.compile(
    rf"\bsince\s+(?P<clause>(?:a|an|the|its|their|his|her)\s+(?:[^,;:]|,(?=\d))*?\b{_PAST}\b(?:[^,;:]|,(?=\d))*)$", re.I)
_MAIN_VERB_AFTER = re.compile(rf"\s+(?=(?!had\b|has\b|was\b|were\b){_PAST}\s)")


def _embedded_predicate(sentence: str, rel: int, rel_end: int, text_end: int) -> _Embedded | None:
    """The relative clause or participial aside holding the date at ``rel``..``rel_end`` (offsets in
    ``sentence``, whose words end at ``text_end``), or None when the date belongs to the main clause."""
    last = None
    for m in _EMBED_START.finditer(sentence, max(0, rel - _EMBED_REACH), rel):
        last = m
    if last is None or re.search(r"[,;:]", sentence[last.end():rel]):
        return None
    between = sentence[last.end():rel].split()
    # "Republicans, who won control of the House in November 2022, had ...": set off by commas, the clause
    # holds the date however long it is
    enclosed = sentence[:last.start()].rstrip().endswith(",") and "who" in last.group() \
        and re.match(r"[^,;:]*,", sentence[rel:]) is not None
    if (len(between) > 4 and not enclosed) or any(_SECOND_VERB.fullmatch(w) for w in between[1:]):
        return None  # "doctors who perform abortions declined between 1982 and 1992": the date is the main verb's
    stop = _CLAUSE_STOP.search(sentence, rel_end, max(rel_end, min(text_end, rel_end + _TITLE_REACH)))
    resumed = _MAIN_VERB_AFTER.match(sentence, rel_end)
    if resumed is not None and (stop is None or resumed.start() < stop.start()):
        stop = resumed  # "a quake that struck on Sunday [rose to 300 ...]": the main clause's verb comes back
    end = stop.start() if stop else min(text_end, rel_end + _TITLE_REACH)
    before = sentence[max(0, last.start() - 120):last.start()].rstrip()
    aside = last.group().startswith(",")
    set_off = not aside and before.endswith(",")  # "The walkout, which started on March 2, had ..."
    np = _NP_BEFORE.search(_AGE_APPOSITION.sub("", before.rstrip(",").rstrip()))  # "Doe, 58, who served ..."
    if np is None or np.group().split()[-1].lower() in _NOT_A_SUBJECT:
        return None
    closed = stop is not None and sentence[end] == ","
    if aside and not (closed and _DETERMINED_NP.match(np.group()) and between[0] not in _NOT_AN_ASIDE):
        return None  # "Oshkosh, Wis., estimated ..." is the main verb; "..., acknowledging X in 2025" the clause's
    cut_start = sentence.rfind(",", 0, last.start()) if set_off else last.start()
    cut_end = end + 1 if (aside or set_off) and closed else end
    return _Embedded(cut_start=cut_start, start=last.end(), end=end, cut_end=cut_end, subject=np.group(), passive=aside)


# "last Friday's bombings of U.S. embassies": a possessive date dates the happening it names.
_POSSESSIVE_NP = re.compile(
    r"^['’]s\s+(?P<np>(?:[\w-]+\s+){0,2}?(?P<head>[\w-]+)(?:\s+(?:of|in|on|at|against|between)\s+(?:the\s+)?"
    r"(?:[\w.’'-]+\s+){0,2}[\w.’'-]*\w)?)(?=[\s,.;:!?)]|$)"
)
_EVENT_NOUN = re.compile(
    r"(?:\w+(?:tion|sion|ment|ing)s?|closure|departure|failure|blockade|attacks?|votes?|elections?|strikes?|crash(?:es)?|summits?|raids?|"
    r"talks|meetings?|deals?|rally|rallies|protests?|speech(?:es)?|debates?|storms?|quakes?|earthquakes?|"
    r"fire|fires|blasts?|explosions?|killings?|shootings?|coup|war|race|match|game|final|launch|visit|trial|"
    r"verdict|ruling|decision|announcement|referendum|poll|polls|primary|primaries|ceremony|funeral|wedding)$",
    re.I,
)


def _possessive_event(text: str, expr: TimeExpression) -> str | None:
    """The happening a possessive date names ("Friday's bombings of U.S. embassies"), if it is one."""
    m = _POSSESSIVE_NP.match(text[expr.end:expr.end + 100])
    if m is None or not _EVENT_NOUN.match(m.group("head")):
        return None
    np = re.sub(r"\s+(?:the|a|an)\s+", " ", m.group("np"))
    if len(np.split()) < 2:
        return None  # "Wednesday's ruling" alone says too little for a title: the clause's title is better
    return np[0].upper() + np[1:]


# "Silva said on Saturday that the government would review the rules in April": what was said has its
# own date, so it is an event of its own (the saying stays the event of the Saturday).
_REPORTED = re.compile(r"\b(?:said|says|announced|stated|reported|confirmed|warned|added|predicted|promised|"
                       r"told\s+(?:[\w'’-]+\s+){1,4}?)(?:\s+[\w'’-]+){0,4}?\s+that\s+")


_REPORTED_STOP = re.compile(r"[;:]|,\s+(?:but|while|whereas)\s+")


def _reported_clause(sentence: str, rel: int, other_dates: list[int], text_end: int) -> tuple[int, int] | None:
    """(start, end) of the reported clause holding the date at ``rel``, when the saying has a date of
    its own earlier in the sentence; None otherwise."""
    last = None
    for m in _REPORTED.finditer(sentence, max(0, rel - _EMBED_REACH), rel):
        last = m
    if last is None or not any(d < last.end() for d in other_dates) or re.search(r"[;:]", sentence[last.end():rel]):
        return None
    limit = max(rel, min(text_end, rel + _TITLE_REACH))
    stop = _REPORTED_STOP.search(sentence, rel, limit)
    return last.end(), stop.start() if stop else limit


def _reading(expr: TimeExpression, wording: str, last: TimeExpression | None = None) -> DateReading:
    if last is not None:  # a range: "from June to August 2025"
        return DateReading(value=expr.date_value, until=last.date_value, text=wording.strip(" ,") or expr.text)
    value, until = expr.date_value, None
    tail = wording[wording.find(expr.text) + len(expr.text):] if expr.text in wording else ""
    m = _day_range_at(tail, 0, value)
    if m and int(m["day"]) > int(value[8:]):
        try:  # "Jan. 27-28": a range of days in the same month
            until = dt.date(int(value[:4]), int(value[5:7]), int(m["day"])).isoformat()
        except ValueError:
            until = None
    return DateReading(value=value, until=until, mod=expr.mod, text=wording.strip(" ,") or expr.text)


def _source(doc: Document, paragraph: int, sent: tuple[int, int], expr: TimeExpression) -> SourceRef:
    return SourceRef(
        document=doc.id,
        paragraph=paragraph,
        sentence=Span(start=sent[0], end=sent[1]),
        expression=Span(start=expr.start, end=expr.end),
        quote=expr.text,
    )


def _new_event(doc: Document, paragraph: int, sent: tuple[int, int], expr: TimeExpression, title: str,
               wording: str, last: TimeExpression | None = None) -> Event:
    """The event ``expr`` dates in sentence ``sent``, titled ``title``; ``wording`` is the date as written;
    ``last``: the other end of a range that ``expr`` opens."""
    sentence = doc.text[sent[0]:sent[1]]
    return Event(id=_event_id(doc, sentence, expr.text, title), title=title, when=_reading(expr, wording, last),
                 sources=[_source(doc, paragraph, sent, expr)])


def _sentence_events(doc: Document, paragraph: int, sent: tuple[int, int], exprs: list[TimeExpression]) -> list[Event]:
    text = doc.text
    s0, s1 = sent
    sentence = text[s0:s1]
    events: list[Event] = []
    clause_exprs: list[TimeExpression] = []
    lang = (doc.language or "en").split("-")[0].lower()
    english = lang == "en"  # the clause and noun-phrase cues below are English grammar
    ranges = _date_ranges(text, exprs)
    second_ends = {id(x) for x in ranges.values()}
    for expr in [e for e in exprs if id(e) not in second_ends]:
        np = _modified_noun_phrase(text, expr, s0) if english else None
        if np:
            title = np
            events.append(_new_event(doc, paragraph, sent, expr, title, expr.text))
        else:
            clause_exprs.append(expr)
    clauses = _clauses(sentence, english)
    # a second predicate stands alone only when it and the clause before it each have a date
    joined: list[tuple[int, int, bool]] = []
    for c in clauses:
        # "Federer missed last season and [returned in January]": a dated second predicate of a simple clause is
        # an event of its own, with the first clause's subject, whether or not the first clause has a date
        if c[2] and joined and not (_dated(c, exprs, s0) and _simple_clause(sentence[joined[-1][0]:joined[-1][1]])):
            joined[-1] = (joined[-1][0], c[1], joined[-1][2])
        else:
            joined.append(c)
    clauses = joined
    used: set[int] = set()
    main_exprs = []
    text_end = len(sentence.rstrip(" .!?\"”"))
    starts = sorted(e.start - s0 for e in exprs)
    embedded_spans: list[tuple[int, int]] = []  # cut from the main clause's title

    def clause_event(expr: TimeExpression, start: int, end: int) -> bool:
        """Adds the event of the clause ``sentence[start:end]`` that holds ``expr``, when it has enough words
        besides its date; False when it has not."""
        cut_a, cut_b = _date_phrase(text, expr, s0 + start, lang, ranges)
        cuts = [(cut_a - s0 - start, cut_b - s0 - start)]
        if len(_WORD.findall(cut_spans(sentence[start:end], cuts))) < _MIN_WORDS:
            return False
        title = make_title(sentence[start:end], cuts, lang)
        events.append(_new_event(doc, paragraph, sent, expr, title, text[cut_a:cut_b], ranges.get(id(expr))))
        return True

    for expr in clause_exprs:
        if english and _measured_against(text, expr, s0):
            continue  # "the strongest since March 2011", "compared to March 2008": not when it happened
        named = _possessive_event(text, expr) if english and len(exprs) > 1 else None
        if named is not None:
            events.append(_new_event(doc, paragraph, sent, expr, named, expr.text))
            continue
        since = _SINCE_CLAUSE.search(sentence, max(0, expr.start - s0 - 160), expr.start - s0) if english else None
        if since is not None:
            # "the deadliest since a tsunami killed 4,000 people in 2018": the date is the tsunami's
            start = since.start("clause")
            stop = _CLAUSE_STOP.search(sentence, expr.end - s0, text_end)
            end = stop.start() if stop else text_end
            if clause_event(expr, start, end):
                embedded_spans.append((since.start(), end))
            continue
        emb = _embedded_predicate(sentence, expr.start - s0, expr.end - s0, text_end) if english else None
        # dates before this one (the saying's own date must come first: "said on Saturday that ...")
        earlier = starts[:bisect.bisect_left(starts, expr.start - s0)]
        reported = None if emb or not english else _reported_clause(sentence, expr.start - s0, earlier, text_end)
        if reported is not None and clause_event(expr, *reported):
            continue
        if emb is None:
            main_exprs.append(expr)
            continue
        cut_a, cut_b = _date_phrase(text, expr, s0 + emb.start, lang, ranges)
        clause = f"{emb.subject} {'was ' if emb.passive else ''}{sentence[emb.start:emb.end]}"
        offset = len(clause) - (emb.end - emb.start) - emb.start
        cuts = [(cut_a - s0 + offset, cut_b - s0 + offset)]
        if len(_WORD.findall(cut_spans(clause, cuts))) < 2 or _NEGATED.match(sentence, emb.start):
            main_exprs.append(expr)
            continue
        embedded_spans.append((emb.cut_start, emb.cut_end))
        title = make_title(clause, cuts, lang)
        events.append(_new_event(doc, paragraph, sent, expr, title, text[cut_a:cut_b], ranges.get(id(expr))))
    for expr in main_exprs:
        ci = next((i for i, (a, b, _) in enumerate(clauses) if a <= expr.start - s0 < b), 0)
        if ci in used:
            continue  # one event per clause: further dates there qualify the same fact ("from June to August")
        if english and _in_leading_condition(sentence, expr.start - s0):
            continue  # "Even if tomorrow Airbus gets back to business, today is Boeing's day": a hypothetical
        used.add(ci)
        a, b, shares_subject = clauses[ci]
        if len(clauses) > 1 and ci > 0:
            floor = s0 + a
        else:
            floor = s0
            a, b, shares_subject = 0, len(sentence), False
            if len(clauses) > 1 and not clauses[1][2] and _dated(clauses[1], exprs, s0):
                b = clauses[0][1]  # "... as early as March, [and the first commercial flight ... in mid-2006]": its own event
        b = min(b, max(a + _TITLE_REACH, expr.end - s0 + 1))  # a title is read from the clause's start
        cut_a, cut_b = _date_phrase(text, expr, floor, lang, ranges)
        cuts = [(cut_a - s0 - a, cut_b - s0 - a)]
        # Other dates inside the clause are cut from the title too, and clauses that have their own event.
        for other in exprs:
            if other is not expr and s0 + a <= other.start < s0 + b \
                    and not any(ea <= other.start - s0 < eb for ea, eb in embedded_spans):
                oa, ob = _date_phrase(text, other, floor, lang, ranges)
                cuts.append((oa - s0 - a, ob - s0 - a))
        cuts += [(ea - a, eb - a) for ea, eb in embedded_spans if a <= ea and eb <= b and not ea <= expr.start - s0 < eb]
        split_predicates = [(clauses[k - 1][1], min(clauses[k][1], b)) for k in range(1, len(clauses))
                            if ci == 0 and clauses[k][2] and clauses[k - 1][1] < b and _dated(clauses[k], exprs, s0)]
        cuts += split_predicates  # the first clause's title leaves out second predicates that are events of their own
        rest = cut_spans(sentence[a:b], cuts)
        subject = subject_of(sentence[clauses[0][0]:clauses[0][1]]) if shares_subject else None
        if subject is None and ci > 0 and english and bare_predicate(rest.strip()):
            # "The airliner will bypass Malaysia, and fly directly to Sydney [on November 16]": the first
            # clause's subject and modal
            first = sentence[clauses[0][0]:clauses[0][1]]
            found = subject_and_modal(first)
            first_word = rest.split()[0]
            if found and first_word not in ("has", "have", "had", "is", "are", "was", "were", *MODALS) \
                    and not first_word.endswith(("s", "ed")):
                subject = " ".join(found)  # "will bypass ..., and fly": the modal goes on
            else:
                subject = clause_subject(first)  # "..., and has since increased", "..., and expects to"
        # "Prices rose [in March] and fell [in April]": two words make a clause with a shared subject
        least = _MIN_WORDS - 1 if subject or split_predicates else _MIN_WORDS
        if len(_WORD.findall(f"{subject or ''} {rest}")) < least or _NEGATED.match(rest):
            continue  # a dateline ("March 01, 2008") or a negated date ("not 2015 as hoped") states no event
        if subject:  # "[The central bank] began cutting": the first clause's subject
            title = make_title(f"{subject} {sentence[a:b]}", [(x + len(subject) + 1, y + len(subject) + 1) for x, y in cuts], lang)
        else:
            title = make_title(sentence[a:b], cuts, lang)
        wording = text[cut_a:cut_b]
        events.append(_new_event(doc, paragraph, sent, expr, title, wording, ranges.get(id(expr))))
    return events


def _content_words(event: Event) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9][a-z0-9-]+", event.title.lower()) if w not in _STOPWORDS}


def _dates_compatible(a: DateReading, b: DateReading) -> bool:
    """True when one reading's interval contains the other's (e.g. 2025-SP within 2025)."""
    if a.start is None or b.start is None:
        return a.value == b.value
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def same_event(a: Event, b: Event) -> bool:
    """Two reports of one happening: compatible dates and most content words shared."""
    if not _dates_compatible(a.when, b.when):
        return False
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return False
    shared = len(wa & wb)
    return shared >= min(2, len(wa), len(wb)) and shared / min(len(wa), len(wb)) >= _SAME_EVENT_OVERLAP


def _precision(reading: DateReading) -> dt.timedelta:
    if reading.start is None:
        return dt.timedelta.max
    return reading.end - reading.start


def merge_reports(events: Sequence[Event]) -> list[Event]:
    """Merge reports of the same event: the most precise date wins and its source comes first."""
    merged: list[Event] = []
    for ev in events:
        for i, kept in enumerate(merged):
            if same_event(kept, ev):
                best, other = (kept, ev) if _precision(kept.when) <= _precision(ev.when) else (ev, kept)
                # The report that gives the date comes first; the others follow in text order.
                rest = sorted(other.sources, key=lambda s: (s.document, s.sentence.start))
                merged[i] = best.model_copy(update={"sources": best.sources + rest})
                break
        else:
            merged.append(ev)
    return merged


def sort_events(events: Iterable[Event]) -> list[Event]:
    """Events by date (start, then finer precision first), then by position in their source."""
    def key(e: Event):
        src = e.sources[0] if e.sources else None
        return (e.when.sort_key, src.document if src else "", src.sentence.start if src else 0, e.id)

    return sorted(events, key=key)


def extract_events(doc: Document, expressions: Sequence[TimeExpression]) -> list[Event]:
    """The dated events stated in ``doc``, given the temporal expressions tagged in its text."""
    dated = [e for e in expressions if e.is_event_date]
    events: list[Event] = []
    for para in doc.paragraphs:
        if para.kind is not ParagraphKind.content:
            continue
        in_para = [e for e in dated if para.start <= e.start and e.end <= para.end]
        if not in_para:
            continue
        for sent in split_sentences(doc.text, para.start, para.end):
            in_sent = [e for e in in_para if sent[0] <= e.start and e.end <= sent[1]]
            if in_sent:
                events.extend(_sentence_events(doc, para.index, sent, in_sent))
    return sort_events(_with_actors(doc, _pronoun_subjects(doc, merge_reports(events))))


_PRONOUN_TITLE = re.compile(r"^(?:He|She) (?=[a-z])")
_ANTECEDENT_REACH = 600
"""How far back (characters) a title's "He"/"She" looks for the person it stands for."""


def _could_be_a_person(actor) -> bool:
    """A person, or an untyped name shaped like one ("Roger Federer": two or three capitalised words, not
    "Australian Open"); a lone word may be no person."""
    from ._actors import NAMED_THING_HEADS

    words = actor.name.split()
    if actor.kind == "person":
        return len(words) > 1
    return actor.kind == "other" and 2 <= len(words) <= 3 and words[-1].lower() not in NAMED_THING_HEADS \
        and all(w[:1].isupper() and w[1:].isalpha() and w[1:].islower() for w in words)


def _pronoun_subjects(doc: Document, events: list[Event]) -> list[Event]:
    """"He last won at the All England Club in 2012" -> "Federer wins at All England Club": the person
    first named in the nearest earlier sentence that names one (subjects come first in news sentences)."""
    from ._actors import find_entities

    if doc.language not in ("en", None):
        return events
    out = []
    for ev in events:
        if not _PRONOUN_TITLE.match(ev.title) or not ev.sources:
            out.append(ev)
            continue
        start = ev.sources[0].sentence.start
        lo = max(0, start - _ANTECEDENT_REACH)
        person = None
        for a, b in reversed(split_sentences(doc.text, lo, start)):
            brk = doc.text.rfind("\n\n", a, b)
            a = brk + 2 if brk >= 0 else a  # a headline without a full stop is no part of it
            people = [x for x in find_entities(doc.text[a:b], context=doc.text) if _could_be_a_person(x)]
            if people:
                person = people[0].name
                break
        if person is None:
            out.append(ev)
            continue
        surname = person.split()[-1]
        title = _PRONOUN_TITLE.sub(surname + " ", ev.title, count=1)
        out.append(ev.model_copy(update={"title": title, "id": f"{_title_slug(title)}-{ev.id.rsplit('-', 1)[-1]}",
                                         "actors": list(dict.fromkeys([person, *ev.actors]))}))
    return out


def _with_actors(doc: Document, events: list[Event]) -> list[Event]:
    """Name the people, organisations and places of each event's stating sentences."""
    from ._actors import find_entities

    out = []
    by_sentence: dict[tuple[int, int], list[str]] = {}  # events of one sentence share its actors
    for ev in events:
        names: list[str] = []
        for s in ev.sources:
            key = (s.sentence.start, s.sentence.end)
            if key not in by_sentence:
                sentence = doc.text[s.sentence.start:s.sentence.end]
                sentence = sentence[dateline_end(sentence):]  # "WASHINGTON (AP) —" names no actor of the event
                found = find_entities(sentence, context=doc.text)
                by_sentence[key] = [a.name for a in found if a.kind in _ACTOR_KINDS]
            names.extend(by_sentence[key])
        out.append(ev.model_copy(update={"actors": list(dict.fromkeys([*ev.actors, *names]))}))
    return out


def extract_document(doc: Document) -> list[Event]:
    """Tag ``doc`` against its publication date and extract its events."""
    from ._tagger import tag

    return extract_events(doc, tag(doc.text, doc.published, lang=doc.language))


def extract(paths: Iterable[str | Path], dct: str | dt.date | None = None) -> Timeline:
    """Read articles, tag them and extract their events into one :class:`Timeline`."""
    documents = [load_document(p, dct) for p in paths]
    events: list[Event] = []
    for doc in documents:
        events.extend(extract_document(doc))
    if len(documents) > 1:
        from ._identity import merge_events  # the same event reported by several articles

        events = merge_events(events, documents)
    title = documents[0].title if len(documents) == 1 else ""
    return Timeline(title=title, documents=documents, events=sort_events(events))

"""What every export format needs to know about a timeline: events in date order, their wording
and the source passages they come from, cut into plain-text pieces.

Offsets in the models are Python code points; browsers count UTF-16 units. Cutting the
paragraph into pieces here (before / sentence / expression / after) means no format ever has
to re-apply offsets in another language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .._models import Document, Event, SourceRef, Timeline


@dataclass(frozen=True)
class Piece:
    """A run of paragraph text and how it relates to the event."""

    text: str
    sentence: bool = False
    expression: bool = False


@dataclass(frozen=True)
class Passage:
    """One source of an event: the paragraph, cut into pieces, and where it comes from."""

    document: str
    document_title: str
    url: str | None
    paragraph: int
    quote: str
    pieces: tuple[Piece, ...]
    sentence: str

    @property
    def paragraph_text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass(frozen=True)
class EventView:
    event: Event
    passages: list[Passage] = field(default_factory=list)
    wording: str = ""  # the date as the article words it ("In late December"), else in plain words

    @property
    def dated(self) -> bool:
        return self.event.when.start is not None


def _tagged_value(quote: str, dct: dt.date | None) -> str | None:
    try:
        from .._tagger import tag

        found = tag(quote, dct)
    except Exception:  # the tagger is a nicety here: any failure falls back to the first quote
        return None
    return found[0].value if found else None


def wording(event: Event, docs: dict[str, Document]) -> str:
    """The article's own words for the event's date.

    An editor's ``when.text`` wins; otherwise the quote of the source that gives this date. With
    several sources ("last year" in the standfirst, "Last spring" in the body, for 2025-SP) the
    quote whose own reading is the event's value is preferred, then the first one.
    """
    if event.when.text:
        return event.when.text
    quotes = [s for s in event.sources if s.quote]
    if len(quotes) > 1:
        for s in quotes:
            doc = docs.get(s.document)
            if _tagged_value(s.quote, doc.published if doc else None) == event.when.value:
                return s.quote
    return quotes[0].quote if quotes else event.when.label


def sorted_events(timeline: Timeline) -> list[Event]:
    """Events by date (start, then finer first), undated last; ties keep the file's order."""
    return sorted(timeline.events, key=lambda e: e.when.sort_key[:3])


def _cut(text: str, start: int, end: int, sentence: tuple[int, int], expression: tuple[int, int] | None) -> tuple[Piece, ...]:
    """Cut text[start:end] at the sentence and expression bounds (document offsets)."""
    bounds = {start, end}
    for a, b in [sentence] + ([expression] if expression else []):
        bounds.update(x for x in (a, b) if start < x < end)
    cuts = sorted(bounds)
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        in_sentence = sentence[0] <= a and b <= sentence[1]
        in_expr = expression is not None and expression[0] <= a and b <= expression[1] and expression[0] < expression[1]
        pieces.append(Piece(text[a:b], sentence=in_sentence, expression=in_expr))
    return tuple(pieces)


def passage(doc: Document | None, ref: SourceRef) -> Passage:
    """The passage a source reference points to; degrades to the bare quote when the text is missing."""
    if doc is None or not doc.text:
        return Passage(ref.document, ref.document, None, ref.paragraph, ref.quote,
                       (Piece(ref.quote, True, True),) if ref.quote else (), ref.quote)
    text = doc.text
    try:
        para = doc.paragraph(ref.paragraph)
        p_start, p_end = para.start, para.end
    except KeyError:
        p_start, p_end = ref.sentence.start, ref.sentence.end
    # a sentence that runs outside its paragraph widens the excerpt rather than being cut
    p_start, p_end = min(p_start, ref.sentence.start), max(p_end, ref.sentence.end)
    p_end = min(p_end, len(text))
    expr = (ref.expression.start, ref.expression.end) if ref.expression else None
    pieces = _cut(text, p_start, p_end, (ref.sentence.start, ref.sentence.end), expr)
    return Passage(ref.document, doc.title or doc.id, doc.url, ref.paragraph, ref.quote, pieces,
                   text[ref.sentence.start:ref.sentence.end])


def event_views(timeline: Timeline) -> list[EventView]:
    docs = {d.id: d for d in timeline.documents}
    return [EventView(e, [passage(docs.get(s.document), s) for s in e.sources], wording(e, docs))
            for e in sorted_events(timeline)]


def iso(value: dt.datetime | None) -> str | None:
    """A datetime as the shortest ISO string (date only at midnight)."""
    if value is None:
        return None
    if value.time() == dt.time():
        return value.date().isoformat()
    return value.isoformat()

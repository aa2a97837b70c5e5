"""The typed records of timeline: documents, temporal expressions, events.

These pydantic models are also the schema of the seed files (``seeds/<story>/events.yaml``):
every field carries a description, unknown fields are refused (``extra="forbid"``), and
``timeline schema`` writes the JSON Schema generated from them.

Offsets are Python ``str`` indices (code points) into ``Document.text``, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ._timex import DateReading, Granularity, Mod, parse_when

__all__ = [
    "Anchor",
    "DateReading",
    "Document",
    "Event",
    "Granularity",
    "Interval",
    "Mod",
    "Origin",
    "Paragraph",
    "ParagraphKind",
    "SourceRef",
    "Span",
    "TimeExpression",
    "TimeType",
    "Timeline",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class TimeType(str, Enum):
    """TIMEX3 ``type``."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


class Anchor(str, Enum):
    """How an expression's value was fixed."""

    explicit = "explicit"  # the text itself says the full date ("June 2024")
    dct = "dct"  # resolved against the document creation time ("last year")
    narrative = "narrative"  # resolved against the last date mentioned ("In August" after "In April 2025")
    none = "none"  # not anchored: durations, sets, or no DCT to resolve against (XXXX-08)


class ParagraphKind(str, Enum):
    """What a paragraph is: only ``content`` paragraphs yield events."""

    content = "content"
    headline = "headline"
    credit = "credit"
    boilerplate = "boilerplate"


Origin = Literal["extracted", "edited", "manual"]


class Interval(_Strict):
    """A half-open time interval [start, end)."""

    start: dt.datetime = Field(description="First instant of the interval (inclusive).")
    end: dt.datetime = Field(description="End instant of the interval (exclusive).")

    @model_validator(mode="after")
    def _ordered(self) -> Interval:
        if self.end <= self.start:
            raise ValueError("interval end must be after its start")
        return self


class Span(_Strict):
    """A character span [start, end) in a document's text."""

    start: int = Field(ge=0, description="Offset of the first character (inclusive).")
    end: int = Field(ge=0, description="Offset after the last character (exclusive).")

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, data):
        if isinstance(data, (list, tuple)) and len(data) == 2:
            return {"start": data[0], "end": data[1]}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class TimeExpression(_Strict):
    """A temporal expression found in a text, normalised to TIMEX3 and to a real interval."""

    start: int = Field(ge=0, description="Offset of the expression's first character in the text.")
    end: int = Field(ge=0, description="Offset after the expression's last character.")
    text: str = Field(description="The expression exactly as written (text[start:end]).")
    type: TimeType = Field(description="TIMEX3 type: DATE, TIME, DURATION or SET.")
    value: str = Field(description="TIMEX3 value, e.g. 2024-06, 2025-SP, P3Y, PRESENT_REF, XXXX-08.")
    mod: Mod | None = Field(default=None, description="TIMEX3 mod: EARLY, MID, LATE, APPROX, BEFORE, AFTER, ...")
    granularity: Granularity | None = Field(
        default=None, description="Precision of the value: day, week, month, season, quarter, year, decade, ..."
    )
    interval: Interval | None = Field(
        default=None,
        description="[first instant, end instant) the value covers (for a duration with points_to, the "
        "date it points to); null for other durations, sets, references and unresolved values.",
    )
    anchor: Anchor = Field(default=Anchor.none, description="How the value was fixed: explicit, dct, narrative, none.")
    rule: str | None = Field(default=None, description="Id of the tagger rule that found the expression.")
    points_to: str | None = Field(
        default=None,
        description="For a duration counted from a date the story named (\"[three days] later\"): the TIMEX3 "
        "date it leads to. TimeML tags the count (value P3D); the event it dates happened on this date.",
    )

    @property
    def is_event_date(self) -> bool:
        """True when the expression can date an event: a resolved DATE/TIME, or a duration that points
        to a date ("three days later"); not other durations or sets."""
        if self.interval is None:
            return False
        return self.type in (TimeType.DATE, TimeType.TIME) or self.points_to is not None

    @property
    def date_value(self) -> str:
        """The TIMEX3 date the expression dates an event with: ``points_to`` for "three days later",
        else ``value``."""
        return self.points_to or self.value


class Paragraph(_Strict):
    """A paragraph of a document, with exact offsets into the document's text."""

    index: int = Field(ge=1, description="1-based position among the document's paragraphs, as people count.")
    start: int = Field(ge=0, description="Offset of the paragraph's first character in Document.text.")
    end: int = Field(ge=0, description="Offset after the paragraph's last character.")
    kind: ParagraphKind = Field(
        default=ParagraphKind.content,
        description="content, headline, credit (image credit) or boilerplate (scraping noise); "
        "only content paragraphs yield events.",
    )


class Document(_Strict):
    """A source article."""

    id: str = Field(description="Stable identifier, by default the file name without extension.")
    title: str = Field(default="", description="Headline or title of the article.")
    url: str | None = Field(default=None, description="Where the article was published, if known.")
    published: dt.date | None = Field(
        default=None, description="Document creation time (DCT): the date relative expressions resolve against."
    )
    language: str = Field(default="en", description="ISO 639-1 language code of the text.")
    path: str | None = Field(default=None, description="File the text was read from, relative to the seed folder.")
    text: str = Field(default="", description="The article's plain text; all offsets point into it.")
    paragraphs: list[Paragraph] = Field(default_factory=list, description="The text's paragraphs, in order.")

    def paragraph(self, index: int) -> Paragraph:
        """The paragraph with this 1-based index."""
        for p in self.paragraphs:
            if p.index == index:
                return p
        raise KeyError(f"document {self.id!r} has no paragraph {index}")

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing the character at ``offset``."""
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
        return None


class SourceRef(_Strict):
    """Where in which article an event is stated."""

    document: str = Field(description="Id of the source document.")
    paragraph: int = Field(ge=1, description="1-based index of the paragraph the event comes from.")
    sentence: Span = Field(description="Character span of the stating sentence in the document text.")
    expression: Span | None = Field(
        default=None, description="Character span of the date expression in the document text, if any."
    )
    quote: str = Field(default="", description="The date expression as written (text at the expression span).")


def _tags(v):
    if isinstance(v, str):
        return [t.strip() for t in v.split(",") if t.strip()]
    return v


class Event(_Strict):
    """A dated event, with links to every paragraph that states it."""

    id: str = Field(description="Stable identifier; unchanged when the parser runs again.")
    title: str = Field(min_length=1, description="Short readable title, e.g. 'Kim announces museum plans'.")
    when: DateReading = Field(
        description="When it happened: a TIMEX3 value with optional mod, e.g. '2025-08', 'late 2025-12', "
        "'2025-SP', '~2024', '2025-04-01..2025-04-30'."
    )
    sources: list[SourceRef] = Field(default_factory=list, description="Paragraphs that state the event.")
    tags: Annotated[list[str], Field(description="Free labels for filtering and lanes.")] = []
    actors: list[str] = Field(default_factory=list, description="People, organisations and places involved.")
    notes: str = Field(default="", description="Free-text notes by an editor.")
    origin: Origin = Field(
        default="extracted",
        description="extracted (by the parser), edited (extracted, then changed by a person) or manual (added by a person).",
    )
    stale: bool = Field(
        default=False, description="True when the parser no longer finds this event in its article (kept, not deleted)."
    )
    alternatives: list[DateReading] = Field(
        default_factory=list, description="Other dates the sources give for this event (a conflict to resolve)."
    )
    fingerprint: str | None = Field(
        default=None,
        description="Written by the parser: a hash of the title, date, tags, actors, notes and alternatives it "
        "produced. A re-run compares it with the event as it stands to tell a hand edit (kept) from an event "
        "nobody touched (updated). Leave it as it is.",
    )

    _norm_tags = field_validator("tags", mode="before")(_tags)

    @field_validator("when", "alternatives", mode="before")
    @classmethod
    def _parse_when(cls, v):
        if isinstance(v, list):
            return [parse_when(x) if isinstance(x, str) else x for x in v]
        return parse_when(v) if isinstance(v, str) else v


class Timeline(_Strict):
    """Documents and the events dated from them."""

    title: str = Field(default="", description="Title of the timeline (the story).")
    documents: list[Document] = Field(default_factory=list, description="Source articles.")
    events: list[Event] = Field(default_factory=list, description="Events, ordered by date.")

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(f"no document {doc_id!r}")

    def event(self, event_id: str) -> Event:
        for e in self.events:
            if e.id == event_id:
                return e
        raise KeyError(f"no event {event_id!r}")

"""timeline: turn news articles into an interactive, source-linked timeline of dated events.

    >>> import timeline
    >>> [(t.text, t.value) for t in timeline.tag("In April 2025, troops left. In August, Kim spoke.", dct="2026-01-16")]
    [('April 2025', '2025-04'), ('August', '2025-08')]

The implementation lives in private modules; this namespace is the public API (see ``__all__``).
"""

import importlib.metadata as _metadata

from ._documents import document_from_text, load_document
from ._errors import DocumentError, Problem, SeedError, TimelineError, UsageError
from ._events import extract, extract_document, extract_events
from ._models import (
    Anchor,
    Document,
    Event,
    Interval,
    Paragraph,
    ParagraphKind,
    SourceRef,
    Span,
    TimeExpression,
    Timeline,
    TimeType,
)
from ._seeds import SeedFile, load_seed, load_timeline, write_seed
from ._tagger import tag
from ._timex import DateReading, describe, format_when, parse_when, value_interval

try:
    __version__ = _metadata.version("timeline")
except _metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = [
    "Anchor",
    "DateReading",
    "Document",
    "DocumentError",
    "Event",
    "Interval",
    "Paragraph",
    "ParagraphKind",
    "Problem",
    "SeedError",
    "SeedFile",
    "SourceRef",
    "Span",
    "TimeExpression",
    "TimeType",
    "Timeline",
    "TimelineError",
    "UsageError",
    "describe",
    "document_from_text",
    "extract",
    "extract_document",
    "extract_events",
    "format_when",
    "load_document",
    "load_seed",
    "load_timeline",
    "parse_when",
    "tag",
    "value_interval",
    "write_seed",
]

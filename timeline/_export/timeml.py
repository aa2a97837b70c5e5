"""TimeML: each article's text with ``<TIMEX3>`` tags around the tagger's expressions.

The text inside ``<TEXT>`` is the document text exactly, so an XML reader that concatenates
the character data gets the same offsets the tagger produced (carriage returns are written as
``&#13;`` so XML line-end normalisation cannot shift them; characters XML 1.0 forbids become
U+FFFD, one for one). The document creation time is ``<DCT>`` with ``tid="t0"``; expressions
resolved against it name it as their ``anchorTimeID``.

Several documents are wrapped in one ``<TimeMLCollection>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from .._models import Anchor, Document, TimeExpression, Timeline

Tagger = Callable[[Document], list[TimeExpression]]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(s: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", s)).replace("\r", "&#13;")


def _attr(s: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", s), {"\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})


def default_tagger(doc: Document) -> list[TimeExpression]:
    from .._tagger import tag

    return tag(doc.text, doc.published, lang=doc.language or "en")


# TimeML 1.2.1 has no EARLY/LATE: "early November" is START, "late 2025" END (timeline keeps EARLY/LATE,
# as its users write them)
_TIMEML_MOD = {"EARLY": "START", "LATE": "END"}


def _value(v) -> str:
    return v.value if hasattr(v, "value") else str(v)


def document_timeml(doc: Document, expressions: list[TimeExpression]) -> str:
    """One ``<TimeML>`` element for a document."""
    out = ["<TimeML>", f"<DOCID>{_text(doc.id)}</DOCID>"]
    has_dct = doc.published is not None
    if has_dct:
        day = doc.published.isoformat()
        out.append(f'<DCT><TIMEX3 tid="t0" type="DATE" value="{day}" temporalFunction="false" '
                   f'functionInDocument="CREATION_TIME">{day}</TIMEX3></DCT>')
    if doc.title:
        out.append(f"<TITLE>{_text(doc.title)}</TITLE>")
    body, pos, n = [], 0, 0
    for x in sorted(expressions, key=lambda x: (x.start, -(x.end - x.start))):
        if x.start < pos or x.end <= x.start or x.end > len(doc.text):
            continue  # TIMEX3 tags cannot overlap or nest
        n += 1
        attrs = [f"tid=\"t{n}\"", f"type={_attr(_value(x.type))}", f"value={_attr(x.value)}"]
        if x.mod:
            attrs.append(f"mod={_attr(_TIMEML_MOD.get(_value(x.mod), _value(x.mod)))}")
        anchor = _value(x.anchor)
        attrs.append(f'temporalFunction="{"true" if anchor in (Anchor.dct.value, Anchor.narrative.value) else "false"}"')
        if anchor == Anchor.dct.value and has_dct:
            attrs.append('anchorTimeID="t0"')
        body.append(_text(doc.text[pos:x.start]))
        body.append(f"<TIMEX3 {' '.join(attrs)}>{_text(doc.text[x.start:x.end])}</TIMEX3>")
        pos = x.end
    body.append(_text(doc.text[pos:]))
    out.append("<TEXT>" + "".join(body) + "</TEXT>")
    out.append("</TimeML>")
    return "\n".join(out)


def to_timeml(timeline: Timeline, tagger: Tagger | None = None) -> str:
    """The TimeML document (one article) or collection (several)."""
    tagger = tagger or default_tagger
    parts = [document_timeml(d, tagger(d)) for d in timeline.documents]
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if len(parts) == 1:
        return head + parts[0] + "\n"
    return head + "<TimeMLCollection>\n" + "\n".join(parts) + "\n</TimeMLCollection>\n"


def read_timexes(text_element) -> list[tuple[int, int, str, dict]]:
    """(start, end, text, attributes) of every TIMEX3 in a parsed ``<TEXT>`` element: offsets
    counted in the element's character data, as the tagger counted them in the article."""
    out, pos = [], len(text_element.text or "")
    for child in text_element:
        inner = "".join(child.itertext())
        if child.tag == "TIMEX3":
            out.append((pos, pos + len(inner), inner, dict(child.attrib)))
        pos += len(inner) + len(child.tail or "")
    return out

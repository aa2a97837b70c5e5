"""TimeML export: the article with TIMEX3 tags, re-read with the tagger's offsets."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from export_sample import HOSTILE_TEXT, document, hostile_timeline, kursk_timeline
from timeline._export.timeml import read_timexes, to_timeml
from timeline._models import Anchor, TimeExpression, Timeline, TimeType


def _check_against(doc, expressions, root):
    text_el = root.find("TEXT")
    assert "".join(text_el.itertext()) == doc.text
    found = read_timexes(text_el)
    assert [(s, e) for s, e, _, _ in found] == [(x.start, x.end) for x in expressions]
    for (s, e, inner, attrs), x in zip(found, expressions):
        assert inner == doc.text[x.start:x.end] == x.text
        assert attrs["value"] == x.value and attrs["type"] == x.type.value
        # TimeML 1.2.1 spells EARLY and LATE as START and END
        assert attrs.get("mod") == (x.mod if x.mod is None else {"EARLY": "START", "LATE": "END"}.get(str(x.mod), str(x.mod)))
    return found


def test_reread_gives_the_tagger_offsets():
    tagger = pytest.importorskip("timeline._tagger")
    t = kursk_timeline()
    doc = t.documents[0]
    expressions = tagger.tag(doc.text, doc.published)
    assert expressions, "the tagger found nothing in the sample"
    root = ET.fromstring(to_timeml(t).encode("utf-8"))
    assert root.tag == "TimeML" and root.findtext("DOCID") == "kursk-memorial"
    dct = root.find("DCT/TIMEX3")
    assert dct.get("value") == "2026-01-16" and dct.get("functionInDocument") == "CREATION_TIME" and dct.get("tid") == "t0"
    found = _check_against(doc, expressions, root)
    late = next(attrs for _, _, inner, attrs in found if "December" in inner)
    assert late["value"] == "2025-12" and late["mod"] == "END"  # "late December": TimeML's END
    assert late["temporalFunction"] == "true" and late["anchorTimeID"] == "t0"


def _fake(text: str) -> list[TimeExpression]:
    out = []
    for needle, value, anchor in (("3 March 2025", "2025-03-03", Anchor.explicit), ("In May 2025", "2025-05", Anchor.explicit)):
        s = text.index(needle)
        out.append(TimeExpression(start=s, end=s + len(needle), text=needle, type=TimeType.DATE, value=value, anchor=anchor))
    return out


def test_markup_and_line_ends_in_the_text_keep_offsets():
    text = HOSTILE_TEXT.replace("\n\n", "\r\n\r\n") + "\x0c tail"
    t = Timeline(documents=[document(text, doc_id="h", title="<b>&</b>", published=dt.date(2025, 6, 1))])
    expressions = _fake(text)
    out = to_timeml(t, tagger=lambda d: expressions)
    root = ET.fromstring(out.encode("utf-8"))
    assert root.findtext("TITLE") == "<b>&</b>"
    text_el = root.find("TEXT")
    # \r survives XML line-end normalisation; the form feed XML cannot carry becomes U+FFFD, one for one
    assert "".join(text_el.itertext()) == text.replace("\x0c", "\ufffd")
    found = read_timexes(text_el)
    assert [(s, e) for s, e, _, _ in found] == [(x.start, x.end) for x in expressions]
    assert [i for _, _, i, _ in found] == ["3 March 2025", "In May 2025"]
    assert not text_el.findall(".//script") and not text_el.findall(".//img")


def test_overlapping_expressions_keep_the_first_and_several_documents_make_a_collection():
    t = hostile_timeline()
    t.documents.append(document("In 2020 and 2021.", doc_id="second", published=None))
    def tagger(d):
        if d.id == "second":
            return [TimeExpression(start=3, end=7, text="2020", type=TimeType.DATE, value="2020"),
                    TimeExpression(start=5, end=7, text="20", type=TimeType.DATE, value="2020")]
        return _fake(d.text)
    root = ET.fromstring(to_timeml(t, tagger=tagger).encode("utf-8"))
    assert root.tag == "TimeMLCollection" and len(root.findall("TimeML")) == 2
    second = root.findall("TimeML")[1]
    assert second.find("DCT") is None
    assert [(s, e) for s, e, _, _ in read_timexes(second.find("TEXT"))] == [(3, 7)]

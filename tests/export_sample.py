"""Timelines built by hand from the models, for the export tests (no parser involved)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from timeline._models import Document, Event, Paragraph, SourceRef, Span, Timeline

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "kursk-memorial" / "kursk-memorial.txt"


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines, counted from 1 (as in ../shared/seeds/README.md)."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            kind = "credit" if body.strip().startswith("©") else "content"
            out.append(Paragraph(index=len(out) + 1, start=pos, end=pos + len(body), kind=kind))
        pos += len(line)
    return out


def _ref(doc: Document, sentence: str, expression: str, nth: int = 0) -> SourceRef:
    s = -1
    for _ in range(nth + 1):
        s = doc.text.index(sentence, s + 1)
    e = doc.text.index(expression, s)
    para = doc.paragraph_at(s)
    return SourceRef(document=doc.id, paragraph=para.index, sentence=Span(start=s, end=s + len(sentence)),
                     expression=Span(start=e, end=e + len(expression)), quote=expression)


def document(text: str, doc_id: str = "kursk-memorial", title: str = "", url: str | None = None,
             published: dt.date | None = dt.date(2026, 1, 16)) -> Document:
    return Document(id=doc_id, title=title, url=url, published=published, text=text, paragraphs=paragraphs(text))


def kursk_timeline() -> Timeline:
    """The sample article with the six events of ../shared/seeds/README.md."""
    doc = document(SAMPLE.read_text(encoding="utf-8"),
                   title="Kim inspects memorial to heroes who died in Kursk liberation (PHOTOS)")
    t = doc.text
    rows = [
        ("treaty-2024-06", "Russia and North Korea sign Comprehensive Strategic Partnership Treaty", "2024-06",
         "Last spring, North Korean troops, acting under the June 2024 Comprehensive Strategic Partnership Treaty, "
         "helped Russian forces repel a large-scale Ukrainian incursion into the region.", "June 2024"),
        ("repel-2025-sp", "North Korean troops help repel Ukrainian incursion", "2025-SP",
         "Last spring, North Korean troops, acting under", "Last spring"),
        ("expelled-2025-04", "Russian military reports Ukrainian forces fully expelled", "2025-04",
         "In April 2025, the Russian military reported that Ukrainian forces were fully expelled, acknowledging the "
         "role of North Korean troops for the first time, without disclosing the numbers.", "In April 2025"),
        ("museum-2025-08", "Kim announces museum plans", "2025-08",
         "In August, Kim announced plans to build a museum in Pyongyang to honor the soldiers killed in the operation.",
         "In August"),
        ("blood-2025-12", "Kim tells Putin ties strengthened by “sharing blood”", "late 2025-12",
         "In late December, Kim told Russian President Vladimir Putin", "In late December"),
        ("images-2026-01-16", "KCNA releases images of Kim inspecting the memorial", "2026-01-16",
         "Images released by KCNA on Friday show Kim inspecting a large memorial complex in a monumental North Korean "
         "style, centered on a Memorial Wall.", "on Friday"),
    ]
    events = []
    for eid, title, when, sentence, expr in rows:
        if eid == "repel-2025-sp":  # the whole sentence, as the parser would give it
            s = t.index(sentence)
            sentence = t[s:t.index("region.", s) + len("region.")]
        ref = _ref(doc, sentence, expr)
        events.append(Event(id=eid, title=title, when=when, sources=[ref], tags=["kursk"], actors=["Kim Jong-un"]))
    events[1].sources.append(_ref(doc, "North Korean troops helped repel a large-scale Ukrainian incursion in the "
                                       "region last year", "last year"))
    events[4].when.text = "In late December"
    events[4].origin = "edited"
    events[4].notes = "Reported by KCNA; Kremlin readout agrees."
    return Timeline(title="Kursk memorial", documents=[doc], events=events)


HOSTILE_TEXT = (
    "Breaking <script>window.__pwned = 1</script> news\n\n"
    "On 3 March 2025, officials met </script><script>window.__pwned = 2</script> in <b>Kyiv</b>.\n\n"
    "In May 2025 <img src=x onerror=\"window.__pwned=3\"> the talks <!-- ended --> & failed.\n"
)


def hostile_timeline() -> Timeline:
    """An article that tries to run script everywhere its text can appear."""
    doc = document(HOSTILE_TEXT, doc_id="hostile", title="<img src=x onerror=window.__pwned=4> title",
                   url="javascript:window.__pwned=5", published=dt.date(2025, 6, 1))
    s1 = HOSTILE_TEXT.index("On 3 March")
    s1_end = HOSTILE_TEXT.index("</b>.") + 5
    e1 = HOSTILE_TEXT.index("3 March 2025")
    s2 = HOSTILE_TEXT.index("In May 2025")
    s2_end = HOSTILE_TEXT.index("failed.") + 7
    events = [
        Event(id="met", title="Officials meet </script><script>window.__pwned=6</script>", when="2025-03-03",
              sources=[SourceRef(document="hostile", paragraph=2, sentence=Span(start=s1, end=s1_end),
                                 expression=Span(start=e1, end=e1 + 12), quote="3 March 2025")],
              tags=["<svg onload=window.__pwned=7>"]),
        Event(id="failed", title="Talks <img src=x onerror=window.__pwned=8> fail", when="2025-05",
              sources=[SourceRef(document="hostile", paragraph=3, sentence=Span(start=s2, end=s2_end),
                                 expression=Span(start=s2, end=s2 + 11), quote="In May 2025")],
              notes="<iframe src=javascript:window.__pwned=9>"),
    ]
    return Timeline(title="<script>window.__pwned=10</script>", documents=[doc], events=events)

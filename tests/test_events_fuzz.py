"""Event extraction never raises, and every event it returns is well-formed (hypothesis).

Fragments steer random text towards the clause, range, comparison and dateline handling in
timeline/_events.py; whatever the mix, each event must have a title, a valid date, and a source whose
spans lie inside its paragraph's text.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import document_from_text, extract_events, tag

FRAGMENTS = [
    "from June to August 2025", "between 2019 and 2021", "2019-2021", "Jan. 27-28", "on Friday",
    "Three days later,", "a strike that began on March 2", ", reached late on Thursday,", "said on Saturday that",
    "last Friday's bombings of embassies", "since March 2011", "compared to March of 2008", "the strongest",
    "and began cutting in September 2024", "WASHINGTON (AP) —", "The bank", "raised rates", "at 2 p.m. Eastern time",
    "which started on March 2,", "AD 476", "480 BC", "midnight Friday", "in late December", "12:00 UTC Monday",
    "from 2010 until 2018", "a year earlier", "the third quarter", "who", "that", "and", "to", "until",
]
PUNCTUATION = [" ", ", ", ". ", "; ", " — ", " - ", "-", "(", ")", '"', "’s "]

text_st = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(PUNCTUATION), st.text(max_size=12)), min_size=1, max_size=30
).map("".join)
dct_st = st.one_of(st.none(), st.dates(min_value=dt.date(100, 1, 1), max_value=dt.date(9000, 12, 31)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=text_st, dct=dct_st)
def test_events_are_well_formed_whatever_the_text(body, dct):
    doc = document_from_text("Headline\n\n" + body + "\n", dct=dct)
    events = extract_events(doc, tag(doc.text, doc.published))
    for e in events:
        assert e.title.strip()
        assert e.when.start is not None and e.when.end > e.when.start
        assert e.sources
        for src in e.sources:  # (reports of one happening in the text are merged into one event)
            para = doc.paragraph(src.paragraph)
            assert para.start <= src.sentence.start < src.sentence.end <= para.end
            assert src.sentence.start <= src.expression.start < src.expression.end <= src.sentence.end
            assert doc.text[src.expression.start:src.expression.end] == src.quote

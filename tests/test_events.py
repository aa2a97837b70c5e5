"""Event extraction on the sample article and on small texts."""

from pathlib import Path

import pytest

from timeline import Event, ParagraphKind, document_from_text, extract, extract_events, tag
from timeline._events import merge_reports, same_event

SAMPLE = Path(__file__).parents[1] / "seeds" / "kursk-memorial" / "kursk-memorial.txt"

# The reader's table of ../shared/seeds/README.md: (when, paragraph, words the title must contain)
EXPECTED = [
    ("2024-06", 6, {"treaty"}),
    ("2025-SP", 6, {"troops", "repel"}),
    ("2025-04", 7, {"expelled"}),
    ("2025-08", 7, {"museum"}),
    ("late 2025-12", 17, {"kim", "putin"}),
    ("2026-01-16", 8, {"kcna", "images"}),
]


@pytest.fixture(scope="module")
def sample():
    return extract([SAMPLE], dct="2026-01-16")


def test_sample_gives_the_six_events_of_the_reader(sample):
    got = [(str(e.when), e.sources[0].paragraph) for e in sample.events]
    assert got == [(when, para) for when, para, _ in EXPECTED]


def test_titles_are_short_readable_and_about_the_event(sample):
    for event, (_, _, words) in zip(sample.events, EXPECTED):
        title_words = set(event.title.lower().split())
        assert words <= title_words, event.title
        assert 2 <= len(event.title.split()) <= 12
        assert event.title[0].isupper() and not event.title.endswith((",", "."))


def test_late_december_keeps_its_mod_and_month_precision(sample):
    december = next(e for e in sample.events if e.when.value == "2025-12")
    assert december.when.mod == "LATE"
    assert december.when.granularity == "month"
    assert december.when.text == "In late December"


def test_nothing_dated_after_publication(sample):
    assert all(e.when.start.year < 2026 or e.when.value == "2026-01-16" for e in sample.events)
    assert not any(e.when.value in ("2026-08", "2026-12") for e in sample.events)


def test_sources_point_at_the_expression_in_content_paragraphs(sample):
    doc = sample.documents[0]
    for event in sample.events:
        for src in event.sources:
            para = doc.paragraph(src.paragraph)
            assert para.kind is ParagraphKind.content
            assert para.start <= src.sentence.start < src.sentence.end <= para.end
            assert src.sentence.start <= src.expression.start < src.expression.end <= src.sentence.end
            assert doc.text[src.expression.start:src.expression.end] == src.quote


def test_standfirst_and_body_reports_merge_into_one_event(sample):
    spring = next(e for e in sample.events if e.when.value == "2025-SP")
    assert [(s.paragraph, s.quote) for s in spring.sources] == [(6, "Last spring"), (4, "last year")]


def test_ids_are_stable_across_runs(sample):
    again = extract([SAMPLE], dct="2026-01-16")
    assert [e.id for e in again.events] == [e.id for e in sample.events]
    assert len({e.id for e in sample.events}) == len(sample.events)


def test_no_event_from_credit_or_boilerplate():
    text = "Headline here\n\n© Photo: agency, June 2024\n\nIn May 2024, the council approved the plan.\n\nComments are closed."
    doc = document_from_text(text, dct="2025-01-10")
    events = extract_events(doc, tag(doc.text, doc.published))
    assert [str(e.when) for e in events] == ["2024-05"]


def test_two_clauses_give_two_events():
    text = "Intro line\n\nThe bridge opened in March 2020, and the tunnel closed in May 2021.\n"
    doc = document_from_text(text, dct="2025-01-10")
    events = extract_events(doc, tag(doc.text, doc.published))
    assert sorted(str(e.when) for e in events) == ["2020-03", "2021-05"]


def test_durations_and_sets_are_not_events():
    text = "Intro line\n\nThe war lasted three years. Meetings happen every week.\n"
    doc = document_from_text(text, dct="2025-01-10")
    assert extract_events(doc, tag(doc.text, doc.published)) == []


def test_without_dct_year_less_dates_make_no_event():
    text = "Intro line\n\nIn August, Kim announced plans.\n"
    doc = document_from_text(text)
    exprs = tag(doc.text, None)
    assert [e.value for e in exprs] == ["XXXX-08"]
    assert extract_events(doc, exprs) == []


def _ev(title, when, para=1):
    from timeline import SourceRef, Span

    return Event(id=title[:8], title=title, when=when,
                 sources=[SourceRef(document="d", paragraph=para, sentence=Span(start=para, end=para + 1), quote="x")])


def test_same_event_needs_compatible_dates_and_shared_words():
    a = _ev("Troops repel Ukrainian incursion", "2025")
    assert same_event(a, _ev("North Korean troops repel incursion", "2025-SP"))
    assert not same_event(a, _ev("North Korean troops repel incursion", "2024-SP"))
    assert not same_event(a, _ev("Kim announces museum plans", "2025-08"))


def test_merge_keeps_most_precise_date_and_all_sources():
    merged = merge_reports([_ev("Troops repel Ukrainian incursion", "2025", 1), _ev("Troops repel incursion", "2025-SP", 2)])
    assert len(merged) == 1
    assert str(merged[0].when) == "2025-SP"
    assert [s.paragraph for s in merged[0].sources] == [2, 1]


def _events_of(sentence: str, dct: str) -> list[tuple[str, str]]:
    doc = document_from_text(f"Intro line\n\n{sentence}\n", dct=dct)
    return sorted((str(e.when), e.title) for e in extract_events(doc, tag(doc.text, doc.published)))


def test_a_date_in_a_relative_clause_or_aside_dates_that_clause():
    assert _events_of(
        "Dock workers returned to work on Friday, ending a strike that began on March 2.", "2026-03-14"
    ) == [("2026-03-02", "Strike begins"), ("2026-03-13", "Dock workers return to work")]
    assert _events_of(
        "The union said the agreement, reached late on Thursday, raises wages by 6% this year.", "2026-03-14"
    ) == [("2026", "Union says agreement raises wages by 6%"), ("2026-03-12", "Agreement reached")]
    # the nearest noun phrase is the subject: "the wake of a strike that began" -> the strike
    assert ("1988-SP", "Strike begins") in _events_of(
        "Eastern Airlines is in bankruptcy in the wake of a strike that began last spring.", "1989-10-30"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # "that" introduces what is likely, not a clause about "likelihood"
        "FBI officials played down the likelihood that either was involved in the killing on Oct. 23.",
        # the date belongs to the main verb "declined", after the relative clause "who perform abortions"
        "The number of doctors who perform abortions declined between 1982 and 1992.",
        # "estimated" after "Oshkosh, Wis.," is the main verb, not an aside
        "Oshkosh Truck Corp., Oshkosh, Wis., estimated earnings for its fourth quarter fell 50% in 1989.",
        # ", compared with" works as a preposition
        "Profit rose to $5 million in the third quarter, or 28 cents a share, compared with $3.8 million in 1997.",
    ],
)
def test_main_clause_dates_stay_with_the_main_clause(sentence):
    events = _events_of(sentence, "1998-11-21")
    assert len(events) == 1
    title = events[0][1].lower()
    assert not title.startswith(("likelihood", "doctors", "wis.", "share"))


def test_what_was_said_with_its_own_date_is_an_event_of_its_own():
    events = _events_of(
        "Transport minister Ana Silva said on Saturday that the government would review port labour rules in April.",
        "2026-03-15",
    )
    assert ("2026-04", "Government would review port labour rules") in events
    assert [w for w, _ in events] == ["2026-03-14", "2026-04"]


def test_a_set_off_relative_clause_dates_its_subject():
    assert ("2026-03-02", "12-day walkout starts") in _events_of(
        "The 12-day walkout, which started on March 2, had forced shipping lines to divert 40 vessels on Friday.",
        "2026-03-15",
    )


def test_a_possessive_date_dates_the_happening_it_names():
    events = _events_of(
        "Albright said on Tuesday that she was heartened by cooperation in probing last Friday's bombings of "
        "U.S. embassies.",
        "1998-08-12",
    )
    assert ("1998-08-07", "Bombings of U.S. embassies") in events
    # alone in its sentence, the possessive date dates the whole statement instead
    assert _events_of("Sunday's election was marred by violence in three provinces.", "1998-08-12") == [
        ("1998-08-09", "Election marred by violence in three provinces")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Die Hafenarbeiter haben am Freitag die Arbeit wieder aufgenommen und damit einen langen Streik beendet.",
         ("2026-03-13", "Die Hafenarbeiter haben die Arbeit wieder aufgenommen")),
        ("fr", "Les dockers ont repris le travail vendredi, mettant fin à une grève.",
         ("2026-03-13", "Les dockers ont repris le travail")),
        ("es", "El 2 de marzo comenzó la huelga en el puerto.", ("2026-03-02", "Comenzó la huelga en el puerto")),
        ("ru", "Забастовка в порту началась 2 марта.", ("2026-03-02", "Забастовка в порту началась")),
    ],
)
def test_titles_in_other_languages_keep_their_words_without_the_date(tmp_path, lang, text, expected):
    from timeline import load_document

    p = tmp_path / "story.txt"
    p.write_text(f"Headline\n\n{text}\n", encoding="utf-8")
    (tmp_path / "story.meta.yaml").write_text(f"published: 2026-03-14\nlanguage: {lang}\n", encoding="utf-8")
    doc = load_document(p)
    events = extract_events(doc, tag(doc.text, doc.published, lang=lang))
    assert [(str(e.when), e.title) for e in events] == [expected]


def test_a_counted_duration_dates_its_event_by_the_day_it_leads_to():
    """TimeML tags "[Three days] later" as the duration P3D; the event happened on the day it leads to."""
    doc = document_from_text("Intro line\n\nOn Oct. 12 the index fell sharply. Three days later, the Nasdaq index "
                             "was down 5%.\n", dct="1989-10-30")
    exprs = tag(doc.text, doc.published)
    later = [e for e in exprs if e.text == "Three days"]
    assert later and later[0].value == "P3D" and later[0].points_to == "1989-10-15"
    events = {str(e.when): e for e in extract_events(doc, exprs)}
    assert set(events) == {"1989-10-12", "1989-10-15"}
    assert events["1989-10-15"].when.text == "Three days later"
    assert "later" not in events["1989-10-15"].title.lower()


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the strongest quake to hit the region since March 2011.",
        "General Motors has posted its first annual loss since 1992.",
        "Prices rose 5%, the biggest jump since 2008.",
    ],
)
def test_a_date_a_record_is_measured_against_is_not_the_event_date(sentence):
    assert not [w for w, _ in _events_of(sentence, "2026-03-14") if w in ("2011-03", "1992", "2008")]


def test_since_a_date_still_dates_a_state_that_began_then():
    assert _events_of("She has lived in Paris since 2019.", "2026-03-14") == [("2019", "She lives in Paris")]


def test_a_range_of_days_is_one_date_range():
    assert _events_of("The Fed's next meeting is scheduled for Jan. 27-28.", "2025-12-11") == [
        ("2026-01-27..2026-01-28", "Fed's next meeting scheduled")
    ]
    assert _events_of("Shares rose on March 3 - 5% higher than before.", "2025-12-11")[0][0] == "2025-03-03"


def test_a_second_predicate_with_its_own_date_is_an_event_of_the_same_subject():
    assert _events_of("The central bank last raised rates in July 2023 and began cutting in September 2024.",
                      "2025-12-11") == [("2023-07", "Central bank raises rates"), ("2024-09", "Central bank begins cutting")]
    assert _events_of("Prices rose in March and fell in April.", "2025-12-11") == [
        ("2025-03", "Prices rise"), ("2025-04", "Prices fall")]
    # without a date of its own the second predicate stays out of the title and makes no event
    assert _events_of("The plant opened in 1990 and closed later.", "2025-12-11") == [("1990", "Plant opens")]


@pytest.mark.parametrize(
    ("sentence", "when", "title"),
    [
        ("The exhibition ran from June to August 2025 in Berlin.", "2025-06..2025-08", "Exhibition runs in Berlin"),
        ("Troops were stationed there between 2019 and 2021.", "2019..2021", "Troops stationed there"),
        ("He served as mayor from 2010 until 2018.", "2010..2018", "He serves as mayor"),
        ("The 2019-2021 period saw growth in exports.", "2019..2021", "Period sees growth in exports"),
    ],
)
def test_a_range_of_dates_is_one_event_over_the_span(sentence, when, title):
    assert _events_of(sentence, "2026-01-16") == [(when, title)]


def test_two_dates_joined_by_and_are_not_a_range():
    assert _events_of("Prices rose in June and August.", "2026-01-16") == [("2025-06", "Prices rise")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Chrysler's sales volume in Canada dropped 23% compared to March of 2008.",
        "In the first nine months, net was $306 million, compared with a loss of $195 million in the 1988 period.",
        "Prices are higher than in 2019.",
        "The company said on Monday that sales dropped compared with 2008.",
    ],
)
def test_a_date_compared_against_dates_nothing(sentence):
    assert [w for w, _ in _events_of(sentence, "2009-04-03") if w in ("2008-03", "2008", "1988", "2019")] == []


def test_the_compared_date_leaves_the_title_whole():
    assert _events_of("Sales rose 5% in March compared with a year earlier.", "1989-10-30") == [("1989-03", "Sales rise 5%")]

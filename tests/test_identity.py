"""Cross-article event identity: explicit score, conflicts, hand edits, explain, linear blocking."""

import dataclasses
import random

import pytest

from timeline._documents import document_from_text
from timeline._identity import DEFAULT_CONFIG, IdentityConfig, _candidates, _reports, _weigh, explain, merge_events, score_pair
from timeline._models import Event, SourceRef, Span


def report(doc_id, sentence, when, *, title=None, actors=(), origin="extracted", eid=None, dct="2007-10-20"):
    """A document holding one sentence and the single-source event it states."""
    doc = document_from_text(sentence, doc_id=doc_id, dct=dct)
    src = SourceRef(document=doc_id, paragraph=1, sentence=Span(start=0, end=len(sentence)),
                    expression=Span(start=0, end=1), quote=sentence[:1])
    ev = Event(id=eid or f"{doc_id}-ev", title=title or sentence.rstrip("."), when=when, sources=[src],
               actors=list(actors), origin=origin)
    return doc, ev


A380 = "The first Airbus A380 superjumbo was delivered to Singapore Airlines in Toulouse"


def test_same_event_in_two_articles_merges_with_most_precise_date():
    d1, e1 = report("a", A380 + " on October 15, 2007.", "2007-10-15", actors=["Airbus", "Singapore Airlines"])
    d2, e2 = report("b", "Singapore Airlines took delivery of its first A380 superjumbo from Airbus in October.",
                    "2007-10", actors=["Singapore Airlines", "Airbus"])
    d3, e3 = report("c", "Boeing unveiled the 787 Dreamliner at its Everett plant.", "2007-07-08", actors=["Boeing"])
    merged = merge_events([e1, e2, e3], [d1, d2, d3])
    assert len(merged) == 2
    ev = next(e for e in merged if len(e.sources) == 2)
    assert {s.document for s in ev.sources} == {"a", "b"}
    assert str(ev.when) == "2007-10-15"
    assert ev.alternatives == []
    assert set(ev.actors) == {"Airbus", "Singapore Airlines"}


def test_disagreeing_months_merge_with_a_conflict():
    docs, evs = zip(
        report("a", A380 + " in March.", "2007-03", actors=["Airbus", "Singapore Airlines"]),
        report("b", A380 + " in March 2007, officials said.", "2007-03", actors=["Airbus", "Singapore Airlines"]),
        report("c", A380 + " in April.", "2007-04", actors=["Airbus", "Singapore Airlines"]),
    )
    merged = merge_events(list(evs), list(docs))
    assert len(merged) == 1
    ev = merged[0]
    assert str(ev.when) == "2007-03"  # stated by two sources of three
    assert [str(a) for a in ev.alternatives] == ["2007-04"]
    assert len(ev.sources) == 3


def test_same_words_years_apart_are_different_events():
    d1, e1 = report("a", A380 + " in 2007.", "2007", actors=["Airbus"])
    d2, e2 = report("b", A380 + " in 2012.", "2012", actors=["Airbus"])
    s = score_pair(e1, e2, [d1, d2])
    assert s.date_relation == "far" and s.decision == "separate"
    assert len(merge_events([e1, e2], [d1, d2])) == 2


def test_different_events_on_the_same_day_stay_apart():
    d1, e1 = report("a", "Ryanair exercised options on five Boeing 737 jets.", "2005-06-13", actors=["Ryanair", "Boeing"])
    d2, e2 = report("b", "Qatar Airways ordered sixty Airbus A350 airliners worth 15bn.", "2005-06-13",
                    actors=["Qatar Airways", "Airbus"])
    s = score_pair(e1, e2, [d1, d2])
    assert s.date == 1.0 and s.content < DEFAULT_CONFIG.MIN_CONTENT
    assert s.decision == "separate"
    assert len(merge_events([e1, e2], [d1, d2])) == 2


def test_clock_times_on_one_day_are_compatible():
    d1, e1 = report("a", "General Motors filed for Chapter 11 bankruptcy protection in Manhattan.", "2009-06-01T12:00",
                    actors=["General Motors"])
    d2, e2 = report("b", "General Motors filed for bankruptcy protection, its creditors said.", "2009-06-01T16:00",
                    actors=["General Motors"])
    s = score_pair(e1, e2, [d1, d2])
    assert s.date_relation == "same day"
    merged = merge_events([e1, e2], [d1, d2])
    assert len(merged) == 1 and merged[0].alternatives == []


def test_reports_from_one_article_are_left_to_the_within_article_merge():
    doc = document_from_text(A380 + ". " + A380 + " again.", doc_id="a", dct="2007-10-20")
    n = len(A380) + 1
    e1 = Event(id="x", title="A380 delivered", when="2007-10", sources=[
        SourceRef(document="a", paragraph=1, sentence=Span(start=0, end=n))])
    e2 = Event(id="y", title="A380 delivered", when="2007-10", sources=[
        SourceRef(document="a", paragraph=1, sentence=Span(start=n + 1, end=len(doc.text)))])
    assert len(merge_events([e1, e2], [doc])) == 2
    cfg = dataclasses.replace(DEFAULT_CONFIG, MERGE_SAME_DOCUMENT=True)
    assert len(merge_events([e1, e2], [doc], cfg)) == 1


def test_hand_edited_event_only_gains_sources():
    d1, e1 = report("a", A380 + ".", "2007-10", title="My own title", origin="edited", eid="kept-id",
                    actors=["Airbus"])
    e1 = e1.model_copy(update={"notes": "checked by hand", "tags": ["mine"]})
    d2, e2 = report("b", A380 + " on October 15, 2007.", "2007-10-15", actors=["Airbus", "Singapore Airlines"])
    merged = merge_events([e2, e1], [d1, d2])
    assert len(merged) == 1
    ev = merged[0]
    assert (ev.id, ev.title, str(ev.when), ev.notes, ev.tags, ev.origin) == (
        "kept-id", "My own title", "2007-10", "checked by hand", ["mine"], "edited")
    assert ev.actors == ["Airbus"]
    assert [s.document for s in ev.sources] == ["a", "b"]


def test_two_hand_made_events_never_merge():
    d1, e1 = report("a", A380 + ".", "2007-10", origin="manual", eid="m1")
    d2, e2 = report("b", A380 + ".", "2007-10", origin="edited", eid="m2")
    assert {e.id for e in merge_events([e1, e2], [d1, d2])} == {"m1", "m2"}


def test_merge_does_not_depend_on_input_order():
    pairs = [
        report("a", A380 + " on October 15, 2007.", "2007-10-15", actors=["Airbus"]),
        report("b", "Singapore Airlines received the first A380 superjumbo from Airbus.", "2007-10", actors=["Airbus"]),
        report("c", A380 + " in November.", "2007-11", actors=["Airbus"]),
        report("d", "Boeing rolled out the 787 Dreamliner in Everett.", "2007-07-08", actors=["Boeing"]),
        report("e", "The 787 Dreamliner was rolled out by Boeing at Everett.", "2007-07", actors=["Boeing"]),
    ]
    docs = [d for d, _ in pairs]
    events = [e for _, e in pairs]
    expected = sorted((e.id, str(e.when), tuple(s.document for s in e.sources)) for e in merge_events(events, docs))
    rng = random.Random(7)
    for _ in range(5):
        shuffled = events[:]
        rng.shuffle(shuffled)
        got = sorted((e.id, str(e.when), tuple(s.document for s in e.sources)) for e in merge_events(shuffled, docs))
        assert got == expected


def test_config_is_frozen_and_thresholds_drive_decisions():
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_CONFIG.MERGE_THRESHOLD = 0.1  # type: ignore[misc]
    d1, e1 = report("a", A380 + ".", "2007-10-15", actors=["Airbus"])
    d2, e2 = report("b", A380 + " last week.", "2007-10", actors=["Airbus"])
    assert len(merge_events([e1, e2], [d1, d2])) == 1
    never = IdentityConfig(MERGE_THRESHOLD=1.01)
    assert len(merge_events([e1, e2], [d1, d2], never)) == 2


def test_blocking_keeps_candidate_pairs_linear():
    docs, events = [], []
    for i in range(400):  # every report shares the common words; only pairs share a rare one
        d, e = report(f"d{i}", f"Company announced results of unit{i // 2} project in Berlin.", "2020-05",
                      actors=["Company"])
        docs.append(d)
        events.append(e)
    reports = _reports(events, {d.id: d.text for d in docs})
    idf = _weigh(reports)
    pairs = _candidates(reports, idf, DEFAULT_CONFIG)
    assert len(pairs) <= len(events) * DEFAULT_CONFIG.BLOCK_TERMS  # far below 400*399/2
    assert (0, 1) in pairs  # the true pair shares its rare word
    merged = merge_events(events, docs)
    assert len(merged) == 200


def test_explain_shows_sources_and_score_parts(tmp_path):
    from timeline._corpus import extract_folder

    articles = {
        "a": "Airbus delivered the first A380 superjumbo to Singapore Airlines in March 2007.",
        "b": "Airbus delivered the first A380 superjumbo to Singapore Airlines in April 2007, the airline said.",
        "c": "In March 2007, Airbus delivered the first A380 superjumbo to Singapore Airlines.",
    }
    for name, text in articles.items():
        (tmp_path / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        (tmp_path / f"{name}.meta.yaml").write_text("published: 2007-10-20\n", encoding="utf-8")
    tl = extract_folder(tmp_path, jobs=1, progress=False)
    assert len(tl.events) == 1
    ev = tl.events[0]
    assert str(ev.when) == "2007-03" and [str(a) for a in ev.alternatives] == ["2007-04"]
    text = explain(ev.id, tl)
    assert "CONFLICT" in text and "April 2007" in text
    assert "3 source(s) in 3 article(s)" in text
    assert '"April 2007" -> 2007-04' in text  # each source with its own reading
    assert "conflict-merge" in text and "(conflict)" in text and "content" in text and "actors" in text
    assert "superjumbo" in text  # a shared word
    with pytest.raises(KeyError):
        explain("no-such-event", tl)


def test_explain_many_sources_shows_each_report_with_its_best_match():
    from timeline._models import Timeline

    pairs = [report(f"d{i}", A380 + f" in October 2007, report {i} said.", "2007-10", actors=["Airbus"])
             for i in range(10)]
    docs = [d for d, _ in pairs]
    merged = merge_events([e for _, e in pairs], docs)
    assert len(merged) == 1 and len(merged[0].sources) == 10
    text = explain(merged[0].id, Timeline(documents=docs, events=merged))
    assert "(10 reports: each shown with its best match)" in text
    assert text.count(" -> merge") == 10  # one line per report, not 45 pairs


def test_actor_names_match_across_articles_by_surname_and_acronym():
    from timeline._identity import _actors_match

    assert _actors_match("putin", "vladimir putin")
    assert _actors_match("eads", "european aeronautic defense space company")
    assert _actors_match("gm", "general motors")
    assert not _actors_match("airbus", "airbus a380")  # a model is not its maker
    assert not _actors_match("ge", "general motors")


def test_merged_event_keeps_the_id_of_the_first_report_when_later_articles_arrive():
    d1, e1 = report("zz-first", A380 + " on October 15, 2007.", "2007-10-15", actors=["Airbus"], dct="2007-10-15")
    d2, e2 = report("mm-second", A380 + " last week.", "2007-10", actors=["Airbus"], dct="2007-10-20")
    first = merge_events([e1, e2], [d1, d2])
    d3, e3 = report("aa-later", A380 + " in October.", "2007-10", actors=["Airbus"], dct="2007-11-02")
    later = merge_events([e1, e2, e3], [d1, d2, d3])
    assert len(first) == len(later) == 1
    assert first[0].id == later[0].id == e1.id  # not the alphabetically first article's report


def test_content_words_meet_across_inflection_and_part_of_speech():
    from timeline._identity import content_words

    assert set(content_words("deliveries delivered delivery delivering")) == {"deliver"}
    assert set(content_words("filed filing files")) == {"file"}
    assert content_words("the bankruptcy") == content_words("bankrupted")
    assert content_words("declaration") == content_words("declared")
    assert content_words("the nation's future") == ["nation", "future"]  # not a verb's noun: left alone
    assert content_words("superjumbos") == ["superjumbo"]  # unknown to lemminflect: suffix stripping


def test_an_event_word_counts_more_than_a_place_name():
    shared_event = report("b", "Fiat welcomed the bankruptcy decision in Turin.", "2009-04-30", actors=["Fiat"])
    shared_place = report("c", "Fiat welcomed the Detroit decision in Turin.", "2009-04-30", actors=["Fiat"])
    base = report("a", "Chrysler filed for bankruptcy in Detroit on Thursday.", "2009-04-30", actors=["Chrysler"])
    docs = [base[0], shared_event[0], shared_place[0]]

    def contents(cfg):
        return (score_pair(base[1], shared_event[1], docs, cfg, background=[shared_place[1]]).content,
                score_pair(base[1], shared_place[1], docs, cfg, background=[shared_event[1]]).content)

    event, place = contents(DEFAULT_CONFIG)
    assert event > 1.5 * place
    flat_event, flat_place = contents(dataclasses.replace(DEFAULT_CONFIG, EVENT_WORD_WEIGHT=1.0))
    assert flat_event == pytest.approx(flat_place)


def _gm_folder():
    background = [report(f"g{i}", f"General Motors reported item{i} results in region{i}.",
                         f"2009-0{1 + i % 5}-1{i % 9}", actors=["General Motors"]) for i in range(12)]
    return [d for d, _ in background], [e for _, e in background]


def test_an_actor_named_in_most_articles_says_little_about_identity():
    docs, background = _gm_folder()
    x_doc, x = report("x", "General Motors said its sales fell in Europe.", "2009-06-01", actors=["General Motors"])
    y_doc, y = report("y", "General Motors named Ed Welburn head of design.", "2009-06-01",
                      actors=["General Motors", "Ed Welburn"])
    docs += [x_doc, y_doc]
    discounted = score_pair(x, y, docs, background=background)
    plain_cfg = dataclasses.replace(DEFAULT_CONFIG, COMMON_ACTOR_DISCOUNT=0.0)
    plain = score_pair(x, y, docs, plain_cfg, background=background)
    assert plain.actors == 1.0 and discounted.actors < 0.5
    assert discounted.shared_actors == ("general motors",)


def test_same_day_shared_actor_and_event_word_in_other_forms_merge():
    docs, background = _gm_folder()
    a_doc, a = report("p", "Chrysler filed for bankruptcy protection on Thursday, the company said.",
                      "2009-04-30", actors=["Chrysler"])
    b_doc, b = report("q", "The bankruptcy filing by Chrysler came after talks with its creditors failed.",
                      "2009-04-30", actors=["Chrysler", "Fiat"])
    s = score_pair(a, b, [a_doc, b_doc, *docs], background=background)
    assert {"bankrupt", "file"} <= set(s.shared_words)
    assert s.decision == "merge"
    merged = merge_events([a, b, *background], [a_doc, b_doc, *docs])
    assert len(merged) == len(background) + 1


def test_a_report_naming_no_actor_is_unknown_on_who_not_in_disagreement():
    docs, background = _gm_folder()
    a_doc, a = report("p", "The company has a deadline set at June 1 to draw up a restructuring plan.", "2009-06-01")
    b_doc, b = report("q", "The automaker has a deadline to finish a restructuring plan that includes plant closures.",
                      "2009-06-01")
    docs += [a_doc, b_doc]
    s = score_pair(a, b, docs, background=background)
    assert s.actors == DEFAULT_CONFIG.UNKNOWN_ACTORS_SCORE and s.decision == "merge"
    assert len(merge_events([a, b, *background], docs)) == len(background) + 1
    # reports naming different actors disagree on who: no actor credit
    c_doc, c = report("r", "Ford has a deadline to finish a restructuring plan that includes plant closures.",
                      "2009-06-01", actors=["Ford"])
    d_doc, d = report("s", "Chrysler has a deadline set at June 1 to draw up a restructuring plan.", "2009-06-01",
                      actors=["Chrysler"])
    assert score_pair(c, d, [c_doc, d_doc, *docs], background=background).actors == 0.0
    # a year alone narrows nothing down: the unknown actors get no credit there
    y1 = report("p", a_doc.text, "2009")[1]
    y2 = report("q", b_doc.text, "2009")[1]
    assert score_pair(y1, y2, docs, background=background).actors == 0.0

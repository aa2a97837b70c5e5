"""Topic summary: important dates, central sentences, source links; the summarize and explain commands."""

import json

import pytest
from click.testing import CliRunner

from timeline._documents import document_from_text
from timeline._models import Event, SourceRef, Span, Timeline
from timeline._summarize import KEY_EVENT_TAG, summarize
from timeline.cli import cli


def corpus():
    """Five articles: 15 Oct reported by three, 1 Sep by one (twice), 2006 by one."""
    texts = {
        "a": ["Airbus delivered the first A380 superjumbo to Singapore Airlines in Toulouse.",
              "The airline paid a discount for the delay."],
        "b": ["Singapore Airlines received its first A380 superjumbo from Airbus in Toulouse.",
              "Shares in EADS rose two percent."],
        "c": ["The first A380 superjumbo was handed to Singapore Airlines in Toulouse by Airbus."],
        "d": ["A test flight of the A380 was delayed after an accident in Bangkok.",
              "The tug damaged the A380 wing in Bangkok, delaying the test flight."],
        "e": ["Airbus announced delays to the A380 programme."],
    }
    dates = {"a": "2007-10-15", "b": "2007-10-15", "c": "2007-10-15", "d": "2007-09-01", "e": "2006"}
    docs, events = [], []
    for doc_id, sentences in texts.items():
        text = " ".join(sentences)
        doc = document_from_text(text, doc_id=doc_id, dct="2007-10-20")
        docs.append(doc)
        pos = 0
        for i, sent in enumerate(sentences):
            start = text.index(sent, pos)
            pos = start + len(sent)
            events.append(Event(id=f"{doc_id}{i}", title=sent[:40].rstrip(), when=dates[doc_id],
                                sources=[SourceRef(document=doc_id, paragraph=1, sentence=Span(start=start, end=pos))],
                                actors=["Airbus"]))
    return Timeline(title="A380", documents=docs, events=events)


def test_dates_ranked_by_number_of_articles():
    s = summarize(corpus(), dates=2, sentences=1)
    assert [str(e.when) for e in s.events] == ["2007-09-01", "2007-10-15"]  # chronological; 2006 dropped
    assert all(KEY_EVENT_TAG in e.tags for e in s.events)
    assert s.title == "A380: key events"


def test_central_sentence_wins_and_redundant_ones_are_skipped():
    s = summarize(corpus(), dates=1, sentences=2)
    picked = [e.sources[0].document for e in s.events]
    assert len(picked) == 2 and str(s.events[0].when) == "2007-10-15"
    # The off-topic sentences ("discount", "Shares in EADS") are never central.
    notes = " ".join(e.notes for e in s.events)
    assert "Shares in EADS" not in notes and "discount" not in notes


def test_sentences_link_to_their_sources_and_documents():
    tl = corpus()
    s = summarize(tl, dates=3, sentences=2)
    docs = {d.id: d for d in s.documents}
    for ev in s.events:
        src = ev.sources[0]
        text = docs[src.document].text[src.sentence.start:src.sentence.end]
        assert ev.notes.startswith(text)
    assert len({e.id for e in s.events}) == len(s.events)
    assert {d.id for d in s.documents} == {e.sources[0].document for e in s.events}


def test_clock_times_count_for_their_day():
    tl = corpus()
    events = [Event.model_validate({**e.model_dump(), "when": "2007-10-15T10:00"}) if e.id == "c0" else e
              for e in tl.events]
    s = summarize(tl.model_copy(update={"events": events}), dates=1, sentences=1)
    assert str(s.events[0].when) == "2007-10-15"


def test_bad_arguments():
    with pytest.raises(ValueError):
        summarize(corpus(), dates=0)
    assert summarize(Timeline(), dates=3).events == []


@pytest.fixture
def article_folder(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text, day in [
        ("one", "Airbus delivered the first A380 superjumbo to Singapore Airlines on October 15, 2007.", "2007-10-16"),
        ("two", "Singapore Airlines took delivery of the first A380 superjumbo from Airbus on October 15, 2007.",
         "2007-10-17"),
        ("three", "A test flight of the A380 was delayed in Bangkok on September 1, 2007.", "2007-09-02"),
    ]:
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        (folder / f"{name}.meta.yaml").write_text(f"published: {day}\n", encoding="utf-8")
    return folder


def test_summarize_command_text_json_yaml(article_folder, tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["summarize", str(article_folder), "--dates", "1", "--sentences", "2"])
    assert res.exit_code == 0, res.output
    assert "15 October 2007" in res.output and "Bangkok" not in res.output
    assert "[one ¶1" in res.output or "[two ¶1" in res.output

    res = runner.invoke(cli, ["summarize", str(article_folder), "--dates", "2", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [e["when"]["value"] for e in data["events"]] == ["2007-09-01", "2007-10-15"]
    assert "text" not in data["documents"][0]

    out = tmp_path / "key" / "events.yaml"
    res = runner.invoke(cli, ["summarize", str(article_folder), "--dates", "2", "-o", str(out)])
    assert res.exit_code == 0, res.output
    from timeline._seeds import load_timeline

    again = load_timeline(out)  # a valid seed file whose sources resolve to the articles
    assert len(again.events) == 2 and all(KEY_EVENT_TAG in e.tags for e in again.events)

    res = runner.invoke(cli, ["summarize", str(tmp_path / "missing")])
    assert res.exit_code == 1 and "no such file" in res.output


def test_explain_command(article_folder):
    runner = CliRunner()
    res = runner.invoke(cli, ["extract", str(article_folder), "--format", "json"])
    if res.exit_code != 0:
        pytest.skip(f"timeline extract not usable on folders yet: {res.output[:200]}")
    merged = [e for e in json.loads(res.stdout)["events"] if len(e["sources"]) == 2]
    assert len(merged) == 1
    res = runner.invoke(cli, ["explain", merged[0]["id"], str(article_folder)])
    assert res.exit_code == 0, res.output
    assert "2 source(s) in 2 article(s)" in res.output and "-> merge" in res.output
    res = runner.invoke(cli, ["explain", "no-such-id", str(article_folder)])
    assert res.exit_code == 1 and "no event 'no-such-id'" in res.output


def test_vague_dates_rank_below_precise_ones():
    tl = corpus()
    # Two articles state something in "2006" (a year), one on 1 September 2007 (a day): the day wins.
    events = [Event.model_validate({**e.model_dump(), "when": "2006"}) if e.id in ("b1", "e0") else e for e in tl.events]
    s = summarize(tl.model_copy(update={"events": events}), dates=2, sentences=1)
    assert [str(e.when) for e in s.events] == ["2007-09-01", "2007-10-15"]

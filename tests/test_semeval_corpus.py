"""The SemEval-2015 Task 4 benchmark's reading of the corpus (skipped when the corpus is absent)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "semeval2015-task4"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS / "corpus_1").is_dir(), reason=f"SemEval-2015 Task 4 corpus not found at {CORPUS}"),
]


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import semeval
    finally:
        sys.path.pop(0)
    return semeval


def test_articles_rebuild_with_offsets_back_to_gold_sentences(bench):
    folder = CORPUS / "corpus_1" / "corpus_trackA_TimeML"
    for path in sorted(folder.glob("*.tml")):
        art = bench.read_article(path)
        assert len(art.dct) == 10 and art.dct[4] == "-", art.dct
        for sid, (start, end) in art.sentences.items():
            line = art.text[start:end]
            assert "\n" not in line
            for tok, off in art.tokens[sid]:
                if tok not in ("``", "''"):
                    assert art.text[off:off + len(tok)] == tok, (path.name, sid, tok)


def test_gold_mentions_of_one_event_across_articles_share_a_cluster(bench):
    entities, ids = bench.read_gold(CORPUS / "corpus_1")
    assert "Airbus" in entities and len(entities) == 13
    delivered = bench.Mention("82548", 2, "delivered")
    deliveries = bench.Mention("62929", 9, "Deliveries")
    assert ids[delivered] == ids[deliveries]
    assert ids[delivered] != ids[bench.Mention("11716", 2, "won")]
    assert bench.gold_interval("2008-03-XX")[0].month == 3
    assert bench.gold_interval("XXXX-XX-XX") is None


def test_our_events_map_back_to_gold_mentions(bench, tmp_path):
    from timeline._corpus import extract_folder

    folder = CORPUS / "corpus_1" / "corpus_trackA_TimeML"
    arts = {}
    for name in ("82548_First_Airbus_A380_delivered.tml", "51682_Singapore_Airlines_to_be_compensated_for_A380_delays.tml"):
        art = bench.read_article(folder / name)
        arts[art.doc_id] = art
        (tmp_path / f"{art.doc_id}.txt").write_text(art.text, encoding="utf-8")
        (tmp_path / f"{art.doc_id}.meta.yaml").write_text(f"published: {art.dct}\nid: '{art.doc_id}'\n", encoding="utf-8")
    tl = extract_folder(tmp_path, jobs=1, progress=False)
    index = bench.EventIndex(tl.events, arts)
    # "The first A380 superjumbo, made by Airbus, was delivered today to Singapore Airlines": today = the DCT.
    i = index.event_for(bench.Mention("82548", 2, "delivered"))
    assert i is not None
    ev = tl.events[i]
    assert bench._interval(ev) == bench.gold_interval("2007-10-15")
    assert any(bench.actor_names_entity(a, "Singapore Airlines") for a in ev.actors)
    assert bench.actor_names_entity("U.S. Air Force", "United States Air Force")
    assert not bench.actor_names_entity("Boeing", "Boeing 777")

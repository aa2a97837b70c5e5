"""Accuracy on the TempEval-3 training corpus (TimeBank + AQUAINT), scored by the shared reference scorer.

Skipped when ../shared/corpora/tempeval3-train or ../shared/eval/timex_eval.py is absent.
Speed is measured by benchmarks/timeml.py, not here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from timeline._tagger import tag

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "tempeval3-train"
SCORER = ROOT.parent / "shared" / "eval" / "timex_eval.py"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.is_file()), reason="shared TimeML corpus or scorer absent"),
]


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("timex_eval", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score(scorer, folder: Path):
    gold = scorer.load_gold(str(folder))
    system = {}
    for doc, g in gold.items():
        system[doc] = [{"start": e.start, "end": e.end, "text": e.text, "type": e.type.value, "value": e.value}
                       for e in tag(g["text"], g["dct"])]
    overall, _per_doc, warnings, _errors = scorer.score(gold, system)
    return overall, warnings


def test_timebank_and_aquaint_beat_heideltime(scorer):
    overall, warnings = _score(scorer, CORPUS)
    assert overall["counts"]["n_gold"] == 1822
    assert warnings["text_mismatch"] == 0 and warnings["bad_offsets"] == 0
    # targets of issue 6; HeidelTime: relaxed 0.924, strict 0.841, value F1 0.776
    assert overall["relaxed"]["F1"] >= 0.93
    assert overall["strict"]["F1"] >= 0.86
    assert overall["value_f1"] > 0.776
    # issue 6's value target (82.6 at the start of the work, 84.7 at the end of the second session, 85.1
    # after the third session, 85.3 with its generalisation passes)
    assert overall["value_f1"] >= 0.85
    assert overall["strict"]["F1"] >= 0.90 and overall["relaxed"]["F1"] >= 0.948


@pytest.mark.parametrize("part, value_floor", [("TimeBank", 0.865), ("AQUAINT", 0.805)])
def test_each_half_alone_beats_heideltime_on_spans(scorer, part, value_floor):
    """Rules developed on the whole corpus must hold on each half (a check against overfitting one)."""
    overall, _ = _score(scorer, CORPUS / part)
    assert overall["relaxed"]["F1"] > 0.924
    assert overall["strict"]["F1"] > 0.841
    assert overall["value_f1"] > 0.776
    # measured in the third session (87.4 and 80.7): neither half may slide back
    assert overall["value_f1"] > value_floor

"""Event extraction on pathological text: one "sentence" holding thousands of dates, and long articles.

    python benchmarks/long_sentences.py

Scraped pages sometimes arrive without sentence punctuation (tables, lists run together), so one
"sentence" can hold thousands of date expressions. For 1,000 / 2,000 / 4,000 dates in a single
sentence, this prints the CPU time of tagging (the baseline: linear in the text) and of event
extraction on the same text, and how each grows when the text doubles (2.0x is linear; 4.0x would
be quadratic, which is what extraction did before the look-back windows in timeline/_events.py).
Then a long article (a news story repeated: ordinary sentences) at 100, 200 and 400 kB, through
``timeline.extract`` (reading, tagging, events, actors): actor finding used to be quadratic in the
article's length (a 1.1 MB article took 4 minutes, now 5 seconds).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline import document_from_text, extract, extract_events, tag  # noqa: E402

PATTERNS = {
    "relative clauses": "the strike that began on March 2 ",
    "asides": "The agreement, reached late on Thursday, ",
    "reported clauses": "He said on Monday that it would end on Friday, ",
}


def cpu(fn):
    t = time.process_time()
    out = fn()
    return out, time.process_time() - t


def main() -> int:
    print(f"{'text':<18} {'dates':>6} {'chars':>8} {'tag s':>7} {'x':>5} {'extract s':>9} {'x':>5} {'events':>6}")
    for name, piece in PATTERNS.items():
        prev = None
        for n in (1000, 2000, 4000):
            body = piece * (n // piece.count(" on ") if " on " in piece else n)
            doc = document_from_text("Intro\n\n" + body + ".\n", dct="2026-03-14")
            exprs, t_tag = cpu(lambda: tag(doc.text, doc.published))
            events, t_ext = cpu(lambda: extract_events(doc, exprs))
            grow_tag = f"{t_tag / prev[0]:.1f}" if prev else ""
            grow_ext = f"{t_ext / prev[1]:.1f}" if prev else ""
            print(f"{name:<18} {len(exprs):>6} {len(doc.text):>8,} {t_tag:>7.2f} {grow_tag:>5} {t_ext:>9.2f} {grow_ext:>5} {len(events):>6}")
            prev = (max(t_tag, 1e-6), max(t_ext, 1e-6))
    story = (REPO / "seeds" / "kursk-memorial" / "kursk-memorial.txt").read_text(encoding="utf-8")
    prev = None
    with tempfile.TemporaryDirectory() as tmp:
        for kb in (100, 200, 400):
            path = Path(tmp) / f"long-{kb}.txt"
            path.write_text(story * max(1, kb * 1024 // len(story)), encoding="utf-8")
            timeline, t_all = cpu(lambda: extract([path], dct="2026-01-16"))
            grow = f"{t_all / prev:.1f}" if prev else ""
            print(f"{'long article':<18} {'':>6} {path.stat().st_size:>8,} {'':>7} {'':>5} {t_all:>9.2f} {grow:>5} "
                  f"{len(timeline.events):>6}")
            prev = max(t_all, 1e-6)
    return 0


if __name__ == "__main__":
    sys.exit(main())

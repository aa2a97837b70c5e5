"""How long seed files take to check, edit and merge as they grow, beside the round-trip-only baseline.

    python benchmarks/seeds.py [--sizes 100,1000]

For each size a seed file with that many extracted events (one source each) is written to a temporary
folder. Then, in the same run: ``check_seed`` as shipped (valid files are read with ruamel's C safe
loader; the slow round-trip tree is built only to locate problems or to edit) beside the baseline
that always builds the round-trip tree (the way every check worked before); one in-app title edit
(``save_event_edit``: only the edited event's lines are read round-trip) beside its baseline (the
whole file's round-trip tree, the way every edit worked before), one in-app added event likewise, and a
re-extraction that adds one event (``merge_extracted``). Wall-clock seconds, best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import timeline._seed_edits as seed_edits  # noqa: E402
import timeline._validate as validate  # noqa: E402
from timeline._models import Event, SourceRef  # noqa: E402
from timeline._seed_edits import add_event  # noqa: E402
from timeline._seeds import DocumentEntry, merge_extracted, save_event_edit  # noqa: E402


def events(n: int) -> list[Event]:
    return [
        Event(id=f"e{i}", title=f"Event number {i} happens", when=f"{2000 + i % 25}-{1 + i % 12:02d}", tags=["x"],
              sources=[SourceRef(document="a", paragraph=1 + i % 30, sentence=[i, i + 100], expression=[i, i + 5],
                                 quote="abcde")])
        for i in range(n)
    ]


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,1000", help="comma-separated event counts (default 100,1000)")
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement, fastest kept (default 2)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    print(f"{'events':>7} {'file KB':>8} {'check s':>8} {'baseline s':>10} {'speed-up':>8} {'edit s':>7} "
          f"{'baseline s':>10} {'speed-up':>8} {'add s':>6} {'baseline s':>10} {'speed-up':>8} {'merge+1 s':>9}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            f = Path(tmp) / "events.yaml"
            evs = events(n)
            merge_extracted(f, evs, [DocumentEntry(id="a", path="a.txt")]).write()
            quick = best(lambda: validate.check_seed(f, with_documents=False), args.repeat)
            shipped = validate._quick_check
            validate._quick_check = lambda *a, **k: None  # the baseline: always the round-trip tree
            try:
                slow = best(lambda: validate.check_seed(f, with_documents=False), args.repeat)
            finally:
                validate._quick_check = shipped
            assert validate.check_seed(f, with_documents=False).seed is not None
            counter = iter(range(10**6))
            edit = best(lambda: save_event_edit(f, f"e{n // 2}", {"title": f"changed {next(counter)}"}, None), args.repeat)
            fast_edit = seed_edits._one_event_edited
            seed_edits._one_event_edited = lambda *a, **k: None  # the baseline: the whole file's round-trip tree
            try:
                edit_slow = best(lambda: save_event_edit(f, f"e{n // 2}", {"title": f"changed {next(counter)}"}, None),
                                 args.repeat)
            finally:
                seed_edits._one_event_edited = fast_edit
            adds = iter(range(10**6))

            def add_one():
                add_event(f, {"title": f"Added {next(adds)}", "when": "2010-05-15"}, None)

            add = best(add_one, args.repeat)
            fast_add = seed_edits._one_event_added
            seed_edits._one_event_added = lambda *a, **k: None  # the baseline: the whole file's round-trip tree
            try:
                add_slow = best(add_one, args.repeat)
            finally:
                seed_edits._one_event_added = fast_add
            extra = Event(id="new", title="New", when="2010-05")
            merge = best(lambda: merge_extracted(f, evs + [extra], []), args.repeat)
            size = f.stat().st_size / 1024
        print(f"{n:>7} {size:>8.0f} {quick:>8.2f} {slow:>10.2f} {slow / quick:>7.1f}x {edit:>7.2f} "
              f"{edit_slow:>10.2f} {edit_slow / edit:>7.1f}x {add:>6.2f} {add_slow:>10.2f} {add_slow / add:>7.1f}x {merge:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

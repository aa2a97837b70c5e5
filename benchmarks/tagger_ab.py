"""The tagger's speed against an earlier revision of itself, both timed in one process.

    python benchmarks/tagger_ab.py [REV] [--corpus DIR] [--repeat N]

REV (default HEAD) is any git revision of this repository: its ``timeline`` package is extracted to a
temporary folder under another name and imported beside the working tree's. Every document of the TimeML
corpus (default ../shared/corpora/tempeval3-train) is tagged by both versions in turn, ``--repeat`` times
(default 5), and each version keeps its fastest CPU time per document, so both see the same load. It also
says whether the two give the same expressions. Use it before and after a change to the rules or the
engine: on a shared machine single runs of benchmarks/timeml.py move by a quarter, this ratio by a few
per cent.
"""

from __future__ import annotations

import argparse
import importlib
import io
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timeline._tagger import tag  # noqa: E402

BASE_PACKAGE = "timeline_base"


def load_revision(rev: str, folder: Path):
    """The ``timeline._tagger`` module of git revision ``rev``, imported as ``timeline_base._tagger``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "timeline"], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        try:
            tar.extractall(folder, filter="data")
        except TypeError:  # Python before 3.11.4: no extraction filters (our own repository's files)
            tar.extractall(folder)
    (folder / "timeline").rename(folder / BASE_PACKAGE)
    sys.path.insert(0, str(folder))
    return importlib.import_module(f"{BASE_PACKAGE}._tagger")


def read_corpus(folder: Path) -> list[tuple[str, str]]:
    """(text, DCT) of every .tml document, as the reference scorer defines its plain text."""
    import xml.etree.ElementTree as ET

    docs = []
    for path in sorted(folder.rglob("*.tml")):
        root = ET.parse(path).getroot()
        text_el = root.find(".//TEXT")
        dct_el = root.find(".//DCT/TIMEX3")
        if text_el is None or dct_el is None:
            continue
        docs.append(("".join(text_el.itertext()), (dct_el.get("value") or "")[:10]))
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rev", nargs="?", default="HEAD")
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpora" / "tempeval3-train"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"tagger_ab: corpus folder {corpus} not found", file=sys.stderr)
        return 2
    docs = read_corpus(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        try:
            base = load_revision(args.rev, Path(tmp))
        except subprocess.CalledProcessError as exc:
            print(f"tagger_ab: cannot read revision {args.rev!r}: {exc.stderr.decode().strip()}", file=sys.stderr)
            return 2
        versions = (("base " + args.rev, base.tag), ("working tree", tag))
        for _, fn in versions:  # warm-up: rules compiled, caches filled
            for text, dct in docs:
                fn(text, dct)
        totals = [0.0, 0.0]
        same = 0
        for text, dct in docs:
            best = [float("inf"), float("inf")]
            for _ in range(max(1, args.repeat)):
                for i, (_, fn) in enumerate(versions):
                    t0 = time.process_time()
                    fn(text, dct)
                    best[i] = min(best[i], time.process_time() - t0)
            totals[0] += best[0]
            totals[1] += best[1]
            a = [(e.start, e.end, e.value, e.mod) for e in base.tag(text, dct)]
            b = [(e.start, e.end, e.value, e.mod) for e in tag(text, dct)]
            same += a == b
    chars = sum(len(t) for t, _ in docs)
    print(f"{len(docs)} documents, {chars:,} characters, fastest of {args.repeat} runs per document")
    for (name, _), el in zip(versions, totals):
        print(f"  {name:<22} {el:7.3f} CPU s  {chars / el / 1e6:5.2f} M chars/s")
    print(f"working tree / base time: {totals[1] / totals[0]:.3f}  (below 1: faster)")
    print(f"same expressions in {same} of {len(docs)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())

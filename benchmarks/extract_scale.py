"""Speed and memory of folder extraction and cross-article merging, on synthetic news folders.

Run from the project root (about three minutes on 2 cores)::

    PYTHONPATH=. /work/venv/bin/python benchmarks/extract_scale.py [--sizes 500 1000 5000] [--jobs 2]

A synthetic *world* of happenings (contracts, factory openings, resignations, visits, recalls,
strikes; each with a date, organisations, people and a place; one year of news per 500 articles,
as an archive grows by covering a longer period) is reported by articles generated
from templates: every article reports one happening in 2-3 sentences (varied wording, with absolute
dates, relative dates against the article's own DCT, coarser dates, and 4 % of reports giving the
wrong month), mentions an earlier happening, and adds undated filler.  Each happening is reported
by about three articles.  Articles are ``.txt`` with a ``.meta.yaml`` sidecar or ``.md`` with front
matter, each with its own publication date.

For each size, in a fresh Python process (so peak memory is per size):

* extraction: :func:`extract_folder` with ``merge=False`` (tagging + per-article events + actors),
  ``--jobs`` worker processes; articles per CPU-second (and wall time: it depends on the machine's
  other load, printed as the load average) and the peak RSS of the workers; the one-time start-up
  (imports, rule compilation) is measured apart;
* merging: :func:`merge_events` over all reports; articles/second, candidate pairs scored
  (vs n(n-1)/2 for all pairs), and the peak RSS of the main process (all documents and events);
* merge quality against the generator's truth: precision/recall over cross-article pairs of reports.

Baselines in the same run: serial extraction (``jobs=1``) on the smallest size, a second run over
the smallest size with a warm cache, and an all-pairs merge (every pair scored) on the smallest size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST = ("Anna Berg, Omar Haddad, Lena Fischer, Kenji Sato, Maria Rossi, David Okafor, Sofia Lindqvist, Pavel Novak, "
         "Grace Mensah, Lucas Moreau, Ingrid Holm, Rahul Mehta, Chen Wei, Elena Petrova, Tomas Kral, Aisha Bello, "
         "Marco Bianchi, Hanna Virtanen, Jonas Weber, Leila Karimi").split(", ")
SURNAMES = ("Aldana Brandt Castell Dunmore Eskola Farrow Galvin Hargreave Ilves Jaramillo Kowalczyk Lindahl Marchetti "
            "Nakashima Oyelaran Pellegrini Quist Rasmussen Strand Tanaka Ulloa Varga Whitcombe Yilmaz Zeller").split()
ORG_STEMS = ("Norland Vexa Corvane Halden Brightwater Solvik Marento Quorra Altamira Kestrel Tavira Orbis Lumen Dravik "
             "Peregrine Caldera Veltro Sagen Arktis Meridia Pollux Rivane Tessaro Ombra Zephyr Calloway Ingra Borealis "
             "Estrella Halcyon").split()
ORG_KINDS = ["Airlines", "Corp", "Motors", "Energy", "Bank", "Group", "Industries", "Systems"]
PLACES = ("Oslo Lyon Porto Gdansk Tampere Graz Bilbao Ghent Turin Leipzig Malmo Aarhus Brno Split Cork Toulouse "
          "Hamburg Rotterdam Seville Krakow").split()
PRODUCTS = ("turboprop engines, electric buses, wind turbines, cargo drones, rail carriages, solar panels, "
            "battery packs, patrol boats, satellite terminals, heat pumps").split(", ")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# kind -> phrasings; {when} is a date phrase, the rest come from the happening.
TEMPLATES = {
    "contract": [
        "{org} signed a contract with {org2} {when} to supply {n} {product}.",
        "{when_cap}, {org2} agreed to buy {n} {product} from {org} in a deal worth {money}.",
        "{org2} ordered {n} {product} from {org} {when}, the companies said.",
    ],
    "factory": [
        "{org} opened a new {product} factory in {place} {when}.",
        "{when_cap}, {org} inaugurated its {product} plant in {place}, creating {n} jobs.",
        "The {place} factory of {org}, which builds {product}, started production {when}.",
    ],
    "resign": [
        "{person}, chief executive of {org}, resigned {when} after a dispute over {product}.",
        "{when_cap}, {org} chief executive {person} stepped down, citing the {product} dispute.",
        "{org} said {person} had resigned as chief executive {when}.",
    ],
    "visit": [
        "{person} visited the {org} site in {place} {when} to meet {person2}.",
        "{when_cap}, {person} travelled to {place} for talks with {person2} of {org}.",
        "{person2} hosted {person} at the {org} offices in {place} {when}.",
    ],
    "recall": [
        "{org} recalled {n} {product} {when} over a safety fault.",
        "{when_cap}, {org} ordered a recall of {n} {product} because of a faulty part.",
        "A safety fault forced {org} to recall {n} {product} {when}.",
    ],
    "strike": [
        "Workers at the {org} plant in {place} went on strike {when} over pay.",
        "{when_cap}, staff at {org} in {place} walked out in a pay dispute.",
        "A pay strike halted the {org} plant in {place} {when}.",
    ],
}
FILLER = [
    "Analysts said the market for {product} had grown steadily.",
    "Shares in {org} were little changed in afternoon trading.",
    "The company did not comment further.",
    "{org} employs about {n} people across Europe.",
]


def _org(rng):
    return f"{rng.choice(ORG_STEMS)} {rng.choice(ORG_KINDS)}"


def _person(rng):
    return f"{rng.choice(FIRST).split()[0]} {rng.choice(SURNAMES)}"


def make_world(n_happenings: int, rng: random.Random) -> list[dict]:
    """Happenings spread over one year per 500 articles' worth: a bigger archive covers a longer period,
    so the news per month (and so the candidate blocks) stay as dense as in a real archive."""
    start = dt.date(2000, 1, 1)
    days = max(60, round(365 * n_happenings * 3 / 500))
    world = []
    for i in range(n_happenings):
        kind = rng.choice(list(TEMPLATES))
        org, org2 = _org(rng), _org(rng)
        while org2 == org:
            org2 = _org(rng)
        world.append({
            "id": i, "kind": kind, "date": start + dt.timedelta(days=rng.randrange(days)),
            "org": org, "org2": org2, "person": _person(rng), "person2": _person(rng), "place": rng.choice(PLACES),
            "product": rng.choice(PRODUCTS), "n": rng.randrange(5, 400), "money": f"{rng.randrange(2, 90)} million euros",
        })
    return world


def date_phrase(day: dt.date, dct: dt.date, rng: random.Random, wrong_month: bool) -> str:
    if wrong_month:
        m = day.month % 12 + 1
        return f"in {MONTHS[m - 1]} {day.year + (1 if m == 1 else 0)}"
    delta = (dct - day).days
    choices = [f"on {MONTHS[day.month - 1]} {day.day}, {day.year}", f"on {day.day} {MONTHS[day.month - 1]} {day.year}"]
    if delta == 0:
        choices.append("today")
    elif delta == 1:
        choices.append("yesterday")
    elif 1 < delta < 7:
        choices.append(f"on {WEEKDAYS[day.weekday()]}")
    if day.year == dct.year:
        choices.append(f"on {MONTHS[day.month - 1]} {day.day}")
        choices.append(f"in {MONTHS[day.month - 1]}")
    choices.append(f"in {MONTHS[day.month - 1]} {day.year}")
    return rng.choice(choices)


def write_articles(folder: Path, n_articles: int, seed: int = 7) -> dict[tuple[str, int], int]:
    """Write ``n_articles`` into ``folder``; returns (doc id, sentence start) -> happening id of each report."""
    rng = random.Random(seed)
    world = make_world(max(1, n_articles // 3), rng)
    truth: dict[tuple[str, int], int] = {}
    for a in range(n_articles):
        h = world[a % len(world)] if a < len(world) * 3 else rng.choice(world)
        dct = h["date"] + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 5, 9, 30]))
        doc_id = f"a{a:05d}"
        slots = dict(h, when="", when_cap="")
        sentences: list[tuple[str, int | None]] = []
        tmpl = rng.choice(TEMPLATES[h["kind"]])
        when = date_phrase(h["date"], dct, rng, wrong_month=rng.random() < 0.04)
        sentences.append((tmpl.format(**{**slots, "when": when, "when_cap": when[0].upper() + when[1:]}), h["id"]))
        sentences.append((rng.choice(FILLER).format(**h), None))
        earlier = world[rng.randrange(len(world))]
        if earlier["date"] < h["date"] and earlier["id"] != h["id"]:
            t2 = rng.choice(TEMPLATES[earlier["kind"]])
            w2 = f"in {MONTHS[earlier['date'].month - 1]} {earlier['date'].year}"
            sentences.append((t2.format(**{**earlier, "when": w2, "when_cap": w2[0].upper() + w2[1:]}), earlier["id"]))
        sentences.append((rng.choice(FILLER).format(**h), None))
        body = ""
        for text, hid in sentences:
            if hid is not None:
                truth[(doc_id, len(body))] = hid
            body += text + "\n"
        title = f"{h['org']} news"
        if a % 3 == 0:
            (folder / f"{doc_id}.md").write_text(f"---\ntitle: {title}\npublished: {dct}\n---\n{body}", encoding="utf-8")
        else:
            (folder / f"{doc_id}.txt").write_text(body, encoding="utf-8")
            (folder / f"{doc_id}.meta.yaml").write_text(f"title: {title}\npublished: {dct}\n", encoding="utf-8")
    return truth


def merge_quality(events, truth, offsets) -> tuple[int, int, int]:
    """TP, system pairs, gold pairs over cross-article pairs of truth-labelled reports."""
    assign = {}
    for i, ev in enumerate(events):
        for s in ev.sources:
            key = (s.document, s.sentence.start - offsets.get(s.document, 0))
            if key in truth:
                assign[key] = i
    by_truth, by_sys = defaultdict(list), defaultdict(list)
    for key, hid in truth.items():
        by_truth[hid].append(key)
        if key in assign:
            by_sys[assign[key]].append(key)
    gold = sum(1 for g in by_truth.values() for a, b in combinations(g, 2) if a[0] != b[0])
    sys_pairs = tp = 0
    for g in by_sys.values():
        for a, b in combinations(g, 2):
            if a[0] != b[0]:
                sys_pairs += 1
                tp += truth[a] == truth[b]
    return tp, sys_pairs, gold


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished workers (immune to other load)."""
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def one_size(n: int, jobs: int, baselines: bool) -> dict:
    """Measure one folder size (run in its own process)."""
    from timeline._corpus import _warm_up, extract_folder
    from timeline._identity import DEFAULT_CONFIG, _candidates, _reports, _score, _weigh, merge_events

    out: dict = {"articles": n}
    t0, c0 = time.perf_counter(), _cpu()
    _warm_up()  # one-time start-up (imports, rule compilation, word lists), reported apart
    out["startup_s"], out["startup_cpu"] = time.perf_counter() - t0, _cpu() - c0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        truth = write_articles(folder, n)
        t0, c0 = time.perf_counter(), _cpu()
        tl = extract_folder(folder, jobs=jobs, progress=False, merge=False,
                            cache_dir=Path(tmp) / ".timeline-cache" if baselines else None)
        out["extract_s"], out["extract_cpu"] = time.perf_counter() - t0, _cpu() - c0
        out["reports"] = len(tl.events)
        if baselines:
            t0 = time.perf_counter()
            extract_folder(folder, jobs=jobs, progress=False, merge=False, cache_dir=Path(tmp) / ".timeline-cache")
            out["cached_s"] = time.perf_counter() - t0
            t0, c0 = time.perf_counter(), _cpu()
            extract_folder(folder, jobs=1, progress=False, merge=False)
            out["serial_s"], out["serial_cpu"] = time.perf_counter() - t0, _cpu() - c0
    offsets: dict[str, int] = {}  # Document.text of an .md file starts after its front matter, like the truth keys
    t0, c0 = time.perf_counter(), _cpu()
    merged = merge_events(tl.events, tl.documents)
    out["merge_s"], out["merge_cpu"] = time.perf_counter() - t0, _cpu() - c0
    out["events"] = len(merged)
    reports = _reports(tl.events, {d.id: d.text for d in tl.documents})
    idf = _weigh(reports)
    out["candidate_pairs"] = len(_candidates(reports, idf, DEFAULT_CONFIG))
    out["all_pairs"] = len(reports) * (len(reports) - 1) // 2
    out["quality"] = merge_quality(merged, truth, offsets)
    out["no_merge_quality"] = merge_quality(tl.events, truth, offsets)
    if baselines:
        t0 = time.perf_counter()
        for i in range(len(reports)):
            for j in range(i + 1, len(reports)):
                _score(reports[i], reports[j], DEFAULT_CONFIG)
        out["all_pairs_score_s"] = time.perf_counter() - t0
    out["peak_main_mb"] = _peak_mb()
    out["peak_worker_mb"] = _peak_mb(resource.RUSAGE_CHILDREN)
    return out


def prf(tp, sp, gp):
    p = tp / sp if sp else 0.0
    r = tp / gp if gp else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 5000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--baselines", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one_size(args.one, args.jobs, args.baselines)))
        return
    rows = []
    for k, n in enumerate(sorted(args.sizes)):
        cmd = [sys.executable, __file__, "--one", str(n), "--jobs", str(args.jobs)] + (["--baselines"] if k == 0 else [])
        res = subprocess.run(cmd, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        if res.returncode != 0:
            sys.exit(f"extract_scale.py: size {n} failed:\n{res.stderr[-2000:]}")
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
    print(f"synthetic folders, {args.jobs} worker process(es); wall = elapsed seconds, cpu = CPU seconds of the main "
          "process and its workers (unaffected by other load on the machine); memory = peak RSS in MiB")
    print(f"{'articles':>8} {'reports':>7} {'events':>6} | {'extract wall':>12} {'cpu':>6} {'art/cpu-s':>9} | "
          f"{'merge wall':>10} {'cpu':>6} {'art/cpu-s':>9} {'cand. pairs':>11} {'all pairs':>10} | "
          f"{'main MiB':>8} {'worker MiB':>10} | {'merge P':>7} {'R':>5}")
    for r in rows:
        p, rec, _ = prf(*r["quality"])
        print(f"{r['articles']:>8} {r['reports']:>7} {r['events']:>6} | {r['extract_s']:>12.1f} {r['extract_cpu']:>6.1f} "
              f"{r['articles'] / r['extract_cpu']:>9.0f} | {r['merge_s']:>10.2f} {r['merge_cpu']:>6.2f} "
              f"{r['articles'] / max(r['merge_cpu'], 1e-6):>9.0f} {r['candidate_pairs']:>11} {r['all_pairs']:>10} | "
              f"{r['peak_main_mb']:>8.0f} {r['peak_worker_mb']:>10.0f} | {p:>7.3f} {rec:>5.3f}")
    first, last = rows[0], rows[-1]
    scale = last["articles"] / first["articles"]
    print(f"\ngrowth {first['articles']} -> {last['articles']} articles (x{scale:.0f}): extract cpu x"
          f"{last['extract_cpu'] / first['extract_cpu']:.1f}, merge cpu x{last['merge_cpu'] / max(first['merge_cpu'], 1e-6):.1f}, "
          f"candidate pairs x{last['candidate_pairs'] / max(1, first['candidate_pairs']):.1f} "
          f"(all pairs x{last['all_pairs'] / max(1, first['all_pairs']):.0f}), peak main memory x"
          f"{last['peak_main_mb'] / first['peak_main_mb']:.1f}")
    b = rows[0]
    print(f"one-time start-up per process (imports, tagger rules, word lists): wall {b['startup_s']:.1f}s, "
          f"cpu {b['startup_cpu']:.1f}s (not included above); load average during the run: "
          f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"\nbaselines at {b['articles']} articles:")
    print(f"  serial extraction (jobs=1): wall {b['serial_s']:.1f}s, cpu {b['serial_cpu']:.1f}s "
          f"(vs wall {b['extract_s']:.1f}s, cpu {b['extract_cpu']:.1f}s with {args.jobs} workers)")
    print(f"  second run, warm cache: wall {b['cached_s']:.2f}s = {b['articles'] / b['cached_s']:.0f} art/s")
    print(f"  all-pairs scoring ({b['all_pairs']} pairs): {b['all_pairs_score_s']:.1f}s vs blocked merge "
          f"{b['merge_s']:.2f}s ({b['candidate_pairs']} pairs)")
    p, rec, f = prf(*b["no_merge_quality"])
    print(f"  no merge: merge P {p:.3f} R {rec:.3f}")


if __name__ == "__main__":
    main()

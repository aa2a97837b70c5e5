"""Many articles, one timeline, measured on SemEval-2015 Task 4 (cross-document entity timelines).

Run from the project root::

    PYTHONPATH=. /work/venv/bin/python benchmarks/semeval.py [--corpus ../shared/corpora/semeval2015-task4] [--jobs 2]

For each corpus (30 Wikinews articles each), every track-A article is rebuilt as a plain-text file
(one sentence per line, tokens re-joined, a map from our character offsets back to the gold
``<s id=N>`` sentence ids) with its DCT in a ``.meta.yaml`` sidecar, and the folder goes through
:func:`timeline._corpus.extract_folder` (tagging, per-article events, actors, cross-article merge).

A gold *mention* is ``docid-sentence-token`` from ``TimeLines_Gold_Standard/<entity>.txt``; mentions
on one line are one gold event, and a mention listed under several entities joins those events.
Our event *for* a mention is the event with a source sentence covering the mention's sentence (if
several, the one whose date expression is nearest to the token).

Metrics (all micro-averaged over both corpora):

* **date accuracy**: over gold mentions with a known date (not ``XXXX-XX-XX``): *strict* = our
  event's date covers exactly the gold interval (``2004-XX-XX`` = the year 2004, ``2008-03-XX`` =
  March 2008, a full date = that day), i.e. right date at the right precision; *relaxed* = our
  interval and the gold one overlap.  Mentions with no event of ours count as wrong.
  ``coverage`` = share of those mentions that have an event of ours at all.
* **merge precision / recall**: over unordered pairs of *sentences* holding gold mentions, in
  *different* articles (our reports are sentences, so identity is judged per sentence); a pair is
  gold-positive when a gold event has a mention in both, system-positive when a mention in each maps
  to the same event of ours.  P = TP / system-positive, R = TP / gold-positive.
* **entity timeline F1** (pairwise temporal relations, in the spirit of the task's temporal-awareness
  score without closure): for entity E, *units* are (article, sentence).  Gold units are sentences
  holding a dated gold mention of E (a sentence with several takes its most frequent gold order).
  System units are the source sentences of our events whose actors name E (same words, or a 2+-word
  part of the entity's name; "US" = "United States"; "Airbus A380" does not name "Airbus"),
  each dated by its event.  For every pair of units a relation is ``<``, ``>`` or ``=``: gold from
  the order numbers, system from the dates (``<`` when a ends before b starts, ``=`` when both cover
  the same interval, no relation when they overlap otherwise).  P = correct system relations /
  system relations, R = correct system relations / gold relations, F1 = harmonic mean; per entity,
  then averaged over entities (macro) and pooled (micro).

Baselines in the same run: **DCT** (every mention dated by its article's creation day; timeline
units = sentences that contain the entity's name, dated by the DCT), **no merge** (our per-article
events, never merged across articles) and **same-day merge** (merge every event with the same
date value, whatever it says).  **ours + DCT fallback** is ours (merged) where a mention (or an
entity sentence) with no event of ours is dated by the DCT: our extraction only makes events for
sentences with a date expression, and news reports most undated events on the day they appear.

**Identity alone** (oracle reports): one event per sentence holding a dated gold mention, dated with
the gold date, actors from our rules; merged by ours vs by "same date = same event".  This isolates
the identity score from extraction errors (merge P/R over cross-article pairs of dated mentions).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import html
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline._actors import normalize_actor  # noqa: E402
from timeline._corpus import extract_folder  # noqa: E402
from timeline._identity import DEFAULT_CONFIG, _actors_match, merge_events  # noqa: E402
from timeline._models import Event  # noqa: E402
from timeline._timex import value_interval  # noqa: E402

SWEEP = (0.4, 0.44, 0.48, 0.52, 0.55, 0.62)
"""Merge thresholds tried in the sensitivity line (reported, not used to pick the default)."""
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "semeval2015-task4"

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}


@dataclass
class Article:
    doc_id: str
    dct: str
    title: str
    text: str
    sentences: dict[int, tuple[int, int]]  # gold sentence id -> [start, end) in text
    tokens: dict[int, list[tuple[str, int]]]  # sentence id -> (token, offset in text)


def detokenize(tokens: list[str], base: int) -> tuple[str, list[int]]:
    """Join tokens into readable text; returns the text and each token's offset (plus ``base``)."""
    out, offsets = "", []
    for i, tok in enumerate(tokens):
        t = {"``": '"', "''": '"'}.get(tok, tok)
        if out and tok not in _NO_SPACE_BEFORE and tokens[i - 1] not in _NO_SPACE_AFTER:
            out += " "
        offsets.append(base + len(out))
        out += t
    return out, offsets


def read_article(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    doc_id = re.search(r"<DOCID>(.*?)</DOCID>", raw).group(1).strip()
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([^"]+)"', raw).group(1)[:10]
    odd = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", dct)
    if odd:  # one article has "03-02-2009"; its dateline says February 03, 2009 (MM-DD-YYYY)
        dct = f"{odd.group(3)}-{odd.group(1)}-{odd.group(2)}"
    parts, sentences, tokens = [], {}, {}
    pos = 0
    for m in re.finditer(r'<s id="(\d+)">(.*?)</s>', raw, re.S):
        sid = int(m.group(1))
        toks = html.unescape(m.group(2)).split()
        line, offs = detokenize(toks, pos)
        sentences[sid] = (pos, pos + len(line))
        tokens[sid] = list(zip(toks, offs))
        parts.append(line)
        pos += len(line) + 1
    text = "\n".join(parts) + "\n"
    title = text[sentences[0][0]:sentences[0][1]] if 0 in sentences else doc_id
    return Article(doc_id, dct, title, text, sentences, tokens)


@dataclass(frozen=True)
class Mention:
    doc: str
    sentence: int
    token: str


def read_gold(corpus: Path) -> tuple[dict[str, list[tuple[int, str, list[Mention]]]], dict[Mention, int]]:
    """Entity -> [(order, date, mentions)], and mention -> gold event cluster id (union over entities)."""
    entities: dict[str, list[tuple[int, str, list[Mention]]]] = {}
    parent: dict[Mention, Mention] = {}

    def find(m):
        while parent[m] != m:
            parent[m] = parent[parent[m]]
            m = parent[m]
        return m

    for f in sorted((corpus / "TimeLines_Gold_Standard").glob("*.txt")):
        lines = f.read_text(encoding="utf-8").splitlines()
        name = lines[0].strip()
        rows = []
        for line in lines[1:]:
            fields = line.split("\t")
            if len(fields) < 3 or not fields[0].strip().isdigit():
                continue
            mentions = []
            for fld in fields[2:]:
                m = re.fullmatch(r"(\d+)-(\d+)-(\S+)", fld.strip())
                if m:
                    mentions.append(Mention(m.group(1), int(m.group(2)), m.group(3)))
            if not mentions:
                continue
            rows.append((int(fields[0]), fields[1].strip(), mentions))
            for mm in mentions:
                parent.setdefault(mm, mm)
            for mm in mentions[1:]:
                a, b = find(mentions[0]), find(mm)
                if a != b:
                    parent[b] = a
        entities[name] = rows
    ids: dict[Mention, int] = {}
    roots: dict[Mention, int] = {}
    for m in parent:
        ids[m] = roots.setdefault(find(m), len(roots))
    return entities, ids


def gold_interval(date: str):
    """``2004-XX-XX`` -> year 2004; ``2008-03-XX`` -> March 2008; full dates -> the day; unknown -> None."""
    parts = date.split("-")
    if not parts or "X" in parts[0]:
        return None
    value = parts[0]
    if len(parts) > 1 and "X" not in parts[1]:
        value += "-" + parts[1]
        if len(parts) > 2 and "X" not in parts[2]:
            value += "-" + parts[2]
    iv = value_interval(value)
    return (iv[0], iv[1]) if iv else None


class EventIndex:
    """Our events by (document, gold sentence), to find the event for a gold mention."""

    def __init__(self, events: list[Event], articles: dict[str, Article]):
        self.by_sentence: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
        self.events = events
        for i, ev in enumerate(events):
            for src in ev.sources:
                art = articles.get(src.document)
                if art is None:
                    continue
                for sid, (a, b) in art.sentences.items():
                    if a < src.sentence.end and src.sentence.start < b:
                        anchor = src.expression.start if src.expression else src.sentence.start
                        self.by_sentence[(src.document, sid)].append((i, anchor))
        self.articles = articles

    def event_for(self, m: Mention) -> int | None:
        cands = self.by_sentence.get((m.doc, m.sentence))
        if not cands:
            return None
        art = self.articles[m.doc]
        tok_pos = next((off for tok, off in art.tokens.get(m.sentence, []) if tok == m.token.split("_")[0]), None)
        if tok_pos is None:
            return cands[0][0]
        return min(cands, key=lambda c: abs(c[1] - tok_pos))[0]


def _interval(ev: Event):
    """The event's interval; clock times are widened to their day (gold dates stop at days)."""
    if ev.when.start is None:
        return None
    start, end = ev.when.start, ev.when.end
    if end - start < dt.timedelta(days=1):
        start = dt.datetime.combine(start.date(), dt.time())
        end = max(end, start + dt.timedelta(days=1))
    return start, end


def date_scores(mentions, articles, index: EventIndex | None, gold_dates: dict[Mention, tuple], fallback=False):
    """(strict, relaxed, coverage, n) over gold mentions with known dates; index None = DCT baseline;
    ``fallback``: mentions without an event of ours are dated by the DCT."""
    strict = relaxed = covered = n = 0
    for m in mentions:
        giv = gold_dates.get(m)
        if giv is None or m.doc not in articles:
            continue
        n += 1
        if index is None:
            d = value_interval(articles[m.doc].dct)
            iv = (d[0], d[1])
        else:
            i = index.event_for(m)
            iv = _interval(index.events[i]) if i is not None else None
            if iv is None and fallback:
                d = value_interval(articles[m.doc].dct)
                iv = (d[0], d[1])
        if iv is None:
            continue
        covered += 1
        strict += iv == giv
        relaxed += iv[0] < giv[1] and giv[0] < iv[1]
    return strict, relaxed, covered, n


def merge_scores(mentions, gold_ids: dict[Mention, int], assign: dict[Mention, int | None]):
    """TP, system-positive, gold-positive, reachable gold-positive over pairs of sentences in different
    articles (see the module docstring: our reports are sentences, so identity is judged per sentence)."""
    gold: dict[tuple[str, int], set[int]] = defaultdict(set)
    ours: dict[tuple[str, int], set[int]] = defaultdict(set)
    for m in set(mentions):
        u = (m.doc, m.sentence)
        gold[u].add(gold_ids[m])
        if assign.get(m) is not None:
            ours[u].add(assign[m])
    units = sorted(gold)
    tp = sys_pos = gold_pos = reachable = 0
    for i, a in enumerate(units):
        for b in units[i + 1:]:
            if a[0] == b[0]:
                continue
            g = bool(gold[a] & gold[b])
            s = bool(ours[a] & ours[b])
            gold_pos += g
            reachable += g and bool(ours[a]) and bool(ours[b])
            sys_pos += s
            tp += g and s
    return tp, sys_pos, gold_pos, reachable


def _entity_keys(name: str) -> list[list[str]]:
    key = normalize_actor(name).split()
    keys = [key]
    if key[:2] == ["united", "states"]:
        keys.append(["us"] + key[2:])
    return keys


def actor_names_entity(actor: str, entity: str) -> bool:
    """The actor is the entity: same words ("U.S." read as "United States"), a 2+-word part of its
    name ("Air Force" for "United States Air Force"), or, for a one-word entity, what the identity
    score counts as the same actor (an acronym spelled out, a full name starting with it).
    "Airbus A380" is not "Airbus": the gold timelines keep them apart."""
    a = normalize_actor(actor).split()
    if a[:1] == ["us"] and len(a) > 1:
        a = ["united", "states"] + a[1:]
    for e in _entity_keys(entity):
        if a == e:
            return True
        if len(e) == 1 and _actors_match(" ".join(a), e[0]):
            return True  # an acronym spelled out ("EADS"), as the identity score matches actors
        if len(a) >= 2 and any(e[i:i + len(a)] == a for i in range(len(e) - len(a) + 1)):
            return True
    return False


def _relation(x, y):
    if x is None or y is None:
        return None
    if x == y:
        return "="
    if x[1] <= y[0]:
        return "<"
    if y[1] <= x[0]:
        return ">"
    return None


def timeline_scores(entity: str, rows, system_units: dict[tuple[str, int], tuple]):
    """(correct, system relations, gold relations) for one entity (see the module docstring)."""
    orders: dict[tuple[str, int], Counter] = defaultdict(Counter)
    for order, date, mentions in rows:
        if order <= 0 or gold_interval(date) is None:
            continue
        for m in mentions:
            orders[(m.doc, m.sentence)][order] += 1
    gold = {u: min(c, key=lambda o: (-c[o], o)) for u, c in orders.items()}
    gunits = sorted(gold)
    gold_rel = {}
    for i, a in enumerate(gunits):
        for b in gunits[i + 1:]:
            oa, ob = gold[a], gold[b]
            gold_rel[(a, b)] = "=" if oa == ob else ("<" if oa < ob else ">")
    sunits = sorted(system_units)
    correct = n_sys = 0
    for i, a in enumerate(sunits):
        for b in sunits[i + 1:]:
            r = _relation(system_units[a], system_units[b])
            if r is None:
                continue
            n_sys += 1
            correct += gold_rel.get((a, b)) == r
    return correct, n_sys, len(gold_rel)


def prf(tp, sys_pos, gold_pos):
    p = tp / sys_pos if sys_pos else 0.0
    r = tp / gold_pos if gold_pos else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def oracle_reports(mentions, articles, gold_dates_raw: dict) -> tuple[list[Event], list]:
    """One single-source event per sentence holding a dated gold mention, dated by the gold date
    (its first mention's), actors by our rules: the identity score's input without extraction errors."""
    from timeline._actors import find_actors
    from timeline._documents import document_from_text
    from timeline._models import SourceRef, Span

    docs = {d: document_from_text(a.text, doc_id=d, dct=a.dct) for d, a in articles.items()}
    events, seen = [], set()
    for m in sorted(mentions, key=lambda m: (m.doc, m.sentence, m.token)):
        raw = gold_dates_raw.get(m)
        if raw is None or gold_interval(raw) is None or (m.doc, m.sentence) in seen:
            continue
        seen.add((m.doc, m.sentence))
        value = "-".join(p for p in raw.split("-") if "X" not in p)
        art = articles[m.doc]
        x, y = art.sentences[m.sentence]
        sentence = art.text[x:y]
        events.append(Event(id=f"{m.doc}-{m.sentence}", title=sentence[:80] or "event", when=value,
                            sources=[SourceRef(document=m.doc, paragraph=1, sentence=Span(start=x, end=y))],
                            actors=find_actors(sentence, context=art.text)))
    return events, list(docs.values())


def same_day_merge(events: list[Event]) -> list[Event]:
    groups: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        groups[str(e.when)].append(e)
    out = []
    for g in groups.values():
        out.append(g[0].model_copy(update={"sources": [s for e in g for s in e.sources],
                                           "actors": list(dict.fromkeys(a for e in g for a in e.actors))}))
    return out


def run(corpus_root: Path, jobs: int) -> None:
    corpora = sorted(p for p in corpus_root.glob("corpus_*") if p.is_dir())
    if not corpora:
        sys.exit(f"semeval.py: no corpus_* folders in {corpus_root}")
    systems = ["DCT baseline", "ours, no merge", "ours, same-day merge", "ours (merged)", "ours + DCT fallback"]
    oracle_tot = {"oracle, same-date merge": [0, 0, 0, 0], "oracle, ours (merged)": [0, 0, 0, 0]}
    oracle_per_corpus: dict[str, list[tuple]] = defaultdict(list)  # system -> (corpus, counts) per corpus
    date_tot = {s: [0, 0, 0, 0] for s in systems}
    merge_tot = {s: [0, 0, 0, 0] for s in systems}
    tl_micro = {s: [0, 0, 0] for s in systems}
    tl_macro: dict[str, list[float]] = {s: [] for s in systems}
    timings = []
    sweep_tot = {t: [0, 0, 0, 0] for t in SWEEP}
    for corpus in corpora:
        articles = {a.doc_id: a for a in map(read_article, sorted((corpus / "corpus_trackA_TimeML").glob("*.tml")))}
        entities, gold_ids = read_gold(corpus)
        mentions = [m for m in gold_ids if m.doc in articles and m.sentence in articles[m.doc].sentences]
        gold_dates = {}
        for rows in entities.values():
            for order, date, ms in rows:
                for m in ms:
                    gold_dates.setdefault(m, gold_interval(date))
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for a in articles.values():
                (folder / f"{a.doc_id}.txt").write_text(a.text, encoding="utf-8")
                (folder / f"{a.doc_id}.meta.yaml").write_text(f"published: {a.dct}\nid: '{a.doc_id}'\n", encoding="utf-8")
            t0 = time.perf_counter()
            unmerged = extract_folder(folder, jobs=jobs, progress=False, merge=False)
            t1 = time.perf_counter()
        merged_events = merge_events(unmerged.events, unmerged.documents)
        t2 = time.perf_counter()
        timings.append((corpus.name, len(articles), len(unmerged.events), len(merged_events), t1 - t0, t2 - t1))
        raw_dates = {}
        for rows in entities.values():
            for order, date, ms in rows:
                for m in ms:
                    raw_dates.setdefault(m, date)
        oracle, oracle_docs = oracle_reports(mentions, articles, raw_dates)
        for name, evs in (("oracle, same-date merge", same_day_merge(oracle)),
                          ("oracle, ours (merged)", merge_events(oracle, oracle_docs))):
            index = EventIndex(evs, articles)
            dated = [m for m in mentions if gold_dates.get(m) is not None]
            counts = merge_scores(dated, gold_ids, {m: index.event_for(m) for m in dated})
            oracle_per_corpus[name].append((corpus.name, counts))
            for k, v in enumerate(counts):
                oracle_tot[name][k] += v
        for threshold in SWEEP:
            cfg = dataclasses.replace(DEFAULT_CONFIG, MERGE_THRESHOLD=threshold)
            swept = merge_events(unmerged.events, unmerged.documents, cfg)
            index = EventIndex(swept, articles)
            counts = merge_scores(mentions, gold_ids, {m: index.event_for(m) for m in mentions})
            for k, v in enumerate(counts):
                sweep_tot[threshold][k] += v
        runs = {
            "ours, no merge": unmerged.events,
            "ours, same-day merge": same_day_merge(unmerged.events),
            "ours (merged)": merged_events,
        }
        # DCT baseline: every mention is its own event dated by the DCT.
        s, r, c, n = date_scores(mentions, articles, None, gold_dates)
        for k, v in enumerate((s, r, c, n)):
            date_tot["DCT baseline"][k] += v
        tp, sp, gp, reach = merge_scores(mentions, gold_ids, {m: i for i, m in enumerate(mentions)})
        for k, v in enumerate((tp, sp, gp, reach)):
            merge_tot["DCT baseline"][k] += v
        for name, events in runs.items():
            index = EventIndex(events, articles)
            for k, v in enumerate(date_scores(mentions, articles, index, gold_dates)):
                date_tot[name][k] += v
            assign = {m: index.event_for(m) for m in mentions}
            for k, v in enumerate(merge_scores(mentions, gold_ids, assign)):
                merge_tot[name][k] += v
            if name == "ours (merged)":
                fb = "ours + DCT fallback"
                for k, v in enumerate(date_scores(mentions, articles, index, gold_dates, fallback=True)):
                    date_tot[fb][k] += v
                for k, v in enumerate(merge_scores(mentions, gold_ids, assign)):
                    merge_tot[fb][k] += v
        for entity, rows in entities.items():
            names = [entity]
            # DCT baseline units: sentences naming the entity, dated by the DCT.
            base_units = {}
            pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)
            for a in articles.values():
                dday = value_interval(a.dct)
                for sid, (x, y) in a.sentences.items():
                    if sid > 1 and pattern.search(a.text[x:y]):
                        base_units[(a.doc_id, sid)] = (dday[0], dday[1])
            per_system = {"DCT baseline": base_units}
            for name, events in runs.items():
                units = {}
                for ev in events:
                    if not any(actor_names_entity(act, entity) for act in ev.actors):
                        continue
                    for src in ev.sources:
                        art = articles.get(src.document)
                        if art is None:
                            continue
                        for sid, (x, y) in art.sentences.items():
                            if x < src.sentence.end and src.sentence.start < y:
                                units.setdefault((src.document, sid), _interval(ev))
                per_system[name] = units
            per_system["ours + DCT fallback"] = {**base_units, **per_system["ours (merged)"]}
            for name, units in per_system.items():
                c, ns, ng = timeline_scores(entity, rows, units)
                tl_micro[name][0] += c
                tl_micro[name][1] += ns
                tl_micro[name][2] += ng
                tl_macro[name].append(prf(c, ns, ng)[2])

    print(f"SemEval-2015 Task 4, {len(corpora)} corpora: {', '.join(c.name for c in corpora)}")
    for name, n_art, n_rep, n_ev, t_ex, t_merge in timings:
        print(f"  {name}: {n_art} articles, {n_rep} per-article events -> {n_ev} merged events "
              f"(extract {t_ex:.1f}s, merge {t_merge:.2f}s)")
    print()
    print(f"{'system':<22} {'date strict':>11} {'relaxed':>8} {'coverage':>9} {'n':>5} | "
          f"{'merge P':>7} {'R':>6} {'F1':>6} {'pairs':>6} | {'TL P':>6} {'R':>6} {'F1 micro':>8} {'F1 macro':>8}")
    for name in systems:
        s, r, c, n = date_tot[name]
        tp, sp, gp, reach = merge_tot[name]
        mp, mr, mf = prf(tp, sp, gp)
        tp_, tr_, tf_ = prf(*tl_micro[name])
        macro = sum(tl_macro[name]) / len(tl_macro[name]) if tl_macro[name] else 0.0
        print(f"{name:<22} {s / n:>11.3f} {r / n:>8.3f} {c / n:>9.3f} {n:>5} | "
              f"{mp:>7.3f} {mr:>6.3f} {mf:>6.3f} {gp:>6} | {tp_:>6.3f} {tr_:>6.3f} {tf_:>8.3f} {macro:>8.3f}")
    print("\nidentity alone, on oracle reports (one event per sentence with a dated gold mention, gold date, our "
          "actors; pairs of sentences with dated mentions in different articles):")
    for name, (tp, sp, gp, _) in oracle_tot.items():
        p, r, f = prf(tp, sp, gp)
        print(f"  {name:<26} merge P {p:.3f} R {r:.3f} F1 {f:.3f} ({tp} of {gp} gold pairs, {sp} proposed)")
    for name, rows in oracle_per_corpus.items():  # a change should help on every corpus, not on the sum only
        print(f"    {name}, per corpus: " + "; ".join(
            f"{cname} P {prf(*c[:3])[0]:.3f} R {prf(*c[:3])[1]:.3f} ({c[0]} of {c[2]}, {c[1]} proposed)"
            for cname, c in rows))
    print("\nmerge threshold sensitivity (ours, cross-article sentence pairs; the default is "
          f"{DEFAULT_CONFIG.MERGE_THRESHOLD}): " + ", ".join(
              f"{t}: P {prf(*sweep_tot[t][:3])[0]:.2f} R {prf(*sweep_tot[t][:3])[1]:.2f} ({sweep_tot[t][1]} pairs)"
              for t in SWEEP))
    tp, sp, gp, reach = merge_tot["ours (merged)"]
    print(f"\nmerge: {gp} gold cross-article sentence pairs, {reach} reachable (both sentences hold a dated event of "
          f"ours); ours (merged) finds {tp} of them with {sp} proposed pairs.")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        sys.exit(f"semeval.py: corpus folder {args.corpus} not found")
    run(args.corpus, args.jobs)


if __name__ == "__main__":
    main()

"""Folding a new extraction into a seed file people may have edited (``timeline extract -o``), without losing an edit."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from ._errors import SeedError
from ._models import Document, Event, SourceRef
from ._seeds import DocumentEntry, read_seed_text, seed_file_path, SeedFile
from ._seed_yaml import document_entry, event_form, PERSON_FIELDS, render_seed, update_text, write_text_atomic
from ._seed_sync import sync_tree


@dataclass
class MergeResult:
    """The outcome of :func:`merge_extracted`: the new text and what happened to each event."""

    path: Path
    text: str
    previous: str | None
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)  # extracted events found hand-edited, now origin: edited
    covered: list[str] = field(default_factory=list)  # new extractions whose source another event already cites

    @property
    def changed(self) -> bool:
        return self.text != self.previous

    def diff(self) -> str:
        """A unified diff from the current file to the merged one (for ``--dry-run``)."""
        old = (self.previous or "").splitlines(keepends=True)
        new = self.text.splitlines(keepends=True)
        name = str(self.path)
        return "".join(difflib.unified_diff(old, new, fromfile=name, tofile=name + " (merged)"))

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.kept)} kept, "
                f"{len(self.stale)} stale" + (f" ({len(self.edited)} found hand-edited)" if self.edited else "")
                + (f", {len(self.covered)} not re-added (their source is cited by another event)" if self.covered else ""))

    def write(self) -> None:
        """Write the merged text (atomically) unless nothing changed."""
        if self.changed:
            write_text_atomic(self.path, self.text)


def _source_key(src: SourceRef) -> tuple:
    expr = (src.expression.start, src.expression.end) if src.expression else None
    return src.document, src.sentence.start, src.sentence.end, expr


def _person_view(form: dict) -> dict:
    return {k: form.get(k) for k in PERSON_FIELDS}


def parser_fingerprint(ev: Event) -> str:
    """A short hash of the fields a person edits, as they stand in ``ev``."""
    view = json.dumps(_person_view(event_form(ev)), sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(view.encode("utf-8")).hexdigest()[:10]


def _as_extracted(ev: Event) -> Event:
    """An event as the parser writes it: origin extracted, not stale, fingerprinted."""
    ev = ev.model_copy(update={"origin": "extracted", "stale": False, "fingerprint": None})
    return ev.model_copy(update={"fingerprint": parser_fingerprint(ev)})


def _edited_by_hand(ev: Event, new: Event) -> bool:
    """Whether a person changed an extracted event since the parser wrote it.

    With a fingerprint the answer is exact, so a better parser still updates events nobody touched;
    files written before fingerprints fall back to comparing with the new extraction.
    """
    if ev.fingerprint:
        return parser_fingerprint(ev) != ev.fingerprint
    return _person_view(event_form(ev)) != _person_view(event_form(new))


def merge_events(old: SeedFile, extracted: list[Event], documents: list, folder: Path | None) -> tuple[SeedFile, MergeResult]:
    """The merged seed file (as a model) and the bookkeeping; see :func:`merge_extracted` for the rules."""
    res = MergeResult(path=Path(), text="", previous=None)
    new_by_id = {e.id: e for e in extracted}
    entries = [document_entry(d, folder) for d in documents]
    doc_ids = {d.id for d in entries}
    all_docs_reextracted = {d.id for d in old.documents} <= doc_ids
    out: list[Event] = []
    for ev in old.events:
        new = new_by_id.pop(ev.id, None)
        if ev.origin == "manual":
            res.kept.append(ev.id)
            out.append(ev)
            continue
        if new is None:
            mine = any(s.document in doc_ids for s in ev.sources) if ev.sources else all_docs_reextracted
            if mine and not ev.stale:
                ev = ev.model_copy(update={"stale": True})
                res.stale.append(ev.id)
            elif mine:
                res.stale.append(ev.id)
            else:
                res.kept.append(ev.id)
            out.append(ev)
            continue
        if ev.stale:
            ev = ev.model_copy(update={"stale": False})
        if ev.origin == "extracted" and _edited_by_hand(ev, new):
            ev = ev.model_copy(update={"origin": "edited"})
            res.edited.append(ev.id)
        if ev.origin == "edited":
            # A person's fields stay as they are; reports the parser newly found (say, in an added
            # article) join the event's sources.
            have = {_source_key(src) for src in ev.sources}
            more = [src for src in new.sources if _source_key(src) not in have]
            if more:
                ev = ev.model_copy(update={"sources": [*ev.sources, *more]})
                res.updated.append(ev.id)
            else:
                res.kept.append(ev.id)
            out.append(ev)
            continue
        merged = _as_extracted(new)
        if event_form(merged) == event_form(ev):
            res.kept.append(ev.id)
        elif ev.fingerprint is None and event_form(merged.model_copy(update={"fingerprint": None})) == event_form(ev):
            res.kept.append(ev.id)  # unchanged, in a file written before fingerprints: leave its bytes alone
            merged = ev
        else:
            res.updated.append(ev.id)
        out.append(merged)
    cited = {_source_key(s) for ev in old.events for s in ev.sources}
    for ev in extracted:
        if ev.id in new_by_id:
            if ev.sources and _source_key(ev.sources[0]) in cited:
                res.covered.append(ev.id)  # a person merged it into another event: do not bring it back
                continue
            out.append(_as_extracted(ev))
            res.added.append(ev.id)
    docs = list(old.documents)
    known = {d.id for d in docs}
    for d in entries:
        if d.id not in known:
            docs.append(d)
            known.add(d.id)
    title = old.title or next((d.title for d in entries if d.title), "")
    return SeedFile(title=title, documents=docs, events=out), res


def merge_extracted(existing_path: str | os.PathLike, extracted: list[Event],
                    documents: list[Document | DocumentEntry]) -> MergeResult:
    """Fold a new extraction into a seed file people may have edited; nothing is written (see MergeResult.write).

    Rules, per event id:

    * ``origin: manual`` or ``edited``: every field is kept as the person left it; an ``edited`` event
      only gains the sources its new extraction has and it lacks (e.g. from an added article);
    * ``origin: extracted`` whose title, date, tags, actors, notes or alternatives no longer match its
      ``fingerprint`` (what the parser wrote): a person changed it; it is kept and becomes ``origin: edited``;
    * otherwise ``extracted``: updated in place from the new extraction (e.g. source offsets);
    * extracted (or edited) events the parser no longer finds: kept, with ``stale: true``;
    * new extractions: added, in date order; except one whose source (sentence and expression) an
      event of the file already cites: a person merged it into that event, it does not come back.

    Only changed values are rewritten: comments, key order and formatting of the rest stay byte-identical.
    When the file does not exist yet, the result is a fresh file.
    """
    from ._validate import check_text

    target = seed_file_path(existing_path)
    folder = target.parent
    if not target.exists():
        entries = [document_entry(d, folder) for d in documents]
        seed = SeedFile(title=next((d.title for d in entries if d.title), ""), documents=entries,
                        events=[_as_extracted(e) for e in extracted])
        res = MergeResult(path=target, text=render_seed(seed, target), previous=None,
                          added=[e.id for e in extracted])
        return res
    previous = read_seed_text(target)
    checked = check_text(previous, target, with_documents=False)
    if checked.problems:
        raise SeedError(checked.problems)
    merged, res = merge_events(checked.seed, extracted, documents, folder)
    res.path, res.previous = target, previous
    if merged == checked.seed:
        res.text = previous
    else:
        res.text = update_text(previous, checked.tree, lambda: sync_tree(checked.tree, checked.seed, merged))
    return res

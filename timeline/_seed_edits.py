"""The dashboard's in-app edits of a seed file: save, add, delete, undo; each refuses when the file changed on
disk since it was loaded (no lost update) and writes atomically.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._errors import SeedError
from ._models import Event
from ._timex import format_when
from ._seeds import find_seed_files, read_seed_text, seed_file_path, SeedConflictError, SeedEditError, SeedFile
from ._seed_yaml import event_blocks, event_form, make_yaml, plain_data, update_text, write_text_atomic
from ._seed_sync import sync_tree


@dataclass(frozen=True)
class SaveResult:
    """What an in-app save wrote: the new text and the file's new mtime (pass it to the next save)."""

    path: Path
    text: str
    mtime_ns: int
    event: Event | None = None


def backup_path(path: Path) -> Path:
    """Where the bytes before the last in-app save are kept for undo: ``.events.yaml.bak`` beside the file."""
    return path.with_name(f".{path.name}.bak")


def _load_for_edit(path: str | os.PathLike, expected_mtime_ns: int | None):
    from ._validate import check_text

    target = seed_file_path(path)
    if not target.exists():
        raise SeedEditError(f"{target}: no such seed file")
    st = target.stat()
    if expected_mtime_ns is not None and st.st_mtime_ns != expected_mtime_ns:
        raise SeedConflictError(
            f"{target} changed on disk since it was loaded; reload it and redo the edit (nothing was saved)"
        )
    raw = target.read_bytes()
    previous = read_seed_text(target)
    checked = check_text(previous, target, with_documents=False)
    if checked.problems:
        raise SeedError(checked.problems)
    return target, raw, previous, checked


def _event_texts(text: str, ids: list[str]) -> tuple[str, list[str]] | None:
    """``text`` split into what comes before its events and one block of lines per event
    (:func:`event_blocks`), when those blocks are exactly the events ``ids``, in order; else None."""
    parts = event_blocks(text)
    if parts is None or [ident for ident, _ in parts[1]] != ids:
        return None
    return parts[0], [b for _, b in parts[1]]


def _spliced_reads_right(old: list[str], new: list[str], k: int, block: str, nl: str, ids: list[str]) -> bool:
    """Whether ``new`` (the event blocks ``old`` with block ``k`` replaced by, or a block inserted at ``k`` as,
    ``block``) reads back right: the blocks around ``k`` as before and ``k`` as ``block`` alone. The rest of
    the file is unchanged byte for byte; a block that spilled into its neighbour would change what that
    one reads as."""
    from ruamel.yaml import YAML

    safe = YAML(typ="safe")
    inserted = len(new) - len(old)
    lo = max(0, k - 1)
    before = safe.load("events:" + nl + "".join(old[lo:k + 2 - inserted]))["events"]
    if [e.get("id") for e in before] != ids[lo:k + 2 - inserted]:
        return False  # the blocks are not the events they were taken for
    item = safe.load("events:" + nl + block)["events"][0]
    if inserted:
        before.insert(k - lo, item)
    else:
        before[k - lo] = item
    after = safe.load("events:" + nl + "".join(new[lo:k + 2]))["events"]
    return plain_data(after) == plain_data(before)


def _one_event_edited(previous: str, old_seed: SeedFile, new_seed: SeedFile) -> str | None:
    """The new text when exactly one event's fields changed, made from that event's lines alone.

    The round-trip tree of a whole file is slow to build (seconds for 1,000 events); here only the
    edited event's block is read round-trip, synced and spliced back, and every other line stays as
    it was. None (use the whole tree) when anything else changed or the file's layout is unusual;
    the result is used only if it reads back as the old data with that one event changed.
    """
    old_ids = [e.id for e in old_seed.events]
    if [e.id for e in new_seed.events] != old_ids or old_seed.title != new_seed.title \
            or old_seed.documents != new_seed.documents:
        return None
    changed = [i for i, (a, b) in enumerate(zip(old_seed.events, new_seed.events)) if a != b]
    parts = _event_texts(previous, old_ids) if len(changed) == 1 else None
    if parts is None:
        return None
    head, texts = parts
    k = changed[0]
    try:
        mini_text = "events:\n" + texts[k]
        mini_tree = make_yaml().load(mini_text)
        mini_old = SeedFile(title=old_seed.title, events=[old_seed.events[k]])
        mini_new = SeedFile(title=old_seed.title, events=[new_seed.events[k]])
        new_mini = update_text(mini_text, mini_tree, lambda: sync_tree(mini_tree, mini_old, mini_new))
        if not new_mini.startswith("events:\n") or not new_mini.endswith("\n"):
            return None
        block = new_mini[len("events:\n"):]
        new_texts = [block if i == k else t for i, t in enumerate(texts)]
        if not _spliced_reads_right(texts, new_texts, k, block, "\n", old_ids):
            return None
    except Exception:  # noqa: BLE001 - any doubt: the whole-file path decides
        return None
    return head + "".join(new_texts)


def _one_event_added(previous: str, old_seed: SeedFile, new_seed: SeedFile) -> str | None:
    """The new text when one event was added and nothing else changed, made by inserting its lines where
    the whole-file path would (date order, a blank line around it). None for layouts it does not know
    (comments next to the insertion point, no blank lines between events): the whole-file path decides."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ._seed_yaml import dump_yaml, EVENT_KEYS, mapping_node

    old_ids = [e.id for e in old_seed.events]
    if [e.id for e in new_seed.events[:-1]] != old_ids or len(new_seed.events) != len(old_ids) + 1 \
            or old_seed.title != new_seed.title or old_seed.documents != new_seed.documents or not old_ids \
            or any(a != b for a, b in zip(old_seed.events, new_seed.events)):
        return None
    parts = _event_texts(previous, old_ids)
    if parts is None:
        return None
    head, texts = parts
    new = new_seed.events[-1]
    pos = next((i for i, e in enumerate(old_seed.events) if e.when.sort_key > new.when.sort_key), len(texts))
    nl = "\r\n" if "\r\n" in previous else "\n"
    try:
        mini = CommentedMap([("events", CommentedSeq([mapping_node(event_form(new), EVENT_KEYS, "event")]))])
        block = dump_yaml(mini, like=previous).split(nl, 1)[1]
        new_texts = list(texts)
        if pos == 0:
            if not head.rstrip().endswith("events:"):
                return None  # comments above the first event: which event they belong to is the whole path's call
            new_texts.insert(0, block + nl)
        else:
            before = texts[pos - 1]
            tail = before[len(before.rstrip()):]
            if tail.count(nl) < (2 if pos < len(texts) else 1) or before.rstrip().splitlines()[-1].lstrip().startswith("#") \
                    or re.search(r":\s*[|>][-+]?\s*$", before, re.M):
                return None  # no blank line between events, comment lines there, or a block scalar's trailing lines
            new_texts.insert(pos, block + nl if pos < len(texts) else (nl if tail.count(nl) < 2 else "") + block)
        if not _spliced_reads_right(texts, new_texts, pos, block, nl, old_ids):
            return None
    except Exception:  # noqa: BLE001 - any doubt: the whole-file path decides
        return None
    return head + "".join(new_texts)


def _commit_edit(target: Path, raw: bytes, previous: str, checked, new_seed: SeedFile, event: Event | None) -> SaveResult:
    text = _one_event_edited(previous, checked.seed, new_seed)
    if text is None:
        text = _one_event_added(previous, checked.seed, new_seed)
    if text is None:
        text = update_text(previous, checked.tree, lambda: sync_tree(checked.tree, checked.seed, new_seed))
    write_text_atomic(backup_path(target), raw)
    write_text_atomic(target, text)
    return SaveResult(target, text, target.stat().st_mtime_ns, event)


def _event_index(seed: SeedFile, event_id: str, target: Path) -> int:
    for i, e in enumerate(seed.events):
        if e.id == event_id:
            return i
    raise SeedEditError(f"{target}: no event with id {event_id!r}")


def _validated_event(data: dict, target: Path) -> Event:
    try:
        return Event.model_validate(data)
    except ValidationError as exc:
        msgs = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err["loc"]) or "event"
            msgs.append(f"{where}: {err['msg'].removeprefix('Value error, ')}")
        raise SeedEditError(f"{target}: " + "; ".join(msgs)) from None


EDITABLE_FIELDS = frozenset(Event.model_fields) - {"id"}


def save_event_edit(path: str | os.PathLike, event_id: str, changes: dict[str, Any],
                    expected_mtime_ns: int | None) -> SaveResult:
    """Change fields of one event (title, when, tags, notes, ...) and save atomically.

    The event becomes ``origin: edited`` (a ``manual`` one stays manual). Raises SeedConflictError when
    the file's mtime is not ``expected_mtime_ns`` (someone else saved it), SeedEditError for a bad value.
    """
    target, raw, previous, checked = _load_for_edit(path, expected_mtime_ns)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise SeedEditError(f"cannot edit {', '.join(sorted(unknown))}: editable fields are {', '.join(sorted(EDITABLE_FIELDS))}")
    seed: SeedFile = checked.seed
    i = _event_index(seed, event_id, target)
    old = seed.events[i]
    data = {**old.model_dump(exclude={"when", "alternatives"}), "when": format_when(old.when),
            "alternatives": [format_when(a) for a in old.alternatives]}
    data.update({k: (format_when(v) if k == "when" and not isinstance(v, str) else v) for k, v in changes.items()})
    if "origin" not in changes and old.origin == "extracted":
        data["origin"] = "edited"
    new = _validated_event(data, target)
    if event_form(new) == event_form(old):
        return SaveResult(target, previous, target.stat().st_mtime_ns, old)
    events = list(seed.events)
    events[i] = new
    return _commit_edit(target, raw, previous, checked, seed.model_copy(update={"events": events}), new)


def new_event_id(title: str, when: str, taken: set[str]) -> str:
    """A readable id from date and title: ``2025-08-kim-announces-museum-plans`` (unique in ``taken``)."""
    slug = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = "-".join(re.findall(r"[a-z0-9]+", slug)[:8]) or "event"
    prefix = re.sub(r"[^0-9A-Za-z-]+", "-", when).strip("-").lower()
    base = f"{prefix}-{slug}" if prefix else slug
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def add_event(path: str | os.PathLike, event: Event | dict[str, Any], expected_mtime_ns: int | None) -> SaveResult:
    """Add an event (``origin: manual`` unless given; an id is made from date and title when missing)."""
    target, raw, previous, checked = _load_for_edit(path, expected_mtime_ns)
    seed: SeedFile = checked.seed
    data = event.model_dump() if isinstance(event, Event) else dict(event)
    if isinstance(event, Event):
        data["when"] = format_when(event.when)
        data["alternatives"] = [format_when(a) for a in event.alternatives]
    data.setdefault("origin", "manual")
    taken = {e.id for e in seed.events}
    if not data.get("id"):
        data["id"] = new_event_id(str(data.get("title", "")), str(data.get("when", "")), taken)
    elif data["id"] in taken:
        raise SeedEditError(f"{target}: an event with id {data['id']!r} already exists")
    new = _validated_event(data, target)
    return _commit_edit(target, raw, previous, checked, seed.model_copy(update={"events": [*seed.events, new]}), new)


def delete_event(path: str | os.PathLike, event_id: str, expected_mtime_ns: int | None) -> SaveResult:
    """Remove an event from the file (undo with :func:`undo_last_save`)."""
    target, raw, previous, checked = _load_for_edit(path, expected_mtime_ns)
    seed: SeedFile = checked.seed
    i = _event_index(seed, event_id, target)
    removed = seed.events[i]
    events = [e for j, e in enumerate(seed.events) if j != i]
    return _commit_edit(target, raw, previous, checked, seed.model_copy(update={"events": events}), removed)


def can_undo(path: str | os.PathLike) -> bool:
    return backup_path(seed_file_path(path)).exists()


def undo_last_save(path: str | os.PathLike, expected_mtime_ns: int | None = None) -> SaveResult:
    """Put back the file as it was before the last in-app save (one level; a second undo redoes)."""
    target = seed_file_path(path)
    bak = backup_path(target)
    if not bak.exists():
        raise SeedEditError(f"{target}: nothing to undo")
    if expected_mtime_ns is not None and target.exists() and target.stat().st_mtime_ns != expected_mtime_ns:
        raise SeedConflictError(
            f"{target} changed on disk since it was loaded; undo refused so that change is not lost"
        )
    old = bak.read_bytes()
    current = target.read_bytes() if target.exists() else None
    write_text_atomic(target, old)
    if current is not None:
        write_text_atomic(bak, current)
    else:
        bak.unlink()
    return SaveResult(target, old.decode("utf-8"), target.stat().st_mtime_ns, None)


def event_files(paths: list[str | os.PathLike] | str | os.PathLike) -> dict[str, tuple[Path, int]]:
    """Which seed file holds each event, with that file's mtime (for the edit functions' conflict check).

    Reads the files without their articles (fast); files with problems are skipped.
    """
    from ._validate import check_seed

    out: dict[str, tuple[Path, int]] = {}
    for f in find_seed_files(paths):
        checked = check_seed(f, with_documents=False)
        if checked.seed is None or checked.mtime_ns is None:
            continue
        for ev in checked.seed.events:
            out.setdefault(ev.id, (f, checked.mtime_ns))
    return out

"""Seed files: ``seeds/<story>/events.yaml``, the hand-editable form of a timeline.

A seed file names its articles (``documents``) and lists its ``events``. People edit it freely; the
parser merges into it without losing an edit. Everything here works on the ruamel.yaml round-trip
tree, so comments, key order and the formatting of parts nobody touched stay byte-identical:

* :func:`load_seed` / :func:`load_timeline` read and check seed files (every problem, with its line),
* :func:`render_seed` / :func:`write_seed` write one (atomically: temp file, fsync, rename),
* :func:`merge_extracted` folds a new extraction into an existing file,
* :func:`save_event_edit`, :func:`add_event`, :func:`delete_event`, :func:`undo_last_save` are the
  dashboard's in-app edits; each refuses when the file changed on disk since it was loaded.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import io
import json
import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.scalarstring import LiteralScalarString

from ._errors import Problem, SeedError, TimelineError
from ._models import Document, Event, SourceRef, Timeline
from ._timex import format_when

__all__ = [
    "SEED_FILE_NAME",
    "DocumentEntry",
    "MergeResult",
    "SaveResult",
    "SeedConflictError",
    "SeedEditError",
    "SeedFile",
    "add_event",
    "delete_event",
    "event_files",
    "find_seed_files",
    "load_seed",
    "load_timeline",
    "merge_extracted",
    "render_seed",
    "save_event_edit",
    "seed_file_path",
    "undo_last_save",
    "write_seed",
    "write_text_atomic",
]

SEED_FILE_NAME = "events.yaml"
SCHEMA_RELPATH = Path("schema") / "events.schema.json"
DATE_NOTATIONS = "2025-08, 2025-SP, late 2025-12, ~2024, 2025-04-01..2025-04-30"


# --------------------------------------------------------------------------------------------- models


class DocumentEntry(BaseModel):
    """An article of a seed file: the metadata of :class:`timeline.Document`, without its text."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, description="Stable identifier that event sources refer to (source.document).")
    path: str = Field(min_length=1, description="The article file (.txt, .md, .html), relative to this file's folder.")
    title: str = Field(default="", description="Headline or title of the article.")
    url: str | None = Field(default=None, description="Where the article was published, if known.")
    published: dt.date | None = Field(
        default=None, description="Document creation time (DCT), YYYY-MM-DD: relative dates resolve against it."
    )
    language: str = Field(default="en", description="ISO 639-1 language code of the text.")


class SeedFile(BaseModel):
    """A seed file (``events.yaml``): the articles of one story and the events dated from them."""

    model_config = ConfigDict(extra="forbid", title="timeline seed file")

    title: str = Field(default="", description="Title of the story.")
    documents: list[DocumentEntry] = Field(default_factory=list, description="The articles the events come from.")
    events: list[Event] = Field(
        default_factory=list,
        description="Dated events. 'when' is written in short form: " + DATE_NOTATIONS + ".",
    )


class SeedEditError(TimelineError):
    """An in-app edit that cannot be saved (unknown event, invalid value, nothing to undo)."""


class SeedConflictError(SeedEditError):
    """The seed file changed on disk since it was loaded: saving would lose someone's edit."""


# ------------------------------------------------------------------------------------------ paths


def seed_file_path(path: str | os.PathLike) -> Path:
    """The events file a path names: the file itself, or ``events.yaml`` inside a seed folder."""
    p = Path(path)
    return p / SEED_FILE_NAME if p.is_dir() else p


def find_seed_files(paths: list[str | os.PathLike] | str | os.PathLike) -> list[Path]:
    """Every seed file under ``paths``: files as given, folders searched for ``events.yaml`` (recursively).

    Raises SeedError when a path does not exist or a folder holds no seed file.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            problems.append(Problem(str(p), 1, 1, "", "no such file or folder"))
        elif p.is_dir():
            inner = sorted(
                f for f in p.rglob(SEED_FILE_NAME) if not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not inner:
                problems.append(Problem(str(p), 1, 1, "", f"no {SEED_FILE_NAME} in this folder or below"))
            found.extend(inner)
        else:
            found.append(p)
    if problems:
        raise SeedError(problems)
    unique: dict[Path, Path] = {}
    for f in found:
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


# ------------------------------------------------------------------------------------------ loading


def load_seed(path: str | os.PathLike) -> SeedFile:
    """Read and check a seed file (an ``events.yaml`` or a folder holding one).

    Raises SeedError listing every problem found (syntax, unknown fields, bad dates, duplicate ids,
    sources that do not match their article, missing article files), each with its line and column.
    """
    from ._validate import check_seed

    checked = check_seed(seed_file_path(path))
    if checked.problems:
        raise SeedError(checked.problems)
    assert checked.seed is not None
    return checked.seed


def load_timeline(paths: list[str | os.PathLike] | str | os.PathLike) -> Timeline:
    """Load seed files (files, seed folders, or folders of seed folders) into one :class:`Timeline`.

    Articles are read with their text and paragraphs; events are ordered by date. Raises SeedError
    with every problem of every file.
    """
    from ._validate import check_seed

    problems: list[Problem] = []
    titles: list[str] = []
    documents: dict[str, Document] = {}
    events: dict[str, Event] = {}
    origin_file: dict[str, str] = {}
    for f in find_seed_files(paths):
        checked = check_seed(f)
        problems.extend(checked.problems)
        if checked.problems or checked.seed is None:
            continue
        if checked.seed.title:
            titles.append(checked.seed.title)
        for doc_id, doc in checked.documents.items():
            documents.setdefault(doc_id, doc)
        for i, ev in enumerate(checked.seed.events):
            if ev.id in events:
                line, col = checked.position(("events", i, "id"))
                problems.append(
                    Problem(str(f), line, col, f"events[{i}].id", f"event id {ev.id!r} is also used in {origin_file[ev.id]}")
                )
                continue
            events[ev.id] = ev
            origin_file[ev.id] = str(f)
    if problems:
        raise SeedError(problems)
    return Timeline(
        title=" · ".join(dict.fromkeys(titles)),
        documents=list(documents.values()),
        events=sorted(events.values(), key=lambda e: e.when.sort_key),
    )


# ------------------------------------------------------------------------------------------ YAML


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that reads an impossible date (``2025-02-30``) as text for the models to report."""

    def construct_yaml_timestamp(self, node, values=None):
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def make_yaml() -> YAML:
    """The round-trip YAML reader/writer every seed file goes through (one style everywhere)."""
    y = YAML(typ="rt")
    y.Constructor = _Constructor
    y.preserve_quotes = True
    y.width = 4096  # never fold long titles or quotes
    y.indent(mapping=2, sequence=4, offset=2)
    return y


_SEQ_ITEM = re.compile(r"^( *)-( +)\S", re.M)


def guess_indent(text: str) -> tuple[int, int, int] | None:
    """(mapping, sequence, offset) indentation of a seed file, from its first block-sequence item.

    ``events:\n  - id: x\n    title: ...`` is (2, 4, 2); ``events:\n- id: x\n  title: ...`` is (2, 2, 0).
    """
    m = _SEQ_ITEM.search(text)
    if m is None:
        return None
    offset = len(m.group(1))
    seq = offset + 1 + len(m.group(2))
    return seq - offset, seq, offset


def dump_yaml(tree: Any, *, like: str | None = None) -> str:
    """The text of a round-trip tree; with ``like``, in that text's indentation and line endings."""
    y = make_yaml()
    if like is not None:
        guess = guess_indent(like)
        if guess is not None and guess[1] > guess[2]:
            y.indent(mapping=guess[0], sequence=guess[1], offset=guess[2])
    buf = io.StringIO()
    y.dump(tree, buf)
    text = buf.getvalue()
    if like is not None and "\r\n" in like:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text


def _splice(original: str, baseline: str, modified: str) -> str:
    """Carry the changes between ``baseline`` and ``modified`` over to ``original``, line by line.

    ``baseline`` is ruamel's re-dump of the unchanged tree of ``original``: it differs from it only
    where ruamel normalises formatting (spacing in ``[1,2]``, a ``---`` line, trailing blanks).
    Lines the change did not touch are taken from ``original``, so they stay byte for byte.
    """
    O = original.splitlines(keepends=True)
    B = baseline.splitlines(keepends=True)
    M = modified.splitlines(keepends=True)
    same: dict[int, int] = {}  # baseline line -> original line
    group: dict[int, tuple[int, int, int, int]] = {}  # baseline line -> (b1, b2, o1, o2) reformatted together
    extra: dict[int, list[str]] = {}  # original-only lines that come before baseline line i
    for tag, b1, b2, o1, o2 in difflib.SequenceMatcher(None, B, O, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and b2 - b1 == o2 - o1):  # reformatted line for line
            same.update({b1 + k: o1 + k for k in range(b2 - b1)})
        elif tag == "insert":
            extra.setdefault(b1, []).extend(O[o1:o2])
        else:  # replace / delete
            for i in range(b1, b2):
                group[i] = (b1, b2, o1, o2)
    out: list[str] = []
    for tag, b1, b2, m1, m2 in difflib.SequenceMatcher(None, B, M, autojunk=False).get_opcodes():
        if tag != "equal":
            out.extend(M[m1:m2])
            continue
        for i in range(b1, b2):
            out.extend(extra.get(i, ()))
            if i in same:
                out.append(O[same[i]])
            elif i in group:
                g1, g2, o1, o2 = group[i]
                if b1 <= g1 and g2 <= b2:
                    if i == g1:
                        out.extend(O[o1:o2])
                else:
                    out.append(B[i])
    out.extend(extra.get(len(B), ()))
    return "".join(out)


_ITEM_ID = re.compile(r"""^\s*(?:-\s+)?id:\s*(?P<q>['"]?)(?P<id>.*?)(?P=q)\s*(?:#.*)?$""")


def _event_blocks(text: str, offset: int) -> tuple[str, list[tuple[str | None, str]]] | None:
    """Split a seed file into what comes before its first event and one block per event item
    (from its ``- `` line to the next one, trailing comments included), keyed by event id."""
    lines = text.splitlines(keepends=True)
    try:
        start = next(i for i, l in enumerate(lines) if re.match(r"events:\s*(#.*)?$", l.rstrip("\r\n")))
    except StopIteration:
        return None
    dash = re.compile(rf"^ {{{offset}}}-( +|$)")
    starts = [i for i in range(start + 1, len(lines)) if dash.match(lines[i])]
    if any(l.strip() and not l[0].isspace() and not l.startswith(("#", "-")) for l in lines[start + 1:]):
        return None  # another top-level key after the events: keep it simple
    blocks = []
    for a, b in zip(starts, [*starts[1:], len(lines)]):
        ident = None
        for l in lines[a:b]:
            m = _ITEM_ID.match(l.rstrip("\r\n"))
            if m:
                ident = m.group("id")
                break
        blocks.append((ident, "".join(lines[a:b])))
    return "".join(lines[: starts[0] if starts else len(lines)]), blocks


def _splice_events(original: str, baseline: str, modified: str) -> str | None:
    """Rebuild the file event by event: an event whose text did not change is copied from ``original``."""
    guess = guess_indent(original)
    parts = [_event_blocks(t, guess[2] if guess else 2) for t in (original, baseline, modified)]
    if any(p is None for p in parts):
        return None
    (o_head, o_blocks), (b_head, b_blocks), (m_head, m_blocks) = parts
    o_by_id, b_by_id = dict(o_blocks), dict(b_blocks)
    if len(o_by_id) != len(o_blocks) or None in o_by_id or o_by_id.keys() != b_by_id.keys():
        return None
    out = [o_head if b_head == m_head else m_head]
    for ident, block in m_blocks:
        same = ident is not None and b_by_id.get(ident) == block
        out.append(o_by_id[ident] if same else block)
    return "".join(out)


def update_text(original: str, tree: Any, apply) -> str:
    """Apply a change to the round-trip tree of ``original`` and return the new text.

    Untouched lines come from ``original`` itself: line by line (:func:`_splice`), else event by
    event (:func:`_splice_events`); a candidate is used only if it reads back as the changed tree,
    otherwise ruamel's own dump of the whole file is.
    """
    baseline = dump_yaml(tree, like=original)
    apply()
    modified = dump_yaml(tree, like=original)
    if modified == baseline:
        return original
    if baseline == original:
        return modified
    wanted = _plain_data(tree)
    for splice in (_splice, _splice_events):
        candidate = splice(original, baseline, modified)
        if candidate is None:
            continue
        try:
            if _plain_data(make_yaml().load(candidate)) == wanted:
                return candidate
        except Exception:  # a candidate that does not parse is simply not used
            continue
    return modified


def _plain_data(node: Any) -> Any:
    if isinstance(node, dict):
        return [(k, _plain_data(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [_plain_data(v) for v in node]
    return node


def _flow(items: list) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def when_scalar(reading) -> Any:
    """The YAML scalar for a date: ``2024`` and ``2026-01-16`` unquoted, other forms as text."""
    s = format_when(reading)
    if re.fullmatch(r"[1-9]\d{3}", s):
        return int(s)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            return s
    return s


def _text_scalar(s: str) -> Any:
    return LiteralScalarString(s) if "\n" in s else s


# The canonical, plain form of records as written in a seed file. Comparing these forms (not the
# models) decides what changed: "late 2025-12" and {value: 2025-12, mod: LATE} are the same date.

EVENT_KEYS = ("id", "title", "when", "origin", "stale", "tags", "actors", "notes", "alternatives", "sources",
              "fingerprint")
SOURCE_KEYS = ("document", "paragraph", "sentence", "expression", "quote")
DOCUMENT_KEYS = ("id", "path", "title", "url", "published", "language")


def source_form(src: SourceRef) -> dict:
    out: dict[str, Any] = {"document": src.document, "paragraph": src.paragraph,
                           "sentence": [src.sentence.start, src.sentence.end]}
    if src.expression is not None:
        out["expression"] = [src.expression.start, src.expression.end]
    if src.quote:
        out["quote"] = src.quote
    return out


def event_form(ev: Event) -> dict:
    """An event as written: defaults and empty lists left out (except ``tags``, an invitation to add some)."""
    out: dict[str, Any] = {"id": ev.id, "title": ev.title, "when": format_when(ev.when), "origin": ev.origin}
    if ev.stale:
        out["stale"] = True
    out["tags"] = list(ev.tags)
    if ev.actors:
        out["actors"] = list(ev.actors)
    if ev.notes:
        out["notes"] = ev.notes
    if ev.alternatives:
        out["alternatives"] = [format_when(a) for a in ev.alternatives]
    if ev.sources:
        out["sources"] = [source_form(s) for s in ev.sources]
    if ev.fingerprint:
        out["fingerprint"] = ev.fingerprint
    return out


def document_form(doc: DocumentEntry) -> dict:
    out: dict[str, Any] = {"id": doc.id, "path": doc.path}
    if doc.title:
        out["title"] = doc.title
    if doc.url:
        out["url"] = doc.url
    if doc.published:
        out["published"] = doc.published.isoformat()
    out["language"] = doc.language
    return out


_PERSON_FIELDS = ("title", "when", "tags", "actors", "notes", "alternatives")
"""Fields a person edits; an extracted event whose values here differ from the extraction was hand-edited."""


def _node(key: str, value: Any, *, parent: str) -> Any:
    """The ruamel node for one value of the canonical form."""
    if parent == "event":
        if key == "when":
            from ._timex import parse_when

            return when_scalar(parse_when(value))
        if key in ("tags", "actors", "alternatives"):
            return _flow(list(value))
        if key == "notes" or key == "title":
            return _text_scalar(value)
        if key == "sources":
            seq = CommentedSeq()
            for s in value:
                seq.append(_mapping(s, SOURCE_KEYS, "source"))
            return seq
    if parent == "source" and key in ("sentence", "expression"):
        return _flow(list(value))
    if parent == "document" and key == "published":
        return dt.date.fromisoformat(value)
    return value


def _mapping(form: dict, keys: tuple[str, ...], kind: str) -> CommentedMap:
    m = CommentedMap()
    for k in keys:
        if k in form:
            m[k] = _node(k, form[k], parent=kind)
    return m


# ------------------------------------------------------------------------------------------ rendering


def _as_seed(seed: SeedFile | Timeline, folder: Path | None) -> SeedFile:
    if isinstance(seed, SeedFile):
        return seed
    entries = [document_entry(d, folder) for d in seed.documents]
    return SeedFile(title=seed.title, documents=entries, events=list(seed.events))


def document_entry(doc: Document | DocumentEntry, folder: Path | None = None) -> DocumentEntry:
    """The seed-file entry for an article; its path made relative to the seed file's folder."""
    if isinstance(doc, DocumentEntry):
        return doc
    path = doc.path or f"{doc.id}.txt"
    p = Path(path)
    if folder is not None and (p.is_absolute() or (not (folder / p).exists() and p.exists())):
        path = os.path.relpath(p.resolve(), folder.resolve())  # absolute or relative to the working folder
    return DocumentEntry(id=doc.id, path=Path(path).as_posix(), title=doc.title, url=doc.url,
                         published=doc.published, language=doc.language)


def schema_reference(folder: Path | None) -> str | None:
    """The relative path from ``folder`` to the project's ``schema/events.schema.json``, if one is found."""
    if folder is None:
        return None
    here = folder.resolve()
    for parent in (here, *here.parents):
        candidate = parent / SCHEMA_RELPATH
        if candidate.is_file():
            return Path(os.path.relpath(candidate, here)).as_posix()
    return None


def header_comment(title: str, folder: Path | None) -> str:
    lines = []
    ref = schema_reference(folder)
    if ref:
        lines.append(f"yaml-language-server: $schema={ref}")
    story = f' "{" ".join(title.split())}"' if title.strip() else ""
    lines.append(f"Events of the story{story}. Edit freely: fix a title or a date, add tags or notes, "
                 "add events with origin: manual.")
    lines.append(f"Re-running `timeline extract` merges: your edits are kept. Dates: {DATE_NOTATIONS}")
    return "\n".join(lines)


def build_tree(seed: SeedFile, folder: Path | None = None) -> CommentedMap:
    """A fresh, commented round-trip tree for a seed file, events ordered by date."""
    root = CommentedMap()
    root["title"] = seed.title
    root.yaml_set_start_comment(header_comment(seed.title, folder))
    docs = CommentedSeq()
    for d in seed.documents:
        m = _mapping(document_form(d), DOCUMENT_KEYS, "document")
        m.yaml_add_eol_comment("relative to this file's folder", "path", column=36)
        if "published" in m:
            m.yaml_add_eol_comment("the DCT (relative dates resolve against it)", "published", column=36)
        docs.append(m)
    root["documents"] = docs
    events = CommentedSeq()
    for ev in sorted(seed.events, key=lambda e: e.when.sort_key):
        events.append(_mapping(event_form(ev), EVENT_KEYS, "event"))
    root["events"] = events
    return root


_EVENT_ITEM = re.compile(r"^  - ", re.M)


def _space_events(text: str) -> str:
    """A blank line between events, for the eye (the round trip keeps them)."""
    head, sep, body = text.partition("\nevents:\n")
    if not sep:
        return text
    first = True

    def blank(m: re.Match) -> str:
        nonlocal first
        if first:
            first = False
            return m.group(0)
        return "\n" + m.group(0)

    return head + sep + _EVENT_ITEM.sub(blank, body)


def render_seed(seed: SeedFile | Timeline, path: str | os.PathLike | None = None, *,
                previous: str | None = None) -> str:
    """The text of a seed file for ``seed``.

    With ``previous`` (the file's current text), the previous file is updated in place: only values
    that differ change; comments, order and formatting of everything else stay byte-identical.
    """
    folder = seed_file_path(path).parent if path is not None else None
    seed = _as_seed(seed, folder)
    if previous is None:
        return _space_events(dump_yaml(build_tree(seed, folder)))
    from ._validate import check_text

    checked = check_text(previous, seed_file_path(path) if path else Path(SEED_FILE_NAME), with_documents=False)
    if checked.problems:
        raise SeedError(checked.problems)
    if seed == checked.seed:
        return previous
    return update_text(previous, checked.tree, lambda: sync_tree(checked.tree, checked.seed, seed))


def write_seed(seed: SeedFile | Timeline, path: str | os.PathLike, *, previous: str | None = None) -> str:
    """Write ``seed`` to ``path`` (an events.yaml or a seed folder) atomically and return the text.

    ``previous`` as in :func:`render_seed`. Use :func:`merge_extracted` to re-extract into a file people edit.
    """
    target = seed_file_path(path)
    text = render_seed(seed, target, previous=previous)
    write_text_atomic(target, text)
    return text


def write_text_atomic(path: str | os.PathLike, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves either the old or the new file, never half of one.

    Writes a temp file in the same folder, fsyncs it, renames it over the target and fsyncs the folder.
    """
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(dfd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(dfd)


# ------------------------------------------------------------------------------------------ in-place sync


def _set_key(m: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Set ``m[key]``; a new key goes where the canonical order puts it among the keys present."""
    if key in m:
        m[key] = value
        return
    pos = 0
    for i, k in enumerate(m):
        if k in order and order.index(k) < order.index(key):
            pos = i + 1
    m.insert(pos, key, value)


def _sync_mapping(m: CommentedMap, old: dict, new: dict, keys: tuple[str, ...], kind: str) -> bool:
    """Change only the keys of ``m`` whose canonical value differs; True when something changed."""
    changed = False
    for k in keys:
        if old.get(k) == new.get(k):
            continue  # same value (an omitted default and a written one count as equal)
        if k not in new:
            if k in m:
                del m[k]
                changed = True
            continue
        if kind == "event" and k == "sources" and isinstance(m.get(k), CommentedSeq) and k in old:
            changed |= _sync_sources(m[k], old[k], new[k])
            continue
        _set_key(m, k, _node(k, new[k], parent=kind), keys)
        changed = True
    return changed


def _sync_sources(seq: CommentedSeq, old: list[dict], new: list[dict]) -> bool:
    if len(seq) != len(old):  # cannot pair items safely: replace the list
        seq[:] = [_mapping(s, SOURCE_KEYS, "source") for s in new]
        return True
    changed = False
    for i, s in enumerate(new):
        if i < len(seq) and isinstance(seq[i], CommentedMap):
            changed |= _sync_mapping(seq[i], old[i], s, SOURCE_KEYS, "source")
        else:
            seq.append(_mapping(s, SOURCE_KEYS, "source"))
            changed = True
    while len(seq) > len(new):
        del seq[len(new)]
        changed = True
    return changed


def _insert_position(seq: CommentedSeq, current: list[Event], ev: Event) -> int:
    key = ev.when.sort_key
    for i, other in enumerate(current):
        if other.when.sort_key > key:
            return i
    return len(seq)


def _trailing(node: Any):
    """Where ruamel keeps what follows the last line of an item: the comment token of its deepest
    last value (its end-of-line comment, then blank and comment lines), and the end comments of
    the collections on the way down to it (innermost first)."""
    holders: list[Any] = []
    while True:
        if isinstance(node, (CommentedMap, CommentedSeq)) and len(node) and not node.fa.flow_style():
            holders.append(node)
        if isinstance(node, CommentedMap) and len(node):
            key = list(node)[-1]
            val = node[key]
            if isinstance(val, (CommentedMap, CommentedSeq)) and len(val) and not val.fa.flow_style():
                node = val
                continue
            entry = node.ca.items.get(key)
            return (entry[2] if entry and len(entry) > 2 else None), holders[::-1]
        if isinstance(node, CommentedSeq) and len(node):
            idx = len(node) - 1
            val = node[idx]
            if isinstance(val, (CommentedMap, CommentedSeq)) and len(val) and not val.fa.flow_style():
                node = val
                continue
            entry = node.ca.items.get(idx)
            return (entry[0] if entry else None), holders[::-1]
        return None, holders[::-1]


def _trailing_token(node: Any):
    return _trailing(node)[0]


def _take_following_lines(item: Any) -> str:
    """Cut the blank and comment lines that follow an item out of it (its end-of-line comment stays)."""
    token, holders = _trailing(item)
    rest = ""
    v = getattr(token, "value", None)
    if isinstance(v, str):
        if v.lstrip(" \t").startswith("#"):
            i = v.find("\n")
            if i >= 0:
                token.value, rest = v[: i + 1], v[i + 1:]
        elif v.startswith("\n"):
            token.value, rest = "\n", v[1:]
    for holder in holders:
        end = getattr(holder.ca, "end", None)
        if end:
            for tok in end:
                col = getattr(getattr(tok, "start_mark", None), "column", 0) or 0
                text = tok.value
                rest += (" " * col + text) if text.lstrip(" ").startswith("#") else text
            holder.ca.end = []
    return rest


def _pre_comment_lists(seq: CommentedSeq, idx: int) -> list[list]:
    """The lists holding the comment lines before item ``idx``: ruamel keeps them on the item's
    mapping or on the sequence (and the representer checks the two agree)."""
    lists: list[list] = []
    node = seq[idx]
    if isinstance(node, CommentedMap) and node.ca.comment is not None and len(node.ca.comment) > 1 and node.ca.comment[1]:
        lists.append(node.ca.comment[1])
    entry = seq.ca.items.get(idx)
    if entry is not None and len(entry) > 1 and entry[1] and not any(entry[1] is l for l in lists):
        lists.append(entry[1])
    return lists


def _pre_comment(seq: CommentedSeq, idx: int, text: str) -> None:
    """Put ``text`` (blank lines, comment lines) before item ``idx``, ahead of the lines it has."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    token = CommentToken(text, CommentMark(0), None)
    lists = _pre_comment_lists(seq, idx)
    if not lists:
        entry = seq.ca.items.setdefault(idx, [None, None, None, None])
        if entry[1] is None:
            entry[1] = []
        lists = [entry[1]]
    for lst in lists:
        lst.insert(0, token)


def _make_room(seq: CommentedSeq, pos: int) -> None:
    """Blank lines around a new event inserted at ``pos``; comments that stood above the next event stay above it."""
    has_after = pos + 1 < len(seq)
    if pos == 0:
        if has_after and not _pre_comment_lists(seq, 1):
            _pre_comment(seq, 1, "\n")
        return
    if not has_after:
        token = _trailing_token(seq[pos - 1])
        if token is None or "\n\n" not in "\n" + token.value.split("\n", 1)[-1]:
            _pre_comment(seq, pos, "\n")
        return
    rest = _take_following_lines(seq[pos - 1])
    _pre_comment(seq, pos, "\n")
    if rest:
        _pre_comment(seq, pos + 1, rest)
    elif not _pre_comment_lists(seq, pos + 1):
        _pre_comment(seq, pos + 1, "\n")


def sync_tree(tree: CommentedMap, old: SeedFile, new: SeedFile) -> None:
    """Make the round-trip ``tree`` (which holds ``old``) hold ``new``, touching only what differs."""
    if old.title != new.title:
        _set_key(tree, "title", new.title, ("title", "documents", "events"))
    # documents, matched by id
    if [document_form(d) for d in old.documents] != [document_form(d) for d in new.documents]:
        if not isinstance(tree.get("documents"), CommentedSeq):
            _set_key(tree, "documents", CommentedSeq(), ("title", "documents", "events"))
        seq = tree["documents"]
        old_by_id = {d.id: i for i, d in enumerate(old.documents)}
        keep = {d.id for d in new.documents}
        for i in reversed(range(len(old.documents))):
            if old.documents[i].id not in keep:
                del seq[i]
        current = [d for d in old.documents if d.id in keep]
        for d in new.documents:
            form = document_form(d)
            if d.id in old_by_id:
                idx = next(i for i, c in enumerate(current) if c.id == d.id)
                _sync_mapping(seq[idx], document_form(current[idx]), form, DOCUMENT_KEYS, "document")
            else:
                m = _mapping(form, DOCUMENT_KEYS, "document")
                m.yaml_add_eol_comment("relative to this file's folder", "path", column=36)
                seq.append(m)
                current.append(d)
    # events, matched by id; existing order kept, new ones inserted by date
    if not isinstance(tree.get("events"), CommentedSeq):
        _set_key(tree, "events", CommentedSeq(), ("title", "documents", "events"))
    seq = tree["events"]
    keep = {e.id for e in new.events}
    for i in reversed(range(len(old.events))):
        if old.events[i].id not in keep:
            del seq[i]
    current = [e for e in old.events if e.id in keep]
    for ev in new.events:
        form = event_form(ev)
        idx = next((i for i, c in enumerate(current) if c.id == ev.id), None)
        if idx is not None:
            _sync_mapping(seq[idx], event_form(current[idx]), form, EVENT_KEYS, "event")
            current[idx] = ev
            continue
        pos = _insert_position(seq, current, ev)
        seq.insert(pos, _mapping(form, EVENT_KEYS, "event"))
        current.insert(pos, ev)
        if len(seq) > 1:
            _make_room(seq, pos)


# ------------------------------------------------------------------------------------------ merge


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
    return {k: form.get(k) for k in _PERSON_FIELDS}


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
    previous = _read_seed_text(target)
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


def _read_seed_text(path: Path) -> str:
    from ._validate import read_seed_bytes

    text, problem = read_seed_bytes(path)
    if problem is not None:
        raise SeedError([problem])
    return text


# ------------------------------------------------------------------------------------------ in-app edits


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
    previous = _read_seed_text(target)
    checked = check_text(previous, target, with_documents=False)
    if checked.problems:
        raise SeedError(checked.problems)
    return target, raw, previous, checked


def _commit_edit(target: Path, raw: bytes, previous: str, checked, new_seed: SeedFile, event: Event | None) -> SaveResult:
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

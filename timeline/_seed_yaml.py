"""Seed files as text: the ruamel.yaml round-trip tree, the written form of each record, rendering and atomic writes.

Unchanged lines are spliced back from the original text, so a file a person formatted by hand keeps its
formatting wherever its values did not change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import io
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.scalarstring import LiteralScalarString

from ._errors import SeedError
from ._models import Document, Event, SourceRef, Timeline
from ._timex import format_when
from ._seeds import DATE_NOTATIONS, DocumentEntry, SCHEMA_RELPATH, SEED_FILE_NAME, seed_file_path, SeedFile


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


def event_blocks(text: str, offset: int | None = None) -> tuple[str, list[tuple[str | None, str]]] | None:
    """Split a seed file into what comes before its first event and one block per event item
    (from its ``- `` line to the next one, trailing comments included), keyed by event id.
    ``offset``: the items' indentation (by default guessed from ``text``)."""
    if offset is None:
        guess = guess_indent(text)
        offset = guess[2] if guess else 2
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
    parts = [event_blocks(t, guess[2] if guess else 2) for t in (original, baseline, modified)]
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


_OWN_DUMPS: dict[bytes, None] = {}
"""Digests of texts that are ruamel's own dump of their tree (newest last, at most 64): consecutive
edits of one file in the app need one dump each instead of two."""


def _remember_own_dump(text: str) -> None:
    _OWN_DUMPS[hashlib.sha1(text.encode("utf-8")).digest()] = None
    while len(_OWN_DUMPS) > 64:
        del _OWN_DUMPS[next(iter(_OWN_DUMPS))]


def update_text(original: str, tree: Any, apply) -> str:
    """Apply a change to the round-trip tree of ``original`` and return the new text.

    Untouched lines come from ``original`` itself: line by line (:func:`_splice`), else event by
    event (:func:`_splice_events`); a candidate is used only if it reads back as the changed tree,
    otherwise ruamel's own dump of the whole file is.
    """
    key = hashlib.sha1(original.encode("utf-8")).digest()
    # a text ruamel wrote itself re-dumps unchanged: skip that (slow) dump for it
    baseline = original if key in _OWN_DUMPS else dump_yaml(tree, like=original)
    apply()
    modified = dump_yaml(tree, like=original)
    if modified == baseline:
        return original
    if baseline == original:
        _remember_own_dump(modified)
        return modified
    wanted = plain_data(tree)
    for splice in (_splice, _splice_events):
        candidate = splice(original, baseline, modified)
        if candidate is not None and _reads_back_as(candidate, wanted):
            return candidate
    return modified


def _reads_back_as(candidate: str, wanted: Any) -> bool:
    """True when ``candidate`` parses to ``wanted``: first with the fast safe loader, then round-trip."""
    for reader in (YAML(typ="safe"), make_yaml()):  # C-backed and fast / slow but reads every tag
        try:
            if plain_data(reader.load(candidate)) == wanted:
                return True
        except Exception:  # noqa: BLE001 - not readable this way: try the next reader, else not used
            continue
    return False


def plain_data(node: Any) -> Any:
    if isinstance(node, dict):
        return [(k, plain_data(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [plain_data(v) for v in node]
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


PERSON_FIELDS = ("title", "when", "tags", "actors", "notes", "alternatives")
"""Fields a person edits; an extracted event whose values here differ from the extraction was hand-edited."""


def value_node(key: str, value: Any, *, parent: str) -> Any:
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
                seq.append(mapping_node(s, SOURCE_KEYS, "source"))
            return seq
    if parent == "source" and key in ("sentence", "expression"):
        return _flow(list(value))
    if parent == "document" and key == "published":
        return dt.date.fromisoformat(value)
    return value


def mapping_node(form: dict, keys: tuple[str, ...], kind: str) -> CommentedMap:
    m = CommentedMap()
    for k in keys:
        if k in form:
            m[k] = value_node(k, form[k], parent=kind)
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
        m = mapping_node(document_form(d), DOCUMENT_KEYS, "document")
        m.yaml_add_eol_comment("relative to this file's folder", "path", column=36)
        if "published" in m:
            m.yaml_add_eol_comment("the DCT (relative dates resolve against it)", "published", column=36)
        docs.append(m)
    root["documents"] = docs
    events = CommentedSeq()
    for ev in sorted(seed.events, key=lambda e: e.when.sort_key):
        events.append(mapping_node(event_form(ev), EVENT_KEYS, "event"))
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
    from ._seed_sync import sync_tree  # here, not at the top: the sync module builds on this one

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

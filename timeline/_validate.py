"""Checking seed files: every problem, each located as ``file:line:column: field: message``.

A seed file is checked in layers, and every layer reports all it finds rather than stopping:
bytes (binary, not UTF-8) -> YAML syntax -> the pydantic models (unknown fields, bad dates, end
before start...) -> cross-references (duplicate ids, unknown documents, missing article files)
-> sources against their article text (paragraph exists, spans inside the text, quote matches).
Positions come from the ruamel.yaml round-trip tree (``.lc``), so an error points at the key or
value a person has to fix.

Building that tree is slow in pure Python (~100 KB/s), so a file is first read with ruamel's
C-backed safe loader; only when that finds a problem (or the file uses something the two readers
may read differently: tags, integer dates) is the round-trip tree built to locate the problems.
Callers that edit the file get the tree on first use of ``CheckedSeed.tree``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ._errors import Problem, SeedError, TimelineError
from ._models import Document, Paragraph, SourceRef, Span
from ._timex import DateReading
from ._seed_yaml import make_yaml
from ._seeds import DATE_NOTATIONS, SEED_FILE_NAME, DocumentEntry, SeedFile, find_seed_files, seed_file_path

__all__ = ["CheckedSeed", "check_seed", "check_text", "field_name", "locate", "read_article", "read_seed_bytes", "validate_paths"]

MAX_SEED_BYTES = 20 * 1024 * 1024

Loc = tuple[Any, ...]


@dataclass
class CheckedSeed:
    """A seed file as read: its text, round-trip tree, model (None if invalid), articles and problems."""

    path: Path
    text: str | None = None
    seed: SeedFile | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    mtime_ns: int | None = None
    _tree: Any = field(default=None, repr=False)

    @property
    def tree(self) -> Any:
        """The ruamel.yaml round-trip tree of the text, built on first use (it is slow to build)."""
        if self._tree is None and self.text is not None and self.text.strip():
            try:
                self._tree = make_yaml().load(self.text)
            except YAMLError:  # reported as a problem by check_text already
                return None
        return self._tree

    @tree.setter
    def tree(self, value: Any) -> None:
        self._tree = value

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value (or key) at ``loc`` in the tree."""
        return locate(self.tree, loc, key=key)

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> None:
        line, col = self.position(loc, key=key)
        self.problems.append(Problem(str(self.path), line, col, field_name(loc), message))


def field_name(loc: Loc) -> str:
    """``('events', 2, 'when')`` -> ``events[2].when``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def locate(tree: Any, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    """Walk ``loc`` down the round-trip tree as far as it exists; the 1-based position reached.

    The last step gives the value's position (the key's with ``key=True``); a step that does not
    exist (a missing field) stops at the mapping that should hold it.
    """
    node = tree
    line, col = 0, 0
    if isinstance(node, (CommentedMap, CommentedSeq)):
        line, col = node.lc.line, node.lc.col
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, CommentedMap) and part in node:
            try:
                # an empty value (``when:``) has no position of its own: point at its key
                at_key = (key and last) or not last or node[part] is None
                pos = node.lc.key(part) if at_key else node.lc.value(part)
            except (KeyError, TypeError):
                pos = None
            if pos is not None and pos[0] is not None:
                line, col = pos
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            try:
                line, col = node.lc.item(part)
            except (KeyError, TypeError):
                pass
            node = node[part]
        else:
            break
    return line + 1, col + 1


# ------------------------------------------------------------------------------------------ bytes


def read_seed_bytes(path: Path) -> tuple[str | None, Problem | None]:
    """The file's text, or the one problem that keeps it from being read as YAML text."""
    where = str(path)
    if not path.exists():
        hint = f" (a seed folder holds {SEED_FILE_NAME})" if path.name == SEED_FILE_NAME else ""
        return None, Problem(where, 1, 1, "", f"no such file{hint}")
    if path.is_dir():
        return None, Problem(where, 1, 1, "", f"is a folder without {SEED_FILE_NAME}")
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            return None, Problem(where, 1, 1, "", f"file too large for a seed file ({size / 2**20:.1f} MiB)")
        data = path.read_bytes()
    except OSError as exc:
        return None, Problem(where, 1, 1, "", f"cannot read: {exc.strerror or exc}")
    if b"\x00" in data:
        return None, Problem(where, 1, 1, "", "binary file, not a YAML seed file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start]
        return None, Problem(where, line, col, "", f"not UTF-8 text (byte 0x{bad:02x} cannot be decoded); save the file as UTF-8")
    return text, None


# ------------------------------------------------------------------------------------------ models


def _plain(node: Any, loc: Loc = ()) -> Any:
    """The round-trip tree as plain Python for pydantic; dates in ``when`` read back as their text."""
    if isinstance(node, dict):
        return {k: _plain(v, (*loc, k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v, (*loc, i)) for i, v in enumerate(node)]
    if len(loc) >= 3 and loc[0] == "events" and (loc[2] == "when" or (loc[2] == "alternatives" and len(loc) == 4)):
        if isinstance(node, dt.date):
            return node.isoformat()
        if isinstance(node, int) and not isinstance(node, bool):
            width = getattr(node, "_width", None)
            return str(int(node)).zfill(width or 0)
    return node


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        m = _unwrap_model(arg)
        if m is not None:
            return m
    return None


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the last element of ``loc``."""
    model: type[BaseModel] | None = SeedFile
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        f = model.model_fields.get(str(part))
        if f is None:
            return None
        model = _unwrap_model(f.annotation)
    return model


def _message(err: dict) -> str:
    loc, kind = err["loc"], err["type"]
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        model = _model_at(loc)
        allowed = f" (allowed: {', '.join(model.model_fields)})" if model else ""
        return f"unknown field {name!r}{allowed}"
    if kind == "missing":
        return f"missing required field {name!r}"
    if kind == "string_too_short" and err.get("ctx", {}).get("min_length") == 1:
        return "must not be empty"
    value = err.get("input")
    model = _model_at((*loc, "_"))
    if model is Span and kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a [start, end] pair of offsets, got {value!r}"
    if model is DateReading and kind in ("model_type", "model_attributes_type", "dict_type"):
        return ("missing date" if value is None else f"cannot read date {value!r}") + (
            f": write e.g. {DATE_NOTATIONS}")
    if kind in ("model_type", "model_attributes_type", "dict_type") and model is not None and value is not None:
        return f"expected a mapping with {', '.join(model.model_fields)}, got {value!r}"
    msg = err["msg"].removeprefix("Value error, ")
    if value is None and kind not in ("value_error", "assertion_error"):
        msg += ", got an empty value"
    elif kind not in ("value_error", "assertion_error") and isinstance(value, (str, int, float, bool, dt.date)):
        msg += f", got {value!r}"
    return msg


def _model_problems(checked: CheckedSeed, data: Any) -> None:
    try:
        checked.seed = SeedFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            checked.problem(tuple(err["loc"]), _message(err), key=err["type"] == "extra_forbidden")


def _valid(model: type[BaseModel], data: Any):
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


# ------------------------------------------------------------------------------------------ cross-references


def _list(data: dict, key: str) -> list:
    v = data.get(key)
    return v if isinstance(v, list) else []


def _duplicate_ids(checked: CheckedSeed, data: dict, key: str, what: str) -> None:
    first: dict[str, int] = {}
    for i, item in enumerate(_list(data, key)):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        ident = item["id"]
        if ident in first:
            line, _ = checked.position((key, first[ident], "id"))
            checked.problem((key, i, "id"), f"duplicate {what} id {ident!r} (first used on line {line})")
        else:
            first[ident] = i


def read_article(entry: DocumentEntry, folder: Path) -> Document:
    """The article of a document entry, with text and paragraphs; metadata from the entry wins."""
    from ._documents import load_document

    doc = load_document(folder / entry.path, dct=entry.published, doc_id=entry.id,
                        title=entry.title or None, language=entry.language)
    return doc.model_copy(update={"url": entry.url or doc.url, "path": entry.path})


def _documents(checked: CheckedSeed, data: dict) -> None:
    folder = checked.path.parent
    for i, item in enumerate(_list(data, "documents")):
        entry = _valid(DocumentEntry, item)
        if entry is None or entry.id in checked.documents:
            continue
        target = folder / entry.path
        if not target.is_file():
            what = "is a folder" if target.is_dir() else "does not exist"
            checked.problem(("documents", i, "path"), f"article file {entry.path!r} {what} (looked for {target})")
            continue
        try:
            checked.documents[entry.id] = read_article(entry, folder)
        except TimelineError as exc:
            checked.problem(("documents", i, "path"), f"cannot read article: {exc}")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sources(checked: CheckedSeed, data: dict, with_documents: bool) -> None:
    known = {item.get("id") for item in _list(data, "documents") if isinstance(item, dict)}
    for i, ev in enumerate(_list(data, "events")):
        if not isinstance(ev, dict):
            continue
        for j, raw in enumerate(_list(ev, "sources")):
            loc = ("events", i, "sources", j)
            if isinstance(raw, dict) and isinstance(raw.get("document"), str) and raw["document"] not in known:
                names = ", ".join(sorted(str(k) for k in known if k)) or "none"
                checked.problem((*loc, "document"), f"unknown document {raw['document']!r} (documents: {names})")
                continue
            src = _valid(SourceRef, raw)
            if src is None:
                continue
            doc = checked.documents.get(src.document)
            inside_text = doc is None or src.expression is None or src.expression.end <= len(doc.text)
            if inside_text and src.expression is not None and not (src.sentence.start <= src.expression.start
                                                    and src.expression.end <= src.sentence.end):
                checked.problem((*loc, "expression"),
                                f"expression [{src.expression.start}, {src.expression.end}] is not inside the sentence "
                                f"[{src.sentence.start}, {src.sentence.end}]")
            if doc is None or not with_documents:
                continue
            _source_against_text(checked, loc, src, doc)


def _source_against_text(checked: CheckedSeed, loc: Loc, src: SourceRef, doc: Document) -> None:
    n = len(doc.text)
    para: Paragraph | None = next((p for p in doc.paragraphs if p.index == src.paragraph), None)
    if para is None:
        checked.problem((*loc, "paragraph"),
                        f"document {doc.id!r} has no paragraph {src.paragraph} (it has {len(doc.paragraphs)})")
    for name, span in (("sentence", src.sentence), ("expression", src.expression)):
        if span is not None and span.end > n:
            checked.problem((*loc, name),
                            f"span [{span.start}, {span.end}] points past the end of document {doc.id!r} ({n} characters)")
    if src.sentence.end <= n and para is not None and not (para.start <= src.sentence.start and src.sentence.end <= para.end):
        checked.problem((*loc, "sentence"),
                        f"sentence [{src.sentence.start}, {src.sentence.end}] is not inside paragraph {src.paragraph} "
                        f"[{para.start}, {para.end}]")
    if src.expression is not None and src.quote and src.expression.end <= n:
        actual = doc.text[src.expression.start:src.expression.end]
        if actual != src.quote:
            checked.problem((*loc, "quote"),
                            f"quote {_short(src.quote)!r} does not match the article text at "
                            f"[{src.expression.start}, {src.expression.end}]: {_short(actual)!r}")


# ------------------------------------------------------------------------------------------ entry points


# A YAML tag ("!!str", "!custom") starts after a space, a flow indicator or a line start; the
# round-trip reader keeps tagged values as TaggedScalar where the safe one converts them.
_YAML_TAG = re.compile(r"(?:^|[\s\[{,])!")


def _quick_check(text: str, path: Path, with_documents: bool) -> CheckedSeed | None:
    """The checked seed from the fast safe loader, or None when the round-trip tree is needed.

    None when the file has a problem (the tree locates it), a YAML tag, or an integer ``when``
    (whose written width only the round-trip reader keeps); otherwise the result is the same as
    the round-trip check, as the test suite verifies on every valid example.
    """
    if _YAML_TAG.search(text):
        return None
    try:
        data = YAML(typ="safe").load(text)
    except Exception:  # noqa: BLE001 - any trouble: the round-trip reader reports it precisely
        return None
    if not isinstance(data, dict) or _has_integer_when(data):
        return None
    checked = CheckedSeed(path=Path(path), text=text)
    _check_data(checked, _plain(data), with_documents)
    return None if checked.problems else checked


def _has_integer_when(data: dict) -> bool:
    events = data.get("events")
    if not isinstance(events, list):
        return False
    for ev in events:
        if not isinstance(ev, dict):
            continue
        values = [ev.get("when")]
        if isinstance(ev.get("alternatives"), list):
            values += ev["alternatives"]
        if any(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return True
    return False


def _check_data(checked: CheckedSeed, data: Any, with_documents: bool) -> None:
    _model_problems(checked, data)
    _duplicate_ids(checked, data, "documents", "document")
    _duplicate_ids(checked, data, "events", "event")
    if with_documents:
        _documents(checked, data)
    _sources(checked, data, with_documents)


def check_text(text: str, path: Path, *, with_documents: bool = True) -> CheckedSeed:
    """Check seed-file ``text`` as if read from ``path`` (article paths resolve against its folder).

    ``with_documents=False`` skips reading the articles (merging and in-app edits do not need them).
    """
    quick = _quick_check(text, Path(path), with_documents)
    if quick is not None:
        return quick
    checked = CheckedSeed(path=Path(path), text=text)
    if not text.strip():
        checked.problems.append(Problem(str(path), 1, 1, "", "empty seed file: expected title, documents and events"))
        return checked
    try:
        checked.tree = make_yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = (exc.problem or str(exc)).strip()
        cm = exc.context_mark
        if exc.context and exc.problem and "duplicate key" not in problem:
            where = f" started at line {cm.line + 1}, column {cm.column + 1}" if cm is not None and mark is not cm else ""
            problem = f"{problem} ({exc.context}{where})"
        if "'\\t'" in problem:
            problem += "; indent with spaces, not tabs"
        checked.problems.append(Problem(str(path), line, col, "", f"YAML syntax error: {problem}"))
        return checked
    except YAMLError as exc:
        checked.problems.append(Problem(str(path), 1, 1, "", f"YAML syntax error: {exc}"))
        return checked
    if not isinstance(checked.tree, CommentedMap):
        kind = "a list" if isinstance(checked.tree, list) else "a single value"
        checked.problems.append(
            Problem(str(path), 1, 1, "", f"a seed file is a mapping with title, documents and events, not {kind}")
        )
        return checked
    _check_data(checked, _plain(checked.tree), with_documents)
    if checked.problems:
        checked.seed = None
        checked.problems.sort(key=lambda p: (p.line, p.column))
    return checked


def check_seed(path: str | os.PathLike, *, with_documents: bool = True) -> CheckedSeed:
    """Read and check one seed file (or seed folder); never raises for a bad file, see ``.problems``."""
    target = seed_file_path(path)
    text, problem = read_seed_bytes(target)
    if problem is not None:
        return CheckedSeed(path=target, problems=[problem])
    mtime = target.stat().st_mtime_ns
    checked = check_text(text, target, with_documents=with_documents)
    checked.mtime_ns = mtime
    return checked


def validate_paths(paths: list[str | os.PathLike]) -> tuple[int, list[Problem]]:
    """Check every seed file under ``paths``: (number of files checked, every problem found)."""
    try:
        files = find_seed_files(paths)
    except SeedError as exc:
        return 0, exc.problems
    problems: list[Problem] = []
    for f in files:
        problems.extend(check_seed(f).problems)
    return len(files), problems


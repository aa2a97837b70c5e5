"""Seed files: ``seeds/<story>/events.yaml``, the hand-editable form of a timeline.

A seed file names its articles (``documents``) and lists its ``events``. People edit it freely; the
parser merges into it without losing an edit. Everything here works on the ruamel.yaml round-trip
tree, so comments, key order and the formatting of parts nobody touched stay byte-identical:

* here: the models of the file (:class:`SeedFile`, :class:`DocumentEntry`), finding seed files, and
  :func:`load_seed` / :func:`load_timeline`, which read and check them (every problem, with its line);
* ``_seed_yaml``: :func:`render_seed` / :func:`write_seed` (atomically: temp file, fsync, rename);
* ``_seed_sync``: rewriting only the values that changed in a round-trip tree;
* ``_seed_merge``: :func:`merge_extracted` folds a new extraction into an existing file;
* ``_seed_edits``: :func:`save_event_edit`, :func:`add_event`, :func:`delete_event`, :func:`undo_last_save`,
  the dashboard's in-app edits; each refuses when the file changed on disk since it was loaded.

The public seed-file API is re-exported here (``__all__``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ._errors import Problem, SeedError, TimelineError
from ._models import Document, Event, Timeline

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


def read_seed_text(path: Path) -> str:
    """A seed file's text; a binary or undecodable file is a SeedError with its problem."""
    from ._validate import read_seed_bytes

    text, problem = read_seed_bytes(path)
    if problem is not None:
        raise SeedError([problem])
    return text


# The seed-file API in one place; the work is done in the modules named here.
from ._seed_edits import SaveResult, add_event, delete_event, event_files, save_event_edit, undo_last_save  # noqa: E402
from ._seed_merge import MergeResult, merge_extracted  # noqa: E402
from ._seed_yaml import render_seed, write_seed, write_text_atomic  # noqa: E402

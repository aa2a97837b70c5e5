"""A folder of articles -> one merged timeline: parallel, cached, with a progress bar.

Every ``.txt``/``.md``/``.html`` article is read with its own publication date (front matter, HTML
metadata or a ``<stem>.meta.yaml`` sidecar; ``dct`` overrides them all), tagged and turned into
events in worker processes; then the events of all articles are merged across articles
(:func:`timeline._identity.merge_events`).

Restartable: with a ``cache_dir``, each article's extraction is stored as JSON under a key made of
the article's bytes, its sidecar's bytes, the DCT override and the tool version (a hash of the
package's code and rules), written as soon as it is done.  A second run, or a run after a crash,
skips every article that did not change.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import functools
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ._documents import SUFFIXES, load_document, parse_dct, sidecar_path
from ._errors import DocumentError, TimelineError
from ._models import Document, Event, Timeline

__all__ = ["ARTICLE_SUFFIXES", "CACHE_DIR_NAME", "article_files", "extract_folder", "tool_version"]

ARTICLE_SUFFIXES = frozenset(SUFFIXES)
CACHE_DIR_NAME = ".timeline-cache"
"""Default cache folder name, placed next to the output file by ``timeline extract``."""
SERIAL_BELOW = 8
"""With fewer articles to process than this, work in this process: starting workers costs more."""
MAX_CHUNK = 32
"""Most articles sent to a worker at once (chunks amortise inter-process overhead)."""


@functools.lru_cache(maxsize=1)
def tool_version() -> str:
    """A fingerprint of the extraction code: package version + hash of every module and rule file."""
    from . import __version__

    root = Path(__file__).parent
    h = hashlib.sha256(__version__.encode())
    for f in sorted([*root.glob("*.py"), *root.glob("rules/*.yaml")]):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def article_files(folder_or_paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    """The articles to read: files as given, folders searched recursively (hidden folders skipped)."""
    if isinstance(folder_or_paths, (str, os.PathLike)):
        folder_or_paths = [folder_or_paths]
    folder_or_paths = list(folder_or_paths)
    files: list[Path] = []
    for raw in folder_or_paths:
        p = Path(raw)
        if not p.exists():
            raise DocumentError(f"{p}: no such file or folder")
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and not any(x.startswith(".") for x in rel):
                    files.append(f)
        else:
            files.append(p)
    unique = list(dict.fromkeys(files))
    if not unique:
        raise DocumentError(f"no articles (.txt, .md, .html) in {', '.join(map(str, folder_or_paths))}")
    return unique


def _doc_ids(files: list[Path]) -> list[str | None]:
    """None (use the file's own id) unless two files share a stem; then a path-based id."""
    stems: dict[str, int] = {}
    for f in files:
        stems[f.stem] = stems.get(f.stem, 0) + 1
    out: list[str | None] = []
    for f in files:
        if stems[f.stem] == 1:
            out.append(None)
        else:
            parent = f.parent.name
            out.append(f"{parent}-{f.stem}{f.suffix.replace('.', '-')}" if parent else f"{f.stem}{f.suffix.replace('.', '-')}")
    return out


def _cache_key(path: Path, dct: str | None, doc_id: str | None) -> str:
    h = hashlib.sha256()
    for part in (tool_version(), dct or "", doc_id or "", path.name):
        h.update(part.encode())
        h.update(b"\x1f")
    h.update(path.read_bytes())
    side = sidecar_path(path)
    if side.exists():
        h.update(b"\x1fsidecar\x1f")
        h.update(side.read_bytes())
    return h.hexdigest()


def _extract_one(path: str, dct: str | None, doc_id: str | None) -> dict:
    """Worker: one article -> {"document": ..., "events": [...]} or {"error": message}."""
    from ._events import extract_document

    try:
        doc = load_document(path, dct, doc_id=doc_id)
        events = extract_document(doc)  # with its actors, as for single files
    except TimelineError as exc:
        return {"error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - one article's failure must not lose a 5,000-article run
        return {"error": f"{path}: could not be processed ({type(exc).__name__}: {exc})"}
    return {"document": doc.model_dump(mode="json"), "events": [e.model_dump(mode="json", exclude_defaults=True) for e in events]}


def _warm_up() -> None:
    """Load the tagger's rules and word lists once here, so that forked workers inherit them
    instead of each paying the start-up cost (seconds, against milliseconds per article)."""
    from ._documents import document_from_text
    from ._events import extract_document

    try:
        extract_document(document_from_text("On 3 March 2021, Example Corp opened a plant.", dct="2021-03-04"))
    except Exception:  # noqa: BLE001 - only an optimisation; real errors surface per article
        pass


def _extract_chunk(items: list[tuple[str, str | None, str | None]]) -> list[dict]:
    return [_extract_one(*item) for item in items]


def _write_cache(cache_dir: Path, key: str, payload: dict) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(payload, f, ensure_ascii=False)
        os.replace(tmp, cache_dir / f"{key}.json")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_cache(cache_dir: Path, key: str) -> dict | None:
    f = cache_dir / f"{key}.json"
    try:
        payload = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return payload if isinstance(payload, dict) and "document" in payload else None


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, disable=not enabled, file=sys.stderr, unit="article", desc="extracting",
                dynamic_ncols=True, leave=False)


def extract_folder(
    folder_or_paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    dct: str | dt.date | None = None,
    jobs: int | None = None,
    cache_dir: str | os.PathLike | None = None,
    progress: bool = True,
    errors: list[str] | None = None,
    merge: bool = True,
) -> Timeline:
    """Extract every article of a folder (or list of files) into one merged :class:`Timeline`.

    ``jobs``: worker processes (default: all cores; 1 = no workers).  ``cache_dir``: where per-article
    results are kept between runs (None: no cache).  Articles that cannot be read are skipped with a
    warning on stderr (and their messages appended to ``errors`` if given); if none can be read,
    DocumentError is raised.  ``merge=False`` keeps one event per article report (for measuring).
    """
    if not isinstance(folder_or_paths, (str, os.PathLike)):
        folder_or_paths = list(folder_or_paths)
    files = article_files(folder_or_paths)
    dct_s = parse_dct(dct).isoformat() if dct is not None else None
    ids = _doc_ids(files)
    cache = Path(cache_dir) if cache_dir is not None else None
    results: list[dict | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    todo: list[int] = []
    bar = _progress(len(files), progress)
    try:
        for i, f in enumerate(files):
            if cache is not None:
                try:
                    keys[i] = _cache_key(f, dct_s, ids[i])
                except OSError:
                    todo.append(i)  # unreadable: the worker reports why
                    continue
                hit = _read_cache(cache, keys[i])
                if hit is not None:
                    results[i] = hit
                    bar.update(1)
                    continue
            todo.append(i)

        cache_ok = [cache is not None]

        def done(i: int, payload: dict) -> None:
            results[i] = payload
            if cache_ok[0] and keys[i] is not None and "document" in payload:
                try:
                    _write_cache(cache, keys[i], payload)
                except OSError as exc:  # read-only folder, full disk: go on without the cache
                    cache_ok[0] = False
                    print(f"timeline: warning: cannot write the cache in {cache} ({exc.strerror or exc}); "
                          "continuing without it", file=sys.stderr)
            bar.update(1)

        workers = jobs or os.cpu_count() or 1
        if workers <= 1 or len(todo) < SERIAL_BELOW:
            for i in todo:
                done(i, _extract_one(str(files[i]), dct_s, ids[i]))
        else:
            chunk = max(1, min(MAX_CHUNK, len(todo) // (workers * 4) or 1))
            batches = [todo[k:k + chunk] for k in range(0, len(todo), chunk)]
            _warm_up()
            pool = cf.ProcessPoolExecutor(max_workers=workers)
            try:
                futures = {
                    pool.submit(_extract_chunk, [(str(files[i]), dct_s, ids[i]) for i in batch]): batch
                    for batch in batches
                }
                for fut in cf.as_completed(futures):
                    for i, payload in zip(futures[fut], fut.result()):
                        done(i, payload)  # cached at once: an interrupted run restarts from here
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                raise TimelineError("a worker process died (out of memory?); run again (finished articles are "
                                    "cached when a cache folder is used) or use one job") from None
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C: stop now, keep what is cached
                raise
            pool.shutdown()
    finally:
        bar.close()

    documents: list[Document] = []
    events: list[Event] = []
    problems: list[str] = []
    for f, payload in zip(files, results):
        if payload is None or "error" in payload:
            msg = payload["error"] if payload else f"{f}: not processed"
            problems.append(msg)
            print(f"timeline: warning: skipped {msg}", file=sys.stderr)
            continue
        # The path as given (not just the file name), so seed writers can make it relative to their folder.
        documents.append(Document.model_validate({**payload["document"], "path": str(f)}))
        events.extend(Event.model_validate(e) for e in payload["events"])
    if errors is not None:
        errors.extend(problems)
    if not documents:
        raise DocumentError(problems[0] if len(problems) == 1 else f"none of the {len(files)} articles could be read")
    seen: dict[str, str] = {}
    for d in documents:
        if d.id in seen:
            raise DocumentError(f"two articles have the id {d.id!r} ({seen[d.id]} and {d.path}): give one an 'id' in its metadata")
        seen[d.id] = d.path or d.id
    from ._events import sort_events
    from ._identity import merge_events

    if merge:
        events = merge_events(events, documents)
    title = documents[0].title if len(documents) == 1 else ""
    if not title and isinstance(folder_or_paths, (str, os.PathLike)) and Path(folder_or_paths).is_dir():
        title = Path(folder_or_paths).resolve().name.replace("-", " ").replace("_", " ").strip().capitalize()
    return Timeline(title=title, documents=documents, events=sort_events(events))

"""The timeline the app is showing, and live reload from seed files.

``TimelineSource`` holds either a fixed Timeline or a loader (``paths -> Timeline``) with the seed
paths. ``poll()`` compares the files' (mtime, size) with the last look (cheap ``stat`` calls only)
and reloads when anything changed. A load that fails keeps the last good timeline and records the
problems, so an editor's half-saved file shows a message in the app instead of crashing it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from timeline._errors import Problem, SeedError, TimelineError
from timeline._models import Timeline

from .query import TimelineIndex

__all__ = ["TimelineSource", "WATCHED_SUFFIXES"]

WATCHED_SUFFIXES = {".yaml", ".yml", ".json", ".txt", ".md", ".markdown", ".html", ".htm"}


class TimelineSource:
    def __init__(self, timeline: Timeline | None = None, loader: Callable[[list[Path]], Timeline] | None = None,
                 paths: Sequence[str | Path] = (),
                 locate: Callable[[list[Path]], dict[str, tuple[Path, int]]] | None = None):
        if timeline is None and loader is None:
            raise ValueError("give a Timeline or a loader")
        self.loader = loader
        self.paths = [Path(p) for p in paths]
        # For in-app editing: ``locate(paths)`` -> {event id: (seed file, mtime_ns)}, looked up just
        # before each load, so an edit saved against it is refused if the file changed since.
        self.locate = locate if loader is not None else None
        self.event_files: dict[str, tuple[Path, int]] = {}
        self.last_save = None  # the app's last save, for Undo (dashboard.editing.LastSave)
        self.problems: list = []
        self.version = 0
        self._lock = threading.Lock()
        self._snapshot: dict[str, tuple[int, int]] = {}
        self.index = TimelineIndex.build(timeline or Timeline())
        self._warm(self.index)
        if loader is not None:
            self._snapshot = self.snapshot()
            self.reload()

    @property
    def timeline(self) -> Timeline:
        return self.index.timeline

    @property
    def live(self) -> bool:
        return self.loader is not None

    def watched_files(self) -> list[Path]:
        files: list[Path] = []
        for p in self.paths:
            if p.is_dir():
                files += [f for f in p.rglob("*") if f.suffix.lower() in WATCHED_SUFFIXES and f.is_file()
                          and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            elif p.exists():
                files.append(p)
        return sorted(files)

    def snapshot(self) -> dict[str, tuple[int, int]]:
        snap = {}
        for f in self.watched_files():
            try:
                st = f.stat()
            except OSError:
                continue
            snap[str(f)] = (st.st_mtime_ns, st.st_size)
        return snap

    def reload(self) -> None:
        """Load again through the loader; on failure keep the last good timeline and record why."""
        assert self.loader is not None
        if self.locate is not None:
            try:
                located = self.locate(self.paths)
            except Exception:  # no editing then; the load below reports what is wrong
                located = {}
        try:
            timeline = self.loader(self.paths)
        except SeedError as exc:
            self.problems = list(exc.problems) or [str(exc)]
        except TimelineError as exc:
            self.problems = [str(exc)]
        except Exception as exc:  # a loader bug must not take the app down either
            self.problems = [Problem(file=", ".join(map(str, self.paths)) or "(seeds)", line=0, column=0, field="",
                                     message=f"could not load: {type(exc).__name__}: {exc}")]
        else:
            self.index = TimelineIndex.build(timeline)
            self._warm(self.index)
            self.problems = []
            if self.locate is not None:
                self.event_files = located
        self.version += 1

    @staticmethod
    def _warm(index: TimelineIndex, max_documents: int = 50) -> None:
        """Prepare in the background what the first visitor needs: the default figure, the search text,
        and the tagger's reading of the first documents (for "anchoring" in the source panel)."""
        from .figure import FigureOptions, build_figure

        def work():
            try:
                build_figure(index, index.events, FigureOptions())
                index.search_text()
                for d in index.timeline.documents[:max_documents]:
                    index.expressions(d.id)
            except Exception:  # only a head start: the callbacks compute whatever is missing
                pass

        threading.Thread(target=work, daemon=True, name="timeline-warm").start()

    @property
    def editable(self) -> bool:
        """True when the timeline came from seed files the app may edit."""
        return self.locate is not None

    def poll(self) -> bool:
        """Reload if a watched file changed since the last look. True when something was reloaded."""
        if self.loader is None:
            return False
        with self._lock:
            snap = self.snapshot()
            if snap == self._snapshot:
                return False
            self._snapshot = snap
            self.reload()
            return True

"""Errors timeline reports to people. Every one carries a one-line message fit for the CLI.

    TimelineError                 base: the CLI prints ``timeline: error: <message>`` and exits 1
    ├── DocumentError             an article that cannot be read (missing, binary, empty, too large)
    ├── SeedError                 a seed file that fails to load; ``problems`` lists every one found
    └── UsageError                a bad option value (``--dct 2026-13-01``)
"""

from __future__ import annotations

from dataclasses import dataclass


class TimelineError(Exception):
    """Base of every error timeline reports to a person."""


class DocumentError(TimelineError):
    """An article that cannot be read as text."""


class UsageError(TimelineError):
    """A bad argument or option value."""


@dataclass(frozen=True)
class Problem:
    """One problem in a seed file, located for an editor: ``file:line:column: field: message``."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class SeedError(TimelineError):
    """A seed file with problems; ``problems`` holds every one found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid seed file")

"""The tagger's rules as data: pydantic models of ``timeline/rules/<lang>.yaml`` and their loader.

A rule file holds word lists (month names, weekdays, numbers in words, units, ...) and rules.
Each rule has a regular expression with NAMED groups only, the name of a small registered
Python normaliser (see :mod:`timeline._tagger`) and examples that ``tests/test_rules.py`` runs.

Patterns may use ``{list}`` placeholders: ``{month}`` expands to an alternation of every word of
the ``month`` list (longest first, escaped).  Files are validated when loaded and compiled once
per language (module-level cache).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from ruamel.yaml import YAML

RULES_DIR = Path(__file__).parent / "rules"

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_GROUP_NAME = re.compile(r"\(\?P<([A-Za-z_]\w*)>")
_GROUP_REF = re.compile(r"\(\?P=([A-Za-z_]\w*)\)")
_POSITIONAL = re.compile(r"(?<!\\)\\[1-9]")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Example(_Strict):
    """One worked example of a rule: the text, and what the tagger must return for it."""

    text: str = Field(description="A phrase or sentence containing the expression.")
    value: str | None = Field(description="Expected TIMEX3 value of the expression; null: nothing must be tagged.")
    span: str | None = Field(default=None, description="Expected expression text when it is not the whole `text`.")
    type: Literal["DATE", "TIME", "DURATION", "SET"] | None = Field(default=None, description="Expected TIMEX3 type.")
    mod: str | None = Field(default=None, description="Expected TIMEX3 mod.")
    dct: str | None = Field(default=None, description="Document creation time to tag with (YYYY-MM-DD); none if absent.")
    anchor: Literal["explicit", "dct", "narrative", "none"] | None = Field(default=None, description="Expected anchor.")


class Rule(_Strict):
    """One pattern and the normaliser that turns its match into a TIMEX3 value."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Unique id, used as test id and in TimeExpression.rule.")
    pattern: str = Field(description="Regular expression with named groups; {list} placeholders expand to word lists.")
    normaliser: str = Field(description="Name of a registered normaliser function.")
    type: Literal["DATE", "TIME", "DURATION", "SET"] = Field(default="DATE", description="TIMEX3 type by default.")
    case_sensitive: bool = Field(default=False, description="Match the pattern case-sensitively.")
    params: dict[str, str | int | None] = Field(default_factory=dict, description="Fixed arguments for the normaliser.")
    examples: list[Example] = Field(default_factory=list, description="Examples the rule tests run.")
    description: str = Field(default="", description="What the rule is for.")

    @field_validator("pattern")
    @classmethod
    def _named_groups_only(cls, v: str) -> str:
        if _POSITIONAL.search(v):
            raise ValueError("use named groups and (?P=name), not positional back-references")
        # a bare "(" that is not "(?" is a positional capturing group
        if re.search(r"(?<!\\)\((?!\?)", v):
            raise ValueError("capturing groups must be named (?P<name>...); use (?:...) otherwise")
        return v


class RuleFile(_Strict):
    """A language's rule file."""

    language: str = Field(description="ISO 639-1 code.")
    words: dict[str, dict[str, str | int | float]] = Field(
        default_factory=dict, description="Word lists: list name -> {word or phrase: normalised value}."
    )
    case_sensitive_words: list[str] = Field(
        default_factory=list,
        description="Words that only count when written with a capital letter (May, March, Sun, ...).",
    )
    rules: list[Rule] = Field(description="Rules in priority order: earlier rules win at the same position.")

    @model_validator(mode="after")
    def _check(self) -> RuleFile:
        seen: set[str] = set()
        for r in self.rules:
            if r.id in seen:
                raise ValueError(f"duplicate rule id {r.id!r}")
            seen.add(r.id)
            for name in _PLACEHOLDER.findall(r.pattern):
                if name not in self.words:
                    raise ValueError(f"rule {r.id}: unknown word list {{{name}}}")
        return self


class CompiledRule:
    """A rule with its regex compiled, ready for the engine."""

    __slots__ = ("rule", "index", "regex", "group", "prefix", "groups")

    def __init__(self, rule: Rule, index: int, source: str, flags: int):
        self.rule = rule
        self.index = index
        self.regex = re.compile(source, flags)
        self.group = f"R{index}"  # outer group name in the combined regex
        self.prefix = f"r{index}_"  # prefix of this rule's groups in the combined regex
        self.groups = frozenset(self.regex.groupindex)


class CompiledRules:
    """All rules of a language compiled: individual regexes and one combined alternation."""

    def __init__(self, rule_file: RuleFile):
        self.file = rule_file
        self.words: dict[str, dict[str, str | int | float]] = {
            name: {k.lower(): v for k, v in lst.items()} for name, lst in rule_file.words.items()
        }
        self.case_sensitive_words = {w.lower() for w in rule_file.case_sensitive_words}
        self.rules: list[CompiledRule] = []
        parts = []
        for i, r in enumerate(rule_file.rules):
            src = self.expand(r.pattern)
            flags = 0 if r.case_sensitive else re.IGNORECASE
            cr = CompiledRule(r, i, src, flags)
            self.rules.append(cr)
            renamed = _GROUP_NAME.sub(lambda m, p=cr.prefix: f"(?P<{p}{m[1]}>", src)
            renamed = _GROUP_REF.sub(lambda m, p=cr.prefix: f"(?P={p}{m[1]})", renamed)
            if r.case_sensitive:
                renamed = f"(?-i:{renamed})"
            parts.append(f"(?P<{cr.group}>{renamed})")
        self.by_group = {cr.group: cr for cr in self.rules}
        self.by_id = {cr.rule.id: cr for cr in self.rules}
        # Every expression starts at a word start or a digit/apostrophe: the lookahead lets the
        # engine skip most positions before trying the alternatives.
        self.combined = re.compile(r"(?<![\w])(?=[\w'’])(?:" + "|".join(parts) + ")", re.IGNORECASE)

    def expand(self, pattern: str) -> str:
        def alt(m: re.Match) -> str:
            words = sorted(self.words[m[1]], key=lambda w: (-len(w), w))
            return "(?:" + "|".join(_word_regex(w) for w in words) + r")\b"

        return _PLACEHOLDER.sub(alt, pattern)

    def lookup(self, list_name: str, word: str):
        """The normalised value of ``word`` in a word list (case- and space-insensitive), or None."""
        key = re.sub(r"[\s\-]+", " ", word.lower()).strip()
        lst = self.words.get(list_name, {})
        if key in lst:
            return lst[key]
        return lst.get(key.replace(" ", "-"), lst.get(key.rstrip(".")))


def _word_regex(word: str) -> str:
    """A word-list entry as regex: spaces and hyphens match any run of spaces or a hyphen."""
    pieces = re.split(r"[ \-]", word)
    return r"(?:\s+|-)".join(re.escape(p) for p in pieces)


def load_rule_file(path: Path) -> RuleFile:
    """Read and validate one rule file; raises ValueError with the file name on problems."""
    yaml = YAML(typ="safe", pure=True)
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh)
    try:
        return RuleFile.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError: name the file
        raise ValueError(f"{path}: {exc}") from exc


def available_languages() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.yaml"))


@functools.lru_cache(maxsize=None)
def compiled_rules(lang: str) -> CompiledRules:
    """The compiled rules of a language (cached for the life of the process)."""
    if not re.fullmatch(r"[a-z]{2,3}", lang or ""):
        raise ValueError(f"bad language code {lang!r}")
    path = RULES_DIR / f"{lang}.yaml"
    if not path.exists():
        raise ValueError(f"no tagger rules for language {lang!r} (have: {', '.join(available_languages())})")
    return CompiledRules(load_rule_file(path))

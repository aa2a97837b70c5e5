"""The tagger's rules as data: pydantic models of ``timeline/rules/<lang>.yaml`` and their loader.

A rule file holds word lists (month names, weekdays, numbers in words, units, ...) and rules.
Each rule has a regular expression with NAMED groups only, the name of a small registered
Python normaliser (see :mod:`timeline._tagger`) and examples that ``tests/test_rules.py`` runs.

Patterns may use ``{list}`` placeholders: ``{month}`` expands to an alternation of every word of
the ``month`` list (longest first, escaped).  Patterns are written in lower case: the tagger
matches them against the lower-cased text.  Files are validated when loaded and compiled once per
language (module-level cache), together with the first-pass scanner (see :class:`CompiledRules`).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from ruamel.yaml import YAML

import re._constants as _C  # noqa: E402  (regex internals: the parsed form of patterns)
import re._parser as _parser  # noqa: E402

RULES_DIR = Path(__file__).parent / "rules"

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
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
    points_to: str | None = Field(default=None, description="Expected date a counted duration leads to ('[three days] later').")


class Rule(_Strict):
    """One pattern and the normaliser that turns its match into a TIMEX3 value."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Unique id, used as test id and in TimeExpression.rule.")
    pattern: str = Field(description="Regular expression with named groups; {list} placeholders expand to word lists.")
    normaliser: str = Field(description="Name of a registered normaliser function.")
    type: Literal["DATE", "TIME", "DURATION", "SET"] = Field(default="DATE", description="TIMEX3 type by default.")
    capitalised: bool = Field(default=False, description="The expression must start with a capital letter (Christmas, Q3).")
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
        # patterns match lower-cased text: a capital letter (outside escapes like \s, \D) never matches
        if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P[<=]", "", v)):
            raise ValueError("write patterns in lower case (the text is matched lower-cased)")
        try:
            re.compile(_PLACEHOLDER.sub("x", v))
        except re.error as exc:
            raise ValueError(f"bad regular expression: {exc}") from None
        return v


class TenseMarkers(_Strict):
    """Regexes (on lower-cased text) that tell a sentence's tense, to resolve "in August", "on Friday"."""

    future: str = Field(description="Markers of the future: will, is expected to, ...; include your own \\b.")
    past: str = Field(description="Markers of the past: was, said, ...ed, ...")
    present: str = Field(default=r"(?!x)x", description="Markers of the present: is, says, ...")
    future_left: str | None = Field(
        default=None, description="Words right before an expression that point forward (payable, until, by); "
        "matched against the 40 characters before it, so end the pattern with $.")
    past_right: str | None = Field(
        default=None, description="Text right after an expression that points back (the possessive 's).")
    past_left: str | None = Field(
        default=None, description="Words right before an expression that point back (since); end with $.")

    @field_validator("future", "past", "present", "future_left", "past_right", "past_left")
    @classmethod
    def _compiles(cls, v):
        if v is not None:
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"bad regular expression: {exc}") from None
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
    tense: TenseMarkers | None = Field(default=None, description="How to tell past from future in this language.")
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

    __slots__ = ("rule", "index", "regex", "groups", "prefixes", "token_regex", "pair_regex")

    def __init__(self, rule: Rule, index: int, source: str):
        self.rule = rule
        self.index = index
        self.regex = re.compile(source)
        self.groups = frozenset(self.regex.groupindex)
        self.prefixes = match_prefixes(source)
        tr = token_regex(self.prefixes) if self.prefixes is not None else None
        self.token_regex = re.compile(tr) if tr is not None else None
        pr = pair_regex(self.prefixes) if self.prefixes is not None else None
        self.pair_regex = re.compile(pr) if pr is not None else None

    def may_start_with(self, token: str) -> bool:
        """False when no match of this rule can start with ``token`` (a word, or one non-word character)."""
        return self.token_regex is None or self.token_regex.match(token) is not None


class CompiledRules:
    """All rules of a language compiled, with the first-pass scanner that finds candidate starts.

    Speed: one regex pass (``start``) finds the word starts where some rule can begin, using the
    literal prefixes of every pattern (see :func:`match_prefixes`); only the rules whose prefixes
    fit the word found there are tried, in priority order.  The token -> rules table is cached.
    """

    def __init__(self, rule_file: RuleFile):
        self.file = rule_file
        self.words: dict[str, dict[str, str | int | float]] = {
            name: {k.lower(): v for k, v in lst.items()} for name, lst in rule_file.words.items()
        }
        self.case_sensitive_words = {w.lower() for w in rule_file.case_sensitive_words}
        self.rules: list[CompiledRule] = []
        starts: set[tuple[str, ...]] | None = set()
        for i, r in enumerate(rule_file.rules):
            cr = CompiledRule(r, i, self.expand(r.pattern))
            self.rules.append(cr)
            if cr.prefixes is None:
                starts = None
            elif starts is not None:
                starts |= cr.prefixes
        self.by_id = {cr.rule.id: cr for cr in self.rules}
        guard = f"(?={trie_regex(starts)})" if starts else ""
        # a candidate: a word start where some rule's prefix fits; group 1 is its first token
        # group 2 (not consumed) is the white space and word that follow, for rules_for_pair
        self.start = re.compile(r"(?<![\w])" + guard + r"(\w+|[^\w\s])(?=(\s+\w+)?)")
        self._by_token: dict[str, tuple[CompiledRule, ...]] = {}
        self._by_pair: dict[str, tuple[CompiledRule, ...]] = {}
        t = rule_file.tense
        self.tense = None if t is None else re.compile(
            f"(?P<fut>{t.future})|(?P<past>{t.past})|(?P<pres>{t.present})")
        self.future_left = re.compile(t.future_left) if t is not None and t.future_left else None
        self.past_right = re.compile(t.past_right) if t is not None and t.past_right else None
        self.past_left = re.compile(t.past_left) if t is not None and t.past_left else None
        # words that join a point in time's extent: "[around Nov. 1]", "[1994 or later]" (the tagger's
        # _extent_words); the value of each word is the TIMEX3 mod it gives
        self.extent_before = self._list_regex("extent_before", r"(?<![\w-])(?P<w>{extent_before})\s+$")
        self.extent_after = self._list_regex(
            "extent_after", r"\s+(?P<w>{extent_after})(?=\s*[,.;:!?)\"'\u2019\u201d]|\s*$)")

    def _list_regex(self, list_name: str, pattern: str) -> re.Pattern | None:
        """``pattern`` with ``{list_name}`` expanded, or None when the rule file has no such list."""
        return re.compile(self.expand(pattern)) if self.words.get(list_name) else None

    def rules_for_pair(self, key: str) -> tuple[CompiledRule, ...]:
        """The rules (in priority order) whose matches can start with the candidate ``key``: its first word,
        then ``SPACE_JOIN`` and the next word when white space and a word follow (see :func:`pair_regex`)."""
        found = self._by_pair.get(key)
        if found is None:
            token = key.split(SPACE_JOIN, 1)[0]
            found = tuple(cr for cr in self.rules_for(token) if cr.pair_regex is None or cr.pair_regex.match(key))
            if len(self._by_pair) < 200_000:
                self._by_pair[key] = found
        return found

    def rules_for(self, token: str) -> tuple[CompiledRule, ...]:
        """The rules (in priority order) whose matches can start with ``token``."""
        found = self._by_token.get(token)
        if found is None:
            found = tuple(cr for cr in self.rules if cr.may_start_with(token))
            if len(self._by_token) < 200_000:
                self._by_token[token] = found
        return found

    def expand(self, pattern: str) -> str:
        def alt(m: re.Match) -> str:
            words = sorted(self.words[m[1]], key=lambda w: (-len(w), w))
            return "(?:" + "|".join(_word_regex(w) for w in words) + r")\b"

        return _PLACEHOLDER.sub(alt, pattern)

    def lookup(self, list_name: str, word: str):
        """The normalised value of ``word`` in a word list (case- and space-insensitive), or None."""
        key = re.sub(r"[\s\-]+", " ", word.lower()).strip() or word.strip()  # "-" stays "-"
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
    yaml = YAML(typ="safe")  # the C loader when ruamel.yaml.clib is installed
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh)
    try:
        return RuleFile.model_validate(data)
    except Exception as exc:  # pydantic.ValidationError: name the file
        raise ValueError(f"{path}: {exc}") from exc


def available_languages() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.yaml"))


class NoRulesError(ValueError):
    """No rule file for a language."""


@functools.lru_cache(maxsize=None)
def compiled_rules(lang: str) -> CompiledRules:
    """The compiled rules of a language (cached for the life of the process)."""
    if not re.fullmatch(r"[a-z]{2,3}", lang or ""):
        raise NoRulesError(f"bad language code {lang!r}")
    path = RULES_DIR / f"{lang}.yaml"
    if not path.exists():
        raise NoRulesError(f"no tagger rules for language {lang!r} (have: {', '.join(available_languages())})")
    return CompiledRules(load_rule_file(path))


# ----------------------------------------------------------------------------- match prefixes
# The set of literal prefixes (up to _CAP characters or character classes) that every match of a
# pattern starts with, computed from the parsed regex.  Used to build the scan guards above.

_CAP = 8
_MAXSET = 100000


def _class(av) -> str | None:
    parts = []
    for op, a in av:
        if op is _C.LITERAL:
            parts.append(re.escape(chr(a)))
        elif op is _C.RANGE:
            parts.append(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
        elif op is _C.CATEGORY:
            m = {_C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_SPACE: r"\s", _C.CATEGORY_WORD: r"\w",
                 _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_NOT_SPACE: r"\S", _C.CATEGORY_NOT_WORD: r"\W"}.get(a)
            if m is None:
                return None
            parts.append(m)
        else:
            return None
    return "[" + "".join(parts) + "]"


_STOP = "\x00"  # last atom of a prefix that cannot be extended (what follows is unknown)


def _elem(op, av) -> set[tuple[str, ...]] | None:
    """Prefixes of one regex element (``()`` if it can match empty), or None if anything may start it."""
    if op is _C.LITERAL:
        return {(re.escape(chr(av)),)}
    if op is _C.IN:
        c = _class(av)
        return {(c,)} if c else None
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return {()}
    if op is _C.SUBPATTERN:
        return _seq(av[3])
    if op is _C.BRANCH:
        out: set = set()
        for sub in av[1]:
            r = _seq(sub)
            if r is None:
                return None
            out |= r
        return out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        lo, hi, sub = av
        if len(sub) == 1 and sub[0][0] in (_C.LITERAL, _C.IN) and not (lo == 0 and hi == 1):
            one = _elem(*sub[0])  # a repeated single character or class: one atom, e.g. [\s]{1,}
            if one is None:
                return None
            (atom,), = one
            hi_s = "" if hi is _C.MAXREPEAT else str(hi)
            return {(f"{atom}{{{lo},{hi_s}}}",)}
        r = _seq(sub)
        if r is None:
            return None
        if hi != 1:
            r = {p if (not p or p[-1] == _STOP) else p + (_STOP,) for p in r}
        return r | {()} if lo == 0 else r
    return None


def _seq(seq, i: int = 0) -> set[tuple[str, ...]] | None:
    if i >= len(seq):
        return {()}
    op, av = seq[i]
    pre = _elem(op, av)
    if pre is None:
        return None
    rest = None
    extend = any(not p or (p[-1] != _STOP and len(p) < _CAP) for p in pre)
    if extend:
        rest = _seq(seq, i + 1)
    out: set = set()
    for a in pre:
        if a and (a[-1] == _STOP or len(a) >= _CAP):
            out.add(a)
        elif rest is None:
            if not a:
                return None  # can be empty and what follows is unknown
            out.add(a + (_STOP,))
        else:
            out.update((a + b)[:_CAP] for b in rest)
    if len(out) > _MAXSET:
        out = {p[:3] for p in out}
    return out


def match_prefixes(pattern: str) -> set[tuple[str, ...]] | None:
    """Prefixes every match of ``pattern`` starts with, as tuples of regex atoms; None if unknown."""
    try:
        r = _seq(_parser.parse(pattern))
    except Exception:  # an exotic construct: no guard, still correct
        return None
    if r is None:
        return None
    out = {tuple(x for x in p if x != _STOP) for p in r}
    return None if () in out else out


def trie_regex(prefixes: set[tuple[str, ...]]) -> str:
    """A regex matching any of the prefixes, factored as a trie (fast in the regex engine)."""
    trie: dict = {}
    for p in prefixes:
        node = trie
        for atom in p:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node:
            return ""  # a shorter prefix already suffices
        alts = [atom + emit(child) for atom, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


@functools.lru_cache(maxsize=None)
def _only_word_chars(atom: str) -> bool:
    """True when a prefix atom can only match word characters (letters, digits, underscore)."""
    core = re.sub(r"\{\d+,\d*\}$", "", atom)
    rx = re.compile(core)
    return not any(rx.fullmatch(c) for c in " \t\n.,;:-'’$%/()\"“”")


@functools.lru_cache(maxsize=None)
def _can_match_word_char(atom: str) -> bool:
    core = re.sub(r"\{\d+,\d*\}$", "", atom)
    rx = re.compile(core)
    return any(rx.fullmatch(c) for c in "az09_éя")


SPACE_JOIN = "\x01"
"""Stands for the white space between a candidate's first two words in the string ``pair_regex`` reads."""
_SPACE_ATOMS = frozenset({r"[\s]", r"[\s]{1,}"})


def pair_regex(prefixes: set[tuple[str, ...]]) -> str | None:
    """A regex for ``first + SPACE_JOIN + second`` (a candidate's first two words joined by a stand-in for
    the white space between them; ``first`` alone when no word follows after white space): it fails only
    when no match of the rule can start with those two words. None: nothing to check beyond the first word.

    Each prefix gives its first word's atoms (ending the word when the next atom cannot continue it) and,
    when a plain white-space atom follows, the start of the second word ("the day" for "the day before").
    """
    alts = set()
    for p in prefixes:
        word: list[str] = []
        i, closed = 0, False
        while i < len(p):
            atom = p[i]
            if re.search(r"\{0,\d*\}$", atom):
                break
            if _only_word_chars(atom):
                word.append(atom)
                i += 1
                continue
            if not _can_match_word_char(atom):
                if not word:
                    word.append(atom)
                    i += 1
                closed = True
            break
        if not word:
            return None
        alt = "".join(word)
        if closed and i < len(p) and p[i] in _SPACE_ATOMS:
            second = []
            for atom in p[i + 1:]:
                if not _only_word_chars(atom) or re.search(r"\{0,\d*\}$", atom):
                    break
                second.append(atom)
            alt += SPACE_JOIN + "".join(second) if second else f"(?={SPACE_JOIN}|$)"
        elif closed:
            alt += f"(?={SPACE_JOIN}|$)"
        alts.add(alt)
    return "(?:" + "|".join(sorted(alts)) + ")"


def token_regex(prefixes: set[tuple[str, ...]]) -> str | None:
    """A regex a rule's first token must match, from the rule's prefixes (None: any token).

    The token is a maximal run of word characters, or one non-word character.  For each prefix,
    the atoms that only match word characters must match the token's start; when the next atom
    cannot match a word character (a space, a dot, a hyphen), the token must end there.
    """
    alts = set()
    for p in prefixes:
        word: list[str] = []
        closed = False
        for atom in p:
            if re.search(r"\{0,\d*\}$", atom):
                break  # may match nothing: what follows is not known to end the token
            if _only_word_chars(atom):
                word.append(atom)
                continue
            if not _can_match_word_char(atom):
                if not word:
                    word.append(atom)  # the token is this one non-word character
                closed = True
            break
        if not word:
            return None
        alts.add(tuple(word) + (("$",) if closed else ()))
    return trie_regex(alts)

"""People, organisations and places named in a sentence, by rules.

Why rules and not an NLP library: spaCy and Stanza need a language model that is not installable
from PyPI as a plain dependency and cannot be downloaded at run time here (the tool never fetches
from the internet), and NLTK's chunker needs downloaded data too.  News prose names its actors in a
very regular way: capitalised word sequences ("Kim Jong-un", "Singapore Airlines"), acronyms
("KCNA", "U.S."), organisation suffixes ("Boeing Corp", "Defence Ministry") and job titles in front
of people's names ("Russian President Vladimir Putin").  The rules below use exactly that:

1. find maximal capitalised sequences (allowing ``of``/``de``/``&`` inside organisation names and
   model numbers such as ``A380``), split at ``and`` and commas;
2. drop words that are capitalised only by position or convention (sentence starters, months,
   weekdays, pronouns: the stop lists below);
3. strip honorifics and titles, with a nationality in front ("Russian President", "Airbus Chief
   Executive Officer"), keeping the name after them;
4. classify: ``org`` (known suffix or acronym), ``place`` (small gazetteer of countries and
   cities, or after "in"/"at"/"from"), ``person`` (had a title, or two or three name words),
   otherwise ``other``;
5. resolve short mentions against longer ones in the same context ("Putin" -> "Vladimir Putin").

It is fast (pure ``re``), deterministic and easy to extend by editing the word lists.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Actor", "find_actors", "find_entities", "normalize_actor"]

ActorKind = Literal["person", "org", "place", "other"]


@dataclass(frozen=True)
class Actor:
    """A named participant: its surface name (titles stripped) and a rough kind."""

    name: str
    kind: ActorKind
    start: int
    end: int


# Words that are capitalised by position or convention, never an actor on their own.
STOP_WORDS = frozenset(
    """a an the this that these those there here it its it's he she they we i you his her their our my your
    in on at to for from by with of and or but as if when while after before during since until then so
    however meanwhile although though because also yet still today yesterday tomorrow tonight now
    last next this earlier later early late mid according some many most several all both each every
    even only just instead thus therefore hence overall indeed perhaps currently previously recently finally
    first second third meanwhile nevertheless furthermore moreover otherwise unlike like despite following
    no not other another such what which who whom whose where why how
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    spring summer autumn fall winter christmas easter
    mr mrs ms dr prof sir madam st
    utc gmt est edt cst cdt pst pdt cet cest bst ist jst msk am pm a.m p.m
    officials official analysts experts sources police troops forces residents people reports report
    according critics observers witnesses state company government minister ministry president""".split()
)

# Titles and honorifics stripped in front of a name ("President Vladimir Putin" -> "Vladimir Putin").
TITLE_WORDS = frozenset(
    """president vice prime minister chancellor premier king queen prince princess emperor pope
    leader chairman chairwoman chair chief executive officer ceo cfo coo cto director secretary general
    governor mayor senator congressman congresswoman representative ambassador envoy spokesman spokeswoman
    spokesperson commander colonel lieutenant captain major sergeant admiral marshal judge justice
    mr mrs ms dr prof professor sir dame lord lady rev reverend father sister brother
    defence defense foreign interior finance transport trade economy deputy acting former first state
    supreme head founder analyst official manager editor minister's""".split()
)

NATIONALITIES = frozenset(
    """american british english french german russian ukrainian chinese japanese korean north south
    indian pakistani iranian iraqi israeli palestinian syrian turkish egyptian saudi italian spanish
    portuguese dutch belgian swiss austrian polish swedish norwegian danish finnish irish scottish welsh
    canadian mexican brazilian argentine australian indonesian singaporean malaysian thai vietnamese
    european african asian arab us u.s. uk u.k. eu""".split()
)

# A last word that makes a capitalised sequence an organisation.
ORG_SUFFIXES = frozenset(
    """corp corp. corporation inc inc. ltd ltd. llc plc co co. company companies group holdings airlines airline
    airways air bank banks ministry department agency office council committee commission parliament
    assembly congress senate court university institute school college museum foundation association
    union federation party army navy force forces guard police service services authority board
    news times post journal press agency network broadcasting motors industries systems technologies
    energy oil gas airport station hospital church team club fund"""
    .split()
)
# Words after which "of" continues an organisation or place name ("Ministry of Defence").
OF_HEADS = frozenset(
    """ministry department bank university institute republic kingdom state states office council court
    commission museum church college school federation union association secretary minister house
    league board academy government people's""".split()
)

PLACES = frozenset(
    """afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus
    belgium bolivia bosnia brazil bulgaria cambodia cameroon canada chile china colombia congo croatia cuba
    cyprus czechia denmark ecuador egypt england estonia ethiopia europe finland france georgia germany ghana
    greece hungary iceland india indonesia iran iraq ireland israel italy japan jordan kazakhstan kenya korea
    kosovo kuwait laos latvia lebanon libya lithuania luxembourg malaysia mali mexico moldova mongolia morocco
    myanmar nepal netherlands nigeria norway oman pakistan palestine panama peru philippines poland portugal
    qatar romania russia rwanda scotland serbia singapore slovakia slovenia somalia spain sudan sweden
    switzerland syria taiwan tajikistan tanzania thailand tunisia turkey uganda ukraine uruguay uzbekistan
    venezuela vietnam wales yemen zambia zimbabwe africa asia america antarctica crimea gaza
    london paris berlin moscow kyiv kiev beijing shanghai tokyo seoul pyongyang washington brussels rome
    madrid lisbon vienna warsaw prague budapest athens ankara istanbul tehran baghdad damascus cairo jerusalem
    dubai delhi mumbai jakarta sydney melbourne toronto ottawa chicago seattle toulouse hamburg kursk
    donetsk kharkiv odesa geneva zurich frankfurt munich milan dublin edinburgh""".split()
) | {"united states", "united kingdom", "north korea", "south korea", "new york", "los angeles",
     "hong kong", "new zealand", "south africa", "saudi arabia", "united arab emirates", "san francisco",
     "new delhi", "czech republic", "european union", "middle east"}

_PLACE_PREPOSITIONS = frozenset("in at from to near across into".split())

# One token: a capitalised or acronym word, a model number (A380, 787), or a connector.
_TOKEN = re.compile(
    r"(?P<word>(?:[A-Z]\.){2,}|[A-Z][\w'’.-]*\w|[A-Z]|\d{2,}[\w-]*)|(?P<conn>\bof\b|\bde\b|\bdu\b|\bvan\b|\bvon\b|\bal-|&|\bthe\b)",
)
_WORDLIKE = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w-]*|&")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,})$")


def _words(text: str):
    """(start, end, word) for each word of ``text``; punctuation separates words and is not kept."""
    for m in _WORDLIKE.finditer(text):
        w = m.group()
        if w.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", w):
            w = w[:-1]
        yield m.start(), m.start() + len(w), w


def _is_name_word(w: str) -> bool:
    return bool(w) and (w[0].isupper() or (w[0].isdigit() and len(w) >= 2))


def _sequences(text: str):
    """Maximal runs of name words (with connectors inside), as lists of (start, end, word)."""
    words = list(_words(text))
    runs, cur = [], []
    i = 0
    while i < len(words):
        s, e, w = words[i]
        gap = text[cur[-1][1]:s] if cur else ""
        breaks = bool(cur) and ((gap.strip() not in ("",) and gap.strip() != "-")
                                or (_POSSESSIVE.search(cur[-1][2]) is not None and cur[-1][2].lower() != "people's"))
        # "Boeing's European rival": a possessive ends the name it belongs to.
        if _is_name_word(w) and not (w[0].isdigit() and not cur):
            if breaks:
                runs.append(cur)
                cur = []
            cur.append((s, e, w))
        elif cur and w.lower() in ("of", "de", "du", "van", "von", "&") and not breaks and i + 1 < len(words) \
                and _is_name_word(words[i + 1][2]) and (w == "&" or cur[-1][2].lower() in OF_HEADS or w.lower() != "of"):
            cur.append((s, e, w))
        else:
            if cur:
                runs.append(cur)
            cur = []
        i += 1
    if cur:
        runs.append(cur)
    return runs


def _strip(run, text: str, sentence_start: set[int]):
    """Drop stop words at the edges and titles in front; returns (run, had_title)."""
    run = list(run)
    had_title = False
    # Leading stop words / sentence starters ("The", "In", "After").
    while len(run) > 1 and run[0][2].lower().rstrip(".") in STOP_WORDS:
        first = run[0][2].lower()
        if first in TITLE_WORDS or first in OF_HEADS or first in ORG_SUFFIXES:
            break
        run.pop(0)
    while run and (run[0][2][0].isdigit() or run[0][2].lower() in ("of", "de", "du", "van", "von", "&")):
        run.pop(0)  # "June 2024 Treaty" -> "Treaty": a leading number is a date or count, not a name
    if len(run) == 1 and run[0][2].lower().rstrip(".") in STOP_WORDS:
        return [], False
    # Titles with an optional nationality in front: "Russian President Vladimir Putin".
    j = 0
    while j < len(run) and run[j][2].lower().rstrip(".") in NATIONALITIES:
        j += 1
    k = j
    while k < len(run) and run[k][2].lower().rstrip(".") in TITLE_WORDS:
        k += 1
    if k > j and k < len(run) and not (k == len(run) - 1 and run[k][2].lower() in ORG_SUFFIXES):
        run = run[k:]  # ("General Motors", "Air Force One" keep their first word: the rest is no name)
        had_title = True
    elif k > j and k == len(run):
        return [], False  # only a title ("the President")
    # An organisation in front of a title: "Airbus Chief Executive Officer Tom Enders" -> keep the person.
    for idx in range(1, len(run) - 1):
        if run[idx][2].lower() in TITLE_WORDS and run[idx][2].lower() not in ("state", "first", "general") \
                and all(t[2].lower() in TITLE_WORDS for t in run[idx:idx + 1]):
            rest = idx
            while rest < len(run) and run[rest][2].lower() in TITLE_WORDS:
                rest += 1
            if rest < len(run) and run[rest][2][0].isupper():
                run = run[rest:]
                had_title = True
                break
    while run and ((run[-1][2].lower() in STOP_WORDS and run[-1][2].lower() not in ORG_SUFFIXES)
                   or run[-1][2].lower() in ("of", "de", "&", "the")):
        run.pop()
    return run, had_title


# "The provincial governor, Maria Ortega," / "Maria Ortega, the governor of ..." (apposition with a title)
_TITLE_BEFORE = re.compile(r"\b(?P<title>[a-z]+)\s*,\s*$")
_TITLE_JUST_BEFORE = re.compile(r"\b(?P<title>[a-z]+)\s+$")
_TITLE_MODIFIERS = frozenset("""vice prime chief executive general defence defense foreign interior finance transport trade
    economy deputy acting former first state supreme head""".split())
_TITLE_AFTER = re.compile(r"^\s*,\s+(?:the|a|an|its|his|her|their)\s+(?P<words>(?:[\w'’-]+[ \t]*){1,4})")
# Someone who says something: "Maria Ortega said", "according to Maria Ortega".
_SPEECH_AFTER = re.compile(r"^\s+(?:has\s+|had\s+)?(?:said|says|told|tells|added|announced|declared|stated|"
                           r"warned|confirmed|denied|insisted|argued|wrote|explained)\b")
_SPEECH_BEFORE = re.compile(r"\baccording\s+to\s+$", re.I)
_VERB_AFTER = re.compile(r"^\s+(?:has\s+|had\s+|will\s+|would\s+)?(?:[a-z]+ed|won|lost|made|met|led|left|held|took|gave|"
                         r"became|began|came|went|ran|sold|bought|paid|sent|told|wrote|beat|struck|fought|fled|"
                         r"wins|loses|says|leads|plans|faces|visits|signs|meets)\b")


def _kind_from_surroundings(name: str, before: str, after: str) -> ActorKind:
    """A person or organisation recognised by what stands around its name, else ``other``.

    A title in apposition makes a person; a speech verb after the name (or "according to" before
    it) makes an actor of a name of several words: a person when it is two or three words that could
    be a first and last name, otherwise an organisation.  Treaties and buildings are neither quoted nor titled.
    """
    m = _TITLE_BEFORE.search(before)  # "The governor, Maria Ortega"
    if m and m.group("title") in TITLE_WORDS:
        return "person"
    m = _TITLE_JUST_BEFORE.search(before)  # "former Springfield mayor John Doe" ("former" alone names no office)
    if m and m.group("title") in TITLE_WORDS and m.group("title") not in _TITLE_MODIFIERS:
        return "person"
    m = _TITLE_AFTER.match(after)
    if m and any(w in TITLE_WORDS for w in m.group("words").split()):
        return "person"
    words = name.split()
    subject = _VERB_AFTER.match(after) and (not before.strip() or before.rstrip().endswith((".", ",", ";", ":", "\n")))
    if len(words) > 1 and words[-1].lower() not in NAMED_THING_HEADS \
            and (_SPEECH_AFTER.match(after) or _SPEECH_BEFORE.search(before) or subject):
        # a name that speaks, or the subject of a verb ("Roger Federer won his eighth title") acts
        # (a single word may be a surname: "Kim said" is left for the full name in the article)
        if len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in words):
            return "person"
        return "org"
    return "other"


def _classify(name: str, had_title: bool, prev_word: str) -> ActorKind:
    low = name.lower()
    last = low.split()[-1] if low else ""
    if low in PLACES or (len(low.split()) == 1 and low.rstrip("s") in PLACES):
        return "place"
    before_of = low.split(" of ")[0].split()[-1:] if " of " in low else []
    if last in ORG_SUFFIXES or _ACRONYM.match(name) or (before_of and before_of[0] in OF_HEADS):
        return "org"
    if had_title:
        return "person"
    if prev_word.lower() in _PLACE_PREPOSITIONS and len(low.split()) <= 2:
        return "place"
    return "other"


def find_entities(text: str, context: str | None = None) -> list[Actor]:
    """Named people, organisations and places in ``text``, in order of first mention.

    ``context`` (e.g. the whole article) is used to expand short mentions: "Putin" becomes
    "Vladimir Putin" when the context names him in full, "SIA" becomes "Singapore Airlines" after
    "Singapore Airlines (SIA)", "GM" becomes "General Motors".
    """
    found = _raw_entities(text, context)
    if context is not None and context is not text:
        found = [_expand(a, _people(context)) for a in found]
    # Acronyms defined in parentheses, or the initials of a name spelled out nearby.
    defined = dict(_acronym_definitions(text))
    long_names = [a.name for a in found if " " in a.name]
    if context is not None and context is not text:
        defined.update(_acronym_definitions(context))
        long_names += _long_names(context)
    found = [_expand_acronym(a, defined, long_names) for a in found]
    out, keys = [], set()
    for a in found:
        if a.name.lower() not in keys:
            keys.add(a.name.lower())
            out.append(a)
    # A short mention of a longer name in the same text ("Putin" after "Vladimir Putin").
    people = [a.name.split() for a in out if _person_like(a)]
    return [a for a in out if not (" " not in a.name and any(a.name in (p[0], p[-1]) for p in people))]


def _raw_entities(text: str, context: str | None) -> list[Actor]:
    """Names as written (titles stripped, no expansion), each once, in order of first mention."""
    found: list[Actor] = []
    seen: dict[str, int] = {}
    sentence_starts = {0} | {m.end() for m in re.finditer(r"[.!?]\s+", text)}
    for run in _sequences(text):
        run, had_title = _strip(run, text, sentence_starts)
        if not run:
            continue
        # Split "Boeing and Airbus"-like lists are already separate runs; drop a trailing possessive.
        start, end = run[0][0], run[-1][1]
        name = text[start:end]
        m = _POSSESSIVE.search(name)
        if m:
            name, end = name[: m.start()], end - len(m.group())
        name = " ".join(name.split())
        if not name or name.lower() in STOP_WORDS or name.lower() in TITLE_WORDS:
            continue
        if len(name) == 1 or name.isdigit():
            continue
        # A single capitalised word at a sentence start is usually just a capitalised common word.
        if start in sentence_starts and " " not in name and _common_word_at_start(name, context or text):
            continue
        if all(w.rstrip("s") in NATIONALITIES or w in NATIONALITIES for w in name.lower().split()):
            continue  # "Russian", "Ukrainians": an adjective or demonym, not a named actor
        before = text[max(0, start - 12):start].split()
        kind = _classify(name, had_title, before[-1] if before else "")
        if kind == "other":
            kind = _kind_from_surroundings(name, text[max(0, start - 60):start], text[end:end + 60])
        key = name.lower()
        if key in seen:
            continue
        seen[key] = len(found)
        found.append(Actor(name=name, kind=kind, start=start, end=end))
    return found


@functools.lru_cache(maxsize=64)
def _acronym_definitions(text: str) -> tuple[tuple[str, str], ...]:
    """("SIA", "Singapore Airlines") for each "Singapore Airlines (SIA)" in ``text``."""
    out = []
    for m in re.finditer(r"\(\s*((?:[A-Z]\.?){2,6})\s*\)", text):
        before = text[max(0, m.start() - 120):m.start()].rstrip()
        names = [a for a in _raw_entities(before, None) if a.end == len(before) and " " in a.name]
        if names:
            out.append((m.group(1).replace(".", ""), names[-1].name))
    return tuple(out)


@functools.lru_cache(maxsize=4096)  # the same article is asked about the same words sentence after sentence
def _common_word_at_start(word: str, text: str) -> bool:
    """A capitalised single word at a sentence start that is probably a common word ("Images", "Clearly").

    Kept as a name when it is also capitalised mid-sentence or is an acronym or known place;
    dropped when it also appears in lower case, or looks like an adverb, participle or plural.
    """
    if _ACRONYM.match(word) or word.lower() in PLACES:
        return False
    if any(not _at_sentence_start(text, m.start()) for m in re.finditer(rf"\b{re.escape(word)}\b", text)):
        return False
    if re.search(rf"\b{re.escape(word.lower())}\b", text):
        return True
    low = word.lower()
    return low.endswith(("ly", "ed")) or (low.endswith("s") and not low.endswith(("ss", "us", "is")))


def _at_sentence_start(text: str, i: int) -> bool:
    before = text[max(0, i - 16):i].rstrip(" \"'“‘(")  # a window: whole-text prefixes made long articles quadratic
    if not before and i > 16:
        before = text[:i].rstrip(" \"'“‘(")  # (a long run of spaces: look further back)
    return not before or before[-1] in ".!?\n"


def _person_like(a: Actor) -> bool:
    """A multi-word name that may be shortened to one of its words ("Kim Jong-un" -> "Kim")."""
    return a.kind in ("person", "other") and " " in a.name and not any(c.isdigit() for c in a.name)


_INITIAL_SKIP = frozenset("of and & the de du for".split())


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _INITIAL_SKIP and w[0].isalpha()).upper()


@functools.lru_cache(maxsize=64)
def _context_entities(context: str) -> tuple[Actor, ...]:
    """The names of a context text (an article), computed once for all its sentences."""
    return tuple(find_entities(context))


def _long_names(context: str) -> tuple[str, ...]:
    """Every multi-word name in a context text."""
    return tuple(dict.fromkeys(a.name for a in _context_entities(context) if " " in a.name))


def _expand_acronym(actor: Actor, defined: dict[str, str], long_names: list[str] | tuple[str, ...]) -> Actor:
    """"GM" -> "General Motors", "SIA" -> "Singapore Airlines" when that name is spelled out nearby."""
    if not _ACRONYM.match(actor.name):
        return actor
    letters = actor.name.replace(".", "").upper()
    if len(letters) < 2:
        return actor
    if letters in defined:
        return Actor(name=defined[letters], kind="org" if actor.kind == "other" else actor.kind,
                     start=actor.start, end=actor.end)
    for n in long_names:
        if _initials(n) == letters:
            return Actor(name=n, kind="org" if actor.kind == "other" else actor.kind, start=actor.start, end=actor.end)
    return actor


@functools.lru_cache(maxsize=64)
def _people(context: str) -> tuple[str, ...]:
    """Full names of people in a context text, longest first, then in order of first mention (cached: called
    once per sentence). The mention order settles ties, so "Elian" expands the same way on every run."""
    names = dict.fromkeys(a.name for a in _context_entities(context) if _person_like(a))
    return tuple(sorted(names, key=len, reverse=True))


# Last words of names of things (tournaments, wars, laws, bodies, places), which alone are no surname
NAMED_THING_HEADS = frozenset(
    """open cup games championship championships series prix classic masters league festival awards olympics war act
    treaty agreement accord summit conference council committee party club house court union bank airport station
    square street bridge center centre university college museum hospital""".split())


def _expand(actor: Actor, full_names: tuple[str, ...]) -> Actor:
    """"Putin" -> "Vladimir Putin", "Kim" -> "Kim Jong-un" when the context names that person in full."""
    if " " in actor.name or actor.kind in ("org", "place") or actor.name.lower() in NAMED_THING_HEADS:
        return actor  # "the Open era" is no "Australian Open"
    for n in full_names:
        parts = n.split()
        if actor.name in (parts[0], parts[-1]):
            return Actor(name=n, kind="person", start=actor.start, end=actor.end)
    return actor


def find_actors(text: str, context: str | None = None) -> list[str]:
    """The names of the people, organisations and places in ``text`` (see :func:`find_entities`)."""
    return [a.name for a in find_entities(text, context)]


def normalize_actor(name: str) -> str:
    """A comparison key for an actor name: case-folded, possessives and punctuation dropped."""
    name = _POSSESSIVE.sub("", name.strip())
    return " ".join(re.findall(r"[\w-]+", name.casefold().replace(".", "")))

"""Short readable event titles drawn from a sentence, in headline style.

"In April 2025, the Russian military reported that Ukrainian forces were fully expelled,
acknowledging ..." becomes "Russian military reports Ukrainian forces fully expelled":
the date phrase is cut out, then the main clause is kept, asides and trailing clauses dropped,
articles and auxiliaries removed, the main verb put in the headline present tense, and the
result capped at a clause boundary near ``MAX_WORDS`` words.
"""

from __future__ import annotations

import re

MAX_WORDS = 10

_IRREGULAR_PAST = {
    "told": "tells", "said": "says", "made": "makes", "took": "takes", "gave": "gives", "went": "goes",
    "came": "comes", "saw": "sees", "found": "finds", "began": "begins", "won": "wins", "lost": "loses",
    "held": "holds", "met": "meets", "left": "leaves", "led": "leads", "sent": "sends", "spoke": "speaks",
    "wrote": "writes", "brought": "brings", "bought": "buys", "sold": "sells", "paid": "pays", "kept": "keeps",
    "fell": "falls", "rose": "rises", "struck": "strikes", "shot": "shoots", "hit": "hits", "put": "puts",
    "set": "sets", "cut": "cuts", "quit": "quits", "built": "builds", "fought": "fights", "thought": "thinks",
    "ran": "runs", "drove": "drives", "flew": "flies", "grew": "grows", "knew": "knows", "chose": "chooses",
    "broke": "breaks", "stood": "stands", "became": "becomes", "forgot": "forgets", "felt": "feels",
    "overtook": "overtakes", "undertook": "undertakes", "withdrew": "withdraws", "swore": "swears", "sank": "sinks",
    "signed": "signs", "was": "is", "were": "are", "had": "has", "did": "does", "launched": "launches",
}
_AUXILIARIES = re.compile(
    r"\b(?:has|have|had) been |\b(?:was|were|is|are|been|being) (?=(?:\w+ly )?\w+(?:ed|en|wn|ne|lt|pt|ught)\b)|\b(?:has|have|had) (?=\w+(?:ed|en|wn|ne)\b)",
    re.I,
)
_REPORTING = r"(?:reported|said|told|announced|claimed|stated|confirmed|warned|declared|revealed|added|noted|argued|insisted|acknowledged|denied|admitted)"
_ARTICLES = re.compile(r"\b(?:the|a|an)\s+", re.I)
_BOUNDARY_WORDS = frozenset("in into on at by to for with from after before during as while since amid over under near".split())
_WEAK_END = frozenset("and or but of the a an to in on at by for with from that which who as its their his her".split())
# "Images released by KCNA show Kim ..." -> "KCNA releases images of Kim ..."
_PASSIVE_SHOW = re.compile(
    r"^(?P<obj>\w+(?: \w+)?) (?P<verb>\w+ed) by (?P<agent>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*) (?:show|shows|showing|depict|depicts|reveal|reveals) (?P<rest>.+)$"
)
_ASIDE = re.compile(r",\s+(?:\w+ing|\w+ed|who|which|whose|where|according to|citing)\b[^,]*,\s*")


_PLURAL_IRREGULAR = {"is": "are", "has": "have", "does": "do", "goes": "go"}


def _present(verb: str, plural: bool = False) -> str:
    """Headline present tense of a past-tense verb: reported -> reports (or report after a plural subject)."""
    out = _present_3sg(verb)
    if plural and out != verb:
        low = out.lower()
        base = _PLURAL_IRREGULAR.get(low) or (low[:-2] if re.search(r"(?:ss|sh|ch|x|z)es$", low) else
                                              low[:-3] + "y" if low.endswith("ies") else low[:-1])
        out = base[0].upper() + base[1:] if out[0].isupper() else base
    return out


def _present_3sg(verb: str) -> str:
    low = verb.lower()
    if low in _IRREGULAR_PAST:
        out = _IRREGULAR_PAST[low]
    elif low.endswith("ied"):
        out = low[:-3] + "ies"
    elif re.search(r"(?:ss|sh|ch|x|z)ed$", low):
        out = low[:-2] + "es"
    elif re.search(r"([bdgklmnprt])\1ed$", low) and not low.endswith(("lled", "ssed")):
        out = low[:-3] + "s"  # stopped -> stops
    elif re.search(r"(?:[^aeiou][aeiou][^aeiouwy]|[cgsvz]|ll|ng)ed$", low) or low.endswith(("ated", "ized", "ised", "uced", "nced", "rved", "lved")):
        out = low[:-1] + "s" if not low.endswith(("lled",)) else low[:-2] + "s"
    elif low.endswith("ed"):
        out = low[:-2] + "s"
    else:
        return verb
    return out[0].upper() + out[1:] if verb[0].isupper() else out


def _finite_verb_index(words: list[str]) -> int | None:
    """Index of the first finite past-tense verb after the subject (not a participle after an auxiliary)."""
    for i, w in enumerate(words[1:8], start=1):
        low = w.lower().strip("“”\"',.")
        if low in _IRREGULAR_PAST or (low.endswith("ed") and len(low) > 3 and w[0].islower()):
            prev = words[i - 1].lower()
            if prev in ("was", "were", "been", "be", "being", "is", "are", "has", "have", "had"):
                continue
            return i
    return None


def make_title(sentence: str, cut: list[tuple[int, int]] = ()) -> str:
    """A headline-style title for ``sentence``; ``cut`` are spans (relative to the sentence) to remove,
    such as the date expression with its preposition."""
    s = sentence
    for a, b in sorted(cut, reverse=True):
        s = s[:a] + " " + s[b:]
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^[,;:\s]+", "", s)
    s = re.sub(r"\s+([,.;:])", r"\1", s)
    s = re.sub(r",\s*,", ",", s)
    aside = _ASIDE.search(s + " ")
    if aside and _finite_verb_index(["_"] + s[: aside.start()].split()) is None:
        s = (s[: aside.start()] + " " + s[aside.end():]).strip()
    # Main clause: stop at a semicolon, a dash, or a comma after the first few words.
    s = re.split(r"\s*(?:;|—|–| - )\s*", s)[0]
    parts = s.split(",")
    if len(parts) > 1:
        head = parts[0]
        s = head if len(head.split()) >= 4 else ",".join(parts[:2])
    s = s.rstrip(" .!?:")
    m = _PASSIVE_SHOW.match(s)
    if m:
        s = f"{m['agent']} {_present(m['verb'])} {m['obj'].lower()} of {m['rest']}"
    s = _ARTICLES.sub("", s)
    s = re.sub(rf"\b({_REPORTING})\b((?:\s+\S+){{0,6}}?)\s+that\b", r"\1\2", s)
    s = _AUXILIARIES.sub("", s)
    words = s.split()
    if not words:
        return sentence.strip()[:80]
    vi = _finite_verb_index(words)
    if vi is not None:
        prev = words[vi - 1] if vi > 0 else ""
        plural = not prev.isupper() and re.fullmatch(r"[A-Za-z]+[^sS']s", prev) is not None
        words[vi] = _present(words[vi], plural=plural)
    if len(words) > MAX_WORDS:
        cutoff = None
        for i in range(min(len(words), MAX_WORDS + 1) - 1, 3, -1):
            if words[i].lower() in _BOUNDARY_WORDS:
                cutoff = i
                break
        words = words[: cutoff or MAX_WORDS]
    while len(words) > 3 and words[-1].lower().strip(",") in _WEAK_END:
        words.pop()
    title = " ".join(words).strip(" ,;:")
    title = re.sub(r"^[“\"‘']+|[”\"’']+$", "", title) if title.count("“") != title.count("”") else title
    return title[0].upper() + title[1:] if title else sentence.strip()[:80]

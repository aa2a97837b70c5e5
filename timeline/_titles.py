"""Short readable event titles drawn from a sentence, in headline style.

"In April 2025, the Russian military reported that Ukrainian forces were fully expelled,
acknowledging ..." becomes "Russian military reports Ukrainian forces fully expelled":
the date phrase is cut out, then the main clause is kept, asides and trailing clauses dropped,
articles and auxiliaries removed, the main verb put in the headline present tense, and the
result capped at a clause boundary near ``MAX_WORDS`` words.
"""

from __future__ import annotations

import functools
import re

MAX_WORDS = 10

_AUXILIARIES = re.compile(
    # "would have been delivered", "discovered to have been in" keep them
    r"(?<!would )(?<!could )(?<!should )(?<!might )(?<!must )(?<!may )(?<!have )(?<!has )(?<!had )(?<!to )(?<!not )"
    r"(?:\b(?:has|have|had) been |\b(?:was|were|is|are|been|being) (?=(?:\w+ly )?(?:\w+(?:ed|en|wn|lt|pt|ught)|done|gone|"
    r"held|made|paid|said|sold|told|led|met|set|put|hit|cut|shut|sent|spent|lost|won|found|left|struck|shot|hurt|fled)\b)"
    r"|\b(?:has|have|had) (?=\w+(?:ed|en|wn)\b))",
    re.I,
)
_ATTRIBUTION_AFTER = re.compile(r",\s+(?:[\w'’.-]+\s+){1,4}(?:said|says|reported|added|told\s+\w+)\s*$")
_SUBORDINATE_AFTER = re.compile(r",\s+(?:when|while|as|because|although|though|whereas|after|before)\s+.*$")
_PERFECT = re.compile(
    r"(?<!would )(?<!could )(?<!should )(?<!might )(?<!must )(?<!may )(?<!to )\b(?P<aux>has|have|had) (?!been\b)(?P<part>[a-z]+)\b",
    re.I)


def _perfect_to_simple(m: re.Match) -> str:
    """"has taken" -> "takes", "have left" -> "leave", "had left" -> "left" (which becomes the headline present
    with the rest of the verbs); anything that is not a participle stays as written."""
    from lemminflect import getAllLemmas, getInflection

    aux, part = m.group("aux").lower(), m.group("part")
    for lemma in getAllLemmas(part.lower()).get("VERB", ()):
        if part.lower() in getInflection(lemma, tag="VBN") and part.lower() != lemma:
            tag = {"has": "VBZ", "have": "VBP", "had": "VBD"}[aux]
            return (getInflection(lemma, tag=tag) or (part,))[0]
    return m.group(0)


_REPORTING = r"(?:reported|said|told|announced|claimed|stated|confirmed|warned|declared|revealed|added|noted|argued|insisted|acknowledged|denied|admitted)"
_ARTICLES = re.compile(r"\b(?:the|a|an)\s+", re.I)
_BOUNDARY_WORDS = frozenset("in into on at by to for with from after before during as while since amid over under near "
                            "when where because although though if whereas unless which who whose".split())
# A second predicate: "declared a state of emergency and said schools would ..." keeps the first.
_SECOND_PREDICATE = re.compile(r",?\s+and\s+(?:then\s+)?(?:said|says|told|added|warned|announced|\w+ed)\b.*$")
_WEAK_END = frozenset(
    """and or but of the a an to in on at by for with from that which who as its their his her according about than
    would will could should may might must shall starting beginning effective ending dating until through
    following it be is are was were has have had just now also being been not so very this these those such there
    some all any each least""".split()
)
# "It is expected that the A380 will wear ...": the impersonal frame says nothing; the clause is the news
_IMPERSONAL_FRAME = re.compile(
    r"^It (?:is|was|has been|had been) (?:\w+ly )?(?:expected|believed|reported|understood|thought|feared|hoped|"
    r"likely|unlikely|possible|probable|certain|clear|known|estimated|alleged|rumoured|rumored|said) that ")
# "... and said that", "Sources indicate that": a reporting verb's "that" is dropped in a headline
_REPORTING_PRESENT = r"(?:says|say|indicates?|suggests?|shows?|believes?|expects?|fears?|claims?|reports?|confirms?)"
# "Images released by KCNA show Kim ..." -> "KCNA releases images of Kim ..."
_PASSIVE_SHOW = re.compile(
    r"^(?P<obj>\w+(?: \w+)?) (?P<verb>\w+ed) by (?P<agent>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*) (?:show|shows|showing|depict|depicts|reveal|reveals) (?P<rest>.+)$"
)
_ASIDE_START = re.compile(r"(?:\w+ing|\w+ed|who|which|whose|where|according to|citing)\b")
_APPOSITIVE = re.compile(r"(?:[A-Z][\w.'’&-]*\s?)+")


_UNIT_AFTER_NUMBER = re.compile(r"(?i)(?:million|billion|trillion|percent|per\s?cent|%|points?|people|dollars|euros|"
                                r"years?|months?|weeks?|days?|hours?|km|kilometres|kilometers|miles|tonnes|tons)")


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word.strip(",.;:").isalpha()


def _untokenise(s: str) -> str:
    """Undo the spacing of tokenised corpora: "Boeing 's `` new '' jet , he said" -> "Boeing's “new” jet, he said"."""
    s = re.sub(r"``\s*", "“", s)
    s = re.sub(r"\s*''", "”", s)
    s = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|%)\b", r"\1", s)
    return re.sub(r"\s+([,.;:!?)])", r"\1", re.sub(r"([($])\s+", r"\1", s))


def _has_verb(text: str) -> bool:
    """Whether a piece of a sentence has a finite verb (a past form right after a comma is taken for a
    participle aside here: the piece may end where the aside's closing comma was)."""
    words = text.split()
    return any(w.lower() in ("is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says")
               for w in words) or any(w in _SAME_FORM_PAST and words[i].lower() not in _BEFORE_PARTICIPLE
                                      for i, w in enumerate(words[1:])) \
        or _finite_verb_index(["_"] + words, comma_opens_aside=True, reach=14) is not None


# past tenses spelt like their base form, which the past-tense test cannot tell apart ("The quake hit at 2 a.m.")
_SAME_FORM_PAST = frozenset("hit cut put set shut hurt quit spread beat split burst".split())


_OPENING_PHRASE = re.compile(r"(?i)(?:in|on|at|after|before|during|with|for|by|from|under|amid|despite|following|"
                             r"since|as part of|according to|as a result of|because of|due to|thanks to|"
                             r"in response to|in addition to|ahead of|prior to|as of)\b")
_DATE_SUBJECT_BEFORE = re.compile(r"(?:^|[“\"‘]|[.:;,]\s)\s*$")
_COPULA_AFTER = re.compile(r"\s*(?:is|was|are|were|will\s+be|would\s+be|has\s+been|had\s+been)\b")
_QUOTE_FIRST = re.compile(r"^[“\"](?P<quote>[^”\"]+)[”\"],?\s+(?P<speaker>(?:[\w.'’-]+\s+){1,5}?)(?:said|says|told|added|stated)\b")
_SAID_QUOTE = re.compile(r"^(?P<speaker>[^“\"]+?)\s+(?:said|says|added|stated|declared)[:,]?\s+[“\"](?P<quote>[^”\"]+)")
_REPORTED_BY = re.compile(r"\b(?:said|says|added|stated|declared|told\s+\w+)$")
_NAME_RUN = r"(?:[A-Z][\w.'’-]*\s)*[A-Z][\w.'’-]*"  # capitalised words: the speaker's name in a quote title
_OPENING_CLAUSE = re.compile(r"(?i)(?:even\s+if|if|unless|although|though|even\s+though|whereas|whether|after|before|"
                             r"when|once|while|as\s+soon\s+as)\b")
_BEFORE_PARTICIPLE = frozenset("in on at for with by from of into a an the its their his her this that".split())
_NOT_VERBS = frozenset("red bed need seed speed feed hundred led united based would could should might".split())


@functools.lru_cache(maxsize=4096)
def _past_lemma(word: str) -> str | None:
    """The lemma of ``word`` when it is a simple past-tense verb form (reported -> report), else None."""
    from lemminflect import getAllLemmas, getInflection  # lazy: its tables take a moment to load

    low = word.lower()
    if low in _NOT_VERBS and low != "led":
        return None
    for lemma in getAllLemmas(low).get("VERB", ()):
        if low != lemma and low in getInflection(lemma, tag="VBD"):  # not "cost", "put": they read as nouns too
            return lemma
    return None


def _present(verb: str, plural: bool = False) -> str:
    """Headline present tense of a past-tense verb: reported -> reports (report after a plural subject)."""
    from lemminflect import getInflection

    lemma = _past_lemma(verb)
    if lemma is None:
        return verb
    if lemma == "be":
        out = "are" if plural else "is"
    else:
        out = (getInflection(lemma, tag="VBP" if plural else "VBZ") or (lemma,))[0]
    return out[0].upper() + out[1:] if verb[0].isupper() else out


@functools.lru_cache(maxsize=4096)
def _present_verb(word: str) -> bool:
    """Whether ``word`` can only be a present-tense verb ("illustrates"; not "rates", a noun too)."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return word.endswith("s") and "VERB" in lemmas and "NOUN" not in lemmas and "ADJ" not in lemmas


def _finite_verb_index(words: list[str], comma_opens_aside: bool = False, reach: int = 8) -> int | None:
    """Index of the first finite past-tense verb after the subject (not a participle after an auxiliary),
    within ``reach`` words; None when a present-tense verb comes first ("The 787 illustrates the
    strategies adopted by ...")."""
    for i, w in enumerate(words[1:reach], start=1):
        low = w.lower().strip("“”\"',.")
        if not low.isalpha() or w[0].isupper() and i > 1 and low not in ("was", "were", "had"):
            continue
        if _present_verb(low) or low in MODALS:
            return None  # "Schools will remain closed": the verb group is the modal's, "closed" no past tense
        if _past_lemma(low) is not None:
            aside = words[i - 1].endswith(",") and (comma_opens_aside or any(w.endswith(",") for w in words[i:i + 5]))
            if aside or words[i - 1].lower() in _BEFORE_PARTICIPLE:
                continue  # "the superjumbo, made by Airbus,", "in a televised speech": participles, not the verb
            prev = words[i - 1].lower()
            if prev in ("not", "never", "also", "already", "just", "since") and i >= 2:
                prev = words[i - 2].lower()  # "has not paid", "had already left": still after the auxiliary
            if prev in ("was", "were", "been", "be", "being", "is", "are", "has", "have", "had", "to",
                        "hasn't", "haven't", "hadn't", "wasn't", "weren't"):
                continue
            return i
    return None


_PREPOSITIONS = frozenset("at of in from on with near for across inside outside under".split())
_PLURAL_NOUNS = frozenset("people police troops forces officials workers children men women staff".split())


def _plural_subject(subject: list[str]) -> bool:
    """Whether the subject before the verb is plural, judged by its head noun: the last word before
    any preposition ("Dock workers at the country's largest port" -> "workers")."""
    if not subject:
        return False
    head_words = subject
    for i, w in enumerate(subject[1:], start=1):
        if w.lower() in _PREPOSITIONS:
            head_words = subject[:i]
            break
    head = head_words[-1].strip("“”\"',.")
    low = head.lower()
    if low in ("they", "we", "you", "i", "some", "many", "most", "all", "both", "several", "few") or low in _PLURAL_NOUNS:
        return True
    if "and" in (w.lower() for w in head_words[1:-1]):
        return True  # "Boeing and Airbus"
    # a capitalised head is a name ("Airbus", "Mercedes") unless it only opens the sentence ("Truckloads")
    return (head.islower() or len(head_words) == 1) and re.fullmatch(r"[A-Za-z]+[^sSuUiI']s", head) is not None


def _plain_title(sentence: str, cut) -> str:
    """The main clause of ``sentence`` without the cut spans, at most ``MAX_WORDS`` words."""
    s = re.sub(r"\s+", " ", cut_spans(sentence, cut)).strip()
    s = re.sub(r"\s+([,.;:!?])", r"\1", s)
    s = re.sub(r"^[,;:\s]+|,\s*(?=,)", "", s)
    s = re.split(r"\s*(?:;|—|–| - )\s*", s)[0].rstrip(" .!?:,")
    words = s.split()
    if len(words) > MAX_WORDS:
        # stop at the last comma within the cap, if it leaves a clause of a few words
        head = " ".join(words[:MAX_WORDS])
        comma = head.rfind(",")
        s = head[:comma] if comma > 0 and len(head[:comma].split()) >= 4 else head
    words = s.strip(" ,;:").split()
    while len(words) > 3 and words[-1].lower().strip(",") in _WEAK_END_OTHER:
        words.pop()
    s = " ".join(words).strip(" ,;:")
    return s[0].upper() + s[1:] if s else sentence.strip()[:80]


# Function words a title cut at the cap should not end on, in the other rule languages.
_WEAK_END_OTHER = frozenset(
    """und oder aber der die das den dem des ein eine einen einem einer damit mit von zu für auf
    et ou mais le la les un une des de du au aux à pour par avec
    y o pero el los las una del al con por para
    и а но в во на с со к по из за""".split()
)


def subject_of(clause: str) -> str | None:
    """The words before a clause's finite verb ("The central bank" in "The central bank last raised
    rates"), or None when no past-tense verb is found in its first words."""
    start = dateline_end(clause)
    words = clause[start:].split()
    vi = _finite_verb_index(words)
    if vi is None:
        return None
    subject = words[:vi]
    while subject and subject[-1].lower() in ("last", "first", "also", "then", "later", "already", "just", "recently"):
        subject.pop()  # adverbs before the verb are no part of the subject
    opening = max((i for i, w in enumerate(subject) if w.endswith(",")), default=-1)
    if opening >= 0 and _OPENING_PHRASE.match(subject[0]):
        subject = subject[opening + 1:]  # "In 2009, Fiat bought ...": the subject is "Fiat"
    return " ".join(subject) or None


MODALS = frozenset("will would could can may might should must shall".split())
_PRONOUNS = frozenset("it he she they we i you this that".split())
_SUBORDINATORS = frozenset("if even when while although though because unless whether as once until since".split())
_NOT_A_PREDICATE_START = frozenset(
    """the a an it its he she they we i you there this that these those his her their our my your in on at by for
    with from to of as if when while after before since because although though not no so then also""".split())


def subject_and_modal(clause: str) -> tuple[str, str] | None:
    """("The massive airliner", "will") for "The massive airliner will then bypass ...": a subject before a
    modal verb, for a second predicate that shares both ("..., and fly directly to Sydney")."""
    words = clause[dateline_end(clause):].split()
    for i, w in enumerate(words[1:8], start=1):
        if w.lower() in MODALS:
            if any(x.endswith(",") for x in words[:i]):
                return None
            return " ".join(words[:i]), w.lower()
        if not w.isalpha():
            return None
    return None


_AUXILIARY_START = frozenset("has have had is are was were will would can could may might should must".split())


def clause_subject(clause: str) -> str | None:
    """The subject of a clause: the words before its first verb of any tense ("Ford" in "For the final
    quarter, Ford says it made ..."), an opening phrase left out; None when no verb comes early."""
    words = clause[dateline_end(clause):].split()
    opening = next((i for i, w in enumerate(words) if w.endswith(",")), -1)
    if opening >= 0 and _OPENING_PHRASE.match(words[0]) and opening < len(words) - 2:
        words = words[opening + 1:]
    for i, w in enumerate(words[1:12], start=1):
        low = w.lower().strip("“”\"',.")
        if not low.isalpha() or w.endswith(","):
            return None
        if low in MODALS or low in _AUXILIARY_START or _present_verb(low) or (_past_lemma(low) and not w[0].isupper()):
            return " ".join(words[:i])
    return None


def _predicate_like(part: str) -> bool:
    """Whether a comma-separated part goes on with a predicate or an aside ("already bearing ...",
    "arrives in Tokyo"), so the part before it held the subject."""
    first = part.split()[0] if part.split() else ""
    return bare_predicate(part) or first in ("already", "also", "still", "then", "now", "just", "recently") \
        or (first.islower() and first.endswith("ing"))


def bare_predicate(clause: str) -> bool:
    """Whether a clause starts with a verb and has no subject ("fly directly to Sydney", "has since
    increased its stake"): its first word is an auxiliary or the base form of a verb."""
    words = clause.split()
    if not words or not words[0].replace("-", "").isalpha() or not words[0].islower() or words[0] in _NOT_A_PREDICATE_START:
        return False
    if words[0] in _AUXILIARY_START or _present_verb(words[0]) or _past_lemma(words[0].split("-")[-1]):
        return True  # "has since increased", "expects to continue", "re-entered the stock market"
    from lemminflect import getAllLemmas

    return words[0] in getAllLemmas(words[0]).get("VERB", ()) and _past_lemma(words[0]) is None


def cut_spans(text: str, spans) -> str:
    """``text`` with each span (start, end) replaced by a space; overlapping spans are cut as one."""
    merged: list[list[int]] = []
    for a, b in sorted((max(a, 0), max(b, 0)) for a, b in spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    for a, b in reversed(merged):
        rest, head, cut = text[b:], text[:a], text[a:b].strip()
        # ", on November 11," was a whole aside: both commas go
        if cut.startswith(",") and rest.lstrip().startswith(","):
            b += len(rest) - len(rest.lstrip()) + 1
        elif cut.endswith(",") and head.rstrip().endswith(","):
            a = len(head.rstrip()) - 1
        text = text[:a] + " " + text[b:]
    return text


# A wire dateline opening the first sentence: "WASHINGTON (AP) — ", "DAR ES SALAAM, Tanzania (AP) _ ",
# "LONDON, March 3 (Reuters) - ", "PARIS — ".
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’ -]{1,40}[A-Z.](?:,\s+[A-Z][\w.' -]{1,30}?)*(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\((?:AP|AFP|Reuters|Xinhua|dpa|UPI|ANSA|EFE|Bloomberg|CNN)\))?\s*(?:—|–|--|_|-)\s+"
)


def dateline_end(sentence: str) -> int:
    """Where the text after a wire dateline starts (0 when the sentence opens without one)."""
    m = DATELINE.match(sentence)
    return m.end() if m else 0


def make_title(sentence: str, cut: list[tuple[int, int]] = (), lang: str = "en") -> str:
    """A headline-style title for ``sentence``; ``cut`` are spans (relative to the sentence) to remove,
    such as the date expression with its preposition.  Headline grammar (articles dropped, verbs in
    the present) is English; other languages get the main clause, trimmed, in their own words."""
    skip = dateline_end(sentence)
    if skip:  # the dateline says where the story was filed, not what happened
        sentence, cut = " " * skip + sentence[skip:], [(max(a, skip), b) for a, b in cut if b > skip]
    if lang.split("-")[0].lower() != "en":
        return _plain_title(sentence, cut)
    front = _QUOTE_FIRST.match(sentence[skip:].strip())
    if front is not None and len(front.group("quote").split()) >= 3:
        # '"We are disappointed by today's verdict," she told reporters': the quote, word for word
        speaker = re.findall(_NAME_RUN, front.group("speaker"))
        quote = front.group("quote").strip(" ,.")
        title = f"{speaker[0]}: {quote}" if speaker and speaker[0].lower() not in _PRONOUNS else quote
        return _finish(_untokenise(title).split(), sentence)
    # "Sunday was chosen as ...", '"Today is a great day"': a date that is the subject stays in the title
    cut = [(a, b) for a, b in cut if not (_DATE_SUBJECT_BEFORE.search(sentence[:a]) and _COPULA_AFTER.match(sentence, b))]
    s = cut_spans(sentence, cut)
    s = _untokenise(re.sub(r"\s+", " ", s).strip())
    s = re.sub(r"^[,;:\s]+", "", s)
    s = re.sub(r"\s+([,.;:])", r"\1", s)
    s = re.sub(r",\s*,\s*", " ", s)  # "in Brisbane, [on November 11], may be": the date was the whole aside
    s = _IMPERSONAL_FRAME.sub("", s)
    # Main clause: stop at a semicolon or a dash; then keep comma-separated parts up to the first verb,
    # skipping asides ("acting under the treaty", "who ...") and appositives (", Ryanair,") before it.
    s = re.split(r"\s*(?:;|—|–| - | -- )\s*", s)[0]
    parts = s.split(", ")
    while len(parts) > 1 and _OPENING_PHRASE.match(parts[0]) and not _has_verb(parts[0]) \
            and not _predicate_like(parts[1]):
        # "In a televised speech from the White House, Obama presented ...": the setting; but in
        # "After the 787, already bearing ANA's livery, arrives" the subject is in the first part
        parts = parts[1:]
    if len(parts) > 1 and _predicate_like(parts[1]):
        parts[0] = re.sub(r"(?i)^(?:after|before|when|once|until|as soon as)\s+(?=\S)", "", parts[0])
    if len(parts) > 1 and _OPENING_CLAUSE.match(parts[0]) and _has_verb(" ".join(parts[1:])) \
            and not _predicate_like(parts[1]):
        parts = parts[1:]  # "Even if Airbus gets back to business, today is Boeing's day": the main clause
    head, skipped = parts[0], False
    for i, part in enumerate(parts[1:], start=1):
        if _has_verb(head):
            said = _REPORTED_BY.search(head)
            if said and part.startswith(("“", '"', "‘")):
                # 'CEO Louis Gallois said, "Today is a great day"' -> 'Louis Gallois: Today is great day': the quote is the news
                speaker = head[:said.start()].strip()
                names = re.findall(_NAME_RUN + "$", speaker)
                return _speaker_title(names[0] if names else speaker, ", ".join(parts[i:]).strip("“”\"‘’ "), sentence)
            break
        middle = i < len(parts) - 1
        if middle and (_ASIDE_START.match(part) or _APPOSITIVE.fullmatch(part)):
            skipped = True
            continue
        head = f"{head} {part}" if skipped else f"{head}, {part}"
        skipped = False
    s = head
    quoted = _SAID_QUOTE.match(s)
    if quoted is not None:  # 'Whitey MacDonald, chairperson of Local 1520, said "There is a lot of anger"'
        names = re.findall(_NAME_RUN, quoted.group("speaker"))
        quote = quoted.group("quote").strip("“”\"‘’ .")
        if names and len(quote.split()) >= 3:
            return _speaker_title(names[0], quote, sentence)
    if _has_verb(_SECOND_PREDICATE.sub("", s)):
        s = _SECOND_PREDICATE.sub("", s)
    s = s.rstrip(" .!?:")
    for tail in (_ATTRIBUTION_AFTER, _SUBORDINATE_AFTER):  # "..., officials said", "..., when most residents were asleep"
        m = tail.search(s)
        if m is not None and _has_verb(s[:m.start()]):
            s = s[:m.start()]
    m = _PASSIVE_SHOW.match(s)
    if m:
        s = f"{m['agent']} {_present(m['verb'])} {m['obj'].lower()} of {m['rest']}"
    s = _ARTICLES.sub("", s)
    s = re.sub(rf"\b({_REPORTING})\b((?:\s+\S+){{0,6}}?)\s+that\b", r"\1\2", s)
    s = re.sub(rf"^((?:\S+\s+){{1,4}}?{_REPORTING_PRESENT})\s+that\b", r"\1", s)
    s = _PERFECT.sub(_perfect_to_simple, s)  # "The bank had left rates unchanged": "Bank leaves rates unchanged"
    words = s.split()
    vi = _finite_verb_index(words)
    if vi is not None and vi > 1 and words[vi - 1].lower() == "last":
        del words[vi - 1]  # "Policymakers last met": "Policymakers meet"
        vi -= 1
    if vi is None:  # "The quake hit at 3:42 a.m.": a past tense spelt like its base form
        vi = next((i for i, w in enumerate(words[1:8], start=1) if w in _SAME_FORM_PAST
                   and words[i - 1].lower() not in _BEFORE_PARTICIPLE | _AUXILIARY_START | MODALS | {"to"}
                   and not words[i - 1].endswith(",")
                   and not any(x.lower() in _AUXILIARY_START | MODALS or _present_verb(x.lower()) for x in words[1:i])), None)
        if vi is not None and not _plural_subject(words[:vi]):
            words[vi] = words[vi] + "s"
        vi = None
    if vi is not None:
        subject = words[:vi]
        while len(subject) > 1 and subject[-1].lower() in ("also", "then", "later", "already", "just", "recently", "first"):
            subject = subject[:-1]  # an adverb before the verb is no part of the subject
        words[vi] = _present(words[vi], plural=_plural_subject(subject))
    else:
        # headline future: "Malaysia visit will be rescheduled" -> "Malaysia visit to be rescheduled"
        wi = next((i for i, w in enumerate(words[1:8], start=1) if w == "will"), None)
        if wi is not None and words[0].lower() not in _SUBORDINATORS | _PRONOUNS and wi + 1 < len(words) \
                and not any(w.lower() in _AUXILIARY_START or _present_verb(w.lower()) for w in words[:wi]) \
                and words[wi + 1].isalpha() and words[wi + 1].islower() \
                and words[wi + 1] != "not" and not any(w.endswith(",") for w in words[:wi]):
            words[wi] = "to"
    words = _AUXILIARIES.sub("", " ".join(words)).split()
    return _finish(words, sentence)


def _speaker_title(speaker: str, quote: str, sentence: str) -> str:
    """'Louis Gallois: Today is great day': a quote that is the news, after its speaker (articles dropped)."""
    return _finish(_ARTICLES.sub("", f"{speaker}: {quote[:1].upper()}{quote[1:]}").split(), sentence)


def _finish(words: list[str], sentence: str) -> str:
    """Cap ``words`` near MAX_WORDS at a clause boundary, drop weak last words, capitalise."""
    if not words:
        return sentence.strip()[:80]
    if len(words) > MAX_WORDS:
        cutoff = None
        for i in range(min(len(words), MAX_WORDS + 1) - 1, 3, -1):
            if words[i].lower() in _BOUNDARY_WORDS:
                cutoff = i
                break
        end = cutoff or MAX_WORDS
        if cutoff is None and end < len(words) and _is_name_word(words[end - 1]) and _is_name_word(words[end]):
            while end < min(len(words), MAX_WORDS + 3) and _is_name_word(words[end]):
                end += 1  # "livery of Singapore Airlines": a name is not cut in two
        elif end < len(words) and re.search(r"\d", words[end - 1]) and _UNIT_AFTER_NUMBER.fullmatch(words[end].strip(",.;:")):
            end += 1  # "a loss of $8.6 billion": a number keeps its unit
        words = words[:end]
    while len(words) > 3 and words[-1].lower().strip(",") in _WEAK_END:
        words.pop()
    while len(words) > 2 and words[-1].lower().strip(",") in ("and", "or", "but", "between", "to", "compared", "versus", "than"):
        words.pop()  # "Prices rise [in June] and [August]": a conjunction never ends a title
    title = " ".join(words).strip(" ,;:")
    title = re.sub(r"^[“\"‘']+|[”\"’']+$", "", title) if title.count("“") != title.count("”") else title
    title = title.rstrip(".!?;:") if title.count(".") == 1 and title.endswith(".") else title
    return title[0].upper() + title[1:] if title else sentence.strip()[:80]

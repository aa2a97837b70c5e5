"""Sentence boundaries with offsets, for news prose.

A small rule-based splitter: a sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or
brackets) followed by whitespace and a capital, digit or opening quote, unless the word before
the stop is a known abbreviation (``Mr.``, ``U.S.``, ``Jan.``) or a single initial.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col sgt capt cmdr adm st jr sr inc ltd co corp bros dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol vs etc al approx est fig ft mt pres rev hon atty supt
    u.s u.k u.n e.u u.s.a a.m p.m i.e e.g d.c""".split()
)

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans [start, end) within ``text[start:end]``, trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.start()
        word = re.search(r"([\w.]+)$", text[cur:stop])
        if text[stop] == "." and word and m.group() == ".":
            w = word.group(1).lower()
            if w in _ABBREVIATIONS or re.fullmatch(r"[a-z]", w) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):
                continue
        spans.append((cur, m.end()))
        cur = m.end()
    spans.append((cur, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out

"""Reading articles (plain text, Markdown, HTML) into :class:`Document` records.

The text is kept exactly as decoded (no newline or whitespace normalisation), so every offset the
tagger and the event extractor produce points into the file a person can open. Scraping noise is
kept too, but its paragraphs are marked (credit / boilerplate / headline) and never yield events.

Metadata (title, url, published = the DCT, language) comes from, in order: arguments, Markdown
front matter or HTML metadata, a sidecar ``<file>.meta.yaml`` beside the article.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ._errors import DocumentError, UsageError
from ._models import Document, Paragraph, ParagraphKind

MAX_BYTES = 20 * 1024 * 1024
"""Largest article read (20 MiB): far above any news article, small enough to stay responsive."""

SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_BLOCK_SEP = re.compile(r"\r?\n[ \t]*\r?\n")
_LINE_SEP = re.compile(r"\r?\n")

# Paragraph classification: short lines that are scraping noise, not prose.
_CREDIT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b|photo(?:graph)?s?\s*(?::|by\b|credit)|image(?:s)?\s*(?::|by\b|credit)|credit\s*:|getty images|ap photo|reuters/|afp/|source\s*:)", re.I)
_BOILERPLATE = re.compile(
    r"^\s*(?:comments are closed\.?|\d+|read more\b.*|share (?:this|on)\b.*|subscribe\b.*|advertisement|related(?: articles| stories)?:?.*"
    r"|sign up\b.*|follow us\b.*|click here\b.*|all rights reserved\.?.*|you may also like.*|\W*)\s*$",
    re.I,
)


def parse_dct(value: str | dt.date | None) -> dt.date | None:
    """A document creation time from ``YYYY-MM-DD`` (or a date); a clear error otherwise."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise UsageError(f"invalid date {value!r}: expected YYYY-MM-DD, e.g. 2026-01-16") from None


def read_text(path: Path) -> str:
    """The file's text decoded as UTF-8, with clear errors for missing, binary, huge or empty files."""
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder, not an article")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DocumentError(f"{path}: file too large ({size / 2**20:.1f} MiB; the limit is {MAX_BYTES // 2**20} MiB)")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{path}: binary file, not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{path}: not UTF-8 text (undecodable byte at offset {exc.start})") from None
    if not text.strip():
        raise DocumentError(f"{path}: empty article")
    return text


# Front matter written by site generators (Jekyll, Hugo, Eleventy, Astro) names the same things
# differently and carries much else (layout, tags, draft...): those names are read, the rest ignored.
_FRONT_MATTER_ALIASES = {
    "date": "published", "pubdate": "published", "publishdate": "published", "published_at": "published",
    "publish_date": "published", "datepublished": "published", "lang": "language", "link": "url",
    "canonical_url": "url",
}
_META_FIELDS = ("title", "url", "published", "language", "id")


def _front_matter(text: str, where: str) -> dict:
    """Metadata from Markdown front matter: our field names, or their usual site-generator names."""
    data = _load_yaml_mapping(text, where, strict=False)
    out: dict = {}
    for key, value in data.items():
        name = str(key).lower()
        name = name if name in _META_FIELDS else _FRONT_MATTER_ALIASES.get(name.replace("-", "_"))
        if name is not None and name not in out and value not in (None, ""):
            out[name] = str(value) if name in ("title", "url", "language", "id") else value
    return out


def _load_yaml_mapping(text: str, where: str, strict: bool = True) -> dict:
    try:
        data = YAML(typ="safe").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise DocumentError(f"{where}{line}: invalid YAML metadata: {getattr(exc, 'problem', exc)}") from None
    except ValueError as exc:  # a YAML timestamp that is no date: "published: 2026-13-45"
        raise DocumentError(f"{where}: invalid date in metadata ({exc}; expected YYYY-MM-DD)") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DocumentError(f"{where}: metadata must be a mapping of title, url, published, language")
    unknown = set(data) - set(_META_FIELDS)
    if unknown and strict:
        raise DocumentError(f"{where}: unknown metadata field(s): {', '.join(sorted(map(str, unknown)))}")
    return data


def sidecar_path(path: Path) -> Path:
    """Where an article's metadata sidecar lives: ``story.txt`` -> ``story.meta.yaml``."""
    return path.with_name(path.stem + ".meta.yaml")


def split_paragraphs(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Paragraph spans in ``text[start:]``.

    Scraped and unwrapped text has one paragraph per line: each non-empty line is a paragraph.
    Hard-wrapped text (every line short, blocks between blank lines) has one per block.
    """
    body = text[start:]
    hard_wrapped = _BLOCK_SEP.search(body) and max(map(len, body.splitlines()), default=0) <= 100
    sep = _BLOCK_SEP if hard_wrapped else _LINE_SEP
    spans, cur = [], start
    for m in sep.finditer(text, start):
        spans.append((cur, m.start()))
        cur = m.end()
    spans.append((cur, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def classify_paragraphs(text: str, spans: list[tuple[int, int]], title: str = "") -> list[Paragraph]:
    """Mark headlines, image credits and boilerplate so that only prose yields events."""
    seen: set[str] = set()
    norm_title = " ".join(title.split()).casefold()
    paragraphs = []
    for i, (a, b) in enumerate(spans, start=1):
        body = text[a:b]
        key = " ".join(body.split()).casefold()
        if _CREDIT.match(body) and len(body) < 200:
            kind = ParagraphKind.credit
        elif _BOILERPLATE.match(body):
            kind = ParagraphKind.boilerplate
        elif key in seen or (norm_title and key == norm_title) or (i == 1 and _looks_like_headline(body)):
            kind = ParagraphKind.headline
        else:
            kind = ParagraphKind.content
        seen.add(key)
        paragraphs.append(Paragraph(index=i, start=a, end=b, kind=kind))
    return paragraphs


def _looks_like_headline(body: str) -> bool:
    return "\n" not in body and len(body) <= 160 and not body.rstrip().endswith((".", "!", "?", ":", ";", ","))


def _html_document(raw: str, path: Path) -> tuple[str, dict]:
    import trafilatura  # imported lazily: slow to import, only needed for HTML

    extracted = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False)
    if extracted is None or not (extracted.text or "").strip():
        raise DocumentError(f"{path}: no article text found in the HTML")
    meta = {"title": extracted.title, "url": extracted.url, "published": extracted.date, "language": extracted.language}
    return extracted.text, {k: v for k, v in meta.items() if v}


def load_document(
    path: str | Path,
    dct: str | dt.date | None = None,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    language: str | None = None,
) -> Document:
    """Read an article into a :class:`Document` with classified paragraphs.

    ``dct`` (the publication date) overrides the one found in the file's metadata.
    """
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower(), "text")
    raw = read_text(path)
    meta: dict = {}
    sidecar = sidecar_path(path)
    if sidecar.exists():
        meta.update(_load_yaml_mapping(read_text(sidecar), str(sidecar)))
    text = raw
    if kind == "markdown":
        fm = _FRONT_MATTER.match(raw)
        if fm:
            meta.update(_front_matter(fm.group("yaml"), str(path)))
            text = raw[fm.end():]
    elif kind == "html":
        text, found = _html_document(raw, path)
        meta = {**found, **meta}
    if not text.strip():
        raise DocumentError(f"{path}: empty article")
    spans = split_paragraphs(text)
    doc_title = title or str(meta.get("title") or "") or _first_line(text, spans)
    published = parse_dct(dct) if dct is not None else _meta_date(meta.get("published"), path)
    return Document(
        id=doc_id or str(meta.get("id") or path.stem),
        title=doc_title,
        url=meta.get("url"),
        published=published,
        language=language or str(meta.get("language") or "en"),
        path=path.name,
        text=text,
        paragraphs=classify_paragraphs(text, spans, doc_title),
    )


def _first_line(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return ""
    a, b = spans[0]
    first = text[a:b].split("\n", 1)[0].strip()
    first = re.sub(r"^#{1,6}\s+|\s+#+$", "", first).strip()  # a Markdown heading's "#" marks are no part of the title
    return first if _looks_like_headline(first) else ""


def _meta_date(value, path: Path) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return parse_dct(value)
    except UsageError:
        raise DocumentError(f"{path}: invalid published date {value!r} in metadata (expected YYYY-MM-DD)") from None


def document_from_text(text: str, doc_id: str = "text", dct: str | dt.date | None = None, title: str = "") -> Document:
    """A :class:`Document` from a string (no file), e.g. for the Python API and tests."""
    spans = split_paragraphs(text)
    title = title or _first_line(text, spans)
    return Document(id=doc_id, title=title, published=parse_dct(dct), text=text,
                    paragraphs=classify_paragraphs(text, spans, title))

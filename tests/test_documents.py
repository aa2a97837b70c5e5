"""Reading articles: offsets, paragraph kinds, metadata, and clear errors on bad input."""

import datetime as dt
from pathlib import Path

import pytest

from timeline import DocumentError, ParagraphKind, UsageError, load_document
from timeline._documents import parse_dct, split_paragraphs

SAMPLE = Path(__file__).parents[1] / "seeds" / "kursk-memorial" / "kursk-memorial.txt"


def test_sample_article_keeps_text_byte_for_byte_and_reads_sidecar():
    doc = load_document(SAMPLE)
    assert doc.text == SAMPLE.read_bytes().decode("utf-8")
    assert doc.published == dt.date(2026, 1, 16)
    assert doc.id == "kursk-memorial"
    assert doc.title.startswith("Kim inspects memorial")


def test_sample_paragraphs_count_non_empty_lines_from_one():
    doc = load_document(SAMPLE)
    lines = [line for line in doc.text.splitlines() if line.strip()]
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == [line.strip() for line in lines]
    assert doc.paragraph(6).kind is ParagraphKind.content
    assert doc.text[doc.paragraph(6).start:].startswith("Last spring")


def test_sample_scraping_noise_is_marked():
    doc = load_document(SAMPLE)
    kinds = {doc.text[p.start:p.end]: p.kind for p in doc.paragraphs}
    assert kinds["0"] is ParagraphKind.boilerplate
    assert kinds["Comments are closed."] is ParagraphKind.boilerplate
    assert kinds["©\xa0 kcna.kp"] is ParagraphKind.credit
    headlines = [p for p in doc.paragraphs if p.kind is ParagraphKind.headline]
    assert [p.index for p in headlines] == [1, 3]  # the headline and its verbatim repeat


def test_dct_argument_overrides_metadata():
    assert load_document(SAMPLE, dct="2025-03-01").published == dt.date(2025, 3, 1)


def test_markdown_front_matter(tmp_path):
    p = tmp_path / "story.md"
    p.write_text("---\ntitle: A story\npublished: 2025-05-02\nurl: https://example.org/s\n---\n# Heading\n\nIn April, it rained.\n")
    doc = load_document(p)
    assert (doc.title, doc.published, doc.url) == ("A story", dt.date(2025, 5, 2), "https://example.org/s")
    assert doc.text.startswith("# Heading")
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == ["# Heading", "In April, it rained."]


def test_site_generator_front_matter_is_read_by_its_usual_names(tmp_path):
    p = tmp_path / "post.md"
    p.write_text("---\nlayout: post\ntitle: Port strike ends\ndate: 2026-03-14 09:30:00 +01:00\n"
                 "tags: [labour, ports]\nlang: en\ndraft: false\n---\nDock workers returned on Friday.\n")
    doc = load_document(p)
    assert (doc.title, doc.published, doc.language) == ("Port strike ends", dt.date(2026, 3, 14), "en")


def test_sidecar_fields_stay_strict(tmp_path):
    """A sidecar is ours: a misspelt field is an error there, not silently ignored."""
    p = tmp_path / "story.txt"
    p.write_text("In April, it rained.\n")
    (tmp_path / "story.meta.yaml").write_text("publshed: 2025-05-02\n")
    with pytest.raises(DocumentError, match="unknown metadata field.*publshed"):
        load_document(p)


@pytest.mark.parametrize("where", ["front matter", "sidecar"])
def test_impossible_metadata_date_is_a_clear_error(tmp_path, where):
    p = tmp_path / "story.md"
    if where == "front matter":
        p.write_text("---\ndate: 2026-13-45\n---\nIn April, it rained.\n")
    else:
        p.write_text("In April, it rained.\n")
        (tmp_path / "story.meta.yaml").write_text("published: 2026-02-30\n")
    with pytest.raises(DocumentError, match="invalid date in metadata"):
        load_document(p)


def test_html_article_main_text_and_metadata(tmp_path):
    p = tmp_path / "a.html"
    p.write_text(
        "<html><head><title>Big news</title><meta property='article:published_time' content='2025-03-04'></head>"
        "<body><nav>Home | About</nav><article><h1>Big news</h1><p>In April 2025, the military reported that the "
        "forces were expelled from the region after months of fighting.</p><p>Officials said more details would "
        "follow in the coming weeks, according to the statement.</p></article></body></html>"
    )
    doc = load_document(p)
    assert doc.published == dt.date(2025, 3, 4)
    assert "In April 2025" in doc.text and "Home | About" not in doc.text
    for para in doc.paragraphs:
        assert doc.text[para.start:para.end].strip() == doc.text[para.start:para.end]


def test_hard_wrapped_text_keeps_blocks_as_paragraphs():
    text = "First line of a paragraph\nthat wraps here.\n\nSecond paragraph\nalso wraps.\n"
    assert [text[a:b] for a, b in split_paragraphs(text)] == [
        "First line of a paragraph\nthat wraps here.",
        "Second paragraph\nalso wraps.",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        (b"", "empty article"),
        (b"   \n\n  ", "empty article"),
        (b"caf\xe9 au lait", "not UTF-8"),
    ],
)
def test_bad_files_give_clear_errors(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        load_document(p)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "nope.txt")


def test_huge_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("timeline._documents.MAX_BYTES", 1000)
    p = tmp_path / "huge.txt"
    p.write_text("word " * 1000)
    with pytest.raises(DocumentError, match="too large"):
        load_document(p)


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "2026-02-30"])
def test_bad_dct(bad):
    with pytest.raises(UsageError, match="expected YYYY-MM-DD"):
        parse_dct(bad)


def test_markdown_heading_marks_are_not_part_of_the_title(tmp_path):
    p = tmp_path / "quake.md"
    p.write_text("# Strong earthquake hits coastal region\n\nA quake struck on Tuesday.\n")
    assert load_document(p, dct="2026-11-19").title == "Strong earthquake hits coastal region"

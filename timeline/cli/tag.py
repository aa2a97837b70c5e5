"""``timeline tag FILE``: the temporal expressions of an article, as JSON or text."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .._errors import UsageError


@click.command("tag")
@click.argument("file", type=click.Path(path_type=str))
@click.option("--dct", metavar="YYYY-MM-DD", help="Document creation time; relative dates resolve against it. "
              "Default: the article's published date, if its metadata has one.")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="json", show_default=True,
              help="json: a list of TimeExpression records; text: one tab-separated line per expression.")
@click.option("--lang", metavar="CODE", default=None, help="Language of the rules (en, de, fr, es, ru; other "
              "languages dateparser knows are tagged through it). Default: the article's language (en unless its "
              "metadata says otherwise).")
def command(file: str, dct: str | None, fmt: str, lang: str | None) -> None:
    """Find the time expressions of FILE and print them with their TIMEX3 values.

    Offsets (start, end) are Python string offsets into the file's UTF-8 decoded text
    (for .html articles: into the extracted article text).

    \b
    Examples:
      timeline tag seeds/kursk-memorial/kursk-memorial.txt --dct 2026-01-16
      timeline tag article.md --format text
    """
    from .._documents import load_document, parse_dct, read_text
    from .._rules import available_languages
    from .._tagger import tag

    dct_date = parse_dct(dct) if dct is not None else None
    doc = load_document(Path(file), dct_date)
    language = (lang or doc.language or "en").lower()
    try:
        expressions = tag(doc.text, doc.published, language)
    except ValueError as exc:  # an unknown language: neither rules nor dateparser data
        raise UsageError(f"{exc} (rule files: {', '.join(available_languages())})") from None
    # Markdown front matter is not part of the document text: report offsets into the file's text.
    shift = 0
    if Path(file).suffix.lower() in (".md", ".markdown"):
        raw = read_text(Path(file))
        if raw.endswith(doc.text):
            shift = len(raw) - len(doc.text)
    if fmt == "json":
        records = []
        for e in expressions:
            rec = e.model_dump(mode="json")
            rec["start"] += shift
            rec["end"] += shift
            records.append(rec)
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        for e in expressions:
            mod = e.mod or ""
            # a counted duration ("[Three days] later") also shows the date it leads to
            to = f"\t-> {e.points_to}" if e.points_to else ""
            click.echo(f"{e.start + shift}\t{e.end + shift}\t{e.type.value}\t{e.value}\t{mod}\t{e.text!r}{to}")

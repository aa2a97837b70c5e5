"""``timeline summarize PATH``: the key dates of a story and the most central sentences for each."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .._errors import UsageError


def load_story(paths: tuple[str, ...]):
    """A timeline from seed files/folders, or, for a folder of articles with no events.yaml, an extraction."""
    from .._corpus import extract_folder
    from .._seeds import SEED_FILE_NAME, find_seed_files, load_timeline

    seeds, articles = [], []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder")
        if p.is_dir() and not any(p.rglob(SEED_FILE_NAME)):
            articles.append(p)
        elif p.suffix.lower() in (".txt", ".md", ".html", ".htm", ".markdown"):
            articles.append(p)
        else:
            seeds.append(p)
    if seeds and articles:
        raise UsageError("give seed folders (with events.yaml) or folders of articles, not both")
    if articles:
        return extract_folder(articles, progress=False)
    timeline = load_timeline(seeds)
    # Article paths in seed files are relative to their seed folder: make them absolute for re-export.
    folders = [f.parent for f in find_seed_files(seeds)]
    docs = []
    for d in timeline.documents:
        where = next((f / d.path for f in folders if d.path and (f / d.path).exists()), None)
        docs.append(d.model_copy(update={"path": str(where.resolve())}) if where else d)
    return timeline.model_copy(update={"documents": docs})


def render_text(summary) -> str:
    docs = {d.id: d for d in summary.documents}
    lines = [summary.title or "Key events", ""]
    current = None
    for ev in summary.events:
        if str(ev.when) != current:
            current = str(ev.when)
            if lines[-1] != "":
                lines.append("")
            conflict = f"  [CONFLICT: also {', '.join(str(a) for a in ev.alternatives)}]" if ev.alternatives else ""
            lines.append(f"{ev.when.label}  ({ev.when}){conflict}")
        sentence = ev.notes.split("\n", 1)[0] if ev.notes else ev.title
        src = ev.sources[0]
        doc = docs.get(src.document)
        where = f"{src.document} ¶{src.paragraph}" + (f", {doc.published}" if doc is not None and doc.published else "")
        lines.append(f"  - {sentence}  [{where}]")
    return "\n".join(lines).rstrip() + "\n"


@click.command("summarize")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--dates", "n_dates", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many dates to keep (the most important: reported by the most articles).")
@click.option("--sentences", "n_sentences", type=click.IntRange(min=1), default=1, show_default=True,
              help="Sentences per date (the most central among those stated on that date).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "yaml"]), default=None,
              help="text, json, or yaml (a seed file: serves and exports like any timeline). "
              "Default: from the -o file's suffix (.yaml/.yml, .json), else text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
def command(paths: tuple[str, ...], n_dates: int, n_sentences: int, fmt: str | None, output: Path | None) -> None:
    """Summarise a story: its N most important dates, K sentences each, linked to their sources.

    PATHS are seed folders / events.yaml files, or folders of articles (extracted on the fly).

    \b
    Examples:
      timeline summarize seeds/kursk-memorial --dates 5 --sentences 2
      timeline summarize seeds/story/ --format yaml -o seeds/story-key-events/events.yaml
      timeline summarize clippings/ --format json
    """
    from .._summarize import summarize

    summary = summarize(load_story(paths), dates=n_dates, sentences=n_sentences)
    if fmt is None:
        fmt = "yaml" if output is not None and output.suffix in (".yaml", ".yml") else (
            "json" if output is not None and output.suffix == ".json" else "text")
    if fmt == "json":
        text = json.dumps(summary.model_dump(mode="json", include={"title", "documents", "events"},
                                             exclude={"documents": {"__all__": {"text", "paragraphs"}}}),
                          ensure_ascii=False, indent=1) + "\n"
    elif fmt == "yaml":
        from .._seeds import render_seed

        text = render_seed(summary, output)
    else:
        text = render_text(summary)
    if output is None:
        click.echo(text, nl=False)
        return
    from .._seeds import write_text_atomic

    output.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(output, text)
    click.echo(f"{output}: {len(summary.events)} sentence(s) on {len({str(e.when) for e in summary.events})} date(s)",
               err=True)

"""``timeline extract``: articles in, dated events out (JSON on stdout, or merged into a seed file)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .._errors import UsageError


def _articles(paths: tuple[str, ...]) -> tuple[list[Path], list[Path]]:
    """Split the arguments into article files and folders of articles."""
    files, folders = [], []
    for p in map(Path, paths):
        (folders if p.is_dir() else files).append(p)
    return files, folders


@click.command("extract")
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--dct", metavar="YYYY-MM-DD", help="Publication date of the articles (document creation time). "
              "Default: each article's own, from front matter, HTML metadata or a <name>.meta.yaml sidecar.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Seed file to write (events.yaml). An existing file is merged into, never overwritten: "
              "hand edits, manual events and comments are kept.")
@click.option("--format", "fmt", type=click.Choice(["json", "yaml"]), default=None,
              help="Output format. Default: yaml for -o FILE.yaml, json otherwise.")
@click.option("--dry-run", is_flag=True, help="With -o: show the diff the merge would make, write nothing.")
@click.option("--jobs", type=int, default=None, help="Parallel workers for folders of articles (default: all cores).")
def command(articles: tuple[str, ...], dct: str | None, output: Path | None, fmt: str | None, dry_run: bool,
            jobs: int | None) -> None:
    """Extract the dated events of ARTICLES (.txt, .md, .html files or folders of them).

    Without -o, prints {"documents": [...], "events": [...]} as JSON.

    \b
    Examples:
      timeline extract seeds/kursk-memorial/kursk-memorial.txt --dct 2026-01-16 --format json
      timeline extract seeds/kursk-memorial/kursk-memorial.txt -o seeds/kursk-memorial/events.yaml
      timeline extract clippings/ -o seeds/story/events.yaml --dry-run
    """
    from .._documents import parse_dct
    from .._events import extract

    dct_date = parse_dct(dct) if dct is not None else None
    files, folders = _articles(articles)
    if folders:
        from .._corpus import CACHE_DIR_NAME, extract_folder

        timeline = extract_folder(
            [*files, *folders],
            dct=dct_date,
            jobs=jobs,
            cache_dir=(output.parent / CACHE_DIR_NAME) if output is not None else None,
            progress=sys.stderr.isatty(),
        )
    else:
        timeline = extract(files, dct_date)
    if not timeline.documents:
        raise UsageError("no articles found (.txt, .md, .html)")
    fmt = fmt or ("yaml" if output is not None and output.suffix in (".yaml", ".yml") else "json")
    if dry_run and output is None:
        raise UsageError("--dry-run needs -o FILE: it shows the changes to that file")

    if fmt == "json":
        text = json.dumps(timeline.model_dump(mode="json", include={"documents", "events"}), ensure_ascii=False, indent=1)
        if output is None:
            click.echo(text)
        else:
            from .._seeds import write_text_atomic

            write_text_atomic(output, text + "\n")
            click.echo(f"{output}: {len(timeline.events)} events from {len(timeline.documents)} article(s)", err=True)
        return

    from .._seeds import merge_extracted, render_seed

    if output is None:
        click.echo(render_seed(timeline), nl=False)
        return
    result = merge_extracted(output, timeline.events, timeline.documents)
    if dry_run:
        click.echo(result.diff() or "no changes", nl=not result.diff())
        click.echo(f"{output}: would be {result.summary()}", err=True)
        return
    result.write()
    click.echo(f"{output}: {result.summary()}", err=True)

"""``timeline import events.csv [-o seeds/story/events.yaml]``: read an exported (and edited) CSV back
into a seed file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .._errors import UsageError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def _find_documents(events, folder: Path) -> tuple[list, list[str]]:
    """Seed entries for the articles the events cite, looked up as <folder>/<document id>.<txt|md|html>."""
    from .._documents import load_document
    from .._seed_yaml import document_entry

    entries, missing = [], []
    for doc_id in dict.fromkeys(s.document for e in events for s in e.sources):
        found = next((folder / f"{doc_id}{suf}" for suf in ARTICLE_SUFFIXES if (folder / f"{doc_id}{suf}").is_file()), None)
        if found is None:
            missing.append(doc_id)
            continue
        doc = load_document(found)
        entries.append(document_entry(doc.model_copy(update={"id": doc_id, "path": found.name}), folder))
    return entries, missing


@click.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", type=click.Path(path_type=str),
              help="Seed file (or seed folder) to write; an existing one is updated in place, keeping its comments.")
def command(csv_file: str, output: str | None) -> None:
    """Read events from a CSV made by `timeline export --format csv` (or any sheet with at least
    title and when columns) into a seed file.

    The CSV is the whole event list: rows keep their ids, edited rows of extracted events
    become origin: edited, new rows origin: manual, and deleted rows leave the seed file.
    The 'when' column is the date that counts (label, start, end, granularity, mod and
    sentence are for reading only). Without -o the seed file goes to standard output.

    \b
    Examples:
      timeline export seeds/kursk-memorial -o kursk.csv
      timeline import kursk.csv -o seeds/kursk-memorial/events.yaml
      timeline import kursk.csv                # print the seed file
    """
    from .._export import mark_edits, read_csv
    from .._seeds import SeedFile, load_seed, render_seed, seed_file_path, write_seed

    events = read_csv(csv_file)
    if output is None:
        sys.stdout.write(render_seed(SeedFile(events=events)))
        return
    target = seed_file_path(output)
    if not target.parent.is_dir():
        raise UsageError(f"folder {str(target.parent)!r} does not exist")
    if target.exists():
        previous_text = target.read_text(encoding="utf-8")
        old = load_seed(target)
        events = mark_edits(events, old.events)
        new = old.model_copy(update={"events": events})
        write_seed(new, target, previous=previous_text)
        ids = {e.id for e in events}
        old_ids = {e.id for e in old.events}
        changed = sum(1 for e, o in ((e, {x.id: x for x in old.events}.get(e.id)) for e in events) if o is not None and e != o)
        click.echo(f"updated {target}: {len(events)} events ({changed} changed, {len(ids - old_ids)} added, "
                   f"{len(old_ids - ids)} removed)", err=True)
        return
    documents, missing = _find_documents(events, target.parent)
    write_seed(SeedFile(documents=documents, events=events), target)
    click.echo(f"wrote {target}: {len(events)} events", err=True)
    for doc_id in missing:
        click.echo(f"timeline: warning: article {doc_id!r} is not in {target.parent}: add it under 'documents:'", err=True)

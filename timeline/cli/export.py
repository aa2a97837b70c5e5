"""``timeline export PATH... -o FILE``: the timeline as one offline HTML page, TimelineJS, CSV, iCalendar,
TimeML, PNG or SVG."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .._errors import UsageError


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.1f} kB" if n >= 1000 else f"{n} B"


@click.command("export")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="File to write; its suffix picks the format (.html .json .csv .ics .xml .png .svg).")
@click.option("-f", "--format", "fmt", type=click.Choice(["html", "timelinejs", "csv", "ics", "timeml", "png", "svg"]),
              help="Output format (default: from the -o suffix).")
@click.option("--title", help="Title of the page, calendar or TimelineJS title slide (default: the story's).")
@click.option("--plotly-js", type=click.Choice(["compressed", "inline", "cdn"]), default="compressed", show_default=True,
              help="HTML only: plotly.js inlined gzip-compressed (offline, browsers since 2023), inlined as is "
                   "(offline, any browser, twice the size) or loaded from the Plotly CDN (needs the network).")
def command(paths: tuple[str, ...], output: str | None, fmt: str | None, title: str | None, plotly_js: str) -> None:
    """Export seed files (events.yaml, seed folders, or folders of them).

    Without -o, text formats go to standard output (give --format).

    \b
    Examples:
      timeline export seeds/kursk-memorial -o kursk.html
      timeline export seeds/kursk-memorial -o kursk.html --plotly-js cdn
      timeline export seeds/ -o timeline.json            # TimelineJS3
      timeline export seeds/kursk-memorial -o kursk.csv  # edit, then: timeline import kursk.csv -o ...
      timeline export seeds/kursk-memorial -o kursk.ics
      timeline export seeds/kursk-memorial --format timeml > kursk.tml
      timeline export seeds/kursk-memorial -o kursk.png
    """
    from .._export import BINARY_FORMATS, format_for, render
    from .._seeds import load_timeline

    if output is None and fmt is None:
        raise UsageError("say where to write with -o FILE (e.g. -o story.html) or pick a --format for standard output")
    fmt = fmt or format_for(output)
    if output is None and fmt in BINARY_FORMATS:
        raise UsageError(f"{fmt} is binary: write it to a file with -o FILE.{fmt}")
    if plotly_js != "compressed" and fmt != "html":
        raise UsageError("--plotly-js applies to --format html only")
    timeline = load_timeline(list(paths))
    data = render(timeline, fmt, title=title, plotly_js=plotly_js)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(output)
    if not target.parent.exists():
        raise UsageError(f"folder {str(target.parent)!r} does not exist")
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    dated = sum(1 for e in timeline.events if e.when.start is not None)
    note = " (plotly.js from the CDN: needs the network)" if fmt == "html" and plotly_js == "cdn" else ""
    click.echo(f"wrote {output} ({fmt}, {_size(len(data))}, {dated} dated event{'s' if dated != 1 else ''}){note}",
               err=True)

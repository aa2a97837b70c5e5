"""``timeline serve [PATH...]``: open the dashboard on seed files, following their edits live."""

from __future__ import annotations

import socket
import threading
import webbrowser
from pathlib import Path

import click

from .._errors import UsageError

BUNDLED_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def default_paths() -> list[Path]:
    """The bundled seeds/ of the repository, else ./seeds."""
    for p in (BUNDLED_SEEDS, Path.cwd() / "seeds"):
        if p.is_dir():
            return [p]
    raise UsageError("no PATH given and no seeds/ folder found; give a seed folder or events.yaml file")


def _holds_seeds(p: Path) -> bool:
    """A seed file, or a folder with an events.yaml in it or below (found the way loading finds them)."""
    from .._errors import SeedError
    from .._seeds import find_seed_files

    if not p.is_dir():
        return p.suffix.lower() in (".yaml", ".yml")
    try:
        return bool(find_seed_files(p))
    except SeedError:  # a folder with no seed file: articles
        return False


def _article_loader(dct):
    """Extract articles on every (re)load: the timeline follows edits to the articles themselves."""
    from .._corpus import extract_folder

    def load(paths: list[Path]):
        return extract_folder(paths, dct=dct, jobs=1, progress=False)

    return load


def _check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); try --port {port + 1}") from None


@click.command("serve")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1 / localhost lets other machines read the timeline.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--no-browser", is_flag=True, help="Do not open a web browser.")
@click.option("--debug", is_flag=True, help="Dash debug mode (error pop-ups, callback graph).")
@click.option("--read-only", is_flag=True, help="No editing in the page. Implied when --host is not a loopback "
              "address, unless --allow-edits is given.")
@click.option("--allow-edits", is_flag=True, help="Allow editing even when other machines can reach the page.")
@click.option("--dct", metavar="YYYY-MM-DD", help="Publication date for articles served directly (when their "
              "metadata has none).")
def command(paths: tuple[str, ...], host: str, port: int, no_browser: bool, debug: bool, read_only: bool,
            allow_edits: bool, dct: str | None) -> None:
    """Browse seed files (or articles) as an interactive timeline in the browser.

    Every event links to the paragraph it came from. Edits to the seed files on disk appear
    in the open page within a second; a file that fails validation shows its problems there.
    Articles (.txt, .md, .html, or a folder of them without an events.yaml) are extracted on
    the fly and shown read-only: `timeline extract` writes them to a seed file you can edit.

    \b
    Examples:
      timeline serve                            # the bundled seeds/
      timeline serve seeds/kursk-memorial
      timeline serve my-story/events.yaml --port 8051 --no-browser
      timeline serve clippings/ --dct 2026-01-16   # articles, extracted on the fly
    """
    from dashboard import create_app

    from .._documents import parse_dct
    from .._seeds import load_timeline

    targets = [Path(p) for p in paths] if paths else default_paths()
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    dct_date = parse_dct(dct) if dct is not None else None
    seeds = [_holds_seeds(p) for p in targets]
    if any(seeds) and not all(seeds):
        raise UsageError("give seed files (events.yaml or their folders) or articles, not both; "
                         "`timeline extract ARTICLES -o events.yaml` turns articles into a seed file")
    from_articles = not any(seeds)
    _check_port(host, port)
    local = host in ("127.0.0.1", "::1", "localhost")
    editable = not read_only and (local or allow_edits) and not from_articles
    loader = _article_loader(dct_date) if from_articles else load_timeline
    notice = ("Extracted on the fly from the articles, read-only: `timeline extract ARTICLES -o events.yaml` "
              "keeps these events in a seed file you can edit.") if from_articles else None
    app = create_app(loader, paths=targets, editable=editable, notice=notice)
    source = app.timeline_source
    for problem in source.problems:
        click.echo(f"warning: {problem}", err=True)
    undated = [d.id for d in source.timeline.documents if d.published is None]
    if from_articles and undated:
        click.echo(f"warning: no publication date for {', '.join(undated[:5])}{' ...' if len(undated) > 5 else ''}: "
                   "relative dates (\"on Friday\", \"last year\") cannot be placed; give --dct or a "
                   "<article>.meta.yaml with published: YYYY-MM-DD", err=True)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    n = len(source.timeline.events)
    what = f"{len(source.timeline.documents)} article(s), extracted on the fly (read-only; `timeline extract " \
           f"... -o events.yaml` keeps them for editing)" if from_articles else ", ".join(map(str, targets))
    click.echo(f"Serving {n} event{'s' if n != 1 else ''} from {what} on {url} (Ctrl+C stops)")
    if not local:
        can = "read and edit" if editable else "read (editing is off; --allow-edits turns it on)"
        click.echo(f"warning: listening on {host}: other machines on the network can {can} this timeline", err=True)
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    app.run(host=host, port=port, debug=debug, use_reloader=False)

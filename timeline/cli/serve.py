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
def command(paths: tuple[str, ...], host: str, port: int, no_browser: bool, debug: bool, read_only: bool,
            allow_edits: bool) -> None:
    """Browse seed files as an interactive timeline in the browser.

    Every event links to the paragraph it came from. Edits to the seed files on disk appear
    in the open page within a second; a file that fails validation shows its problems there.

    \b
    Examples:
      timeline serve                            # the bundled seeds/
      timeline serve seeds/kursk-memorial
      timeline serve my-story/events.yaml --port 8051 --no-browser
    """
    from dashboard import create_app

    from .._seeds import load_timeline

    targets = [Path(p) for p in paths] if paths else default_paths()
    missing = [str(p) for p in targets if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    _check_port(host, port)
    local = host in ("127.0.0.1", "::1", "localhost")
    editable = not read_only and (local or allow_edits)
    app = create_app(load_timeline, paths=targets, editable=editable)
    source = app.timeline_source
    for problem in source.problems:
        click.echo(f"warning: {problem}", err=True)
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    n = len(source.timeline.events)
    click.echo(f"Serving {n} event{'s' if n != 1 else ''} from {', '.join(map(str, targets))} on {url} "
               "(Ctrl+C stops)")
    if not local:
        can = "read and edit" if editable else "read (editing is off; --allow-edits turns it on)"
        click.echo(f"warning: listening on {host}: other machines on the network can {can} this timeline", err=True)
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    app.run(host=host, port=port, debug=debug, use_reloader=False)

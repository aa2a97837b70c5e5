"""``timeline explain EVENT_ID [PATH...]``: why an event's reports were merged, with the score parts."""

from __future__ import annotations

import click

from .._errors import UsageError


@click.command("explain")
@click.argument("event_id")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
def command(event_id: str, paths: tuple[str, ...]) -> None:
    """Explain EVENT_ID: its sources, their dates, and the identity score between each pair of reports.

    PATHS are seed folders or events.yaml files (default: seeds/), or folders of articles.

    \b
    Examples:
      timeline explain kim-announces-plans-to-build-4a5262
      timeline explain first-a380-delivered-1f2e3d seeds/airbus/
    """
    from .._identity import explain
    from .summarize import load_story

    timeline = load_story(paths or ("seeds",))
    try:
        timeline.event(event_id)
    except KeyError:
        close = [e.id for e in timeline.events if event_id.lower() in e.id.lower()][:5]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise UsageError(f"no event {event_id!r} in {', '.join(paths or ('seeds',))}{hint}") from None
    click.echo(explain(event_id, timeline))

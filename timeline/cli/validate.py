"""``timeline validate PATH...``: check seed files and report every problem with its line."""

from __future__ import annotations

import click

from .._validate import validate_paths


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
def command(paths: tuple[str, ...]) -> None:
    """Check seed files (events.yaml, seed folders, or folders of them).

    Prints every problem as FILE:LINE:COLUMN: FIELD: MESSAGE and exits 1,
    or prints "N files OK" and exits 0.

    \b
    Examples:
      timeline validate seeds/
      timeline validate seeds/kursk-memorial/events.yaml
    """
    n, problems = validate_paths(list(paths))
    if problems:
        for p in problems:
            click.echo(str(p))
        files = len({p.file for p in problems})
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {files} file{'s' if files != 1 else ''}",
                   err=True)
        raise SystemExit(1)
    click.echo(f"{n} file{'s' if n != 1 else ''} OK")

"""``timeline schema [-o FILE]``: write the JSON Schema of seed files."""

from __future__ import annotations

from pathlib import Path

import click

from .._schema import seed_schema_text
from .._seeds import write_text_atomic


@click.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to FILE (default: print it).")
def command(output: Path | None) -> None:
    """Write the JSON Schema of events.yaml seed files, generated from the models.

    Editors with a YAML language server use it (the header line of events.yaml
    points to it) for completion, field help and checks while typing.

    \b
    Examples:
      timeline schema -o schema/events.schema.json
      timeline schema | less
    """
    text = seed_schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    write_text_atomic(output, text)
    click.echo(f"wrote {output}", err=True)

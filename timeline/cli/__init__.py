"""The ``timeline`` command line: a thin click layer over the library.

Each command lives in its own module of this package and is listed in ``COMMANDS``.
Errors of the library (:class:`timeline.TimelineError`) become one line on stderr and exit 1.
"""

from __future__ import annotations

import importlib
import sys

import click

from .._errors import SeedError, TimelineError

COMMANDS = [
    "extract",
    "tag",
    "validate",
    "schema",
    "serve",
    "export",
    "import_",
    "summarize",
    "explain",
]


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except SeedError as exc:
            for p in exc.problems:
                click.echo(str(p), err=True)
            click.echo(f"timeline: error: {len(exc.problems)} problem(s) found", err=True)
            ctx.exit(1)
        except TimelineError as exc:
            click.echo(f"timeline: error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="timeline")
def cli() -> None:
    """Turn news articles into a source-linked timeline of dated events.

    \b
    Examples:
      timeline extract seeds/kursk-memorial/kursk-memorial.txt --dct 2026-01-16 --format json
      timeline tag article.txt --dct 2026-01-16
      timeline validate seeds/
      timeline serve              # the bundled seeds/ on http://127.0.0.1:8050
      timeline export seeds/kursk-memorial -o story.html
    """


for _name in COMMANDS:
    cli.add_command(importlib.import_module(f"{__name__}.{_name}").command)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="timeline")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])

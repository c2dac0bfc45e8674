"""`nightcramps report`: the clinician report of a period as a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nightcramps import timing
from nightcramps.cli.context import state
from nightcramps.cli.output import command, write_file
from nightcramps.cli.parsing import parse_day
from nightcramps.report import service as report_service
from nightcramps.report.pdf import render_pdf


def register(app: typer.Typer) -> None:
    """Add ``report`` to the root app."""
    app.command("report")(report)


@command
def report(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The PDF file to write.")],
    start_text: Annotated[
        str | None,
        typer.Option("--from", help="First night, YYYY-MM-DD (default: 12 weeks before --to)."),
    ] = None,
    end_text: Annotated[
        str | None, typer.Option("--to", help="Last night, YYYY-MM-DD (default: last night).")
    ] = None,
    grid: Annotated[
        bool, typer.Option("--grid", help="Add page 2: the night grid of the last 14 nights.")
    ] = False,
) -> None:
    """A one-page PDF report of your diary for your doctor (at most a year of nights), and with
    --grid a second page: the night grid of the period's last 14 nights."""
    cli = state(ctx)
    now = timing.utcnow()
    start = parse_day(start_text, "--from")
    end = parse_day(end_text, "--to")
    with cli.session() as session:
        owner = cli.owner(session)
        default_start, default_end = report_service.default_period(owner=owner, now=now)
        if end is None:
            end = default_end
        if start is None:
            start = default_start if end == default_end else end - (default_end - default_start)
        built = report_service.build_report(
            session=session, owner=owner, start=start, end=end, now=now, grid=grid
        )
    data = render_pdf(built)
    write_file(output, data)
    typer.echo(
        f"Wrote the report of the nights {start} to {end} to {output} ({len(data):,} bytes).",
        err=True,
    )

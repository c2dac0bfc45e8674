"""`nightcramps export daily-csv` and `nightcramps import daily-csv`: spreadsheets in and out.

The two commands join the ``export`` group (``backup.cli``) and the ``import`` group
(``imports.cli``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, read_file, write_file
from nightcramps.cli.parsing import parse_day
from nightcramps.dailyvalues import service as dailyvalues_service


@command
def export_daily_csv(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help="First night, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last night, YYYY-MM-DD.")] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file instead of the terminal (- for the terminal).",
        ),
    ] = None,
) -> None:
    """Write one row per night (date = the evening it starts); a blank cell is unknown."""
    cli = state(ctx)
    with cli.session() as session:
        text = dailyvalues_service.export_daily_csv(
            session=session,
            owner=cli.owner(session),
            start=parse_day(start, "--from"),
            end=parse_day(end, "--to"),
        )
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
        return
    write_file(output, text)
    rows = text.count("\n") - 1
    typer.echo(f"Wrote {rows} night(s) to {output}.", err=True)


@command
def import_daily_csv(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="The CSV (same columns as `export daily-csv`).", exists=False)
    ],
    as_json: JsonOption = False,
) -> None:
    """Import a daily CSV: all of it, or (if any cell is wrong) nothing, listing each problem."""
    cli = state(ctx)
    data = read_file(file, limit=dailyvalues_service.MAX_IMPORT_BYTES)
    text = dailyvalues_service.decode_daily_csv(data)
    with cli.session() as session:
        summary = dailyvalues_service.import_daily_csv(
            session=session, owner=cli.owner(session), text=text
        )
    if as_json:
        emit_json(summary)
        return
    if summary.rows == 0:
        typer.echo("The file has no rows; nothing to import.")
        return
    typer.echo(
        f"Imported {summary.rows} night(s) from {summary.first_night} to {summary.last_night}: "
        f"{summary.values_added} value(s) added, {summary.values_changed} changed, "
        f"{summary.values_unchanged} already there; {summary.nights_created} diary night(s) "
        "created."
    )
    if summary.nights_kept_from_diary:
        typer.echo(dailyvalues_service.kept_from_diary_message(summary))

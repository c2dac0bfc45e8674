"""`nightcramps export fhir`: the diary as a FHIR R4 Bundle for a clinician's system.

The command joins the ``export`` group (``backup.cli``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from nightcramps import timing
from nightcramps.cli.context import state
from nightcramps.cli.output import command, write_file
from nightcramps.cli.parsing import parse_day
from nightcramps.fhir import service as fhir_service


@command
def export_fhir(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The JSON file to write (- for the terminal)."),
    ],
    start: Annotated[str | None, typer.Option("--from", help="First night, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last night, YYYY-MM-DD.")] = None,
    include_name: Annotated[
        bool, typer.Option("--include-name", help="Put your display name in the Patient.")
    ] = False,
) -> None:
    """Write a FHIR R4 Bundle (cramps, cramp-free nights, daily factors, medicines) for a
    clinician's system; your name only with --include-name, never your email."""
    cli = state(ctx)
    with cli.session() as session:
        bundle = fhir_service.export_bundle(
            session,
            cli.owner(session),
            now=timing.utcnow(),
            start=parse_day(start, "--from"),
            end=parse_day(end, "--to"),
            include_name=include_name,
        )
    text = json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"
    if str(output) == "-":
        typer.echo(text, nl=False)
        return
    write_file(output, text)
    typer.echo(f"Wrote {len(bundle['entry'])} resources to {output}.", err=True)

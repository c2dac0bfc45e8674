"""`nightcramps export all`, `nightcramps import backup` and `nightcramps delete-everything`.

The ``export`` group lives here and gathers every export (the daily CSV from ``dailyvalues``);
``import backup`` joins ``imports.cli``'s ``import`` group.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from nightcramps import timing
from nightcramps.backup import service
from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, read_file, write_file
from nightcramps.dailyvalues import cli as dailyvalues_cli
from nightcramps.errors import Invalid
from nightcramps.fhir import cli as fhir_cli

export_app = typer.Typer(help="Export your data to files.", no_args_is_help=True)
export_app.command("daily-csv")(dailyvalues_cli.export_daily_csv)
export_app.command("fhir")(fhir_cli.export_fhir)

OutputOption = Annotated[Path, typer.Option("--output", "-o", help="The zip file to write.")]


def register(app: typer.Typer) -> None:
    """Add the ``export`` group and ``delete-everything`` to the root app."""
    app.add_typer(export_app, name="export")
    app.command("delete-everything")(delete_everything)


@export_app.command("all")
@command
def export_all(ctx: typer.Context, output: OutputOption) -> None:
    """Everything you logged, of every kind, as JSON and CSV in one zip that `import backup`
    restores."""
    cli = state(ctx)
    with cli.session() as session:
        data = service.export_all(session, cli.owner(session), now=timing.utcnow())
    write_file(output, data)
    typer.echo(f"Wrote your backup to {output} ({len(data):,} bytes).", err=True)


@command
def import_backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A backup.zip from `nightcramps export all`.")],
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="Into a diary that has entries: add only what it lacks; what it has wins.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Restore a backup into an empty diary, exactly as it was (all of it or nothing), or merge
    it into this one with --merge."""
    cli = state(ctx)
    data = read_file(file, limit=service.MAX_BACKUP_BYTES)
    with cli.session() as session:
        summary = service.restore(session, cli.owner(session), data, merge=merge)
    if as_json:
        body: dict[str, object] = {"restored": summary.counts, "total": summary.total}
        if merge:
            body["kept"] = summary.kept
        emit_json(body)
        return
    if merge:
        kept = sum(summary.kept.values())
        typer.echo(
            f"Merged {file}: added {summary.total} rows; {kept} were already in your diary "
            "and kept as they are."
        )
        return
    typer.echo(f"Restored {summary.total} rows from {file}.")


@command
def delete_everything(
    ctx: typer.Context,
    confirm: Annotated[
        str | None,
        typer.Option(help=f'Type "{service.CONFIRMATION}" to skip the question (for scripts).'),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Delete every entry of every kind, your profile and (with accounts) your account. There is
    no undo: export a backup first."""
    cli = state(ctx)
    if confirm is None:
        if not sys.stdin.isatty():
            raise Invalid(f'Add --confirm "{service.CONFIRMATION}" to delete everything.')
        confirm = typer.prompt(
            f'This deletes your whole diary and cannot be undone. Type "{service.CONFIRMATION}"'
        )
    service.check_confirmation(confirm)
    with cli.session() as session:
        summary = service.delete_everything(session, cli.owner(session))
    if as_json:
        emit_json({"deleted": summary.counts, "total": summary.total})
        return
    typer.echo(f"Deleted everything: {summary.total} rows.")

"""`nightcramps import FILE`, `import list`, `import show ID`, `import undo ID` and the daily CSV.

``import FILE`` reads the file, shows what it will add and stores it; on a terminal it asks
first (``--yes`` skips the question, ``--preview`` only shows). A progress bar by bytes read runs
on stderr while a long file is read.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from typer import _click as click  # Typer's own copy of click, which its classes are typed with
from typer.core import TyperGroup

from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table
from nightcramps.dailyvalues.models import ImportRecord
from nightcramps.errors import Invalid
from nightcramps.imports import service
from nightcramps.imports.extract import LABELS, SourceName

SourceChoice = Literal["apple-health", "cronometer", "myfitnesspal", "fitbit", "garmin"]


ELSEWHERE = {
    "daily-csv": ("nightcramps.dailyvalues.cli", "import_daily_csv"),
    "backup": ("nightcramps.backup.cli", "import_backup"),
}
"""Commands of the group that other features own, loaded only when used (or listed by help): an
import of a file never loads the backup's or the daily CSV's code (0.5 s of a start-up)."""


@cache
def _elsewhere(name: str) -> click.Command:
    module, function = ELSEWHERE[name]
    holder = typer.Typer(add_completion=False)
    holder.command(name)(getattr(importlib.import_module(module), function))
    return typer.main.get_command(holder)


class _FileByDefault(TyperGroup):
    """A group whose first argument, when it is not one of its commands, is a file to import:
    ``nightcramps import export.zip`` runs ``import file export.zip``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        known = args and (args[0] in self.commands or args[0] in ELSEWHERE)
        if args and not known and not args[0].startswith("-"):
            args = ["file", *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*super().list_commands(ctx), *ELSEWHERE]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in ELSEWHERE:
            return _elsewhere(cmd_name)
        return super().get_command(ctx, cmd_name)


import_app = typer.Typer(
    cls=_FileByDefault,
    help=(
        "Import your history from Apple Health, Cronometer, MyFitnessPal, Fitbit or Garmin: "
        "`nightcramps import FILE` (a zip, a folder, an XML or CSV file); list, show and undo "
        "imports; or import a daily CSV."
    ),
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``import`` group (with ``daily-csv`` from the daily values and ``backup``, see
    :data:`ELSEWHERE`) to the root app."""
    app.add_typer(import_app, name="import")


@contextmanager
def _progress_bar(show: bool) -> Iterator[Any]:
    """A callback ``(read, total)`` drawing a bar by bytes on stderr, or one that does nothing."""
    if not show:
        yield None
        return
    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("Reading", total=None)
    with bar:
        yield lambda done, total: bar.update(task, completed=done, total=total or None)


def _describe(record: ImportRecord, *, stored: bool) -> None:
    """The preview (or what was stored) in sentences and a table."""
    label = LABELS.get(record.source, record.source)  # type: ignore[call-overload]
    span = f"{record.first_day} to {record.last_day}" if record.first_day else "no dated values"
    typer.echo(f"{label}, {record.file_name} ({record.size_bytes:,} bytes): {span}.")
    rows = []
    for name, c in record.counts.items():
        kept = f"{c['kept']} (logged by hand)" if c["kept"] else ""
        rows.append((name, c["added"], c["changed"], c["unchanged"], kept))
    verb = "" if stored else "would be "
    emit_table(
        rows,
        ("", "added", "changed", "already there", "kept"),
        empty=f"Nothing {verb}added: the file holds no values NightCramps keeps.",
    )
    for reason, count in record.skipped.items():
        typer.echo(f"Skipped {count:,}: {reason}.")
    for warning in record.warnings:
        typer.echo(f"Note: {warning}")
    if record.profile:
        offered = ", ".join(f"{k} {v}" for k, v in sorted(record.profile.items()))
        typer.echo(f"The file also gives {offered}; set them in your profile if they are right.")


@import_app.command("file", hidden=True)
@command
def import_file(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="export.zip, a CSV, a folder or a zip of CSVs.")],
    source: Annotated[
        SourceChoice | None,
        typer.Option("--source", help="The app it comes from (found from the file when left out)."),
    ] = None,
    preview: Annotated[
        bool, typer.Option("--preview", help="Only show what it would add; store nothing.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Store without asking.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Import an export of Apple Health, Cronometer, MyFitnessPal, Fitbit or Garmin.

    `nightcramps import FILE` is the same command. It shows what the file adds and, on a terminal,
    asks before storing it; --yes stores without asking, --preview stores nothing. The same file
    twice changes nothing; `import undo ID` removes what an import added.
    """
    cli = state(ctx)
    if not file.exists():
        raise Invalid(f"There is no file or folder {file}; check the path.")
    ask = not (yes or preview or as_json) and sys.stdin.isatty()
    chosen: SourceName | None = source
    with cli.session() as session:
        owner = cli.owner(session)
        with _progress_bar(sys.stderr.isatty() and not as_json) as progress:
            record, already = service.import_file(
                session, owner, file, source=chosen, store=False, progress=progress
            )
        if already:
            public = service.to_public(record, already=True)
            if as_json:
                emit_json(public)
                return
            typer.echo(
                f"{file.name} was already imported (import {record.id}, "
                f"{record.created_at:%Y-%m-%d}); nothing changed."
            )
            return
        if preview or (ask and not _confirmed(record)):
            public = service.to_public(record)
            if preview and not as_json:
                _describe(record, stored=False)
            session.rollback()
            if as_json:
                emit_json(public)
            else:
                typer.echo("Nothing was stored." + (" (--preview)" if preview else ""))
            return
        service.confirm(session, owner, record.id)
        public = service.to_public(record)
    if as_json:
        emit_json(public)
        return
    if not ask:
        _describe(record, stored=True)
    typer.echo(f"Stored as import {record.id}. Undo it with `nightcramps import undo {record.id}`.")


def _confirmed(record: ImportRecord) -> bool:
    _describe(record, stored=False)
    return typer.confirm("Store this import?", default=True)


@import_app.command("list")
@command
def list_imports(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Every import, newest first, with what it added."""
    cli = state(ctx)
    with cli.session() as session:
        records = service.list_imports(session, cli.owner(session))
        listing = service.to_list(records)
    if as_json:
        emit_json(listing)
        return
    emit_table(
        [
            (
                r.id,
                r.created_at.strftime("%Y-%m-%d %H:%M"),
                LABELS.get(r.source, r.source),  # type: ignore[call-overload]
                r.file_name,
                r.status,
                f"{r.first_day or ''} – {r.last_day or ''}",
                sum(c.added for c in r.counts.values()),
            )
            for r in listing.data
        ],
        ("id", "when (UTC)", "source", "file", "status", "days", "added"),
        empty="No imports yet. Import a file with `nightcramps import FILE`.",
    )


@import_app.command("show")
@command
def show_import(
    ctx: typer.Context,
    import_id: Annotated[int, typer.Argument(help="The import's number (see `import list`).")],
    as_json: JsonOption = False,
) -> None:
    """One import: what it added per factor, what it skipped and why, its warnings."""
    cli = state(ctx)
    with cli.session() as session:
        record = service.get_import(session, cli.owner(session), import_id)
        public = service.to_public(record)
        if not as_json:
            typer.echo(f"Import {record.id}: {record.status}.")
            if record.error:
                typer.echo(record.error)
            _describe(record, stored=record.status == "done")
    if as_json:
        emit_json(public)


@import_app.command("undo")
@command
def undo_import(
    ctx: typer.Context,
    import_id: Annotated[int, typer.Argument(help="The import's number (see `import list`).")],
    as_json: JsonOption = False,
) -> None:
    """Remove exactly what an import added (its day values and workouts), nothing else."""
    cli = state(ctx)
    with cli.session() as session:
        record = service.undo(session, cli.owner(session), import_id)
        public = service.to_public(record)
    if as_json:
        emit_json(public)
        return
    removed = sum(c.added + c.changed + c.unchanged for c in public.counts.values())
    typer.echo(f"Undid import {import_id}: {removed:,} value(s) and workout(s) removed.")

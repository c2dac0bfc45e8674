"""`nightcramps guidance ...`: the knowledge base, the red-flag check and the reminder file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table, write_file
from nightcramps.errors import Invalid
from nightcramps.guidance import reminders
from nightcramps.guidance import service as guidance_service
from nightcramps.guidance.knowledge import KINDS

app = typer.Typer(
    help="Graded, cited guidance; warning-sign check; bedtime reminder.", no_args_is_help=True
)


@app.command("list")
@command
def list_entries(
    kind: Annotated[str | None, typer.Option(help=f"Only one kind: {', '.join(KINDS)}.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Every cause and remedy with its evidence grade and main source."""
    if kind is not None and kind not in KINDS:
        raise Invalid(f"--kind must be one of {', '.join(KINDS)}.", fields={"--kind": kind})
    entries = guidance_service.list_entries(kind=kind)
    if as_json:
        emit_json([guidance_service.to_entry_public(e) for e in entries])
        return
    emit_table(
        [(e.slug, e.grade, e.title, e.citation) for e in entries],
        ("slug", "grade", "title", "source"),
    )


@app.command("show")
@command
def show(
    slug: Annotated[str, typer.Argument(help="The entry, e.g. magnesium (see `guidance list`).")],
    as_json: JsonOption = False,
) -> None:
    """One entry: what the article claims, what the evidence says, the grade and the sources."""
    entry = guidance_service.get_entry(slug=slug)
    if as_json:
        emit_json(guidance_service.to_entry_public(entry))
        return
    typer.echo(f"{entry.title}  [evidence: {entry.grade}]\n")
    for heading, text in (
        ("The article", entry.article_claim),
        ("The evidence", entry.evidence),
        ("Why this grade", entry.grade_note),
        ("What it means for you", entry.advice),
    ):
        typer.echo(f"{heading}:\n  {text}\n")
    typer.echo("Sources:")
    for source in entry.sources:
        typer.echo(f"  - {source.short}")


@app.command("factor")
@command
def factor(
    key: Annotated[str, typer.Argument(help="A logged factor, e.g. magnesium_mg or stretched.")],
    as_json: JsonOption = False,
) -> None:
    """The entry that explains a logged factor."""
    entry = guidance_service.guidance_for(key)
    if as_json:
        emit_json(guidance_service.to_entry_public(entry))
        return
    typer.echo(f"{key}: {entry.title} [evidence: {entry.grade}] {entry.summary} ({entry.citation})")


@app.command("checkup")
@command
def checkup(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Warning signs in your diary of the last weeks (for the questionnaire, use the web page)."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        result = guidance_service.to_checkup_public(
            guidance_service.screen_diary(session=session, owner=owner)
        )
    if as_json:
        emit_json(result)
        return
    if not result.findings:
        typer.echo("No warning signs in your diary of the last four weeks.")
        return
    typer.echo(f"{result.headline}.\n")
    for f in result.findings:
        typer.echo(f"[{f.urgency}] {f.title}. {f.detail}\n  {f.message}\n  Source: {f.citation}\n")
    typer.echo("NightCramps does not diagnose; a doctor should check.")


@app.command("reminder")
@command
def reminder(
    ctx: typer.Context,
    at: Annotated[
        str | None, typer.Option("--at", help="Set the bedtime reminder, HH:MM (e.g. 21:30).")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the reminder.")] = False,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Also write a calendar file with an alarm here.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show, set or clear the bedtime-stretch reminder; optionally write it as a calendar file."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        if clear:
            guidance_service.set_reminder(session=session, owner=owner, remind_at=None)
        elif at is not None:
            try:
                clock = reminders.parse_clock(at)
            except ValueError as exc:
                raise Invalid(f"--at: {exc}.", fields={"--at": str(exc)}) from None
            guidance_service.set_reminder(session=session, owner=owner, remind_at=clock)
        session.flush()
        status = guidance_service.reminder_status(session=session, owner=owner)
    if ics is not None:
        if status.remind_at is None:
            raise Invalid("No reminder is set; give --at HH:MM.", fields={"--at": "is required"})
        clock = reminders.parse_clock(status.remind_at)
        write_file(ics, guidance_service.reminder_calendar(owner=owner, clock=clock))
    if as_json:
        emit_json(status)
        return
    if status.remind_at is None:
        typer.echo("No bedtime reminder is set.")
    else:
        done = " Done tonight." if status.done_tonight else ""
        typer.echo(f"Bedtime stretches at {status.remind_at}.{done}")
        if ics is not None:
            typer.echo(f"Calendar file written to {ics}.")

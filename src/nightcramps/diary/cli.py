"""`nightcramps cramp ...` and `nightcramps night ...`: the diary from the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table
from nightcramps.cli.parsing import parse_day, parse_moment
from nightcramps.constants import MUSCLES, RELIEF_EFFECTS, RELIEF_METHODS, SIDES
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import CrampCreate, CrampUpdate, NightCreate, NightUpdate
from nightcramps.errors import Invalid

cramp_app = typer.Typer(help="Log, change and delete cramps.", no_args_is_help=True)
night_app = typer.Typer(
    help="Nights: mark cramp-free, set sleep disturbance, list, show, delete.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the diary's commands to the root app."""
    app.add_typer(cramp_app, name="cramp")
    app.add_typer(night_app, name="night")


def _choices(values: tuple[str, ...]) -> str:
    return ", ".join(values)


MuscleOpt = Annotated[str, typer.Option(help=f"One of: {_choices(MUSCLES)}.")]
SideOpt = Annotated[str, typer.Option(help=f"One of: {_choices(SIDES)}.")]


@cramp_app.command("add")
@command
def cramp_add(
    ctx: typer.Context,
    muscle: MuscleOpt,
    side: SideOpt,
    severity: Annotated[int, typer.Option(help="0 (no pain) to 10 (worst).")],
    at: Annotated[
        str | None,
        typer.Option(help="When it began, 'YYYY-MM-DD HH:MM' in your time zone."),
    ] = None,
    night_of: Annotated[
        str | None,
        typer.Option(
            "--night-of", help="The night (YYYY-MM-DD, its evening) if the time is unknown."
        ),
    ] = None,
    duration_min: Annotated[
        float | None, typer.Option("--duration-min", help="Minutes it lasted.")
    ] = None,
    relief: Annotated[
        list[str] | None,
        typer.Option(help=f"What you used; repeat for several: {_choices(RELIEF_METHODS)}."),
    ] = None,
    relief_effect: Annotated[
        str | None,
        typer.Option("--relief-effect", help=f"How well it worked: {_choices(RELIEF_EFFECTS)}."),
    ] = None,
    notes: Annotated[str, typer.Option(help="Free text.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Log a cramp. It is filed under the night it belongs to (03:10 on the 24th → the 23rd)."""
    cli = state(ctx)
    cramp_in = CrampCreate.model_validate(
        {
            "at": parse_moment(at),
            "night_of": night_of,
            "muscle": muscle,
            "side": side,
            "severity_0_10": severity,
            "duration_min": duration_min,
            "relief": relief or [],
            "relief_effect": relief_effect,
            "notes": notes,
        }
    )
    with cli.session() as session:
        cramp = diary_service.log_cramp(
            session=session, owner=cli.owner(session), cramp_in=cramp_in
        )
        public = diary_service.to_cramp_public(cramp)
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Logged cramp {public.id} on the night of {public.night_of}.")


@cramp_app.command("edit")
@command
def cramp_edit(
    ctx: typer.Context,
    cramp_id: Annotated[int, typer.Argument(help="The cramp's number (see `night list`).")],
    at: Annotated[str | None, typer.Option(help="New time, 'YYYY-MM-DD HH:MM'.")] = None,
    muscle: Annotated[str | None, typer.Option(help=f"One of: {_choices(MUSCLES)}.")] = None,
    side: Annotated[str | None, typer.Option(help=f"One of: {_choices(SIDES)}.")] = None,
    severity: Annotated[int | None, typer.Option(help="0 to 10.")] = None,
    duration_min: Annotated[float | None, typer.Option("--duration-min")] = None,
    relief: Annotated[list[str] | None, typer.Option(help="Replaces the relief list.")] = None,
    relief_effect: Annotated[str | None, typer.Option("--relief-effect")] = None,
    notes: Annotated[str | None, typer.Option()] = None,
    as_json: JsonOption = False,
) -> None:
    """Change a cramp; only the options given are changed."""
    cli = state(ctx)
    raw = {
        "at": parse_moment(at),
        "muscle": muscle,
        "side": side,
        "severity_0_10": severity,
        "duration_min": duration_min,
        "relief": relief,
        "relief_effect": relief_effect,
        "notes": notes,
    }
    cramp_in = CrampUpdate.model_validate({k: v for k, v in raw.items() if v is not None})
    with cli.session() as session:
        cramp = diary_service.update_cramp(
            session=session, owner=cli.owner(session), cramp_id=cramp_id, cramp_in=cramp_in
        )
        public = diary_service.to_cramp_public(cramp)
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Updated cramp {public.id} (night of {public.night_of}).")


@cramp_app.command("delete")
@command
def cramp_delete(
    ctx: typer.Context,
    cramp_id: Annotated[int, typer.Argument(help="The cramp's number.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do it without asking.")] = False,
) -> None:
    """Delete a cramp (`cramp restore ID` brings it back within the undo window)."""
    cli = state(ctx)
    if not yes:
        typer.confirm(f"Delete cramp {cramp_id}?", abort=True)
    with cli.session() as session:
        diary_service.delete_cramp(session=session, owner=cli.owner(session), cramp_id=cramp_id)
    typer.echo(f"Deleted cramp {cramp_id}. Undo with: nightcramps cramp restore {cramp_id}")


@cramp_app.command("restore")
@command
def cramp_restore(
    ctx: typer.Context, cramp_id: Annotated[int, typer.Argument(help="The cramp's number.")]
) -> None:
    """Undo the deletion of a cramp."""
    cli = state(ctx)
    with cli.session() as session:
        diary_service.restore_cramp(session=session, owner=cli.owner(session), cramp_id=cramp_id)
    typer.echo(f"Restored cramp {cramp_id}.")


NightOfOption = Annotated[
    str | None,
    typer.Option("--night-of", help="The night (YYYY-MM-DD, its evening). Default: last night."),
]
DisturbanceOption = Annotated[
    int | None, typer.Option("--sleep-disturbance", help="0 (slept through) to 10.")
]


@night_app.command("no-cramps")
@command
def night_no_cramps(
    ctx: typer.Context,
    night_of: NightOfOption = None,
    disturbance: DisturbanceOption = None,
    notes: Annotated[str, typer.Option(help="Free text.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Mark a night as cramp-free (absence is data too)."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        day = parse_day(night_of, "--night-of") or diary_service.last_night(owner=owner)
        night_in = NightCreate(
            night_of=day, no_cramps=True, sleep_disturbance_0_10=disturbance, notes=notes
        )
        night = diary_service.record_night(session=session, owner=owner, night_in=night_in)
        public = diary_service.to_night_public(night)
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Night of {public.night_of}: no cramps.")


@night_app.command("set")
@command
def night_set(
    ctx: typer.Context,
    night_of: NightOfOption = None,
    disturbance: DisturbanceOption = None,
    notes: Annotated[
        str | None, typer.Option(help="Free text; replaces the night's notes.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Set a night's sleep disturbance or notes, with or without cramps (its cramps stay)."""
    if disturbance is None and notes is None:
        raise Invalid(
            "Give --sleep-disturbance 0-10 and/or --notes to set.",
            fields={"--sleep-disturbance": "is required"},
        )
    if disturbance is not None and not 0 <= disturbance <= 10:
        raise Invalid(
            f"--sleep-disturbance must be from 0 (slept through) to 10; got {disturbance}.",
            fields={"--sleep-disturbance": "must be 0-10"},
        )
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        day = parse_day(night_of, "--night-of") or diary_service.last_night(owner=owner)
        night_in = NightCreate(night_of=day, sleep_disturbance_0_10=disturbance)
        night = diary_service.record_night(session=session, owner=owner, night_in=night_in)
        if notes is not None:
            night = diary_service.update_night(
                session=session, owner=owner, day=day, night_in=NightUpdate(notes=notes)
            )
        public = diary_service.to_night_public(night)
    if as_json:
        emit_json(public)
        return
    told = (
        []
        if public.sleep_disturbance_0_10 is None
        else [f"sleep disturbance {public.sleep_disturbance_0_10}/10"]
    )
    if notes is not None:
        told.append("notes saved")
    typer.echo(f"Night of {public.night_of}: {', '.join(told)}.")


@night_app.command("list")
@command
def night_list(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help="First night, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last night, YYYY-MM-DD.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List logged nights, newest first (nights not logged are not shown: they are unknown)."""
    cli = state(ctx)
    with cli.session() as session:
        nights = diary_service.list_nights(
            session=session,
            owner=cli.owner(session),
            start=parse_day(start, "--from"),
            end=parse_day(end, "--to"),
        )
        public = dailyvalues_service.with_imported_counts(
            session=session,
            owner=cli.owner(session),
            nights=[diary_service.to_night_public(n) for n in nights],
        )
    if as_json:
        emit_json(public)
        return
    rows = [
        (p.night_of, p.status, p.cramp_count, p.worst_severity_0_10, p.sleep_disturbance_0_10)
        for p in public
    ]
    emit_table(
        rows,
        ["night_of", "status", "cramps", "worst", "disturbance"],
        empty="No nights logged in this range (a night not logged is unknown, not cramp-free).",
    )


@night_app.command("show")
@command
def night_show(
    ctx: typer.Context,
    night_of: Annotated[str, typer.Argument(help="The night, YYYY-MM-DD.")],
    as_json: JsonOption = False,
) -> None:
    """Show one night with its cramps."""
    cli = state(ctx)
    day = parse_day(night_of, "NIGHT_OF")
    assert day is not None
    with cli.session() as session:
        owner = cli.owner(session)
        night = diary_service.get_night(session=session, owner=owner, day=day)
        (public,) = dailyvalues_service.with_imported_counts(
            session=session, owner=owner, nights=[diary_service.to_night_public(night)]
        )
    if as_json:
        emit_json(public)
        return
    typer.echo(f"Night of {public.night_of}: {public.status.replace('_', ' ')}")
    if public.counted_from == "import":
        worst = public.worst_severity_0_10
        typer.echo(
            f"  {public.cramp_count} cramp(s), worst {'unknown' if worst is None else worst}/10,"
            " counted by an imported daily summary (no per-cramp detail)"
        )
    for c in public.cramps:
        when = c.started_at.isoformat(timespec="minutes") if c.started_at else "during the night"
        typer.echo(f"  #{c.id} {when} {c.muscle} {c.side} severity {c.severity_0_10}/10")


@night_app.command("delete")
@command
def night_delete(
    ctx: typer.Context,
    night_of: Annotated[str, typer.Argument(help="The night, YYYY-MM-DD.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do it without asking.")] = False,
) -> None:
    """Delete a night and its cramps (`night restore` brings it back within the undo window)."""
    cli = state(ctx)
    day = parse_day(night_of, "NIGHT_OF")
    assert day is not None
    if not yes:
        typer.confirm(f"Delete the night of {day} and its cramps?", abort=True)
    with cli.session() as session:
        diary_service.delete_night(session=session, owner=cli.owner(session), day=day)
    typer.echo(f"Deleted the night of {day}. Undo with: nightcramps night restore {day}")


@night_app.command("restore")
@command
def night_restore(
    ctx: typer.Context, night_of: Annotated[str, typer.Argument(help="The night, YYYY-MM-DD.")]
) -> None:
    """Undo the deletion of a night."""
    cli = state(ctx)
    day = parse_day(night_of, "NIGHT_OF")
    assert day is not None
    with cli.session() as session:
        diary_service.restore_night(session=session, owner=cli.owner(session), day=day)
    typer.echo(f"Restored the night of {day}.")

"""`nightcramps activity|stretch|medicine|sleep|alcohol|caffeine ...`, `day-set` and `today`:
the day before the night from the terminal. ``register(app)`` adds them all to the root app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table
from nightcramps.cli.parsing import parse_day, parse_moment
from nightcramps.daylog import dayview
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import (
    ActivityCreate,
    AlcoholCreate,
    CaffeineCreate,
    DayUpdate,
    EntryKind,
    MedicineCreate,
    MedicineMatchPublic,
    SleepCreate,
    StretchCreate,
)
from nightcramps.errors import Invalid
from nightcramps.timing import utcnow

activity_app = typer.Typer(help="Workouts and light exercise.", no_args_is_help=True)
stretch_app = typer.Typer(help="Stretching routines done.", no_args_is_help=True)
medicine_app = typer.Typer(
    help="Medicines, and the drug classes associated with cramps.", no_args_is_help=True
)
sleep_app = typer.Typer(help="Sleep: bedtime and wake time.", no_args_is_help=True)
alcohol_app = typer.Typer(help="Alcoholic drinks.", no_args_is_help=True)
caffeine_app = typer.Typer(
    help=(
        "Caffeine in mg not logged as a food or drink (a coffee logged with `drink` already "
        "counts; the day's caffeine adds the two)."
    ),
    no_args_is_help=True,
)

AtOpt = Annotated[
    str | None, typer.Option(help="When, 'YYYY-MM-DD HH:MM' in your time zone (default: now).")
]
DayOpt = Annotated[
    str | None, typer.Option("--day", help="The day, YYYY-MM-DD, when the time is not given.")
]
FromOpt = Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")]
IdArg = Annotated[int, typer.Argument(help="The entry's number (see the list command).")]
YesOpt = Annotated[bool, typer.Option("--yes", help="Do it without asking.")]


def _dated(at: str | None, day: str | None) -> dict[str, Any]:
    """``at`` and ``day`` for a Create schema; with neither, now (not just today) is used."""
    moment, when = parse_moment(at), parse_day(day)
    if moment is None and when is None:
        return {"at": None}
    return {"at": moment, "day": when}


def _now_if_missing(data: dict[str, Any]) -> dict[str, Any]:
    if data.get("at") is None and data.get("day") is None:
        data["at"] = utcnow()
    return data


def _add_delete_restore(app: typer.Typer, kind: EntryKind, noun: str, group: str) -> None:
    """Add `delete ID` (asks first) and `restore ID` to a sub-app."""

    @app.command("delete", help=f"Delete a {noun} (`{group} restore ID` brings it back).")
    @command
    def delete(ctx: typer.Context, entry_id: IdArg, yes: YesOpt = False) -> None:
        cli = state(ctx)
        if not yes:
            typer.confirm(f"Delete {noun} {entry_id}?", abort=True)
        with cli.session() as session:
            daylog_service.delete_entry(
                session=session, owner=cli.owner(session), kind=kind, entry_id=entry_id
            )
        typer.echo(f"Deleted {noun} {entry_id}. Undo with: nightcramps {group} restore {entry_id}")

    @app.command("restore", help=f"Undo the deletion of a {noun}.")
    @command
    def restore(ctx: typer.Context, entry_id: IdArg, as_json: JsonOption = False) -> None:
        cli = state(ctx)
        with cli.session() as session:
            public = daylog_service.restore_entry(
                session=session, owner=cli.owner(session), kind=kind, entry_id=entry_id
            )
        if as_json:
            emit_json(public)
        else:
            typer.echo(f"Restored {noun} {entry_id}.")


def _listing(
    ctx: typer.Context,
    lister: Callable[..., list[Any]],
    start: str | None,
    end: str | None,
) -> list[Any]:
    cli = state(ctx)
    with cli.session() as session:
        return lister(
            session=session,
            owner=cli.owner(session),
            start=parse_day(start, "--from"),
            end=parse_day(end, "--to"),
        )


# ---------------------------------------------------------------------------- activity


@activity_app.command("add")
@command
def activity_add(
    ctx: typer.Context,
    activity_type: Annotated[
        str, typer.Option("--type", help="walking, running, cycling, gym, ...")
    ],
    minutes: Annotated[float, typer.Option(help="How long, in minutes.")],
    intensity: Annotated[
        str, typer.Option(help="Effort 0-10, or light, moderate, vigorous.")
    ] = "moderate",
    at: AtOpt = None,
    day: DayOpt = None,
    notes: Annotated[str, typer.Option(help="Free text.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Log a workout or light exercise."""
    cli = state(ctx)
    data = _dated(at, day) | {
        "activity_type": activity_type,
        "duration_min": minutes,
        "intensity_0_10": intensity,
        "notes": notes,
    }
    activity_in = ActivityCreate.model_validate(_now_if_missing(data))
    with cli.session() as session:
        public = daylog_service.log_activity(
            session=session, owner=cli.owner(session), activity_in=activity_in
        )
    if as_json:
        emit_json(public)
    else:
        typer.echo(
            f"Logged {public.activity_type}, {public.duration_min:g} min ({public.effort}) on "
            f"{public.day} as number {public.id}."
        )


@activity_app.command("list")
@command
def activity_list(
    ctx: typer.Context, start: FromOpt = None, end: ToOpt = None, as_json: JsonOption = False
) -> None:
    """List workouts, newest first."""
    rows = _listing(ctx, daylog_service.list_activities, start, end)
    if as_json:
        emit_json(rows)
        return
    emit_table(
        [(a.id, a.day, a.activity_type, a.duration_min, a.intensity_0_10) for a in rows],
        ["id", "day", "type", "minutes", "intensity"],
    )


_add_delete_restore(activity_app, "activity", "workout", "activity")


# ---------------------------------------------------------------------------- stretching


@stretch_app.command("log")
@command
def stretch_log(
    ctx: typer.Context,
    routine: Annotated[str, typer.Option(help="Which routine.")] = "bedtime stretches",
    minutes: Annotated[float | None, typer.Option(help="How long, in minutes.")] = None,
    at: AtOpt = None,
    day: DayOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Log a stretching routine done (default: now)."""
    cli = state(ctx)
    data = _dated(at, day) | {"routine": routine, "duration_min": minutes}
    stretch_in = StretchCreate.model_validate(_now_if_missing(data))
    with cli.session() as session:
        public = daylog_service.log_stretch(
            session=session, owner=cli.owner(session), stretch_in=stretch_in
        )
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Logged stretching ({public.routine}) on {public.day} as number {public.id}.")


@stretch_app.command("list")
@command
def stretch_list(
    ctx: typer.Context, start: FromOpt = None, end: ToOpt = None, as_json: JsonOption = False
) -> None:
    """List stretching sessions, newest first."""
    rows = _listing(ctx, daylog_service.list_stretches, start, end)
    if as_json:
        emit_json(rows)
        return
    emit_table(
        [(s.id, s.day, s.routine, s.duration_min) for s in rows], ["id", "day", "routine", "min"]
    )


_add_delete_restore(stretch_app, "stretch", "stretching session", "stretch")


# ---------------------------------------------------------------------------- alcohol, caffeine


@alcohol_app.command("add")
@command
def alcohol_add(
    ctx: typer.Context,
    drinks: Annotated[float, typer.Option(help="Number of drinks.")] = 1,
    units: Annotated[float | None, typer.Option(help="Standard units, if known.")] = None,
    kind: Annotated[str, typer.Option(help="wine, beer, spirits, ...")] = "",
    at: AtOpt = None,
    day: DayOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Log alcoholic drinks (default: one, now)."""
    cli = state(ctx)
    data = _dated(at, day) | {"drinks": drinks, "standard_units": units, "kind": kind}
    alcohol_in = AlcoholCreate.model_validate(_now_if_missing(data))
    with cli.session() as session:
        public = daylog_service.log_alcohol(
            session=session, owner=cli.owner(session), alcohol_in=alcohol_in
        )
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Logged {public.drinks:g} drink(s) on {public.day} as number {public.id}.")


@alcohol_app.command("list")
@command
def alcohol_list(
    ctx: typer.Context, start: FromOpt = None, end: ToOpt = None, as_json: JsonOption = False
) -> None:
    """List alcohol entries, newest first."""
    rows = _listing(ctx, daylog_service.list_alcohol, start, end)
    if as_json:
        emit_json(rows)
        return
    emit_table(
        [(a.id, a.day, a.drinks, a.standard_units, a.kind) for a in rows],
        ["id", "day", "drinks", "units", "kind"],
    )


_add_delete_restore(alcohol_app, "alcohol", "alcohol entry", "alcohol")


@caffeine_app.command("add")
@command
def caffeine_add(
    ctx: typer.Context,
    phrase: Annotated[
        str | None, typer.Argument(help="As you would say it: 'coffee 95 mg'.")
    ] = None,
    mg: Annotated[float | None, typer.Option(help="Milligrams of caffeine.")] = None,
    source: Annotated[str, typer.Option(help="coffee, tea, cola, ...")] = "",
    at: AtOpt = None,
    day: DayOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Log caffeine not logged as a food or drink: `caffeine add "coffee 95 mg"` or
    `caffeine add --mg 95 --source coffee` (a coffee logged with `drink` already counts)."""
    cli = state(ctx)
    if phrase is not None:
        source_from_phrase, mg_from_phrase = daylog_service.parse_caffeine(phrase)
        source = source or source_from_phrase
        mg = mg if mg is not None else mg_from_phrase
    if mg is None:
        raise Invalid(
            'Give the amount: `caffeine add "coffee 95 mg"` or `--mg 95`.',
            fields={"--mg": "missing"},
        )
    data = _dated(at, day) | {"caffeine_mg": mg, "source": source}
    caffeine_in = CaffeineCreate.model_validate(_now_if_missing(data))
    with cli.session() as session:
        public = daylog_service.log_caffeine(
            session=session, owner=cli.owner(session), caffeine_in=caffeine_in
        )
    if as_json:
        emit_json(public)
    else:
        typer.echo(
            f"Logged {public.caffeine_mg:g} mg caffeine on {public.day} as number {public.id}."
        )


@caffeine_app.command("list")
@command
def caffeine_list(
    ctx: typer.Context, start: FromOpt = None, end: ToOpt = None, as_json: JsonOption = False
) -> None:
    """List caffeine entries, newest first."""
    rows = _listing(ctx, daylog_service.list_caffeine, start, end)
    if as_json:
        emit_json(rows)
        return
    emit_table(
        [(c.id, c.day, c.caffeine_mg, c.source) for c in rows], ["id", "day", "mg", "source"]
    )


_add_delete_restore(caffeine_app, "caffeine", "caffeine entry", "caffeine")


# ---------------------------------------------------------------------------- sleep


@sleep_app.command("log")
@command
def sleep_log(
    ctx: typer.Context,
    bed: Annotated[str, typer.Option(help="Went to sleep, 'YYYY-MM-DD HH:MM'.")],
    wake: Annotated[str, typer.Option(help="Woke up, 'YYYY-MM-DD HH:MM'.")],
    as_json: JsonOption = False,
) -> None:
    """Log a sleep; it belongs to the day it ends in (last night's sleep is today's)."""
    cli = state(ctx)
    sleep_in = SleepCreate.model_validate(
        {"bed_at": parse_moment(bed, "--bed"), "wake_at": parse_moment(wake, "--wake")}
    )
    with cli.session() as session:
        public = daylog_service.log_sleep(
            session=session, owner=cli.owner(session), sleep_in=sleep_in
        )
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Logged {public.sleep_h:g} hours of sleep (before {public.day}).")


@sleep_app.command("list")
@command
def sleep_list(
    ctx: typer.Context, start: FromOpt = None, end: ToOpt = None, as_json: JsonOption = False
) -> None:
    """List sleep entries, newest first."""
    rows = _listing(ctx, daylog_service.list_sleep, start, end)
    if as_json:
        emit_json(rows)
        return
    emit_table(
        [(s.id, s.day, s.bed_at, s.wake_at, s.sleep_h) for s in rows],
        ["id", "day", "bed_at", "wake_at", "hours"],
    )


_add_delete_restore(sleep_app, "sleep", "sleep entry", "sleep")


# ---------------------------------------------------------------------------- medicines


def _describe(match: MedicineMatchPublic) -> list[str]:
    lines = [f"  {match.class_name} (evidence: {match.evidence_grade})"]
    if match.association is not None:
        a = match.association
        lines.append(
            f"    {a.measure} {a.ratio:.2f} (95% CI {a.ci_low:.2f}-{a.ci_high:.2f}, p {a.p_value})"
        )
    lines.append(f"    {match.summary}")
    lines.append(f"    {match.guidance}")
    lines.extend(f"    Source: {c}" for c in match.citations)
    return lines


@medicine_app.command("add")
@command
def medicine_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="As on the box, e.g. 'Lasix 40 mg'.")],
    dose: Annotated[str, typer.Option(help="e.g. '40 mg each morning'.")] = "",
    started: Annotated[str | None, typer.Option(help="First day taken, YYYY-MM-DD.")] = None,
    stopped: Annotated[str | None, typer.Option(help="Last day taken, YYYY-MM-DD.")] = None,
    notes: Annotated[str, typer.Option(help="Free text.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Add a medicine; the classes associated with cramps are shown."""
    cli = state(ctx)
    medicine_in = MedicineCreate.model_validate(
        {
            "name": name,
            "dose": dose,
            "started_on": parse_day(started, "--started"),
            "stopped_on": parse_day(stopped, "--stopped"),
            "notes": notes,
        }
    )
    with cli.session() as session:
        public = daylog_service.add_medicine(
            session=session, owner=cli.owner(session), medicine_in=medicine_in
        )
    if as_json:
        emit_json(public)
        return
    typer.echo(f"Added {public.name} as number {public.id}.")
    for match in public.matches:
        typer.echo("\n".join(_describe(match)))


@medicine_app.command("stop")
@command
def medicine_stop(
    ctx: typer.Context,
    medicine_id: IdArg,
    on: Annotated[
        str | None, typer.Option(help="Last day taken, YYYY-MM-DD (default today).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Record the last day a medicine was taken (change medicines only with your prescriber)."""
    cli = state(ctx)
    with cli.session() as session:
        public = daylog_service.stop_medicine(
            session=session,
            owner=cli.owner(session),
            medicine_id=medicine_id,
            stopped_on=parse_day(on, "--on"),
        )
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Recorded the last dose of {public.name} on {public.stopped_on}.")


@medicine_app.command("list")
@command
def medicine_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List your medicines with the drug classes associated with cramps."""
    cli = state(ctx)
    with cli.session() as session:
        rows = daylog_service.list_medicines(session=session, owner=cli.owner(session))
    if as_json:
        emit_json(rows)
        return
    emit_table(
        [
            (
                m.id,
                m.name,
                m.dose,
                m.started_on,
                m.stopped_on,
                "; ".join(x.class_name for x in m.matches),
            )
            for m in rows
        ],
        ["id", "name", "dose", "started", "stopped", "classes"],
    )


@medicine_app.command("check")
@command
def medicine_check(
    name: Annotated[str, typer.Argument(help="A medicine name as you would type it.")],
    as_json: JsonOption = False,
) -> None:
    """Which drug classes associated with cramps a name belongs to (nothing is stored)."""
    result = daylog_service.check_medicine(name)
    if as_json:
        emit_json(result)
        return
    typer.echo(result.message)
    for match in result.matches:
        typer.echo("\n".join(_describe(match)))


_add_delete_restore(medicine_app, "medicine", "medicine", "medicine")


# ---------------------------------------------------------------------------- the day


def day_set(
    ctx: typer.Context,
    day: Annotated[str | None, typer.Argument(help="The day, YYYY-MM-DD (default today).")] = None,
    steps: Annotated[int | None, typer.Option(help="Steps that day.")] = None,
    standing_h: Annotated[
        float | None, typer.Option("--standing-h", help="Hours standing.")
    ] = None,
    sitting_h: Annotated[float | None, typer.Option("--sitting-h", help="Hours sitting.")] = None,
    massage: Annotated[bool | None, typer.Option("--massage/--no-massage")] = None,
    heat: Annotated[bool | None, typer.Option("--heat/--no-heat")] = None,
    no_stretching: Annotated[bool, typer.Option("--no-stretching", help="None today.")] = False,
    rest_day: Annotated[bool, typer.Option("--rest-day", help="No exercise today.")] = False,
    no_alcohol: Annotated[bool, typer.Option("--no-alcohol", help="None today.")] = False,
    no_caffeine: Annotated[bool, typer.Option("--no-caffeine", help="None today.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Set a day's steps, standing, sitting, massage, heat or "none today"; only options given
    change."""
    cli = state(ctx)
    raw: dict[str, Any] = {
        "steps": steps,
        "standing_h": standing_h,
        "sitting_h": sitting_h,
        "massage_used": massage,
        "heat_used": heat,
        "no_stretching": no_stretching or None,
        "no_exercise": rest_day or None,
        "no_alcohol": no_alcohol or None,
        "no_caffeine": no_caffeine or None,
    }
    day_in = DayUpdate.model_validate({k: v for k, v in raw.items() if v is not None})
    with cli.session() as session:
        owner = cli.owner(session)
        when = parse_day(day, "DAY") or daylog_service.today(owner=owner)
        public = daylog_service.update_day(session=session, owner=owner, day=when, day_in=day_in)
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Saved {when}.")


def today(
    ctx: typer.Context,
    day: Annotated[str | None, typer.Argument(help="The day, YYYY-MM-DD (default today).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Everything logged for a day and what the day counts as (unknown shown as unknown).

    Caffeine is the caffeine in food and drinks logged plus the caffeine entered with `caffeine
    add`, shown with both parts. A value imported from a daily CSV is shown, marked imported,
    until something is logged in detail for that day (which replaces it).
    """
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        when = parse_day(day, "DAY") or daylog_service.today(owner=owner)
        public = dayview.day_view(session=session, owner=owner, day=when)
    if as_json:
        emit_json(public)
        return
    typer.echo(f"{public.day}")
    for key, item in public.values.items():
        if item.value is None:
            typer.echo(f"  {key}: unknown")
            continue
        typer.echo(f"  {key}: {item.value}" + (f" ({item.note})" if item.note else ""))
    for m in public.medicines:
        classes = "; ".join(x.class_name for x in m.matches)
        typer.echo(f"  medicine: {m.name}{f' ({classes})' if classes else ''}")


def register(app: typer.Typer) -> None:
    """Add the day-log commands to the root app."""
    app.add_typer(activity_app, name="activity")
    app.add_typer(stretch_app, name="stretch")
    app.add_typer(medicine_app, name="medicine")
    app.add_typer(sleep_app, name="sleep")
    app.add_typer(alcohol_app, name="alcohol")
    app.add_typer(caffeine_app, name="caffeine")
    app.command("day-set")(command(day_set))
    app.command("today")(command(today))

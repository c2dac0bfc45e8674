"""`nightcramps activity|stretch|medicine|sleep|alcohol|caffeine ...`, `day-set` and `today`:
the day before the night from the terminal. ``register(app)`` adds them all to the root app.

Each kind of entry (``daylog_service.KINDS``) has a group, made from its declaration with its
`list` (for a kind with days), `delete` and `restore`; the command that logs one (`add`, `log`)
and the medicine commands are written out here, since their options are the kind's own."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table
from nightcramps.cli.parsing import parse_day, parse_moment
from nightcramps.dailyvalues import dayview
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import (
    ActivityCreate,
    AlcoholCreate,
    CaffeineCreate,
    DayUpdate,
    MedicineCreate,
    MedicineMatchPublic,
    SleepCreate,
    StretchCreate,
)
from nightcramps.errors import Invalid
from nightcramps.timing import utcnow

Kind = daylog_service.AnyKind

GROUPS = {
    kind.key: typer.Typer(help=kind.cli_help, no_args_is_help=True) for kind in daylog_service.KINDS
}
"""Each kind's group, by its key. Its own commands are written below; its generic ones are added
after them (the loop at the end), so `--help` lists them in that order."""

HELP_ORDER = ("activity", "stretch", "medicine", "sleep", "alcohol", "caffeine")
"""The order `nightcramps --help` has listed the groups in (docs/cli.md); a new kind's group
comes after them."""

# The groups whose own commands are written out here.
activity_app = GROUPS["activity"]
stretch_app = GROUPS["stretch"]
medicine_app = GROUPS["medicine"]
sleep_app = GROUPS["sleep"]
alcohol_app = GROUPS["alcohol"]
caffeine_app = GROUPS["caffeine"]

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


def _add_delete_restore(app: typer.Typer, kind: Kind) -> None:
    """Add `delete ID` (asks first) and `restore ID` to a kind's group."""
    noun, group = kind.noun, kind.cli_group

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


def _add_list(app: typer.Typer, kind: Kind) -> None:
    """Add `list [--from DAY] [--to DAY]` to a kind's group: a table of ``kind.cli_columns``."""

    @app.command("list", help=f"List {kind.plural}, newest first.")
    @command
    def list_entries(
        ctx: typer.Context, start: FromOpt = None, end: ToOpt = None, as_json: JsonOption = False
    ) -> None:
        cli = state(ctx)
        with cli.session() as session:
            rows = daylog_service.list_entries(
                session=session,
                owner=cli.owner(session),
                kind=kind,
                start=parse_day(start, "--from"),
                end=parse_day(end, "--to"),
            )
        if as_json:
            emit_json(rows)
            return
        emit_table(
            [tuple(getattr(row, attr) for _, attr in kind.cli_columns) for row in rows],
            [heading for heading, _ in kind.cli_columns],
        )


def _log(ctx: typer.Context, kind: Kind, entry_in: Any, as_json: bool, said: Any = None) -> None:
    """Log ``entry_in`` as an entry of ``kind`` and print it: as JSON, or ``said(entry)``
    (by default "Logged 2 drink(s) on 2026-11-23 as number 4.")."""
    cli = state(ctx)
    with cli.session() as session:
        public = daylog_service.log_entry(
            session=session, owner=cli.owner(session), kind=kind, entry_in=entry_in
        )
    if as_json:
        emit_json(public)
    elif said is not None:
        typer.echo(said(public))
    else:
        typer.echo(f"Logged {kind.describe(public)} on {public.day} as number {public.id}.")


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
    data = _dated(at, day) | {
        "activity_type": activity_type,
        "duration_min": minutes,
        "intensity_0_10": intensity,
        "notes": notes,
    }
    activity_in = ActivityCreate.model_validate(_now_if_missing(data))
    _log(ctx, daylog_service.ACTIVITY, activity_in, as_json)


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
    data = _dated(at, day) | {"routine": routine, "duration_min": minutes}
    stretch_in = StretchCreate.model_validate(_now_if_missing(data))
    _log(ctx, daylog_service.STRETCH, stretch_in, as_json)


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
    data = _dated(at, day) | {"drinks": drinks, "standard_units": units, "kind": kind}
    alcohol_in = AlcoholCreate.model_validate(_now_if_missing(data))
    _log(ctx, daylog_service.ALCOHOL, alcohol_in, as_json)


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
    _log(ctx, daylog_service.CAFFEINE, caffeine_in, as_json)


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
    sleep_in = SleepCreate.model_validate(
        {"bed_at": parse_moment(bed, "--bed"), "wake_at": parse_moment(wake, "--wake")}
    )
    _log(
        ctx, daylog_service.SLEEP, sleep_in, as_json,
        said=lambda s: f"Logged {s.sleep_h:g} hours of sleep (before {s.day}).",
    )  # fmt: skip


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
        public = dailyvalues_service.update_day(
            session=session, owner=owner, day=when, day_in=day_in
        )
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


# ---------------------------------------------------------------------------- every kind

for _kind in daylog_service.KINDS:
    if _kind.dated:
        _add_list(GROUPS[_kind.key], _kind)
    _add_delete_restore(GROUPS[_kind.key], _kind)


def _help_rank(kind: Kind) -> int:
    """Where a kind's group is listed in `nightcramps --help` (``HELP_ORDER``)."""
    return HELP_ORDER.index(kind.key) if kind.key in HELP_ORDER else len(HELP_ORDER)


def register(app: typer.Typer) -> None:
    """Add the day-log commands to the root app."""
    for kind in sorted(daylog_service.KINDS, key=_help_rank):
        app.add_typer(GROUPS[kind.key], name=kind.cli_group)
    app.command("day-set")(command(day_set))
    app.command("today")(command(today))

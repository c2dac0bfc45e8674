"""`nightcramps experiment`: design, start, follow and read a personal experiment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nightcramps import timing
from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table
from nightcramps.cli.parsing import parse_day
from nightcramps.errors import Invalid
from nightcramps.experiments import service
from nightcramps.experiments.schemas import REMEDY_KEYS, ExperimentCreate, ExperimentPublic

experiment_app = typer.Typer(
    help="Personal experiments: does a remedy help you? Randomised periods with and without it.",
    no_args_is_help=True,
)

RemedyOption = Annotated[
    str, typer.Option("--remedy", help="stretching, fluids, food or magnesium.")
]


def register(app: typer.Typer) -> None:
    """Add the ``experiment`` group to the root app."""
    app.add_typer(experiment_app, name="experiment")


def _calendar_lines(shown: ExperimentPublic) -> None:
    rows = [
        (
            n.day.isoformat(),
            f"{n.day:%a}",
            n.period,
            n.arm,
            "washout" if n.washout else "",
            n.tonight,
        )
        for n in shown.calendar
    ]
    emit_table(rows, ["night", "day", "period", "arm", "", "tonight"])


@experiment_app.command("new")
@command
def new(
    ctx: typer.Context,
    remedy: RemedyOption,
    doctor_agreed: Annotated[
        bool,
        typer.Option(
            "--doctor-agreed", help="I have agreed this with my doctor (required for magnesium)."
        ),
    ] = False,
    plan_only: Annotated[
        bool, typer.Option("--plan", help="Show the design and its power; start nothing.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Design an experiment: the run-in and its gate, the schedule, the end date, the power at
    your own cramp rate; then start it (its calendar is randomised and stored before night 1)."""
    if remedy not in REMEDY_KEYS:
        raise Invalid(f"--remedy must be one of {', '.join(REMEDY_KEYS)} (not {remedy!r}).")
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        plan = service.plan(
            session=session, owner=owner, remedy=remedy, doctor_agreed=doctor_agreed
        )
        if plan_only:
            if as_json:
                emit_json(plan)
                return
        else:
            experiment = service.create(
                session=session,
                owner=owner,
                experiment_in=ExperimentCreate(remedy=remedy, doctor_agreed=doctor_agreed),
            )
            shown = service.to_public(session=session, owner=owner, experiment=experiment)
            if as_json:
                emit_json(
                    {
                        "plan": plan.model_dump(mode="json"),
                        "experiment": shown.model_dump(mode="json"),
                    }
                )
                return
    made = plan.design
    typer.echo(f"{made.remedy_label}: {service.REMEDIES[remedy].what}")
    typer.echo(plan.gate.message)
    typer.echo(
        f"Schedule: {made.blocks} blocks, each a {made.period_nights}-night period with the "
        f"remedy and one without, in random order; the first {made.washout_nights} nights of "
        "each period are a washout (kept, not analysed)."
    )
    typer.echo(
        f"Run-in from {plan.run_in_starts_on:%a %d %b %Y}; night 1 {plan.starts_on:%a %d %b %Y}; "
        f"last night {plan.ends_on:%a %d %b %Y} ({made.total_nights} nights)."
    )
    typer.echo(plan.power_sentence)
    if plan_only:
        if plan.refused:
            typer.echo(f"Cannot start now: {plan.refused}")
        return
    typer.echo(f"Started experiment {shown.id}; sequence hash {shown.sequence_hash}.")
    _calendar_lines(shown)


@experiment_app.command("list")
@command
def list_(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your experiments, newest first."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        found = service.list_experiments(session=session, owner=owner)
        shown = [service.to_public(session=session, owner=owner, experiment=e) for e in found]
    if as_json:
        emit_json(shown)
        return
    rows = [
        (e.id, e.remedy, e.status.replace("_", "-"), e.starts_on, e.ends_on, e.nights_left)
        for e in shown
    ]
    emit_table(
        rows,
        ["id", "remedy", "status", "night 1", "last night", "nights left"],
        empty="No experiments yet: `nightcramps experiment new --remedy stretching`.",
    )


@experiment_app.command("show")
@command
def show(
    ctx: typer.Context,
    experiment_id: Annotated[int, typer.Argument(help="The experiment's number.")],
    as_json: JsonOption = False,
) -> None:
    """An experiment: while it runs, its calendar and progress; once it has ended, the result
    (verdict, cramps a week in each arm, the effect, the periods, data quality, caveats)."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        experiment = service.get_experiment(
            session=session, owner=owner, experiment_id=experiment_id
        )
        shown = service.to_public(session=session, owner=owner, experiment=experiment)
        result = (
            service.results(session=session, owner=owner, experiment_id=experiment_id)
            if shown.status in ("stopped", "finished")
            else None
        )
    if as_json:
        emit_json(
            {
                "experiment": shown.model_dump(mode="json"),
                "result": None if result is None else result.model_dump(mode="json"),
            }
        )
        return
    typer.echo(
        f"Experiment {shown.id}: {shown.remedy_label}, {shown.status.replace('_', '-')}, "
        f"{shown.starts_on:%d %b %Y} to {shown.ends_on:%d %b %Y}."
    )
    if shown.stop_reason:
        typer.echo(f"Stopped ({shown.stopped_by}): {shown.stop_reason}")
    if result is None:
        adherence = (
            "not answered" if shown.adherence_percent is None else f"{shown.adherence_percent}%"
        )
        typer.echo(
            f"Nights done {shown.nights_done}, logged {shown.nights_logged}, left "
            f"{shown.nights_left}; adherence {adherence}. The result is shown once it ends."
        )
        if shown.tonight:
            typer.echo(f"Tonight: {shown.tonight.tonight}")
        return
    typer.echo(result.sentence)
    typer.echo(f"Rule: {result.rule}")
    if result.rate_ratio_median is not None:
        typer.echo(
            f"Rate ratio {result.rate_ratio_median:.2f} (95% interval "
            f"{result.rate_ratio_low95:.2f} to {result.rate_ratio_high95:.2f})."
        )
    emit_table(
        [
            (
                p.period,
                p.arm,
                f"{p.nights_analysable}/{p.nights_logged}",
                p.cramp_nights,
                p.cramps,
                "" if p.adherence_percent is None else f"{p.adherence_percent}%",
            )
            for p in result.periods
        ],
        ["period", "arm", "analysable/logged", "cramp nights", "cramps", "adherence"],
    )
    typer.echo(result.trend_sentence)
    for line in [*result.quality, f"Sensitivity: {result.sensitivity}", *result.caveats]:
        typer.echo(f"- {line}")
    if result.extend_note:
        typer.echo(result.extend_note)


@experiment_app.command("tonight")
@command
def tonight(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Tonight's assignment in the experiment under way."""
    cli = state(ctx)
    with cli.session() as session:
        card = service.tonight_card(session=session, owner=cli.owner(session))
    if as_json:
        emit_json(card)
        return
    if card is None:
        typer.echo("No experiment is under way.")
        return
    typer.echo(card.line)
    if card.question:
        typer.echo(
            f"{card.question} Answer with `nightcramps experiment done {card.experiment_id} "
            "--yes` or `--no`."
        )


@experiment_app.command("done")
@command
def done(
    ctx: typer.Context,
    experiment_id: Annotated[int, typer.Argument(help="The experiment's number.")],
    yes: Annotated[
        bool | None, typer.Option("--yes/--no", help="Whether you did tonight's assignment.")
    ] = None,
    night_text: Annotated[
        str | None, typer.Option("--night-of", help="The night, YYYY-MM-DD (default: tonight).")
    ] = None,
) -> None:
    """The evening's one tap: did you do tonight's assignment?"""
    if yes is None:
        raise Invalid("Say --yes (you did tonight's assignment) or --no.")
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        day = parse_day(night_text, "--night-of") or timing.tonight(owner)
        service.set_adherence(
            session=session, owner=owner, experiment_id=experiment_id, day=day, adhered=yes
        )
    typer.echo(f"Saved for the night of {day:%a %d %b}: {'done' if yes else 'not done'}.")


@experiment_app.command("stop")
@command
def stop(
    ctx: typer.Context,
    experiment_id: Annotated[int, typer.Argument(help="The experiment's number.")],
    reason: Annotated[str, typer.Option("--reason", help="Why you are stopping.")],
) -> None:
    """Stop an experiment now; the reason is kept with it."""
    cli = state(ctx)
    with cli.session() as session:
        service.stop(
            session=session, owner=cli.owner(session), experiment_id=experiment_id, reason=reason
        )
    typer.echo(f"Stopped experiment {experiment_id}.")


@experiment_app.command("extend")
@command
def extend(
    ctx: typer.Context,
    experiment_id: Annotated[int, typer.Argument(help="The experiment's number.")],
) -> None:
    """Add 4 randomised blocks to a finished experiment that is inconclusive or "may help"."""
    cli = state(ctx)
    with cli.session() as session:
        experiment = service.extend(
            session=session, owner=cli.owner(session), experiment_id=experiment_id
        )
        ends = experiment.ends_on
    typer.echo(f"Extended experiment {experiment_id} to the night of {ends:%a %d %b %Y}.")


@experiment_app.command("analyse")
@command
def analyse_offline(
    schedule: Annotated[
        Path, typer.Option("--schedule", help="schedule.csv: date,arm (A, B, run-in or blank).")
    ],
    daily: Annotated[
        Path, typer.Option("--daily", help="The daily-summary CSV (as `export daily-csv` writes).")
    ],
    as_json: JsonOption = False,
) -> None:
    """Analyse an experiment from two files, without the diary (the offline contract,
    docs/experiments.md)."""
    from nightcramps.experiments.offline import analyse_files

    result = analyse_files(schedule, daily)
    if as_json:
        emit_json(result.to_json())
        return
    ratio = result.rate_ratio
    typer.echo(f"Verdict: {result.verdict.replace('_', ' ')}")
    if ratio.median is not None:
        typer.echo(
            f"Rate ratio {ratio.median:.2f} (95% interval {ratio.low95:.2f} to "
            f"{ratio.high95:.2f}); P(fewer) {result.p_fewer:.2f}, P(at least 20% fewer) "
            f"{result.p_20pct_fewer:.2f}."
        )
    for reason in result.reasons:
        typer.echo(f"- inconclusive: {reason}")

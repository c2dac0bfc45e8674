"""Personal experiments: the operations (issue #16, memo 1 §1.2 and §1.5).

No HTTP and no terminal here. The statistics are the pure modules beside this one
(``design``: the defaults, the randomisation, the run-in gate and the power; ``analysis``: the
fit and the verdict); this module stores an experiment, moves its status on as the calendar
does, applies the automatic stops and shapes what the pages, the API and the CLI show.

What it never does: show a running effect while the experiment runs (only nights logged,
adherence and nights left), or suggest quinine or tonic water.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, cast

from icalendar import Alarm, Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.content.citations import cite
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.daylog import service as daylog_service
from nightcramps.diary import service as diary_service
from nightcramps.errors import Conflict, Invalid, NotFound
from nightcramps.experiments import analysis, design
from nightcramps.experiments.models import Experiment, ExperimentNight
from nightcramps.experiments.schemas import (
    REMEDY_KEYS,
    BandPublic,
    DesignPublic,
    ExperimentCreate,
    ExperimentPublic,
    GatePublic,
    PeriodProgressPublic,
    PeriodResultPublic,
    PlanPublic,
    ResultsPublic,
    ScheduleNightPublic,
    TonightPublic,
)
from nightcramps.guidance import service as guidance_service
from nightcramps.owner import Owner
from nightcramps.storage import owned
from nightcramps.timing import utcnow

NO_SUCH_EXPERIMENT = "There is no experiment number {id}."

GATE_LOGGED = 12
"""The run-in gate: at least 12 of its 14 nights logged (memo 1 §1.2) ..."""
GATE_CRAMP_NIGHTS_PER_WEEK = 2.0
"""... and at least 2 cramp nights a week."""

POWER_TRIALS = 200
"""Simulated experiments behind the design screen's power sentence (under 15 s, issue #16)."""
POWER_RATE_RATIO = 2 / 3
"""The effect the power sentence is about: cramps cut by a third."""

STOPPING_ADHERENCE = 0.5
"""Adherence under 50% in two consecutive periods stops the experiment (memo 1 §1.2)."""
ADHERENCE_MIN_ANSWERS = 3
"""A period's adherence counts toward the stop once it has this many answers."""

RED_FLAG_URGENCIES = frozenset({"emergency", "today", "soon"})
"""Check-up findings that stop an experiment (the "next visit" notes do not)."""

EXTENSION_BLOCKS = 4
"""The pre-declared extension when the result is inconclusive: 4 more blocks."""

DEFAULT_REMINDER = time(21, 30)
"""The calendar's evening time when no bedtime reminder is set."""

PLACEBO_CAVEAT = (
    "Placebo response: in the Cochrane review of magnesium for cramps, people on placebo had "
    "27.8% fewer cramps at 4 weeks; part of any improvement you see is expectation and time "
    f"({cite('garrison2020')})."
)


@dataclass(frozen=True)
class RemedyInfo:
    """How the app speaks of one remedy."""

    label: str
    noun: str
    """For "if {noun} cut your cramps by a third"."""
    tonight: str
    """Arm A's line: "Tonight: {tonight}"."""
    what: str
    question_a: str
    question_b: str


REMEDIES: dict[str, RemedyInfo] = {
    "stretching": RemedyInfo(
        label="Bedtime stretching",
        noun="stretching",
        tonight="stretch",
        what="Calf and hamstring stretches before bed: each held 10 seconds, 3 times, both legs "
        f"({cite('hallegraeff2012')}). The guided routine is at /routine.",
        question_a="Did you do your bedtime stretches tonight?",
        question_b="Did you keep to your usual evening (no bedtime stretches) tonight?",
    ),
    "fluids": RemedyInfo(
        label="Fluids to your target",
        noun="drinking to your target",
        tonight="drink to your fluid target",
        what="Drink to your daily fluid target (the Food page shows it) by the evening.",
        question_a="Did you drink to your fluid target today?",
        question_b="Did you drink as you usually do today?",
    ),
    "food": RemedyInfo(
        label="An electrolyte-rich evening food",
        noun="an electrolyte-rich evening food",
        tonight="eat an electrolyte-rich food this evening",
        what="An electrolyte-rich food in the evening: a banana, a potato, yoghurt, beans or a "
        "handful of nuts (the Food page's 'rich in' lists show more).",
        question_a="Did you have an electrolyte-rich food this evening?",
        question_b="Did you eat as you usually do this evening?",
    ),
    "magnesium": RemedyInfo(
        label="Magnesium, as agreed with your doctor",
        noun="magnesium",
        tonight="take your magnesium",
        what="Magnesium at the dose your doctor agreed. The evidence says it probably gives "
        f"little or no benefit for ordinary night cramps ({cite('garrison2020')}): an "
        "experiment shows whether you are an exception.",
        question_a="Did you take your magnesium today?",
        question_b="Did you go without magnesium today, as agreed?",
    ),
}
"""The four remedies (memo 1 §1.2). Quinine and tonic water are never among them."""

AS_USUAL = "as usual"

VERDICTS: dict[str, str] = {
    "likely_helps": "likely helps you",
    "may_help": "may help you, not yet clear",
    "no_clear_difference": "no clear difference",
    "likely_worse": "likely makes your cramps worse",
    "inconclusive": "inconclusive: the nights logged cannot tell",
}

RULE = (
    "Declared before night 1: likely helps when the probability of fewer cramps with the remedy "
    "is at least 0.90; may help when it is 0.80 to 0.90; likely worse when the probability of "
    "more cramps is at least 0.90; otherwise no clear difference. Inconclusive when a period "
    "has fewer than 3 analysable nights or more than 30% of an arm's analysable nights are "
    "missing. The first nights of each period are a washout, left out."
)


# ---------------------------------------------------------------------------- the design


def design_for(remedy: str, *, blocks: int | None = None) -> design.Design:
    """The pre-declared design for ``remedy`` (memo 1 §1.2), with ``blocks`` if given."""
    made = design.Design.for_remedy(remedy)
    if blocks is not None:
        made = design.Design(
            remedy=made.remedy,
            blocks=blocks,
            period_nights=made.period_nights,
            washout_nights=made.washout_nights,
            run_in_nights=made.run_in_nights,
        )
    return made


def _design_public(made: design.Design) -> DesignPublic:
    return DesignPublic(
        remedy=made.remedy,
        remedy_label=REMEDIES[made.remedy].label,
        blocks=made.blocks,
        period_nights=made.period_nights,
        washout_nights=made.washout_nights,
        run_in_nights=made.run_in_nights,
        total_nights=2 * made.blocks * made.period_nights,
    )


def _line(arm: str, remedy: str) -> str:
    return REMEDIES[remedy].tonight if arm == "A" else AS_USUAL


def night_public(night: Any, remedy: str, adhered: bool | None = None) -> ScheduleNightPublic:
    return ScheduleNightPublic(
        day=night.day,
        arm=night.arm,
        period=night.period,
        washout=night.washout,
        tonight=_line(night.arm, remedy),
        adhered=adhered,
    )


# ---------------------------------------------------------------------------- the diary


def _nights(session: Session, owner: Owner, start: date, end: date) -> dict[date, int | None]:
    """Cramps per night from ``start`` to ``end``: a count for each logged night (imported
    counts included), None for a night logged without an answer; unlogged nights are absent."""
    if end < start:
        return {}
    listed = [
        diary_service.to_night_public(n)
        for n in diary_service.list_nights(session=session, owner=owner, start=start, end=end)
    ]
    nights = dailyvalues_service.with_imported_counts(session=session, owner=owner, nights=listed)
    return {n.night_of: (None if n.status == "unknown" else n.cramp_count) for n in nights}


def gate(
    *, session: Session, owner: Owner, end: date, nights: int = design.RUN_IN_NIGHTS
) -> GatePublic:
    """The run-in gate on the ``nights`` nights ending with ``end``: at least 12 of 14 logged and
    at least 2 cramp nights a week."""
    start = end - timedelta(days=nights - 1)
    counts = {d: c for d, c in _nights(session, owner, start, end).items() if c is not None}
    logged = len(counts)
    cramp_nights = sum(1 for c in counts.values() if c > 0)
    passed = bool(design.run_in_gate(logged, cramp_nights, nights=nights))
    needed = round(GATE_LOGGED * nights / 14)
    rate = sum(counts.values()) / logged if logged else None
    per_week = cramp_nights * 7 / nights
    if passed:
        message = (
            f"The run-in is met: {logged} of the last {nights} nights logged, {cramp_nights} "
            f"with cramps ({per_week:.1f} a week)."
        )
    else:
        short = []
        if logged < needed:
            short.append(f"{logged} of the last {nights} nights are logged (at least {needed})")
        if per_week < GATE_CRAMP_NIGHTS_PER_WEEK:
            short.append(
                f"{cramp_nights} had cramps, {per_week:.1f} a week (at least "
                f"{GATE_CRAMP_NIGHTS_PER_WEEK:g} a week)"
            )
        message = (
            "The run-in is not met yet: "
            + "; ".join(short)
            + f". The experiment starts with a {nights}-night run-in: log every night and "
            "change nothing. With fewer cramp nights than that, an experiment is unlikely to "
            "give an answer."
        )
    return GatePublic(
        nights=nights,
        first_night=start,
        last_night=end,
        logged_nights=logged,
        cramp_nights=cramp_nights,
        cramps=sum(counts.values()),
        needed_logged=needed,
        needed_cramp_nights_per_week=GATE_CRAMP_NIGHTS_PER_WEEK,
        passed=passed,
        cramps_per_night=None if rate is None else round(rate, 3),
        message=message,
    )


@lru_cache(maxsize=64)
def _power(remedy: str, blocks: int, rate: float, trials: int) -> float:
    return design.power(
        design_for(remedy, blocks=blocks), rate, rate_ratio=POWER_RATE_RATIO, trials=trials
    )


def power(
    remedy: str, cramps_per_night: float | None, *, blocks: int | None = None
) -> float | None:
    """How often the experiment would say "likely helps" if the remedy cut cramps by a third,
    simulated at the person's own rate (rounded to 0.05 a night, so that results are reused)."""
    if cramps_per_night is None or cramps_per_night <= 0:
        return None
    made = design_for(remedy, blocks=blocks)
    rate = max(0.05, round(cramps_per_night * 20) / 20)
    return _power(remedy, made.blocks, rate, POWER_TRIALS)


def power_sentence(remedy: str, value: float | None) -> str:
    """ "If stretching cut your cramps by a third, this experiment would show it about N times
    in 10." """
    noun = REMEDIES[remedy].noun
    if value is None:
        return (
            f"Without cramps logged in the run-in there is no rate to simulate: how often the "
            f"experiment would show it if {noun} cut your cramps by a third is not known yet."
        )
    tenths = round(value * 10)
    return (
        f"If {noun} cut your cramps by a third, this experiment would show it about {tenths} "
        "times in 10."
    )


def refusal(
    *, session: Session, owner: Owner, remedy: str, doctor_agreed: bool, now: datetime | None = None
) -> tuple[str, str] | None:
    """Why this remedy may not be tried now, as (kind, message): kind is "conflict" (another
    experiment runs) or "invalid" (the remedy needs the doctor's tick); None when it may."""
    running = current(session=session, owner=owner, now=now)
    if running is not None:
        return (
            "conflict",
            f"You already have an experiment ({REMEDIES[running.remedy].label.lower()}, "
            f"number {running.id}) under way until {running.ends_on:%a %d %b %Y}: one at a "
            "time, so that the two do not mix. Stop it first if you want to start another.",
        )
    person = accounts_service.conditions_for(session=session, owner=owner, now=now)
    if doctor_agreed:
        return None
    named = []
    if person.has_kidney_disease:
        named.append("kidney disease")
    if person.pregnant:
        named.append("a pregnancy")
    if remedy == "magnesium":
        if named:
            return (
                "invalid",
                f"Your profile names {' and '.join(named)}: magnesium can build up or need "
                "another dose then. Try magnesium only after agreeing it with your doctor, "
                'and tick "agreed with my doctor".',
            )
        return (
            "invalid",
            "Magnesium is tried only after agreeing it with your doctor: tick "
            '"agreed with my doctor" to start it.',
        )
    if remedy == "fluids" and (person.fluid_limit_ml is not None or person.heart_failure):
        return (
            "invalid",
            "Your profile names a fluid limit or heart failure: drinking more is for your "
            'doctor to agree. Tick "agreed with my doctor" once they have.',
        )
    if remedy == "food" and person.raises_potassium:
        return (
            "invalid",
            "Your profile or medicines keep potassium in the body: potassium-rich food is for "
            'your doctor to agree. Tick "agreed with my doctor" once they have.',
        )
    return None


def _red_flags(session: Session, owner: Owner, now: datetime | None) -> list[str]:
    findings = guidance_service.screen_diary(session=session, owner=owner, now=now)
    return [f.title for f in findings if f.urgency in RED_FLAG_URGENCIES]


def plan(
    *,
    session: Session,
    owner: Owner,
    remedy: str,
    doctor_agreed: bool = False,
    now: datetime | None = None,
    with_power: bool = True,
) -> PlanPublic:
    """The design screen: the run-in gate on the diary's last nights, the dates, an example
    calendar, the power at the person's own rate and why it cannot start (if it cannot)."""
    check_remedy(remedy)
    made = design_for(remedy)
    tonight = timing.tonight(owner, now)
    checked = gate(session=session, owner=owner, end=tonight - timedelta(days=1))
    run_in_start = checked.first_night if checked.passed else tonight
    starts = tonight if checked.passed else tonight + timedelta(days=made.run_in_nights)
    example = design.randomise(made, starts, randbelow=_alternate())
    value = power(remedy, checked.cramps_per_night) if with_power else None
    refused = refusal(
        session=session, owner=owner, remedy=remedy, doctor_agreed=doctor_agreed, now=now
    )
    notes = [REMEDIES[remedy].what]
    flags = _red_flags(session, owner, now)
    if flags and refused is None:
        refused = ("conflict", _red_flag_message(flags, starting=True))
    notes.append(
        "You will see the whole calendar from the start. While it runs, the app shows nights "
        "logged, adherence and nights left, never how it is going: looking early makes a false "
        "finding more likely."
    )
    return PlanPublic(
        design=_design_public(made),
        gate=checked,
        run_in_starts_on=run_in_start,
        starts_on=starts,
        ends_on=starts + timedelta(days=2 * made.blocks * made.period_nights - 1),
        power=value,
        power_sentence=power_sentence(remedy, value)
        if with_power
        else "The power is being simulated.",
        refused=None if refused is None else refused[1],
        notes=notes,
        example_calendar=[night_public(n, remedy) for n in example.nights],
    )


def _alternate() -> Callable[[int], int]:
    """A fixed AB, BA, AB … draw for the example calendar (the real one uses ``secrets``)."""
    state = {"n": 0}

    def draw(_: int) -> int:
        state["n"] += 1
        return state["n"] % 2

    return draw


def check_remedy(remedy: str) -> None:
    """Refuse a remedy that is not one of the four."""
    if remedy not in REMEDIES:
        raise Invalid(
            f"There is no remedy {remedy!r} to experiment with; choose one of "
            f"{', '.join(REMEDY_KEYS)}.",
            fields={"remedy": "not one of " + ", ".join(REMEDY_KEYS)},
        )


def _red_flag_message(titles: Sequence[str], *, starting: bool) -> str:
    said = "; ".join(titles)
    if starting:
        return (
            f"The check-up found a warning sign in your diary ({said}). See a doctor about it "
            "first (the check-up page says how soon): an experiment could hide what it means."
        )
    return (
        f"Stopped automatically: the check-up found a warning sign ({said}). See a doctor "
        "about it (the check-up page says how soon)."
    )


# ---------------------------------------------------------------------------- storing


def create(
    *,
    session: Session,
    owner: Owner,
    experiment_in: ExperimentCreate,
    now: datetime | None = None,
    randbelow: Callable[[int], int] = secrets.randbelow,
) -> Experiment:
    """Start an experiment: the schedule is randomised (each block AB or BA with ``secrets``)
    and stored, with the hash of its sequence, before night 1. The caller commits.

    Raises:
        Conflict: another experiment is under way, or the check-up found a warning sign.
        Invalid: the remedy needs the "agreed with my doctor" tick (magnesium always).
    """
    remedy = experiment_in.remedy
    check_remedy(remedy)
    moment = now or utcnow()
    found = refusal(
        session=session,
        owner=owner,
        remedy=remedy,
        doctor_agreed=experiment_in.doctor_agreed,
        now=moment,
    )
    if found is not None:
        kind, message = found
        if kind == "conflict":
            raise Conflict(message)
        raise Invalid(message, fields={"doctor_agreed": message})
    flags = _red_flags(session, owner, moment)
    if flags:
        raise Conflict(_red_flag_message(flags, starting=True))
    made = design_for(remedy)
    tonight = timing.tonight(owner, moment)
    checked = gate(session=session, owner=owner, end=tonight - timedelta(days=1))
    starts = tonight if checked.passed else tonight + timedelta(days=made.run_in_nights)
    schedule = design.randomise(made, starts, randbelow=randbelow)
    experiment = Experiment(
        person_id=owner.person_id,
        remedy=remedy,
        blocks=made.blocks,
        period_nights=made.period_nights,
        washout_nights=made.washout_nights,
        run_in_nights=made.run_in_nights,
        run_in_starts_on=checked.first_night if checked.passed else tonight,
        starts_on=starts,
        ends_on=max(n.day for n in schedule.nights),
        status="running" if checked.passed else "run_in",
        stop_reason="",
        stopped_by="",
        sequence_hash=schedule.sequence_hash(),
        extension_hash="",
        extended_blocks=0,
        doctor_agreed=experiment_in.doctor_agreed,
        run_in_cramps_per_night=checked.cramps_per_night if checked.passed else None,
    )
    experiment.nights = [
        ExperimentNight(
            person_id=owner.person_id,
            day=n.day,
            arm=n.arm,
            period=n.period,
            washout=n.washout,
            adhered=None,
        )
        for n in schedule.nights
    ]
    session.add(experiment)
    session.flush()
    return experiment


def _query(owner: Owner) -> Any:
    return (
        select(Experiment)
        .where(Experiment.person_id == owner.person_id)
        .options(selectinload(Experiment.nights))
        .order_by(Experiment.created_at.desc(), Experiment.id.desc())
    )


def list_experiments(
    *, session: Session, owner: Owner, now: datetime | None = None
) -> list[Experiment]:
    """All of the person's experiments, newest first, each brought up to date."""
    found = list(session.scalars(_query(owner)).all())
    for experiment in found:
        refresh(session=session, owner=owner, experiment=experiment, now=now)
    return found


def current(*, session: Session, owner: Owner, now: datetime | None = None) -> Experiment | None:
    """The experiment under way (in its run-in or running), if there is one."""
    query = _query(owner).where(Experiment.status.in_(("run_in", "running")))
    for experiment in session.scalars(query).all():
        refresh(session=session, owner=owner, experiment=experiment, now=now)
        if experiment.status in ("run_in", "running"):
            found: Experiment = experiment
            return found
    return None


def get_experiment(
    *, session: Session, owner: Owner, experiment_id: int, now: datetime | None = None
) -> Experiment:
    """One of the person's experiments, brought up to date.

    Raises:
        NotFound: there is none with that number (or it is someone else's).
    """
    experiment = owned.get_owned(
        session, Experiment, experiment_id, owner, missing=NO_SUCH_EXPERIMENT
    )
    refresh(session=session, owner=owner, experiment=experiment, now=now)
    return experiment


def _stop(experiment: Experiment, *, reason: str, by: str, owner: Owner, moment: datetime) -> None:
    experiment.status = "stopped"
    experiment.stop_reason = reason
    experiment.stopped_by = by
    experiment.stopped_at = moment
    experiment.stopped_on = min(experiment.ends_on, timing.last_night(owner, moment))


def _adherence(nights: Sequence[ExperimentNight]) -> tuple[int, int]:
    answered = [n.adhered for n in nights if n.adhered is not None]
    return len(answered), sum(1 for a in answered if a)


def _periods(experiment: Experiment) -> dict[int, list[ExperimentNight]]:
    periods: dict[int, list[ExperimentNight]] = {}
    for night in experiment.nights:
        periods.setdefault(night.period, []).append(night)
    return periods


def _adherence_stop(experiment: Experiment, last: date) -> str | None:
    low: list[int] = []
    for number, nights in sorted(_periods(experiment).items()):
        if nights[-1].day > last:
            break
        answers, adhered = _adherence(nights)
        if answers >= ADHERENCE_MIN_ANSWERS and adhered / answers < STOPPING_ADHERENCE:
            low.append(number)
            if len(low) >= 2 and low[-2] == number - 1:
                return (
                    f"Stopped automatically: the assignment was followed on fewer than half "
                    f"of the answered nights in periods {number - 1} and {number}. An "
                    "experiment that is not followed cannot tell whether the remedy helps."
                )
    return None


def _medicine_stop(
    session: Session, owner: Owner, experiment: Experiment, today: date
) -> str | None:
    started = daylog_service.medicine_starts(
        session=session, owner=owner, start=experiment.run_in_starts_on, end=today
    )
    for medicine in started:
        if medicine.matches:
            classes = ", ".join(m.class_name for m in medicine.matches)
            return (
                f"Stopped automatically: {medicine.name} ({classes}), a medicine linked with "
                f"cramps, was started on {medicine.started_on:%a %d %b} during the "
                "experiment. It would change your cramps whatever the remedy did; keep taking "
                "it as prescribed."
            )
    return None


def refresh(
    *, session: Session, owner: Owner, experiment: Experiment, now: datetime | None = None
) -> Experiment:
    """Move the status on as the calendar has: the run-in's gate at its end, the automatic
    stops while it runs, and finished the morning after its last night."""
    if experiment.status in ("stopped", "finished"):
        return experiment
    moment = now or utcnow()
    last = timing.last_night(owner, moment)
    if experiment.status == "run_in" and last >= experiment.starts_on - timedelta(days=1):
        checked = gate(
            session=session,
            owner=owner,
            end=experiment.starts_on - timedelta(days=1),
            nights=experiment.run_in_nights,
        )
        if checked.passed:
            experiment.status = "running"
            experiment.run_in_cramps_per_night = checked.cramps_per_night
        else:
            _stop(
                experiment,
                reason="Stopped automatically at the end of the run-in. " + checked.message,
                by="automatic",
                owner=owner,
                moment=moment,
            )
            session.flush()
            return experiment
    reason = None
    flags = _red_flags(session, owner, moment)
    if flags:
        reason = _red_flag_message(flags, starting=False)
    reason = reason or _medicine_stop(session, owner, experiment, timing.today(owner, moment))
    if reason is None and experiment.status == "running":
        reason = _adherence_stop(experiment, last)
    if reason is not None:
        _stop(experiment, reason=reason, by="automatic", owner=owner, moment=moment)
    elif experiment.status == "running" and last >= experiment.ends_on:
        experiment.status = "finished"
    session.flush()
    return experiment


def stop_for_checkup(
    *, session: Session, owner: Owner, titles: Sequence[str], now: datetime | None = None
) -> Experiment | None:
    """Stop the experiment under way because the check-up's answers raised a warning sign (the
    check-up's shells call this with the titles of its urgent findings)."""
    if not titles:
        return None
    experiment = current(session=session, owner=owner, now=now)
    if experiment is None:
        return None
    _stop(
        experiment,
        reason=_red_flag_message(titles, starting=False),
        by="automatic",
        owner=owner,
        moment=now or utcnow(),
    )
    session.flush()
    return experiment


def stop(
    *,
    session: Session,
    owner: Owner,
    experiment_id: int,
    reason: str,
    now: datetime | None = None,
) -> Experiment:
    """The Stop button: the experiment ends now and the reason is kept (CENT 14b).

    Raises:
        NotFound: no such experiment.
        Conflict: it has already ended.
        Invalid: no reason given.
    """
    experiment = get_experiment(session=session, owner=owner, experiment_id=experiment_id, now=now)
    if experiment.status in ("stopped", "finished"):
        raise Conflict(f"Experiment {experiment_id} has already ended ({experiment.status}).")
    text = reason.strip()
    if not text:
        raise Invalid(
            "Say why you are stopping (a few words): it is kept with the result.",
            fields={"reason": "required"},
        )
    _stop(experiment, reason=text, by="person", owner=owner, moment=now or utcnow())
    session.flush()
    return experiment


def set_adherence(
    *,
    session: Session,
    owner: Owner,
    experiment_id: int,
    day: date,
    adhered: bool,
    now: datetime | None = None,
) -> ExperimentNight:
    """The evening's one tap: whether tonight's assignment (or a past night's) was done.

    Raises:
        NotFound: no such experiment, or the night is not in its schedule.
        Invalid: the night has not begun yet.
        Conflict: the experiment has ended.
    """
    experiment = get_experiment(session=session, owner=owner, experiment_id=experiment_id, now=now)
    if experiment.status in ("stopped", "finished"):
        raise Conflict(f"Experiment {experiment_id} has ended: its nights can no longer change.")
    night = next((n for n in experiment.nights if n.day == day), None)
    if night is None:
        raise NotFound(
            f"The night of {day.isoformat()} is not in experiment {experiment_id}'s schedule "
            f"({experiment.starts_on.isoformat()} to {experiment.ends_on.isoformat()})."
        )
    if day > timing.tonight(owner, now):
        raise Invalid(
            f"The night of {day.isoformat()} has not begun yet: answer it that evening.",
            fields={"night_of": "in the future"},
        )
    night.adhered = adhered
    session.flush()
    return night


def extend(
    *,
    session: Session,
    owner: Owner,
    experiment_id: int,
    now: datetime | None = None,
    randbelow: Callable[[int], int] = secrets.randbelow,
) -> Experiment:
    """The pre-declared extension: 4 more blocks, randomised as the first were, after an
    inconclusive or unclear result; the same analysis then covers all of it.

    Raises:
        Conflict: the experiment has not finished, another is under way, or the result is
            clear enough that an extension is not offered.
    """
    experiment = get_experiment(session=session, owner=owner, experiment_id=experiment_id, now=now)
    if experiment.status != "finished":
        raise Conflict(
            f"Only a finished experiment can be extended; experiment {experiment_id} is "
            f"{experiment.status.replace('_', '-')}."
        )
    other = current(session=session, owner=owner, now=now)
    if other is not None:
        raise Conflict(f"Experiment {other.id} is under way: one at a time.")
    verdict = _analyse(session, owner, experiment).verdict
    if verdict not in ("inconclusive", "may_help"):
        raise Conflict(
            f"The result is '{VERDICTS[verdict]}': the extension is offered only when it is "
            "inconclusive or not yet clear."
        )
    made = design_for(experiment.remedy, blocks=EXTENSION_BLOCKS)
    tonight = timing.tonight(owner, now)
    starts = max(tonight, experiment.ends_on + timedelta(days=1))
    schedule = design.randomise(made, starts, randbelow=randbelow)
    offset = max(n.period for n in experiment.nights)
    for n in schedule.nights:
        experiment.nights.append(
            ExperimentNight(
                person_id=owner.person_id,
                day=n.day,
                arm=n.arm,
                period=n.period + offset,
                washout=n.washout,
                adhered=None,
            )
        )
    experiment.extension_hash = schedule.sequence_hash()
    experiment.extended_blocks += EXTENSION_BLOCKS
    experiment.blocks += EXTENSION_BLOCKS
    experiment.ends_on = max(n.day for n in schedule.nights)
    experiment.status = "running"
    session.flush()
    return experiment


# ---------------------------------------------------------------------------- shown


def _last_covered(experiment: Experiment) -> date:
    return experiment.stopped_on or experiment.ends_on


def to_public(
    *, session: Session, owner: Owner, experiment: Experiment, now: datetime | None = None
) -> ExperimentPublic:
    """The experiment with its calendar and progress: nights logged, adherence and nights
    left, never its cramps."""
    moment = now or utcnow()
    last = min(timing.last_night(owner, moment), _last_covered(experiment))
    logged = _nights(session, owner, experiment.starts_on, last)
    done = [n for n in experiment.nights if n.day <= last]
    answers, adhered = _adherence(done)
    tonight_day = timing.tonight(owner, moment)
    tonight_night = next((n for n in experiment.nights if n.day == tonight_day), None)
    periods = []
    for number, nights in sorted(_periods(experiment).items()):
        if nights[0].day > last:
            continue
        past = [n for n in nights if n.day <= last]
        p_answers, p_adhered = _adherence(past)
        periods.append(
            PeriodProgressPublic(
                period=number,
                arm=nights[0].arm,
                first_night=nights[0].day,
                last_night=nights[-1].day,
                nights_logged=sum(1 for n in past if logged.get(n.day) is not None),
                adherence_answers=p_answers,
                adhered=p_adhered,
            )
        )
    running = experiment.status == "running"
    return ExperimentPublic(
        id=experiment.id,
        remedy=experiment.remedy,
        remedy_label=REMEDIES[experiment.remedy].label,
        status=experiment.status,
        blocks=experiment.blocks,
        period_nights=experiment.period_nights,
        washout_nights=experiment.washout_nights,
        run_in_nights=experiment.run_in_nights,
        run_in_starts_on=experiment.run_in_starts_on,
        starts_on=experiment.starts_on,
        ends_on=experiment.ends_on,
        doctor_agreed=experiment.doctor_agreed,
        sequence_hash=experiment.sequence_hash,
        extension_hash=experiment.extension_hash,
        extended_blocks=experiment.extended_blocks,
        stop_reason=experiment.stop_reason,
        stopped_by=experiment.stopped_by,
        stopped_on=experiment.stopped_on,
        created_at=experiment.created_at,
        tonight=None
        if tonight_night is None or not running
        else night_public(tonight_night, experiment.remedy, tonight_night.adhered),
        nights_done=len(done),
        nights_logged=sum(1 for n in done if logged.get(n.day) is not None),
        nights_left=sum(1 for n in experiment.nights if n.day > last)
        if experiment.status in ("run_in", "running")
        else 0,
        adherence_percent=round(100 * adhered / answers) if answers else None,
        periods=periods,
        calendar=[night_public(n, experiment.remedy, n.adhered) for n in experiment.nights],
    )


def tonight_card(
    *, session: Session, owner: Owner, now: datetime | None = None
) -> TonightPublic | None:
    """The evening card on the check-in and Today pages: tonight's assignment and its tap."""
    experiment = current(session=session, owner=owner, now=now)
    if experiment is None:
        return None
    day = timing.tonight(owner, now)
    info = REMEDIES[experiment.remedy]
    left = sum(1 for n in experiment.nights if n.day >= day)
    if experiment.status == "run_in":
        return TonightPublic(
            experiment_id=experiment.id,
            remedy=experiment.remedy,
            status="run_in",
            day=day,
            line=f"Run-in: change nothing tonight and log the night. {info.label} starts on "
            f"{experiment.starts_on:%a %d %b}.",
            question=None,
            adhered=None,
            nights_left=left,
        )
    night = next((n for n in experiment.nights if n.day == day), None)
    if night is None:
        return None
    return TonightPublic(
        experiment_id=experiment.id,
        remedy=experiment.remedy,
        status="running",
        day=day,
        line=f"Tonight: {_line(night.arm, experiment.remedy)}",
        question=info.question_a if night.arm == "A" else info.question_b,
        adhered=night.adhered,
        nights_left=left,
    )


def calendar_ics(
    *, session: Session, owner: Owner, experiment_id: int, now: datetime | None = None
) -> bytes:
    """The schedule as a calendar file: one evening event per night still to come, saying
    tonight's assignment, at the bedtime reminder's time (21:30 without one)."""
    experiment = get_experiment(session=session, owner=owner, experiment_id=experiment_id, now=now)
    moment = now or utcnow()
    clock = guidance_service.get_reminder(session=session, owner=owner) or DEFAULT_REMINDER
    today = timing.tonight(owner, moment)
    calendar = Calendar()
    calendar.add("prodid", "-//NightCramps//Personal experiment//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"NightCramps experiment: {REMEDIES[experiment.remedy].label}")
    if experiment.status in ("run_in", "running"):
        for night in experiment.nights:
            if night.day < today:
                continue
            start = timing.moment_in_night(night.day, clock, owner)
            event = Event()
            event.add("uid", f"experiment-{experiment.id}-{night.day.isoformat()}@nightcramps")
            event.add("dtstamp", moment)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=5))
            event.add("summary", f"Tonight: {_line(night.arm, experiment.remedy)}")
            event.add(
                "description",
                f"Night {night.day:%a %d %b} of your {REMEDIES[experiment.remedy].label.lower()} "
                "experiment. Afterwards, tap whether you did it on the check-in page.",
            )
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Tonight: {_line(night.arm, experiment.remedy)}")
            alarm.add("trigger", timedelta(0))
            event.add_component(alarm)
            calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


# ---------------------------------------------------------------------------- the result


def _analysis_nights(
    session: Session, owner: Owner, experiment: Experiment
) -> list[analysis.Night]:
    last = _last_covered(experiment)
    counts = _nights(session, owner, experiment.starts_on, last)
    return [
        analysis.Night(
            day=n.day,
            arm=cast("analysis.Arm", n.arm),
            period=n.period,
            cramps=counts.get(n.day),
            washout=n.washout,
            adhered=n.adhered,
        )
        for n in experiment.nights
        if n.day <= last
    ]


def _run_in_mean(session: Session, owner: Owner, experiment: Experiment) -> float:
    if experiment.run_in_cramps_per_night is not None:
        return experiment.run_in_cramps_per_night
    counts = [
        c
        for c in _nights(
            session, owner, experiment.run_in_starts_on, experiment.starts_on - timedelta(days=1)
        ).values()
        if c is not None
    ]
    return sum(counts) / len(counts) if counts else 0.0


def _analyse(session: Session, owner: Owner, experiment: Experiment) -> analysis.Analysis:
    return analysis.analyse(
        _analysis_nights(session, owner, experiment),
        run_in_mean=_run_in_mean(session, owner, experiment),
    )


def _sentence_end(text: str) -> str:
    """``text`` ending in a full stop (a stop reason is typed without one)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _fmt(value: float | None, digits: int = 1) -> str:
    return "not known" if value is None else f"{value:.{digits}f}"


def _bands(result: analysis.Analysis) -> list[BandPublic]:
    bands: Any = result.bands
    items = bands.items() if isinstance(bands, dict) else bands
    return [BandPublic(label=str(label), probability=float(p)) for label, p in items]


def _trend_sentence(ratio: float | None, weeks: int) -> str:
    if ratio is None:
        return "The trend over the experiment could not be estimated."
    change = round(abs(1 - ratio) * 100)
    if change < 5:
        return f"Your cramps stayed about level over the {weeks} weeks, whatever you did."
    way = "fell" if ratio < 1 else "rose"
    part = (
        "part of any improvement is not the remedy"
        if ratio < 1
        else "part of any worsening is not the remedy"
    )
    return f"Your cramps {way} {change}% over the {weeks} weeks whatever you did: {part}."


def _sensitivity(result: analysis.Analysis) -> str:
    if result.sensitivity is not None:
        return result.sensitivity.sentence()
    if result.nights.missing == 0:
        return "No night is missing, so nothing depends on the nights not logged."
    return "Not computed: too few nights for a fit."


def _per_protocol(summary: analysis.Summary | None) -> str:
    if summary is None:
        return "Not computed: no night's assignment was answered."
    return f"Verdict: {VERDICTS[summary.verdict]}."


def results(
    *, session: Session, owner: Owner, experiment_id: int, now: datetime | None = None
) -> ResultsPublic:
    """The result of an ended experiment (memo 1 §1.5).

    Raises:
        NotFound: no such experiment.
        Conflict: it has not ended: no running effect is shown.
    """
    return _results(session, owner, _ended(session, owner, experiment_id, now))


def _ended(session: Session, owner: Owner, experiment_id: int, now: datetime | None) -> Experiment:
    experiment = get_experiment(session=session, owner=owner, experiment_id=experiment_id, now=now)
    if experiment.status in ("run_in", "running"):
        raise Conflict(
            f"The result is shown once the experiment ends, after the night of "
            f"{experiment.ends_on:%a %d %b %Y}: looking before then makes a false finding more "
            "likely. Until then the page shows nights logged, adherence and nights left."
        )
    return experiment


def result_nights(*, session: Session, owner: Owner, experiment_id: int) -> list[analysis.Night]:
    """The scheduled nights of an ended experiment as the analysis saw them (for the results
    timeline): arm, period, washout and cramps, None where the night was not logged.

    Raises:
        NotFound: no such experiment.
        Conflict: it has not ended (as :func:`results`).
    """
    experiment = _ended(session, owner, experiment_id, None)
    return _analysis_nights(session, owner, experiment)


def _results(session: Session, owner: Owner, experiment: Experiment) -> ResultsPublic:
    info = REMEDIES[experiment.remedy]
    nights = _analysis_nights(session, owner, experiment)
    result = analysis.analyse(nights, run_in_mean=_run_in_mean(session, owner, experiment))
    verdict = str(result.verdict)
    ratio = result.rate_ratio
    per_week = result.cramps_per_week
    sentence = f"{info.label}: {VERDICTS[verdict]}."
    if per_week.remedy is not None and per_week.usual is not None:
        sentence += (
            f" With it you had about {_fmt(per_week.remedy)} cramps a week, without it "
            f"{_fmt(per_week.usual)} (probability of at least 20% fewer: "
            f"{_fmt(result.p_20pct_fewer, 2)})."
        )
    rows = []
    for number, in_period in sorted(_group(nights).items()):
        answers = [n.adhered for n in in_period if n.adhered is not None]
        analysable = [n for n in in_period if not n.washout and n.cramps is not None]
        logged = [n for n in in_period if n.cramps is not None]
        rows.append(
            PeriodResultPublic(
                period=number,
                arm=in_period[0].arm,
                first_night=in_period[0].day,
                last_night=in_period[-1].day,
                nights=len(in_period),
                nights_analysable=len(analysable),
                nights_logged=len(logged),
                cramp_nights=sum(1 for n in logged if (n.cramps or 0) > 0),
                cramps=sum(n.cramps or 0 for n in logged),
                adherence_percent=round(100 * sum(answers) / len(answers)) if answers else None,
            )
        )
    weeks = max(1, round(len(nights) / 7))
    counted = result.nights
    quality = [
        f"Nights logged: {sum(r.nights_logged for r in rows if r.arm == 'A')} with the remedy, "
        f"{sum(r.nights_logged for r in rows if r.arm == 'B')} as usual.",
        f"Washout nights left out of the analysis: {counted.washout}; nights not logged "
        f"(missing, never counted as cramp-free): {counted.missing}.",
    ]
    all_answers = [n.adhered for n in nights if n.adhered is not None]
    quality.append(
        f"Adherence: the assignment was followed on {sum(all_answers)} of {len(all_answers)} "
        "answered nights."
        if all_answers
        else "Adherence: no evening answers were given."
    )
    caveats = [
        "Unblinded: you knew which nights were remedy nights, and expectation changes how "
        "cramps are felt and logged.",
        PLACEBO_CAVEAT,
        "One person's result: it says what happened to you over these weeks, not what works "
        "for others, and it is not a diagnosis.",
        "Show it to your clinician (it is in the clinician report).",
    ]
    if experiment.status == "stopped":
        caveats.insert(
            0,
            f"Stopped early on {experiment.stopped_on:%a %d %b %Y}: "
            f"{_sentence_end(experiment.stop_reason or 'no reason given')} "
            "The result covers only the nights before the stop.",
        )
    can_extend = experiment.status == "finished" and verdict in ("inconclusive", "may_help")
    extend_note = None
    if can_extend:
        extend_note = (
            f"Extend by {EXTENSION_BLOCKS} blocks "
            f"({EXTENSION_BLOCKS * 2 * experiment.period_nights} "
            "more nights, randomised the same way): the pre-declared option, analysed with the "
            "nights you already have."
        )
    return ResultsPublic(
        experiment_id=experiment.id,
        remedy=experiment.remedy,
        status=experiment.status,
        verdict=verdict,
        verdict_title=VERDICTS[verdict],
        sentence=sentence,
        rule=RULE,
        rate_ratio_median=ratio.median,
        rate_ratio_low95=ratio.low95,
        rate_ratio_high95=ratio.high95,
        p_fewer=result.p_fewer,
        p_20pct_fewer=result.p_20pct_fewer,
        p_more=result.p_more,
        cramps_per_week_remedy=per_week.remedy,
        cramps_per_week_usual=per_week.usual,
        trend_ratio=result.trend_ratio,
        trend_sentence=_trend_sentence(result.trend_ratio, weeks),
        nights_analysed=counted.analysed,
        nights_washout=counted.washout,
        nights_missing=counted.missing,
        bands=_bands(result),
        periods=rows,
        quality=quality,
        sensitivity=_sensitivity(result),
        per_protocol=_per_protocol(result.per_protocol),
        caveats=caveats,
        can_extend=can_extend,
        extend_note=extend_note,
        analysis=dict(result.to_json()),
    )


def _group(nights: Sequence[analysis.Night]) -> dict[int, list[analysis.Night]]:
    grouped: dict[int, list[analysis.Night]] = {}
    for night in nights:
        grouped.setdefault(night.period, []).append(night)
    return grouped


def sequence_digest(nights: Sequence[ScheduleNightPublic]) -> str:
    """A SHA-256 of a calendar's days and arms (for checking a copy against the stored hash's
    sequence by hand; the stored hash is ``design``'s)."""
    text = "\n".join(f"{n.day.isoformat()},{n.arm}" for n in nights)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class ReportLine:
    """An ended experiment for the clinician report."""

    design: str
    verdict: str


def report_line(
    *, session: Session, owner: Owner, start: date, end: date, now: datetime | None = None
) -> ReportLine | None:
    """The newest ended experiment whose nights overlap ``start``–``end``, in two sentences."""
    for experiment in list_experiments(session=session, owner=owner, now=now):
        if experiment.status not in ("stopped", "finished"):
            continue
        if experiment.starts_on > end or _last_covered(experiment) < start:
            continue
        if _last_covered(experiment) < experiment.starts_on:
            continue
        shown = _results(session, owner, experiment)
        stopped = (
            f", stopped early on {experiment.stopped_on:%d %b %Y}"
            if experiment.status == "stopped" and experiment.stopped_on
            else ""
        )
        return ReportLine(
            design=(
                f"{REMEDIES[experiment.remedy].label} against the usual routine, "
                f"{experiment.blocks} randomised blocks of 2 x {experiment.period_nights} nights, "
                f"{experiment.starts_on:%d %b %Y} to {experiment.ends_on:%d %b %Y}{stopped}"
            ),
            verdict=shown.sentence,
        )
    return None

"""The experiments' pages (design, during, results, the evening card) and their API. Thin: the
service decides."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from nightcramps import charts, timing
from nightcramps.errors import Conflict, Invalid
from nightcramps.experiments import service
from nightcramps.experiments.schemas import (
    REMEDY_KEYS,
    AdherenceUpdate,
    ExperimentCreate,
    ExperimentListPublic,
    ExperimentPublic,
    PlanPublic,
    Remedy,
    ResultsPublic,
    ScheduleNightPublic,
    StopCreate,
)
from nightcramps.owner import Owner
from nightcramps.web.deps import OwnerDep, SessionDep, verify_api_origin, verify_csrf
from nightcramps.web.errors import status_for
from nightcramps.web.pages import flash, form_input, redirect, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["experiments"], dependencies=[Depends(verify_api_origin)])

BACK_TO = ("/", "/today")
"""Where the evening card's tap returns to: the check-in page or the Today page."""


def _public(session: SessionDep, owner: Owner, experiment_id: int) -> ExperimentPublic:
    experiment = service.get_experiment(session=session, owner=owner, experiment_id=experiment_id)
    return service.to_public(session=session, owner=owner, experiment=experiment)


def _remedy(text: str | None) -> str:
    remedy = (text or "stretching").strip()
    service.check_remedy(remedy)
    return remedy


# ---------------------------------------------------------------------------- pages


@pages.get("/experiments")
def experiments_page(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """The person's experiments, the one under way first."""
    found = service.list_experiments(session=session, owner=owner)
    shown = [service.to_public(session=session, owner=owner, experiment=e) for e in found]
    return render(request, "experiments/list.html", {"experiments": shown})


def _design_page(
    request: Request,
    session: SessionDep,
    owner: Owner,
    remedy: str,
    *,
    doctor_agreed: bool = False,
    problem: str | None = None,
    status_code: int = 200,
) -> Response:
    plan = service.plan(
        session=session,
        owner=owner,
        remedy=remedy,
        doctor_agreed=doctor_agreed,
        with_power=False,
    )
    context = {
        "plan": plan,
        "remedy": remedy,
        "remedies": [(k, service.REMEDIES[k].label) for k in REMEDY_KEYS],
        "doctor_agreed": doctor_agreed,
        "problem": problem,
        "weeks": _weeks(plan.example_calendar),
        "rule": service.RULE,
    }
    return render(request, "experiments/new.html", context, status_code=status_code)


def _weeks(nights: list[ScheduleNightPublic]) -> list[list[ScheduleNightPublic]]:
    return [nights[i : i + 7] for i in range(0, len(nights), 7)]


@pages.get("/experiments/new")
def new_experiment_page(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    remedy: Annotated[str | None, Query()] = None,
) -> Response:
    """The design screen: the remedy, the run-in and its gate, the schedule, the end date, the
    calendar and (loaded after the page) the power at the person's own rate."""
    return _design_page(request, session, owner, _remedy(remedy))


@pages.get("/experiments/new/power")
def power_fragment(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    remedy: Annotated[str | None, Query()] = None,
) -> Response:
    """The power sentence, simulated on the person's run-in (a few seconds: loaded by htmx)."""
    chosen = _remedy(remedy)
    plan = service.plan(session=session, owner=owner, remedy=chosen)
    return render(request, "experiments/_power.html", {"plan": plan})


@pages.post("/experiments")
async def create_experiment_page(
    request: Request, session: SessionDep, owner: OwnerDep
) -> Response:
    """Start the experiment chosen on the design screen; a refusal is said on it."""
    form = await request.form()
    remedy = str(form.get("remedy") or "")
    agreed = form.get("doctor_agreed") in ("on", "true", "yes", "1")
    try:
        service.check_remedy(remedy)
        experiment = service.create(
            session=session,
            owner=owner,
            experiment_in=form_input(ExperimentCreate, {"remedy": remedy, "doctor_agreed": agreed}),
        )
    except (Conflict, Invalid) as exc:
        session.rollback()
        shown = remedy if remedy in service.REMEDIES else "stretching"
        return _design_page(
            request,
            session,
            owner,
            shown,
            doctor_agreed=agreed,
            problem=exc.message,
            status_code=status_for(exc),
        )
    flash(request, f"Started: {service.REMEDIES[experiment.remedy].label.lower()}.")
    return redirect(f"/experiments/{experiment.id}")


@pages.get("/experiments/tonight")
def tonight_fragment(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    back: Annotated[str | None, Query()] = None,
) -> Response:
    """The evening card (loaded into the check-in and Today pages): tonight's assignment and
    the one tap; empty when no experiment is under way."""
    card = service.tonight_card(session=session, owner=owner)
    shown = back if back in BACK_TO else "/"
    return render(request, "experiments/_tonight.html", {"card": card, "back": shown})


def _result_charts(session: Session, owner: Owner, result: ResultsPublic) -> dict[str, Markup]:
    """The results page's timeline and, when there is an estimate, its effect on a log axis."""
    nights = service.result_nights(session=session, owner=owner, experiment_id=result.experiment_id)
    shown = [
        charts.TrialNight(day=n.day, arm=n.arm, period=n.period, washout=n.washout, cramps=n.cramps)
        for n in nights
    ]
    drawn = {"timeline": charts.trial_timeline(shown, result.trend_ratio)}
    rr, low, high = result.rate_ratio_median, result.rate_ratio_low95, result.rate_ratio_high95
    if rr is not None and low is not None and high is not None:
        drawn["effect"] = charts.effect(rr, low, high)
    return drawn


@pages.get("/experiments/{experiment_id}")
def experiment_page(
    request: Request, session: SessionDep, owner: OwnerDep, experiment_id: int
) -> Response:
    """During: the calendar, nights logged, adherence and nights left, and the Stop button.
    After: the result."""
    shown = _public(session, owner, experiment_id)
    result: ResultsPublic | None = None
    context: dict[str, object] = {}
    if shown.status in ("stopped", "finished"):
        result = service.results(session=session, owner=owner, experiment_id=experiment_id)
        context.update(_result_charts(session, owner, result))
    context |= {
        "experiment": shown,
        "result": result,
        "weeks": _weeks(shown.calendar),
        "tonight_day": timing.tonight(owner),
    }
    return render(request, "experiments/experiment.html", context)


@pages.get("/experiments/{experiment_id}/calendar.ics")
def experiment_calendar_page(session: SessionDep, owner: OwnerDep, experiment_id: int) -> Response:
    """The schedule as a calendar file with an evening reminder per night."""
    data = service.calendar_ics(session=session, owner=owner, experiment_id=experiment_id)
    headers = {"Content-Disposition": f'attachment; filename="experiment-{experiment_id}.ics"'}
    return Response(data, media_type="text/calendar", headers=headers)


@pages.post("/experiments/{experiment_id}/nights/{night_of}/adherence")
async def adherence_page(
    request: Request, session: SessionDep, owner: OwnerDep, experiment_id: int, night_of: date
) -> Response:
    """The evening card's one tap."""
    form = await request.form()
    answer = str(form.get("adhered") or "")
    if answer not in ("yes", "no"):
        raise Invalid("Tap Yes or No.", fields={"adhered": "yes or no"})
    service.set_adherence(
        session=session,
        owner=owner,
        experiment_id=experiment_id,
        day=night_of,
        adhered=answer == "yes",
    )
    flash(request, "Saved: thank you.")
    back = str(form.get("back") or "")
    return redirect(back if back in BACK_TO else f"/experiments/{experiment_id}")


@pages.post("/experiments/{experiment_id}/stop")
async def stop_page(
    request: Request, session: SessionDep, owner: OwnerDep, experiment_id: int
) -> Response:
    """The Stop button, with the reason."""
    form = await request.form()
    service.stop(
        session=session,
        owner=owner,
        experiment_id=experiment_id,
        reason=str(form.get("reason") or ""),
    )
    flash(request, "Experiment stopped; your reason is kept with it.")
    return redirect(f"/experiments/{experiment_id}")


@pages.post("/experiments/{experiment_id}/extend")
def extend_page(
    request: Request, session: SessionDep, owner: OwnerDep, experiment_id: int
) -> Response:
    """Extend an inconclusive experiment by 4 blocks."""
    service.extend(session=session, owner=owner, experiment_id=experiment_id)
    flash(request, f"Extended by {service.EXTENSION_BLOCKS} blocks.")
    return redirect(f"/experiments/{experiment_id}")


# ---------------------------------------------------------------------------- API


@api.get("/experiments", response_model=ExperimentListPublic)
def api_list_experiments(session: SessionDep, owner: OwnerDep) -> ExperimentListPublic:
    """Your experiments, newest first."""
    found = service.list_experiments(session=session, owner=owner)
    data = [service.to_public(session=session, owner=owner, experiment=e) for e in found]
    return ExperimentListPublic(data=data, count=len(data))


@api.get("/experiments/plan", response_model=PlanPublic)
def api_plan_experiment(
    session: SessionDep,
    owner: OwnerDep,
    remedy: Annotated[Remedy, Query(description="The remedy to plan.")],
    doctor_agreed: Annotated[bool, Query(description='"Agreed with my doctor".')] = False,
) -> PlanPublic:
    """The design screen: run-in gate, dates, an example calendar, the power at your own rate
    (simulated: a few seconds) and why it cannot start, if it cannot."""
    return service.plan(session=session, owner=owner, remedy=remedy, doctor_agreed=doctor_agreed)


@api.post("/experiments/start", status_code=201, response_model=ExperimentPublic)
def api_create_experiment(
    session: SessionDep, owner: OwnerDep, experiment_in: ExperimentCreate
) -> ExperimentPublic:
    """Start an experiment: its schedule is randomised and stored before night 1. One at a
    time (409 with the reason); magnesium needs doctor_agreed (422)."""
    experiment = service.create(session=session, owner=owner, experiment_in=experiment_in)
    return service.to_public(session=session, owner=owner, experiment=experiment)


@api.get("/experiments/{experiment_id}", response_model=ExperimentPublic)
def api_get_experiment(
    session: SessionDep, owner: OwnerDep, experiment_id: int
) -> ExperimentPublic:
    """One experiment: design, calendar and progress (never a running effect)."""
    return _public(session, owner, experiment_id)


@api.post(
    "/experiments/{experiment_id}/nights/{night_of}/adherence",
    response_model=ScheduleNightPublic,
)
def api_set_adherence(
    session: SessionDep,
    owner: OwnerDep,
    experiment_id: int,
    night_of: date,
    answer: AdherenceUpdate,
) -> ScheduleNightPublic:
    """The evening's one tap for a night of the schedule."""
    night = service.set_adherence(
        session=session,
        owner=owner,
        experiment_id=experiment_id,
        day=night_of,
        adhered=answer.adhered,
    )
    experiment = service.get_experiment(session=session, owner=owner, experiment_id=experiment_id)
    return service.night_public(night, experiment.remedy, night.adhered)


@api.post("/experiments/{experiment_id}/stop", response_model=ExperimentPublic)
def api_stop_experiment(
    session: SessionDep, owner: OwnerDep, experiment_id: int, stop_in: StopCreate
) -> ExperimentPublic:
    """Stop an experiment now; the reason is kept with it."""
    service.stop(session=session, owner=owner, experiment_id=experiment_id, reason=stop_in.reason)
    return _public(session, owner, experiment_id)


@api.post("/experiments/{experiment_id}/extend", response_model=ExperimentPublic)
def api_extend_experiment(
    session: SessionDep, owner: OwnerDep, experiment_id: int
) -> ExperimentPublic:
    """Add 4 randomised blocks to a finished experiment whose result is inconclusive or not
    yet clear (409 otherwise)."""
    service.extend(session=session, owner=owner, experiment_id=experiment_id)
    return _public(session, owner, experiment_id)


@api.get("/experiments/{experiment_id}/results", response_model=ResultsPublic)
def api_experiment_results(
    session: SessionDep, owner: OwnerDep, experiment_id: int
) -> ResultsPublic:
    """The result once the experiment has ended (409 before: no running effect is shown)."""
    return service.results(session=session, owner=owner, experiment_id=experiment_id)

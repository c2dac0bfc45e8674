"""Insights for one person: reads the combined daily values, runs the analysis and the forecast.

A consumer feature: everything it knows comes through other features' services (the daily
values and, for medicine starts, the day log). No HTTP and no terminal here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.daylog import service as daylog_service
from nightcramps.insights.analysis import FDR_LEVEL, Analysis, analyse
from nightcramps.insights.explain import explain
from nightcramps.insights.factors import BY_KEY
from nightcramps.insights.schemas import (
    AdvicePublic,
    CalibrationPublic,
    FactorInsight,
    InsightsPublic,
    ReasonPublic,
    TonightPublic,
)
from nightcramps.insights.series import build_series
from nightcramps.insights.tonight import Tonight, forecast
from nightcramps.owner import Owner

ANALYSIS_SPAN_DAYS = 5 * 365 + 1
"""The analysis looks at the last five years: habits and bodies change, and older nights say
little about the person now (the time trend handles slower change within the window)."""

HIGHER_RATIO = 1.25
"""Tonight is 'higher' than usual when its probability is at least 25% above the base rate (and
5 points more); 'lower' when at most 80% of it."""

ROUTINE_URL = "/routine"

STRETCH_EVIDENCE = (
    "Moderate and mixed: nightly calf and hamstring stretches cut cramps in one trial "
    "(Hallegraeff et al., J Physiother 2012) but advice to stretch did not help in another "
    "(Coppin et al., Br J Gen Pract 2005)."
)

METHOD = (
    "Logistic model of your own nights with weakly informative priors (shrinks toward your base "
    "rate while data are few); calibration scored on nights it had not seen (rolling origin)."
)


@dataclass(frozen=True, slots=True)
class Insights:
    """The analysis, tonight's forecast, and the night it is for."""

    analysis: Analysis
    tonight: Tonight
    night_of: date


def tonight_of(*, owner: Owner, now: datetime | None = None) -> date:
    """The night that starts this evening (see :func:`nightcramps.timing.tonight`)."""
    return timing.tonight(owner, now)


def is_evening(*, owner: Owner, now: datetime | None = None) -> bool:
    """Whether it is evening for the person (when tonight's risk is worth showing)."""
    return timing.is_evening(owner, now)


def _medicine_starts(session: Session, owner: Owner, start: date, end: date) -> list[date] | None:
    """Days a medicine was started (from 4 weeks before ``start``), or None when the person keeps
    no medicine list (then "no medicine started" is unknown, not a fact)."""
    if not daylog_service.list_medicines(session=session, owner=owner):
        return None
    window = BY_KEY["medicine_started"].window_days
    started = daylog_service.medicine_starts(
        session=session, owner=owner, start=start - timedelta(days=window), end=end
    )
    return [m.started_on for m in started if m.started_on is not None]


def insights(
    *, session: Session, owner: Owner, now: datetime | None = None, evaluate: bool = True
) -> Insights:
    """Run the trigger analysis and tonight's forecast over the last five years of nights.

    ``evaluate`` adds the rolling-origin calibration of the forecast (the slowest part).
    """
    night_of = tonight_of(owner=owner, now=now)
    first = night_of - timedelta(days=ANALYSIS_SPAN_DAYS - 1)
    frame = dailyvalues_service.daily_frame(session=session, owner=owner, start=first, end=night_of)
    start = min(frame, default=night_of)
    series = build_series(
        {day: values.plain() for day, values in frame.items()},
        start=start,
        end=night_of,
        medicine_starts=_medicine_starts(session, owner, start, night_of),
    )
    return Insights(
        analysis=analyse(series),
        tonight=forecast(series, evaluate=evaluate),
        night_of=night_of,
    )


def _rounded(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def _level(tonight: Tonight) -> str:
    p, base = tonight.probability, tonight.base_rate
    if p >= base * HIGHER_RATIO and p - base >= 0.05:
        return "higher"
    if p <= base * 0.8:
        return "lower"
    return "usual"


def _advice(level: str) -> list[AdvicePublic]:
    stretch = AdvicePublic(
        text=(
            "Your risk looks higher than usual tonight: do the bedtime calf and hamstring "
            "stretches before you lie down."
            if level == "higher"
            else "Do the bedtime calf and hamstring stretches before you lie down."
        ),
        url=ROUTINE_URL,
        evidence=STRETCH_EVIDENCE,
    )
    relief = AdvicePublic(
        text=(
            "If a cramp comes: flex the foot up toward you, massage the muscle, or stand and walk "
            "on it; most cramps pass on their own."
        ),
        url=None,
        evidence="Expert advice, no trials (Mayo Clinic, 'Night leg cramps'; NHS 'Leg cramps').",
    )
    return [stretch, relief]


def to_public(result: Insights) -> InsightsPublic:
    """The public JSON: exactly nights_used, cramp_nights, factors and tonight."""
    analysis = result.analysis
    tested = sum(1 for f in analysis.factors if f.analysed)
    factors = [
        FactorInsight(
            factor=f.factor.key,
            effect=_rounded(f.effect),
            ci_low=_rounded(f.ci_low),
            ci_high=_rounded(f.ci_high),
            q_value=_rounded(f.q_value, 4),
            verdict=f.verdict,
            explanation=explain(f, tested=tested),
        )
        for f in analysis.factors
    ]
    tonight = result.tonight
    calibration = tonight.calibration
    level = _level(tonight)
    return InsightsPublic(
        nights_used=analysis.nights_used,
        cramp_nights=analysis.cramp_nights,
        factors=factors,
        tonight=TonightPublic(
            night_of=result.night_of,
            probability=round(tonight.probability, 3),
            base_rate=round(tonight.base_rate, 3),
            level=level,
            nights_used=tonight.nights_used,
            reasons=[
                ReasonPublic(
                    factor=r.factor,
                    label=r.label,
                    direction=r.direction,
                    odds_multiplier=round(r.odds_multiplier, 2),
                )
                for r in tonight.reasons
            ],
            advice=_advice(level),
            calibration=CalibrationPublic(
                nights_evaluated=calibration.nights_evaluated if calibration else 0,
                brier=_rounded(calibration.brier if calibration else None, 4),
                brier_base=_rounded(calibration.brier_base if calibration else None, 4),
                brier_skill=_rounded(calibration.brier_skill if calibration else None, 4),
                log_loss=_rounded(calibration.log_loss if calibration else None, 4),
                log_loss_base=_rounded(calibration.log_loss_base if calibration else None, 4),
            ),
            method=METHOD,
        ),
    )


__all__ = ["FDR_LEVEL", "Insights", "insights", "is_evening", "to_public", "tonight_of"]

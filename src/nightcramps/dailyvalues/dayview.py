"""The day as it counts: what the Today page, `nightcramps today` and `GET /api/v1/days/{day}/log`
show beside what was logged.

The day log alone does not know the whole day: coffee logged as a drink is in the nutrition log,
and a year of steps may have come from a daily-CSV import. So the view reads every factor through
the combined daily values (``dailyvalues_service.daily_frame``), the same values the export and
the insights read, with the rule that nothing is counted twice (``dailyvalues.frame``):

* caffeine is the caffeine in food and drinks logged plus the caffeine entered in the day log,
  shown with both parts;
* an imported value (a daily CSV, another app's export) is shown, marked with where it came
  from, only for a factor no detailed log knows that day; logging one in detail replaces it;
* what only imports give (active energy, distance, time in bed, body mass, workouts) is shown
  beside it;
* exertion is the day log's own ratio when it has one, otherwise the day's steps (logged or
  imported) against the 28 days before, as the insights compute it.

It lives in ``dailyvalues``, the seam that combines the logs, and not in the day log: the daily
values read the day log, so the day log cannot read them back without a loop in the feature
graph. The day log's shells (the Today page, ``nightcramps today``, the JSON API) show it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps import factors, timing
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.columns import IMPORTED_FROM
from nightcramps.dailyvalues.models import ImportedWorkout
from nightcramps.daylog import exertion
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.constants import EXERTION_WINDOW_DAYS
from nightcramps.daylog.schemas import (
    DayValuePartPublic,
    DayValuePublic,
    DayViewPublic,
    ImportedWorkoutPublic,
)
from nightcramps.owner import Owner

VIEW_FACTORS = daylog_service.FACTOR_KEYS + tuple(f.name for f in factors.IMPORTED)
"""The factors the view shows, in this order (the day log's factors, then what only imports
give)."""

STEPS_SOURCE = "steps"
"""The source of an exertion ratio computed from the combined steps."""


PART_LABELS = {"nutrition": "in food and drinks logged", "daylog": "entered here"}
"""The parts of a summed value (caffeine, alcohol), in the order shown."""

UNITS = {"caffeine_mg": "mg", "alcohol_drinks": "standard drinks"}
"""The unit of each factor whose parts are shown."""

IMPORTED_NOTE = (
    "Imported from {source}; logging it in detail for this day replaces this value rather "
    "than adding to it."
)
STEPS_EXERTION_NOTE = (
    "From the day's steps against the 28 days before (logged or imported steps), as the "
    "insights compute it."
)


def _number(value: float) -> str:
    return f"{value:g}"


def _parts_note(factor: str, parts: Mapping[str, float]) -> str:
    unit = UNITS.get(factor, "")
    pieces = []
    for source, label in PART_LABELS.items():
        if source in parts:
            pieces.append(f"{_number(parts[source])} {unit} {label}".replace("  ", " "))
        else:
            pieces.append(f"nothing {label}")
    return ", ".join(pieces)


def _value_public(
    factor: str, value: float | None, source: str | None, parts: Mapping[str, float] | None = None
) -> DayValuePublic:
    if value is None or source is None:
        return DayValuePublic(value=None, source=None, imported=False, parts=[], note="")
    imported = source in IMPORTED_FROM
    note = IMPORTED_NOTE.format(source=IMPORTED_FROM[source]) if imported else ""
    if parts is not None:
        note = _parts_note(factor, parts)
    return DayValuePublic(
        value=value,
        source=source,
        imported=imported,
        parts=[
            DayValuePartPublic(source=name, label=PART_LABELS.get(name, name), value=amount)
            for name, amount in (parts or {}).items()
        ],
        note=note,
    )


def day_values(*, session: Session, owner: Owner, day: date) -> dict[str, DayValuePublic]:
    """Each factor of ``day`` as every reader counts it, with its source (see the module doc)."""
    start = max(date(timing.EARLIEST_YEAR, 1, 1), day - timedelta(days=EXERTION_WINDOW_DAYS))
    frame = dailyvalues_service.daily_frame(session=session, owner=owner, start=start, end=day)
    known = frame[day].values if day in frame else {}
    result: dict[str, DayValuePublic] = {}
    for factor in VIEW_FACTORS:
        sourced = known.get(factor)
        if sourced is None:
            result[factor] = _value_public(factor, None, None)
        else:
            parts = dict(sourced.parts) if sourced.parts else None
            result[factor] = _value_public(factor, sourced.value, sourced.source, parts)
    if result["exertion_ratio"].value is None:
        steps = {d: values.get("steps") for d, values in frame.items()}
        ratio = exertion.ratios_by_day(steps, [day])[day]
        if ratio is not None:
            result["exertion_ratio"] = DayValuePublic(
                value=round(ratio, 3),
                source=STEPS_SOURCE,
                imported=False,
                parts=[],
                note=STEPS_EXERTION_NOTE,
            )
    return result


def imported_workouts(
    *, session: Session, owner: Owner, start: date, end: date
) -> list[ImportedWorkoutPublic]:
    """The workouts imports brought for the days ``start`` to ``end``, in time order, each once
    (two exports of the same app bring the same workout twice)."""
    rows = session.scalars(
        select(ImportedWorkout)
        .where(
            ImportedWorkout.person_id == owner.person_id,
            ImportedWorkout.day >= start,
            ImportedWorkout.day <= end,
        )
        .order_by(ImportedWorkout.started_at, ImportedWorkout.import_id.desc())
    )
    seen: set[tuple[str, datetime, str]] = set()
    shown = []
    for row in rows:
        key = (row.source, row.started_at, row.activity)
        if key not in seen:
            seen.add(key)
            shown.append(ImportedWorkoutPublic.model_validate(row))
    return shown


def day_view(*, session: Session, owner: Owner, day: date) -> DayViewPublic:
    """Everything logged for ``day`` (``daylog_service.day_log``) and what the day counts as."""
    log = daylog_service.day_log(session=session, owner=owner, day=day)
    return DayViewPublic(
        **dict(log),
        values=day_values(session=session, owner=owner, day=day),
        imported_workouts=imported_workouts(session=session, owner=owner, start=day, end=day),
    )


FOOD_FACTORS = factors.names("food")
"""The factors the Food page totals (fluids, minerals, caffeine)."""


def imported_food_values(*, session: Session, owner: Owner, day: date) -> dict[str, DayValuePublic]:
    """The Food page's factors of ``day`` that count from an import (nothing logged there knows
    them), each with its source: without them a day imported from Cronometer or Apple Health
    read "unknown" on the Food page while the insights and the export used its values."""
    frame = dailyvalues_service.daily_frame(session=session, owner=owner, start=day, end=day)
    known = frame[day].values if day in frame else {}
    return {
        factor: _value_public(factor, sourced.value, sourced.source)
        for factor in FOOD_FACTORS
        if (sourced := known.get(factor)) is not None and sourced.source in IMPORTED_FROM
    }

"""Day-level values: the combined daily frame, and the daily-summary CSV both ways.

No HTTP and no terminal here. Other features read the combined frame through ``daily_frame``;
the rule that stops double counting lives in ``dailyvalues.frame``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.dailyvalues.columns import IMPORT_SOURCE
from nightcramps.dailyvalues.csvfile import (
    DailyCsvProblems,
    DailyRow,
    read_daily_csv,
    write_daily_csv,
)
from nightcramps.dailyvalues.frame import (
    OUTCOME_FACTORS,
    DayValues,
    DetailedValues,
    NightOutcome,
    SourcedValue,
    combine,
)
from nightcramps.dailyvalues.models import DailyValue
from nightcramps.dailyvalues.schemas import (
    DailyValuesPublic,
    DayValuesPublic,
    ImportSummary,
    SourcedValuePublic,
)
from nightcramps.daylog import service as daylog_service
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import NightCreate, NightPublic
from nightcramps.errors import Invalid
from nightcramps.nutrition import service as nutrition_service
from nightcramps.owner import Owner

MAX_IMPORT_BYTES = 5_000_000
"""A daily CSV of ten years is about 400 kB; anything far larger is not a daily CSV."""

DEFAULT_SPAN_DAYS = 3600
"""Without --from, the export looks back this far (almost ten years: inside the ten-year limit
of every log it reads, with room for the day log's 4-week exertion baseline)."""


def resolve_range(
    *, owner: Owner, start: date | None, end: date | None, now: datetime | None = None
) -> tuple[date, date]:
    """Fill in a missing end (tonight) and start (ten years before), and check the order."""
    for name, value in (("from", start), ("to", end)):
        if value is not None and not timing.EARLIEST_YEAR <= value.year <= timing.LATEST_YEAR:
            raise Invalid(
                f"{value.isoformat()} is not a plausible night; check the year.",
                fields={name: f"must be between {timing.EARLIEST_YEAR} and {timing.LATEST_YEAR}"},
            )
    end = end or timing.current_night(owner, now)
    start = start or end - timedelta(days=DEFAULT_SPAN_DAYS)
    if end < start:
        raise Invalid(
            f"The range ends ({end}) before it starts ({start}); swap from and to.",
            fields={"to": "is before from"},
        )
    if (end - start).days > DEFAULT_SPAN_DAYS:
        raise Invalid(
            f"Ask for at most {DEFAULT_SPAN_DAYS} days (about ten years) at a time.",
            fields={"from": "too early"},
        )
    return start, end


def _diary_outcomes(
    session: Session, owner: Owner, start: date, end: date
) -> dict[date, NightOutcome | None]:
    """Every night the diary holds, with its own answer (None for a night without one)."""
    outcomes: dict[date, NightOutcome | None] = {}
    for night in diary_service.list_nights(session=session, owner=owner, start=start, end=end):
        public = diary_service.to_night_public(night)
        if public.status == "cramps":
            outcomes[public.night_of] = NightOutcome(public.cramp_count, public.worst_severity_0_10)
        elif public.status == "no_cramps":
            outcomes[public.night_of] = NightOutcome(0, None)
        else:
            outcomes[public.night_of] = None
    return outcomes


def _detailed_values(
    session: Session, owner: Owner, start: date, end: date
) -> dict[str, DetailedValues]:
    """Day-level totals of the features that keep detailed entries, in order of precedence.

    The nutrition log comes first. Caffeine, which both logs give, is the exception: the day's
    caffeine is the nutrition log's (foods and drinks logged) plus the day log's (entered for what
    was not logged as a food or drink), see ``frame.SUMMED_FACTORS``.
    """
    return {
        "nutrition": nutrition_service.daily_factors(
            session=session, owner=owner, start=start, end=end
        ),
        "daylog": daylog_service.daily_factors(session=session, owner=owner, start=start, end=end),
    }


def _stored_values(
    session: Session, owner: Owner, start: date, end: date, *, source: str | None = None
) -> list[DailyValue]:
    query = select(DailyValue).where(
        DailyValue.person_id == owner.person_id, DailyValue.day >= start, DailyValue.day <= end
    )
    if source is not None:
        query = query.where(DailyValue.source == source)
    return list(session.scalars(query))


def daily_frame(*, session: Session, owner: Owner, start: date, end: date) -> dict[date, DayValues]:
    """Every known value per day from ``start`` to ``end``, each with its source, no double counts.

    Days with nothing known are absent (a missing day is unknown, never zeros). The diary's
    answered nights give ``cramps``/``worst_severity_0_10``; detailed logs give the day's factors;
    imported values fill only what no detailed entry gives (see ``dailyvalues.frame``).
    """
    imported: dict[date, dict[str, SourcedValue]] = {}
    query = select(DailyValue.day, DailyValue.factor, DailyValue.value, DailyValue.source).where(
        DailyValue.person_id == owner.person_id, DailyValue.day >= start, DailyValue.day <= end
    )
    for day, factor, value, source in session.execute(query):  # plain rows: fast for years
        imported.setdefault(day, {})[factor] = SourcedValue(value, source)
    return combine(
        outcomes=_diary_outcomes(session, owner, start, end),
        detailed=_detailed_values(session, owner, start, end),
        imported=imported,
    )


def with_imported_counts(
    *, session: Session, owner: Owner, nights: Sequence[NightPublic]
) -> list[NightPublic]:
    """The diary's nights, with an imported cramp count on each night the diary left unanswered.

    The daily-CSV import creates a diary night for each row with a count, but per-cramp detail
    is not in the file; without this a night with three imported cramps would read "not
    answered". The count is shown as ``counted_from="import"``; a night the diary answered keeps
    its own answer (the same rule as ``daily_frame``).
    """
    open_days = [n.night_of for n in nights if n.status == "unknown"]
    if not open_days:
        return list(nights)
    query = select(DailyValue.day, DailyValue.factor, DailyValue.value).where(
        DailyValue.person_id == owner.person_id,
        DailyValue.day >= min(open_days),
        DailyValue.day <= max(open_days),
        DailyValue.factor.in_(OUTCOME_FACTORS),
        DailyValue.source == IMPORT_SOURCE,
    )
    counted: dict[date, dict[str, float]] = {}
    for day, factor, value in session.execute(query):
        counted.setdefault(day, {})[factor] = value
    result = []
    for night in nights:
        values = counted.get(night.night_of, {}) if night.status == "unknown" else {}
        cramps = values.get("cramps")
        if cramps is None:
            result.append(night)
            continue
        worst = values.get("worst_severity_0_10")
        result.append(
            night.model_copy(
                update={
                    "status": "cramps" if cramps > 0 else "no_cramps",
                    "cramp_count": int(cramps),
                    "worst_severity_0_10": None if worst is None else int(worst),
                    "counted_from": IMPORT_SOURCE,
                }
            )
        )
    return result


def to_daily_values_public(frame: Mapping[date, DayValues]) -> DailyValuesPublic:
    """The public view of a combined frame."""
    data = [
        DayValuesPublic(
            date=day,
            values={
                name: SourcedValuePublic(value=v.value, source=v.source)
                for name, v in sorted(values.values.items())
            },
        )
        for day, values in frame.items()
    ]
    return DailyValuesPublic(data=data, count=len(data))


def export_daily_csv(
    *,
    session: Session,
    owner: Owner,
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
) -> str:
    """The daily-summary CSV of the combined values, one row per night with anything known."""
    start, end = resolve_range(owner=owner, start=start, end=end, now=now)
    frame = daily_frame(session=session, owner=owner, start=start, end=end)
    return write_daily_csv(DailyRow(day=day, values=v.plain()) for day, v in frame.items())


def _problems_error(exc: DailyCsvProblems) -> Invalid:
    fields: dict[str, str] = {}
    for problem in exc.problems:
        where = problem.where()
        fields[where] = (
            f"{fields[where]}; {problem.message}" if where in fields else problem.message
        )
    return Invalid(
        f"The file was not imported: {len(exc.problems)} problem(s), and nothing was changed. "
        "Fix each one and import the file again:",
        fields=fields,
        problems=[
            {"line": p.line, "column": p.column, "column_name": p.column_name, "message": p.message}
            for p in exc.problems
        ],
    )


def import_daily_csv(
    *, session: Session, owner: Owner, text: str, now: datetime | None = None
) -> ImportSummary:
    """Read a daily CSV into the person's diary: all of it, or nothing.

    Idempotent: importing the same file again changes nothing. Each known cell becomes a
    day-level value with source ``import`` (replacing the previous imported value for that day and
    column). A blank cell says nothing and removes nothing. An imported ``cramps`` creates the
    diary night (without inventing per-cramp detail: the count and worst severity stay imported
    values, so a corrected file corrects them). A night the diary already answered keeps the
    diary's answer (detailed entries win); ``nights_kept_from_diary`` lists those that disagree.

    Raises:
        Invalid: the file has problems; ``fields`` and ``extra["problems"]`` list each with its
            line and column, and nothing was written.
    """
    if len(text) > MAX_IMPORT_BYTES:
        raise Invalid("The file is larger than 5 MB; a daily CSV of ten years is about 400 kB.")
    latest = diary_service.current_night(owner=owner, now=now)
    try:
        rows = read_daily_csv(text, latest=latest)
    except DailyCsvProblems as exc:
        raise _problems_error(exc) from None
    summary = ImportSummary(
        rows=len(rows),
        values_added=0,
        values_changed=0,
        values_unchanged=0,
        nights_created=0,
        nights_marked_cramp_free=0,
        first_night=min((r.day for r in rows), default=None),
        last_night=max((r.day for r in rows), default=None),
    )
    if not rows:
        return summary
    assert summary.first_night is not None and summary.last_night is not None
    _store_values(session, owner, rows, summary)
    _ensure_nights(session, owner, rows, summary, now)
    session.flush()
    return summary


def kept_from_diary_message(summary: ImportSummary) -> str:
    """A sentence naming the nights whose diary answer overruled the file (empty when none)."""
    nights = summary.nights_kept_from_diary
    if not nights:
        return ""
    shown = ", ".join(d.isoformat() for d in nights[:5])
    if len(nights) > 5:
        shown += f" and {len(nights) - 5} more"
    return (
        f"{len(nights)} night(s) already have another answer in the diary, which is kept: {shown}."
        " If the file is right, change those nights in the diary."
    )


def _store_values(
    session: Session, owner: Owner, rows: list[DailyRow], summary: ImportSummary
) -> None:
    assert summary.first_night is not None and summary.last_night is not None
    existing = {
        (v.day, v.factor): v
        for v in _stored_values(
            session, owner, summary.first_night, summary.last_night, source=IMPORT_SOURCE
        )
    }
    for row in rows:
        for factor, value in row.values.items():
            stored = existing.get((row.day, factor))
            if stored is None:
                session.add(
                    DailyValue(
                        person_id=owner.person_id,
                        day=row.day,
                        factor=factor,
                        value=value,
                        source=IMPORT_SOURCE,
                    )
                )
                summary.values_added += 1
            elif stored.value != value:
                stored.value = value
                summary.values_changed += 1
            else:
                summary.values_unchanged += 1


def _ensure_nights(
    session: Session,
    owner: Owner,
    rows: list[DailyRow],
    summary: ImportSummary,
    now: datetime | None,
) -> None:
    """Create a diary night for each imported count, and count the nights the diary overrules.

    The night is created without an answer of its own: its count (0 included) stays an imported
    value, shown by ``with_imported_counts``, so a corrected file imported later corrects it. A
    night the diary already answered keeps the diary's answer (detailed entries win); the summary
    counts those where the file disagrees, so the person knows to change them in the diary.
    """
    assert summary.first_night is not None and summary.last_night is not None
    nights = {
        n.night_of: diary_service.to_night_public(n)
        for n in diary_service.list_nights(
            session=session, owner=owner, start=summary.first_night, end=summary.last_night
        )
    }
    for row in rows:
        cramps = row.values.get("cramps")
        if cramps is None:
            continue  # a blank count: the night was not logged
        summary.nights_marked_cramp_free += cramps == 0
        night = nights.get(row.day)
        if night is None:
            diary_service.record_night(
                session=session, owner=owner, night_in=NightCreate(night_of=row.day), now=now
            )
            summary.nights_created += 1
        elif night.status != "unknown" and night.cramp_count != cramps:
            summary.nights_kept_from_diary.append(row.day)

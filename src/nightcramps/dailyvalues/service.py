"""Day-level values: the combined daily frame, and the daily-summary CSV both ways.

No HTTP and no terminal here. Other features read the combined frame through ``daily_frame``;
the rule that stops double counting lives in ``dailyvalues.frame``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.dailyvalues.columns import IMPORT_SOURCE, IMPORTED_FROM
from nightcramps.dailyvalues.csvfile import (
    DailyCsvProblems,
    DailyRow,
    date_span,
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
from nightcramps.daylog.schemas import DayLogPublic, DayUpdate
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import NightPublic
from nightcramps.errors import Conflict, Invalid
from nightcramps.nutrition import service as nutrition_service
from nightcramps.owner import Owner

MAX_IMPORT_BYTES = 5_000_000
"""The largest daily CSV imported, in bytes (not characters): ten years with every column known
is about 210 kB, so anything far larger is not a daily CSV. The CLI reads at most one byte more
than this, the API and the page stop reading there; it is below the server's limit for any
upload (``web.guard.MAX_UPLOAD_BYTES``), so a file just over it gets this message, not a 413."""

MAX_SPAN_DAYS = timing.MAX_RANGE_DAYS
"""The longest stretch one import may cover, first to last night (about ten years): the diary's
own limit for one range (``timing.MAX_RANGE_DAYS``); a longer history is imported in parts."""

NOT_UTF8 = "save the spreadsheet as 'CSV UTF-8' and try again"

BATCH_ROWS = 2000
"""Values written per statement: bounded memory, few round trips."""

IMPORT_PRIORITY: dict[str, int] = {name: rank for rank, name in enumerate(IMPORTED_FROM)}
"""Which source's value of a day is used when several imported one (``columns.IMPORTED_FROM``)."""

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


def detailed_values(
    *, session: Session, owner: Owner, start: date, end: date
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


def daily_frame(*, session: Session, owner: Owner, start: date, end: date) -> dict[date, DayValues]:
    """Every known value per day from ``start`` to ``end``, each with its source, no double counts.

    Days with nothing known are absent (a missing day is unknown, never zeros). The diary's
    answered nights give ``cramps``/``worst_severity_0_10``; detailed logs give the day's factors;
    imported values fill only what no detailed entry gives (see ``dailyvalues.frame``).
    """
    return combine(
        outcomes=_diary_outcomes(session, owner, start, end),
        detailed=detailed_values(session=session, owner=owner, start=start, end=end),
        imported=imported_values(session=session, owner=owner, start=start, end=end),
    )


def imported_values(
    *, session: Session, owner: Owner, start: date, end: date
) -> dict[date, dict[str, SourcedValue]]:
    """The imported value of each day and factor: one per day and factor, however many files
    brought one.

    Between sources, the first of ``columns.IMPORTED_FROM`` wins (the daily CSV the person made,
    then the apps that log each food, then watches, then Apple Health, which mostly holds copies
    of the others: memo 4.4); between two imports of the same app, the newer import's value.
    Nothing is summed, so two files covering the same day never count it twice.
    """
    query = select(
        DailyValue.day,
        DailyValue.factor,
        DailyValue.value,
        DailyValue.source,
        DailyValue.import_id,
    ).where(DailyValue.person_id == owner.person_id, DailyValue.day >= start, DailyValue.day <= end)
    best: dict[tuple[date, str], tuple[tuple[int, int], float, str]] = {}
    last = len(IMPORT_PRIORITY)
    for day, factor, value, source, import_id in session.execute(query):  # plain rows: fast
        rank = (IMPORT_PRIORITY.get(source, last), -(import_id or 0))
        held = best.get((day, factor))
        if held is None or rank < held[0]:
            best[(day, factor)] = (rank, value, source)
    imported: dict[date, dict[str, SourcedValue]] = {}
    for (day, factor), (_, value, source) in best.items():
        imported.setdefault(day, {})[factor] = SourcedValue(value, source)
    return imported


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


def too_large() -> Invalid:
    """The refusal of a file over :data:`MAX_IMPORT_BYTES` (every door says the same)."""
    return Invalid(
        f"The file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB, so it was not read; a daily "
        "CSV of ten years is about 210 kB. Check that this is the daily CSV, or split it by years.",
        fields={"file": f"larger than {MAX_IMPORT_BYTES:,} bytes"},
    )


def decode_daily_csv(data: bytes) -> str:
    """The text of a daily CSV as the CLI read it or the API and the page received it: the one
    decoding every door uses, so that they accept and refuse the same files.

    At most :data:`MAX_IMPORT_BYTES` bytes of UTF-8, with or without a byte-order mark. Line ends
    are left as they are; :func:`~nightcramps.dailyvalues.csvfile.read_daily_csv` reads any.

    Raises:
        Invalid: the data is too large, or not UTF-8 (the message names the line).
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise too_large()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Invalid(
            f"The file is not UTF-8 text (line {line} is not); {NOT_UTF8}.",
            fields={"file": f"not UTF-8 (line {line})"},
        ) from None


def _check_span(text: str, latest: date) -> None:
    """Refuse a file covering more than :data:`MAX_SPAN_DAYS` before any row is parsed."""
    span = date_span(text, latest=latest)
    if span is None or (span[1] - span[0]).days <= MAX_SPAN_DAYS:
        return
    first, last = span
    raise Invalid(
        f"The file was not imported: it covers {first} to {last} ({(last - first).days + 1:,} "
        f"nights), and one import takes at most ten years ({MAX_SPAN_DAYS:,} days from the first "
        f"night to the last). Split it into files of at most ten years each (the first from "
        f"{first} to {first + timedelta(days=MAX_SPAN_DAYS)}) and import them one after the "
        "other; nothing was changed.",
        fields={"file": f"covers {first} to {last}; at most ten years at a time"},
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

    The values are written in batches of plain rows, not as ORM objects: ten years of a full file
    is 46,800 values. (Bytes from a file or a request go through :func:`decode_daily_csv` first.)

    Raises:
        Invalid: the file is larger than :data:`MAX_IMPORT_BYTES`, spans more than
            :data:`MAX_SPAN_DAYS`, or has problems (``fields`` and ``extra["problems"]`` list each
            with its line and column); nothing was written.
    """
    if len(text) > MAX_IMPORT_BYTES // 4 and len(text.encode("utf-8")) > MAX_IMPORT_BYTES:
        raise too_large()
    latest = diary_service.current_night(owner=owner, now=now)
    _check_span(text, latest)
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
    query = select(DailyValue.id, DailyValue.day, DailyValue.factor, DailyValue.value).where(
        DailyValue.person_id == owner.person_id,
        DailyValue.day >= summary.first_night,
        DailyValue.day <= summary.last_night,
        DailyValue.source == IMPORT_SOURCE,
    )
    existing = {(day, factor): (id_, value) for id_, day, factor, value in session.execute(query)}
    added: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    stamp = timing.utcnow()
    for row in rows:
        for factor, value in row.values.items():
            stored = existing.get((row.day, factor))
            if stored is None:
                added.append(
                    {
                        "person_id": owner.person_id,
                        "day": row.day,
                        "factor": factor,
                        "value": value,
                        "source": IMPORT_SOURCE,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
            elif stored[1] != value:
                changed.append({"id": stored[0], "value": value, "updated_at": stamp})
            else:
                summary.values_unchanged += 1
            # Written a batch at a time: at most one batch of plain dicts is held.
            if len(added) == BATCH_ROWS:
                summary.values_added += _write(session, insert(DailyValue), added)
            if len(changed) == BATCH_ROWS:
                summary.values_changed += _write(session, update(DailyValue), changed)
    summary.values_added += _write(session, insert(DailyValue), added)
    summary.values_changed += _write(session, update(DailyValue), changed)


def _write(session: Session, statement: Any, batch: list[dict[str, Any]]) -> int:
    """Run ``statement`` for every row of ``batch`` (one executemany), empty it; its length."""
    count = len(batch)
    if count:
        session.execute(statement, batch)
        batch.clear()
    return count


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
    missing: list[date] = []
    for row in rows:
        cramps = row.values.get("cramps")
        if cramps is None:
            continue  # a blank count: the night was not logged
        summary.nights_marked_cramp_free += cramps == 0
        night = nights.get(row.day)
        if night is None:
            missing.append(row.day)
        elif night.status != "unknown" and night.cramp_count != cramps:
            summary.nights_kept_from_diary.append(row.day)
    summary.nights_created = diary_service.open_nights(
        session=session, owner=owner, days=missing, now=now
    )


def update_day(
    *, session: Session, owner: Owner, day: date, day_in: DayUpdate, now: datetime | None = None
) -> DayLogPublic:
    """Set the day log's one-per-day answers, refusing a "no caffeine" or "no alcohol" that the
    food and drinks log contradicts (the day's caffeine and alcohol add both logs, so "no
    caffeine" beside a logged coffee would show a tapped "none" over a total above zero). The
    rest is ``daylog.update_day``.

    Raises:
        Conflict: "no caffeine" (or "no alcohol") for a day whose food and drinks logged hold
            caffeine (alcohol), or what ``daylog.update_day`` refuses.
        Invalid: what ``daylog.update_day`` refuses.
    """
    if day_in.no_caffeine:
        factors = nutrition_service.daily_factors(session=session, owner=owner, start=day, end=day)
        in_food = factors[day].get("caffeine_mg")
        if in_food:
            raise Conflict(
                f"{day.isoformat()} has {in_food:g} mg caffeine in the food and drinks logged; "
                "delete those entries on the Food page before answering 'no caffeine'.",
                fields={"no_caffeine": "contradicts the food and drinks logged"},
            )
    if day_in.no_alcohol:
        factors = nutrition_service.daily_factors(session=session, owner=owner, start=day, end=day)
        drinks = factors[day].get("alcohol_drinks")
        if drinks:
            raise Conflict(
                f"{day.isoformat()} has {drinks:g} standard drinks of alcohol in the food and "
                "drinks logged; delete those entries on the Food page before answering "
                "'no alcohol'.",
                fields={"no_alcohol": "contradicts the food and drinks logged"},
            )
    return daylog_service.update_day(session=session, owner=owner, day=day, day_in=day_in, now=now)

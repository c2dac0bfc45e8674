"""The clinician report: one person's period of nights summed up for a doctor (memo 3).

A consumer feature: everything it knows comes through other features' services and schemas (the
diary, the day log's medicines, the food log's magnesium, the check-up, the insights). No HTTP and
no terminal here, and no clock: the shells pass ``now`` (the app's clock), so the same diary and
the same ``now`` give the same report.

It never diagnoses. It says what the diary holds, when it was made, and what it does not know.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib.resources import files
from typing import Any

from sqlalchemy.orm import Session

from nightcramps import __version__, timing
from nightcramps.accounts import service as accounts_service
from nightcramps.constants import MUSCLES, RELIEF_METHODS, SIDES
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import MedicineMatchPublic, MedicinePublic
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import CrampPublic, NightPublic
from nightcramps.errors import Invalid
from nightcramps.experiments import service as experiments_service
from nightcramps.guidance import service as guidance_service
from nightcramps.insights import service as insights_service
from nightcramps.nutrition import service as nutrition_service
from nightcramps.owner import Owner
from nightcramps.report.schemas import (
    ClassFlag,
    CountLine,
    CrampsSummary,
    ExperimentSummary,
    FactorLine,
    GlanceSpan,
    GridMark,
    GridNight,
    GridSpan,
    InsightsSummary,
    MagnesiumSummary,
    MedicineLine,
    Paper,
    ReliefLine,
    Report,
    ReportPerson,
    WarningLine,
    WeekLine,
)

MAX_REPORT_DAYS = 366
"""The longest period one report covers: a year (a one-page summary of more says little)."""

DEFAULT_WEEKS = 12
"""The default period: the last 12 weeks, the span memo 3's weekly chart shows."""

GLANCE_NIGHTS = 28
""""At a glance" compares the first 4 weeks of the period with the last 4 (memo 3.2)."""

LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PR", "GT", "SV", "HN", "NI", "CR", "PA", "DO"})
"""Countries whose paper is US Letter (North and Central America; ISO 3166 codes). Everywhere
else uses A4 (ISO 216). The profile has no country: it is read from the time zone (zone.tab)."""

HELPED = frozenset({"mostly", "completely"})
"""Relief effects that count as "helped"."""

HOUR_BANDS = (("18:00-00:00", 18, 24), ("00:00-03:00", 0, 3), ("03:00-06:00", 3, 6))
"""Time-of-night bands by local start hour; anything else is "06:00-18:00"."""

DISCLAIMER = "Patient-reported diary - not a diagnosis."

GRID_NIGHTS = 14
"""The night grid of page 2 shows the last two weeks (memo 3.2, the sleep-diary convention)."""

GRID_HOURS = (18, 12)
"""Each night's line runs from 18:00 on its evening to 12:00 the next day, local time."""


def default_period(*, owner: Owner, now: datetime) -> tuple[date, date]:
    """The last :data:`DEFAULT_WEEKS` weeks of nights, ending with last night."""
    end = timing.last_night(owner, now)
    return end - timedelta(days=DEFAULT_WEEKS * 7 - 1), end


def check_period(start: date, end: date, *, owner: Owner, now: datetime) -> None:
    """Refuse a period that ends before it starts, lies in the future or is over a year long.

    Raises:
        Invalid: with a message that says how to fix the dates.
    """
    timing.check_range(start, end)
    if (end - start).days + 1 > MAX_REPORT_DAYS:
        raise Invalid(
            f"A report covers at most a year ({MAX_REPORT_DAYS} nights); this period has "
            f"{(end - start).days + 1}. Choose a later start date or an earlier end date.",
            fields={"from": "more than a year before to"},
        )
    current = timing.current_night(owner, now)
    if end > current:
        raise Invalid(
            f"The period ends in the future ({end}); end it on {current} or earlier.",
            fields={"to": "is in the future"},
        )


@cache
def _zone_countries() -> dict[str, str]:
    """Time zone name → ISO country code, from the tzdata package's zone.tab."""
    table = files("tzdata.zoneinfo") / "zone.tab"
    found: dict[str, str] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone, *_ = line.split("\t")
            found[zone] = country
    return found


def paper_for(timezone: str | None) -> Paper:
    """US Letter where the person's time zone lies in a Letter country, else A4."""
    country = _zone_countries().get(timezone or "")
    return "Letter" if country in LETTER_COUNTRIES else "A4"


# ---------------------------------------------------------------------------- figures


def _median(values: Iterable[float]) -> float | None:
    known = list(values)
    return round(float(statistics.median(known)), 1) if known else None


def _per_week(count: int, logged: int) -> float | None:
    return None if logged == 0 else round(count * 7 / logged, 1)


def _span(nights: dict[date, NightPublic], start: date, end: date) -> GlanceSpan:
    inside = [n for day, n in nights.items() if start <= day <= end and n.status != "unknown"]
    cramp_nights = [n for n in inside if n.status == "cramps"]
    durations = [c.duration_min for n in inside for c in n.cramps if c.duration_min is not None]
    sleep = [n.sleep_disturbance_0_10 for n in inside if n.sleep_disturbance_0_10 is not None]
    return GlanceSpan(
        start=start,
        end=end,
        nights=(end - start).days + 1,
        nights_logged=len(inside),
        cramp_nights_per_week=_per_week(len(cramp_nights), len(inside)),
        cramps_per_week=_per_week(sum(n.cramp_count for n in inside), len(inside)),
        median_worst_severity_0_10=_median(
            n.worst_severity_0_10 for n in cramp_nights if n.worst_severity_0_10 is not None
        ),
        median_duration_min=_median(durations),
        median_sleep_disturbance_0_10=_median(sleep),
        sleep_rated_nights=len(sleep),
    )


def _weeks(nights: dict[date, NightPublic], start: date, end: date) -> list[WeekLine]:
    weeks = []
    first = start
    while first <= end:
        last = min(first + timedelta(days=6), end)
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        known = [nights[d] for d in days if d in nights and nights[d].status != "unknown"]
        cramp = [n for n in known if n.status == "cramps"]
        worst = [n.worst_severity_0_10 for n in cramp if n.worst_severity_0_10 is not None]
        weeks.append(
            WeekLine(
                start=first,
                cramp_nights=len(cramp),
                free_nights=len(known) - len(cramp),
                not_logged=len(days) - len(known),
                worst=max(worst, default=None),
            )
        )
        first = last + timedelta(days=1)
    return weeks


def _band(hour: int) -> str:
    for label, low, high in HOUR_BANDS:
        if low <= hour < high:
            return label
    return "06:00-18:00"


def _counts(values: Iterable[str], order: Sequence[str]) -> list[CountLine]:
    counted = Counter(values)
    return [CountLine(label=k, count=counted[k]) for k in order if counted[k]]


def _relief(cramps: Sequence[CrampPublic]) -> list[ReliefLine]:
    lines = []
    for method in RELIEF_METHODS:
        tried = [c for c in cramps if method in c.relief]
        if tried:
            rated = [c for c in tried if c.relief_effect is not None]
            helped = sum(1 for c in rated if c.relief_effect in HELPED)
            lines.append(
                ReliefLine(method=method, tried=len(tried), helped=helped, rated=len(rated))
            )
    return lines


def _cramps(nights: Sequence[NightPublic], owner: Owner) -> CrampsSummary:
    logged = [n for n in nights if n.status != "unknown"]
    cramps = [c for n in logged for c in n.cramps]
    durations = [c.duration_min for c in cramps if c.duration_min is not None]
    hours = [timing.local(c.started_at, owner.tz).hour for c in cramps if c.started_at is not None]
    sleep = [n.sleep_disturbance_0_10 for n in logged if n.sleep_disturbance_0_10 is not None]
    bands = [label for label, _low, _high in HOUR_BANDS] + ["06:00-18:00"]
    return CrampsSummary(
        cramp_nights=sum(1 for n in logged if n.status == "cramps"),
        cramps=sum(n.cramp_count for n in logged),
        cramps_with_detail=len(cramps),
        typical_severity_0_10=_median(c.severity_0_10 for c in cramps),
        worst_severity_0_10=max(
            (n.worst_severity_0_10 for n in logged if n.worst_severity_0_10 is not None),
            default=None,
        ),
        median_duration_min=_median(durations),
        longest_duration_min=max(durations, default=None),
        time_of_night=_counts((_band(h) for h in hours), bands),
        time_unknown=len(cramps) - len(hours),
        duration_unknown=len(cramps) - len(durations),
        muscles=_counts((c.muscle for c in cramps), MUSCLES),
        sides=_counts((c.side for c in cramps), SIDES),
        relief=_relief(cramps),
        median_sleep_disturbance_0_10=_median(sleep),
        sleep_rated_nights=len(sleep),
    )


# ---------------------------------------------------------------------------- the night grid


class _Line:
    """One night's line, 18:00 to 12:00 local time, and where a moment falls on it (0 to 1).
    Measured in real seconds, so a night with a clock change is 17 or 19 hours long."""

    def __init__(self, night_of: date, owner: Owner) -> None:
        self.tz = owner.tz
        first, last = GRID_HOURS
        self.start = datetime.combine(night_of, time(first), owner.tz).astimezone(UTC)
        self.end = datetime.combine(night_of + timedelta(days=1), time(last), owner.tz)
        self.seconds = (self.end.astimezone(UTC) - self.start).total_seconds()

    def clock(self, moment: datetime) -> str:
        return f"{timing.local(moment, self.tz):%H:%M}"

    def share(self, moment: datetime) -> float:
        return (moment.astimezone(UTC) - self.start).total_seconds() / self.seconds

    def mark(
        self, moment: datetime | None, label: str, severity: int | None = None
    ) -> GridMark | None:
        """A mark at ``moment``, or None when it has no time or falls outside the line."""
        if moment is None or not 0 <= (at := self.share(moment)) <= 1:
            return None
        return GridMark(at=at, clock=self.clock(moment), label=label, severity_0_10=severity)

    def span(self, begin: datetime, end: datetime) -> GridSpan | None:
        low, high = max(self.share(begin), 0.0), min(self.share(end), 1.0)
        if high <= low:
            return None
        return GridSpan(start=low, end=high, clock=f"{self.clock(begin)}-{self.clock(end)}")


def _night_grid(
    session: Session, owner: Owner, start: date, end: date, by_day: dict[date, NightPublic]
) -> list[GridNight]:
    """The period's last :data:`GRID_NIGHTS` nights, oldest first: logged sleep, the
    cramps at their time sized by severity, the evening's caffeine (C), alcohol (A) and
    exercise (E), and the day's totals as the insights count them (imported ones included, no
    double counts). Nothing logged is unknown, never 0."""
    first = max(start, end - timedelta(days=GRID_NIGHTS - 1))

    def entries(kind: daylog_service.AnyKind, last: date = end) -> list[Any]:
        return daylog_service.list_entries(
            session=session, owner=owner, kind=kind, start=first, end=last
        )

    sleeps = entries(daylog_service.SLEEP, end + timedelta(days=1))
    caffeine = entries(daylog_service.CAFFEINE)
    alcohol = entries(daylog_service.ALCOHOL)
    activity = entries(daylog_service.ACTIVITY)
    frame = dailyvalues_service.daily_frame(
        session=session, owner=owner, start=first, end=end + timedelta(days=1)
    )

    def value(day: date, factor: str) -> float | None:
        known = frame.get(day)
        return None if known is None else known.get(factor)

    started = daylog_service.medicine_starts(session=session, owner=owner, start=first, end=end)
    grid = []
    for offset in range((end - first).days + 1):
        day = first + timedelta(days=offset)
        line = _Line(day, owner)
        night = by_day.get(day)
        cramps = [
            mark
            for c in (night.cramps if night else [])
            if (mark := line.mark(c.started_at, c.muscle, c.severity_0_10)) is not None
        ]
        letters = [
            mark
            for label, moments in (
                ("C", [e.at for e in caffeine if e.day == day]),
                ("A", [e.at for e in alcohol if e.day == day]),
                ("E", [e.started_at for e in activity if e.day == day]),
            )
            for moment in moments
            if (mark := line.mark(moment, label)) is not None
        ]
        grid.append(
            GridNight(
                night_of=day,
                status=night.status if night else "unknown",
                sleep=[
                    span for s in sleeps if (span := line.span(s.bed_at, s.wake_at)) is not None
                ],
                cramps=cramps,
                cramps_untimed=(night.cramp_count - len(cramps)) if night else 0,
                letters=letters,
                sleep_h=value(day + timedelta(days=1), "sleep_h"),
                caffeine_mg=value(day, "caffeine_mg"),
                drinks=value(day, "alcohol_drinks"),
                exercise_min=value(day, "exercise_min"),
                medicines_started=[m.name for m in started if m.started_on == day],
            )
        )
    return grid


# ---------------------------------------------------------------------------- other features


def _flag(match: MedicineMatchPublic) -> ClassFlag:
    found = match.association
    association = (
        ""
        if found is None
        else f"{found.measure} {found.ratio:g} ({found.ci_low:g}-{found.ci_high:g})"
    )
    return ClassFlag(
        class_name=match.class_name,
        evidence_grade=match.evidence_grade,
        association=association,
        source="; ".join(match.citations),
    )


def _medicines(medicines: Sequence[MedicinePublic], start: date, end: date) -> list[MedicineLine]:
    """Medicines taken at some time in the period (an unknown start counts as before it)."""
    return [
        MedicineLine(
            name=m.name,
            dose=m.dose,
            started_on=m.started_on,
            stopped_on=m.stopped_on,
            flags=[_flag(x) for x in m.matches],
        )
        for m in medicines
        if (m.started_on is None or m.started_on <= end)
        and (m.stopped_on is None or m.stopped_on >= start)
    ]


def _magnesium(
    session: Session, owner: Owner, start: date, end: date, now: datetime
) -> MagnesiumSummary:
    frame = dailyvalues_service.daily_frame(session=session, owner=owner, start=start, end=end)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    limit: float | None = None
    above: list[date] = []
    highest: float | None = None
    for day in days:
        intake = nutrition_service.get_day(
            session=session, owner=owner, day=day, with_gaps=False, now=now
        )
        limit = intake.targets.supplemental_magnesium_limit_mg
        taken = intake.supplemental_magnesium_mg
        if taken is None:
            continue
        highest = taken if highest is None else max(highest, taken)
        if limit is not None and taken > limit:
            above.append(day)
    return MagnesiumSummary(
        limit_mg=limit,
        days_above=above,
        highest_mg=None if highest is None else round(highest),
        days_known=sum(1 for d in days if d in frame and frame[d].get("magnesium_mg") is not None),
        days=len(days),
    )


def _warnings(session: Session, owner: Owner, now: datetime) -> tuple[list[WarningLine], bool]:
    checkup = guidance_service.checkup(session=session, owner=owner, now=now)
    lines = [
        WarningLine(
            title=f.title, urgency=f.urgency, detail=f.detail, source=f.source, citation=f.citation
        )
        for f in checkup.findings
    ]
    return lines, bool(checkup.unanswered)


def _insights(session: Session, owner: Owner, now: datetime) -> InsightsSummary:
    public = insights_service.to_public(
        insights_service.insights(session=session, owner=owner, now=now, evaluate=False)
    )
    order = {"likely trigger": 0, "likely protective": 1, "no clear link": 2}
    shown = [
        FactorLine(
            factor=f.factor,
            verdict=f.verdict,
            odds_ratio=f.effect,
            ci_low=f.ci_low,
            ci_high=f.ci_high,
            q_value=f.q_value,
        )
        for f in public.factors
        if f.verdict != "not enough data"
        and f.effect is not None
        and f.ci_low is not None
        and f.ci_high is not None
    ]
    shown.sort(key=lambda f: (order.get(f.verdict, 3), f.q_value if f.q_value is not None else 1))
    return InsightsSummary(
        nights_used=public.nights_used,
        cramp_nights=public.cramp_nights,
        factors=shown,
        not_enough_data=sum(1 for f in public.factors if f.verdict == "not enough data"),
    )


def experiment_result(
    *, session: Session, owner: Owner, start: date, end: date
) -> ExperimentSummary | None:
    """The newest ended personal experiment (memo 1) whose nights overlap the period: its
    design and its verdict sentence; None when there is none."""
    line = experiments_service.report_line(session=session, owner=owner, start=start, end=end)
    return None if line is None else ExperimentSummary(design=line.design, verdict=line.verdict)


def _sources(medicines: Sequence[MedicineLine], warnings: Sequence[WarningLine]) -> list[str]:
    found: list[str] = []
    for text in [*(f.source for m in medicines for f in m.flags), *(w.citation for w in warnings)]:
        for one in text.split("; "):
            if one and one not in found:
                found.append(one)
    return found


def _missing(report: Report) -> list[str]:
    said = []
    if report.nights_logged < report.nights:
        said.append(
            f"{report.nights - report.nights_logged} of {report.nights} nights are not logged "
            "(unknown, not counted as cramp-free)."
        )
    cramps = report.cramps
    if cramps.time_unknown:
        said.append(f"Start time unknown for {cramps.time_unknown} of {cramps.cramps_with_detail}.")
    if cramps.duration_unknown:
        said.append(
            f"Duration unknown for {cramps.duration_unknown} of {cramps.cramps_with_detail}."
        )
    if cramps.cramps > cramps.cramps_with_detail:
        said.append(
            f"{cramps.cramps - cramps.cramps_with_detail} cramps come from imported daily counts "
            "without muscle, time or duration."
        )
    if cramps.sleep_rated_nights < report.nights_logged:
        said.append(
            f"Sleep disturbance not rated on {report.nights_logged - cramps.sleep_rated_nights} "
            f"of {report.nights_logged} logged nights."
        )
    magnesium = report.magnesium
    if magnesium.days_known < magnesium.days:
        said.append(
            f"Magnesium intake unknown on {magnesium.days - magnesium.days_known} of "
            f"{magnesium.days} days."
        )
    if not report.keeps_medicine_list:
        said.append("No medicine list is kept in the app: medicines are unknown, not none.")
    if report.person.birth_year is None:
        said.append("Year of birth not given.")
    return said


def build_report(
    *, session: Session, owner: Owner, start: date, end: date, now: datetime, grid: bool = False
) -> Report:
    """The report of ``owner``'s nights from ``start`` to ``end`` inclusive, as of ``now``;
    with ``grid``, page 2's night grid of the period's last 14 nights.

    Raises:
        Invalid: the period is reversed, in the future or longer than a year
            (:func:`check_period`).
    """
    check_period(start, end, owner=owner, now=now)
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    listed = [
        diary_service.to_night_public(n)
        for n in diary_service.list_nights(session=session, owner=owner, start=start, end=end)
    ]
    nights = dailyvalues_service.with_imported_counts(session=session, owner=owner, nights=listed)
    by_day = {n.night_of: n for n in nights}
    glance = min(GLANCE_NIGHTS, (end - start).days + 1)
    medicines = daylog_service.list_medicines(session=session, owner=owner)
    lines = _medicines(medicines, start, end)
    warnings, unanswered = _warnings(session, owner, now)
    report = Report(
        person=ReportPerson(name=person.display_name or None, birth_year=person.birth_year),
        start=start,
        end=end,
        generated_on=timing.today(owner, now),
        app_version=__version__,
        paper=paper_for(person.timezone),
        nights=(end - start).days + 1,
        nights_logged=sum(1 for n in nights if n.status != "unknown"),
        first=_span(by_day, start, start + timedelta(days=glance - 1)),
        last=_span(by_day, end - timedelta(days=glance - 1), end),
        spans_overlap=(end - start).days + 1 < 2 * GLANCE_NIGHTS,
        weeks=_weeks(by_day, start, end),
        cramps=_cramps(nights, owner),
        medicines=lines,
        keeps_medicine_list=bool(medicines),
        magnesium=_magnesium(session, owner, start, end, now),
        warnings=warnings,
        checkup_unanswered=unanswered,
        insights=_insights(session, owner, now),
        experiment=experiment_result(session=session, owner=owner, start=start, end=end),
        sources=_sources(lines, warnings),
        missing=[],
    )
    report.missing = _missing(report)
    if grid:
        report.grid = _night_grid(session, owner, start, end, by_day)
    return report

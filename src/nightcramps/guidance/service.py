"""Guidance operations. No HTTP and no terminal here: pages, API and CLI call these."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, time, timedelta

from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.conditions import Conditions
from nightcramps.content.citations import CITATIONS, cite
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import StretchCreate
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import CrampCreate, CrampPublic
from nightcramps.errors import NotFound
from nightcramps.guidance import knowledge, redflags, reminders, routines
from nightcramps.guidance.constants import LOOKBACK_DAYS, NEW_MEDICINE_WINDOW_DAYS
from nightcramps.guidance.knowledge import Entry, Kind
from nightcramps.guidance.models import GuidanceReminder
from nightcramps.guidance.redflags import DiaryFacts, Finding
from nightcramps.guidance.schemas import (
    CheckupAnswers,
    CheckupPublic,
    CheckupQuestionPublic,
    CitationPublic,
    CrampNowCreate,
    FindingPublic,
    GuidanceEntryPublic,
    ReminderPublic,
    RoutineLogCreate,
    RoutineLoggedPublic,
)
from nightcramps.owner import Owner
from nightcramps.timing import utcnow

# ---------------------------------------------------------------------------- knowledge base


def list_entries(*, kind: Kind | None = None) -> list[Entry]:
    """The knowledge base in reading order, optionally one kind only."""
    return [e for e in knowledge.ENTRIES if kind is None or e.kind == kind]


def get_entry(*, slug: str) -> Entry:
    """One entry.

    Raises:
        NotFound: no entry has that slug (the message points to the index).
    """
    try:
        return knowledge.BY_SLUG[slug]
    except KeyError:
        raise NotFound(
            f"There is no guidance page called {slug!r}; see the list at /guidance."
        ) from None


def guidance_for(factor_key: str) -> Entry:
    """The entry that explains a logged factor, e.g. ``guidance_for("magnesium_mg")``.

    Other features show it next to the factor with the ``guidance/_badge.html`` partial.

    Raises:
        NotFound: the key is not one of ``knowledge.FACTOR_KEYS`` (the message lists them).
    """
    try:
        return knowledge.BY_FACTOR[factor_key]
    except KeyError:
        raise NotFound(
            f"No guidance is linked to {factor_key!r}; use one of "
            f"{', '.join(knowledge.FACTOR_KEYS)}."
        ) from None


def to_citation_public(key: str) -> CitationPublic:
    """The public view of a citation."""
    c = CITATIONS[key]
    return CitationPublic(
        key=c.key,
        authors=c.authors,
        title=c.title,
        source=c.source,
        year=c.year,
        accessed=c.accessed,
        locator=c.locator,
        kind=c.kind,
        short=c.short,
    )


def to_entry_public(entry: Entry) -> GuidanceEntryPublic:
    """The public view of an entry."""
    return GuidanceEntryPublic(
        slug=entry.slug,
        title=entry.title,
        kind=entry.kind,
        grade=entry.grade,
        grade_meaning=knowledge.GRADES[entry.grade],
        summary=entry.summary,
        article_claim=entry.article_claim,
        evidence=entry.evidence,
        grade_note=entry.grade_note,
        advice=entry.advice,
        citations=[to_citation_public(key) for key in entry.citations],
        factors=list(entry.factors),
        url=f"/guidance/{entry.slug}",
    )


# ---------------------------------------------------------------------------- red flags


def diary_facts(*, session: Session, owner: Owner, now: datetime | None = None) -> DiaryFacts:
    """What the red-flag rules need from the diary and the medicine list.

    Reads enough nights to cover the longest rule (a new medicine's window plus the weeks before
    it), so every rule sees the same facts.
    """
    today = diary_service.current_night(owner=owner, now=now)
    span = LOOKBACK_DAYS + NEW_MEDICINE_WINDOW_DAYS + LOOKBACK_DAYS
    start = today - timedelta(days=span)
    nights = [
        diary_service.to_night_public(n)
        for n in diary_service.list_nights(session=session, owner=owner, start=start, end=today)
    ]
    cramps = tuple(_cramp_fact(c, owner) for n in nights for c in n.cramps)
    known = tuple(
        redflags.NightFact(n.night_of, n.sleep_disturbance_0_10)
        for n in nights
        if n.status != "unknown"
    )
    medicine_from = today - timedelta(days=LOOKBACK_DAYS + NEW_MEDICINE_WINDOW_DAYS)
    medicines = tuple(
        redflags.MedicineFact(m.name, m.started_on, tuple(x.class_name for x in m.matches))
        for m in daylog_service.medicine_starts(
            session=session, owner=owner, start=medicine_from, end=today
        )
        if m.started_on is not None
    )
    return DiaryFacts(today=today, cramps=cramps, nights=known, medicines=medicines)


def _cramp_fact(cramp: CrampPublic, owner: Owner) -> redflags.CrampFact:
    hour = None if cramp.started_at is None else timing.local(cramp.started_at, owner.tz).hour
    return redflags.CrampFact(
        night_of=cramp.night_of,
        muscle=cramp.muscle,
        side=cramp.side,
        duration_min=cramp.duration_min,
        local_hour=hour,
        relief=tuple(cramp.relief),
        relief_effect=cramp.relief_effect,
    )


def screen_diary(*, session: Session, owner: Owner, now: datetime | None = None) -> list[Finding]:
    """The red flags in the person's diary over the last weeks, most urgent first."""
    return redflags.screen_diary(diary_facts(session=session, owner=owner, now=now))


def screen_answers(
    answers: CheckupAnswers | Mapping[str, bool | None],
    person: Conditions = redflags.UNKNOWN_PROFILE,
) -> list[Finding]:
    """The red flags raised by the questionnaire answers, most urgent first."""
    return redflags.screen_answers(_answer_values(answers), person)


def _answer_values(answers: CheckupAnswers | Mapping[str, bool | None]) -> dict[str, bool | None]:
    return dict(answers.model_dump() if isinstance(answers, CheckupAnswers) else answers)


def conditions(*, session: Session, owner: Owner, now: datetime | None = None) -> Conditions:
    """The profile the check-up adapts its questions to."""
    return accounts_service.conditions_for(session=session, owner=owner, now=now)


def questions(*, session: Session, owner: Owner) -> list[CheckupQuestionPublic]:
    """The check-up questions asked of this person, in order."""
    person = conditions(session=session, owner=owner)
    return [to_question_public(q) for q in redflags.questions_for(person)]


def to_question_public(question: redflags.Question) -> CheckupQuestionPublic:
    """The public view of a question."""
    return CheckupQuestionPublic(
        key=question.key,
        label=question.label,
        urgency=question.urgency,
        only_if=question.only_if,
        citation=cite(*question.citations),
    )


def checkup(
    *,
    session: Session,
    owner: Owner,
    answers: CheckupAnswers | Mapping[str, bool | None] | None = None,
    now: datetime | None = None,
) -> CheckupPublic:
    """The whole check-up: the answers (if any), the diary's last weeks and the profile.

    ``answers`` None means the questions were not asked at all; the result then lists every
    question as unanswered. Pages, the API and the CLI all call this.
    """
    person = conditions(session=session, owner=owner, now=now)
    values = {} if answers is None else _answer_values(answers)
    findings = [
        *redflags.screen_answers(values, person),
        *screen_diary(session=session, owner=owner, now=now),
        *redflags.screen_profile(person),
    ]
    return to_checkup_public(findings, unanswered=redflags.unanswered(values, person))


def to_finding_public(finding: Finding) -> FindingPublic:
    """The public view of a finding."""
    return FindingPublic(
        key=finding.key,
        urgency=finding.urgency,
        title=finding.title,
        message=finding.message,
        detail=finding.detail,
        source=finding.source,
        citation=finding.citation,
    )


def to_checkup_public(
    findings: Sequence[Finding], *, unanswered: Sequence[str] = ()
) -> CheckupPublic:
    """Findings with the headline and the action for the most urgent one."""
    ordered = redflags.sort_findings(findings)
    worst = redflags.worst_urgency(ordered)
    return CheckupPublic(
        urgency=worst,
        headline=None if worst is None else redflags.URGENCY_HEADLINES[worst],
        action=None if worst is None else redflags.URGENCY_ACTIONS[worst],
        findings=[to_finding_public(f) for f in ordered],
        unanswered=list(unanswered),
        safety_net=redflags.SAFETY_NET,
    )


# ---------------------------------------------------------------------------- routines


def log_routine(
    *, session: Session, owner: Owner, log_in: RoutineLogCreate, now: datetime | None = None
) -> RoutineLoggedPublic:
    """Log a finished routine as a stretching session in the day log.

    The session counts for the day (and night) it was done on: stretches at 00:30 count for the
    evening before. The caller commits.

    Raises:
        Invalid: the finishing time is in the future.
    """
    routine = routines.get_routine(log_in.routine)
    stretch = daylog_service.log_stretch(
        session=session,
        owner=owner,
        stretch_in=StretchCreate(
            routine=routine.name,
            duration_min=round(log_in.duration_min, 1) or 0.1,
            at=log_in.finished_at or (now or utcnow()),
        ),
        now=now,
    )
    return RoutineLoggedPublic(
        id=stretch.id,
        day=stretch.day,
        routine=stretch.routine,
        duration_min=stretch.duration_min,
        at=stretch.at,
    )


def get_reminder(*, session: Session, owner: Owner) -> time | None:
    """The person's bedtime-stretch reminder time, or None when none is set."""
    row = session.get(GuidanceReminder, owner.person_id)
    return None if row is None else row.remind_at


def set_reminder(*, session: Session, owner: Owner, remind_at: time | None) -> time | None:
    """Set (or with None, remove) the reminder time. The caller commits."""
    row = session.get(GuidanceReminder, owner.person_id)
    if remind_at is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(GuidanceReminder(person_id=owner.person_id, remind_at=remind_at))
    else:
        row.remind_at = remind_at
    session.flush()
    return remind_at


def stretched_tonight(*, session: Session, owner: Owner, now: datetime | None = None) -> bool:
    """Whether a stretching session is logged for tonight's day."""
    day = timing.tonight(owner, now)
    return bool(daylog_service.list_stretches(session=session, owner=owner, start=day, end=day))


def reminder_status(
    *, session: Session, owner: Owner, now: datetime | None = None
) -> ReminderPublic:
    """The reminder time, whether tonight's stretches are done, and whether to remind now."""
    moment = now or utcnow()
    clock = get_reminder(session=session, owner=owner)
    done = stretched_tonight(session=session, owner=owner, now=moment)
    due = reminders.is_due(
        clock,
        now=moment,
        night=timing.tonight(owner, moment),
        owner=owner,
        done_tonight=done,
    )
    url = None if clock is None else f"/routine/reminder.ics?time={clock:%H:%M}"
    return ReminderPublic(
        remind_at=None if clock is None else f"{clock:%H:%M}",
        due=due,
        done_tonight=done,
        calendar_url=url,
    )


def reminder_calendar(
    *, owner: Owner, clock: time, now: datetime | None = None, url: str | None = None
) -> bytes:
    """The reminder as an iCalendar file (a daily event with an alarm) in the person's zone."""
    return reminders.reminder_calendar(
        clock,
        tz=owner.tz,
        now=now or utcnow(),
        uid=f"bedtime-stretches-{owner.person_id}@nightcramps",
        url=url,
    )


# ---------------------------------------------------------------------------- cramp now


def log_cramp_now(
    *, session: Session, owner: Owner, cramp_in: CrampNowCreate, now: datetime | None = None
) -> CrampPublic:
    """Log a cramp timed on the cramp-now screen on the night its start time belongs to.

    Raises:
        Invalid: the start time is in the future.
    """
    cramp = diary_service.log_cramp(
        session=session,
        owner=owner,
        cramp_in=CrampCreate(
            at=cramp_in.started_at,
            muscle=cramp_in.muscle,
            side=cramp_in.side,
            severity_0_10=cramp_in.severity_0_10,
            duration_min=max(round(cramp_in.duration_s / 60, 2), 0.01),
            relief=list(cramp_in.relief),
            relief_effect=cramp_in.relief_effect,
            notes="Timed on the cramp-now screen.",
        ),
        now=now,
    )
    return diary_service.to_cramp_public(cramp)

"""The report's figures, built on a populated diary at the tests' fixed 'now'."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session

from nightcramps.errors import Invalid
from nightcramps.owner import Owner
from nightcramps.report import service
from nightcramps.report.schemas import Report
from tests.report.conftest import END, START


def _report(session: Session, owner: Owner, now: datetime) -> Report:
    return service.build_report(session=session, owner=owner, start=START, end=END, now=now)


def test_figures_of_the_diary(session: Session, diary: Owner, now: datetime) -> None:
    """Nights logged, cramp counts, severities, durations, muscles and sides are the diary's."""
    report = _report(session, diary, now)
    assert (report.nights, report.nights_logged) == (28, 9)
    assert report.generated_on == date(2026, 11, 24)
    assert report.spans_overlap  # a 4-week period: first and last 4 weeks are the same
    assert report.first.cramp_nights_per_week == round(5 * 7 / 9, 1)
    cramps = report.cramps
    assert (cramps.cramp_nights, cramps.cramps) == (5, 5)
    assert (cramps.typical_severity_0_10, cramps.worst_severity_0_10) == (7, 9)
    assert (cramps.median_duration_min, cramps.longest_duration_min) == (4, 12)
    assert [(c.label, c.count) for c in cramps.muscles] == [("calf", 4), ("foot", 1)]
    assert [(c.label, c.count) for c in cramps.sides] == [("left", 3), ("right", 1), ("both", 1)]
    assert [(c.label, c.count) for c in cramps.time_of_night] == [
        ("18:00-00:00", 1),
        ("00:00-03:00", 2),
        ("03:00-06:00", 2),
    ]
    stretch = next(r for r in cramps.relief if r.method == "stretch")
    assert (stretch.tried, stretch.helped, stretch.rated) == (2, 1, 1)


def test_medicines_flagged_and_magnesium(session: Session, diary: Owner, now: datetime) -> None:
    """The thiazide is flagged with its grade and source; magnesium above 350 mg is flagged."""
    report = _report(session, diary, now)
    thiazide = next(m for m in report.medicines if m.name == "Hydrochlorothiazide")
    assert thiazide.started_on == date(2026, 10, 15)
    (flag,) = thiazide.flags
    assert flag.evidence_grade == "moderate"
    assert "Garrison" in flag.source
    assert any("Garrison" in s for s in report.sources)
    assert report.magnesium.limit_mg == 350
    assert report.magnesium.days_above[0] == date(2026, 11, 1)
    assert "Magnesium intake unknown on 28 of 28 days." in report.missing


def test_what_is_missing_and_no_experiment(session: Session, diary: Owner, now: datetime) -> None:
    """Unlogged nights are said, never counted cramp-free; there is no experiment yet."""
    report = _report(session, diary, now)
    assert "19 of 28 nights are not logged (unknown, not counted as cramp-free)." in report.missing
    assert report.experiment is None
    assert report.checkup_unanswered


def test_empty_diary_is_unknown_not_zero(session: Session, owner: Owner, now: datetime) -> None:
    """With nothing logged, rates and medians are unknown (None), not 0."""
    report = _report(session, owner, now)
    assert report.nights_logged == 0
    assert report.first.cramp_nights_per_week is None
    assert report.cramps.typical_severity_0_10 is None
    assert not report.keeps_medicine_list


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (date(2026, 11, 10), date(2026, 11, 1), "swap from and to"),
        (date(2025, 11, 1), date(2026, 11, 23), "at most a year"),
        (date(2026, 11, 20), date(2026, 12, 1), "in the future"),
    ],
)
def test_refused_periods(
    session: Session, owner: Owner, now: datetime, start: date, end: date, words: str
) -> None:
    """A reversed, over-long or future period is refused with how to fix it."""
    with pytest.raises(Invalid, match=words):
        service.build_report(session=session, owner=owner, start=start, end=end, now=now)


@pytest.mark.parametrize(
    ("zone", "paper"),
    [("America/New_York", "Letter"), ("Europe/London", "A4"), ("UTC", "A4"), (None, "A4")],
)
def test_paper_by_country_of_the_time_zone(zone: str | None, paper: str) -> None:
    """US Letter in North America, A4 elsewhere and when unknown."""
    assert service.paper_for(zone) == paper


def test_default_period_is_12_weeks(owner: Owner, now: datetime) -> None:
    """Without dates the report covers the 84 nights ending last night."""
    start, end = service.default_period(owner=owner, now=now)
    assert end == date(2026, 11, 23)
    assert (end - start).days + 1 == 84

"""Page 2's night grid: each of the last 14 nights from 18:00 to 12:00, logged sleep, cramps at
their time, the evening's caffeine, alcohol and exercise; not logged kept apart from none."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import ActivityCreate, CaffeineCreate, SleepCreate
from nightcramps.owner import Owner
from nightcramps.report import service
from nightcramps.report.pdf import render_pdf
from nightcramps.report.schemas import GridNight, Report
from tests.factories import make_cramp
from tests.report.conftest import END, START, needs
from tests.report.test_pdf import _pages, _run


def _grid(
    session: Session, owner: Owner, now: datetime, start: date = START, end: date = END
) -> Report:
    return service.build_report(
        session=session, owner=owner, start=start, end=end, now=now, grid=True
    )


def _night(report: Report, day: date) -> GridNight:
    return next(n for n in report.grid if n.night_of == day)


def test_the_grid_is_asked_for(session: Session, diary: Owner, now: datetime) -> None:
    plain = service.build_report(session=session, owner=diary, start=START, end=END, now=now)
    assert plain.grid == []
    grid = _grid(session, diary, now).grid
    assert [n.night_of for n in grid] == [date(2026, 11, d) for d in range(10, 24)]
    short = _grid(session, diary, now, start=date(2026, 11, 20)).grid
    assert [n.night_of for n in short] == [date(2026, 11, d) for d in range(20, 24)]


def test_a_night_holds_its_sleep_cramps_and_evening(
    session: Session, diary: Owner, now: datetime
) -> None:
    """The night of Fri 20 Nov: slept 23:00-07:00, a cramp at 04:30 (severity 9), a coffee at
    20:00 and a walk at 19:00 that evening; positions are shares of the 18 hours."""
    bed = SleepCreate(bed_at=datetime(2026, 11, 20, 23), wake_at=datetime(2026, 11, 21, 7))
    daylog_service.log_entry(
        kind=daylog_service.SLEEP, entry_in=bed, session=session, owner=diary, now=now
    )
    coffee = CaffeineCreate(at=datetime(2026, 11, 20, 20), caffeine_mg=95)
    daylog_service.log_entry(
        kind=daylog_service.CAFFEINE, entry_in=coffee, session=session, owner=diary, now=now
    )
    walk = ActivityCreate(
        started_at=datetime(2026, 11, 20, 19),
        activity_type="walk",
        duration_min=40,
        intensity_0_10=3,
    )
    daylog_service.log_entry(
        kind=daylog_service.ACTIVITY, entry_in=walk, session=session, owner=diary, now=now
    )
    night = _night(_grid(session, diary, now), date(2026, 11, 20))
    assert night.status == "cramps"
    [sleep] = night.sleep
    assert (sleep.start, sleep.end, sleep.clock) == pytest.approx((5 / 18, 13 / 18, "23:00-07:00"))
    [cramp] = night.cramps
    assert cramp.at == pytest.approx(10.5 / 18)
    assert (cramp.clock, cramp.label, cramp.severity_0_10) == ("04:30", "calf", 9)
    assert {(m.label, m.clock) for m in night.letters} == {("C", "20:00"), ("E", "19:00")}
    assert night.letters[0].at == pytest.approx(2 / 18)
    assert (night.caffeine_mg, night.drinks, night.exercise_min) == (95, None, 40)


def test_not_logged_is_not_no_cramps(session: Session, diary: Owner, now: datetime) -> None:
    night = _night(_grid(session, diary, now), date(2026, 11, 12))
    assert night.status == "unknown"
    assert (night.cramps, night.sleep, night.caffeine_mg, night.drinks) == ([], [], None, None)


def test_a_night_with_a_clock_change_is_19_hours(
    session: Session, owner: Owner, now: datetime
) -> None:
    """London's clocks went back at 02:00 on Sun 25 Oct 2026: the night of the 24th runs from
    18:00 BST (17:00 UTC) to 12:00 GMT, 19 hours, and a cramp at 03:00 GMT is 10 hours in."""
    make_cramp(session, owner, now, at=datetime(2026, 10, 25, 3, 0))
    report = _grid(session, owner, now, start=date(2026, 10, 1), end=date(2026, 10, 30))
    night = _night(report, date(2026, 10, 24))
    [cramp] = night.cramps
    assert cramp.at == pytest.approx(10 / 19)
    assert cramp.clock == "03:00"


def test_the_pdf_has_the_grid_on_page_two(
    session: Session, diary: Owner, now: datetime, tmp_path: Path
) -> None:
    needs("pdftotext")
    path = tmp_path / "report.pdf"
    path.write_bytes(render_pdf(_grid(session, diary, now)))
    assert _pages(path) == 2
    second = _run("pdftotext", "-f", "2", "-l", "2", "-layout", path, "-")
    assert "Night grid: the last 14 nights" in second
    assert "04:30 calf 9" in second and "not logged" in second
    first = _run("pdftotext", "-f", "1", "-l", "1", "-layout", path, "-")
    assert "Night grid" not in first

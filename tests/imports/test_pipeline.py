"""The import pipeline itself, whatever the app: staging, storing, undo, repeats, precedence.

These tests hand the pipeline an :class:`Extract` as a parser would; each app's own tests read
real files (``test_<app>.py``), and ``test_doors.py`` goes through the CLI, the API and the page.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nightcramps.dailyvalues import dayview
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.models import DailyValue, ImportedWorkout, ImportRecord
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import DayUpdate
from nightcramps.errors import Conflict, NotFound
from nightcramps.housekeeping import STALLED_AFTER, close_stalled_imports
from nightcramps.imports import service
from nightcramps.imports.extract import Extract, SourceName, Workout
from nightcramps.owner import Owner
from tests.dailyvalues.people import make_owner

DAY = date(2026, 11, 20)


def _extract(source: SourceName = "apple-health", **values: float) -> Extract:
    extract = Extract(source=source)
    for name, value in values.items():
        extract.put(DAY, name, value)
    extract.records = len(values)
    return extract


def _store(
    session: Session, owner: Owner, extract: Extract, tmp_path: Path, content: str
) -> ImportRecord:
    path = tmp_path / f"{content}.xml"
    path.write_text(content)
    record, already = service.begin(session, owner, path=path, file_name=path.name)
    assert not already
    service.stage(session, owner, record, extract)
    return service.confirm(session, owner, record.id)


def _frame(session: Session, owner: Owner) -> dict[str, tuple[float, str]]:
    frame = dailyvalues_service.daily_frame(session=session, owner=owner, start=DAY, end=DAY)
    return {k: (v.value, v.source) for k, v in frame[DAY].values.items()} if DAY in frame else {}


def test_staged_values_are_counted_but_not_stored_until_confirmed(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    path = tmp_path / "export.xml"
    path.write_text("a")
    record, _ = service.begin(session, owner, path=path, file_name="export.xml")
    service.stage(session, owner, record, _extract(steps=8000, magnesium_mg=310))
    assert record.status == "preview"
    assert record.counts["steps"]["added"] == 1
    assert _frame(session, owner) == {}
    service.confirm(session, owner, record.id)
    assert _frame(session, owner) == {
        "steps": (8000, "apple-health"),
        "magnesium_mg": (310, "apple-health"),
    }
    assert record.status == "done" and record.staged is None


def test_undo_removes_exactly_what_the_import_added(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    kept = _store(session, owner, _extract("cronometer", potassium_mg=2900), tmp_path, "one")
    extract = _extract(steps=8000)
    extract.workouts.append(
        Workout(
            day=DAY,
            started_at=datetime(2026, 11, 20, 18, tzinfo=UTC),
            ended_at=datetime(2026, 11, 20, 18, 45, tzinfo=UTC),
            activity="Running",
            duration_min=45,
            energy_kcal=420,
        )
    )
    undone = _store(session, owner, extract, tmp_path, "two")
    assert session.scalar(select(func.count()).select_from(ImportedWorkout)) == 1
    service.undo(session, owner, undone.id)
    assert _frame(session, owner) == {"potassium_mg": (2900, "cronometer")}
    assert session.scalar(select(func.count()).select_from(ImportedWorkout)) == 0
    assert undone.status == "undone" and kept.status == "done"
    with pytest.raises(Conflict, match="only a stored import"):
        service.undo(session, owner, undone.id)


def test_the_same_file_twice_changes_nothing(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    first = _store(session, owner, _extract(steps=8000), tmp_path, "same")
    before = session.scalar(select(func.count()).select_from(DailyValue))
    record, already = service.begin(
        session, owner, path=tmp_path / "same.xml", file_name="renamed.xml"
    )
    assert already and record.id == first.id
    assert session.scalar(select(func.count()).select_from(DailyValue)) == before


def test_a_newer_export_counts_only_what_is_new_and_its_undo_brings_back_the_older(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    _store(session, owner, _extract(steps=5000), tmp_path, "november")
    newer = _extract(steps=9000, sleep_h=7.5)
    path = tmp_path / "december.xml"
    path.write_text("december")
    record, _ = service.begin(session, owner, path=path, file_name=path.name)
    service.stage(session, owner, record, newer)
    assert record.counts["steps"] == {**record.counts["steps"], "changed": 1, "added": 0}
    assert record.counts["sleep_h"]["added"] == 1
    service.confirm(session, owner, record.id)
    assert _frame(session, owner)["steps"] == (9000, "apple-health")
    service.undo(session, owner, record.id)
    assert _frame(session, owner) == {"steps": (5000, "apple-health")}


def test_two_apps_for_the_same_day_are_never_added(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    _store(session, owner, _extract("apple-health", magnesium_mg=250), tmp_path, "apple")
    _store(session, owner, _extract("cronometer", magnesium_mg=310), tmp_path, "crono")
    assert _frame(session, owner)["magnesium_mg"] == (310, "cronometer")


def test_what_the_person_logged_wins_and_is_counted_in_the_preview(
    session: Session, owner: Owner, tmp_path: Path, now: datetime
) -> None:
    daylog_service.update_day(
        session=session, owner=owner, day=DAY, day_in=DayUpdate(steps=12000), now=now
    )
    path = tmp_path / "export.xml"
    path.write_text("x")
    record, _ = service.begin(session, owner, path=path, file_name=path.name)
    service.stage(session, owner, record, _extract(steps=3000))
    assert record.counts["steps"]["kept"] == 1
    service.confirm(session, owner, record.id)
    assert _frame(session, owner)["steps"] == (12000, "daylog")
    view = dayview.day_values(session=session, owner=owner, day=DAY)
    assert view["steps"].imported is False


def test_imported_values_show_their_app_on_the_day_and_food_views(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    _store(session, owner, _extract("cronometer", magnesium_mg=298, in_bed_h=8), tmp_path, "c")
    food = dayview.imported_food_values(session=session, owner=owner, day=DAY)
    assert food["magnesium_mg"].value == 298
    assert "Cronometer" in food["magnesium_mg"].note
    view = dayview.day_values(session=session, owner=owner, day=DAY)
    assert view["in_bed_h"].imported and view["in_bed_h"].source == "cronometer"


def test_values_outside_the_limits_or_unknown_names_are_skipped_with_a_reason(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    extract = _extract(steps=500_000, fluid_ml=1500)
    extract.put(DAY, "heart_rate", 60)
    path = tmp_path / "export.xml"
    path.write_text("y")
    record, _ = service.begin(session, owner, path=path, file_name=path.name)
    service.stage(session, owner, record, extract)
    assert set(record.counts) == {"fluid_ml"}
    assert any("steps walked" in reason for reason in record.skipped)
    assert any("heart_rate" in reason for reason in record.skipped)


def test_another_persons_import_is_not_found(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    record = _store(session, owner, _extract(steps=100), tmp_path, "mine")
    other = make_owner(session)
    with pytest.raises(NotFound, match="no import number"):
        service.undo(session, other, record.id)
    assert service.list_imports(session, other) == []


def test_a_preview_can_be_discarded_but_a_stored_import_only_undone(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    path = tmp_path / "export.xml"
    path.write_text("z")
    record, _ = service.begin(session, owner, path=path, file_name=path.name)
    service.stage(session, owner, record, _extract(steps=100))
    service.discard(session, owner, record.id)
    assert service.list_imports(session, owner) == []
    stored = _store(session, owner, _extract(steps=100), tmp_path, "kept")
    with pytest.raises(Conflict, match="use undo"):
        service.discard(session, owner, stored.id)


def test_an_import_whose_reader_stopped_is_closed_as_failed(
    session: Session, owner: Owner, tmp_path: Path
) -> None:
    path = tmp_path / "export.xml"
    path.write_text("w")
    record, _ = service.begin(session, owner, path=path, file_name=path.name)
    session.flush()
    reading_since = record.updated_at
    assert close_stalled_imports(session, now=reading_since + STALLED_AFTER / 2) == 0
    assert close_stalled_imports(session, now=reading_since + 2 * STALLED_AFTER) == 1
    session.refresh(record)
    assert record.status == "failed" and "Import the file again" in record.error

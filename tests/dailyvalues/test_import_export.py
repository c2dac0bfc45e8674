"""Importing and exporting the daily CSV through the service, the CLI and the API."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.columns import CSV_HEADER, FACTOR_COLUMNS
from nightcramps.dailyvalues.csvfile import format_number
from nightcramps.dailyvalues.frame import SourcedValue
from nightcramps.dailyvalues.models import DailyValue
from nightcramps.diary import service as diary_service
from nightcramps.errors import Invalid
from nightcramps.owner import Owner
from tests.dailyvalues.people import make_owner
from tests.factories import make_cramp, make_free_night

HEADER = ",".join(CSV_HEADER)


def _csv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _export(session: Session, owner: Owner, now: datetime) -> str:
    return dailyvalues_service.export_daily_csv(session=session, owner=owner, now=now)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_import_creates_nights_and_values(session: Session, owner: Owner, now: datetime) -> None:
    """Counts become diary nights (0 = no cramps), factors become values with source import."""
    text = _csv(
        "2026-11-01,2,7,1400,250,,,,4000,,1,,,7.5",
        "2026-11-02,0,,2100,,,,,,,0,,,",
        "2026-11-03,,,1800,,,,,,,,,,",
    )
    summary = dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text, now=now)
    assert (summary.rows, summary.values_added, summary.nights_created) == (3, 11, 2)
    diary = [
        diary_service.to_night_public(n)
        for n in diary_service.list_nights(session=session, owner=owner)
    ]
    # No per-cramp detail is invented: the nights exist, the counts live in the daily values.
    assert [(n.night_of, n.status, n.cramps) for n in diary] == [
        (date(2026, 11, 2), "unknown", []),
        (date(2026, 11, 1), "unknown", []),
    ]  # blank cramps on the 3rd: that night was not logged
    shown = dailyvalues_service.with_imported_counts(session=session, owner=owner, nights=diary)
    assert [(n.status, n.cramp_count, n.counted_from) for n in shown] == [
        ("no_cramps", 0, "import"),
        ("cramps", 2, "import"),
    ]
    frame = dailyvalues_service.daily_frame(
        session=session, owner=owner, start=date(2026, 11, 1), end=date(2026, 11, 3)
    )
    assert frame[date(2026, 11, 1)].values["cramps"].source == "import"
    assert frame[date(2026, 11, 1)].get("cramps") == 2
    assert frame[date(2026, 11, 2)].values["cramps"] == SourcedValue(0, "import")
    assert frame[date(2026, 11, 3)].get("cramps") is None
    assert frame[date(2026, 11, 3)].get("magnesium_mg") is None


def test_import_twice_changes_nothing(session: Session, owner: Owner, now: datetime) -> None:
    """A second import of the same file adds, changes and creates nothing."""
    text = _csv("2026-11-01,2,7,1400,,,,,,,1,,,", "2026-11-02,0,,2100,,,,,,,,,,")
    dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text, now=now)
    session.commit()
    before = _export(session, owner, now)
    stamps = [n.updated_at for n in diary_service.list_nights(session=session, owner=owner)]
    again = dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text, now=now)
    session.commit()
    assert (again.values_added, again.values_changed, again.nights_created) == (0, 0, 0)
    assert again.values_unchanged == 6
    assert _export(session, owner, now) == before
    assert [n.updated_at for n in diary_service.list_nights(session=session, owner=owner)] == stamps


def test_bad_file_is_rejected_whole(session: Session, owner: Owner, now: datetime) -> None:
    """One good row and several bad cells: nothing is stored and each problem is named."""
    text = _csv("2026-11-01,2,7,1400,,,,,,,1,,,", "2026-11-02,x,,-5,,,,,,,2,,,")
    with pytest.raises(Invalid) as caught:
        dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text, now=now)
    assert set(caught.value.fields) == {
        "line 3, column 2 (cramps)",
        "line 3, column 4 (fluid_ml)",
        "line 3, column 11 (stretched)",
    }
    assert len(caught.value.extra["problems"]) == 3
    assert session.scalar(select(func.count()).select_from(DailyValue)) == 0
    assert diary_service.list_nights(session=session, owner=owner) == []


def test_detailed_diary_entries_win(session: Session, owner: Owner, now: datetime) -> None:
    """A night logged in detail keeps its own count; the imported count does not add to it."""
    make_cramp(session, owner, now=now)  # night of 23 Nov, severity 7
    make_free_night(session, owner, date(2026, 11, 20), now=now)
    text = _csv("2026-11-23,3,9,,,,,,,,,,,", "2026-11-20,2,5,,,,,,,,,,,")
    dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text, now=now)
    rows = {r["date"]: r for r in _rows(_export(session, owner, now))}
    assert (rows["2026-11-23"]["cramps"], rows["2026-11-23"]["worst_severity_0_10"]) == ("1", "7")
    assert (rows["2026-11-20"]["cramps"], rows["2026-11-20"]["worst_severity_0_10"]) == ("0", "")
    night = diary_service.get_night(session=session, owner=owner, day=date(2026, 11, 20))
    assert diary_service.night_status(night) == "no_cramps"


def test_export_range(session: Session, owner: Owner, now: datetime) -> None:
    """--from/--to limit the rows; nights with nothing known are not written."""
    text = _csv("2026-11-01,1,,,,,,,,,,,,", "2026-11-05,0,,,,,,,,,,,,", "2026-11-09,1,,,,,,,,,,,,")
    dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text, now=now)
    out = dailyvalues_service.export_daily_csv(
        session=session, owner=owner, start=date(2026, 11, 2), end=date(2026, 11, 9), now=now
    )
    assert [r["date"] for r in _rows(out)] == ["2026-11-05", "2026-11-09"]


def _cell(column: Any) -> st.SearchStrategy[str]:
    if column.kind == "flag":
        return st.sampled_from(["", "0", "1"])
    if column.kind == "int":
        return st.one_of(st.just(""), st.integers(0, int(column.high)).map(str))
    numbers = st.floats(0, column.high, allow_nan=False, allow_infinity=False)
    return st.one_of(st.just(""), numbers.map(repr), st.integers(0, int(column.high)).map(str))


@st.composite
def daily_files(draw: st.DrawFn) -> str:
    days = draw(st.sets(st.integers(0, 400), min_size=1, max_size=8))
    lines = [HEADER]
    for offset in sorted(days):
        day = date.fromordinal(date(2025, 10, 1).toordinal() + offset)
        cramps = draw(st.one_of(st.just(""), st.integers(0, 5).map(str)))
        worst = "" if cramps in ("", "0") else draw(st.sampled_from(["", "3", "8"]))
        factors = [draw(_cell(c)) for c in FACTOR_COLUMNS]
        lines.append(",".join([day.isoformat(), cramps, worst, *factors]))
    return "\n".join(lines) + "\n"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=daily_files())
def test_round_trip(session: Session, now: datetime, text: str) -> None:
    """export → import (into a fresh person) → export gives the same file."""
    first = make_owner(session, "a")
    dailyvalues_service.import_daily_csv(session=session, owner=first, text=text, now=now)
    exported = _export(session, first, now)
    second = make_owner(session, "b")
    dailyvalues_service.import_daily_csv(session=session, owner=second, text=exported, now=now)
    assert _export(session, second, now) == exported
    assert _rows(exported) == [
        {k: v if k == "date" else _canon(v) for k, v in r.items()}
        for r in _rows(text)
        if any(list(r.values())[1:])
    ]
    session.rollback()


def _canon(text: str) -> str:
    return "" if text == "" else format_number(float(text))


def test_cli_export_and_import(cli: Callable[..., Any], tmp_path: Any) -> None:
    """`import daily-csv FILE` then `export daily-csv --output` writes the same rows back."""
    source = tmp_path / "in.csv"
    source.write_text(_csv("2026-11-01,1,4,1500,,,,,,,1,,,", "2026-11-02,0,,,,,,,,,,,,8"))
    imported = cli("import", "daily-csv", str(source), "--json")
    assert imported.exit_code == 0, imported.output
    assert '"rows": 2' in imported.stdout
    target = tmp_path / "out.csv"
    exported = cli("export", "daily-csv", "--from", "2026-11-01", "--output", str(target))
    assert exported.exit_code == 0, exported.output
    assert target.read_text() == source.read_text()
    printed = cli("export", "daily-csv", "--from", "2026-11-01")
    assert printed.stdout == source.read_text()


def test_cli_bad_file_lists_problems(cli: Callable[..., Any], tmp_path: Any) -> None:
    """A bad file exits non-zero, names each line and column, and imports nothing."""
    source = tmp_path / "bad.csv"
    source.write_text(_csv("2026-11-01,1,4,abc,,,,,,,1,,,", "2026-11-02,0,,,,,,,,,,,,99"))
    result = cli("import", "daily-csv", str(source))
    assert result.exit_code == 1
    assert "line 2, column 4 (fluid_ml)" in result.stderr
    assert "line 3, column 14 (sleep_h)" in result.stderr
    assert cli("export", "daily-csv").stdout == HEADER + "\n"
    missing = cli("import", "daily-csv", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and "no file" in missing.stderr


def test_api_import_and_export(client: TestClient) -> None:
    """POST the CSV body, GET it back; a bad body is 422 with each problem and nothing stored."""
    text = _csv("2026-11-01,1,4,1500,,,,,,,1,,,")
    answer = client.post(
        "/api/v1/import/daily-csv", content=text, headers={"Content-Type": "text/csv"}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["values_added"] == 4
    exported = client.get("/api/v1/export/daily.csv", params={"from": "2026-10-01"})
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.text == text
    bad = client.post(
        "/api/v1/import/daily-csv",
        content=_csv("2026-11-02,1,4,1500,,,,,,,7,,,", "bad-date,,,,,,,,,,,,,"),
        headers={"Content-Type": "text/csv"},
    )
    assert bad.status_code == 422
    assert set(bad.json()["fields"]) == {"line 2, column 11 (stretched)", "line 3, column 1 (date)"}
    assert client.get("/api/v1/export/daily.csv", params={"to": "0010-01-01"}).status_code == 422
    values = client.get("/api/v1/daily-values", params={"from": "2026-10-01"}).json()
    assert values["count"] == 1
    assert values["data"][0]["values"]["fluid_ml"] == {"value": 1500.0, "source": "import"}


def test_page_upload_and_download(client: TestClient) -> None:
    """The page imports an uploaded file, shows problems of a bad one, and offers the download."""
    page = client.get("/data/daily")
    assert page.status_code == 200
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    good = client.post(
        "/data/daily",
        data={"csrf_token": token},
        files={"file": ("d.csv", _csv("2026-11-01,0,,,,,,,,,,,,"), "text/csv")},
    )
    assert good.status_code == 200 and "Imported 1 night" in good.text
    bad = client.post(
        "/data/daily",
        data={"csrf_token": token},
        files={"file": ("d.csv", _csv("2026-11-03,zz,,,,,,,,,,,,"), "text/csv")},
    )
    assert bad.status_code == 422
    assert "line 2, column 2 (cramps)" in bad.text
    download = client.get("/data/daily.csv", params={"from": "2026-10-01"})
    assert download.text.splitlines()[1].startswith("2026-11-01,0")


def test_people_are_isolated(client: TestClient, session: Session, now: datetime) -> None:
    """Another person's imported values never appear in this person's export."""
    other = make_owner(session, "other")
    dailyvalues_service.import_daily_csv(
        session=session, owner=other, text=_csv("2026-11-01,3,9,900,,,,,,,,,,"), now=now
    )
    session.commit()
    assert client.get("/api/v1/export/daily.csv").text == HEADER + "\n"


def test_day_log_entries_win_over_imported_values(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A stretch logged in the day log replaces the imported 'not stretched'; nothing adds up."""
    from nightcramps.daylog import service as daylog_service
    from nightcramps.daylog.schemas import StretchCreate

    text = _csv("2026-11-01,0,,1500,,,,,,,0,,,", "2026-11-02,0,,1500,,,,,,,0,,,")
    dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text, now=now)
    daylog_service.log_stretch(
        session=session,
        owner=owner,
        stretch_in=StretchCreate(routine="bedtime calf", day=date(2026, 11, 1)),
        now=now,
    )
    frame = dailyvalues_service.daily_frame(
        session=session, owner=owner, start=date(2026, 11, 1), end=date(2026, 11, 2)
    )
    assert frame[date(2026, 11, 1)].values["stretched"].source == "daylog"
    assert frame[date(2026, 11, 1)].get("stretched") == 1
    assert frame[date(2026, 11, 2)].values["stretched"].source == "import"
    assert frame[date(2026, 11, 1)].values["fluid_ml"].source == "import"
    rows = {r["date"]: r for r in _rows(_export(session, owner, now))}
    assert rows["2026-11-01"]["stretched"] == "1" and rows["2026-11-02"]["stretched"] == "0"


def test_combine_rule_keeps_one_value_per_day_and_factor() -> None:
    """Detailed sources win in order (caffeine's add up); the diary's outcome comes as a pair."""
    from nightcramps.dailyvalues.frame import NightOutcome, SourcedValue, combine

    day = date(2026, 11, 1)
    frame = combine(
        outcomes={day: NightOutcome(0, None)},
        detailed={
            "nutrition": {day: {"caffeine_mg": 120.0, "fluid_ml": None}},
            "daylog": {day: {"caffeine_mg": 80.0, "steps": None}},
        },
        imported={
            day: {
                "cramps": SourcedValue(3, "import"),
                "worst_severity_0_10": SourcedValue(8, "import"),
                "fluid_ml": SourcedValue(1400, "import"),
                "caffeine_mg": SourcedValue(500, "import"),
            }
        },
    )
    values = frame[day].values
    assert values["cramps"] == SourcedValue(0, "diary")
    assert "worst_severity_0_10" not in values
    assert values["caffeine_mg"] == SourcedValue(
        200, "nutrition+daylog", (("nutrition", 120), ("daylog", 80))
    )
    assert values["fluid_ml"] == SourcedValue(1400, "import")
    assert "steps" not in values

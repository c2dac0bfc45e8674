"""The daily-CSV import's limits and encodings, the same through the CLI, the API and the page.

Every door decodes the file with one function (UTF-8, optional byte-order mark) and reads any
line ends; a file over 5 MB (in bytes) is refused without being read whole, and one spanning more
than ten years is refused before any row is parsed, with its first and last night named.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.models import DailyValue
from nightcramps.errors import Invalid
from nightcramps.owner import Owner

API = "/api/v1/import/daily-csv"
CSV = {"Content-Type": "text/csv"}


def _stored(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DailyValue)) or 0


def _page_token(client: TestClient) -> str:
    return client.get("/data/daily").text.split('name="csrf_token" value="')[1].split('"')[0]


def _upload(client: TestClient, data: bytes) -> Any:
    return client.post(
        "/data/daily",
        data={"csrf_token": _page_token(client)},
        files={"file": ("days.csv", data, "text/csv")},
    )


LINE_ENDS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r", "mixed": None}


def _two_nights(ends: str | None) -> bytes:
    lines = ["\ufeffdate,cramps,fluid_ml", "2026-11-01,1,1500", "2026-11-02,0,"]
    if ends is None:  # CR after the header, CRLF after the first row, LF at the end
        return f"{lines[0]}\r{lines[1]}\r\n{lines[2]}\n".encode()
    return (ends.join(lines) + ends).encode()


@pytest.mark.parametrize("name", sorted(LINE_ENDS))
def test_every_door_reads_any_line_ends(
    name: str, cli: Callable[..., Any], client: TestClient, tmp_path: Path
) -> None:
    """LF, CRLF, CR alone and a mix, with a byte-order mark: the CLI, the API and the page all
    import the same two nights (the API and the page used to refuse CR with 422)."""
    data = _two_nights(LINE_ENDS[name])
    source = tmp_path / "days.csv"
    source.write_bytes(data)
    by_cli = cli("import", "daily-csv", str(source), "--json")
    assert by_cli.exit_code == 0, by_cli.output
    assert '"rows": 2' in by_cli.stdout and '"values_added": 3' in by_cli.stdout
    by_api = client.post(API, content=data, headers=CSV)
    assert by_api.status_code == 200, by_api.text
    assert (by_api.json()["rows"], by_api.json()["values_unchanged"]) == (2, 3)
    by_page = _upload(client, data)
    assert by_page.status_code == 200 and "Imported 2 night(s)" in by_page.text


def test_the_size_limit_counts_bytes(
    cli: Callable[..., Any], client: TestClient, session: Session, tmp_path: Path
) -> None:
    """2.6 million characters of 'é' are 5.2 MB: over the limit at every door, said as such
    (the limit used to count characters, so the file went on to be parsed)."""
    data = ("date,cramps\n" + "é" * 2_600_000).encode()
    assert len(data) > dailyvalues_service.MAX_IMPORT_BYTES > len(data.decode())
    source = tmp_path / "big.csv"
    source.write_bytes(data)
    by_cli = cli("import", "daily-csv", str(source))
    assert by_cli.exit_code == 1
    assert "larger than 5 MB, so it was not read" in by_cli.stderr
    by_api = client.post(API, content=data, headers=CSV)
    assert by_api.status_code == 422
    assert "larger than 5 MB" in by_api.json()["detail"]
    assert by_api.json()["fields"] == {"file": "larger than 5,000,000 bytes"}
    by_page = _upload(client, data)
    assert by_page.status_code == 422 and "larger than 5 MB" in by_page.text
    assert _stored(session) == 0


def test_the_cli_does_not_read_a_huge_file_whole(cli: Callable[..., Any], tmp_path: Path) -> None:
    """A 200 MB file is refused after reading one byte past the limit: the command's memory
    stays far below the file's size (it used to read it all as text, ~500 MB)."""
    source = tmp_path / "huge.csv"
    with source.open("wb") as out:
        out.truncate(200_000_000)  # sparse: 200 MB of NULs without writing them
    tracemalloc.start()
    try:
        result = cli("import", "daily-csv", str(source))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1 and "larger than 5 MB" in result.stderr
    assert peak < 30_000_000, f"peak {peak / 1e6:.0f} MB"


def _since(first: date, last: date, bad_line: int | None = None) -> str:
    days = (last - first).days + 1
    rows = [f"{first + timedelta(days=k)},0" for k in range(days)]
    if bad_line is not None:
        rows[bad_line - 2] = f"{first + timedelta(days=bad_line - 2)},lots"
    return "date,cramps\n" + "\n".join(rows) + "\n"


def test_more_than_ten_years_is_refused_before_any_row_is_read(
    cli: Callable[..., Any], client: TestClient, session: Session, tmp_path: Path
) -> None:
    """Every night since 1900: refused with the limit, the file's first and last night and the
    fix (split it), before the rows are parsed (a bad cell in the middle is not even reached)."""
    text = _since(date(1900, 1, 1), date(2026, 11, 20), bad_line=20_000)
    source = tmp_path / "since-1900.csv"
    source.write_text(text)
    by_cli = cli("import", "daily-csv", str(source))
    assert by_cli.exit_code == 1
    said = by_cli.stderr
    assert "covers 1900-01-01 to 2026-11-20 (46,345 nights)" in said
    assert "at most ten years (3,660 days" in said and "Split it into files" in said
    assert "lots" not in said and "too early" not in said
    by_api = client.post(API, content=text.encode(), headers=CSV)
    assert by_api.status_code == 422
    assert by_api.json()["fields"] == {
        "file": "covers 1900-01-01 to 2026-11-20; at most ten years at a time"
    }
    by_page = _upload(client, text.encode())
    assert by_page.status_code == 422 and "Split it into files" in by_page.text
    assert _stored(session) == 0


def test_exactly_ten_years_is_imported(session: Session, owner: Owner, now: datetime) -> None:
    """A first and last night 3,660 days apart (the diary's longest range) are one import; a day
    more is refused. Dates that cannot be imported do not count towards the span."""
    first, last = date(2016, 11, 10), date(2026, 11, 18)
    assert (last - first).days == dailyvalues_service.MAX_SPAN_DAYS
    text = f"date,cramps\n{first},1\n{last},0\n"
    summary = dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text, now=now)
    assert (summary.first_night, summary.last_night, summary.nights_created) == (first, last, 2)
    longer = f"date,cramps\n{first - timedelta(days=1)},1\n{last},0\n"
    with pytest.raises(Invalid, match="at most ten years"):
        dailyvalues_service.import_daily_csv(session=session, owner=owner, text=longer, now=now)
    # A future night and a typo'd year are the rows' own problems, not a span.
    odd = f"date,cramps\n0206-01-01,1\n{last},0\n2099-01-01,0\n"
    with pytest.raises(Invalid) as caught:
        dailyvalues_service.import_daily_csv(session=session, owner=owner, text=odd, now=now)
    assert set(caught.value.fields) == {"line 2, column 1 (date)", "line 4, column 1 (date)"}


def test_not_utf8_names_the_line(
    cli: Callable[..., Any], client: TestClient, tmp_path: Path
) -> None:
    """A Latin-1 file is refused by every door with the same fix and the line it fails on."""
    data = "date,cramps\n2026-11-01,1\n2026-11-02,0 café\n".encode("latin-1")
    source = tmp_path / "latin1.csv"
    source.write_bytes(data)
    by_cli = cli("import", "daily-csv", str(source))
    assert by_cli.exit_code == 1
    assert "not UTF-8 text (line 3 is not); save the spreadsheet as 'CSV UTF-8'" in by_cli.stderr
    by_api = client.post(API, content=data, headers=CSV)
    assert by_api.status_code == 422
    assert by_api.json()["fields"] == {"file": "not UTF-8 (line 3)"}
    assert "line 3" in _upload(client, data).text

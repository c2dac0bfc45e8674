"""The report through its front doors: the CLI, the API's PDF and the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from nightcramps.owner import Owner
from tests.report.test_pdf import _pages

Cli = Callable[..., Any]


def test_cli_writes_the_pdf(cli: Cli, diary: Owner, tmp_path: Path) -> None:
    """`report --from --to -o` writes a PDF and says where."""
    del diary
    out = tmp_path / "report.pdf"
    result = cli("report", "--from", "2026-10-27", "--to", "2026-11-23", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Wrote the report of the nights 2026-10-27 to 2026-11-23" in result.output


def test_cli_defaults_to_the_last_12_weeks(cli: Cli, tmp_path: Path) -> None:
    """Without dates: the 84 nights ending last night by the app's clock."""
    result = cli("report", "-o", str(tmp_path / "r.pdf"))
    assert result.exit_code == 0, result.output
    assert "nights 2026-09-01 to 2026-11-23" in result.output


def test_cli_refuses_reversed_and_long_periods(cli: Cli, tmp_path: Path) -> None:
    """--from after --to, or more than a year, is refused with how to fix it."""
    out = str(tmp_path / "r.pdf")
    reversed_ = cli("report", "--from", "2026-11-10", "--to", "2026-11-01", "-o", out)
    assert reversed_.exit_code == 1
    assert "swap from and to" in reversed_.output
    long = cli("report", "--from", "2025-01-01", "--to", "2026-11-01", "-o", out)
    assert long.exit_code == 1
    assert "A report covers at most a year" in long.output
    bad = cli("report", "--from", "10/11/2026", "-o", out)
    assert bad.exit_code == 1
    assert "write it as YYYY-MM-DD" in bad.output
    assert not Path(out).exists()


def test_api_answers_a_pdf(client: TestClient, diary: Owner) -> None:
    """GET /api/v1/report.pdf answers 200 application/pdf as an attachment."""
    del diary
    response = client.get("/api/v1/report.pdf", params={"from": "2026-10-27", "to": "2026-11-23"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"%PDF-")


def test_api_refuses_bad_dates_with_a_message(client: TestClient) -> None:
    """A malformed date, or a reversed period, is a 422 with a message."""
    malformed = client.get("/api/v1/report.pdf", params={"from": "yesterday"})
    assert malformed.status_code == 422
    assert malformed.json()["detail"]
    reversed_ = client.get("/api/v1/report.pdf", params={"from": "2026-11-10", "to": "2026-11-01"})
    assert reversed_.status_code == 422
    assert "swap from and to" in reversed_.json()["detail"]


def test_page_previews_and_links_the_pdf(client: TestClient, diary: Owner) -> None:
    """/report shows the report and a link to the PDF of the same period."""
    del diary
    page = client.get("/report", params={"from": "2026-10-27", "to": "2026-11-23"})
    assert page.status_code == 200
    assert "Nights logged 9 of 28" in page.text
    assert 'href="/report.pdf?from=2026-10-27&amp;to=2026-11-23"' in page.text
    pdf = client.get("/report.pdf", params={"from": "2026-10-27", "to": "2026-11-23"})
    assert pdf.headers["content-type"] == "application/pdf"
    css = client.get("/report/report.css")
    assert css.headers["content-type"].startswith("text/css")


def test_page_says_a_bad_period_beside_the_form(client: TestClient) -> None:
    """A reversed period is said on the page (422), with the form kept."""
    page = client.get("/report", params={"from": "2026-11-10", "to": "2026-11-01"})
    assert page.status_code == 422
    assert 'role="alert"' in page.text
    assert "swap from and to" in page.text
    assert 'value="2026-11-10"' in page.text


def test_the_grid_through_each_door(
    cli: Cli, client: TestClient, diary: Owner, tmp_path: Path
) -> None:
    """--grid, grid=true and the page's box each add page 2, the night grid."""
    del diary
    out = tmp_path / "grid.pdf"
    result = cli("report", "--to", "2026-11-23", "--grid", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert _pages(out) == 2
    api = client.get("/api/v1/report.pdf", params={"to": "2026-11-23", "grid": "true"})
    assert api.status_code == 200
    (tmp_path / "api.pdf").write_bytes(api.content)
    assert _pages(tmp_path / "api.pdf") == 2
    page = client.get("/report", params={"from": "2026-10-27", "to": "2026-11-23", "grid": "1"})
    assert "Night grid: the last 14 nights" in page.text
    assert 'href="/report.pdf?from=2026-10-27&amp;to=2026-11-23&amp;grid=true"' in page.text
    plain = client.get("/report", params={"from": "2026-10-27", "to": "2026-11-23"})
    assert "Night grid" not in plain.text

"""The Backup page in a real Chromium: it renders and passes axe, a refusal is said beside its
field and changes nothing, the download is a zip, and Delete everything clears the diary.

The clocks are at 19:00 on Tue 24 Nov 2026 in London (see conftest.py).
"""

from __future__ import annotations

import io
import zipfile

import httpx2
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

CRAMP = {
    "started_at": "2026-11-23T03:10:00Z",
    "muscle": "calf",
    "side": "left",
    "severity_0_10": 6,
}


def _cramp_logged(live_url: str) -> None:
    answer = httpx2.post(f"{live_url}/api/v1/cramps", json=CRAMP)
    assert answer.status_code == 201, answer.text


def _nights(live_url: str) -> list[object]:
    answer = httpx2.get(f"{live_url}/api/v1/nights", params={"from": "2026-11-01"})
    data: list[object] = answer.json()["data"]
    return data


def test_the_page_renders_and_passes_axe(page: Page, live_url: str) -> None:
    """The page shows what a backup holds and its three forms, with no serious axe finding."""
    _cramp_logged(live_url)
    page.goto(live_url + "/data/backup")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your whole diary")
    expect(page.locator("table.backup-kinds")).to_contain_text("json/cramp.json")
    expect(page.get_by_label("Backup zip")).to_be_visible()
    expect(page.get_by_label("Type delete everything to confirm")).to_be_visible()
    assert axe_violations(page) == []


def test_a_wrong_confirmation_is_said_beside_the_field(page: Page, live_url: str) -> None:
    """Wrong words: the message is beside the field (and names it), nothing is deleted, and
    the page still passes axe."""
    _cramp_logged(live_url)
    page.goto(live_url + "/data/backup")
    field = page.get_by_label("Type delete everything to confirm")
    field.fill("delete it all")
    page.get_by_role("button", name="Delete everything").click()
    message = page.locator("#confirm-error")
    expect(message).to_contain_text('type "delete everything" to confirm')
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "confirm-error")
    expect(field).to_have_value("delete it all")
    expect(page.get_by_role("alert")).to_contain_text("Nothing was changed")
    assert len(_nights(live_url)) == 1
    assert axe_violations(page) == []


def test_a_file_that_is_not_a_zip_is_said_beside_the_field(page: Page, live_url: str) -> None:
    """A CSV chosen as the backup: its message is beside the file field; nothing restored."""
    page.goto(live_url + "/data/backup")
    page.get_by_label("Backup zip").set_input_files(
        {"name": "days.csv", "mimeType": "text/csv", "buffer": b"date,cramps\n2026-11-20,1\n"}
    )
    page.get_by_role("button", name="Restore").click()
    expect(page.locator("#file-error")).to_contain_text("not a zip file")
    expect(page.get_by_label("Backup zip")).to_have_attribute("aria-invalid", "true")
    assert _nights(live_url) == []


def test_the_download_is_a_backup_zip(page: Page, live_url: str) -> None:
    """Download everything answers a zip with its manifest and the cramp logged."""
    _cramp_logged(live_url)
    page.goto(live_url + "/data/backup")
    with page.expect_download() as started:
        page.get_by_role("link", name="Download everything").click()
    download = started.value
    assert download.suggested_filename == "nightcramps-backup-2026-11-24.zip"
    path = download.path()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        assert "manifest.json" in archive.namelist()
        assert b'"calf"' in archive.read("json/cramp.json")


def test_delete_everything_then_restore(page: Page, live_url: str) -> None:
    """Typed right, everything goes (local mode comes back to the page saying so); the zip
    downloaded before restores the diary."""
    _cramp_logged(live_url)
    page.goto(live_url + "/data/backup")
    with page.expect_download() as started:
        page.get_by_role("link", name="Download everything").click()
    backup = started.value.path().read_bytes()
    page.get_by_label("Type delete everything to confirm").fill("Delete everything")
    page.get_by_role("button", name="Delete everything").click()
    expect(page.locator("#messages")).to_contain_text("Deleted everything")
    assert _nights(live_url) == []
    page.get_by_label("Backup zip").set_input_files(
        {"name": "backup.zip", "mimeType": "application/zip", "buffer": backup}
    )
    page.get_by_role("button", name="Restore").click()
    expect(page.locator("#messages")).to_contain_text("Restored")
    assert len(_nights(live_url)) == 1


def test_a_backup_merges_into_a_diary_with_entries(page: Page, live_url: str) -> None:
    """With entries the page offers a merge, which needs its box ticked: the night logged
    since the backup stays, and what both hold is not doubled."""
    _cramp_logged(live_url)
    page.goto(live_url + "/data/backup")
    with page.expect_download() as started:
        page.get_by_role("link", name="Download everything").click()
    backup = started.value.path().read_bytes()
    logged = httpx2.post(
        f"{live_url}/api/v1/nights", json={"night_of": "2026-11-20", "status": "no_cramps"}
    )
    assert logged.status_code == 201, logged.text
    page.reload()
    page.get_by_label("Backup zip").set_input_files(
        {"name": "backup.zip", "mimeType": "application/zip", "buffer": backup}
    )
    merge = page.get_by_label("Merge into my diary: add only what it lacks")
    page.get_by_role("button", name="Merge").click()
    assert merge.evaluate("box => box.validity.valueMissing")  # the browser asks for the tick
    merge.check()
    page.get_by_role("button", name="Merge").click()
    expect(page.locator("#messages")).to_contain_text("were already in your diary")
    assert len(_nights(live_url)) == 2
    assert axe_violations(page) == []

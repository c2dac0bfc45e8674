"""The Import page in a real Chromium: upload, progress, preview, import, the values on Today
and Food, undo; and a file that cannot be read, said on the page.

The clocks are at 19:00 on Tue 24 Nov 2026 in London (see conftest.py).
"""

from __future__ import annotations

import io
import zipfile

from playwright.sync_api import Page, expect

SERVINGS = (
    "Day,Time,Group,Food Name,Amount,Energy (kcal),Magnesium (mg),Potassium (mg),Category\n"
    "2026-11-20,8:10 AM,Breakfast,Oatmeal,1.00 cup,150,60,140,Cereal Grains and Pasta\n"
    "2026-11-20,7:30 PM,Dinner,Spinach,1.00 cup,7,24,167,Vegetables and Vegetable Products\n"
)
BIOMETRICS = (
    'Day,Time,Group,Metric,Unit,Amount\n2026-11-21,,Uncategorized,"Sleep (Garmin)",hours,7.5\n'
)


def _export() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("cronometer/servings.csv", SERVINGS)
        archive.writestr("cronometer/biometrics.csv", BIOMETRICS)
    return buffer.getvalue()


def _choose(page: Page, name: str, data: bytes, mime: str) -> None:
    page.get_by_label("Export file").set_input_files(
        {"name": name, "mimeType": mime, "buffer": data}
    )
    page.get_by_role("button", name="Read the file").click()


def test_import_preview_confirm_see_and_undo(page: Page, live_url: str) -> None:
    page.goto(live_url + "/data/import")
    _choose(page, "cronometer-export.zip", _export(), "application/zip")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cronometer")
    expect(page.locator("main")).to_contain_text("Nothing is stored yet")
    expect(page.get_by_role("row", name="magnesium_mg")).to_contain_text("1")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#messages")).to_contain_text("Imported cronometer-export.zip")

    page.goto(live_url + "/day/2026-11-20")
    expect(page.locator("#magnesium_mg-imported")).to_contain_text("from Cronometer")
    expect(page.locator("#imported-food")).to_contain_text("84")
    page.goto(live_url + "/today/2026-11-21")
    expect(page.locator("#sleep_h-imported")).to_be_visible()
    expect(page.locator("#day-summary")).to_contain_text("7.5 h")

    page.goto(live_url + "/data/import")
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("#messages")).to_contain_text("Undid the import")
    page.goto(live_url + "/day/2026-11-20")
    expect(page.locator("#magnesium_mg-imported")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("unknown, not zero")


def test_a_file_of_no_known_app_is_said_on_the_page(page: Page, live_url: str) -> None:
    page.goto(live_url + "/data/import")
    _choose(page, "notes.txt", b"my cramp notes, not an export\n", "text/plain")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("not an export NightCramps can read")
    expect(alert).to_contain_text("Apple Health")
    page.goto(live_url + "/data/import")
    expect(page.locator("table.imports")).to_contain_text("failed")

"""A whole diary out and back through the CLI: export, delete everything, restore, export again
gives the same files; every table of the schema is walked to check that nothing is left."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from nightcramps.backup import service
from nightcramps.storage.registry import Base

Cli = Callable[..., Any]


def _fill(cli: Cli) -> None:
    """A diary with entries of many kinds, a deleted one awaiting its undo, and a reference
    between kinds (cramps point at their night)."""
    steps = [
        ("cramp", "add", "--at", "2026-11-24 03:10", "--muscle", "calf", "--side", "left",
         "--severity", "7", "--duration-min", "4", "--relief", "stretch"),
        ("cramp", "add", "--at", "2026-11-23 02:00", "--muscle", "foot", "--side", "right",
         "--severity", "3", "--notes", "=HYPERLINK(\"x\")"),
        ("night", "no-cramps", "--night-of", "2026-11-20"),
        ("eat", "1 medium banana", "--at", "2026-11-23 18:00"),
        ("drink", "500 ml water", "--at", "2026-11-23 18:00"),
        ("eat", "1 cup spinach", "--at", "2026-11-23 18:00"),
        ("day-set", "2026-11-23", "--steps", "8000"),
        ("profile", "set", "--birth-year", "1959", "--sex", "female"),
    ]  # fmt: skip
    for args in steps:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
    cramps = _cramps(cli)
    deleted = cli("cramp", "delete", str(max(c["id"] for c in cramps)), "--yes")
    assert deleted.exit_code == 0, deleted.output


def _cramps(cli: Cli) -> list[dict[str, Any]]:
    nights = json.loads(cli("night", "list", "--json").output)
    return [cramp for night in nights for cramp in night["cramps"]]


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rows_left(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        counts = {
            table.name: connection.scalar(select(func.count()).select_from(table)) or 0
            for table in [*service.owned_tables(), Base.metadata.tables["person"]]
        }
    return {name: n for name, n in counts.items() if n}


def test_export_delete_restore_export_gives_the_same_files(
    cli: Cli, engine: Engine, tmp_path: Path
) -> None:
    _fill(cli)
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"
    assert cli("export", "all", "-o", str(first)).exit_code == 0
    before = _members(first)
    manifest = json.loads(before["manifest.json"])
    assert manifest["counts"]["cramp"] == 2 and manifest["counts"]["intake_entry"] >= 3
    cramps = json.loads(before["json/cramp.json"])["rows"]
    assert sum(row["deleted_at"] is not None for row in cramps) == 1
    assert {row["night_id"] for row in cramps} <= {
        row["id"] for row in json.loads(before["json/night.json"])["rows"]
    }
    # A note that looks like a formula is kept as typed, but its CSV cell cannot run.
    assert b'"=HYPERLINK' in before["json/cramp.json"]
    assert b"'=HYPERLINK" in before["csv/cramp.csv"]

    gone = cli("delete-everything", "--confirm", "Delete everything", "--json")
    assert gone.exit_code == 0, gone.output
    assert json.loads(gone.output)["total"] > 0
    assert _rows_left(engine) == {}

    restored = cli("import", "backup", str(first))
    assert restored.exit_code == 0, restored.output
    assert "Restored" in restored.output
    assert cli("export", "all", "-o", str(second)).exit_code == 0
    after = _members(second)
    assert set(after) == set(before)
    for name in before:
        if name != "manifest.json":
            assert after[name] == before[name], name
    again = json.loads(after["manifest.json"])
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in manifest.items() if k != "exported_at"
    }
    assert len(_cramps(cli)) == 1  # the deleted cramp is still deleted, awaiting its undo


def test_a_diary_with_entries_is_not_overwritten(cli: Cli, tmp_path: Path) -> None:
    _fill(cli)
    backup = tmp_path / "backup.zip"
    assert cli("export", "all", "-o", str(backup)).exit_code == 0
    result = cli("import", "backup", str(backup))
    assert result.exit_code != 0
    assert "not empty" in result.output and "nothing was changed" in result.output
    assert len(_cramps(cli)) == 1  # one live cramp, as before


def test_a_damaged_or_foreign_file_is_refused_with_what_to_do(cli: Cli, tmp_path: Path) -> None:
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello")
    result = cli("import", "backup", str(not_zip))
    assert result.exit_code != 0 and "not a zip file" in result.output

    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("export.xml", "<HealthData/>")
    result = cli("import", "backup", str(other))
    assert result.exit_code != 0 and "no manifest.json" in result.output

    _fill(cli)
    good = tmp_path / "good.zip"
    assert cli("export", "all", "-o", str(good)).exit_code == 0
    assert cli("delete-everything", "--confirm", "delete everything").exit_code == 0
    members = _members(good)
    members["json/cramp.json"] = members["json/cramp.json"].replace(b'"calf"', b'"elbow"')
    changed = tmp_path / "changed.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    changed.write_bytes(buffer.getvalue())
    result = cli("import", "backup", str(changed))
    assert result.exit_code != 0 and "json/cramp.json does not match its checksum" in result.output
    assert _cramps(cli) == []  # nothing was restored


def test_delete_everything_asks_for_the_typed_confirmation(cli: Cli) -> None:
    _fill(cli)
    result = cli("delete-everything", "--confirm", "yes")
    assert result.exit_code != 0 and 'type "delete everything"' in result.output
    assert len(_cramps(cli)) == 1
    result = cli("delete-everything")  # not a terminal: no question can be asked
    assert result.exit_code != 0 and "--confirm" in result.output


def test_a_merge_adds_only_what_the_diary_lacks_and_keeps_what_it_has(
    cli: Cli, tmp_path: Path
) -> None:
    _fill(cli)
    backup, after = tmp_path / "backup.zip", tmp_path / "after.zip"
    assert cli("export", "all", "-o", str(backup)).exit_code == 0
    # Since the backup: one cramp edited, one new night. Then the merge brings nothing twice.
    live = next(c for c in _cramps(cli))
    edited = cli("cramp", "edit", str(live["id"]), "--severity", "9")
    assert edited.exit_code == 0, edited.output
    assert cli("night", "no-cramps", "--night-of", "2026-11-21").exit_code == 0

    same = cli("import", "backup", str(backup), "--merge", "--json")
    assert same.exit_code == 0, same.output
    body = json.loads(same.output)
    assert body["total"] == 0 and body["kept"]["night"] == 3 and body["kept"]["cramp"] == 2
    assert [c["severity_0_10"] for c in _cramps(cli)] == [9]  # the diary's edit wins
    nights = {n["night_of"] for n in json.loads(cli("night", "list", "--json").output)}
    assert "2026-11-21" in nights

    # Into a diary that lost a night and its cramp, the merge brings back exactly those.
    assert cli("cramp", "delete", str(live["id"]), "--yes").exit_code == 0
    assert cli("delete-everything", "--confirm", "delete everything").exit_code == 0
    assert cli("night", "no-cramps", "--night-of", "2026-11-20").exit_code == 0
    merged = cli("import", "backup", str(backup), "--merge")
    assert merged.exit_code == 0, merged.output
    assert "already in your diary" in merged.output
    assert cli("export", "all", "-o", str(after)).exit_code == 0
    restored = json.loads(_members(after)["json/cramp.json"])["rows"]
    original = json.loads(_members(backup)["json/cramp.json"])["rows"]
    assert len(restored) == len(original) == 2
    assert {r["severity_0_10"] for r in restored} == {r["severity_0_10"] for r in original}
    again = cli("import", "backup", str(backup), "--merge", "--json")
    assert json.loads(again.output)["total"] == 0  # the second time adds nothing

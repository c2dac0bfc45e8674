"""Opening what a person brings: hostile and broken archives are refused before anything is
read, and a zip is read in place (never extracted)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from nightcramps.imports import bundle
from nightcramps.imports.bundle import open_bundle
from nightcramps.imports.extract import BadFile


def _zip(path: Path, members: dict[str, bytes], *, compress: bool = True) -> Path:
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("name", ["../../etc/cron.d/x", "/etc/passwd", "C:/Windows/x.csv"])
def test_a_member_pointing_outside_the_archive_is_refused(tmp_path: Path, name: str) -> None:
    path = _zip(tmp_path / "export.zip", {"servings.csv": b"Day\n", name: b"x"})
    with pytest.raises(BadFile, match="points outside it"):
        open_bundle(path)


def test_a_zip_bomb_is_refused_by_its_ratio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle, "RATIO_FROM_BYTES", 1_000_000)  # a real bomb is gigabytes
    path = _zip(tmp_path / "export.zip", {"export.xml": b"\0" * 5_000_000})
    with pytest.raises(BadFile, match="looks like a zip bomb"):
        open_bundle(path)


def test_members_over_the_caps_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _zip(
        tmp_path / "export.zip", {"a.csv": b"x" * 2000, "b.csv": b"y" * 2000}, compress=False
    )
    monkeypatch.setattr(bundle, "MAX_MEMBER_BYTES", 1000)
    with pytest.raises(BadFile, match="would unpack to 2,000 bytes"):
        open_bundle(path)
    monkeypatch.setattr(bundle, "MAX_MEMBER_BYTES", 10_000)
    monkeypatch.setattr(bundle, "MAX_TOTAL_BYTES", 3000)
    with pytest.raises(BadFile, match="unpacks to more than"):
        open_bundle(path)


def test_empty_damaged_and_missing_inputs_say_so(tmp_path: Path) -> None:
    empty = _zip(tmp_path / "empty.zip", {})
    with pytest.raises(BadFile, match="empty archive"):
        open_bundle(empty)
    whole = _zip(tmp_path / "whole.zip", {"servings.csv": b"Day\n2026-11-20\n" * 100})
    torn = tmp_path / "torn.zip"
    torn.write_bytes(whole.read_bytes()[:60])
    with pytest.raises(BadFile, match="not a readable zip archive"):
        open_bundle(torn)
    with pytest.raises(BadFile, match="no file or folder"):
        open_bundle(tmp_path / "missing.zip")
    (tmp_path / "folder").mkdir()
    with pytest.raises(BadFile, match="empty folder"):
        open_bundle(tmp_path / "folder")


def test_a_zip_is_read_in_place_with_progress(tmp_path: Path) -> None:
    data = b"Day,Magnesium (mg)\n" + b"2026-11-20,60\n" * 10_000
    path = _zip(tmp_path / "export.zip", {"cronometer/servings.csv": data})
    seen: list[int] = []
    opened = open_bundle(path, progress=seen.append)
    assert opened.names == ["cronometer/servings.csv"]
    with opened.open("cronometer/servings.csv") as stream:
        assert stream.read() == data
    opened.close()
    assert sum(seen) == len(data)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.zip"]  # nothing extracted


def test_a_folders_symbolic_links_are_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "servings.csv").write_text("Day\n")
    (folder / "secret").symlink_to("/etc/passwd")
    assert open_bundle(folder).names == ["servings.csv"]

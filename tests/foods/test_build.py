"""scripts/build_food_db.py: checksums, schema, provenance and determinism, and the committed
database it built from USDA FNDDS 2021-2023 and SR28."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest

from nightcramps.foods import catalogue
from nightcramps.foods import service as foods_service
from tests.foods.conftest import USDA_SOURCES, load_build_script

build_food_db = load_build_script()

needs_sources = pytest.mark.skipif(
    not (USDA_SOURCES / "README.md").exists(), reason=f"{USDA_SOURCES} is not on this machine"
)


def checksums(folder: Path) -> dict[str, str]:
    """The SHA-256 of the sample's own copies of the files the build reads."""
    return {
        name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
        for name in build_food_db.SHA256
    }


def build_sample(folder: Path, out: Path) -> object:
    return build_food_db.build(folder, out, checksums=checksums(folder))


def test_build_writes_both_tables_with_provenance_and_nulls(
    usda_sample: Path, tmp_path: Path
) -> None:
    """Survey and SR foods side by side: the table, category, synonyms, NULL for unknown, the
    default portion marked, and the sources' citations and checksums in meta."""
    out = tmp_path / "foods.sqlite3"
    build_sample(usda_sample, out)
    con = sqlite3.connect(out)
    try:
        foods = dict(con.execute("SELECT id, source FROM foods"))
        wine = con.execute(
            "SELECT source, category_code, category, synonyms, magnesium_mg, alcohol_g "
            "FROM foods WHERE id = 'usda:14158'"
        ).fetchone()
        red = con.execute(
            "SELECT category, synonyms FROM foods WHERE id = 'fndds:93401010'"
        ).fetchone()
        latte = con.execute(
            "SELECT seq, amount, name, grams, is_default FROM measures "
            "WHERE food_id = 'fndds:92101900' ORDER BY seq"
        ).fetchall()
        meta = dict(con.execute("SELECT key, value FROM meta"))
    finally:
        con.close()
    assert len(foods) == 14
    assert sum(1 for s in foods.values() if s == "fndds-2021-2023") == 8
    assert wine == ("sr28", "1400", "Beverages", "", None, 9.8)
    assert red[0] == "Wine" and red[1].startswith("burgundy; cabernet; chianti")
    assert latte[-1] == (5, 1.0, "Quantity not specified", 360.0, 1)
    assert [row[4] for row in latte[:-1]] == [0] * 5
    assert meta["foods"] == "14"
    assert meta["sources"] == "fndds-2021-2023,sr28"
    assert meta["fndds-2021-2023.citation"].startswith("U.S. Department of Agriculture")
    assert "Release 28" in meta["sr28.citation"]
    assert meta["fndds-2021-2023.skipped"] == "fndds:11000000: no nutrient values"
    assert len(meta["sha256:sr28-2016/NUT_DATA.csv.gz"]) == 64


def test_build_refuses_a_file_whose_checksum_differs(usda_sample: Path, tmp_path: Path) -> None:
    """Against the README's checksums the sample's cut files are refused, naming the file;
    nothing is written."""
    out = tmp_path / "foods.sqlite3"
    with pytest.raises(build_food_db.ChecksumMismatch, match="foods_and_beverages.csv.gz"):
        build_food_db.build(usda_sample, out)
    assert not out.exists()


def test_build_script_explains_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the sources the script exits 2 and names the missing file."""
    assert build_food_db.main([str(tmp_path / "nope"), "--out", str(tmp_path / "x")]) == 2
    assert "is missing" in capsys.readouterr().err


def test_sample_build_is_deterministic(usda_sample: Path, tmp_path: Path) -> None:
    """The same files give byte-identical databases."""
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    build_sample(usda_sample, first)
    build_sample(usda_sample, second)
    assert first.read_bytes() == second.read_bytes()


@needs_sources
def test_script_checksums_are_the_readmes() -> None:
    """SHA256 in the script is exactly what the sources' README lists for those files."""
    readme = (USDA_SOURCES / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+)` \| \d+ \| `([0-9a-f]{64})` \|$", readme, re.M))
    assert {name: listed[name] for name in build_food_db.SHA256} == build_food_db.SHA256


@needs_sources
@pytest.mark.slow
def test_full_build_is_deterministic_and_is_the_committed_database(tmp_path: Path) -> None:
    """Building twice from the README's files gives the same bytes, and they are the bytes
    of the committed database (so it only changes on purpose)."""
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    build_food_db.build(USDA_SOURCES, first)
    build_food_db.build(USDA_SOURCES, second)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == catalogue.DATA_FILE.read_bytes()


def test_committed_database_has_both_tables() -> None:
    """The packaged database holds 5,431 FNDDS and 8,789 SR28 foods and their measures."""
    meta = foods_service.provenance()
    assert meta["fndds-2021-2023.foods"] == "5431"
    assert meta["sr28.foods"] == "8789"
    assert meta["foods"] == "14220"
    assert meta["sr28.measures"] == "15438"
    assert meta["fndds-2021-2023.measures"] == "21729"
    assert meta["skipped"] == "1"


def test_catalogue_exposes_the_table_category_and_default_portion() -> None:
    """A survey food says it is one, with its WWEIA category, synonyms and default portion;
    an SR28 food says its table and food group."""
    latte = catalogue.get_food("fndds:92101900")
    assert latte.survey and latte.table == "fndds-2021-2023"
    assert latte.source == "USDA FNDDS 2021-2023"
    assert (latte.category_code, latte.category) == ("7302", "Coffee")
    assert "plain or unflavored" in latte.synonyms
    assert latte.default_measure is not None and latte.default_measure.grams == 360.0
    assert catalogue.is_drink(latte)
    banana = catalogue.get_food("usda:09040")
    assert not banana.survey and banana.source == "USDA SR28"
    assert banana.category == "Fruits and Fruit Juices"
    assert banana.default_measure is None
    assert not catalogue.is_drink(banana)


def test_survey_cheese_is_not_a_drink() -> None:
    """FNDDS codes starting 14 are cheeses, not SR's Beverages group: Parmesan is eaten."""
    assert not catalogue.is_drink(catalogue.get_food("fndds:14108020"))
    assert catalogue.is_drink(catalogue.get_food("fndds:93401010"))

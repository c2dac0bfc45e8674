"""The USDA SR24 parser and the database build, on real files from the source."""

from __future__ import annotations

import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from nightcramps.foods.amounts import NUTRIENTS
from nightcramps.foods.sources import usda
from tests.foods.conftest import SR24_FILES, load_build_script

build_food_db = load_build_script()


def parse(number: str) -> usda.FoodRecord:
    return usda.parse_food_xml((SR24_FILES / f"{number}.xml").read_bytes())


def test_banana_is_read_per_100g_with_its_measures() -> None:
    """Raw bananas: USDA's per-100 g values and all eight household measures."""
    banana = parse("09040")
    assert banana.id == "usda:09040"
    assert banana.name == "Bananas, raw"
    assert banana.nutrients["magnesium_mg"] == 27.0
    assert banana.nutrients["potassium_mg"] == 358.0
    assert banana.nutrients["water_g"] == 74.91
    assert banana.nutrients["energy_kcal"] == 89.0
    assert len(banana.measures) == 8
    medium = next(m for m in banana.measures if m.name.startswith("medium"))
    assert medium.grams == 118.0
    assert banana.sanity_checks() == []
    assert banana.licence.startswith("public domain")


def test_absent_nutrient_is_unknown_not_zero() -> None:
    """Gamay wine has no magnesium or potassium element: they are None, not 0."""
    wine = parse("14158")
    assert wine.nutrients["magnesium_mg"] is None
    assert wine.nutrients["potassium_mg"] is None
    assert wine.nutrients["calcium_mg"] is None
    assert wine.nutrients["alcohol_g"] == 9.8
    assert set(wine.nutrients) == set(NUTRIENTS)


def test_measure_amounts_other_than_one_are_kept() -> None:
    """Halibut's "3 oz = 85 g" row keeps its amount: one oz weighs 85/3 g."""
    halibut = parse("15037")
    ounces = next(m for m in halibut.measures if m.name == "oz")
    assert ounces.amount == 3.0
    assert ounces.grams_per_one == pytest.approx(28.333, abs=0.001)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"water_g": 120.0}, "water_g = 120.0 per 100 g is impossible"),
        ({"sodium_mg": -1.0}, "not a non-negative number"),
        ({"protein_g": 80.0, "water_g": 80.0}, "add up to"),
        ({"energy_kcal": float("nan")}, "not a non-negative number"),
    ],
)
def test_sanity_checks_catch_impossible_values(change: dict[str, float], problem: str) -> None:
    """Values no food can have are reported by sanity_checks()."""
    banana = parse("09040")
    broken = replace(banana, nutrients={**banana.nutrients, **change})
    assert any(problem in p for p in broken.sanity_checks())


def test_sanity_checks_catch_bad_measures_and_ids() -> None:
    """A measure weighing nothing, and an NDB number that is not five digits, are reported."""
    banana = parse("09040")
    broken = replace(
        banana, source_id="9040", measures=(usda.MeasureRecord(amount=1, name="cup", grams=0),)
    )
    problems = broken.sanity_checks()
    assert any("five digits" in p for p in problems)
    assert any("weighs 0" in p for p in problems)


def test_malformed_files_raise_source_format_error() -> None:
    """Broken XML, a wrong root element and a non-numeric amount are refused."""
    with pytest.raises(usda.SourceFormatError, match="well-formed"):
        usda.parse_food_xml(b"<food uid='1'")
    with pytest.raises(usda.SourceFormatError, match="expected <food>"):
        usda.parse_food_xml(b"<drink/>")
    with pytest.raises(usda.SourceFormatError, match="not a number"):
        usda.parse_food_xml(
            b'<food uid="01001" name="x"><nutrient name="Water" amount="lots"/></food>'
        )


def test_read_jar_marks_deprecated_and_skips_bad_files(small_jar: Path) -> None:
    """Deprecated foods are flagged; a broken and an impossible file are counted and skipped."""
    with zipfile.ZipFile(small_jar, "a") as jar:
        jar.writestr("usda_sr24/99998.xml", b"<food uid='99998' name='broken'")
        jar.writestr(
            "usda_sr24/99999.xml",
            b'<food uid="99999" name="Impossible"><nutrient name="Water" amount="150"/></food>',
        )
    report = usda.ReadReport()
    records = {r.source_id: r for r in usda.read_jar(small_jar, report)}
    assert report.read == 9
    assert report.kept == 7
    assert set(report.skipped) == {"usda_sr24/99998.xml", "usda_sr24/99999.xml"}
    assert records["03266"].deprecated is True
    assert records["09040"].deprecated is False


def test_build_writes_compact_database_with_nulls_and_provenance(
    small_jar: Path, tmp_path: Path
) -> None:
    """The build keeps every food and measure, NULL for unknowns, and its provenance."""
    out = tmp_path / "foods.sqlite3"
    report = build_food_db.build(small_jar, out)
    assert report.kept == 7
    con = sqlite3.connect(out)
    try:
        assert con.execute("SELECT count(*) FROM foods").fetchone() == (7,)
        banana_measures = con.execute(
            "SELECT count(*) FROM measures WHERE food_id = 'usda:09040'"
        ).fetchone()
        assert banana_measures == (8,)
        wine = con.execute(
            "SELECT magnesium_mg, alcohol_g FROM foods WHERE id = 'usda:14158'"
        ).fetchone()
        assert wine == (None, 9.8)
        meta = dict(con.execute("SELECT key, value FROM meta"))
    finally:
        con.close()
    assert meta["licence"].startswith("public domain")
    assert meta["foods"] == "7"
    assert len(meta["source_sha256"]) == 64


def test_build_is_deterministic(small_jar: Path, tmp_path: Path) -> None:
    """The same jar gives byte-identical databases (so the committed file only changes on
    purpose)."""
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    build_food_db.build(small_jar, first)
    build_food_db.build(small_jar, second)
    assert first.read_bytes() == second.read_bytes()


def test_build_script_explains_a_missing_jar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the jar the script exits 2 and says how to get it."""
    assert build_food_db.main([str(tmp_path / "nope.jar"), "--out", str(tmp_path / "x")]) == 2
    assert "apt-get download cronometer" in capsys.readouterr().err


def test_committed_database_has_every_sr24_food() -> None:
    """The packaged database holds all 8,858 foods and their ~15,000 measures."""
    from nightcramps.foods import service

    meta = service.provenance()
    assert meta["foods"] == "8858"
    assert int(meta["measures"]) == 15274
    assert meta["skipped"] == "0"

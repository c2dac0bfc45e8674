"""The readers of USDA FNDDS 2021-2023 and SR28, on real rows of the tables."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from nightcramps.foods.amounts import NUTRIENTS
from nightcramps.foods.sources import fndds, sr28
from nightcramps.foods.sources.records import FoodRecord, MeasureRecord, ReadReport
from tests.foods.conftest import USDA_SAMPLE


def read_fndds(folder: Path = USDA_SAMPLE) -> tuple[dict[str, FoodRecord], ReadReport]:
    report = ReadReport()
    records = {r.id: r for r in fndds.read(folder / fndds.FOLDER, report)}
    return records, report


def read_sr28(folder: Path = USDA_SAMPLE) -> tuple[dict[str, FoodRecord], ReadReport]:
    report = ReadReport()
    records = {r.id: r for r in sr28.read(folder / sr28.FOLDER, report)}
    return records, report


def test_sr28_banana_is_read_per_100g_with_its_measures_and_group() -> None:
    """Raw bananas (SR28 09040): the README's spot values, eight measures, the food group."""
    banana = read_sr28()[0]["usda:09040"]
    assert banana.name == "Bananas, raw"
    assert banana.table == "sr28"
    assert banana.nutrients["magnesium_mg"] == 27.0
    assert banana.nutrients["potassium_mg"] == 358.0
    assert banana.nutrients["energy_kcal"] == 89.0
    assert (banana.category_code, banana.category) == ("0900", "Fruits and Fruit Juices")
    assert len(banana.measures) == 8
    sliced = next(m for m in banana.measures if m.name == "cup, sliced")
    assert sliced.grams == 150.0
    assert banana.sanity_checks() == []


def test_sr28_absent_nutrient_is_unknown_not_zero() -> None:
    """Gamay wine has no magnesium, potassium or calcium row in SR28: None, not 0."""
    wine = read_sr28()[0]["usda:14158"]
    assert wine.nutrients["magnesium_mg"] is None
    assert wine.nutrients["potassium_mg"] is None
    assert wine.nutrients["calcium_mg"] is None
    assert wine.nutrients["alcohol_g"] == 9.8
    assert set(wine.nutrients) == set(NUTRIENTS)


def test_sr28_measures_keep_amounts_and_settle_whole_row_sizes() -> None:
    """Halibut's "3 oz = 85 g" keeps its amount; parmesan's "5 package (5 oz) = 142 g" is one
    package, and the report says so."""
    records, report = read_sr28()
    ounces = next(m for m in records["usda:15037"].measures if m.name == "oz")
    assert (ounces.amount, ounces.grams) == (3.0, 85.0)
    package = next(m for m in records["usda:01033"].measures if m.name == "package (5 oz)")
    assert (package.amount, package.grams, package.corrected) == (1.0, 142.0, True)
    assert any(line.startswith("01033: 5 package (5 oz)") for line in report.corrected)


def test_fndds_food_has_category_synonyms_and_values() -> None:
    """Red wine (FNDDS 93401010): WWEIA category Wine, its "Additional food description" as
    separate synonyms, alcohol per 100 g, and every nutrient known."""
    wine = read_fndds()[0]["fndds:93401010"]
    assert wine.name == "Wine, red"
    assert wine.table == "fndds-2021-2023"
    assert (wine.category_code, wine.category) == ("7504", "Wine")
    assert wine.synonyms[:3] == ("burgundy", "cabernet", "chianti")
    assert "pinot noir" in wine.synonyms
    assert wine.nutrients["alcohol_g"] is not None and wine.nutrients["alcohol_g"] > 9
    assert None not in wine.nutrients.values()


def test_fndds_skim_milk_matches_the_readme_spot_check() -> None:
    """Milk, fat free (skim): Ca 132, K 167, Na 41 per 100 g and 1 cup = 244 g."""
    milk = read_fndds()[0]["fndds:11113000"]
    assert milk.nutrients["calcium_mg"] == 132.0
    assert milk.nutrients["potassium_mg"] == 167.0
    assert milk.nutrients["sodium_mg"] == 41.0
    assert milk.measures[0] == MeasureRecord(1.0, "cup", 244.0)


def test_fndds_portions_split_amount_from_name_and_mark_the_default() -> None:
    """The latte's portions read as SR measures ("1 cup (8 fl oz)" → 1 × "cup (8 fl oz)") in
    the survey's order, with "Quantity not specified" kept as its default."""
    latte = read_fndds()[0]["fndds:92101900"]
    assert [(m.amount, m.name, m.grams) for m in latte.measures] == [
        (1.0, "fl oz", 30.0),
        (1.0, "cup (8 fl oz)", 240.0),
        (1.0, "small", 360.0),
        (1.0, "medium", 480.0),
        (1.0, "large", 600.0),
        (1.0, "Quantity not specified", 360.0),
    ]
    assert [m.default for m in latte.measures] == [False] * 5 + [True]


def test_fndds_leaves_out_guideline_and_weightless_portions_and_foods_without_values() -> None:
    """Milk, NFS and skim milk lose their two "Guideline amount" rows each; human milk has no
    nutrient values and is skipped with the reason; all are counted."""
    records, report = read_fndds()
    names = [m.name for m in records["fndds:11100000"].measures]
    assert not any(n.startswith("Guideline") for n in names)
    assert "Quantity not specified" in names
    assert "fndds:11000000" not in records
    assert report.skipped == {"fndds:11000000": "no nutrient values"}
    assert report.dropped_measures == {
        "guideline amount (an ingredient's share of another food)": 4,
        "weighs 0 g": 1,
    }
    assert (report.read, report.kept) == (9, 8)


@pytest.mark.parametrize(
    ("description", "amount", "name"),
    [
        ("1 cup", 1.0, "cup"),
        ("1 medium", 1.0, "medium"),
        ("1 banana", 1.0, "banana"),
        ("1/2 bagel", 0.5, "bagel"),
        ("1 1/2 cup", 1.5, "cup"),
        ("1 6 oz container", 1.0, "container (6 oz)"),
        ("5 oz package", 1.0, "package (5 oz)"),
        ("1 12 fl oz can", 1.0, "can (12 fl oz)"),
        ("1 container, NFS", 1.0, "container, NFS"),
        ("Topping from 1 piece", 1.0, "Topping from 1 piece"),
        ("1-3 ring thin pretzel", 1.0, "1-3 ring thin pretzel"),
    ],
)
def test_split_portion_reads_descriptions_as_sr_measures(
    description: str, amount: float, name: str
) -> None:
    """Each FNDDS description becomes amount × name, sizes of containers in parentheses."""
    measure = fndds.split_portion(description, 100.0)
    assert isinstance(measure, MeasureRecord)
    assert (measure.amount, measure.name, measure.grams) == (amount, name, 100.0)
    assert measure.default is False


def test_split_portion_refuses_guidelines_and_nothing() -> None:
    """A guideline amount and a 0 g portion give the reason instead of a measure."""
    assert "guideline" in str(fndds.split_portion("Guideline amount per cup of hot cereal", 61))
    assert fndds.split_portion("Quantity not specified", 0) == "weighs 0 g"


def test_fndds_real_portions_in_the_sample_weigh_as_the_survey_says() -> None:
    """Half a bagel of pepperoni pizza weighs 101 g: one "bagel" of it is 202 g; the yogurt's
    "1 6 oz container" is 170 g."""
    records, _ = read_fndds()
    bagel = next(m for m in records["fndds:58106516"].measures if m.name == "bagel")
    assert (bagel.amount, bagel.grams, bagel.grams_per_one) == (0.5, 101.0, 202.0)
    container = next(m for m in records["fndds:11432000"].measures if m.name == "container (6 oz)")
    assert container.grams == 170.0


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
    banana = read_sr28()[0]["usda:09040"]
    broken = replace(banana, nutrients={**banana.nutrients, **change})
    assert any(problem in p for p in broken.sanity_checks())


def test_sanity_checks_catch_bad_measures() -> None:
    """A measure weighing nothing or with no name is reported."""
    banana = read_sr28()[0]["usda:09040"]
    broken = replace(banana, measures=(MeasureRecord(1, "cup", 0), MeasureRecord(1, " ", 5)))
    problems = broken.sanity_checks()
    assert any("weighs 0" in p for p in problems)
    assert "a measure has no name" in problems


def test_a_broken_row_is_counted_and_skipped_not_fatal(usda_sample: Path) -> None:
    """An SR28 food whose water is impossible, and one with a bad NDB number, are skipped
    with their reasons; the others are read."""
    import gzip

    food_des = usda_sample / sr28.FOLDER / "FOOD_DES.csv.gz"
    nut_data = usda_sample / sr28.FOLDER / "NUT_DATA.csv.gz"
    food_rows = gzip.decompress(food_des.read_bytes()).decode()
    food_rows += '99999,0900,"Impossible fruit",IMPOSSIBLE,,,,,0,,,,,\n'
    food_rows += '123,0900,"Short number",SHORT,,,,,0,,,,,\n'
    food_des.write_bytes(gzip.compress(food_rows.encode(), mtime=0))
    values = gzip.decompress(nut_data.read_bytes()).decode() + "99999,255,150,1,,1,,,,,,,,,,,,\n"
    nut_data.write_bytes(gzip.compress(values.encode(), mtime=0))
    records, report = read_sr28(usda_sample)
    assert "usda:09040" in records
    assert "water_g = 150.0 per 100 g is impossible" in report.skipped["usda:99999"]
    assert "not five digits" in report.skipped["usda:123"]
    assert (report.read, report.kept) == (8, 6)

"""USDA Food and Nutrient Database for Dietary Studies 2021-2023 (FNDDS): foods as people eat them.

Read from the FNDDS "At A Glance" tables as CSV (``../shared/data/usda-fdc/fndds-2021-2023/``;
see its README): ``foods_and_beverages`` (8-digit food code, main description, the "Additional
food description" synonyms separated by ``;``, the WWEIA category), ``fndds_nutrient_values``
(65 values per 100 g, one column each) and ``portions_and_weights`` (portions such as "1 cup",
"1 medium", "1 banana" or "Quantity not specified", each with its gram weight). Ids are
``fndds:<food code>``.

Portions carry their amount inside the description; :func:`split_portion` reads them the way
SR writes a measure (amount apart from the name: "1/2 bagel" → 0.5 × "bagel").
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from nightcramps.foods.amounts import NUTRIENTS
from nightcramps.foods.sources.records import (
    CONTAINER_WORDS,
    SR_NUMBERS,
    FoodRecord,
    MeasureRecord,
    ReadReport,
    tidy,
)

TABLE = "fndds-2021-2023"
"""The ``source`` column of its foods in the packaged database."""
FOLDER = "fndds-2021-2023"
FILES = (
    "foods_and_beverages.csv.gz",
    "fndds_nutrient_values.csv.gz",
    "portions_and_weights.csv.gz",
)
"""The tables read, inside :data:`FOLDER`."""
PREFIX = "fndds"
"""Food ids are ``fndds:<8-digit food code>``, e.g. ``fndds:63107010`` for a raw banana."""
SOURCE_NAME = "USDA Food and Nutrient Database for Dietary Studies 2021-2023 (FNDDS)"
SOURCE_URL = "https://www.ars.usda.gov/northeast-area/beltsville-md-bhnrc/beltsville-human-nutrition-research-center/food-surveys-research-group/docs/fndds/"
CITATION = (
    "U.S. Department of Agriculture, Agricultural Research Service. 2024. USDA Food and "
    "Nutrient Database for Dietary Studies 2021-2023. Food Surveys Research Group, Beltsville "
    'Human Nutrition Research Center. Also available as FoodData Central "Survey (FNDDS)", '
    "2024-10-31 release: fdc.nal.usda.gov."
)
LICENCE = "public domain (work of the U.S. federal government, 17 U.S.C. § 105); FDC: CC0 1.0"

COLUMNS: Mapping[str, str] = {
    "Energy (kcal)": "208",
    "Water (g)": "255",
    "Magnesium (mg)": "304",
    "Potassium (mg)": "306",
    "Calcium (mg)": "301",
    "Sodium (mg)": "307",
    "Caffeine (mg)": "262",
    "Alcohol (g)": "221",
    "Protein (g)": "203",
    "Carbohydrate (g)": "205",
    "Total Fat (g)": "204",
}
"""Nutrient-value columns → SR nutrient numbers (the README's column table, which FNDDS equals
SR28 on for coffee and beer in all 65 columns)."""

DEFAULT_PORTION = "Quantity not specified"
"""The survey's portion for an amount the respondent did not give: the food's default."""

GUIDELINE = "Guideline amount"
"""Portions starting so are an ingredient's share of another food ("Guideline amount per fl oz
of beverage" = 2.5 g of milk): no amount anyone eats, so they are left out."""

_AMOUNT = re.compile(r"^(?P<number>\d+ \d+/\d+|\d+/\d+|\d+(?:\.\d+)?)\s+(?P<rest>\S.*)$")
_CONTAINERS = "|".join(sorted(CONTAINER_WORDS))
_SIZED_CONTAINER = re.compile(
    rf"^(?P<unit>fl oz|oz|lb|g|ml)\s+(?P<container>{_CONTAINERS})\b(?P<tail>.*)$"
)


def _number_of(text: str) -> float:
    whole, _, fraction = text.rpartition(" ") if " " in text else ("", "", text)
    top, _, bottom = fraction.partition("/")
    value = float(top) / float(bottom) if bottom else float(top)
    return value + (float(whole) if whole else 0.0)


def split_portion(description: str, grams: float) -> MeasureRecord | str:
    """One FNDDS portion as a measure (amount apart from the name), or why it is left out.

    - "1 cup" → 1 × "cup"; "1 medium" → 1 × "medium"; "1 banana" → 1 × "banana";
      "1/2 bagel" = 101 g → 0.5 × "bagel" (one bagel 202 g), as SR writes "0.5 cup".
    - A container of a stated size ("1 6 oz container", "5 oz package") is named as SR names
      one, with the size in parentheses: 1 × "container (6 oz)", 1 × "package (5 oz)".
    - Descriptions that start with no number ("Topping from 1 piece", "1-3 ring thin
      pretzel") are one of that: 1 × the description.
    - "Quantity not specified" is kept, marked ``default``; "Guideline amount ..." rows, and
      any portion weighing nothing, are left out (the reason is returned).
    """
    name = tidy(description)
    if grams <= 0:
        return "weighs 0 g"
    if name.startswith(GUIDELINE):
        return "guideline amount (an ingredient's share of another food)"
    if name == DEFAULT_PORTION:
        return MeasureRecord(1.0, name, grams, default=True)
    match = _AMOUNT.match(name)
    if match is None:
        return MeasureRecord(1.0, name, grams)
    number, rest = match.group("number"), match.group("rest")
    sized = _SIZED_CONTAINER.match(rest)
    if sized is not None:  # "5 oz package": one package of 5 oz
        return MeasureRecord(1.0, _container(sized, number), grams)
    inner = _AMOUNT.match(rest)
    sized = None if inner is None else _SIZED_CONTAINER.match(inner.group("rest"))
    if inner is not None and sized is not None:  # "1 6 oz container"
        return MeasureRecord(_number_of(number), _container(sized, inner.group("number")), grams)
    return MeasureRecord(_number_of(number), rest, grams)


def _container(sized: re.Match[str], size: str) -> str:
    """SR's way of naming a container of a stated size: "container (6 oz)"."""
    return f"{sized.group('container')} ({size} {sized.group('unit')}){sized.group('tail')}"


def rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of one gzip-compressed CSV table, as ``{column: text}``."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _value(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


def nutrients_of(row: Mapping[str, str]) -> dict[str, float | None]:
    """The app's nutrients per 100 g from one nutrient-values row (an empty cell: unknown)."""
    values: dict[str, float | None] = dict.fromkeys(NUTRIENTS)
    for column, number in COLUMNS.items():
        values[SR_NUMBERS[number]] = _value(row.get(column, ""))
    return values


def portions_by_food(
    portions: Iterable[Mapping[str, str]], report: ReadReport
) -> dict[str, list[MeasureRecord]]:
    """Portion rows → ``{food code: [measure, ...]}`` in the survey's ``Seq num`` order, the
    rows left out counted in ``report.dropped_measures`` by reason."""
    found: dict[str, list[tuple[int, MeasureRecord]]] = {}
    for row in portions:
        grams = _value(row["Portion weight (g)"]) or 0.0
        measure = split_portion(row["Portion description"], grams)
        if isinstance(measure, str):
            report.dropped_measures[measure] = report.dropped_measures.get(measure, 0) + 1
            continue
        found.setdefault(row["Food code"], []).append((int(row["Seq num"]), measure))
    return {
        code: [m for _, m in sorted(listed, key=lambda i: i[0])] for code, listed in found.items()
    }


def synonyms_of(text: str) -> tuple[str, ...]:
    """The "Additional food description" as separate names: "leche fresca; whole milk" → two."""
    return tuple(dict.fromkeys(s for part in text.split(";") if (s := tidy(part))))


def read(folder: Path, report: ReadReport | None = None) -> Iterator[FoodRecord]:
    """Every usable FNDDS food in ``folder`` (the ``fndds-2021-2023`` tables), by food code;
    a food without nutrient values, or failing its sanity checks, is counted and skipped."""
    report = report if report is not None else ReadReport()
    values = {r["Food code"]: nutrients_of(r) for r in rows(folder / FILES[1])}
    portions = portions_by_food(rows(folder / FILES[2]), report)
    for row in sorted(rows(folder / FILES[0]), key=lambda r: r["Food code"]):
        report.read += 1
        code = row["Food code"]
        food_id = f"{PREFIX}:{code}"
        if code not in values:
            report.skipped[food_id] = "no nutrient values"
            continue
        record = FoodRecord(
            id=food_id,
            name=tidy(row["Main food description"]),
            table=TABLE,
            nutrients=values[code],
            measures=tuple(portions.get(code, ())),
            category_code=row["WWEIA Category number"],
            category=tidy(row["WWEIA Category description"]),
            synonyms=synonyms_of(row["Additional food description"]),
        )
        problems = record.sanity_checks()
        if not (code.isdigit() and len(code) == 8):
            problems.insert(0, f"food code {code!r} is not eight digits")
        if problems:
            report.skipped[food_id] = "; ".join(problems)
            continue
        report.kept += 1
        yield record

"""USDA National Nutrient Database for Standard Reference, Release 28 (slightly revised, 2016).

Read from the SR28 tables as CSV (``../shared/data/usda-fdc/sr28-2016/``, original field
names; see its README): ``FOOD_DES`` (one row per food, ``NDB_No`` 5 digits), ``FD_GROUP``,
``NUT_DATA`` (one row per food and nutrient, per 100 g edible portion) and ``WEIGHT`` (household
measures: ``Amount`` × ``Msre_Desc`` weighs ``Gm_Wgt``). A nutrient without a NUT_DATA row is
unknown, never zero. SR28 keeps SR24's NDB numbers, so ids stay ``usda:<NDB_No>``.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path

from nightcramps.foods.amounts import NUTRIENTS
from nightcramps.foods.sources.records import (
    SR_NUMBERS,
    FoodRecord,
    MeasureRecord,
    ReadReport,
    settle_stated_size,
    tidy,
)

TABLE = "sr28"
"""The ``source`` column of its foods in the packaged database."""
FOLDER = "sr28-2016"
FILES = ("FOOD_DES.csv.gz", "FD_GROUP.csv.gz", "NUT_DATA.csv.gz", "WEIGHT.csv.gz")
"""The tables read, inside :data:`FOLDER`."""
PREFIX = "usda"
"""Food ids are ``usda:<NDB number>``, e.g. ``usda:09040`` for raw bananas (as with SR24)."""
SOURCE_NAME = (
    "USDA National Nutrient Database for Standard Reference, Release 28 (slightly revised, 2016)"
)
SOURCE_URL = "https://www.ars.usda.gov/ARSUserFiles/80400525/Data/SR/SR28/sr28_doc.pdf"
CITATION = (
    "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
    "USDA National Nutrient Database for Standard Reference, Release 28 (Slightly revised). "
    "Version Current: May 2016."
)
LICENCE = "public domain (work of the U.S. federal government, 17 U.S.C. § 105)"


class SourceFormatError(ValueError):
    """A row that cannot be read (a field that should be a number is not)."""


def rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of one gzip-compressed CSV table, as ``{field: text}``."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise SourceFormatError(f"{what} is {text!r}, not a number") from None


def nutrients_by_food(
    nut_data: Iterable[dict[str, str]],
) -> dict[str, dict[str, float | None]]:
    """NUT_DATA rows → ``{NDB_No: {nutrient: value per 100 g}}`` for the app's nutrients; a
    value that is not a number is left unknown (None)."""
    found: dict[str, dict[str, float | None]] = {}
    for row in nut_data:
        key = SR_NUMBERS.get(row["Nutr_No"])
        if key is None:
            continue
        values = found.setdefault(row["NDB_No"], dict.fromkeys(NUTRIENTS))
        try:
            values[key] = _number(row["Nutr_Val"], f"{row['NDB_No']} nutrient {row['Nutr_No']}")
        except SourceFormatError:
            values[key] = None
    return found


def measures_by_food(
    weight: Iterable[dict[str, str]], report: ReadReport
) -> dict[str, list[tuple[int, MeasureRecord]]]:
    """WEIGHT rows → ``{NDB_No: [(Seq, measure), ...]}`` in SR's order; sizes stated for the
    whole row are settled per one (:func:`~.records.settle_stated_size`)."""
    found: dict[str, list[tuple[int, MeasureRecord]]] = {}
    for row in weight:
        number = row["NDB_No"]
        name = tidy(row["Msre_Desc"])
        try:
            measure = MeasureRecord(
                amount=_number(row["Amount"], f"{number} measure {name!r} amount"),
                name=name,
                grams=_number(row["Gm_Wgt"], f"{number} measure {name!r} grams"),
            )
        except SourceFormatError:
            report.dropped_measures["not a number"] = (
                report.dropped_measures.get("not a number", 0) + 1
            )
            continue
        if measure.amount > 0 and measure.grams > 0:  # else the sanity checks refuse the food
            measure = settle_stated_size(measure)
        if measure.corrected:
            report.corrected.append(
                f"{number}: {row['Amount']} {name} → {measure.amount:g} {measure.name}"
            )
        found.setdefault(number, []).append((int(row["Seq"]), measure))
    for listed in found.values():
        listed.sort(key=lambda item: item[0])
    return found


def read(folder: Path, report: ReadReport | None = None) -> Iterator[FoodRecord]:
    """Every usable SR28 food in ``folder`` (the ``sr28-2016`` tables), in NDB order; foods
    failing their sanity checks are counted in ``report`` and skipped."""
    report = report if report is not None else ReadReport()
    groups = {r["FdGrp_Cd"]: r["FdGrp_Desc"] for r in rows(folder / "FD_GROUP.csv.gz")}
    values = nutrients_by_food(rows(folder / "NUT_DATA.csv.gz"))
    measures = measures_by_food(rows(folder / "WEIGHT.csv.gz"), report)
    for row in sorted(rows(folder / "FOOD_DES.csv.gz"), key=lambda r: r["NDB_No"]):
        report.read += 1
        number = row["NDB_No"]
        record = FoodRecord(
            id=f"{PREFIX}:{number}",
            # one SR name ends in a stray backslash ("..., rinsed in tap water\"): an artefact
            name=tidy(row["Long_Desc"]).rstrip("\\").rstrip(),
            table=TABLE,
            nutrients=values.get(number, dict.fromkeys(NUTRIENTS)),
            measures=tuple(m for _, m in measures.get(number, ())),
            category_code=row["FdGrp_Cd"],
            category=groups.get(row["FdGrp_Cd"], ""),
            common_name=tidy(row["ComName"]),
        )
        problems = record.sanity_checks()
        if not (number.isdigit() and len(number) == 5):
            problems.insert(0, f"NDB number {number!r} is not five digits")
        if problems:
            report.skipped[record.id] = "; ".join(problems)
            continue
        report.kept += 1
        yield record

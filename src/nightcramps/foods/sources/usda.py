"""USDA National Nutrient Database for Standard Reference, release 24, as Cronometer ships it.

Debian's package ``cronometer`` installs ``/usr/share/cronometer/usda_sr24.jar``: a zip with one
XML file per food (``usda_sr24/09040.xml``) and two index files (``foods.index``: the foods of the
current release, ``deprecated.index``: foods USDA has dropped or replaced). One file looks like::

    <food uid="09040" name="Bananas, raw" pcf="3.36" fcf="8.37" ccf="3.6">
      <measure amount="1.0" name="medium (7&quot; to 7-7/8&quot; long)" grams="118.0"/>
      <nutrient amount="89.0" name="Energy"/>  ...
    </food>

Amounts are per 100 g of edible portion, in SR's units (kcal, g, mg). A nutrient element that is
absent means USDA did not analyse it: it is unknown, never zero. This module only parses; records
that fail their sanity checks are counted and skipped by :func:`read_jar`.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

SOURCE_NAME = "USDA National Nutrient Database for Standard Reference, Release 24 (2011)"
SOURCE_URL = "https://www.ars.usda.gov/ARSUserFiles/80400535/DATA/sr24/sr24_doc.pdf"
LICENCE = "public domain (work of the U.S. federal government, 17 U.S.C. § 105)"
SOURCE_PREFIX = "usda"
"""Food ids are ``usda:<NDB number>``, e.g. ``usda:09040`` for raw bananas."""

NUTRIENT_NAMES: Mapping[str, str] = {
    "Energy": "energy_kcal",
    "Water": "water_g",
    "Magnesium": "magnesium_mg",
    "Potassium": "potassium_mg",
    "Calcium": "calcium_mg",
    "Sodium": "sodium_mg",
    "Caffeine": "caffeine_mg",
    "Alcohol": "alcohol_g",
    "Protein": "protein_g",
    "Carbs": "carbohydrate_g",
    "Fat": "fat_g",
}
"""Cronometer's nutrient names (SR units: kcal, g, mg) → our names with their unit."""

MAX_PER_100G: Mapping[str, float] = {
    "energy_kcal": 902.0,  # pure fat: 9.02 kcal/g is SR's highest Atwater factor
    "water_g": 100.0,
    "magnesium_mg": 10_000.0,  # e.g. Epsom-salt-like additives would exceed; foods stay far below
    "potassium_mg": 20_000.0,  # cream of tartar is ~16,500 mg/100 g
    "calcium_mg": 10_000.0,
    "sodium_mg": 40_000.0,  # table salt: 38,758 mg/100 g
    "caffeine_mg": 10_000.0,  # instant coffee powder ~3,100; tea leaves ~2,000-5,000
    "alcohol_g": 100.0,
    "protein_g": 100.0,
    "carbohydrate_g": 100.0,
    "fat_g": 100.0,
}
"""Physically possible upper bounds per 100 g; a value above one is a broken row."""

MACRO_SLACK_G = 5.0
"""Water + protein + fat + carbohydrate + alcohol may exceed 100 g by rounding and by SR's
carbohydrate-by-difference; more than this is a broken row."""


@dataclass(frozen=True, slots=True)
class MeasureRecord:
    """A household measure: ``amount`` × ``name`` weighs ``grams`` (1.0 "cup, sliced" = 150 g)."""

    amount: float
    name: str
    grams: float

    @property
    def grams_per_one(self) -> float:
        """Grams of one of this measure (1 "cup" when the row says 0.5 cup = 90 g is 180 g)."""
        return self.grams / self.amount


@dataclass(frozen=True, slots=True)
class FoodRecord:
    """One food as read from the source: per-100 g nutrients (``None`` = unknown) and measures."""

    source_id: str
    name: str
    nutrients: dict[str, float | None]
    measures: tuple[MeasureRecord, ...] = ()
    deprecated: bool = False
    source_name: str = SOURCE_NAME
    source_url: str = SOURCE_URL
    licence: str = LICENCE

    @property
    def id(self) -> str:
        """The app's food id, e.g. ``usda:09040``."""
        return f"{SOURCE_PREFIX}:{self.source_id}"

    def sanity_checks(self) -> list[str]:
        """What is wrong with this record (empty when it can be used)."""
        problems: list[str] = []
        if not self.source_id.isdigit() or len(self.source_id) != 5:
            problems.append(f"NDB number {self.source_id!r} is not five digits")
        if not self.name.strip():
            problems.append("the name is empty")
        for key, value in self.nutrients.items():
            if value is None:
                continue
            if not math.isfinite(value) or value < 0:
                problems.append(f"{key} = {value} is not a non-negative number")
            elif value > MAX_PER_100G[key]:
                problems.append(f"{key} = {value} per 100 g is impossible")
        mass = sum(
            self.nutrients.get(k) or 0.0
            for k in ("water_g", "protein_g", "fat_g", "carbohydrate_g", "alcohol_g")
        )
        if mass > 100.0 + MACRO_SLACK_G:
            problems.append(f"water and macronutrients add up to {mass:.1f} g per 100 g")
        for measure in self.measures:
            if not measure.name.strip():
                problems.append("a measure has no name")
            if not (measure.amount > 0 and math.isfinite(measure.amount)):
                problems.append(f"measure {measure.name!r} has amount {measure.amount}")
            if not (measure.grams > 0 and math.isfinite(measure.grams)):
                problems.append(f"measure {measure.name!r} weighs {measure.grams} g")
        return problems


class SourceFormatError(ValueError):
    """A file that is not a readable food record."""


def _number(text: str | None, what: str) -> float:
    if text is None:
        raise SourceFormatError(f"{what} has no amount")
    try:
        return float(text)
    except ValueError:
        raise SourceFormatError(f"{what} has amount {text!r}, not a number") from None


def parse_food_xml(data: bytes, *, deprecated: bool = False) -> FoodRecord:
    """Parse one ``<food>`` XML document into a record (sanity checks are the caller's call).

    Raises:
        SourceFormatError: not XML, not a ``<food>``, or an amount that is not a number.
    """
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise SourceFormatError(f"not well-formed XML: {exc}") from None
    if root.tag != "food":
        raise SourceFormatError(f"root element is <{root.tag}>, expected <food>")
    uid = (root.get("uid") or "").strip()
    # one SR24 name ends in a stray backslash ("..., rinsed in tap water\\"): an artefact
    name = " ".join((root.get("name") or "").split()).rstrip("\\").rstrip()
    nutrients: dict[str, float | None] = dict.fromkeys(NUTRIENT_NAMES.values())
    measures: list[MeasureRecord] = []
    for child in root:
        if child.tag == "nutrient":
            key = NUTRIENT_NAMES.get(child.get("name") or "")
            if key is not None:
                nutrients[key] = _number(child.get("amount"), f"nutrient {child.get('name')}")
        elif child.tag == "measure":
            label = " ".join((child.get("name") or "").split())
            measures.append(
                MeasureRecord(
                    amount=_number(child.get("amount"), f"measure {label!r}"),
                    name=label,
                    grams=_number(child.get("grams"), f"measure {label!r} grams"),
                )
            )
    return FoodRecord(
        source_id=uid,
        name=name,
        nutrients=nutrients,
        measures=tuple(measures),
        deprecated=deprecated,
    )


def parse_index(text: str) -> dict[str, str]:
    """``NDB number|name`` lines (``foods.index``, ``deprecated.index``) → ``{number: name}``."""
    entries: dict[str, str] = {}
    for line in text.splitlines():
        number, sep, name = line.partition("|")
        if sep and number.strip():
            entries[number.strip()] = name.strip()
    return entries


@dataclass
class ReadReport:
    """What :func:`read_jar` did: records kept, and the skipped ones with why."""

    read: int = 0
    kept: int = 0
    skipped: dict[str, str] = field(default_factory=dict)


def read_jar(path: Path, report: ReadReport | None = None) -> Iterator[FoodRecord]:
    """Every usable food in ``usda_sr24.jar``; bad files are counted in ``report`` and skipped.

    A food listed only in ``deprecated.index`` is marked ``deprecated`` (kept, but ranked last in
    search). A food in both indexes is current.
    """
    report = report if report is not None else ReadReport()
    with zipfile.ZipFile(path) as jar:
        names = jar.namelist()
        current: set[str] = set()
        deprecated: set[str] = set()
        if "usda_sr24/foods.index" in names:
            current = set(parse_index(jar.read("usda_sr24/foods.index").decode("utf-8")))
        if "usda_sr24/deprecated.index" in names:
            deprecated = set(parse_index(jar.read("usda_sr24/deprecated.index").decode("utf-8")))
        for member in sorted(names):
            if not member.endswith(".xml"):
                continue
            report.read += 1
            number = Path(member).stem
            try:
                record = parse_food_xml(
                    jar.read(member), deprecated=number in deprecated and number not in current
                )
            except SourceFormatError as exc:
                report.skipped[member] = str(exc)
                continue
            problems = record.sanity_checks()
            if problems:
                report.skipped[member] = "; ".join(problems)
                continue
            report.kept += 1
            yield record

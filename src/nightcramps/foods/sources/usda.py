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
import re
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
    """A household measure: ``amount`` × ``name`` weighs ``grams`` (1.0 "cup, sliced" = 150 g).

    ``corrected`` says :func:`settle_stated_size` changed the source's row (see there).
    """

    amount: float
    name: str
    grams: float
    corrected: bool = False

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


GRAMS_PER_UNIT: Mapping[str, float] = {"oz": 28.349523125, "lb": 453.59237, "g": 1.0}
"""Grams in an avoirdupois ounce and pound (exact, by definition: NIST Handbook 44, 2024,
Appendix C), for the weights SR24 states in measure names ("container (4 oz)")."""

ML_PER_UNIT: Mapping[str, float] = {
    "fl oz": 29.5735295625,
    "cup": 236.5882365,
    "tbsp": 14.78676478125,
    "tsp": 4.92892159375,
}
"""Millilitres in a US fluid ounce, cup, tablespoon and teaspoon (exact, by definition: NIST
Handbook 44, 2024, Appendix C)."""

CONTAINER_WORDS = frozenset(
    {"container", "package", "can", "jar", "bottle", "box", "bag", "packet", "pouch", "carton"}
)
"""Measures that are a container: the weight in their name is what one holds."""

STATED_SIZE_TOLERANCE = 0.10
"""How far (as a share) grams may be from the weight a measure's name states and still be it:
SR24 rounds grams to whole numbers (4 oz = 113.4 g is written 113)."""

_STATED = re.compile(
    r"\(\s*(?P<number>\d+(?:\.\d+)?|\d+/\d+)\s*(?P<unit>fl\.? ?oz|oz|lb|g)\.?\s*\)"
)


def _number_of(text: str) -> float:
    top, _, bottom = text.partition("/")
    return float(top) / float(bottom) if bottom else float(top)


def _near(value: float, target: float) -> bool:
    return abs(value - target) <= STATED_SIZE_TOLERANCE * target


def settle_stated_size(measure: MeasureRecord) -> MeasureRecord:
    """Make a measure whose name states its size ("container (4 oz)") say that of ONE of it.

    A row says ``amount`` × ``name`` weighs ``grams``, and the app reads one of the measure as
    grams / amount. SR24 usually states the size of one in the name, but in a few rows the
    stated size is that of the whole row: "0.5 container (4 oz) = 113 g" (read per one, a
    "container (4 oz)" would weigh 226 g), "5 package (5 oz) = 142 g" (28 g per "package
    (5 oz)"), "10 large (1 oz) = 28 g" of jellybeans, "0.5 cup (4 fl oz) = 126 g". When the
    stated size fits the row but not one of it:

    - a container ("container", "package", "can", ...) holds what its name says: the row is
      one container (amount 1): "container (4 oz)" = 113 g;
    - a standard volume ("cup (4 fl oz)" for half a cup) gets the volume of one in its name:
      "cup (8 fl oz)", so that the name and the grams per cup agree;
    - anything else is a count of pieces whose total weight the name states (10 large
      jellybeans weigh 1 oz): the count stays and the total goes from the name: "large".

    Rows that already fit, or fit neither reading (e.g. a can's net weight with drained grams),
    are left as they are.
    """
    match = _STATED.search(measure.name)
    if match is None or measure.amount == 1:
        return measure
    stated = _number_of(match.group("number"))
    unit = match.group("unit").replace(".", "").replace("floz", "fl oz")
    base = measure.name[: match.start()].strip(" ,").lower()
    if unit == "fl oz":
        one = ML_PER_UNIT.get(base)
        stated_ml = stated * ML_PER_UNIT["fl oz"]
        if one is None or _near(stated_ml, one) or not _near(stated_ml, measure.amount * one):
            return measure
        per_one = f"{stated / measure.amount:g}"
        name = f"{measure.name[: match.start()]}({per_one} fl oz){measure.name[match.end() :]}"
        return MeasureRecord(measure.amount, name, measure.grams, corrected=True)
    stated_g = stated * GRAMS_PER_UNIT[unit]
    if _near(measure.grams / measure.amount, stated_g) or not _near(measure.grams, stated_g):
        return measure
    if base.split(" ", 1)[0].split(",", 1)[0] in CONTAINER_WORDS:
        return MeasureRecord(1.0, measure.name, measure.grams, corrected=True)
    name = " ".join(f"{measure.name[: match.start()]} {measure.name[match.end() :]}".split())
    return MeasureRecord(measure.amount, name, measure.grams, corrected=True)


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
            measure = MeasureRecord(
                amount=_number(child.get("amount"), f"measure {label!r}"),
                name=label,
                grams=_number(child.get("grams"), f"measure {label!r} grams"),
            )
            if measure.amount > 0 and measure.grams > 0:  # else the sanity checks refuse it
                measure = settle_stated_size(measure)
            measures.append(measure)
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
    corrected: list[str] = field(default_factory=list)  # "01117: 0.5 container (4 oz) → ..."


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
            report.corrected += [
                f"{record.source_id} {record.name}: 1 {m.name} = {m.grams / m.amount:g} g"
                for m in record.measures
                if m.corrected
            ]
            yield record

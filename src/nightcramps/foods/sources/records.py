"""What every food-table reader returns: a food with provenance, and its household measures.

Each reader (:mod:`.fndds`, :mod:`.sr28`) turns its source's rows into :class:`FoodRecord`;
``scripts/build_food_db.py`` writes those to the packaged database. Pure: no I/O here.
Nutrients are per 100 g of edible portion in the units their names carry; ``None`` means the
source gives no value (unknown, never zero).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from nightcramps.foods.amounts import NUTRIENTS

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

SR_NUMBERS: Mapping[str, str] = {
    "208": "energy_kcal",
    "255": "water_g",
    "304": "magnesium_mg",
    "306": "potassium_mg",
    "301": "calcium_mg",
    "307": "sodium_mg",
    "262": "caffeine_mg",
    "221": "alcohol_g",
    "203": "protein_g",
    "205": "carbohydrate_g",
    "204": "fat_g",
}
"""SR nutrient numbers (NUTR_DEF ``Nutr_No``, SR28 documentation) → the app's nutrient names.
Units agree: SR gives energy in kcal (208), minerals and caffeine in mg, the rest in g.
Carbohydrate is 205, "by difference"; fat is 204, "total lipid"."""

assert sorted(SR_NUMBERS.values()) == sorted(NUTRIENTS)


@dataclass(frozen=True, slots=True)
class MeasureRecord:
    """A household measure: ``amount`` × ``name`` weighs ``grams`` (1.0 "cup, sliced" = 150 g).

    ``corrected`` says :func:`settle_stated_size` changed the source's row (see there).
    ``default`` marks the survey's portion for an amount nobody said (FNDDS "Quantity not
    specified"): what a bare "a coffee" means.
    """

    amount: float
    name: str
    grams: float
    corrected: bool = False
    default: bool = False

    @property
    def grams_per_one(self) -> float:
        """Grams of one of this measure (1 "cup" when the row says 0.5 cup = 90 g is 180 g)."""
        return self.grams / self.amount


@dataclass(frozen=True, slots=True)
class FoodRecord:
    """One food as read from a source, with where it comes from.

    ``id`` is the app's id (``usda:09040``, ``fndds:63107010``); ``table`` the source table
    (``sr28``, ``fndds-2021-2023``); ``category_code``/``category`` its group there (SR food
    group "0900" "Fruits and Fruit Juices", WWEIA category "6002" "Bananas"); ``synonyms`` other
    names the source gives (FNDDS "Additional food description"); ``common_name`` SR's ComName.
    """

    id: str
    name: str
    table: str
    nutrients: dict[str, float | None]
    measures: tuple[MeasureRecord, ...] = ()
    category_code: str = ""
    category: str = ""
    synonyms: tuple[str, ...] = ()
    common_name: str = ""

    def sanity_checks(self) -> list[str]:
        """What is wrong with this record (empty when it can be used)."""
        problems: list[str] = []
        if not self.name.strip():
            problems.append("the name is empty")
        if set(self.nutrients) != set(NUTRIENTS):
            problems.append("the nutrients are not the app's")
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


@dataclass
class ReadReport:
    """What a reader did: foods read and kept, the skipped ones with why, and measure rows
    changed or left out (each a line for the build's log)."""

    read: int = 0
    kept: int = 0
    skipped: dict[str, str] = field(default_factory=dict)
    corrected: list[str] = field(default_factory=list)
    dropped_measures: dict[str, int] = field(default_factory=dict)  # why → how many rows


GRAMS_PER_UNIT: Mapping[str, float] = {"oz": 28.349523125, "lb": 453.59237, "g": 1.0}
"""Grams in an avoirdupois ounce and pound (exact, by definition: NIST Handbook 44, 2024,
Appendix C), for the weights SR states in measure names ("container (4 oz)")."""

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
SR rounds grams to whole numbers (4 oz = 113.4 g is written 113)."""

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
    grams / amount. SR usually states the size of one in the name, but in a few rows the
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


def tidy(text: str) -> str:
    """``text`` with runs of white space made one space, trimmed."""
    return " ".join(text.split())

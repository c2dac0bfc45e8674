"""USDA SR24 food files as Debian's Cronometer package wrote them (one ``<food>`` XML each).

The packaged database is no longer built from SR24 (see :mod:`.sr28` and :mod:`.fndds`); this
reader stays for the measure tests that quote SR24's rows as written. One file looks like::

    <food uid="09040" name="Bananas, raw" pcf="3.36" fcf="8.37" ccf="3.6">
      <measure amount="1.0" name="medium (7&quot; to 7-7/8&quot; long)" grams="118.0"/>
      <nutrient amount="89.0" name="Energy"/>  ...
    </food>
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.etree import ElementTree

from nightcramps.foods.sources.records import (
    GRAMS_PER_UNIT,
    ML_PER_UNIT,
    FoodRecord,
    MeasureRecord,
    settle_stated_size,
    tidy,
)

__all__ = ["GRAMS_PER_UNIT", "ML_PER_UNIT", "MeasureRecord", "SourceFormatError", "parse_food_xml"]

TABLE = "sr24"

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


class SourceFormatError(ValueError):
    """A file that is not a readable food record."""


def _number(text: str | None, what: str) -> float:
    if text is None:
        raise SourceFormatError(f"{what} has no amount")
    try:
        return float(text)
    except ValueError:
        raise SourceFormatError(f"{what} has amount {text!r}, not a number") from None


def parse_food_xml(data: bytes) -> FoodRecord:
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
    nutrients: dict[str, float | None] = dict.fromkeys(NUTRIENT_NAMES.values())
    measures: list[MeasureRecord] = []
    for child in root:
        if child.tag == "nutrient":
            key = NUTRIENT_NAMES.get(child.get("name") or "")
            if key is not None:
                nutrients[key] = _number(child.get("amount"), f"nutrient {child.get('name')}")
        elif child.tag == "measure":
            label = tidy(child.get("name") or "")
            measure = MeasureRecord(
                amount=_number(child.get("amount"), f"measure {label!r}"),
                name=label,
                grams=_number(child.get("grams"), f"measure {label!r} grams"),
            )
            if measure.amount > 0 and measure.grams > 0:  # else the sanity checks refuse it
                measure = settle_stated_size(measure)
            measures.append(measure)
    return FoodRecord(
        id=f"usda:{(root.get('uid') or '').strip()}",
        name=tidy(root.get("name") or "").rstrip("\\").rstrip(),
        table=TABLE,
        nutrients=nutrients,
        measures=tuple(measures),
    )

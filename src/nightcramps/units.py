"""Units of measure: the words people type, mapped onto pint's registry for the arithmetic.

Conversion factors come from pint (US customary cups, tablespoons and fluid ounces, as USDA's
household measures use); this module only knows which words mean which unit. Cooking measures
are US customary: 1 cup = 236.6 ml, 1 tbsp = 14.8 ml, 1 fl oz = 29.6 ml. "oz" alone is weight
(28.35 g); a volume of ounces is written "fl oz".
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pint

UnitKind = Literal["mass", "volume"]

UNIT_WORDS: dict[str, str] = {
    # mass
    "g": "gram",
    "gr": "gram",
    "gram": "gram",
    "grams": "gram",
    "gramme": "gram",
    "grammes": "gram",
    "kg": "kilogram",
    "kgs": "kilogram",
    "kilo": "kilogram",
    "kilos": "kilogram",
    "kilogram": "kilogram",
    "kilograms": "kilogram",
    "mg": "milligram",
    "oz": "ounce",
    "ozs": "ounce",
    "ounce": "ounce",
    "ounces": "ounce",
    "lb": "pound",
    "lbs": "pound",
    "pound": "pound",
    "pounds": "pound",
    # volume
    "ml": "milliliter",
    "mls": "milliliter",
    "milliliter": "milliliter",
    "milliliters": "milliliter",
    "millilitre": "milliliter",
    "millilitres": "milliliter",
    "cl": "centiliter",
    "dl": "deciliter",
    "l": "liter",
    "liter": "liter",
    "liters": "liter",
    "litre": "liter",
    "litres": "liter",
    "cup": "cup",
    "cups": "cup",
    "c": "cup",
    "tbsp": "tablespoon",
    "tbsps": "tablespoon",
    "tbs": "tablespoon",
    "tbl": "tablespoon",
    "tablespoon": "tablespoon",
    "tablespoons": "tablespoon",
    "tsp": "teaspoon",
    "tsps": "teaspoon",
    "teaspoon": "teaspoon",
    "teaspoons": "teaspoon",
    "fl oz": "fluid_ounce",
    "fl. oz": "fluid_ounce",
    "floz": "fluid_ounce",
    "fluid ounce": "fluid_ounce",
    "fluid ounces": "fluid_ounce",
    "pint": "pint",
    "pints": "pint",
    "pt": "pint",
    "quart": "quart",
    "quarts": "quart",
    "qt": "quart",
    "gallon": "gallon",
    "gallons": "gallon",
    "gal": "gallon",
}
"""Words and abbreviations people type (lower case) → pint unit names."""

SYMBOLS: dict[str, str] = {
    "gram": "g",
    "kilogram": "kg",
    "milligram": "mg",
    "ounce": "oz",
    "pound": "lb",
    "milliliter": "ml",
    "centiliter": "cl",
    "deciliter": "dl",
    "liter": "l",
    "cup": "cup",
    "tablespoon": "tbsp",
    "teaspoon": "tsp",
    "fluid_ounce": "fl oz",
    "pint": "pint",
    "quart": "quart",
    "gallon": "gallon",
}
"""How each unit is written back to people and in JSON."""

MAX_UNIT_WORDS = max(len(word.split()) for word in UNIT_WORDS)


@functools.cache
def registry() -> pint.UnitRegistry[float]:
    """The one pint registry (importing pint and loading it take about 0.5 s, so they happen once,
    when a unit is first converted, not whenever this module is imported)."""
    import pint

    return pint.UnitRegistry(cache_folder=None)


def unit_for(word: str) -> str | None:
    """The pint unit a typed word means (``"Tbsp"`` → ``"tablespoon"``), or None."""
    return UNIT_WORDS.get(" ".join(word.lower().replace(".", " ").split()) or word.lower())


def symbol(unit: str) -> str:
    """The short form shown to people: ``"tablespoon"`` → ``"tbsp"``."""
    return SYMBOLS.get(unit, unit)


FACTORS: dict[str, tuple[UnitKind, float]] = {
    "centiliter": ("volume", 10.0),
    "cup": ("volume", 236.5882365),
    "deciliter": ("volume", 100.0),
    "fluid_ounce": ("volume", 29.5735295625),
    "gallon": ("volume", 3785.411784),
    "gram": ("mass", 1.0),
    "kilogram": ("mass", 1000.0),
    "liter": ("volume", 1000.0),
    "milligram": ("mass", 0.001),
    "milliliter": ("volume", 1.0),
    "ounce": ("mass", 28.349523125),
    "pint": ("volume", 473.176473),
    "pound": ("mass", 453.59237),
    "quart": ("volume", 946.352946),
    "tablespoon": ("volume", 14.78676478125),
    "teaspoon": ("volume", 4.92892159375),
}
"""The units people type (the values of UNIT_WORDS), in grams or millilitres: pint's definitions
(US customary and avoirdupois, exact by definition), written out so that reading a phrase does
not load pint's registry (0.4 s of a command's start); ``tests/test_units.py`` checks each against
pint. Any other unit is converted by pint itself."""


@functools.cache
def kind_of(unit: str) -> UnitKind:
    """Whether ``unit`` measures mass or volume.

    Raises:
        ValueError: ``unit`` is neither.
    """
    if unit in FACTORS:
        return FACTORS[unit][0]
    quantity = registry().Quantity(1, unit)
    if quantity.check("[mass]"):
        return "mass"
    if quantity.check("[length] ** 3"):
        return "volume"
    raise ValueError(f"{unit} is neither a mass nor a volume")


@functools.cache
def _factor(unit: str, target: str) -> float:
    if unit in FACTORS and target in ("gram", "milliliter"):
        return FACTORS[unit][1]
    return float(registry().Quantity(1, unit).to(target).magnitude)


def to_grams(amount: float, unit: str) -> float:
    """``amount`` of a mass ``unit`` in grams: ``to_grams(8, "ounce")`` → 226.8."""
    if kind_of(unit) != "mass":
        raise ValueError(f"{unit} is not a mass")
    return amount * _factor(unit, "gram")


def to_millilitres(amount: float, unit: str) -> float:
    """``amount`` of a volume ``unit`` in millilitres: ``to_millilitres(1, "cup")`` → 236.6."""
    if kind_of(unit) != "volume":
        raise ValueError(f"{unit} is not a volume")
    return amount * _factor(unit, "milliliter")

"""What an amount of a food weighs: "2 cups", "1 medium" or "100 g" of it in grams (and ml).

The one place that turns a quantity of a unit or household measure into grams: a measure gives
its grams, a mass converts with pint, and a volume is weighed with the food's own measure of
that unit or else with its density from any of its volume measures (never a guess). It also
says what volume the amount holds when that is known, and refuses amounts nobody eats or drinks
at once (:func:`check_amount`). Pure: the foods come from :mod:`nightcramps.foods.catalogue`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from nightcramps import units
from nightcramps.constants import MAX_FOOD_ENTRY_G
from nightcramps.errors import Invalid
from nightcramps.foods import vocabulary
from nightcramps.foods.amounts import NutrientAmounts
from nightcramps.foods.catalogue import Food, Measure
from nightcramps.foods.schemas import Lookup
from nightcramps.foods.search import stem, subject_words, words


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount of one food: ``quantity`` × ``unit`` weighs ``grams``.

    ``unit`` is as shown to people: the food's own measure ("medium", "cup, sliced") or a unit
    symbol ("g", "cup"). ``volume_ml`` is the volume the amount holds when a volume was given
    or its measure is one or states one ("can 12 fl oz"), else None (a weight, a piece).
    """

    food: Food
    quantity: float
    unit: str
    grams: float
    volume_ml: float | None
    nutrients: NutrientAmounts  # in the whole amount

    @classmethod
    def of(
        cls, food: Food, quantity: float, unit: str, grams: float, volume_ml: float | None = None
    ) -> Amount:
        """The amount with its nutrients (``food.nutrients_for(grams)``)."""
        return cls(food, quantity, unit, grams, volume_ml, food.nutrients_for(grams))

    def to_lookup(self, phrase: str) -> Lookup:
        """The API's shape of this amount, read from ``phrase``."""
        return Lookup(
            phrase=phrase,
            food=self.food.ref,
            quantity=self.quantity,
            unit=self.unit,
            grams=self.grams,
            nutrients=self.nutrients,
        )


def of_measure(food: Food, quantity: float, measure: Measure, shown: str) -> Amount:
    """``quantity`` of one of the food's own measures, shown as ``shown``."""
    one_ml = measure.drunk_ml
    volume = None if one_ml is None else quantity * one_ml
    return Amount.of(food, quantity, shown, quantity * measure.grams, volume)


def of_mass(food: Food, quantity: float, unit: str) -> Amount:
    """``quantity`` of a mass unit ("ounce") of the food."""
    return Amount.of(food, quantity, units.symbol(unit), units.to_grams(quantity, unit))


def of_volume(food: Food, quantity: float, unit: str, *, show_measure: bool) -> Amount | None:
    """``quantity`` of a volume unit ("cup") of the food: weighed with its own measure of that
    unit, else with its density from its first volume measure; None when it has no volume
    measure (the caller says so in its own words). With ``show_measure`` the amount is shown
    in the food's measure used ("cup, sliced"), else in the unit's symbol."""
    same = next((m for m in food.measures if m.unit == unit), None)
    if same is not None:
        grams = quantity * same.grams
    else:
        reference = next((m for m in food.measures if m.millilitres), None)
        if reference is None or reference.millilitres is None:
            return None
        grams_per_ml = reference.grams / reference.millilitres
        grams = units.to_millilitres(quantity, unit) * grams_per_ml
    shown = shown_as(same) if same is not None and show_measure else units.symbol(unit)
    return Amount.of(food, quantity, shown, grams, units.to_millilitres(quantity, unit))


def count_measure(food: Food) -> Measure | None:
    """The measure a bare count means: "2 bananas" → 2 × medium, "an avocado" → 1 avocado
    (vocabulary.COUNT_MEASURE_WORDS, best first, then the food's own noun)."""
    pieces = [m for m in food.measures if m.unit is None]
    head = set(words(food.name.split(",", 1)[0])) | subject_words(food.name)
    for word in vocabulary.COUNT_MEASURE_WORDS:
        for measure in pieces:
            if measure.base == word:
                return measure
        for measure in pieces:
            if word in measure.words and len(measure.words) <= 3:
                return measure
        if word == "piece":  # then the food's own noun: "1 avocado, NS as to ..."
            for measure in pieces:
                if stem(measure.base.split(" ", 1)[0]) in head:
                    return measure
    return None


def shown_as(measure: Measure) -> str:
    """How a measure is named in a lookup: "tbsp" for USDA's "tbsp", else USDA's own name."""
    if measure.unit is not None and measure.name.lower() == measure.base:
        return units.symbol(measure.unit)
    return measure.name


def measure_list(food: Food) -> str:
    """The food's first measures with their weights, for a message: "1 cup (244 g), ..."."""
    names = [f"1 {m.name} ({m.grams:g} g)" for m in food.measures[:8]]
    return ", ".join(names) if names else "none"


def number(value: float) -> str:
    """A quantity as a message quotes it: "1.5", "9000", "2,000,000"."""
    return f"{value:g}" if value < 1e6 else f"{value:,.0f}"


def check_amount(
    quantity: float,
    grams: float | None,
    what: str,
    *,
    unit: str = "",
    phrase: bool = False,
) -> None:
    """Refuse an amount nobody eats or drinks at once: not a positive number, or more than
    ``MAX_FOOD_ENTRY_G`` (``grams`` None: not known yet, not checked).

    ``what`` names the food. With ``phrase`` the amount was typed as ``quantity`` ``unit`` in a
    phrase, and the message and ``fields["phrase"]`` point there; else at the quantity.

    Raises:
        Invalid: with a message that says what to change.
    """
    if not math.isfinite(quantity) or quantity <= 0:
        if phrase:
            raise Invalid(
                f"{number(quantity)} is not an amount you can eat or drink; give a positive "
                "amount, e.g. '1 cup' or '100 g'.",
                fields={"phrase": "the amount must be more than zero"},
            )
        raise Invalid(
            f"{quantity:g} is not an amount; give a positive amount of {what}.",
            fields={"quantity": "must be more than zero"},
        )
    if grams is None or grams <= MAX_FOOD_ENTRY_G:
        return
    most = f"one entry can be at most {MAX_FOOD_ENTRY_G / 1000:g} kg"
    too_much = f"more than {MAX_FOOD_ENTRY_G:g} g"
    if phrase:
        raise Invalid(
            f"{number(quantity)} {unit} of {what} would be {grams / 1000:,.1f} kg; {most}. "
            "Check the amount (or log it as several entries).",
            fields={"phrase": too_much},
        )
    raise Invalid(
        f"That is {grams / 1000:,.1f} kg of {what}; {most}. Check the amount (or log several "
        "entries).",
        fields={"quantity": too_much},
    )

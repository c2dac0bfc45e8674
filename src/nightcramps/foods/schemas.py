"""What the food database returns (API bodies and CLI ``--json`` share these)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from nightcramps.foods.amounts import NUTRIENTS, NutrientAmounts


def _nutrients_json(amounts: NutrientAmounts) -> dict[str, float | None]:
    return amounts.as_dict()


NUTRIENTS_JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Each nutrient (name with its unit) a number, or null when unknown.",
    "properties": {name: {"type": ["number", "null"]} for name in NUTRIENTS},
    "required": list(NUTRIENTS),
}

NutrientsField = Annotated[
    NutrientAmounts,
    PlainSerializer(_nutrients_json, return_type=dict[str, float | None]),
    WithJsonSchema(NUTRIENTS_JSON_SCHEMA),
]
"""A :class:`NutrientAmounts` that serialises as ``{"magnesium_mg": 32.0, "caffeine_mg": null}``."""


class FoodMatch(BaseModel):
    """One search result; ``score`` runs from 0 (barely) to 1 (exactly what was typed)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(examples=["usda:09040"])
    name: str = Field(examples=["Bananas, raw"])
    score: float = Field(ge=0, le=1)


class FoodRef(BaseModel):
    """Which food an amount is of."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(examples=["fndds:63107010"])
    name: str = Field(examples=["Banana, raw"])
    source: str = Field(examples=["USDA FNDDS 2021-2023"])


class Lookup(BaseModel):
    """A phrase such as "1 medium banana" read as a food, an amount, its grams and nutrients.

    ``unit`` is the food's own household measure as USDA names it when the weight came from one
    ('medium (7" to 7-7/8" long)', "cup", "tbsp"), otherwise the metric or US unit typed
    ("g", "oz", "ml"). ``nutrients`` are for the whole amount.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    phrase: str
    food: FoodRef
    quantity: float
    unit: str
    grams: Annotated[float, PlainSerializer(lambda g: round(g, 1), return_type=float)]
    nutrients: NutrientsField
    assumed: str | None = Field(
        default=None,
        description="What was taken for an amount the phrase did not say, and why: a food "
        "named alone takes its usual portion; a household measure the food lacks its size.",
        examples=["no amount given: the usual portion, 1 cup (8 fl oz) (240 g)"],
    )
    confidence: float = Field(
        default=1.0,
        ge=0,
        le=1,
        description="How sure the reading is, 0-1: below 0.5 the food may well be another "
        "(see alternatives); logging asks which one rather than guessing.",
    )
    alternatives: list[FoodMatch] = Field(
        default_factory=list, description="Other foods the phrase may mean, best first."
    )


class MeasurePublic(BaseModel):
    """A household measure: one ``name`` weighs ``grams``."""

    name: str
    grams: float


class FoodPublic(BaseModel):
    """A food with its nutrients per 100 g and its household measures."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    id: str
    name: str
    source: str
    per_100g: NutrientsField
    measures: list[MeasurePublic]


class RichFood(BaseModel):
    """A food that supplies a nutrient, in an ordinary portion (one of its household measures).

    ``amount`` is the nutrient in that portion and ``per_100kcal`` per 100 kcal of the food
    (None when its energy is unknown or too small to divide by).
    """

    model_config = ConfigDict(frozen=True)

    food: FoodRef
    nutrient: str = Field(examples=["magnesium_mg"])
    portion: str = Field(examples=["1 cup"])
    portion_grams: float
    amount: float
    energy_kcal: float | None
    per_100kcal: float | None

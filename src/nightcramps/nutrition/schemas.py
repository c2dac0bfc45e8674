"""What the nutrition feature accepts and returns (API bodies, forms and CLI share these)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from nightcramps.inputs import Input
from nightcramps.nutrition import constants as c

Kind = Literal["food", "drink", "supplement"]
Meal = Literal["breakfast", "lunch", "afternoon", "dinner", "late"]
Source = Literal["manual", "import"]
TargetNutrient = Literal["magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg", "water_ml"]
Phrase = Annotated[
    str,
    Field(
        min_length=1,
        max_length=300,
        description='What was eaten or drunk as a person writes it: "1 medium banana".',
        examples=["1 medium banana", "500 ml water"],
    ),
]
LabelMg = Annotated[float, Field(ge=0, le=c.MAX_LABEL_MG)]
LabelAmount = Annotated[float, Field(ge=0, le=100_000)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


# ---------------------------------------------------------------------------- intake


class IntakeCreate(Input):
    """Log something eaten, drunk or taken. Give exactly one of ``phrase``, ``food_id`` or
    ``supplement_id``.

    - ``phrase``: free text, looked up in your own foods first, then in the food database.
    - ``food_id`` with ``quantity`` and ``unit``: a food from search ("usda:09040") or one of
      your own ("custom:3"); ``unit`` is "g", "ml", "serving" or one of the food's measures
      ("medium", "cup, sliced").
    - ``supplement_id`` with ``quantity`` = the dose in units (tablets, sachets...).
    """

    kind: Kind | None = Field(
        default=None,
        description="food or drink (drinks count toward fluids); supplement with supplement_id.",
    )
    phrase: Phrase | None = None
    food_id: str | None = Field(default=None, max_length=40, pattern=r"^[a-z]+:[A-Za-z0-9_-]+$")
    supplement_id: int | None = Field(default=None, ge=1, le=2_147_483_647)
    quantity: float | None = Field(default=None, gt=0, le=100_000)
    unit: str | None = Field(default=None, min_length=1, max_length=80)
    at: datetime | None = Field(
        default=None,
        description="When; without a zone it is read in your time zone. Default: now.",
    )
    meal: Meal | None = Field(
        default=None, description="Default: from the clock time (breakfast before 11:00...)."
    )
    source: Source = "manual"

    @model_validator(mode="after")
    def _one_way(self) -> IntakeCreate:
        given = [n for n in ("phrase", "food_id", "supplement_id") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of phrase (e.g. '1 medium banana'), food_id or supplement_id"
            )
        if self.supplement_id is not None:
            if self.kind not in (None, "supplement"):
                raise ValueError("a supplement_id is logged as kind 'supplement'")
            self.kind = "supplement"
        elif self.kind == "supplement":
            raise ValueError("to log a supplement, give its supplement_id (see /supplements)")
        if self.food_id is not None and (self.quantity is None or self.unit is None):
            raise ValueError(
                "with food_id, give quantity and unit (e.g. 1 and 'medium', or 120 and 'g')"
            )
        return self


class IntakeUpdate(Input):
    """Changes to an entry; fields left out stay. A new ``quantity`` rescales the nutrients; a
    new ``phrase`` looks the food up again."""

    at: datetime | None = None
    meal: Meal | None = None
    quantity: float | None = Field(default=None, gt=0, le=100_000)
    phrase: Phrase | None = None


class FoodRef(BaseModel):
    """Which food an entry is: "usda:09040", "custom:3" or "supplement:2"."""

    id: str
    name: str


class IntakeEntryPublic(BaseModel):
    """An entry as returned by the API and the CLI. Nutrients are those at logging time."""

    id: int
    day: date = Field(description="Your local date of eaten_at; it precedes the night of day.")
    eaten_at: datetime
    meal: Meal | None
    kind: Kind
    source: Source
    description: str
    food: FoodRef
    quantity: float | None
    unit: str | None
    grams: float | None
    volume_ml: float | None
    nutrients: dict[str, float | None] = Field(description="Each a number, or null when unknown.")


class Citation(BaseModel):
    """One claim with its evidence grade and the publication behind it."""

    claim: str
    grade: str = Field(description="strong, moderate, weak, none, contradicted or guideline")
    source: str


class Advice(BaseModel):
    """A warning or a note shown with a day or an entry."""

    code: str
    level: Literal["warning", "info"]
    message: str
    evidence: list[Citation] = Field(default_factory=list)


class IntakeLogged(IntakeEntryPublic):
    """A new entry, with any warning it caused for its day (e.g. supplemental magnesium)."""

    warnings: list[Advice] = Field(default_factory=list)


class IntakeList(BaseModel):
    """Entries in a date range, oldest first."""

    data: list[IntakeEntryPublic]
    count: int


class RepeatMeal(Input):
    """Log again the entries of one meal of an earlier day (default: yesterday)."""

    meal: Meal
    from_day: date | None = Field(default=None, description="Default: the day before to_day.")
    to_day: date | None = Field(default=None, description="Default: today.")


class FavouriteCreate(Input):
    """Star the item of a logged entry, to log it again with one call."""

    entry_id: int = Field(ge=1, le=2_147_483_647, description="An entry from GET /intake.")


class FavouriteLog(Input):
    """Log a favourite (or a recent entry) again."""

    at: datetime | None = Field(
        default=None,
        description="When; without a zone it is read in your time zone. Default: now.",
    )


class FavouritePublic(BaseModel):
    """A starred item: what one call to ``POST /favourites/{id}/log`` logs."""

    id: int
    kind: Kind
    description: str
    food_name: str
    quantity: float | None
    unit: str | None


class FavouritesPublic(BaseModel):
    """The person's favourites, by description."""

    data: list[FavouritePublic]
    count: int


# ---------------------------------------------------------------------------- targets


class TargetsPublic(BaseModel):
    """A person's daily targets (null when they cannot be known: set age and sex)."""

    life_stage: str | None
    life_stage_label: str
    magnesium_mg: float | None
    potassium_mg: float | None
    calcium_mg: float | None
    sodium_mg: float | None
    water_ml: float | None = Field(description="Total water: drinks and the water in food.")
    supplemental_magnesium_limit_mg: float | None = Field(
        description="Tolerable upper intake of magnesium from supplements (not food); null for "
        "infants (not determinable)."
    )
    sodium_upper_guide_mg: float | None = Field(
        description="Sodium Chronic Disease Risk Reduction intake: reduce intake above it."
    )
    kinds: dict[str, str] = Field(description="RDA or AI for each target.")
    overridden: dict[str, str] = Field(description="Targets you set yourself, with your note.")
    notes: list[str]
    sources: list[str]


class TargetOverrideIn(Input):
    """Your own daily target for one nutrient (e.g. on a doctor's advice)."""

    value: float = Field(gt=0, le=100_000, description="mg per day, or ml per day for water_ml")
    note: str = Field(default="", max_length=200, description="Why, e.g. 'Dr Rao, March 2026'.")


# ---------------------------------------------------------------------------- own foods


class _LabelNutrients(Input):
    energy_kcal: LabelAmount | None = None
    water_g: LabelAmount | None = None
    magnesium_mg: LabelMg | None = None
    potassium_mg: LabelMg | None = None
    calcium_mg: LabelMg | None = None
    sodium_mg: LabelMg | None = None
    caffeine_mg: LabelMg | None = None
    alcohol_g: LabelAmount | None = None
    protein_g: LabelAmount | None = None
    carbohydrate_g: LabelAmount | None = None
    fat_g: LabelAmount | None = None


class CustomFoodCreate(_LabelNutrients):
    """A food or drink from its label. Amounts are per 100 g (``basis`` per_100g), per 100 ml
    (per_100ml, as drink labels in Europe give them) or per serving (per_serving; give
    ``serving_g`` and/or ``serving_ml`` to log it in grams or ml). Leave out what the label does
    not give: it is unknown, not zero."""

    name: Name
    kind: Literal["food", "drink"] = "food"
    basis: Literal["per_100g", "per_100ml", "per_serving"] = "per_100g"
    serving_name: str = Field(default="serving", min_length=1, max_length=60)
    serving_g: float | None = Field(default=None, gt=0, le=c.MAX_ENTRY_GRAMS)
    serving_ml: float | None = Field(default=None, gt=0, le=c.MAX_ENTRY_ML)

    @field_validator("name")
    @classmethod
    def _tidy(cls, value: str) -> str:
        return " ".join(value.split())


class CustomFoodPublic(BaseModel):
    """One of your own foods or drinks."""

    id: int
    food_id: str = Field(description='Use as food_id when logging: "custom:<id>".')
    name: str
    kind: Literal["food", "drink"]
    basis: Literal["per_100g", "per_100ml", "per_serving"]
    serving_name: str
    serving_g: float | None
    serving_ml: float | None
    nutrients: dict[str, float | None]


class SupplementCreate(Input):
    """A supplement with the amounts its label gives per unit. The minerals default to 0: a
    supplement label lists every mineral it contains, so one not listed is none."""

    name: Name
    unit_name: str = Field(default="tablet", min_length=1, max_length=40)
    magnesium_mg: LabelMg = 0
    potassium_mg: LabelMg = 0
    calcium_mg: LabelMg = 0
    sodium_mg: LabelMg = 0
    caffeine_mg: LabelMg = 0
    energy_kcal: LabelAmount | None = None
    volume_ml_per_unit: float | None = Field(
        default=None,
        gt=0,
        le=c.MAX_ENTRY_ML,
        description="For an electrolyte drink: the volume of one unit (counts as fluid).",
    )
    notes: str = Field(default="", max_length=2000)

    @field_validator("name", "unit_name")
    @classmethod
    def _tidy(cls, value: str) -> str:
        return " ".join(value.split())


class SupplementPublic(BaseModel):
    """A supplement with its label amounts per unit."""

    id: int
    name: str
    unit_name: str
    volume_ml_per_unit: float | None
    nutrients: dict[str, float | None]
    notes: str


# ---------------------------------------------------------------------------- the day


class NutrientTotal(BaseModel):
    """A day's total of one nutrient against its target."""

    nutrient: str
    label: str
    amount: float | None = Field(description="Sum of the known values; null when none known.")
    target: float | None
    target_kind: str | None = Field(description="RDA or AI")
    percent: float | None
    items: int
    unknown_items: int = Field(description="Entries that did not know this nutrient.")
    upper_guide: float | None = None


class WaterTotal(BaseModel):
    """Fluids and the water in food, apart and together, against the total-water target."""

    fluids_ml: float | None = Field(description="Volume of drinks (null when none logged).")
    drinks: int
    food_water_ml: float | None = Field(description="Water inside foods (1 g = 1 ml).")
    foods: int
    food_unknown_items: int
    total_water_ml: float | None
    target_ml: float | None
    percent: float | None


class Suggestion(BaseModel):
    """A food that would help close a gap, in an ordinary portion."""

    food_id: str
    name: str
    portion: str
    grams: float
    amount: float = Field(description="Of the nutrient, in this portion.")
    share_of_gap_percent: float
    energy_kcal: float | None
    per_100_kcal: float | None = Field(description="Of the nutrient per 100 kcal of the food.")
    article_example: bool = Field(description="Named by the article (banana, avocado...).")


class Gap(BaseModel):
    """What is missing of one nutrient today, and foods that would supply it."""

    nutrient: str
    label: str
    missing: float
    by_portion: list[Suggestion]
    by_calorie: list[Suggestion]
    article_examples: list[Suggestion]


class DayPublic(BaseModel):
    """A day's intake against the person's targets (the day precedes the night of that date)."""

    day: date
    logged: bool = Field(description="False when nothing is logged: every total is unknown.")
    targets: TargetsPublic
    nutrients: list[NutrientTotal]
    water: WaterTotal
    caffeine_mg: NutrientTotal
    energy_kcal: NutrientTotal
    supplemental_magnesium_mg: float | None
    warnings: list[Advice]
    entries: list[IntakeEntryPublic]
    gaps: list[Gap]

"""What the nutrition feature accepts and returns (API bodies, forms and CLI share these)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from nightcramps.content.grades import Grade
from nightcramps.inputs import Input, deprecated, fixed, read_only, renamed
from nightcramps.nutrition import constants as c
from nightcramps.nutrition.kinds import Kind

Meal = Literal["breakfast", "lunch", "afternoon", "dinner", "late"]
Source = Literal["manual", "import"]
TargetNutrient = Literal["magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg", "water_ml"]
EvidenceGrade = Grade
"""The product's evidence grades (``content.grades``), for claims shown with intake."""
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
BUILTIN_PREFIX = "supplement:builtin-"
"""The ids of the built-in supplements (``builtin_supplements.REF_PREFIX``)."""
FoodId = Annotated[str, Field(max_length=40, pattern=r"^[a-z]+:[A-Za-z0-9_-]+$")]
EATEN_AT = "When; without a zone it is read in your time zone. Default: now."
DESCRIPTION_IN = (
    'What was eaten or drunk, as written ("1 medium banana"). Without food, the food is looked '
    "up from it; with food, it is how the entry reads."
)
DAY_IN = "Your local date of eaten_at; it follows eaten_at and must agree with it."


class FoodRefIn(Input):
    """A food as GET returns it in an entry's ``food``; only its id is read."""

    id: FoodId = Field(
        description='"usda:09040" (from search), "custom:3" (yours), "supplement:2" (yours) or '
        '"supplement:builtin-magnesium-citrate" (built in, GET /api/v1/supplements/builtin).'
    )
    name: str | None = read_only("the food's name.")


class _EntryComputed(Input):
    """What an entry's GET body holds that the food and amount decide."""

    grams: float | None = read_only("the weight of the amount.")
    volume_ml: float | None = read_only("the volume of the amount.")
    nutrients: dict[str, Any] | None = read_only("the nutrients of the amount.")
    warnings: list[dict[str, Any]] | None = read_only(
        "what the answer to a POST or PATCH warned about."
    )
    assumed: str | None = read_only("what the answer to a POST took for an amount not said.")
    confidence: float | None = read_only("how sure the answer to a POST was of the food.")


# ---------------------------------------------------------------------------- intake


class IntakeCreate(_EntryComputed):
    """Log something eaten, drunk or taken: a ``description`` to look up, or a ``food`` with
    ``quantity`` and ``unit``, as an entry's GET body has them.

    - ``description``: free text, looked up in your own foods first, then in the food database.
    - ``food`` ``{"id"}`` with ``quantity`` and ``unit``: a food from search ("usda:09040"), one
      of your own ("custom:3") or a supplement ("supplement:2", quantity = the dose in units);
      ``unit`` is "g", "ml", "serving" or one of the food's measures ("medium", "cup, sliced").
      A ``description`` given with it is how the entry reads.
    - ``description`` with a database ``food`` and no quantity or unit: the amount typed, of
      that food. This is how to answer a 422 that offers ``alternatives`` (the description
      was not sure which food it meant): send it again with the one meant.

    The old names still work: ``phrase`` for description, ``food_id`` and ``supplement_id`` for
    food, ``at`` for eaten_at.
    """

    kind: Kind | None = Field(
        default=None,
        description="food or drink (drinks count toward fluids); supplement with a supplement.",
    )
    description: Phrase | None = Field(default=None, exclude=True, description=DESCRIPTION_IN)
    phrase: Phrase | None = deprecated("description", default=None)
    food: FoodRefIn | None = Field(
        default=None, exclude=True, description="The food, as GET returns it; with quantity."
    )
    food_id: str | None = deprecated(
        "food", default=None, max_length=40, pattern=r"^[a-z]+:[A-Za-z0-9_-]+$"
    )
    supplement_id: int | None = deprecated(
        'food ({"id": "supplement:<id>"})', default=None, ge=1, le=2_147_483_647
    )
    quantity: float | None = Field(default=None, gt=0, le=100_000)
    unit: str | None = Field(default=None, min_length=1, max_length=80)
    at: datetime | None = Field(
        default=None, validation_alias=renamed("eaten_at", "at"), description=EATEN_AT
    )
    day: date | None = Field(default=None, exclude=True, description=DAY_IN)
    meal: Meal | None = Field(
        default=None, description="Default: from the clock time (breakfast before 11:00...)."
    )
    source: Source = "manual"

    @property
    def label(self) -> str | None:
        """How the entry is to read, when a description comes with a food."""
        return self.description if self.phrase is None else None

    @property
    def reads_amount(self) -> bool:
        """Whether the amount is to be read from the description, of the database food given
        (a food chosen among those an unsure answer offered): no quantity or unit was sent."""
        database = self.food_id is not None and not self.food_id.startswith(
            ("custom:", "supplement:")
        )
        return database and self.label is not None and self.quantity is None and self.unit is None

    @model_validator(mode="after")
    def _one_way(self) -> IntakeCreate:
        if self.food is not None:
            self._take_food(self.food.id)
        if self.description is not None and self.food_id is None and self.supplement_id is None:
            if self.phrase is not None and self.phrase != self.description:
                raise ValueError("give description only (phrase is its old name)")
            self.phrase = self.description
        given = [n for n in ("phrase", "food_id", "supplement_id") if getattr(self, n) is not None]
        if len(given) > 1:
            raise ValueError(
                "give exactly one of a description to look up or a food (phrase, food_id and "
                "supplement_id are their old names)"
            )
        if not given:
            raise ValueError(
                "give a description (e.g. '1 medium banana') or a food with quantity and unit"
            )
        builtin = self.food_id is not None and self.food_id.startswith(BUILTIN_PREFIX)
        if self.supplement_id is not None or builtin:
            if self.kind not in (None, "supplement"):
                raise ValueError("a supplement is logged as kind 'supplement'")
            self.kind = "supplement"
        elif self.kind == "supplement":
            raise ValueError(
                'to log a supplement, give food {"id": "supplement:<id>"} (see /supplements) '
                'or a built-in one, {"id": "supplement:builtin-magnesium-citrate"} (see '
                "/supplements/builtin)"
            )
        if builtin:
            return self  # a dose: quantity defaults to 1, unit to the built-in's (tablet)
        if self.food_id is not None and self.reads_amount:
            return self
        if self.food_id is not None and (self.quantity is None or self.unit is None):
            raise ValueError(
                "with a food, give quantity and unit (e.g. 1 and 'medium', or 120 and 'g')"
            )
        return self

    def _take_food(self, food_id: str) -> None:
        """``food.id`` as the old fields: a supplement's id, or any other food's."""
        source, _, key = food_id.partition(":")
        if source != "supplement" or food_id.startswith(BUILTIN_PREFIX):
            if self.food_id not in (None, food_id):
                raise ValueError("give food only (food_id is its old form)")
            self.food_id = food_id
            return
        if not key.isdigit() or not 1 <= int(key) <= 2_147_483_647:
            raise ValueError(f"there is no supplement {food_id!r}")
        if self.supplement_id not in (None, int(key)):
            raise ValueError("give food only (supplement_id is its old form)")
        self.supplement_id = int(key)


class IntakeUpdate(_EntryComputed):
    """Changes to an entry; fields left out stay, and so do fields sent with the value they
    have (an entry's GET body can be sent back with one field edited). A new ``quantity``
    rescales the nutrients; a new ``description`` looks the food up again. The old names still
    work: ``phrase`` for description, ``at`` for eaten_at."""

    id: int | None = fixed("The entry's number, as in the address.")
    at: datetime | None = Field(
        default=None, validation_alias=renamed("eaten_at", "at"), description=EATEN_AT
    )
    day: date | None = Field(default=None, exclude=True, description=DAY_IN)
    meal: Meal | None = None
    quantity: float | None = Field(default=None, gt=0, le=100_000)
    phrase: Phrase | None = Field(
        default=None,
        validation_alias=renamed("description", "phrase"),
        description="What was eaten or drunk, as written; a new one looks the food up again.",
    )
    kind: Kind | None = fixed("food, drink or supplement.")
    source: Source | None = fixed("manual or import.")
    unit: str | None = fixed("The unit of quantity.")
    food: FoodRefIn | None = fixed("The food (a new description may change it).")


class FoodRef(BaseModel):
    """Which food an entry is: "usda:09040", "custom:3" or "supplement:2"."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str


class IntakeEntryPublic(BaseModel):
    """An entry as returned by the API and the CLI. Nutrients are those at logging time."""

    # model_validate(entry) reads a stored entry: food and nutrients are properties of the row
    model_config = ConfigDict(from_attributes=True)

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
    grade: EvidenceGrade = Field(
        description="strong, moderate, weak, none or contradicted, as in the guidance pages."
    )
    source: str = Field(description="The short forms of the publications it rests on.")


class Advice(BaseModel):
    """A warning or a note shown with a day or an entry."""

    code: str
    level: Literal["warning", "info"]
    message: str
    evidence: list[Citation] = Field(default_factory=list)


class IntakeLogged(IntakeEntryPublic):
    """A new entry, with any warning it caused for its day (e.g. supplemental magnesium), and
    for a typed description how it was read."""

    warnings: list[Advice] = Field(default_factory=list)
    assumed: str | None = Field(
        default=None,
        description="What was taken for an amount the description did not say.",
        examples=["no amount given: the usual portion, 360 g"],
    )
    confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="How sure the reading of a typed description was, 0-1 (null when a food "
        f"was given). Below {c.ASK_BELOW_CONFIDENCE} nothing is logged: the answer is a 422 "
        "with alternatives.",
    )


class CandidateMeasure(BaseModel):
    """One household measure of an offered food: one ``name`` weighs ``grams``."""

    name: str = Field(examples=["cup"])
    grams: float = Field(examples=[244.0])


class Candidate(BaseModel):
    """A food a description may mean, with its first household measures; log it by sending
    the description again with ``food`` ``{"id"}`` (or ``quantity`` and one ``unit``)."""

    id: str = Field(examples=["usda:09040"])
    name: str = Field(examples=["Bananas, raw"])
    score: float = Field(ge=0, le=1, description="How well it matches what was typed, 0-1.")
    measures: list[CandidateMeasure]


class IntakeProblem(BaseModel):
    """Why a typed entry was not logged, with what to choose instead.

    ``alternatives`` are the foods the description may mean, best first (it was not sure, or no
    food matched all of it); for a measure the food does not have, the one food with its
    measures. ``detail`` and ``fields`` are as in every error body.
    """

    detail: str
    fields: dict[str, str]
    phrase: str | None = Field(default=None, description="The description as it was read.")
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="How sure the reading was, when there was one."
    )
    alternatives: list[Candidate] = Field(default_factory=list)


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

    model_config = ConfigDict(from_attributes=True)

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

    model_config = ConfigDict(from_attributes=True)  # model_validate(targets.Targets)

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


def _in_nutrients(name: str) -> Any:
    return deprecated(f"nutrients.{name}", default=None)


class _LabelNutrients(Input):
    """The label's amounts as top-level fields: the old form of ``nutrients``."""

    energy_kcal: LabelAmount | None = _in_nutrients("energy_kcal")
    water_g: LabelAmount | None = _in_nutrients("water_g")
    magnesium_mg: LabelMg | None = _in_nutrients("magnesium_mg")
    potassium_mg: LabelMg | None = _in_nutrients("potassium_mg")
    calcium_mg: LabelMg | None = _in_nutrients("calcium_mg")
    sodium_mg: LabelMg | None = _in_nutrients("sodium_mg")
    caffeine_mg: LabelMg | None = _in_nutrients("caffeine_mg")
    alcohol_g: LabelAmount | None = _in_nutrients("alcohol_g")
    protein_g: LabelAmount | None = _in_nutrients("protein_g")
    carbohydrate_g: LabelAmount | None = _in_nutrients("carbohydrate_g")
    fat_g: LabelAmount | None = _in_nutrients("fat_g")


class LabelNutrientsIn(Input):
    """A label's amounts, as GET returns them in ``nutrients``; leave out (or null) what the
    label does not give: it is unknown, not zero."""

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


def _spread_nutrients(model: BaseModel, nutrients: BaseModel | None) -> None:
    """Copy the amounts given in ``nutrients`` to the old top-level fields (both must agree)."""
    if nutrients is None:
        return
    for name in nutrients.model_fields_set & set(type(model).model_fields):
        value = getattr(nutrients, name)
        if name in model.model_fields_set and getattr(model, name) != value:
            raise ValueError(
                f"give {name} in nutrients only (the top-level {name} is its old form)"
            )
        setattr(model, name, value)


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
    nutrients: LabelNutrientsIn | None = Field(
        default=None,
        exclude=True,
        description="The label's amounts per basis (the top-level amounts are their old form).",
    )
    food_id: str | None = read_only('"custom:<id>", to log it with.')

    @field_validator("name")
    @classmethod
    def _tidy(cls, value: str) -> str:
        return " ".join(value.split())

    @model_validator(mode="after")
    def _nutrients(self) -> CustomFoodCreate:
        _spread_nutrients(self, self.nutrients)
        return self


class CustomFoodPublic(BaseModel):
    """One of your own foods or drinks."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    food_id: str = Field(description='Use as food_id when logging: "custom:<id>".')
    name: str
    kind: Literal["food", "drink"]
    basis: Literal["per_100g", "per_100ml", "per_serving"]
    serving_name: str
    serving_g: float | None
    serving_ml: float | None
    nutrients: dict[str, float | None]


class CustomFoodsPublic(BaseModel):
    """Your own foods and drinks, by name."""

    data: list[CustomFoodPublic]
    count: int


def _not_recorded() -> Any:
    return Field(default=None, description="Not recorded for a supplement: null.")


class SupplementNutrientsIn(Input):
    """A supplement's amounts per unit, as GET returns them in ``nutrients``. The minerals
    default to 0 (a label lists every mineral it contains); the rest a supplement does not
    record, so they are null."""

    magnesium_mg: LabelMg = 0
    potassium_mg: LabelMg = 0
    calcium_mg: LabelMg = 0
    sodium_mg: LabelMg = 0
    caffeine_mg: LabelMg = 0
    energy_kcal: LabelAmount | None = None
    water_g: None = _not_recorded()
    alcohol_g: None = _not_recorded()
    protein_g: None = _not_recorded()
    carbohydrate_g: None = _not_recorded()
    fat_g: None = _not_recorded()


class SupplementCreate(Input):
    """A supplement with the amounts its label gives per unit, in ``nutrients`` (the top-level
    amounts are their old form). The minerals default to 0: a supplement label lists every
    mineral it contains, so one not listed is none."""

    name: Name
    unit_name: str = Field(default="tablet", min_length=1, max_length=40)
    nutrients: SupplementNutrientsIn | None = Field(
        default=None, exclude=True, description="The label's amounts per unit."
    )
    magnesium_mg: LabelMg = deprecated("nutrients.magnesium_mg", default=0)
    potassium_mg: LabelMg = deprecated("nutrients.potassium_mg", default=0)
    calcium_mg: LabelMg = deprecated("nutrients.calcium_mg", default=0)
    sodium_mg: LabelMg = deprecated("nutrients.sodium_mg", default=0)
    caffeine_mg: LabelMg = deprecated("nutrients.caffeine_mg", default=0)
    energy_kcal: LabelAmount | None = deprecated("nutrients.energy_kcal", default=None)
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

    @model_validator(mode="after")
    def _nutrients(self) -> SupplementCreate:
        _spread_nutrients(self, self.nutrients)
        return self


class SupplementPublic(BaseModel):
    """A supplement with its label amounts per unit."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    unit_name: str
    volume_ml_per_unit: float | None
    nutrients: dict[str, float | None]
    notes: str


class SupplementsPublic(BaseModel):
    """Your supplements, by name."""

    data: list[SupplementPublic]
    count: int


class BuiltinSupplementPublic(BaseModel):
    """A built-in supplement: one tablet or capsule of a typical product strength, loggable by
    name without adding it first. Log it with POST /api/v1/intake {"description": "2 tablets
    magnesium citrate"} (a description is matched against your own supplements first, so yours
    of the same name wins) or {"food": {"id": "<id>"}, "quantity": 2}."""

    model_config = ConfigDict(from_attributes=True)

    id: str = Field(description='"supplement:builtin-magnesium-citrate": stable.')
    name: str
    aliases: list[str]
    unit_name: str
    salt: str = Field(description="The compound, as a formula.")
    element: str | None = Field(description="The mineral it is taken for; null for a mix.")
    elemental_fraction: float | None = Field(
        description="Mass of the element / mass of the compound (e.g. 0.603 for MgO)."
    )
    salt_mg_per_unit: float | None
    volume_ml_per_unit: float | None
    nutrients: dict[str, float | None] = Field(
        description="Elemental amounts per unit, as a label declares them."
    )
    fraction_sources: list[str]
    strength_sources: list[str] = Field(
        description="Where the strength per unit comes from; products vary, so check your label."
    )


class BuiltinSupplementsPublic(BaseModel):
    """The built-in supplements, in a fixed order."""

    data: list[BuiltinSupplementPublic]
    count: int


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
    target_ml: float | None = Field(
        description="Total-water target; never above fluid_limit_ml when one is recorded."
    )
    percent: float | None
    fluid_limit_ml: float | None = Field(
        default=None, description="The daily fluid limit your doctor set (profile); null: none."
    )
    fluid_limit_left_ml: float | None = Field(
        default=None,
        description="Drinks still within the fluid limit today (0 once reached); null without a "
        "limit.",
    )


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
    supplemental_magnesium_mg: float | None = Field(
        description="Magnesium from supplements and from magnesium medicines taken that day "
        "whose dose could be read; null when none is known. A magnesium medicine whose dose "
        "cannot be read is left out (unknown, not zero) and named in a warning "
        "(magnesium_medicine_dose_unknown)."
    )
    warnings: list[Advice]
    entries: list[IntakeEntryPublic]
    gaps: list[Gap]
    gap_notes: list[Advice] = Field(
        default_factory=list,
        description="What your health conditions change in closing the gaps: potassium foods "
        "held back (potassium_held_back), fluids within a limit (fluid_limit), a fluid advice "
        "note (fluid_advice).",
    )


class IntakeSeries(BaseModel):
    """One nutrient (or the drinks) per day over a span, against the day's target, for a
    chart. An amount is null when the day is unknown (nothing logged, or no entry knew it)."""

    nutrient: str
    label: str
    unit: str
    target: float | None = Field(
        description="The daily target; null when unknown, and for the drinks (the water target "
        "counts the water in food too)."
    )
    days: list[date]
    amounts: list[float | None]
    per: Literal["day", "week"] = Field(
        default="day",
        description="day: one amount a day; week: ``days`` are the weeks' first days and each "
        "amount is the week's mean a day over its known days.",
    )
    known_days: list[int] | None = Field(
        default=None, description="Per week: how many of its 7 days were known."
    )

"""Reference intakes by life stage: which NASEM row applies, and the targets it gives. Pure.

``targets_for(age, sex, pregnant, lactating)`` is the whole rule; the service adds the person's
profile and any target they overrode (for example on a doctor's advice).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from nightcramps.errors import Invalid
from nightcramps.nutrition import constants as c

TARGET_NUTRIENTS = ("magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg", "water_ml")
"""The daily targets a person has (and may override)."""

TargetKind = str  # "RDA" or "AI"

SOURCES = [c.DRI_SOURCE, c.WATER_SOURCE, c.MAGNESIUM_UL_SOURCE]
"""The publications every set of targets comes from (the tables of ``constants``)."""


@dataclass(frozen=True, slots=True)
class Targets:
    """A person's daily targets; a value is None when it cannot be known (profile incomplete).

    ``kinds`` says for each nutrient whether the value is an RDA or an Adequate Intake (AI);
    ``overridden`` maps a nutrient the person set themselves to their note.
    """

    life_stage: str | None
    life_stage_label: str
    magnesium_mg: float | None
    potassium_mg: float | None
    calcium_mg: float | None
    sodium_mg: float | None
    water_ml: float | None
    supplemental_magnesium_limit_mg: float | None
    """Tolerable upper intake from supplements only; None for infants (not determinable) and
    when the life stage is unknown."""
    sodium_upper_guide_mg: float | None
    """The sodium CDRR: reduce intake above it."""
    kinds: dict[str, TargetKind] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    overridden: dict[str, str] = field(default_factory=dict)

    @property
    def sources(self) -> list[str]:
        """Where the reference values come from (``SOURCES``)."""
        return list(SOURCES)

    def get(self, nutrient: str) -> float | None:
        """The target for ``nutrient`` (one of TARGET_NUTRIENTS)."""
        value: float | None = getattr(self, nutrient)
        return value

    def contract(self) -> dict[str, float | None]:
        """The six numbers of the public contract (``nightcramps targets --json``)."""
        return {
            "magnesium_mg": self.magnesium_mg,
            "potassium_mg": self.potassium_mg,
            "calcium_mg": self.calcium_mg,
            "sodium_mg": self.sodium_mg,
            "water_ml": self.water_ml,
            "supplemental_magnesium_limit_mg": self.supplemental_magnesium_limit_mg,
        }

    def with_overrides(self, overrides: dict[str, tuple[float, str]]) -> Targets:
        """These targets with the person's own values ``{nutrient: (value, note)}`` in place."""
        changes: dict[str, float] = {}
        notes: dict[str, str] = {}
        for nutrient, (value, note) in overrides.items():
            if nutrient in TARGET_NUTRIENTS:
                changes[nutrient] = value
                notes[nutrient] = note
        return replace(self, **changes, overridden={**self.overridden, **notes})  # type: ignore[arg-type]


UNKNOWN_NOTE = (
    "Set your birth year and sex in your profile to see your targets; until then they are unknown."
)


def unknown_targets(reason: str = UNKNOWN_NOTE) -> Targets:
    """Targets when the life stage cannot be known; the supplement limit stays the adult one.

    The 350 mg supplemental magnesium limit applies to everyone from 9 years; using it when the
    age is unknown keeps the warning on rather than silently off.
    """
    return Targets(
        life_stage=None,
        life_stage_label="unknown",
        magnesium_mg=None,
        potassium_mg=None,
        calcium_mg=None,
        sodium_mg=None,
        water_ml=None,
        supplemental_magnesium_limit_mg=float(c.ADULT_SUPPLEMENTAL_MAGNESIUM_UL_MG),
        sodium_upper_guide_mg=None,
        notes=(reason,),
    )


def _check(age: float, sex: str | None, pregnant: bool, lactating: bool) -> None:
    if not isinstance(age, int | float) or math.isnan(age) or math.isinf(age):
        raise Invalid("Give the age as a number of years, e.g. 54.", fields={"age": "not a number"})
    if age < 0:
        raise Invalid(
            "The age cannot be negative; give it in years, e.g. 54.", fields={"age": "< 0"}
        )
    if age > c.MAX_AGE_YEARS:
        raise Invalid(
            f"An age of {age:g} years is not possible; give the age in years (at most "
            f"{c.MAX_AGE_YEARS}).",
            fields={"age": f"more than {c.MAX_AGE_YEARS}"},
        )
    if sex not in (None, "female", "male"):
        raise Invalid(f"Sex must be 'female' or 'male', not {sex!r}.", fields={"sex": "unknown"})
    if pregnant and lactating:
        raise Invalid(
            "Choose pregnant or lactating, not both: the reference tables have a row for each.",
            fields={"lactating": "together with pregnant"},
        )
    if (pregnant or lactating) and sex != "female":
        raise Invalid(
            "Pregnant or lactating applies only with sex 'female'; remove it or change the sex.",
            fields={"pregnant" if pregnant else "lactating": "needs sex female"},
        )
    if (pregnant or lactating) and age < c.MIN_CONDITION_AGE_YEARS:
        raise Invalid(
            f"Pregnancy or lactation at age {age:g} is not in the reference tables; check the age.",
            fields={"age": f"under {c.MIN_CONDITION_AGE_YEARS} with pregnancy or lactation"},
        )
    if sex is None and age >= 9:
        raise Invalid(
            "From age 9 the reference intakes differ by sex: give --sex female or --sex male.",
            fields={"sex": "required from age 9"},
        )


def life_stage_for(
    age: float, sex: str | None, *, pregnant: bool = False, lactating: bool = False
) -> c.LifeStage:
    """The NASEM life-stage group of a person of ``age`` years (fractions allowed for infants).

    Raises:
        Invalid: an impossible age, an unknown sex, or pregnancy/lactation that cannot apply.
    """
    _check(age, sex, pregnant, lactating)
    months = math.floor(age * 12 + 1e-9)
    condition = "pregnancy" if pregnant else "lactation" if lactating else None
    for stage in c.LIFE_STAGES:
        if stage.condition != condition:
            continue
        if stage.sex is not None and stage.sex != sex:
            continue
        if months >= stage.min_months and (stage.max_months is None or months < stage.max_months):
            return stage
    raise AssertionError(f"no life stage for {age=} {sex=} {condition=}")  # the table is complete


def targets_for(
    age: float, sex: str | None, pregnant: bool = False, lactating: bool = False
) -> Targets:
    """Daily reference intakes for one person from the NASEM/IOM tables.

    ``age`` is in years; use fractions for infants (0.25 = three months). Calcium and magnesium
    are RDAs from age 1; potassium and sodium are Adequate Intakes, and sodium also gets its
    Chronic Disease Risk Reduction intake as an upper guide. ``water_ml`` is total water, food
    included. ``supplemental_magnesium_limit_mg`` is the UL for magnesium from supplements.

    Raises:
        Invalid: male and pregnant, pregnant and lactating, age below 0 or above 125, a child
            under 9 pregnant, or no sex from age 9.
    """
    stage = life_stage_for(age, sex, pregnant=pregnant, lactating=lactating)
    row = c.ELEMENT_INTAKES[stage.key]
    limit = c.SUPPLEMENTAL_MAGNESIUM_UL_MG.get(stage.key, c.ADULT_SUPPLEMENTAL_MAGNESIUM_UL_MG)
    guide = c.SODIUM_CDRR_MG.get(stage.key, c.ADULT_SODIUM_CDRR_MG)
    kinds = {
        nutrient: ("AI" if stage.key in c.AI_ONLY[nutrient] else "RDA")
        for nutrient in ("magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg")
    }
    kinds["water_ml"] = "AI"
    notes = [
        "Sodium: the target is an Adequate Intake; the Chronic Disease Risk Reduction intake "
        f"({guide:,} mg) is an upper guide: reduce intake above it (NASEM 2019)."
        if guide is not None
        else "Sodium: the target is an Adequate Intake (NASEM 2019).",
        "Water is total water: drinks and the water in food together (IOM 2004). It is an "
        "Adequate Intake, not a requirement: needs rise with heat and activity.",
    ]
    if stage.condition is not None and (age < 14 or age >= 51):
        notes.append(
            f"The tables have {stage.condition} rows for 14-50 years only; the nearest row "
            f"({stage.label}) is used."
        )
    if limit is None:
        notes.append(
            "No upper level for supplemental magnesium is set for infants: give magnesium "
            "supplements only on a doctor's advice."
        )
    return Targets(
        life_stage=stage.key,
        life_stage_label=stage.label,
        magnesium_mg=float(row.magnesium_mg),
        potassium_mg=float(row.potassium_mg),
        calcium_mg=float(row.calcium_mg),
        sodium_mg=float(row.sodium_mg),
        water_ml=float(c.TOTAL_WATER_ML[stage.key]),
        supplemental_magnesium_limit_mg=None if limit is None else float(limit),
        sodium_upper_guide_mg=None if guide is None else float(guide),
        kinds=kinds,
        notes=tuple(notes),
    )

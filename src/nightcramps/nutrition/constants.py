"""Reference intakes and limits used by the nutrition feature, each with its source.

The tables are copied from the publications named in each docstring (see docs/nutrition.md for
the same tables as people read them). Life stages follow the NASEM/IOM Dietary Reference Intakes:
infants 0-6 and 7-12 months, children 1-3 and 4-8 years, then by sex 9-13, 14-18, 19-30, 31-50,
51-70 and over 70 years, with separate rows for pregnancy and lactation by age band.
"""

from __future__ import annotations

from typing import NamedTuple


class IntakeRow(NamedTuple):
    """One life-stage row of the elements table (mg per day)."""

    calcium_mg: int
    magnesium_mg: int
    potassium_mg: int
    sodium_mg: int


class LifeStage(NamedTuple):
    """A life-stage group: who it applies to, in whole months of age (upper bound exclusive)."""

    key: str
    label: str
    min_months: int
    max_months: int | None
    sex: str | None
    """'female', 'male', or None when the row applies to both."""
    condition: str | None
    """'pregnancy', 'lactation' or None."""


DRI_SOURCE = (
    "NASEM, Dietary Reference Intakes for Sodium and Potassium (2019), Appendix J, "
    '"DRIs: Recommended Dietary Allowances and Adequate Intakes, Elements"'
)
WATER_SOURCE = (
    "IOM, Dietary Reference Intakes for Water, Potassium, Sodium, Chloride, and Sulfate (2004)"
)
MAGNESIUM_UL_SOURCE = (
    "IOM, Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride "
    "(1997; UL summary table 2000)"
)
SODIUM_CDRR_SOURCE = "NASEM, Dietary Reference Intakes for Sodium and Potassium (2019)"

_Y = 12  # months per year, to write the age bands readably

LIFE_STAGES: tuple[LifeStage, ...] = (
    LifeStage("infant_0_6m", "Infants 0-6 months", 0, 6, None, None),
    LifeStage("infant_7_12m", "Infants 7-12 months", 6, 1 * _Y, None, None),
    LifeStage("child_1_3", "Children 1-3 years", 1 * _Y, 4 * _Y, None, None),
    LifeStage("child_4_8", "Children 4-8 years", 4 * _Y, 9 * _Y, None, None),
    LifeStage("male_9_13", "Males 9-13 years", 9 * _Y, 14 * _Y, "male", None),
    LifeStage("male_14_18", "Males 14-18 years", 14 * _Y, 19 * _Y, "male", None),
    LifeStage("male_19_30", "Males 19-30 years", 19 * _Y, 31 * _Y, "male", None),
    LifeStage("male_31_50", "Males 31-50 years", 31 * _Y, 51 * _Y, "male", None),
    LifeStage("male_51_70", "Males 51-70 years", 51 * _Y, 71 * _Y, "male", None),
    LifeStage("male_over_70", "Males over 70 years", 71 * _Y, None, "male", None),
    LifeStage("female_9_13", "Females 9-13 years", 9 * _Y, 14 * _Y, "female", None),
    LifeStage("female_14_18", "Females 14-18 years", 14 * _Y, 19 * _Y, "female", None),
    LifeStage("female_19_30", "Females 19-30 years", 19 * _Y, 31 * _Y, "female", None),
    LifeStage("female_31_50", "Females 31-50 years", 31 * _Y, 51 * _Y, "female", None),
    LifeStage("female_51_70", "Females 51-70 years", 51 * _Y, 71 * _Y, "female", None),
    LifeStage("female_over_70", "Females over 70 years", 71 * _Y, None, "female", None),
    LifeStage(
        "pregnancy_14_18", "Pregnancy, 18 years and under", 0, 19 * _Y, "female", "pregnancy"
    ),
    LifeStage("pregnancy_19_30", "Pregnancy 19-30 years", 19 * _Y, 31 * _Y, "female", "pregnancy"),
    LifeStage("pregnancy_31_50", "Pregnancy 31-50 years", 31 * _Y, None, "female", "pregnancy"),
    LifeStage(
        "lactation_14_18", "Lactation, 18 years and under", 0, 19 * _Y, "female", "lactation"
    ),
    LifeStage("lactation_19_30", "Lactation 19-30 years", 19 * _Y, 31 * _Y, "female", "lactation"),
    LifeStage("lactation_31_50", "Lactation 31-50 years", 31 * _Y, None, "female", "lactation"),
)
"""Every life-stage group of the NASEM tables. The pregnancy and lactation rows of the source are
14-18, 19-30 and 31-50 years; a pregnancy before 14 uses the youngest row and one after 50 the
oldest (the nearest row the source gives), and the targets say so."""

ELEMENT_INTAKES: dict[str, IntakeRow] = {
    "infant_0_6m": IntakeRow(200, 30, 400, 110),
    "infant_7_12m": IntakeRow(260, 75, 860, 370),
    "child_1_3": IntakeRow(700, 80, 2000, 800),
    "child_4_8": IntakeRow(1000, 130, 2300, 1000),
    "male_9_13": IntakeRow(1300, 240, 2500, 1200),
    "male_14_18": IntakeRow(1300, 410, 3000, 1500),
    "male_19_30": IntakeRow(1000, 400, 3400, 1500),
    "male_31_50": IntakeRow(1000, 420, 3400, 1500),
    "male_51_70": IntakeRow(1000, 420, 3400, 1500),
    "male_over_70": IntakeRow(1200, 420, 3400, 1500),
    "female_9_13": IntakeRow(1300, 240, 2300, 1200),
    "female_14_18": IntakeRow(1300, 360, 2300, 1500),
    "female_19_30": IntakeRow(1000, 310, 2600, 1500),
    "female_31_50": IntakeRow(1000, 320, 2600, 1500),
    "female_51_70": IntakeRow(1200, 320, 2600, 1500),
    "female_over_70": IntakeRow(1200, 320, 2600, 1500),
    "pregnancy_14_18": IntakeRow(1300, 400, 2600, 1500),
    "pregnancy_19_30": IntakeRow(1000, 350, 2900, 1500),
    "pregnancy_31_50": IntakeRow(1000, 360, 2900, 1500),
    "lactation_14_18": IntakeRow(1300, 360, 2500, 1500),
    "lactation_19_30": IntakeRow(1000, 310, 2800, 1500),
    "lactation_31_50": IntakeRow(1000, 320, 2800, 1500),
}
"""Calcium, magnesium, potassium and sodium in mg/day by life stage, from NASEM 2019 Appendix J
(NCBI Bookshelf NBK545442, table appJ_tab3). Calcium and magnesium from age 1 are RDAs (infant
values are AIs); every potassium and sodium value is an Adequate Intake (AI), not an RDA."""

AI_ONLY = {
    "calcium_mg": frozenset({"infant_0_6m", "infant_7_12m"}),
    "magnesium_mg": frozenset({"infant_0_6m", "infant_7_12m"}),
    "potassium_mg": frozenset(ELEMENT_INTAKES),
    "sodium_mg": frozenset(ELEMENT_INTAKES),
}
"""Which values are Adequate Intakes (asterisked in the NASEM table) rather than RDAs."""

TOTAL_WATER_ML: dict[str, int] = {
    "infant_0_6m": 700,
    "infant_7_12m": 800,
    "child_1_3": 1300,
    "child_4_8": 1700,
    "male_9_13": 2400,
    "male_14_18": 3300,
    "male_19_30": 3700,
    "male_31_50": 3700,
    "male_51_70": 3700,
    "male_over_70": 3700,
    "female_9_13": 2100,
    "female_14_18": 2300,
    "female_19_30": 2700,
    "female_31_50": 2700,
    "female_51_70": 2700,
    "female_over_70": 2700,
    "pregnancy_14_18": 3000,
    "pregnancy_19_30": 3000,
    "pregnancy_31_50": 3000,
    "lactation_14_18": 3800,
    "lactation_19_30": 3800,
    "lactation_31_50": 3800,
}
"""Total water Adequate Intake in mL/day (drinks and the water in food together), IOM 2004
(Table S-2; the adult values are on p. 145 of the NAP edition: men 3.7 L, women 2.7 L; the 19-30 y
AI also applies to older adults). The AI is not a requirement: needs vary with activity and
climate."""

SUPPLEMENTAL_MAGNESIUM_UL_MG: dict[str, int | None] = {
    "infant_0_6m": None,
    "infant_7_12m": None,
    "child_1_3": 65,
    "child_4_8": 110,
}
"""Tolerable Upper Intake Level for magnesium from supplements and medicines only (not food or
water), IOM 1997/2000: not determinable for infants (None: only on a doctor's advice), 65 mg at
1-3 y, 110 mg at 4-8 y; every other row (9 y and over, pregnancy and lactation) uses
``ADULT_SUPPLEMENTAL_MAGNESIUM_UL_MG``."""

ADULT_SUPPLEMENTAL_MAGNESIUM_UL_MG = 350
"""Supplemental magnesium UL for everyone 9 years and over, including pregnancy and lactation
(IOM 1997/2000). It is also the limit used when a person's age is not known."""

SODIUM_CDRR_MG: dict[str, int | None] = {
    "infant_0_6m": None,
    "infant_7_12m": None,
    "child_1_3": 1200,
    "child_4_8": 1500,
    "male_9_13": 1800,
    "female_9_13": 1800,
}
"""Sodium Chronic Disease Risk Reduction intake (CDRR), NASEM 2019: reduce intake when above it.
Not set for infants; 1,200 mg at 1-3 y, 1,500 mg at 4-8 y, 1,800 mg at 9-13 y; every other row
(14 y and over, pregnancy and lactation) uses ``ADULT_SODIUM_CDRR_MG``. The sodium target itself
is an Adequate Intake, the CDRR an upper guide."""

ADULT_SODIUM_CDRR_MG = 2300
"""Sodium CDRR for 14 years and over, including pregnancy and lactation (NASEM 2019)."""

MAX_AGE_YEARS = 125
"""Oldest age accepted for targets: a larger number is a typing error (the oldest documented
person lived to 122)."""

MIN_CONDITION_AGE_YEARS = 9
"""Pregnancy or lactation is accepted from this age (the first NASEM age band above childhood);
below it the combination is refused as a typing error."""

GOOD_SOURCE_SHARE = 0.10
"""A portion that supplies at least 10% of the target is a "good source": the threshold of the
US nutrient content claim "good source" (10-19% of the Daily Value, 21 CFR 101.54(c)). Used to
decide whether an article example food really helps close a gap."""

MAX_ENTRY_GRAMS = 5000
"""Largest single food entry accepted (5 kg). Larger amounts are almost always a typing error
("9000 bananas"); split a genuine one into several entries."""

MAX_ENTRY_ML = 5000
"""Largest single drink accepted (5 L), for the same reason."""

MAX_SUPPLEMENT_DOSE = 50
"""Most units of one supplement accepted in one entry (tablets, sachets, bottles)."""

MAX_LABEL_MG = 100_000
"""Largest per-unit amount of a mineral accepted from a label (100 g): anything above is a typo."""

ASK_BELOW_CONFIDENCE = 0.5
"""A typed entry whose reading is less sure than this (``Lookup.confidence``, 0-1) is not stored:
the answer offers the foods it may be instead, to choose one (the API's 422 with
``alternatives``, ``eat PHRASE --pick N``, the day page's buttons). The confidence is a score,
not a measured probability: a reading that left words of the phrase unmatched scores at most 0.4
and one that another food nearly tied is scaled down toward half its score, so below one half is
where the food read is a guess. A convention of this app, not a published standard."""

CANDIDATE_MEASURES = 6
"""How many of each offered food's measures (with their grams) an unsure answer lists."""

MEAL_WINDOWS: tuple[tuple[str, int, int], ...] = (
    ("breakfast", 4, 11),
    ("lunch", 11, 15),
    ("afternoon", 15, 17),
    ("dinner", 17, 22),
    ("late", 22, 28),
)
"""Default meal of an entry from its local clock hour, [start, end); 'late' runs past midnight to
04:00. A person may name the meal themselves; these only fill it in when they do not. (A
convention of this app, not a published standard.)"""

MEALS = tuple(name for name, _, _ in MEAL_WINDOWS)

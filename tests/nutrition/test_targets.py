"""Reference intakes for every life-stage row of the NASEM/IOM tables (evidence.md §5)."""

from __future__ import annotations

import pytest

from nightcramps.errors import Invalid
from nightcramps.nutrition.targets import targets_for

# (age, sex, pregnant, lactating) -> (Ca, Mg, K, Na, total water mL, supplemental Mg UL)
# Typed from evidence.md §5.1-5.3, independently of nightcramps.nutrition.constants.
ROWS = [
    ((0.25, None, False, False), (200, 30, 400, 110, 700, None)),
    ((0.75, None, False, False), (260, 75, 860, 370, 800, None)),
    ((2, "female", False, False), (700, 80, 2000, 800, 1300, 65)),
    ((6, "male", False, False), (1000, 130, 2300, 1000, 1700, 110)),
    ((10, "male", False, False), (1300, 240, 2500, 1200, 2400, 350)),
    ((16, "male", False, False), (1300, 410, 3000, 1500, 3300, 350)),
    ((25, "male", False, False), (1000, 400, 3400, 1500, 3700, 350)),
    ((40, "male", False, False), (1000, 420, 3400, 1500, 3700, 350)),
    ((60, "male", False, False), (1000, 420, 3400, 1500, 3700, 350)),
    ((80, "male", False, False), (1200, 420, 3400, 1500, 3700, 350)),
    ((10, "female", False, False), (1300, 240, 2300, 1200, 2100, 350)),
    ((16, "female", False, False), (1300, 360, 2300, 1500, 2300, 350)),
    ((25, "female", False, False), (1000, 310, 2600, 1500, 2700, 350)),
    ((40, "female", False, False), (1000, 320, 2600, 1500, 2700, 350)),
    ((60, "female", False, False), (1200, 320, 2600, 1500, 2700, 350)),
    ((80, "female", False, False), (1200, 320, 2600, 1500, 2700, 350)),
    ((16, "female", True, False), (1300, 400, 2600, 1500, 3000, 350)),
    ((25, "female", True, False), (1000, 350, 2900, 1500, 3000, 350)),
    ((40, "female", True, False), (1000, 360, 2900, 1500, 3000, 350)),
    ((16, "female", False, True), (1300, 360, 2500, 1500, 3800, 350)),
    ((25, "female", False, True), (1000, 310, 2800, 1500, 3800, 350)),
    ((40, "female", False, True), (1000, 320, 2800, 1500, 3800, 350)),
]


@pytest.mark.parametrize(("who", "expected"), ROWS, ids=[str(w) for w, _ in ROWS])
def test_every_life_stage_row(who, expected) -> None:
    """Each row of the NASEM table gives its calcium, magnesium, potassium, sodium, water and UL."""
    age, sex, pregnant, lactating = who
    t = targets_for(age, sex, pregnant, lactating)
    got = (
        t.calcium_mg,
        t.magnesium_mg,
        t.potassium_mg,
        t.sodium_mg,
        t.water_ml,
        t.supplemental_magnesium_limit_mg,
    )
    assert got == expected


def test_all_22_life_stages_are_reached() -> None:
    """The test rows above hit 22 different life stages: none of the table is left untested."""
    stages = {targets_for(*who).life_stage for who, _ in ROWS}
    assert len(stages) == 22


@pytest.mark.parametrize(
    ("age", "sex", "stage"),
    [
        (0, None, "infant_0_6m"),
        (0.49, None, "infant_0_6m"),
        (0.5, None, "infant_7_12m"),
        (1, None, "child_1_3"),
        (3.99, None, "child_1_3"),
        (4, None, "child_4_8"),
        (8, "male", "child_4_8"),
        (9, "male", "male_9_13"),
        (13, "female", "female_9_13"),
        (14, "female", "female_14_18"),
        (18, "male", "male_14_18"),
        (19, "male", "male_19_30"),
        (30, "female", "female_19_30"),
        (31, "female", "female_31_50"),
        (50, "female", "female_31_50"),
        (51, "female", "female_51_70"),
        (70, "male", "male_51_70"),
        (71, "male", "male_over_70"),
        (125, "female", "female_over_70"),
    ],
)
def test_age_band_edges(age, sex, stage) -> None:
    """Band edges: 1-3 y includes 3 and ends before 4; 51-70 includes 70; over 70 starts at 71."""
    assert targets_for(age, sex).life_stage == stage


def test_pregnancy_outside_the_14_50_rows_uses_the_nearest_row_and_says_so() -> None:
    """A pregnancy at 12 uses the '18 and under' row, one at 52 the 31-50 row, with a note."""
    young = targets_for(12, "female", pregnant=True)
    old = targets_for(52, "female", pregnant=True)
    assert young.life_stage == "pregnancy_14_18"
    assert old.life_stage == "pregnancy_31_50"
    assert any("nearest row" in n for n in young.notes + old.notes)


def test_sodium_is_an_ai_with_the_cdrr_as_upper_guide() -> None:
    """Sodium is labelled an AI, and the 2,300 mg CDRR is given as an upper guide for adults."""
    t = targets_for(54, "female")
    assert t.kinds["sodium_mg"] == "AI"
    assert t.kinds["potassium_mg"] == "AI"
    assert t.kinds["magnesium_mg"] == "RDA"
    assert t.sodium_upper_guide_mg == 2300
    assert any("2,300 mg" in n and "upper guide" in n for n in t.notes)
    assert targets_for(6, None).sodium_upper_guide_mg == 1500
    assert targets_for(0.3, None).sodium_upper_guide_mg is None


def test_infant_magnesium_limit_is_not_determinable() -> None:
    """Infants have no supplemental magnesium UL (ND): None and a doctor's-advice note."""
    t = targets_for(0.5, None)
    assert t.supplemental_magnesium_limit_mg is None
    assert any("doctor" in n for n in t.notes)
    assert t.kinds["magnesium_mg"] == "AI"


@pytest.mark.parametrize(
    ("args", "field", "words"),
    [
        ((40, "male", True, False), "pregnant", "female"),
        ((40, "male", False, True), "lactating", "female"),
        ((30, "female", True, True), "lactating", "not both"),
        ((200, "female", False, False), "age", "not possible"),
        ((-1, "female", False, False), "age", "negative"),
        ((float("nan"), "female", False, False), "age", "number"),
        ((7, "female", True, False), "age", "check the age"),
        ((40, None, False, False), "sex", "--sex"),
        ((40, "other", False, False), "sex", "female"),
    ],
)
def test_impossible_combinations_are_refused_with_a_fix(args, field, words) -> None:
    """Male + pregnant, both conditions, age 200, negative age etc. raise Invalid naming the fix."""
    with pytest.raises(Invalid) as info:
        targets_for(*args)
    assert field in info.value.fields
    assert words in info.value.message


def test_override_replaces_a_target_and_keeps_the_note() -> None:
    """A person's own value (e.g. from their doctor) replaces the table's and is marked."""
    t = targets_for(60, "female").with_overrides({"magnesium_mg": (400.0, "Dr Rao, 2026")})
    assert t.magnesium_mg == 400.0
    assert t.overridden == {"magnesium_mg": "Dr Rao, 2026"}
    assert t.potassium_mg == 2600.0


def test_contract_has_exactly_the_six_public_keys() -> None:
    """The public contract shape: exactly these six keys."""
    assert set(targets_for(54, "male").contract()) == {
        "magnesium_mg",
        "potassium_mg",
        "calcium_mg",
        "sodium_mg",
        "water_ml",
        "supplemental_magnesium_limit_mg",
    }

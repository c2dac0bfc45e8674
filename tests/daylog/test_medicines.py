"""The medicine matcher: generic and brand names, doses, typos, combinations, non-matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nightcramps.daylog import medicines
from nightcramps.daylog.medicine_data import CLASSES, DRUGS, GARRISON_2012


def keys(text: str) -> list[str]:
    return [hit.drug_class.key for hit in medicines.match_classes(text)]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Lasix", "loop_diuretic"),
        ("furosemide 40mg", "loop_diuretic"),
        ("FUROSEMIDE", "loop_diuretic"),
        ("frusemide 20 mg tablets", "loop_diuretic"),
        ("HCTZ", "thiazide_diuretic"),
        ("hydrochlorothiazide 12.5", "thiazide_diuretic"),
        ("chlorthalidone", "thiazide_diuretic"),
        ("indapamide SR 1.5mg", "thiazide_diuretic"),
        ("bendroflumethiazide", "thiazide_diuretic"),
        ("Aldactone", "potassium_sparing_diuretic"),
        ("spironolactone 25mg", "potassium_sparing_diuretic"),
        ("amiloride", "potassium_sparing_diuretic"),
        ("eplerenone", "potassium_sparing_diuretic"),
        ("Lipitor", "statin"),
        ("atorvastatin 20 mg at night", "statin"),
        ("Crestor", "statin"),
        ("simvastatin", "statin"),
        ("Zocor", "statin"),
        ("Serevent", "laba"),
        ("salmeterol", "laba"),
        ("formoterol", "laba"),
        ("Advair Diskus 250/50", "laba_ics"),
        ("Seretide", "laba_ics"),
        ("Symbicort 200/6 2 puffs bd", "laba_ics"),
        ("Breo Ellipta", "laba_ics"),
        ("budesonide/formoterol", "laba_ics"),
        ("Evista", "raloxifene"),
        ("Forteo", "teriparatide"),
        ("Aleve", "naproxen"),
        ("naproxen sodium 220 mg", "naproxen"),
        ("Premarin", "conjugated_estrogens"),
        ("Venofer", "iron_sucrose"),
        ("iron sucrose infusion", "iron_sucrose"),
        ("Ventolin", "short_acting_beta_agonist"),
        ("albuterol", "short_acting_beta_agonist"),
        ("Adalat LA 30", "nifedipine"),
        ("losartan", "arb"),
        ("pindolol", "beta_blocker_isa"),
        ("Aricept", "donepezil"),
        ("gabapentin 300mg", "reported_in_trials"),
        ("water tablets", "diuretic"),
        ("quinine sulfate", "quinine"),
        ("tonic water", "quinine"),
    ],
)
def test_generic_and_brand_names_are_recognised(typed: str, expected: str) -> None:
    """Names as people type them, with doses and forms, find their class."""
    assert expected in keys(typed)


@pytest.mark.parametrize(
    ("typed", "expected", "drug"),
    [
        ("furosemid", "loop_diuretic", "furosemide"),
        ("furosimide", "loop_diuretic", "furosemide"),
        ("Lasx", None, None),  # four letters: too short to guess
        ("atorvastatine", "statin", "atorvastatin"),
        ("atorvastin", "statin", "atorvastatin"),
        ("Lipitr", "statin", "atorvastatin"),
        ("simvastain", "statin", "simvastatin"),
        ("spironolacton", "potassium_sparing_diuretic", "spironolactone"),
        ("hydrochlorthiazide", "thiazide_diuretic", "hydrochlorothiazide"),
        ("Symbicourt", "laba_ics", "budesonide + formoterol"),
        ("Advar", "laba_ics", "fluticasone + salmeterol"),
        ("salmetrol", "laba", "salmeterol"),
        ("Evsita", "raloxifene", "raloxifene"),  # swapped letters count as one error
    ],
)
def test_typing_errors_are_tolerated(typed: str, expected: str | None, drug: str | None) -> None:
    """One typing error (two in long names) still finds the class, marked as not exact."""
    hits = medicines.match_classes(typed)
    if expected is None:
        assert hits == []
        return
    assert [h.drug_class.key for h in hits] == [expected]
    assert hits[0].drugs == [drug]
    assert hits[0].exact is False


@pytest.mark.parametrize(
    "typed",
    [
        "vitamin D",
        "Vitamin D3 1000 IU",
        "magnesium citrate 200mg",
        "metformin 500mg",
        "lisinopril",
        "amlodipine",
        "felodipine",
        "omeprazole",
        "levothyroxine",
        "metoprolol",
        "atenolol",
        "carvedilol",
        "bisoprolol",
        "propranolol",
        "ibuprofen",
        "Advil",
        "paracetamol",
        "acetaminophen",
        "aspirin 75",
        "sertraline",
        "escitalopram",
        "pregabalin",
        "warfarin",
        "apixaban",
        "tamsulosin",
        "prednisolone",
        "insulin glargine",
        "montelukast",
        "tiotropium",
        "Spiriva",
        "fluticasone",
        "Pulmicort",
        "estradiol",
        "ferrous sulfate",
        "olive oil",
        "gin and tonic",
        "",
        "40 mg",
    ],
)
def test_other_medicines_match_nothing(typed: str) -> None:
    """Common medicines outside the cited lists, and near-miss names, are not flagged."""
    assert keys(typed) == []


def test_inhaled_corticosteroid_alone_is_not_flagged_but_turns_laba_into_laba_ics() -> None:
    """Fluticasone alone matches nothing; with salmeterol it is the LABA + ICS class."""
    assert keys("fluticasone 250") == []
    assert keys("salmeterol") == ["laba"]
    assert keys("fluticasone and salmeterol") == ["laba_ics"]


def test_combination_products_give_every_class_strongest_first() -> None:
    """Triamterene-HCTZ is potassium-sparing and thiazide, sorted by the size of association."""
    assert keys("triamterene-HCTZ 37.5/25") == ["potassium_sparing_diuretic", "thiazide_diuretic"]
    assert keys("Diovan HCT") == ["thiazide_diuretic", "arb"]
    assert keys("co-amilofruse") == ["potassium_sparing_diuretic", "loop_diuretic"]


def test_a_named_diuretic_replaces_the_generic_word() -> None:
    """'furosemide water tablet' is a loop diuretic, not also 'diuretic (type not given)'."""
    assert keys("furosemide water tablet") == ["loop_diuretic"]


def test_garrison_classes_carry_the_published_ratios() -> None:
    """Each class from the sequence symmetry analysis has its ratio, CI and the citation."""
    expected = {
        "potassium_sparing_diuretic": (2.12, 1.61, 2.78, True),
        "thiazide_diuretic": (1.48, 1.29, 1.68, True),
        "loop_diuretic": (1.20, 1.00, 1.44, False),
        "statin": (1.16, 1.04, 1.29, True),
        "laba": (2.17, 1.56, 3.02, True),
        "laba_ics": (2.55, 2.06, 3.12, True),
        "diuretic": (1.47, 1.33, 1.63, True),
    }
    for key, (ratio, low, high, significant) in expected.items():
        association = CLASSES[key].association
        assert association is not None
        assert (association.ratio, association.ci_low, association.ci_high) == (ratio, low, high)
        assert association.significant is significant
        assert GARRISON_2012 in CLASSES[key].citations
        assert "Arch Intern Med 2012" in GARRISON_2012


def test_every_class_is_graded_cited_and_never_says_stop() -> None:
    """Every class has an evidence grade, an original citation with a year or source, and
    guidance that sends the person to their prescriber without telling them to stop."""
    for drug_class in CLASSES.values():
        assert drug_class.evidence_grade in {"strong", "moderate", "weak", "none", "contradicted"}
        assert drug_class.citations
        assert "prescriber" in drug_class.guidance.lower()
        text = f"{drug_class.summary} {drug_class.guidance}".lower()
        assert not re.search(r"\bstop", text), drug_class.key
    assert "not recommended" in CLASSES["quinine"].summary


def test_every_drug_points_at_known_classes_and_names_are_unique() -> None:
    """The data module is consistent: classes exist and no name is listed twice."""
    seen: set[str] = set()
    for drug in DRUGS:
        for key in drug.classes:
            assert key.startswith("_") or key in CLASSES
        for name in (drug.generic, *drug.aliases):
            normal = medicines.normalise(name)
            assert normal not in seen, normal
            seen.add(normal)


def test_check_message_for_match_and_no_match() -> None:
    """The check says what it recognised (and a typo), or that the list is not complete."""
    found = medicines.check("Symbicourt")
    assert found.matches[0].class_key == "laba_ics"
    assert "symbicourt" in found.message and "prescriber" in found.message
    assert found.matches[0].association is not None
    assert found.matches[0].association.ratio == 2.55
    none = medicines.check("vitamin D")
    assert none.matches == []
    assert "not every medicine" in none.message and "prescriber" in none.message


def test_normalise_strips_doses_and_accents() -> None:
    """Accents, punctuation and numbers glued to words are cleaned away."""
    assert medicines.normalise("Furosémide40mg, 2x/day") == "furosemide mg x day"


def test_edit_distance() -> None:
    """Damerau-Levenshtein: substitutions, insertions and adjacent swaps each count one."""
    assert medicines.edit_distance("lasix", "lasix", 2) == 0
    assert medicines.edit_distance("evsita", "evista", 2) == 1
    assert medicines.edit_distance("furosimide", "furosemide", 2) == 1
    assert medicines.edit_distance("abc", "xyzabc", 2) == 3


@given(st.text(max_size=60))
def test_matcher_never_crashes(text: str) -> None:
    """Any text at all gives a list of known classes (perhaps empty), never an error."""
    for hit in medicines.match_classes(text):
        assert hit.drug_class.key in CLASSES

"""The medicine matcher: generic and brand names, doses, typos, combinations, non-matches; and
its data file, whose wrong entries fail with their line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nightcramps.content import ContentError
from nightcramps.content.citations import CITATIONS
from nightcramps.daylog import medicines
from nightcramps.daylog.medicine_data import CLASSES, DRUGS, MEDICINES_FILE, load_medicines


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
        ("Adalat LA 30", "dihydropyridine_ccb"),
        ("losartan", "arb"),
        ("pindolol", "beta_blocker_isa"),
        ("Aricept", "donepezil"),
        ("gabapentin 300mg", "gabapentinoid"),
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
        assert "garrison2012" in CLASSES[key].citations
        assert "Arch Intern Med 2012" in CITATIONS["garrison2012"].short


def test_every_class_is_graded_cited_and_never_says_stop() -> None:
    """Every class has an evidence grade, citations that exist in the product's list of
    sources, and guidance that sends the person to their prescriber without telling them to
    stop."""
    for drug_class in CLASSES.values():
        assert drug_class.evidence_grade in {"strong", "moderate", "weak", "none", "contradicted"}
        assert drug_class.citations
        assert set(drug_class.citations) <= set(CITATIONS), drug_class.key
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


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("fenofibrate 145mg", "fibrate"),
        ("Tricor 145", "fibrate"),
        ("Lipantil Micro 200", "fibrate"),
        ("gemfibrozil 600 mg twice daily", "fibrate"),
        ("Lopid", "fibrate"),
        ("bezafibrate MR 400", "fibrate"),
        ("ciprofibrate", "fibrate"),
        ("clofibrate", "fibrate"),
        ("lisinopril 10mg", "ace_inhibitor"),
        ("Zestril", "ace_inhibitor"),
        ("ramipril 2.5 mg capsules", "ace_inhibitor"),
        ("Tritace", "ace_inhibitor"),
        ("enalapril maleate 5mg", "ace_inhibitor"),
        ("Innovace", "ace_inhibitor"),
        ("perindopril arginine 5mg", "ace_inhibitor"),
        ("Coversyl", "ace_inhibitor"),
        ("captopril 25", "ace_inhibitor"),
        ("quinapril", "ace_inhibitor"),
        ("trandolapril", "ace_inhibitor"),
        ("amlodipine 5 mg", "dihydropyridine_ccb"),
        ("Norvasc 10", "dihydropyridine_ccb"),
        ("Istin 5mg", "dihydropyridine_ccb"),
        ("nifedipine MR 30", "dihydropyridine_ccb"),
        ("pregabalin 75mg", "gabapentinoid"),
        ("Lyrica 150", "gabapentinoid"),
        ("Neurontin", "gabapentinoid"),
        ("escitalopram 10 mg", "citalopram_escitalopram"),
        ("Cipralex", "citalopram_escitalopram"),
        ("Lexapro 20mg", "citalopram_escitalopram"),
        ("citalopram 20mg", "citalopram_escitalopram"),
        ("Premique", "conjugated_estrogens"),
        ("Premique Low Dose", "conjugated_estrogens"),
        ("Prempak-C 0.625", "conjugated_estrogens"),
        ("Foster 100/6 2 puffs bd", "laba_ics"),
        ("Foster NEXThaler", "laba_ics"),
    ],
)
def test_classes_added_in_issue_10_are_recognised(typed: str, expected: str) -> None:
    """Fibrates, ACE inhibitors, amlodipine, pregabalin, escitalopram and the UK brands match."""
    assert expected in keys(typed)


@pytest.mark.parametrize(
    ("typed", "expected", "drug"),
    [
        ("fenofibrat", "fibrate", "fenofibrate"),
        ("gemfibrozol", "fibrate", "gemfibrozil"),
        ("lisinipril", "ace_inhibitor", "lisinopril"),
        ("ramapril", "ace_inhibitor", "ramipril"),
        ("amlodipin", "dihydropyridine_ccb", "amlodipine"),
        ("amlodapine", "dihydropyridine_ccb", "amlodipine"),
        ("pregablin", "gabapentinoid", "pregabalin"),
        ("escitalopam", "citalopram_escitalopram", "escitalopram"),
        ("Premiqe", "conjugated_estrogens", "conjugated estrogens"),
    ],
)
def test_typing_errors_in_new_names_are_tolerated(typed: str, expected: str, drug: str) -> None:
    """The new names are found despite one typing error (two in long names), marked inexact."""
    hits = medicines.match_classes(typed)
    assert [h.drug_class.key for h in hits] == [expected]
    assert hits[0].drugs == [drug]
    assert hits[0].exact is False


@pytest.mark.parametrize(
    "typed",
    [
        "lipid",  # one letter from Lopid
        "lipid lowering tablet",
        "lyric",  # one letter from Lyrica
        "lyrics",
        "faster",  # one letter from Foster
        "footer",
        "felodipine",  # no cramps on its label: not listed
        "lercanidipine",
        "verapamil",
        "diltiazem",
        "fluoxetine",
        "sertraline",
        "coverage",
        "pregnancy",
        "ramp",
    ],
)
def test_words_that_look_like_new_names_match_nothing(typed: str) -> None:
    """Near-misses of the new brands, and medicines left out for want of evidence, match
    nothing."""
    assert keys(typed) == []


def test_combinations_with_an_ace_inhibitor_carry_the_ace_inhibitor_class() -> None:
    """Other features rely on "ace_inhibitor" (no potassium push): every ACE inhibitor
    combination carries it as well as its other classes."""
    assert keys("lisinopril + hydrochlorothiazide") == ["thiazide_diuretic", "ace_inhibitor"]
    assert keys("Zestoretic 20/12.5") == ["thiazide_diuretic", "ace_inhibitor"]
    assert "ace_inhibitor" in keys("Coversyl Plus")
    assert "ace_inhibitor" in keys("enalapril/HCTZ")
    assert set(keys("Triplixam")) == {"ace_inhibitor", "thiazide_diuretic", "dihydropyridine_ccb"}
    assert set(keys("Lotrel")) == {"ace_inhibitor", "dihydropyridine_ccb"}
    assert keys("Tarka") == ["ace_inhibitor"]
    for drug in DRUGS:
        if any(part.endswith("pril") for part in drug.generic.split(" + ")):
            assert "ace_inhibitor" in drug.classes, drug.generic


def test_amlodipine_combinations_carry_the_calcium_channel_blocker_class() -> None:
    """Exforge, Caduet and other amlodipine combinations give every class they contain."""
    assert set(keys("Exforge 5/160")) == {"arb", "dihydropyridine_ccb"}
    assert set(keys("Caduet")) == {"statin", "dihydropyridine_ccb"}
    for drug in DRUGS:
        if "amlodipine" in drug.generic.split(" + "):
            assert "dihydropyridine_ccb" in drug.classes, drug.generic


def test_keys_other_features_rely_on_exist() -> None:
    """The potassium advice reads these keys from the matcher; they must keep their names."""
    from nightcramps.conditions import DIURETIC_CLASSES, POTASSIUM_RAISING_CLASSES

    assert POTASSIUM_RAISING_CLASSES <= set(CLASSES)
    assert DIURETIC_CLASSES <= set(CLASSES)


NEW_CLASSES = (
    "fibrate",
    "ace_inhibitor",
    "dihydropyridine_ccb",
    "gabapentinoid",
    "citalopram_escitalopram",
)
NEW_SOURCES = {
    "tricor_label2021",
    "hodel2002",
    "tritace_smpc2016",
    "natakuathung2022",
    "norvasc_label2011",
    "haskell1997",
    "ally2015",
    "lyrica_smpc2004",
    "mhra_ssri2015",
}
"""The sources added for these classes (the "medicines (issue 10)" block of citations.py)."""


@pytest.mark.parametrize("key", NEW_CLASSES)
def test_new_classes_are_graded_weak_and_say_the_link_is_thin(key: str) -> None:
    """Each class added from labels and small studies is graded weak, says in plain words
    that the link is thin, and rests on at least one of the sources added for it."""
    drug_class = CLASSES[key]
    assert drug_class.evidence_grade == "weak"
    assert drug_class.association is None
    assert "thin" in drug_class.summary
    assert set(drug_class.citations) <= set(CITATIONS)
    assert NEW_SOURCES & set(drug_class.citations)


@pytest.mark.parametrize("key", sorted(NEW_SOURCES))
def test_new_sources_have_authors_a_year_and_a_kind(key: str) -> None:
    """Every source added for the medicine classes names its authors or issuing body, its
    year and its kind; labels and SmPCs are issued by the company and count as regulator."""
    citation = CITATIONS[key]
    assert citation.authors and citation.year and citation.kind
    if "label" in key or "smpc" in key:
        assert citation.kind == "regulator" and citation.locator.startswith("section")


def test_public_view_shows_citations_in_short_form() -> None:
    """The API, page and CLI show each source as its short citation, not as a key."""
    match = medicines.check("lisinopril").matches[0]
    assert match.class_key == "ace_inhibitor"
    assert match.citations == [
        CITATIONS["tritace_smpc2016"].short,
        CITATIONS["natakuathung2022"].short,
    ]
    garrison = medicines.check("Symbicort").matches[0]
    assert garrison.citations == ["Garrison SR et al., Arch Intern Med 2012;172(2):120-126"]


# ---------------------------------------------------------------------------- medicines.toml


def test_each_measured_class_quotes_its_own_figures() -> None:
    """A class with a measured association says in its summary the ratio and the interval it
    holds, so the written-out text and the numbers cannot drift apart."""
    measured = [c for c in CLASSES.values() if c.association is not None]
    assert len(measured) == 7
    for drug_class in measured:
        a = drug_class.association
        assert a is not None
        assert f"{a.ratio:.2f} times as likely" in drug_class.summary, drug_class.key
        assert f"(95% CI {a.ci_low:.2f} to {a.ci_high:.2f})" in drug_class.summary, drug_class.key


MEDICINES = MEDICINES_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "at", "expected"),
    [
        (
            'classes = ["statin", "fibrate"]',
            'classes = ["statin", "fibrates"]',
            'classes = ["statin", "fibrates"]',
            "'simvastatin + fenofibrate' names the class 'fibrates', which has no [class.fibrates]",
        ),
        ('aliases = ["lipitor"', 'aliases = ["Lipitor"', "[drug.atorvastatin]", "not lower case"),
        ('evidence_grade = "weak"', 'evidence_grade = "thin"', 'evidence_grade = "thin"', "'weak'"),
        ("ratio = 1.2\n", "", "[class.loop_diuretic.association]", "`class.loop_diuretic.asso"),
        ('citations = ["merck"]', 'citations = ["merk"]', 'citations = ["merk"]', "'merk'"),
    ],
)
def test_a_wrong_medicine_entry_names_its_line(
    tmp_path: Path, old: str, new: str, at: str, expected: str
) -> None:
    """An unknown class, an upper-case name, an unknown grade, a missing figure, an unknown
    source: each is refused with the file and the line to fix."""
    assert old in MEDICINES
    text = MEDICINES.replace(old, new, 1)
    path = tmp_path / "medicines.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_medicines(path)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith(at))
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert expected in message

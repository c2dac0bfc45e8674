"""Supplements with label amounts, the supplemental magnesium warning, and custom foods."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.orm import Session

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import MedicineCreate
from nightcramps.errors import Conflict, Invalid, NotFound
from nightcramps.nutrition import catalog, medicine_magnesium
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.models import IntakeEntry
from nightcramps.nutrition.schemas import (
    CustomFoodCreate,
    IntakeCreate,
    SupplementCreate,
    TargetOverrideIn,
)
from nightcramps.owner import Owner
from tests.nutrition.factories import log, make_custom_food, make_magnesium_tablet, set_profile

DAY = date(2026, 11, 24)


def _dose(
    session: Session,
    owner: Owner,
    supplement_id: int,
    quantity: float,
    now: datetime,
    at: datetime | None = None,
) -> IntakeEntry:
    intake_in = IntakeCreate(supplement_id=supplement_id, quantity=quantity, at=at)
    return nutrition_service.log_intake(session=session, owner=owner, intake_in=intake_in, now=now)


def test_two_tablets_above_350_mg_warn_with_doctor_kidney_and_sources(
    session: Session, owner: Owner, now
) -> None:
    """400 mg of supplemental magnesium in a day warns: doctor, kidney disease, IOM, Cochrane."""
    tablet = make_magnesium_tablet(session, owner)
    _dose(session, owner, tablet.id, 1, now, at=datetime(2026, 11, 24, 7, 0))
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.supplemental_magnesium_mg == 200
    assert day.warnings == []
    _dose(session, owner, tablet.id, 1, now)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.supplemental_magnesium_mg == 400
    [warning] = day.warnings
    assert warning.code == "supplemental_magnesium_above_limit"
    assert "350 mg" in warning.message and "doctor" in warning.message
    assert "kidney disease" in warning.message
    sources = " ".join(c.source for c in warning.evidence)
    assert "Institute of Medicine" in sources and "Garrison" in sources and "2020" in sources
    assert {c.grade for c in warning.evidence} == {"weak", "contradicted"}


def test_food_magnesium_does_not_count_toward_the_supplement_limit(
    session: Session, owner: Owner, now
) -> None:
    """Plenty of magnesium from food (pumpkin seeds, spinach) gives no supplement warning."""
    log(session, owner, "3 oz pumpkin seeds", now)
    log(session, owner, "2 cups spinach, boiled", now)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.nutrients[0].amount is not None and day.nutrients[0].amount > 400
    assert day.supplemental_magnesium_mg is None
    assert day.warnings == []


def test_a_child_has_a_lower_limit(session: Session, owner: Owner, now) -> None:
    """For a 6-year-old the limit is 110 mg: one 200 mg tablet already warns."""
    set_profile(session, owner, birth_year=2020, sex="male")
    tablet = make_magnesium_tablet(session, owner)
    _dose(session, owner, tablet.id, 1, now)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.targets.supplemental_magnesium_limit_mg == 110
    assert "110 mg" in day.warnings[0].message


def test_supplement_logged_by_name_in_a_phrase(session: Session, owner: Owner, now) -> None:
    """ "2 tablets magnesium citrate" finds the person's supplement and logs a 400 mg dose."""
    make_magnesium_tablet(session, owner)
    entry = log(session, owner, "2 tablets Magnesium Citrate", now)
    assert entry.kind == "supplement"
    assert float(entry.magnesium_mg or 0) == 400
    assert entry.description == "2 tablets Magnesium citrate"
    with pytest.raises(Invalid) as info:
        log(session, owner, "2 cups magnesium citrate", now)
    assert "tablet" in info.value.message
    with pytest.raises(Invalid):
        log(session, owner, "80 tablets magnesium citrate", now)


def test_electrolyte_drink_counts_as_fluid_and_supplement(
    session: Session, owner: Owner, now
) -> None:
    """An electrolyte drink sachet with 500 ml per unit adds fluid and its label minerals."""
    sachet = catalog.create_supplement(
        session=session,
        owner=owner,
        supplement_in=SupplementCreate(
            name="Electrolyte drink",
            unit_name="sachet",
            sodium_mg=500,
            potassium_mg=200,
            magnesium_mg=50,
            volume_ml_per_unit=500,
        ),
    )
    _dose(session, owner, sachet.id, 1, now)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.water.fluids_ml == 500
    assert day.supplemental_magnesium_mg == 50
    assert {n.nutrient: n.amount for n in day.nutrients}["sodium_mg"] == 500


def test_names_are_unique_and_another_persons_supplement_is_not_found(
    session: Session, owner: Owner, now
) -> None:
    """A second "magnesium citrate" is a conflict; a stranger cannot log the supplement."""
    tablet = make_magnesium_tablet(session, owner)
    with pytest.raises(Conflict):
        make_magnesium_tablet(session, owner)
    with pytest.raises(Conflict):
        make_custom_food(session, owner, name="magnesium citrate")
    stranger = Owner(person_id=owner.person_id + 1000, tz=owner.tz)
    with pytest.raises(NotFound):
        _dose(session, stranger, tablet.id, 1, now)


def test_deleted_supplement_keeps_logged_doses(session: Session, owner: Owner, now) -> None:
    """Deleting a supplement keeps the doses already logged (their amounts are snapshots)."""
    tablet = make_magnesium_tablet(session, owner)
    _dose(session, owner, tablet.id, 1, now)
    catalog.delete_own(catalog.SUPPLEMENTS, session=session, owner=owner, row_id=tablet.id)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.supplemental_magnesium_mg == 200
    with pytest.raises(NotFound):
        _dose(session, owner, tablet.id, 1, now)


@pytest.mark.parametrize(
    ("food", "phrase", "expected_k"),
    [
        ({"basis": "per_serving", "serving_g": 40, "potassium_mg": 150}, "2 bars oat bar", 300),
        ({"basis": "per_serving", "serving_g": 40, "potassium_mg": 150}, "60 g oat bar", 225),
        ({"basis": "per_100g", "serving_g": 40, "potassium_mg": 400}, "1 bar oat bar", 160),
        ({"basis": "per_100g", "potassium_mg": 400}, "50 g oat bar", 200),
    ],
)
def test_custom_food_per_serving_and_per_100g(
    session: Session, owner: Owner, now, food, phrase, expected_k
) -> None:
    """A label's amounts per serving or per 100 g scale to what was eaten."""
    make_custom_food(session, owner, **{"potassium_mg": None, **food})
    entry = log(session, owner, phrase, now)
    assert float(entry.potassium_mg or 0) == pytest.approx(expected_k)
    assert entry.magnesium_mg is None  # not on the label: unknown


def test_custom_drink_per_100ml(session: Session, owner: Owner, now) -> None:
    """A drink labelled per 100 ml, logged in ml, counts its volume and scales its sodium."""
    catalog.create_custom_food(
        session=session,
        owner=owner,
        food_in=CustomFoodCreate(
            name="Sports drink", kind="drink", basis="per_100ml", sodium_mg=50
        ),
    )
    entry = log(session, owner, "330 ml sports drink", now)
    assert entry.kind == "drink"
    assert float(entry.volume_ml or 0) == 330
    assert float(entry.sodium_mg or 0) == pytest.approx(165)


def test_custom_food_unit_that_cannot_convert_is_refused(
    session: Session, owner: Owner, now
) -> None:
    """Grams of a food known only per serving, without its weight, is refused with a fix."""
    make_custom_food(session, owner, serving_g=None)
    with pytest.raises(Invalid) as info:
        log(session, owner, "50 g oat bar", now)
    assert "serving" in info.value.message


def test_target_override_replaces_and_clears(session: Session, owner: Owner) -> None:
    """A doctor's magnesium target replaces the table's and clearing brings it back."""
    set_profile(session, owner, birth_year=1960, sex="male")
    targets = nutrition_service.set_target_override(
        session=session,
        owner=owner,
        nutrient="magnesium_mg",
        override_in=TargetOverrideIn(value=500, note="Dr Rao"),
    )
    assert targets.magnesium_mg == 500 and targets.overridden == {"magnesium_mg": "Dr Rao"}
    again = nutrition_service.set_target_override(
        session=session,
        owner=owner,
        nutrient="magnesium_mg",
        override_in=TargetOverrideIn(value=450),
    )
    assert again.magnesium_mg == 450
    back = nutrition_service.clear_target_override(
        session=session, owner=owner, nutrient="magnesium_mg"
    )
    assert back.magnesium_mg == 420 and back.overridden == {}
    with pytest.raises(Invalid):
        nutrition_service.set_target_override(
            session=session,
            owner=owner,
            nutrient="iron_mg",
            override_in=TargetOverrideIn(value=10),
        )


def test_targets_unknown_without_profile_but_override_applies(
    session: Session, owner: Owner
) -> None:
    """No birth year: table targets unknown, limit stays 350 mg, an override still applies."""
    targets = nutrition_service.person_targets(session=session, owner=owner)
    assert targets.magnesium_mg is None and targets.supplemental_magnesium_limit_mg == 350
    assert "profile" in targets.notes[0]
    nutrition_service.set_target_override(
        session=session,
        owner=owner,
        nutrient="water_ml",
        override_in=TargetOverrideIn(value=2000),
    )
    assert nutrition_service.person_targets(session=session, owner=owner).water_ml == 2000


def test_pregnant_profile_gets_pregnancy_targets(session: Session, owner: Owner) -> None:
    """A pregnant 30-year-old gets 350 mg magnesium, 2,900 mg potassium and 3.0 L water."""
    set_profile(session, owner, birth_year=1996, sex="female", pregnant=True)
    targets = nutrition_service.person_targets(session=session, owner=owner, on=date(2026, 6, 1))
    assert (targets.magnesium_mg, targets.potassium_mg, targets.water_ml) == (350, 2900, 3000)


def _medicine(session: Session, owner: Owner, now: datetime, name: str, dose: str = "") -> None:
    medicine_in = MedicineCreate(name=name, dose=dose, started_on=date(2026, 11, 1))
    daylog_service.add_medicine(session=session, owner=owner, medicine_in=medicine_in, now=now)


def test_magnesium_medicine_counts_toward_the_supplement_limit(
    session: Session, owner: Owner, now
) -> None:
    """Magnesium oxide 400 mg on the Medicines list plus a 200 mg tablet warns at 600 mg."""
    _medicine(session, owner, now, "magnesium oxide 400 mg")
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False, now=now)
    assert day.supplemental_magnesium_mg == 400
    [warning] = day.warnings
    assert warning.code == "supplemental_magnesium_above_limit"
    assert "magnesium oxide 400 mg: 400 mg" in warning.message
    tablet = make_magnesium_tablet(session, owner)
    _dose(session, owner, tablet.id, 1, now)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False, now=now)
    assert day.supplemental_magnesium_mg == 600
    assert [w.code for w in day.warnings] == ["supplemental_magnesium_above_limit"]


def test_magnesium_medicine_dose_in_its_own_field_and_twice_a_day(
    session: Session, owner: Owner, now
) -> None:
    """A dose field "200 mg twice a day" counts 400 mg; a stopped medicine counts only before."""
    _medicine(session, owner, now, "Magnesium glycinate", dose="200 mg twice a day")
    warnings = nutrition_service.day_warnings(session=session, owner=owner, day=DAY, now=now)
    assert [w.code for w in warnings] == ["supplemental_magnesium_above_limit"]
    assert "today: 400 mg" in warnings[0].message
    before = nutrition_service.get_day(
        session=session, owner=owner, day=date(2026, 10, 31), with_gaps=False, now=now
    )
    assert before.supplemental_magnesium_mg is None and before.warnings == []


def test_magnesium_medicine_without_a_dose_is_unknown_not_zero(
    session: Session, owner: Owner, now
) -> None:
    """A magnesium medicine with no readable dose leaves the total unknown and says so."""
    _medicine(session, owner, now, "Slow-Mag")
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False, now=now)
    assert day.supplemental_magnesium_mg is None
    [note] = day.warnings
    assert note.code == "magnesium_medicine_dose_unknown"
    assert "Slow-Mag" in note.message and "could not be read" in note.message
    assert "today" in note.message


def test_a_medicine_that_is_not_magnesium_is_not_counted(
    session: Session, owner: Owner, now
) -> None:
    """Furosemide 400 mg adds nothing to supplemental magnesium."""
    _medicine(session, owner, now, "furosemide 40 mg")
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False, now=now)
    assert day.supplemental_magnesium_mg is None and day.warnings == []


def test_warning_for_a_past_day_names_that_day(session: Session, owner: Owner, now) -> None:
    """Two tablets logged for Mon 23 Nov warn "on Mon 23 Nov", not "today"."""
    tablet = make_magnesium_tablet(session, owner)
    _dose(session, owner, tablet.id, 2, now, at=datetime(2026, 11, 23, 8, 0))
    warnings = nutrition_service.day_warnings(
        session=session, owner=owner, day=date(2026, 11, 23), now=now
    )
    [warning] = warnings
    assert warning.message.startswith("Supplemental magnesium on Mon 23 Nov: 400 mg")
    assert "today" not in warning.message
    _dose(session, owner, tablet.id, 2, now)
    [today_warning] = nutrition_service.day_warnings(session=session, owner=owner, day=DAY, now=now)
    assert today_warning.message.startswith("Supplemental magnesium today: 400 mg")


@pytest.mark.parametrize(
    ("name", "dose", "mg"),
    [
        ("magnesium oxide 400 mg", "", 400.0),
        ("Magnésium 300mg", "", 300.0),
        ("magnesium glycerophosphate", "4 mmol three times a day", 4 * 24.305 * 3),
        ("Mag-Ox 400", "", None),
        ("calcium 500 mg + magnesium 200 mg", "", None),
        ("magnesium citrate 200 mg", "as needed", None),
    ],
)
def test_magnesium_doses_are_read_only_when_clear(name: str, dose: str, mg: float | None) -> None:
    """One amount in mg or mmol (times a day) is read; anything unclear is unknown (None)."""
    found = medicine_magnesium.read(name, dose)
    assert found is not None
    assert found.mg == (pytest.approx(mg) if mg is not None else None)

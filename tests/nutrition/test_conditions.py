"""What the health conditions of the profile change on the Food page: the magnesium warning,
potassium foods held back, fluids within a limit (nutrition/cautions.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import MedicineCreate
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.schemas import DayPublic, IntakeCreate, TargetOverrideIn
from nightcramps.owner import Owner
from tests.nutrition.factories import log, make_magnesium_tablet

DAY = date(2026, 11, 24)
Cli = Callable[..., Any]


def _profile(session: Session, owner: Owner, now: datetime, **values: Any) -> None:
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    values = {"birth_year": 1956, "sex": "female", **values}
    accounts_service.update_profile(
        session=session, person=person, profile_in=ProfileUpdate(**values), now=now
    )
    session.commit()


def _medicine(session: Session, owner: Owner, now: datetime, name: str) -> None:
    medicine_in = MedicineCreate(name=name, started_on=date(2026, 10, 1))
    daylog_service.add_medicine(session=session, owner=owner, medicine_in=medicine_in, now=now)
    session.commit()


def _day(session: Session, owner: Owner, now: datetime) -> DayPublic:
    return nutrition_service.get_day(session=session, owner=owner, day=DAY, now=now)


def _take_100_mg(session: Session, owner: Owner, now: datetime) -> None:
    tablet = make_magnesium_tablet(session, owner, magnesium_mg=100)
    intake_in = IntakeCreate(supplement_id=tablet.id, quantity=1)
    nutrition_service.log_intake(session=session, owner=owner, intake_in=intake_in, now=now)
    session.commit()


# ---------------------------------------------------------------------------- magnesium


def test_magnesium_with_kidney_disease_warns_at_100_mg(
    session: Session, owner: Owner, now: datetime
) -> None:
    """100 mg of supplemental magnesium, far below 350 mg, warns with kidney disease: ask the
    kidney doctor, with the kidney and the upper-level sources."""
    _profile(session, owner, now, kidney_disease="stage_1_2")
    _take_100_mg(session, owner, now)
    [warning] = _day(session, owner, now).warnings
    assert warning.code == "supplemental_magnesium_kidney_disease"
    assert warning.level == "warning"
    assert "100 mg" in warning.message and "kidney doctor" in warning.message
    assert "you have kidney disease of stage 1 or 2" in warning.message
    sources = " ".join(c.source for c in warning.evidence)
    assert "Vermeulen EA, Vervloet MG, Nutrients 2023" in sources
    day_warnings = nutrition_service.day_warnings(session=session, owner=owner, day=DAY, now=now)
    assert [w.code for w in day_warnings] == ["supplemental_magnesium_kidney_disease"]


def test_magnesium_on_dialysis_says_so(session: Session, owner: Owner, now: datetime) -> None:
    """On dialysis the warning says "you are on dialysis"."""
    _profile(session, owner, now, kidney_disease="dialysis")
    _take_100_mg(session, owner, now)
    assert "you are on dialysis" in _day(session, owner, now).warnings[0].message


def test_magnesium_without_a_kidney_answer_keeps_the_usual_limit(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Not answered, or "no": 100 mg is within the 350 mg limit and gives no warning."""
    _take_100_mg(session, owner, now)
    assert _day(session, owner, now).warnings == []
    _profile(session, owner, now, kidney_disease="no")
    assert _day(session, owner, now).warnings == []


# ---------------------------------------------------------------------------- potassium


def test_spironolactone_holds_back_potassium_foods(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Spironolactone on the list: no potassium gap, no potassium target from the tables, and a
    note saying why and to ask the doctor; the magnesium gap still has its foods."""
    _profile(session, owner, now)
    _medicine(session, owner, now, "spironolactone 25 mg")
    log(session, owner, "1 slice whole wheat bread", now)
    day = _day(session, owner, now)
    assert "potassium_mg" not in [g.nutrient for g in day.gaps]
    assert "magnesium_mg" in [g.nutrient for g in day.gaps]
    assert day.targets.potassium_mg is None
    [note] = day.gap_notes
    assert note.code == "potassium_held_back"
    assert "potassium-sparing diuretic (such as spironolactone)" in note.message
    assert "Ask your doctor what amount of potassium is right for you" in note.message
    assert "NASEM" not in note.message and "National Academies" in note.evidence[0].source


def test_an_ace_inhibitor_or_kidney_disease_holds_back_potassium_too(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Ramipril (an ACE inhibitor), or kidney disease of stage 3: the same note, with its reason;
    a person's own potassium target still shows, but no foods are pushed."""
    _profile(session, owner, now, kidney_disease="stage_3")
    _medicine(session, owner, now, "ramipril 5 mg")
    nutrition_service.set_target_override(
        session=session,
        owner=owner,
        nutrient="potassium_mg",
        override_in=TargetOverrideIn(value=2000, note="my doctor's"),
    )
    log(session, owner, "1 slice whole wheat bread", now)
    day = _day(session, owner, now)
    assert day.targets.potassium_mg == 2000
    assert "potassium_mg" not in [g.nutrient for g in day.gaps]
    message = day.gap_notes[0].message
    assert "an ACE inhibitor" in message and "kidney disease of stage 3" in message


def test_without_such_medicines_potassium_is_suggested_as_before(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A thiazide diuretic does not keep potassium in: the potassium gap keeps its foods."""
    _profile(session, owner, now)
    _medicine(session, owner, now, "bendroflumethiazide 2.5 mg")
    log(session, owner, "1 slice whole wheat bread", now)
    day = _day(session, owner, now)
    assert "potassium_mg" in [g.nutrient for g in day.gaps]
    assert day.gap_notes == []


# ---------------------------------------------------------------------------- fluids


def test_a_fluid_limit_caps_the_water_target_and_says_what_is_left(
    session: Session, owner: Owner, now: datetime
) -> None:
    """A 1,500 ml limit: the water target is 1,500 (not 2,700), and after 250 ml of juice the
    gap says 1,250 ml more is within the limit."""
    _profile(session, owner, now, fluid_limit_ml=1500)
    log(session, owner, "250 ml orange juice", now, kind="drink")
    day = _day(session, owner, now)
    assert day.targets.water_ml == 1500
    assert day.water.target_ml == 1500 and day.water.fluid_limit_ml == 1500
    assert day.water.fluid_limit_left_ml == 1250
    [note] = day.gap_notes
    assert note.code == "fluid_limit"
    assert "1,250 ml more is within your fluid limit of 1,500 ml a day" in note.message


def test_the_limit_caps_a_water_target_set_by_hand(
    session: Session, owner: Owner, now: datetime
) -> None:
    """An own water target of 3,000 ml is capped at the 1,200 ml limit too."""
    _profile(session, owner, now, fluid_limit_ml=1200)
    nutrition_service.set_target_override(
        session=session, owner=owner, nutrient="water_ml", override_in=TargetOverrideIn(value=3000)
    )
    targets = nutrition_service.person_targets(session=session, owner=owner, on=DAY)
    assert targets.water_ml == 1200
    assert any("fluid limit of 1,200 ml" in note for note in targets.notes)


def test_heart_failure_without_a_limit_is_told_to_follow_the_doctor(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Heart failure and no limit recorded: a note to follow the doctor's fluid advice."""
    _profile(session, owner, now, heart_failure=True)
    [note] = _day(session, owner, now).gap_notes
    assert note.code == "fluid_advice"
    assert "follow your doctor's advice on how much to drink" in note.message


# ---------------------------------------------------------------------------- page and CLI


def test_the_food_page_shows_the_notes_instead_of_potassium_foods(
    client: TestClient, session: Session, owner: Owner, now: datetime
) -> None:
    """On the page: the potassium note and the fluid bar within the limit; no potassium gap."""
    _profile(session, owner, now, fluid_limit_ml=1500)
    _medicine(session, owner, now, "spironolactone 25 mg")
    log(session, owner, "1 slice whole wheat bread", now)
    session.commit()
    page = client.get(f"/day/{DAY.isoformat()}").text
    assert 'data-testid="gap-note-potassium_held_back"' in page
    assert 'data-testid="gap-potassium_mg"' not in page
    assert 'data-testid="gap-magnesium_mg"' in page
    assert "No target from the tables for you" in page
    assert "Drinks, within your fluid limit" in page and "0% of your fluid limit." in page
    assert "within your fluid limit of 1,500 ml a day" in page


def test_the_cli_day_prints_the_notes(cli: Cli) -> None:
    """`day` ends with the notes; `day --json` has them as gap_notes."""
    cli("profile", "set", "--birth-year", "1956", "--sex", "female", "--fluid-limit-ml", "1500")
    cli("drink", "250 ml orange juice", "--at", "2026-11-23 08:05")
    text = cli("day", "2026-11-23").output
    assert "Note: Fluids: 250 ml of drinks on Mon 23 Nov; 1,250 ml more is within" in text
    data = json.loads(cli("day", "2026-11-23", "--json").output)
    assert [n["code"] for n in data["gap_notes"]] == ["fluid_limit"]
    assert data["water"]["target_ml"] == 1500

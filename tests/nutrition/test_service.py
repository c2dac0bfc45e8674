"""Logging intake and reading days through the service, on a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nightcramps.errors import Invalid, NotFound
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition import shortcuts
from nightcramps.nutrition.models import IntakeEntry
from nightcramps.nutrition.schemas import IntakeCreate, IntakeEntryPublic, IntakeUpdate
from nightcramps.owner import Owner
from tests.nutrition.factories import log, make_custom_food, set_profile

DAY = date(2026, 11, 24)


def _count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(IntakeEntry)) or 0


def test_banana_is_logged_with_usda_nutrients(session: Session, owner: Owner, now) -> None:
    """ "1 medium banana" is 126 g (FNDDS "1 banana") of Banana, raw with its FNDDS magnesium
    and potassium."""
    entry = log(session, owner, "1 medium banana", now)
    public = IntakeEntryPublic.model_validate(entry)
    assert public.food.id == "fndds:63107010"
    assert public.grams == pytest.approx(126)
    assert public.nutrients["magnesium_mg"] == pytest.approx(35.3, abs=0.1)
    assert public.nutrients["potassium_mg"] == pytest.approx(410.8, abs=0.1)
    assert public.kind == "food" and public.source == "manual"
    assert public.day == DAY and public.meal == "breakfast"


def test_day_is_the_persons_day(session: Session, owner: Owner, now) -> None:
    """23:30 and 00:30 count for the 23rd (before the night of the 23rd); 04:00 is the 24th, as
    in the day log."""
    late = log(session, owner, "1 cup milk", now, at=datetime(2026, 11, 23, 23, 30))
    after = log(session, owner, "1 cup milk", now, at=datetime(2026, 11, 24, 0, 30))
    morning = log(session, owner, "1 cup milk", now, at=datetime(2026, 11, 24, 4, 0))
    assert (late.day, after.day, morning.day) == (
        date(2026, 11, 23),
        date(2026, 11, 23),
        date(2026, 11, 24),
    )
    assert late.meal == "late"


def test_an_aware_time_is_placed_in_the_persons_zone(session: Session, now) -> None:
    """A UTC time is dated by the person's local date (New York: 03:00 UTC is the day before)."""
    from zoneinfo import ZoneInfo

    from nightcramps.accounts import service as accounts_service

    person = accounts_service.get_local_person(session=session)
    ny = Owner(person_id=person.id, tz=ZoneInfo("America/New_York"))
    entry = log(session, ny, "1 medium banana", now, at=datetime(2026, 11, 24, 3, 0, tzinfo=UTC))
    assert entry.day == date(2026, 11, 23)


def test_drink_counts_its_volume_as_fluid(session: Session, owner: Owner, now) -> None:
    """ "500 ml water" as a drink is 500 ml of fluid; food water is shown apart."""
    log(session, owner, "500 ml water", now, kind="drink")
    log(session, owner, "1 medium banana", now)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.water.fluids_ml == 500
    assert day.water.drinks == 1
    assert day.water.food_water_ml == pytest.approx(95.3, abs=0.1)
    assert day.water.total_water_ml == pytest.approx(595.3, abs=0.1)


def test_drink_in_a_household_measure_gets_its_volume(session: Session, owner: Owner, now) -> None:
    """ "1 can cola" has a volume from its 12 fl oz measure (355 ml), not from its weight."""
    entry = log(session, owner, "1 can cola", now, kind="drink")
    assert float(entry.volume_ml or 0) == pytest.approx(355, abs=1)


def test_nothing_logged_is_unknown_not_zero(session: Session, owner: Owner) -> None:
    """A day with nothing logged has every total unknown (None), not 0."""
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY)
    assert day.logged is False
    assert all(n.amount is None for n in day.nutrients)
    assert day.water.total_water_ml is None and day.water.fluids_ml is None
    assert day.gaps == [] and day.warnings == []


def test_totals_count_unknowns(session: Session, owner: Owner, now) -> None:
    """A custom bar without magnesium adds to potassium but is counted unknown for magnesium."""
    make_custom_food(session, owner)
    log(session, owner, "1 medium banana", now)
    log(session, owner, "1 bar oat bar", now)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    by_name = {n.nutrient: n for n in day.nutrients}
    assert by_name["magnesium_mg"].amount == pytest.approx(35.3, abs=0.1)
    assert by_name["magnesium_mg"].unknown_items == 1
    assert by_name["magnesium_mg"].items == 2
    assert by_name["potassium_mg"].amount == pytest.approx(560.8, abs=0.1)
    assert by_name["potassium_mg"].unknown_items == 0
    assert day.water.food_unknown_items == 1


def test_all_unknown_nutrient_stays_unknown(session: Session, owner: Owner, now) -> None:
    """When no entry knows magnesium, the day's magnesium is None with its unknown count."""
    make_custom_food(session, owner)
    log(session, owner, "2 bars oat bar", now)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    magnesium = day.nutrients[0]
    assert magnesium.nutrient == "magnesium_mg"
    assert magnesium.amount is None and magnesium.unknown_items == 1


def test_totals_against_profile_targets(session: Session, owner: Owner, now) -> None:
    """A 60-year-old woman's day is measured against 320 mg magnesium and 2.7 L water."""
    set_profile(session, owner, birth_year=1966, sex="female")
    log(session, owner, "1 medium banana", now)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    magnesium = day.nutrients[0]
    assert magnesium.target == 320
    assert magnesium.percent == pytest.approx(100 * 35.28 / 320, abs=0.1)
    assert day.water.target_ml == 2700
    assert day.targets.life_stage == "female_51_70"


@pytest.mark.parametrize(
    ("phrase", "error", "words"),
    [
        ("1 cup xyzzyqq", NotFound, "No food matches"),
        ("-2 cups milk", Invalid, "positive"),
        ("9000 bananas", Invalid, "kg"),
        ("250 ml bread", Invalid, "volume"),
        ("a slice of milk", Invalid, "measure"),
        ("", Invalid, "phrase"),
    ],
)
def test_bad_food_input_logs_nothing(
    session: Session, owner: Owner, now, phrase, error, words
) -> None:
    """Unknown food, impossible amount, unit not fitting: a clear error and nothing stored."""
    log(session, owner, "1 medium banana", now)
    with pytest.raises((error, ValueError)) as info:
        log(session, owner, phrase, now)
    assert words in str(info.value)
    assert _count(session) == 1


def test_unknown_food_suggests_near_ones(session: Session, owner: Owner, now) -> None:
    """A typo far from any food raises NotFound whose message offers suggestions when near."""
    with pytest.raises(NotFound) as info:
        log(session, owner, "1 cup spinich soupp xx", now)
    assert "Try" in info.value.message


def test_future_time_is_refused(session: Session, owner: Owner, now) -> None:
    """An entry an hour ahead of the clock is refused and nothing is stored."""
    with pytest.raises(Invalid) as info:
        log(session, owner, "1 medium banana", now, at=now + timedelta(hours=1))
    assert "future" in info.value.message
    assert _count(session) == 0


def test_food_id_with_measure_and_grams(session: Session, owner: Owner, now) -> None:
    """A food from search can be logged by id with one of its measures or in grams."""
    by_measure = nutrition_service.log_intake(
        session=session,
        owner=owner,
        intake_in=IntakeCreate(food_id="usda:09040", quantity=2, unit="medium"),
        now=now,
    )
    by_grams = nutrition_service.log_intake(
        session=session,
        owner=owner,
        intake_in=IntakeCreate(food_id="usda:09040", quantity=100, unit="g"),
        now=now,
    )
    assert float(by_measure.grams or 0) == pytest.approx(236)
    assert float(by_grams.magnesium_mg or 0) == pytest.approx(27, abs=0.1)
    with pytest.raises(Invalid):
        nutrition_service.log_intake(
            session=session,
            owner=owner,
            intake_in=IntakeCreate(food_id="usda:09040", quantity=1, unit="bucket"),
            now=now,
        )


def test_edit_rescales_and_a_rejected_edit_changes_nothing(
    session: Session, owner: Owner, now
) -> None:
    """Doubling the amount doubles the nutrients; an impossible edit leaves the entry as it was."""
    entry = log(session, owner, "1 medium banana", now)
    nutrition_service.update_entry(
        session=session, owner=owner, entry_id=entry.id, entry_in=IntakeUpdate(quantity=2), now=now
    )
    assert float(entry.magnesium_mg or 0) == pytest.approx(70.6, abs=0.1)
    assert entry.description == "2 medium banana"
    with pytest.raises(Invalid):
        nutrition_service.update_entry(
            session=session,
            owner=owner,
            entry_id=entry.id,
            entry_in=IntakeUpdate(quantity=9000),
            now=now,
        )
    assert float(entry.quantity or 0) == 2
    changed = nutrition_service.update_entry(
        session=session,
        owner=owner,
        entry_id=entry.id,
        entry_in=IntakeUpdate(phrase="1 cup milk", at=datetime(2026, 11, 23, 19, 0)),
        now=now,
    )
    assert changed.food_ref == "fndds:11100000" and changed.day == date(2026, 11, 23)
    assert changed.meal == "dinner"


def test_delete_and_undo(session: Session, owner: Owner, now) -> None:
    """A deleted entry leaves the day's totals and comes back with restore."""
    entry = log(session, owner, "1 medium banana", now)
    nutrition_service.delete_entry(session=session, owner=owner, entry_id=entry.id)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert day.logged is False
    nutrition_service.restore_entry(session=session, owner=owner, entry_id=entry.id)
    day = nutrition_service.get_day(session=session, owner=owner, day=DAY, with_gaps=False)
    assert len(day.entries) == 1
    with pytest.raises(NotFound):
        nutrition_service.restore_entry(session=session, owner=owner, entry_id=entry.id)


def test_someone_elses_entry_is_not_found(session: Session, owner: Owner, now) -> None:
    """Another person's entry id is reported as not found, for reading and deleting."""
    entry = log(session, owner, "1 medium banana", now)
    stranger = Owner(person_id=owner.person_id + 999, tz=owner.tz)
    with pytest.raises(NotFound):
        nutrition_service.get_entry(session=session, owner=stranger, entry_id=entry.id)
    with pytest.raises(NotFound):
        nutrition_service.delete_entry(session=session, owner=stranger, entry_id=entry.id)


def test_daily_factors_keys_and_unknowns(session: Session, owner: Owner, now) -> None:
    """Exactly seven keys per day; None on a day with nothing logged, for fluid without drinks
    and for alcohol without an entry that held any."""
    log(session, owner, "1 medium banana", now, at=datetime(2026, 11, 22, 8, 0))
    log(session, owner, "1 cup of coffee", now, at=datetime(2026, 11, 23, 8, 0), kind="drink")
    factors = nutrition_service.daily_factors(
        session=session, owner=owner, start=date(2026, 11, 21), end=date(2026, 11, 23)
    )
    assert list(factors) == [date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 23)]
    for values in factors.values():
        assert set(values) == {
            "fluid_ml",
            "magnesium_mg",
            "potassium_mg",
            "calcium_mg",
            "sodium_mg",
            "alcohol_drinks",
            "caffeine_mg",
        }
    assert set(factors[date(2026, 11, 21)].values()) == {None}
    banana_day = factors[date(2026, 11, 22)]
    assert banana_day["fluid_ml"] is None and banana_day["alcohol_drinks"] is None
    assert banana_day["magnesium_mg"] == pytest.approx(35.3, abs=0.1)
    coffee_day = factors[date(2026, 11, 23)]
    assert coffee_day["fluid_ml"] == pytest.approx(236.6, abs=0.1)
    assert coffee_day["caffeine_mg"] == pytest.approx(96.0, abs=0.1)


def test_repeat_yesterdays_breakfast(session: Session, owner: Owner, now) -> None:
    """Yesterday's breakfast (two items) is logged again today at the same clock times."""
    log(session, owner, "1 medium banana", now, at=datetime(2026, 11, 23, 7, 30))
    log(session, owner, "1 cup milk", now, at=datetime(2026, 11, 23, 7, 35))
    log(session, owner, "1 cup of tea", now, at=datetime(2026, 11, 23, 13, 0))
    copies = shortcuts.repeat_meal(session=session, owner=owner, meal="breakfast", now=now)
    assert [c.description for c in copies] == ["1 medium banana", "1 cup milk"]
    assert {c.day for c in copies} == {DAY}
    assert copies[0].eaten_at.astimezone(owner.tz).strftime("%H:%M") == "07:30"
    with pytest.raises(NotFound):
        shortcuts.repeat_meal(session=session, owner=owner, meal="dinner", now=now)


def test_recent_and_favourites(session: Session, owner: Owner, now) -> None:
    """Recent items are distinct; a starred item is logged again with one call."""
    first = log(session, owner, "1 medium banana", now, at=datetime(2026, 11, 23, 7, 0))
    log(session, owner, "1 medium banana", now, at=datetime(2026, 11, 23, 8, 0))
    log(session, owner, "1 cup milk", now, at=datetime(2026, 11, 23, 9, 0))
    recent = shortcuts.recent_entries(session=session, owner=owner)
    assert [r.description for r in recent] == ["1 cup milk", "1 medium banana"]
    favourite = shortcuts.add_favourite(session=session, owner=owner, entry_id=first.id)
    again = shortcuts.add_favourite(session=session, owner=owner, entry_id=first.id)
    assert again.id == favourite.id
    logged = shortcuts.log_favourite(
        session=session, owner=owner, favourite_id=favourite.id, now=now
    )
    assert logged.day == DAY and logged.magnesium_mg == first.magnesium_mg


def test_daily_factors_accept_any_years_and_refuse_a_reversed_range(
    session: Session, owner: Owner
) -> None:
    """A range reaching before 1900 still answers (all unknown); a reversed range is refused."""
    factors = nutrition_service.daily_factors(
        session=session, owner=owner, start=date(1899, 12, 30), end=date(1900, 1, 1)
    )
    assert len(factors) == 3 and all(set(v.values()) == {None} for v in factors.values())
    last = nutrition_service.daily_factors(
        session=session, owner=owner, start=date(9999, 12, 30), end=date(9999, 12, 31)
    )
    assert len(last) == 2
    with pytest.raises(Invalid) as info:
        nutrition_service.daily_factors(
            session=session, owner=owner, start=date(2026, 11, 2), end=date(2026, 11, 1)
        )
    assert "swap" in info.value.message

"""The day log's service: attribution to days, validation, factors, medicines, undo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import (
    ActivityCreate,
    ActivityUpdate,
    AlcoholCreate,
    AlcoholUpdate,
    CaffeineCreate,
    CaffeineUpdate,
    DayUpdate,
    MedicineCreate,
    MedicineUpdate,
    SleepCreate,
    SleepUpdate,
    StretchCreate,
    StretchUpdate,
)
from nightcramps.errors import Conflict, Invalid, NotFound
from nightcramps.owner import Owner
from nightcramps.storage import owned

D = date(2026, 11, 23)


def _workout(session: Session, owner: Owner, now: datetime, day: date, minutes: float = 30,
             intensity: int | str = 5) -> None:  # fmt: skip
    daylog_service.log_entry(
        kind=daylog_service.ACTIVITY,
        session=session,
        owner=owner,
        entry_in=ActivityCreate(
            activity_type="walking", duration_min=minutes, intensity_0_10=intensity, day=day
        ),
        now=now,
    )


def _factors(session: Session, owner: Owner, day: date = D) -> dict[str, float | None]:
    return daylog_service.daily_factors(session=session, owner=owner, start=day, end=day)[day]


# ---------------------------------------------------------------------------- days


def test_day_of_rolls_over_at_four() -> None:
    """00:30 and 03:59 belong to the day before; 04:00 and 08:00 to their own date."""
    owner = Owner(person_id=1, tz=ZoneInfo("Europe/London"), cutover_hour=12)
    london = ZoneInfo("Europe/London")
    assert daylog_service.day_of(datetime(2026, 11, 24, 0, 30, tzinfo=london), owner=owner) == D
    assert daylog_service.day_of(datetime(2026, 11, 24, 3, 59, tzinfo=london), owner=owner) == D
    assert daylog_service.day_of(datetime(2026, 11, 24, 4, 0, tzinfo=london), owner=owner) == (
        date(2026, 11, 24)
    )
    midnight = Owner(person_id=1, tz=london, cutover_hour=0)
    assert daylog_service.day_of(datetime(2026, 11, 24, 0, 30, tzinfo=london), owner=midnight) == (
        date(2026, 11, 24)
    )


def test_naive_times_are_read_in_the_persons_zone(session: Session, now: datetime) -> None:
    """A drink at 23:30 typed in New York is on that New York day, whatever UTC says."""
    owner = Owner(person_id=_person(session), tz=ZoneInfo("America/New_York"), cutover_hour=12)
    drink = daylog_service.log_entry(
        kind=daylog_service.ALCOHOL,
        session=session,
        owner=owner,
        entry_in=AlcoholCreate(drinks=1, at=datetime(2026, 11, 22, 23, 30)),
        now=now,
    )
    assert drink.day == date(2026, 11, 22)
    assert drink.at == datetime(2026, 11, 23, 4, 30, tzinfo=UTC)


def _person(session: Session) -> int:
    from nightcramps.accounts import service as accounts_service

    person = accounts_service.get_local_person(session=session, timezone="Europe/London")
    return person.id


def test_future_times_and_days_are_refused(session: Session, owner: Owner, now: datetime) -> None:
    """A coffee at 10:00 when it is 09:00, and tomorrow's steps, are refused with the field."""
    with pytest.raises(Invalid) as caught:
        daylog_service.log_entry(
            kind=daylog_service.CAFFEINE,
            session=session,
            owner=owner,
            entry_in=CaffeineCreate(caffeine_mg=95, at=datetime(2026, 11, 24, 10, 0)),
            now=now,
        )
    assert caught.value.fields == {"at": "is in the future"}
    with pytest.raises(Invalid) as caught:
        daylog_service.update_day(
            session=session, owner=owner, day=date(2026, 11, 25), day_in=DayUpdate(steps=5), now=now
        )
    assert "has not begun" in caught.value.message
    with pytest.raises(Invalid):
        daylog_service.update_day(
            session=session, owner=owner, day=date(1850, 1, 1), day_in=DayUpdate(steps=5), now=now
        )


def test_time_and_day_must_agree(session: Session, owner: Owner, now: datetime) -> None:
    """01:00 on the 24th is the 23rd's; saying it is the 24th is refused with the reason."""
    with pytest.raises(Invalid) as caught:
        daylog_service.log_entry(
            kind=daylog_service.ALCOHOL,
            session=session,
            owner=owner,
            entry_in=AlcoholCreate(
                drinks=1, at=datetime(2026, 11, 24, 1, 0), day=date(2026, 11, 24)
            ),
            now=now,
        )
    assert "04:00" in caught.value.message
    assert caught.value.fields == {"day": "does not match the time"}


RUN = {"activity_type": "run", "duration_min": 30, "intensity_0_10": 5}


@pytest.mark.parametrize(
    ("schema", "data", "field"),
    [
        (ActivityCreate, {**RUN, "duration_min": 0}, "duration_min"),
        (ActivityCreate, {**RUN, "intensity_0_10": 11}, "intensity_0_10"),
        (ActivityCreate, {**RUN, "intensity_0_10": "hard"}, "intensity_0_10"),
        (ActivityCreate, {**RUN, "activity_type": "  "}, "activity_type"),
        (ActivityCreate, {**RUN, "speed": 3}, "speed"),
        (StretchCreate, {"routine": "calf", "duration_min": 500}, "duration_min"),
        (StretchCreate, {"routine": "calf\x00"}, "routine"),
        (MedicineCreate, {"name": "Lasix", "notes": "\x00"}, "notes"),
        (AlcoholCreate, {"drinks": -1}, "drinks"),
        (AlcoholCreate, {"drinks": 1, "standard_units": 0}, "standard_units"),
        (CaffeineCreate, {"caffeine_mg": 5000}, "caffeine_mg"),
        (MedicineCreate, {"name": "40"}, "name"),
        (MedicineCreate, {"name": "x" * 201}, "name"),
        (DayUpdate, {"steps": -3}, "steps"),
        (DayUpdate, {"steps": 10_000_000}, "steps"),
        (DayUpdate, {"standing_h": 25}, "standing_h"),
    ],
)
def test_schemas_refuse_bad_input_naming_the_field(
    schema: type[BaseModel], data: dict[str, object], field: str
) -> None:
    """Out-of-range, malformed and unknown fields are refused, each named."""
    with pytest.raises(ValidationError) as caught:
        schema.model_validate(data)
    assert field in {str(e["loc"][0]) for e in caught.value.errors()}


def test_schema_checks_across_fields() -> None:
    """Standing and sitting over 24 h, and a stop date before the start, are refused."""
    with pytest.raises(ValidationError, match="24 hours"):
        DayUpdate(standing_h=12, sitting_h=13)
    with pytest.raises(ValidationError, match="before started_on"):
        MedicineCreate(name="Lasix", started_on=date(2026, 5, 2), stopped_on=date(2026, 5, 1))


def test_effort_words_map_to_numbers(session: Session, owner: Owner, now: datetime) -> None:
    """'vigorous' is 7 on the 0-10 scale and the load is minutes x effort."""
    public = daylog_service.log_entry(
        kind=daylog_service.ACTIVITY,
        session=session,
        owner=owner,
        entry_in=ActivityCreate(
            activity_type=" Cycling ", duration_min=40, intensity_0_10="Vigorous", day=D
        ),
        now=now,
    )
    assert (public.activity_type, public.intensity_0_10, public.effort) == (
        "cycling",
        7,
        "vigorous",
    )
    assert public.load == 280


# ---------------------------------------------------------------------------- factors


def test_nothing_logged_is_unknown_never_zero(session: Session, owner: Owner) -> None:
    """An empty day has every factor None, and exactly the documented keys."""
    factors = _factors(session, owner)
    assert list(factors) == list(daylog_service.FACTOR_KEYS)
    assert set(factors.values()) == {None}


def test_explicit_none_answers_are_zero(session: Session, owner: Owner, now: datetime) -> None:
    """'Rest day', 'no alcohol', 'no caffeine', 'no stretching' give 0.0 for their factor."""
    daylog_service.update_day(
        session=session,
        owner=owner,
        day=D,
        day_in=DayUpdate(no_exercise=True, no_alcohol=True, no_caffeine=True, no_stretching=True),
        now=now,
    )
    factors = _factors(session, owner)
    assert factors["exercise_min"] == factors["alcohol_drinks"] == factors["caffeine_mg"] == 0.0
    assert factors["stretched"] == 0.0
    assert factors["steps"] is None and factors["sleep_h"] is None


def test_factors_sum_the_days_entries(session: Session, owner: Owner, now: datetime) -> None:
    """Two workouts, two coffees, drinks and steps add up per day."""
    _workout(session, owner, now, D, minutes=30)
    _workout(session, owner, now, D, minutes=15.5)
    for mg in (95, 40):
        daylog_service.log_entry(
            kind=daylog_service.CAFFEINE,
            session=session,
            owner=owner,
            entry_in=CaffeineCreate(caffeine_mg=mg, day=D),
            now=now,
        )
    daylog_service.log_entry(
        kind=daylog_service.ALCOHOL,
        session=session,
        owner=owner,
        entry_in=AlcoholCreate(drinks=1.5, day=D),
        now=now,
    )
    daylog_service.update_day(
        session=session, owner=owner, day=D, day_in=DayUpdate(steps=8123), now=now
    )
    factors = _factors(session, owner)
    assert factors["exercise_min"] == 45.5
    assert factors["caffeine_mg"] == 135.0
    assert factors["alcohol_drinks"] == 1.5
    assert factors["steps"] == 8123.0


def test_a_new_entry_withdraws_the_none_answer(
    session: Session, owner: Owner, now: datetime
) -> None:
    """'No alcohol' then a drink: the drink wins; 'no alcohol' again is a conflict."""
    daylog_service.update_day(
        session=session, owner=owner, day=D, day_in=DayUpdate(no_alcohol=True), now=now
    )
    daylog_service.log_entry(
        kind=daylog_service.ALCOHOL,
        session=session,
        owner=owner,
        entry_in=AlcoholCreate(drinks=2, day=D),
        now=now,
    )
    assert _factors(session, owner)["alcohol_drinks"] == 2.0
    assert daylog_service.day_log(session=session, owner=owner, day=D).no_alcohol is False
    with pytest.raises(Conflict) as caught:
        daylog_service.update_day(
            session=session, owner=owner, day=D, day_in=DayUpdate(no_alcohol=True), now=now
        )
    assert "delete them" in caught.value.message


def test_exertion_ratio_needs_a_baseline(session: Session, owner: Owner, now: datetime) -> None:
    """With 13 known days before, no ratio; with 14 days of 30 min, a 90 min day is 3.0."""
    for k in range(1, 14):
        _workout(session, owner, now, D - timedelta(days=k), minutes=30)
    _workout(session, owner, now, D, minutes=90)
    assert _factors(session, owner)["exertion_ratio"] is None
    _workout(session, owner, now, D - timedelta(days=20), minutes=30)
    assert _factors(session, owner)["exertion_ratio"] == 3.0


def test_exertion_skips_unlogged_days_and_counts_rest_days(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Unlogged days are skipped; days marked 'rest day' are zero in the baseline."""
    for k in range(1, 15):
        _workout(session, owner, now, D - timedelta(days=2 * k), minutes=60)
    _workout(session, owner, now, D, minutes=60)
    assert _factors(session, owner)["exertion_ratio"] == 1.0  # 14 days of 60, gaps skipped
    for k in range(1, 15):
        daylog_service.update_day(
            session=session,
            owner=owner,
            day=D - timedelta(days=2 * k - 1),
            day_in=DayUpdate(no_exercise=True),
            now=now,
        )
    assert _factors(session, owner)["exertion_ratio"] == 2.0  # rest days halve the mean


def test_exertion_from_steps(session: Session, owner: Owner, now: datetime) -> None:
    """Without workouts, steps give the ratio: 12,000 against a usual 6,000 is 2.0."""
    for k in range(0, 29):
        steps = 12_000 if k == 0 else 6_000
        daylog_service.update_day(
            session=session,
            owner=owner,
            day=D - timedelta(days=k),
            day_in=DayUpdate(steps=steps),
            now=now,
        )
    assert _factors(session, owner)["exertion_ratio"] == 2.0


def test_daily_factors_range_is_checked(session: Session, owner: Owner) -> None:
    """A reversed range is refused with a message that says to swap."""
    with pytest.raises(Invalid, match="swap"):
        daylog_service.daily_factors(
            session=session, owner=owner, start=D, end=D - timedelta(days=1)
        )
    with pytest.raises(Invalid, match="too long ago"):
        daylog_service.daily_factors(session=session, owner=owner, start=date(1, 1, 1), end=D)


def test_massage_heat_standing_sitting_are_stored(
    session: Session, owner: Owner, now: datetime
) -> None:
    """The one-per-day answers come back in the day log; null clears a value."""
    daylog_service.update_day(
        session=session,
        owner=owner,
        day=D,
        day_in=DayUpdate(massage_used=True, heat_used=False, standing_h=7.5, sitting_h=9),
        now=now,
    )
    log = daylog_service.update_day(
        session=session, owner=owner, day=D, day_in=DayUpdate(sitting_h=None), now=now
    )
    assert (log.massage_used, log.heat_used, log.standing_h, log.sitting_h) == (
        True,
        False,
        7.5,
        None,
    )
    with pytest.raises(Invalid, match="24 hours"):
        daylog_service.update_day(
            session=session, owner=owner, day=D, day_in=DayUpdate(sitting_h=17), now=now
        )


# ---------------------------------------------------------------------------- sleep


def test_sleep_belongs_to_the_day_it_ends_in(session: Session, owner: Owner, now: datetime) -> None:
    """23:10 on the 22nd to 06:55 on the 23rd is 7.75 h, the 23rd's sleep."""
    sleep = daylog_service.log_entry(
        kind=daylog_service.SLEEP,
        session=session,
        owner=owner,
        entry_in=SleepCreate(
            bed_at=datetime(2026, 11, 22, 23, 10), wake_at=datetime(2026, 11, 23, 6, 55)
        ),
        now=now,
    )
    assert sleep.day == D and sleep.sleep_h == 7.75
    assert _factors(session, owner)["sleep_h"] == 7.75


def test_sleep_validation(session: Session, owner: Owner, now: datetime) -> None:
    """Wake before bed, over 20 hours, in the future and a second sleep are refused."""
    cases = [
        (datetime(2026, 11, 23, 7, 0), datetime(2026, 11, 22, 23, 0), "not after"),
        (datetime(2026, 11, 21, 7, 0), datetime(2026, 11, 23, 7, 0), "longer than"),
        (datetime(2026, 11, 24, 1, 0), datetime(2026, 11, 24, 10, 0), "future"),
    ]
    for bed, wake, words in cases:
        with pytest.raises(Invalid, match=words):
            daylog_service.log_entry(
                kind=daylog_service.SLEEP,
                session=session,
                owner=owner,
                entry_in=SleepCreate(bed_at=bed, wake_at=wake),
                now=now,
            )
    first = SleepCreate(bed_at=datetime(2026, 11, 22, 23, 0), wake_at=datetime(2026, 11, 23, 7, 0))
    daylog_service.log_entry(
        kind=daylog_service.SLEEP, session=session, owner=owner, entry_in=first, now=now
    )
    with pytest.raises(Conflict, match="change that entry"):
        daylog_service.log_entry(
            kind=daylog_service.SLEEP, session=session, owner=owner, entry_in=first, now=now
        )


def test_sleep_update_recomputes_hours(session: Session, owner: Owner, now: datetime) -> None:
    """A later wake time changes the hours; an emptied time is refused."""
    sleep = daylog_service.log_entry(
        kind=daylog_service.SLEEP,
        session=session,
        owner=owner,
        entry_in=SleepCreate(
            bed_at=datetime(2026, 11, 22, 23, 0), wake_at=datetime(2026, 11, 23, 6, 0)
        ),
        now=now,
    )
    changed = daylog_service.update_entry(
        kind=daylog_service.SLEEP,
        session=session,
        owner=owner,
        entry_id=sleep.id,
        entry_in=SleepUpdate(wake_at=datetime(2026, 11, 23, 7, 30)),
        now=now,
    )
    assert changed.sleep_h == 8.5
    with pytest.raises(Invalid):
        daylog_service.update_entry(
            kind=daylog_service.SLEEP,
            session=session,
            owner=owner,
            entry_id=sleep.id,
            entry_in=SleepUpdate(wake_at=None),
            now=now,
        )


# ---------------------------------------------------------------------------- edits and undo


def test_updates_change_only_what_is_given(session: Session, owner: Owner, now: datetime) -> None:
    """Each kind of entry can be edited; a new time moves it to another day."""
    act = daylog_service.log_entry(
        kind=daylog_service.ACTIVITY,
        session=session,
        owner=owner,
        entry_in=ActivityCreate(activity_type="gym", duration_min=45, intensity_0_10=6, day=D),
        now=now,
    )
    act2 = daylog_service.update_entry(
        kind=daylog_service.ACTIVITY,
        session=session,
        owner=owner,
        entry_id=act.id,
        entry_in=ActivityUpdate(at=datetime(2026, 11, 22, 18, 0), intensity_0_10="light"),
        now=now,
    )
    assert (act2.day, act2.intensity_0_10, act2.duration_min) == (date(2026, 11, 22), 3, 45)
    with pytest.raises(Invalid):
        daylog_service.update_entry(
            kind=daylog_service.ACTIVITY,
            session=session,
            owner=owner,
            entry_id=act.id,
            entry_in=ActivityUpdate(duration_min=None),
            now=now,
        )
    stretch = daylog_service.log_stretch(
        session=session, owner=owner, stretch_in=StretchCreate(routine="calf", day=D), now=now
    )
    assert daylog_service.update_entry(
        kind=daylog_service.STRETCH,
        session=session, owner=owner, entry_id=stretch.id,
        entry_in=StretchUpdate(duration_min=5), now=now,
    ).duration_min == 5  # fmt: skip
    drink = daylog_service.log_entry(
        kind=daylog_service.ALCOHOL,
        session=session,
        owner=owner,
        entry_in=AlcoholCreate(drinks=1, day=D),
        now=now,
    )
    assert daylog_service.update_entry(
        kind=daylog_service.ALCOHOL,
        session=session, owner=owner, entry_id=drink.id,
        entry_in=AlcoholUpdate(standard_units=2.1, kind="wine"), now=now,
    ).standard_units == 2.1  # fmt: skip
    coffee = daylog_service.log_entry(
        kind=daylog_service.CAFFEINE,
        session=session,
        owner=owner,
        entry_in=CaffeineCreate(caffeine_mg=95, day=D),
        now=now,
    )
    assert daylog_service.update_entry(
        kind=daylog_service.CAFFEINE,
        session=session, owner=owner, entry_id=coffee.id,
        entry_in=CaffeineUpdate(caffeine_mg=63), now=now,
    ).caffeine_mg == 63  # fmt: skip


def test_changes_are_stored_as_their_columns_say(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Amounts round to their column (drinks to 0.01, minutes to 0.1); an emptied text becomes
    "", an emptied optional amount unknown, and an emptied required one is refused by name."""
    drink = daylog_service.log_entry(
        session=session, owner=owner, kind=daylog_service.ALCOHOL,
        entry_in=AlcoholCreate(drinks=1.234, standard_units=2.345, kind="wine", day=D), now=now,
    )  # fmt: skip
    assert (drink.drinks, drink.standard_units) == (1.23, 2.35)
    changed = daylog_service.update_entry(
        session=session, owner=owner, kind=daylog_service.ALCOHOL, entry_id=drink.id,
        entry_in=AlcoholUpdate(standard_units=None, kind=None), now=now,
    )  # fmt: skip
    assert (changed.drinks, changed.standard_units, changed.kind) == (1.23, None, "")
    with pytest.raises(Invalid, match="^drinks cannot be empty") as refused:
        daylog_service.update_entry(
            session=session, owner=owner, kind=daylog_service.ALCOHOL, entry_id=drink.id,
            entry_in=AlcoholUpdate(drinks=None), now=now,
        )  # fmt: skip
    assert refused.value.fields == {"drinks": "cannot be empty"}
    stretch = daylog_service.log_stretch(
        session=session, owner=owner, stretch_in=StretchCreate(routine="calf", day=D), now=now
    )
    longer = daylog_service.update_entry(
        session=session, owner=owner, kind=daylog_service.STRETCH, entry_id=stretch.id,
        entry_in=StretchUpdate(duration_min=4.26), now=now,
    )  # fmt: skip
    assert longer.duration_min == 4.3


def test_delete_and_restore(session: Session, owner: Owner, now: datetime) -> None:
    """A deleted entry is gone from the factors and comes back on restore."""
    coffee = daylog_service.log_entry(
        kind=daylog_service.CAFFEINE,
        session=session,
        owner=owner,
        entry_in=CaffeineCreate(caffeine_mg=95, day=D),
        now=now,
    )
    daylog_service.delete_entry(
        session=session, owner=owner, kind=daylog_service.CAFFEINE, entry_id=coffee.id
    )
    assert _factors(session, owner)["caffeine_mg"] is None
    with pytest.raises(NotFound):
        daylog_service.get_entry(
            session=session, owner=owner, kind=daylog_service.CAFFEINE, entry_id=coffee.id
        )
    daylog_service.restore_entry(
        session=session, owner=owner, kind=daylog_service.CAFFEINE, entry_id=coffee.id
    )
    assert _factors(session, owner)["caffeine_mg"] == 95.0
    with pytest.raises(NotFound, match="deleted"):
        daylog_service.restore_entry(
            session=session, owner=owner, kind=daylog_service.CAFFEINE, entry_id=coffee.id
        )


def test_restoring_a_second_sleep_is_a_conflict(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Delete a sleep, log another for the same day: restoring the first is refused."""
    sleep_in = SleepCreate(
        bed_at=datetime(2026, 11, 22, 23, 0), wake_at=datetime(2026, 11, 23, 7, 0)
    )
    first = daylog_service.log_entry(
        kind=daylog_service.SLEEP, session=session, owner=owner, entry_in=sleep_in, now=now
    )
    daylog_service.delete_entry(
        session=session, owner=owner, kind=daylog_service.SLEEP, entry_id=first.id
    )
    daylog_service.log_entry(
        kind=daylog_service.SLEEP, session=session, owner=owner, entry_in=sleep_in, now=now
    )
    with pytest.raises(Conflict):
        daylog_service.restore_entry(
            session=session, owner=owner, kind=daylog_service.SLEEP, entry_id=first.id
        )


def test_purge_removes_only_old_deletions(session: Session, owner: Owner, now: datetime) -> None:
    """Deletions older than the undo window are removed for good (the one purge of
    ``storage.owned``); a deletion within it and live entries stay."""
    keep = daylog_service.log_stretch(
        session=session, owner=owner, stretch_in=StretchCreate(routine="calf", day=D), now=now
    )
    gone = daylog_service.log_stretch(
        session=session, owner=owner, stretch_in=StretchCreate(routine="calf", day=D), now=now
    )
    daylog_service.delete_entry(
        session=session, owner=owner, kind=daylog_service.STRETCH, entry_id=gone.id, now=now
    )
    assert owned.purge_deleted(session, older_than=timedelta(hours=1), now=now) == 0
    removed = owned.purge_deleted(
        session, older_than=timedelta(hours=1), now=now + timedelta(hours=2)
    )
    assert removed == 1
    assert [s.id for s in daylog_service.list_stretches(session=session, owner=owner)] == [keep.id]


# ---------------------------------------------------------------------------- medicines


def test_medicine_is_listed_with_its_class(session: Session, owner: Owner, now: datetime) -> None:
    """Adding 'Lasix 40mg' lists it as a loop diuretic, with the ratio and 'talk to your
    prescriber'."""
    daylog_service.add_medicine(
        session=session,
        owner=owner,
        medicine_in=MedicineCreate(name="Lasix 40mg", dose="40 mg", started_on=date(2026, 10, 1)),
        now=now,
    )
    (listed,) = daylog_service.list_medicines(session=session, owner=owner)
    assert listed.taking is True
    (match,) = listed.matches
    assert match.class_key == "loop_diuretic"
    assert match.association is not None and match.association.ratio == 1.20
    assert "prescriber" in match.guidance


def test_medicine_dates_and_duplicates(session: Session, owner: Owner, now: datetime) -> None:
    """Future dates are refused, and the same current medicine cannot be listed twice."""
    with pytest.raises(Invalid, match="future"):
        daylog_service.add_medicine(
            session=session,
            owner=owner,
            medicine_in=MedicineCreate(name="Crestor", started_on=date(2026, 12, 1)),
            now=now,
        )
    daylog_service.add_medicine(
        session=session, owner=owner, medicine_in=MedicineCreate(name="Crestor"), now=now
    )
    with pytest.raises(Conflict, match="already on your list"):
        daylog_service.add_medicine(
            session=session, owner=owner, medicine_in=MedicineCreate(name="  crestor "), now=now
        )


def test_stop_medicine_records_the_last_day(session: Session, owner: Owner, now: datetime) -> None:
    """Stopping sets the last day (today by default); a day before the start is refused."""
    med = daylog_service.add_medicine(
        session=session,
        owner=owner,
        medicine_in=MedicineCreate(name="Advair", started_on=date(2026, 11, 1)),
        now=now,
    )
    with pytest.raises(Invalid, match="before the start"):
        daylog_service.stop_medicine(
            session=session,
            owner=owner,
            medicine_id=med.id,
            stopped_on=date(2026, 10, 1),
            now=now,
        )
    stopped = daylog_service.stop_medicine(
        session=session, owner=owner, medicine_id=med.id, now=now
    )
    assert stopped.stopped_on == date(2026, 11, 24) and stopped.taking is False
    renamed = daylog_service.update_entry(
        kind=daylog_service.MEDICINE,
        session=session,
        owner=owner,
        entry_id=med.id,
        entry_in=MedicineUpdate(name="Symbicort", dose="200/6"),
        now=now,
    )
    assert renamed.matches[0].class_key == "laba_ics"


def test_medicine_starts_finds_new_medicines_in_a_window(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Medicines started inside the window, oldest first; unknown starts are left out."""
    for name, started in [
        ("Lipitor", date(2026, 6, 1)),
        ("spironolactone", date(2026, 10, 20)),
        ("Serevent", date(2026, 11, 5)),
        ("vitamin D", None),
    ]:
        daylog_service.add_medicine(
            session=session,
            owner=owner,
            medicine_in=MedicineCreate(name=name, started_on=started),
            now=now,
        )
    found = daylog_service.medicine_starts(
        session=session, owner=owner, start=date(2026, 10, 1), end=date(2026, 11, 23)
    )
    assert [(m.name, m.matches[0].class_key) for m in found] == [
        ("spironolactone", "potassium_sparing_diuretic"),
        ("Serevent", "laba"),
    ]


def test_medicines_on_a_day(session: Session, owner: Owner, now: datetime) -> None:
    """The day log lists medicines taken that day: started before, not yet stopped."""
    daylog_service.add_medicine(
        session=session,
        owner=owner,
        medicine_in=MedicineCreate(
            name="naproxen", started_on=date(2026, 11, 1), stopped_on=date(2026, 11, 10)
        ),
        now=now,
    )
    daylog_service.add_medicine(
        session=session, owner=owner, medicine_in=MedicineCreate(name="Evista"), now=now
    )
    names = [m.name for m in daylog_service.day_log(session=session, owner=owner, day=D).medicines]
    assert names == ["Evista"]


def test_parse_caffeine() -> None:
    """'coffee 95 mg' and '63mg espresso' are read; a phrase without mg is refused."""
    assert daylog_service.parse_caffeine("coffee 95 mg") == ("coffee", 95.0)
    assert daylog_service.parse_caffeine("63mg espresso") == ("espresso", 63.0)
    assert daylog_service.parse_caffeine("tea 47,5 mg") == ("tea", 47.5)
    with pytest.raises(Invalid, match="coffee 95 mg"):
        daylog_service.parse_caffeine("a big coffee")
    with pytest.raises(Invalid, match="plausible"):
        daylog_service.parse_caffeine("coffee 9500 mg")

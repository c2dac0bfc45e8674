"""`nightcramps demo`'s person: a profile with targets, food on most days, and the same demo
every time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps import demo as demo_module
from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.demo import FOOD_PHRASES, SUPPLEMENT, DemoSummary, fill_demo
from nightcramps.diary import service as diary_service
from nightcramps.foods import service as foods_service
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.schemas import IntakeCreate
from nightcramps.owner import Owner
from tests.factories import TEST_NOW

LAST = date(2026, 11, 23)
"""Last night at TEST_NOW (09:00 on the 24th in London)."""
NIGHTS = 30


@pytest.fixture
def demo(session: Session, owner: Owner) -> Iterator[DemoSummary]:
    """A 30-night demo in the test database, filled at TEST_NOW."""
    with timing.use_clock(timing.ticking_clock(TEST_NOW)):
        summary = fill_demo(session=session, owner=owner, last=LAST, nights=NIGHTS)
        session.commit()
        yield summary


@pytest.mark.parametrize("phrase", FOOD_PHRASES)
def test_every_demo_phrase_resolves(phrase: str) -> None:
    """Each phrase the demo logs is found by the food lookup (a search change that loses one
    fails here, not silently in the demo)."""
    found = foods_service.lookup(phrase)
    assert found.grams > 0


def test_the_demo_supplement_resolves(session: Session, owner: Owner) -> None:
    """The demo's supplement phrase is the built-in citrate tablet: 300 mg of magnesium."""
    intake_in = IntakeCreate(phrase=SUPPLEMENT, at=TEST_NOW - timedelta(hours=1))
    entry = nutrition_service.log_intake(
        session=session, owner=owner, intake_in=intake_in, now=TEST_NOW
    )
    assert entry.kind == "supplement"
    assert float(entry.magnesium_mg or 0) == pytest.approx(300)


@pytest.mark.usefixtures("demo")
def test_the_demo_person_has_a_profile_with_targets(session: Session, owner: Owner) -> None:
    """Birth year, sex and the demo's zone are set, so the tables give every target."""
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    assert (person.birth_year, person.sex, person.timezone) == (1965, "female", "Europe/London")
    targets = nutrition_service.person_targets(session=session, owner=owner, on=LAST)
    assert targets.magnesium_mg == 320 and targets.potassium_mg == 2600
    assert targets.water_ml is not None


def test_most_days_have_food_and_some_do_not(
    demo: DemoSummary, session: Session, owner: Owner
) -> None:
    """80-95% of the demo's days have entries; the rest stay unknown; nothing was refused."""
    assert demo.refused == ()
    first = min(n.night_of for n in diary_service.list_nights(session=session, owner=owner))
    factors = nutrition_service.daily_factors(session=session, owner=owner, start=first, end=LAST)
    known = [day for day, values in factors.items() if values["magnesium_mg"] is not None]
    share = len(known) / len(factors)
    assert 0.75 <= share < 1.0, share
    assert demo.days_with_food == len(known)
    assert demo.food_entries >= 8 * len(known)


@pytest.mark.usefixtures("demo")
def test_logged_food_follows_the_simulated_days(session: Session, owner: Owner) -> None:
    """The entries' fluids come within 100 ml of the imported day values, and magnesium and
    potassium vary from day to day as the simulated ones do."""
    first = LAST - timedelta(days=2 * NIGHTS)
    factors = nutrition_service.daily_factors(session=session, owner=owner, start=first, end=LAST)
    imported = dailyvalues_service.imported_values(
        session=session, owner=owner, start=first, end=LAST
    )
    days = [d for d, v in factors.items() if v["fluid_ml"] is not None]
    for day in days:
        logged, simulated = factors[day]["fluid_ml"], imported[day]["fluid_ml"].value
        assert logged is not None and abs(logged - simulated) <= 100, day
    magnesium = [factors[d]["magnesium_mg"] or 0.0 for d in days]
    potassium = [factors[d]["potassium_mg"] or 0.0 for d in days]
    assert max(magnesium) - min(magnesium) >= 150
    assert max(potassium) - min(potassium) >= 800


@pytest.mark.usefixtures("demo")
def test_the_food_page_of_a_demo_day_shows_targets_and_totals(client: TestClient) -> None:
    """A demo day's Food page has bars against targets and no "set your profile" hint."""
    page = client.get(f"/day/{(LAST - timedelta(days=1)).isoformat()}").text
    assert "No target: set your birth year" not in page
    assert 'data-testid="targets-need-profile"' not in page
    assert " / 320 mg" in page  # magnesium against the RDA of a woman of 61
    assert "<progress" in page
    assert "Close the gap" in page


def test_the_demo_is_the_same_every_time(session: Session, owner: Owner) -> None:
    """Two demos with the same seed log the same nights and the same food."""

    def snapshot() -> tuple[object, ...]:
        nights = diary_service.list_nights(session=session, owner=owner)
        entries = nutrition_service.list_entries(
            session=session, owner=owner, start=LAST - timedelta(days=60), end=LAST
        )
        return (
            [(n.night_of, n.no_cramps, len(n.cramps)) for n in nights],
            [(e.day, e.eaten_at, e.description, e.magnesium_mg) for e in entries],
        )

    with timing.use_clock(timing.ticking_clock(TEST_NOW)):
        first = fill_demo(session=session, owner=owner, last=LAST, nights=NIGHTS)
        taken = snapshot()
        session.rollback()
        second = fill_demo(session=session, owner=owner, last=LAST, nights=NIGHTS)
    assert first == second
    assert snapshot() == taken


@pytest.mark.usefixtures("demo")
def test_demo_entries_are_what_their_phrases_log(session: Session, owner: Owner) -> None:
    """Each demo entry (logged by the food its phrase resolved to) holds the same food, amount
    and minerals as `eat`/`drink` logging its description as a phrase."""
    entries = nutrition_service.list_entries(
        session=session, owner=owner, start=LAST - timedelta(days=2 * NIGHTS), end=LAST
    )
    firsts = {e.description: e for e in reversed(entries) if e.kind != "supplement"}
    assert len(firsts) >= 30
    for description, entry in firsts.items():
        again = nutrition_service.log_intake(
            session=session,
            owner=owner,
            intake_in=IntakeCreate(phrase=description, kind=entry.kind, at=entry.eaten_at),
        )
        got = (again.food_name, again.grams, again.volume_ml, again.magnesium_mg, again.kind)
        assert got == (
            entry.food_name,
            entry.grams,
            entry.volume_ml,
            entry.magnesium_mg,
            entry.kind,
        ), description


def test_a_refused_phrase_is_named_not_fatal(
    session: Session,
    owner: Owner,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A phrase the lookup refuses is left out with a warning and named in the summary; the
    rest of the day is still logged."""
    monkeypatch.setattr(demo_module, "BREAKFASTS", (("1 cup of unobtainium", "1 medium banana"),))
    with timing.use_clock(timing.ticking_clock(TEST_NOW)):
        summary = fill_demo(session=session, owner=owner, last=LAST, nights=10)
    assert summary.refused == ("1 cup of unobtainium",)
    assert summary.days_with_food > 0
    assert "could not log '1 cup of unobtainium'" in caplog.text
    entries = nutrition_service.list_entries(
        session=session, owner=owner, start=LAST - timedelta(days=20), end=LAST
    )
    descriptions = {e.description for e in entries}
    assert "1 medium banana" in descriptions and "1 cup of unobtainium" not in descriptions

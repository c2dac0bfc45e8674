"""The cautions beside the remedies, for the person shown them (guidance/caveats.py), and the
cramp-now screen that shows them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.conditions import Conditions
from nightcramps.content.citations import CITATIONS
from nightcramps.guidance import caveats
from nightcramps.owner import Owner

UNKNOWN = Conditions.unknown()


def _keys(person: Conditions, topic: caveats.Topic | None = None) -> list[str]:
    return [c.key for c in caveats.caveats_for(person, topic)]


def test_nothing_known_adds_nothing() -> None:
    """With no profile the general cautions (always shown) are all there is."""
    assert caveats.caveats_for(UNKNOWN) == []


def test_pregnant_at_24_weeks_is_told_first_and_by_name() -> None:
    """At week 24 the NSAID caution says so and comes first; heat in pregnancy follows."""
    person = replace(UNKNOWN, pregnant=True, pregnancy_week=24, sex="female")
    found = caveats.caveats_for(person)
    assert [c.key for c in found] == ["nsaid_pregnancy", "heat_pregnancy"]
    assert found[0].text.startswith("You are 24 weeks pregnant")
    assert "ibuprofen" in found[0].text and "Paracetamol" in found[0].text


def test_before_20_weeks_the_nsaid_caution_waits() -> None:
    """At week 12 only the heat caution applies; an unknown week counts as possibly past 20."""
    assert _keys(replace(UNKNOWN, pregnant=True, pregnancy_week=12)) == ["heat_pregnancy"]
    assert _keys(replace(UNKNOWN, pregnant=True), "painkillers") == ["nsaid_pregnancy"]


def test_each_condition_brings_its_own_caution() -> None:
    """Kidney disease, heart failure, 65 or over, naproxen and diabetes each add theirs."""
    person = replace(
        UNKNOWN,
        kidney_disease="stage_3",
        heart_failure=True,
        age=70,
        diabetes=True,
        medicine_classes=frozenset({"naproxen"}),
    )
    assert _keys(person) == [
        "nsaid_kidney",
        "nsaid_heart_failure",
        "nsaid_older_age",
        "naproxen_listed",
        "heat_diabetes",
        "falls_older_age",
    ]
    assert _keys(person, "walking") == ["falls_older_age"]
    assert "You are 70" in caveats.caveats_for(person, "walking")[0].text


def test_answers_of_no_add_nothing() -> None:
    """'No' to every question, and an age under 65, add no caution."""
    person = replace(
        UNKNOWN, kidney_disease="no", heart_failure=False, diabetes=False, age=40, sex="male"
    )
    assert caveats.caveats_for(person) == []


def test_every_caution_cites_known_sources() -> None:
    """Each caution and the screen's general cautions cite entries of the one source list."""
    person = replace(
        UNKNOWN,
        pregnant=True,
        kidney_disease="dialysis",
        heart_failure=True,
        age=80,
        diabetes=True,
        medicine_classes=frozenset({"naproxen"}),
    )
    for caveat in caveats.caveats_for(person):
        assert caveat.citations and set(caveat.citations) <= set(CITATIONS), caveat.key
        assert caveat.citation
    assert "J Am Geriatr Soc 2023" in caveats.CAUTION_SOURCES


def test_the_cramp_now_screen_says_the_general_cautions(client: TestClient) -> None:
    """/now: get up slowly before walking, warm not hot, and the limits of NSAIDs, cited."""
    page = client.get("/now").text
    assert "sit on the edge of the bed first, put a light on, get up slowly" in page
    assert "hold on to something steady" in page
    assert "Warm, not hot" in page and "test the water with your hand first" in page
    assert "not from about 20 weeks of pregnancy" in page
    assert "Naproxen is itself one of the medicines linked with cramps" in page
    assert "paracetamol is the usual first choice" in page
    assert 'data-for-you="/now/for-you"' in page
    assert "FDA Drug Safety Communication 2020" in page


def test_cramp_now_names_the_pregnancy_caution_for_a_pregnant_profile(
    client: TestClient, session: Session, owner: Owner, now: datetime
) -> None:
    """A profile pregnant at week 24: the screen's own cautions start with the NSAID one."""
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    profile_in = ProfileUpdate(sex="female", pregnant=True, pregnancy_week=24)
    accounts_service.update_profile(session=session, person=person, profile_in=profile_in, now=now)
    session.commit()
    fragment = client.get("/now/for-you").text
    assert "For you" in fragment
    first = fragment.index("You are 24 weeks pregnant")
    assert first < fragment.index("keep the bath or shower warm, not hot")
    assert "FDA Drug Safety Communication 2020" in fragment
    painkillers = client.get("/now/for-you?topic=painkillers").text
    assert "24 weeks pregnant" in painkillers and "hot tubs" not in painkillers


def test_the_fragment_is_empty_without_a_profile(client: TestClient) -> None:
    """Nothing known: the fragment adds nothing to the screen."""
    assert "For you" not in client.get("/now/for-you").text


def test_the_painkiller_entry_carries_the_nsaid_cautions() -> None:
    """The knowledge base's painkiller entry names the NSAID limits and cites them."""
    from nightcramps.guidance.knowledge import BY_SLUG

    entry = BY_SLUG["painkillers"]
    for words in ("20 weeks of pregnancy", "kidney disease", "heart failure", "blood", "65"):
        assert words in entry.advice, words
    assert "Naproxen is itself" in entry.advice
    assert {"fda2020_nsaids", "beers2023", "kdigo2024"} <= set(entry.citations)
    assert "get up slowly" in BY_SLUG["walking"].advice
    assert "warm, not hot" in BY_SLUG["heat"].advice

"""The health conditions of the profile: stored, read back, asked once, through the service,
the JSON API, the profile page and the CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.models import Person
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import MedicineCreate
from nightcramps.errors import Invalid
from nightcramps.owner import Owner

API = "/api/v1/profile"
ASK = "These change the advice you get; skip any you prefer not to answer"
Cli = Callable[..., Any]


def _person(session: Session, owner: Owner) -> Person:
    session.expire_all()
    return accounts_service.get_person(session=session, person_id=owner.person_id)


def _update(session: Session, owner: Owner, now: datetime, **values: Any) -> Person:
    person = _person(session, owner)
    accounts_service.update_profile(
        session=session, person=person, profile_in=ProfileUpdate(**values), now=now
    )
    session.commit()
    return person


def _medicine(session: Session, owner: Owner, now: datetime, name: str, **dates: Any) -> None:
    medicine_in = MedicineCreate(name=name, **dates)
    daylog_service.add_medicine(session=session, owner=owner, medicine_in=medicine_in, now=now)
    session.commit()


# ---------------------------------------------------------------------------- the service


def test_a_new_person_has_answered_nothing(session: Session, owner: Owner, now: datetime) -> None:
    """Every condition starts not answered (None), never "no", and not reviewed."""
    found = accounts_service.conditions_for(session=session, owner=owner, now=now)
    assert (found.kidney_disease, found.diabetes, found.heart_failure) == (None, None, None)
    assert found.has_kidney_disease is None and not found.answered
    assert found.medicine_classes == frozenset() and found.age is None


def test_answers_are_stored_and_read_back(session: Session, owner: Owner, now: datetime) -> None:
    """Kidney stage, yes/no answers, a fluid limit and age reach ``Conditions``; answering
    records the review time."""
    _update(
        session,
        owner,
        now,
        birth_year=1950,
        sex="female",
        kidney_disease="stage_3",
        liver_disease=False,
        diabetes=True,
        heart_failure=True,
        fluid_limit_ml=1500,
    )
    found = accounts_service.conditions_for(session=session, owner=owner, now=now)
    assert found.kidney_disease == "stage_3" and found.has_kidney_disease
    assert (found.liver_disease, found.diabetes, found.thyroid_disease) == (False, True, None)
    assert found.heart_failure and found.fluid_limit_ml == 1500
    assert found.age == 76 and found.sex == "female" and found.answered
    assert found.raises_potassium
    assert _person(session, owner).conditions_reviewed_at == now


def test_only_current_medicines_count(session: Session, owner: Owner, now: datetime) -> None:
    """Spironolactone taken now counts; ramipril stopped last month and a loop diuretic not
    started yet (a start date in the future is refused anyway) do not."""
    _medicine(session, owner, now, "spironolactone 25 mg", started_on=date(2026, 10, 1))
    _medicine(
        session,
        owner,
        now,
        "ramipril 5 mg",
        started_on=date(2026, 9, 1),
        stopped_on=date(2026, 10, 20),
    )
    found = accounts_service.conditions_for(session=session, owner=owner, now=now)
    assert "potassium_sparing_diuretic" in found.medicine_classes
    assert "ace_inhibitor" not in found.medicine_classes
    assert found.on_diuretic and found.raises_potassium


def test_the_pregnancy_week_moves_on_and_goes_stale(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Week 24 given today is week 25 in a week; past week 43 it is stale and unused."""
    _update(session, owner, now, sex="female", pregnant=True, pregnancy_week=24)
    assert _person(session, owner).pregnancy_started_on == date(2026, 6, 9)
    later = now + timedelta(weeks=1)
    assert (
        accounts_service.conditions_for(session=session, owner=owner, now=later).pregnancy_week
        == 25
    )
    stale = now + timedelta(weeks=20)
    assert (
        accounts_service.conditions_for(session=session, owner=owner, now=stale).pregnancy_week
        is None
    )
    shown = accounts_service.to_profile_public(_person(session, owner), today_year=2027, now=stale)
    assert shown.pregnancy_week is None and shown.pregnancy_week_stale


def test_the_week_sent_back_keeps_its_date(session: Session, owner: Owner, now: datetime) -> None:
    """Sending the week shown (24, three days on) keeps the stored date; 25 moves it."""
    _update(session, owner, now, sex="female", pregnant=True, pregnancy_week=24)
    started = _person(session, owner).pregnancy_started_on
    _update(session, owner, now + timedelta(days=3), pregnancy_week=24)
    assert _person(session, owner).pregnancy_started_on == started
    _update(session, owner, now + timedelta(days=3), pregnancy_week=25)
    assert _person(session, owner).pregnancy_started_on == date(2026, 6, 5)


def test_a_pregnancy_that_ends_forgets_its_week(
    session: Session, owner: Owner, now: datetime
) -> None:
    """Unticking pregnant clears the stored date; a week without pregnant is refused."""
    _update(session, owner, now, sex="female", pregnant=True, pregnancy_week=10)
    _update(session, owner, now, pregnant=False)
    assert _person(session, owner).pregnancy_started_on is None
    with pytest.raises(Invalid) as refused:
        _update(session, owner, now, pregnancy_week=10)
    assert "pregnant" in refused.value.message
    assert set(refused.value.fields) == {"pregnancy_week"}


def test_unchanged_answers_record_no_review(session: Session, owner: Owner, now: datetime) -> None:
    """Answers sent as they are stored (a GET body sent back) change nothing; the page's
    form, sent with its questions, records the review even when all are "not answered"."""
    _update(session, owner, now, display_name="Ann", diabetes=None, kidney_disease=None)
    assert _person(session, owner).conditions_reviewed_at is None
    person = _person(session, owner)
    accounts_service.update_profile(
        session=session,
        person=person,
        profile_in=ProfileUpdate(diabetes=None),
        conditions_reviewed=True,
        now=now,
    )
    assert person.conditions_reviewed_at == now


# ---------------------------------------------------------------------------- the API


def test_the_api_round_trips_the_answers(client: TestClient) -> None:
    """PATCH the answers, GET them back, send the body back unchanged: the same body."""
    sent = {
        "sex": "female",
        "kidney_disease": "dialysis",
        "heart_failure": True,
        "diabetes": False,
        "fluid_limit_ml": 1200,
        "pregnant": True,
        "pregnancy_week": 22,
    }
    answer = client.patch(API, json=sent)
    assert answer.status_code == 200, answer.text
    shown = client.get(API).json()
    assert {k: shown[k] for k in sent} == sent
    assert shown["liver_disease"] is None and shown["pregnancy_week_stale"] is False
    assert shown["conditions_reviewed_at"] is not None
    again = client.patch(API, json=shown)
    assert again.status_code == 200, again.text
    assert client.get(API).json() == shown


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"fluid_limit_ml": 100}, "fluid_limit_ml", "500"),
        ({"fluid_limit_ml": 9000}, "fluid_limit_ml", "up to 3,000"),
        ({"fluid_limit_ml": 1500.5}, "fluid_limit_ml", "whole number"),
        ({"kidney_disease": "stage_9"}, "kidney_disease", "dialysis"),
        ({"diabetes": "maybe"}, "diabetes", ""),
        ({"pregnancy_week": 50}, "pregnancy_week", "up to 42"),
        ({"pregnancy_week": 20}, "pregnancy_week", "pregnant"),
    ],
)
def test_bad_answers_are_refused_with_a_message(
    client: TestClient, body: dict[str, Any], field: str, words: str
) -> None:
    """Out-of-range limits, unknown stages, weeks without a pregnancy: 422 naming the field."""
    answer = client.patch(API, json=body)
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert field in problem["fields"]
    assert words in problem["detail"] + " ".join(problem["fields"].values())
    assert client.get(API).json()["conditions_reviewed_at"] is None


# ---------------------------------------------------------------------------- the pages


def _csrf(client: TestClient, path: str = "/profile") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match
    return match.group(1)


def _form(client: TestClient, **values: str) -> Any:
    data = {"csrf_token": _csrf(client), "timezone": "Europe/London", **values}
    return client.post("/profile", data=data, follow_redirects=False)


def test_the_pages_ask_once_until_answered(client: TestClient) -> None:
    """The profile and the food pages ask for the health questions until the form is saved,
    even with every answer left "not answered"; then they stop."""
    for path in ("/profile", "/day", "/my-foods"):
        assert ASK in client.get(path).text, path
    assert 'href="/profile#health"' in client.get("/day").text
    saved = _form(client, kidney_disease="", diabetes="")
    assert saved.status_code == 303, saved.text
    for path in ("/profile", "/day", "/my-foods"):
        assert ASK not in client.get(path).text, path
    assert client.get(API).json()["diabetes"] is None


def test_the_profile_form_saves_and_shows_the_answers(client: TestClient) -> None:
    """Stage 3, diabetes yes, a limit of 1500 ml: saved, and ticked again on the page."""
    saved = _form(
        client, kidney_disease="stage_3", diabetes="yes", heart_failure="no", fluid_limit_ml="1500"
    )
    assert saved.status_code == 303, saved.text
    shown = client.get(API).json()
    assert (shown["kidney_disease"], shown["diabetes"], shown["heart_failure"]) == (
        "stage_3",
        True,
        False,
    )
    assert shown["fluid_limit_ml"] == 1500
    page = client.get("/profile").text
    assert re.search(r'value="stage_3"\s+checked', page)
    assert re.search(r'name="diabetes" value="yes"\s+checked', page)
    assert 'value="1500"' in page


def test_a_bad_fluid_limit_is_said_on_the_page(client: TestClient) -> None:
    """100 ml: 422, said beside the field in the page's words; nothing is stored."""
    answer = _form(client, fluid_limit_ml="100", diabetes="yes")
    assert answer.status_code == 422
    assert 'id="fluid_limit_ml-error"' in answer.text
    assert "Daily fluid limit: give the limit your doctor set in ml a day, from 500 to 3,000" in (
        answer.text
    )
    assert "Input should" not in answer.text
    assert client.get(API).json()["diabetes"] is None


def test_a_week_without_pregnancy_is_said_on_the_page(client: TestClient) -> None:
    """A pregnancy week typed with pregnant unticked: 422, said beside the week. Unticking a
    pregnancy on the page, its week still shown, ends it with its week."""
    answer = _form(client, sex="female", pregnancy_week="20")
    assert answer.status_code == 422
    assert "Pregnancy week: tick pregnant as well, or leave the week empty." in answer.text
    assert _form(client, sex="female", pregnant="on", pregnancy_week="20").status_code == 303
    assert client.get(API).json()["pregnancy_week"] == 20
    assert _form(client, sex="female", pregnancy_week="20").status_code == 303
    shown = client.get(API).json()
    assert (shown["pregnant"], shown["pregnancy_week"]) == (False, None)


# ---------------------------------------------------------------------------- the CLI


def test_the_cli_sets_and_shows_the_answers(cli: Cli) -> None:
    """`profile set --kidney-disease stage_4 --liver-disease no --fluid-limit-ml 1500 --json`."""
    result = cli(
        "profile",
        "set",
        "--sex",
        "female",
        "--kidney-disease",
        "stage_4",
        "--liver-disease",
        "no",
        "--heart-failure",
        "yes",
        "--fluid-limit-ml",
        "1500",
        "--pregnant",
        "--pregnancy-week",
        "30",
        "--json",
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert (shown["kidney_disease"], shown["liver_disease"], shown["heart_failure"]) == (
        "stage_4",
        False,
        True,
    )
    assert (shown["fluid_limit_ml"], shown["pregnancy_week"]) == (1500, 30)
    assert shown["conditions_reviewed_at"] is not None
    cleared = cli("profile", "set", "--fluid-limit-ml", "none", "--liver-disease", "unknown")
    assert cleared.exit_code == 0, cleared.output
    shown = json.loads(cli("profile", "show", "--json").output)
    assert shown["fluid_limit_ml"] is None and shown["liver_disease"] is None


def test_the_cli_records_a_review_without_changes(cli: Cli) -> None:
    """`--conditions-reviewed` alone marks the answers reviewed, so the pages stop asking."""
    assert json.loads(cli("profile", "show", "--json").output)["conditions_reviewed_at"] is None
    assert cli("profile", "set", "--conditions-reviewed").exit_code == 0
    assert json.loads(cli("profile", "show", "--json").output)["conditions_reviewed_at"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--fluid-limit-ml", "lots"), "--fluid-limit-ml takes a whole number from 500 to 3,000"),
        (("--fluid-limit-ml", "100"), "fluid_limit_ml"),
        (("--kidney-disease", "stage_9"), "stage_9"),
        (("--diabetes", "maybe"), "maybe"),
        (("--pregnancy-week", "20"), "pregnant"),
    ],
)
def test_the_cli_refuses_bad_answers(cli: Cli, args: tuple[str, ...], words: str) -> None:
    """Bad numbers and choices exit non-zero saying what is wrong; nothing is stored."""
    result = cli("profile", "set", *args)
    assert result.exit_code in (1, 2), result.output
    assert words in result.output
    assert json.loads(cli("profile", "show", "--json").output)["conditions_reviewed_at"] is None

"""A person's time zone: the list offered, the first-visit notice, the browser's zone standing in
until confirmed, the profile, the API, sign-up and the CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.accounts import zones
from nightcramps.accounts.models import Person
from nightcramps.cli.main import app as cli_app
from nightcramps.config import Settings
from nightcramps.owner import Owner
from nightcramps.web.app import create_app
from tests.factories import TEST_NOW, make_cramp

NOT_OFFERED = [
    "US/Pacific",
    "US/Eastern",
    "Asia/Calcutta",
    "Europe/Kiev",
    "GB",
    "Factory",
    "localtime",
    "posixrules",
    "Etc/UTC",
    "Etc/GMT+5",
    "GMT",
    "EST5EDT",
]


def _csrf(client: TestClient, path: str = "/profile") -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match
    return match.group(1)


def _local(session: Session) -> Person:
    session.expire_all()
    person = accounts_service.find_local_person(session=session)
    assert person is not None
    return person


def _offered(html: str) -> list[str]:
    datalist = html.split('<datalist id="timezone-options">', 1)[1].split("</datalist>", 1)[0]
    return re.findall(r'<option value="([^"]+)"', datalist)


# ---------------------------------------------------------------------------- the list


def test_the_list_offers_places_not_aliases() -> None:
    """The offered names are IANA places plus UTC; old names, offsets and non-zones are left out."""
    offered = set(zones.zone_choices())
    assert {"America/Los_Angeles", "Europe/London", "Europe/Oslo", "Asia/Kolkata", "UTC"} <= offered
    assert {"Europe/Kyiv", "America/Argentina/Buenos_Aires"} <= offered
    assert offered.isdisjoint(NOT_OFFERED)
    assert all(name == "UTC" or "/" in name for name in offered)
    assert not any(name.startswith(("Etc/", "US/", "posix/", "right/")) for name in offered)


def test_the_first_name_goes_first() -> None:
    """zone_choices puts the given zone at the top and keeps the rest sorted."""
    names = zones.zone_choices("Europe/London")
    assert names[0] == "Europe/London"
    assert names[1:] == sorted(names[1:])
    assert names.count("Europe/London") == 1


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("America/Los_Angeles", "America/Los_Angeles"),
        ("US/Pacific", "America/Los_Angeles"),
        ("america/los angeles", "America/Los_Angeles"),
        ("  Los Angeles ", "America/Los_Angeles"),
        ("london", "Europe/London"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("GB", "Europe/London"),
        ("Etc/UTC", "UTC"),
        ("Zulu", "UTC"),
        ("GMT", "UTC"),
        ("Etc/GMT+5", "Etc/GMT+5"),
    ],
)
def test_names_read_as_the_zone_stored(typed: str, stored: str) -> None:
    """Old names, case, spaces and a lone city lead to the listed zone; other real zones stay."""
    assert zones.canonical_zone(typed) == stored


@pytest.mark.parametrize(
    "typed", ["", "   ", "Mars/Olympus", "Factory", "localtime", "posixrules", "../etc", "x" * 80]
)
def test_what_is_not_a_zone_is_refused(typed: str) -> None:
    """Unknown names and files that are not anyone's zone give None."""
    assert zones.canonical_zone(typed) is None


# ---------------------------------------------------------------------------- first visit


def test_a_new_person_is_asked_to_confirm_on_any_first_page(client: TestClient) -> None:
    """The first page a new person opens (here the diary) names the zone in use and asks."""
    page = client.get("/diary")
    assert page.status_code == 200
    assert 'id="tz-notice"' in page.text
    assert "Your time zone: <span data-tz-current>Europe/London</span>" in page.text
    assert "Times and nights use it." in page.text
    assert 'action="/timezone/confirm"' in page.text
    assert 'href="/profile#timezone"' in page.text
    assert '<script src="/static/timezone.js" defer></script>' in page.text
    assert client.get("/static/timezone.js").status_code == 200


def test_the_browsers_zone_stands_in_until_confirmed(client: TestClient, session: Session) -> None:
    """For a person this browser made, the browser's zone is used at once but stays unconfirmed."""
    token = _csrf(client, "/")
    answer = client.post(
        "/timezone/browser", json={"timezone": "US/Pacific"}, headers={"X-CSRF-Token": token}
    )
    assert answer.status_code == 200
    assert answer.json() == {
        "timezone": "America/Los_Angeles",
        "browser": "America/Los_Angeles",
        "changed": True,
        "confirmed": False,
    }
    person = _local(session)
    assert (person.timezone, person.timezone_confirmed_at) == ("America/Los_Angeles", None)
    assert "Your time zone: <span data-tz-current>America/Los_Angeles" in client.get("/").text


def test_the_browsers_zone_answer_never_resets_the_session_cookie(client: TestClient) -> None:
    """The script's request runs while the person clicks: its answer carries no session cookie,
    so it cannot put back a session without the flash message a click just stored."""
    token = _csrf(client, "/")
    for zone in ("Europe/Oslo", "Europe/London"):  # unconfirmed, then once confirmed
        answer = client.post(
            "/timezone/browser", json={"timezone": zone}, headers={"X-CSRF-Token": token}
        )
        assert answer.status_code == 200
        assert "nightcramps_session" not in answer.headers.get("set-cookie", "")
        client.post("/timezone/confirm", data={"csrf_token": token, "timezone": "Europe/London"})


def test_a_cramp_logged_before_confirming_uses_the_browsers_zone(
    client: TestClient, session: Session
) -> None:
    """11:27 in Los Angeles (19:27 UTC) is on the night before, once the browser's zone is in."""
    token = _csrf(client, "/")
    client.post(
        "/timezone/browser",
        json={"timezone": "America/Los_Angeles"},
        headers={"X-CSRF-Token": token},
    )
    cramp = {"at": "2026-11-17T19:27:00Z", "muscle": "calf", "side": "right", "severity_0_10": 6}
    logged = client.post("/api/v1/cramps", json=cramp)
    assert logged.status_code == 201, logged.text
    assert logged.json()["night_of"] == "2026-11-16"
    assert _local(session).timezone_confirmed_at is None


@pytest.mark.usefixtures("owner")
def test_a_person_made_elsewhere_is_only_offered_the_browsers_zone(
    client: TestClient, session: Session
) -> None:
    """Someone who existed before this browser (e.g. made by the CLI) keeps their zone."""
    token = _csrf(client, "/")
    answer = client.post(
        "/timezone/browser", json={"timezone": "Asia/Calcutta"}, headers={"X-CSRF-Token": token}
    ).json()
    assert answer == {
        "timezone": "Europe/London",
        "browser": "Asia/Kolkata",
        "changed": False,
        "confirmed": False,
    }
    assert _local(session).timezone == "Europe/London"


def test_an_unknown_browser_zone_changes_nothing(client: TestClient, session: Session) -> None:
    """A name that is not a zone is not taken, and the answer says so with null."""
    token = _csrf(client, "/")
    for body in ({"timezone": "Mars/Olympus"}, {"timezone": 5}, ["x"]):
        answer = client.post("/timezone/browser", json=body, headers={"X-CSRF-Token": token})
        assert answer.status_code == 200
        assert answer.json()["browser"] is None
        assert answer.json()["changed"] is False
    assert _local(session).timezone == "Europe/London"


def test_the_browser_zone_needs_the_csrf_token(client: TestClient, session: Session) -> None:
    """Another site cannot set the zone: without this session's token the post is refused."""
    client.get("/")
    answer = client.post("/timezone/browser", json={"timezone": "America/Los_Angeles"})
    assert answer.status_code == 403
    assert _local(session).timezone == "Europe/London"


def test_confirming_ends_the_notice_and_keeps_the_page(
    client: TestClient, session: Session
) -> None:
    """'Use …' records the confirmation, says so, returns to the page and the notice is gone."""
    token = _csrf(client, "/diary")
    answer = client.post(
        "/timezone/confirm",
        data={"csrf_token": token, "timezone": "Europe/London", "next": "/diary?month=2026-11"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/diary?month=2026-11"
    person = _local(session)
    assert person.timezone == "Europe/London"
    confirmed = person.timezone_confirmed_at
    assert confirmed is not None and abs((confirmed - TEST_NOW).total_seconds()) < 60
    page = client.get("/diary").text
    assert "Time zone confirmed: Europe/London." in page
    assert 'id="tz-notice"' not in page
    # Once confirmed, the browser's zone no longer replaces it.
    moved = client.post(
        "/timezone/browser",
        json={"timezone": "America/Los_Angeles"},
        headers={"X-CSRF-Token": token},
    ).json()
    assert (moved["timezone"], moved["changed"], moved["confirmed"]) == (
        "Europe/London",
        False,
        True,
    )


@pytest.mark.usefixtures("owner")
def test_confirming_the_browsers_zone_explains_the_change(
    client: TestClient, session: Session
) -> None:
    """Choosing the browser's zone in the notice says what happens to what is logged."""
    token = _csrf(client, "/")
    page = client.post(
        "/timezone/confirm",
        data={"csrf_token": token, "timezone": "Asia/Calcutta", "next": "/"},
    ).text
    assert "Time zone confirmed: Asia/Kolkata." in page
    assert "Nights and days already logged keep their dates." in page
    assert _local(session).timezone == "Asia/Kolkata"


def test_confirming_a_zone_that_is_not_one_is_refused(client: TestClient, session: Session) -> None:
    """A tampered 'Use' form does not store anything and says how to choose a zone."""
    token = _csrf(client, "/")
    page = client.post(
        "/timezone/confirm", data={"csrf_token": token, "timezone": "Mars/Olympus"}
    ).text
    assert "Time zone: “Mars/Olympus” is not a time zone we know." in page
    person = _local(session)
    assert (person.timezone, person.timezone_confirmed_at) == ("Europe/London", None)


def test_the_notice_never_sends_a_post_only_path_back(client: TestClient) -> None:
    """After a form re-rendered by a POST, 'Use …' returns to the check-in page, not that POST."""
    token = _csrf(client, "/cramps/new")
    page = client.post("/cramps", data={"csrf_token": token, "night_of": "2026-11-23"})
    assert page.status_code == 422
    assert 'name="next" value="/"' in page.text


# ---------------------------------------------------------------------------- the profile


def test_the_profile_offers_a_searchable_list_without_aliases(client: TestClient) -> None:
    """The zone field is a text input tied to a datalist of places, old names matched in data."""
    html = client.get("/profile").text
    assert '<input type="text" id="timezone" name="timezone" list="timezone-options"' in html
    assert "<select" not in html
    offered = _offered(html)
    assert "America/Los_Angeles" in offered and "UTC" in offered
    assert set(offered).isdisjoint(NOT_OFFERED)
    assert len(offered) == len(set(offered)) == len(zones.zone_choices())
    assert 'value="Asia/Kolkata" label="Kolkata" data-aliases="Asia/Calcutta"' in html
    assert "keep their dates" in html


def test_an_unknown_zone_is_refused_in_the_pages_words(
    client: TestClient, session: Session
) -> None:
    """Typing a zone that is not one answers 422 beside the field, with its label and the fix."""
    token = _csrf(client)
    page = client.post(
        "/profile", data={"csrf_token": token, "timezone": "Mars/Olympus", "birth_year": "1960"}
    )
    assert page.status_code == 422
    error = re.search(r'<p class="field-error" id="timezone-error">([^<]*)</p>', page.text)
    assert error is not None
    assert error.group(1) == (
        "Time zone: “Mars/Olympus” is not a time zone we know. Type your city or region, for "
        "example London or Los Angeles, and choose it from the list."
    )
    field = re.search(r'<input type="text" id="timezone"[^>]*>', page.text)
    assert field is not None
    assert 'value="Mars/Olympus"' in field.group(0)
    assert 'aria-invalid="true"' in field.group(0)
    assert re.search(r'aria-describedby="[^"]*\btimezone-error\b', field.group(0))
    person = _local(session)
    assert (person.timezone, person.birth_year, person.timezone_confirmed_at) == (
        "Europe/London",
        None,
        None,
    )


def test_changing_the_zone_says_what_happens_and_it_is_true(
    client: TestClient, session: Session, owner: Owner
) -> None:
    """Nights keep their dates and times move to the new clock, as the page then says."""
    cramp = make_cramp(session, owner)  # 03:10 London on the 24th: the night of the 23rd
    session.commit()
    token = _csrf(client)
    page = client.post("/profile", data={"csrf_token": token, "timezone": "Los Angeles"}).text
    assert "Profile saved." in page
    assert "Your time zone is now America/Los_Angeles (it was Europe/London)." in page
    assert "Nights and days already logged keep their dates." in page
    assert "Times already logged are shown on the America/Los_Angeles clock" in page
    assert "a cramp at 03:10 Europe/London time now reads 19:10, still on the same night" in page
    person = _local(session)
    assert person.timezone == "America/Los_Angeles"
    assert person.timezone_confirmed_at is not None
    night = client.get("/api/v1/nights/2026-11-23").json()
    assert night["cramps"][0]["id"] == cramp.id
    assert night["cramps"][0]["started_at"] == "2026-11-24T03:10:00Z"
    assert "19:10" in client.get("/diary/2026-11-23").text


def test_saving_the_profile_unchanged_confirms_without_a_note(
    client: TestClient, session: Session
) -> None:
    """Saving the zone shown confirms it; nothing changed, so no change note."""
    token = _csrf(client)
    page = client.post("/profile", data={"csrf_token": token, "timezone": "Europe/London"}).text
    assert "Profile saved." in page
    assert "Your time zone is now" not in page
    assert 'id="tz-notice"' not in page
    assert _local(session).timezone_confirmed_at is not None


# ---------------------------------------------------------------------------- the API


def test_the_api_stores_the_place_and_refuses_non_zones(
    client: TestClient, session: Session
) -> None:
    """PATCH /profile stores an old name as its place and confirms it; 'Factory' is a 422."""
    answer = client.patch("/api/v1/profile", json={"timezone": "Asia/Calcutta"})
    assert answer.status_code == 200
    assert answer.json()["timezone"] == "Asia/Kolkata"
    assert _local(session).timezone_confirmed_at is not None
    refused = client.patch("/api/v1/profile", json={"timezone": "Factory"})
    assert refused.status_code == 422
    assert "unknown time zone 'Factory'" in json.dumps(refused.json())
    assert _local(session).timezone == "Asia/Kolkata"


def test_other_profile_changes_do_not_confirm_the_zone(
    client: TestClient, session: Session
) -> None:
    """A PATCH without the zone leaves it unconfirmed, so the pages still ask."""
    assert client.patch("/api/v1/profile", json={"birth_year": 1960}).status_code == 200
    assert _local(session).timezone_confirmed_at is None


# ---------------------------------------------------------------------------- the CLI


@pytest.mark.parametrize(
    ("tz", "stored"),
    [
        ("America/Los_Angeles", "America/Los_Angeles"),
        (":Asia/Calcutta", "Asia/Kolkata"),
        ("Etc/UTC", "UTC"),
    ],
)
def test_the_cli_gives_a_new_person_the_systems_zone(
    settings: Settings, session: Session, tz: str, stored: str
) -> None:
    """With no zone setting, the CLI's first use takes the computer's (TZ), unconfirmed."""
    env = {
        "NIGHTCRAMPS_DEFAULT_TIMEZONE": None,
        "NIGHTCRAMPS_DEMO_DATABASE_URL": settings.demo_database_url,
        "TZ": tz,
    }
    with timing.use_clock(timing.ticking_clock(TEST_NOW)):
        result = CliRunner().invoke(
            cli_app,
            ["--database-url", settings.database_url, "profile", "show", "--json"],
            env=env,
        )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["timezone"] == stored
    person = _local(session)
    assert (person.timezone, person.timezone_confirmed_at) == (stored, None)


def test_the_cli_sets_and_confirms_a_zone(cli: Callable[..., Any], session: Session) -> None:
    """`profile set --timezone` stores the place and counts as the person's choice."""
    result = cli("profile", "set", "--timezone", "US/Eastern", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["timezone"] == "America/New_York"
    assert _local(session).timezone_confirmed_at is not None
    bad = cli("profile", "set", "--timezone", "posixrules")
    assert bad.exit_code != 0
    assert "unknown time zone 'posixrules'" in bad.output


def test_a_new_local_person_from_a_server_zone_alias_gets_the_place(session: Session) -> None:
    """A computer set to Etc/UTC or US/Pacific gives the new person UTC or America/Los_Angeles."""
    person = accounts_service.get_local_person(session=session, timezone="US/Pacific")
    assert (person.timezone, person.timezone_confirmed_at) == ("America/Los_Angeles", None)


# ---------------------------------------------------------------------------- sign-up


SECRET = "s" * 40


@pytest.fixture
def accounts_client(settings: Settings) -> Iterator[TestClient]:
    data = {**settings.model_dump(), "accounts": True, "secret_key": SECRET}
    accounts = Settings.model_validate({**data, "secure_cookies": False})
    app = create_app(accounts, migrate=False, clock=timing.ticking_clock(TEST_NOW))
    with TestClient(app) as client:
        yield client


def _sign_up(client: TestClient, zone: str | None) -> str:
    token = _csrf(client, "/signup")
    data = {"email": "ann@example.org", "password": "correct horse battery", "csrf_token": token}
    if zone is not None:
        data["timezone"] = zone
    page = client.post("/signup", data=data)
    assert page.status_code == 200, page.text
    return page.text


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("America/Los_Angeles", "America/Los_Angeles"),
        (None, "Europe/London"),
        ("Nope", "Europe/London"),
    ],
)
def test_sign_up_takes_the_browsers_zone_as_a_guess(
    accounts_client: TestClient, session: Session, sent: str | None, stored: str
) -> None:
    """Sign-up stores the hidden field's zone (or the server's), and the first page asks."""
    form = accounts_client.get("/signup").text
    assert '<input type="hidden" name="timezone" value="" data-tz-browser-value>' in form
    assert "<select" not in form
    page = _sign_up(accounts_client, sent)
    assert f"Your time zone: <span data-tz-current>{stored}</span>" in page
    person = session.scalars(select(Person).where(Person.email == "ann@example.org")).one()
    assert (person.timezone, person.timezone_confirmed_at) == (stored, None)


def test_after_sign_up_the_browsers_zone_may_stand_in(
    accounts_client: TestClient, session: Session
) -> None:
    """A person who signed up in this browser without its zone gets it from the notice's script."""
    _sign_up(accounts_client, None)
    token = _csrf(accounts_client, "/profile")
    answer = accounts_client.post(
        "/timezone/browser",
        json={"timezone": "Australia/Sydney"},
        headers={"X-CSRF-Token": token},
    ).json()
    assert (answer["timezone"], answer["changed"]) == ("Australia/Sydney", True)
    person = session.scalars(select(Person).where(Person.email == "ann@example.org")).one()
    assert person.timezone == "Australia/Sydney"


def test_confirming_records_the_clocks_moment(session: Session) -> None:
    """The confirmation is stored as the app clock's moment, read back as aware UTC."""
    person = accounts_service.get_local_person(session=session, timezone="Europe/London")
    with timing.use_clock(timing.fixed_clock(TEST_NOW)):
        accounts_service.confirm_timezone(session=session, person=person, timezone="london")
    session.commit()
    assert _local(session).timezone_confirmed_at == TEST_NOW

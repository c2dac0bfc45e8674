"""Sign-in backoff, the sign-up limit, password rules and sign-up enumeration (audit M5, M2, L2,
L8, L9), through the sign-in and sign-up forms.

The app runs on a clock the tests move by hand, so that "wait 4 seconds" is exact and no test
depends on how fast the machine hashes.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, Literal

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nightcramps.accounts import passwords
from nightcramps.accounts.limits import sign_in_keys
from nightcramps.accounts.models import LoginAttempt, Person
from nightcramps.config import Settings
from nightcramps.errors import TooManyAttempts
from nightcramps.web.app import create_app

GOOD = "correct horse battery"
ANN = "ann@example.org"
LIGHT_MEMORY_KIB = 8 * 1024
"""argon2id for these tests: one pass over 8 MiB on one lane, real hashing a hundred times cheaper
than the app's, so that the dozens of sign-ins a test makes take milliseconds."""


class HandClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def _light_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's hasher with cheaper parameters (argon2-cffi's own class, nothing faked)."""
    light = PasswordHasher(time_cost=1, memory_cost=LIGHT_MEMORY_KIB, parallelism=1)
    monkeypatch.setattr(passwords, "HASHER", light)


@pytest.fixture
def clock(now: datetime) -> HandClock:
    return HandClock(now)


@pytest.fixture
def limited(settings: Settings) -> Settings:
    """Accounts mode with the default limits."""
    data = {**settings.model_dump(), "accounts": True, "secret_key": "s" * 40}
    return Settings.model_validate({**data, "secure_cookies": False})


@pytest.fixture
def app(limited: Settings, clock: HandClock) -> Iterator[FastAPI]:
    app = create_app(limited, migrate=False, clock=clock)
    yield app
    app.state.engine.dispose()


class Browser:
    """One browser (its own cookies) at one client address."""

    def __init__(self, app: FastAPI, address: str) -> None:
        self.client = TestClient(app, client=(address, 50000), follow_redirects=False)

    def _token(self, path: str) -> str:
        match = re.search(r'name="csrf_token" value="([^"]+)"', self.client.get(path).text)
        assert match
        return match.group(1)

    def sign_in(self, email: str, password: str, **headers: str) -> Any:
        data = {"email": email, "password": password, "csrf_token": self._token("/signin")}
        return self.client.post("/signin", data=data, headers=headers)

    def sign_up(self, email: str, password: str = GOOD) -> Any:
        data = {"email": email, "password": password, "timezone": "Europe/London"}
        data["csrf_token"] = self._token("/signup")
        return self.client.post("/signup", data=data)


@pytest.fixture
def browser(app: FastAPI) -> Iterator[Any]:
    """``browser(address)``: a new browser at that address (each with its own cookies)."""
    made: list[Browser] = []

    def make(address: str = "198.51.100.1") -> Browser:
        made.append(Browser(app, address))
        return made[-1]

    yield make
    for each in made:
        each.client.close()


def _owner(browser: Any, address: str = "198.51.100.1") -> Browser:
    """Ann, who signed up at ``address``, signed out."""
    ann: Browser = browser(address)
    assert ann.sign_up(ANN).status_code == 303
    ann.client.cookies.clear()
    return ann


def _waits(answer: Any) -> int:
    assert answer.status_code == 429, answer.text[:300]
    return int(answer.headers["Retry-After"])


# ---------------------------------------------------------------------------- sign-in backoff


def test_backoff_grows_after_the_allowance(browser: Any, clock: HandClock) -> None:
    """Five wrong passwords cost nothing; then each attempt waits 1 s, 2 s, 4 s after the last
    failure, answered 429 with Retry-After and the wait in words; the right one then gets in."""
    ann = _owner(browser)
    for _ in range(5):
        answer = ann.sign_in(ANN, "wrong password")
        assert answer.status_code == 401 and "Wrong email or password" in answer.text
    for wait in (1, 2, 4):
        answer = ann.sign_in(ANN, "wrong password")
        assert _waits(answer) == wait
        assert f"Wait {wait} second" in answer.text
        clock.advance(wait)
        assert ann.sign_in(ANN, "wrong password").status_code == 401
    clock.advance(8)
    assert ann.sign_in(ANN, GOOD).status_code == 303


def test_right_password_during_backoff_gets_the_same_answer(browser: Any, clock: HandClock) -> None:
    """During a backoff the right password is not checked (429 like a wrong one), and attempts
    made while waiting neither count nor lengthen the wait."""
    ann = _owner(browser)
    for n in range(7):
        clock.advance(10 if n else 0)
        assert ann.sign_in(ANN, "wrong password").status_code == 401
    right, wrong = ann.sign_in(ANN, GOOD), ann.sign_in(ANN, "wrong password")
    assert _waits(right) == _waits(wrong) == 4  # 2 beyond the allowance: 4 s after the last
    assert "the password was not checked" in right.text
    clock.advance(3)
    assert _waits(ann.sign_in(ANN, GOOD)) == 1  # the 429s did not count
    clock.advance(1)
    assert ann.sign_in(ANN, GOOD).status_code == 303


def test_backoff_is_capped_at_15_minutes(browser: Any, clock: HandClock) -> None:
    """However many failures, the wait after the last is at most 15 minutes."""
    ann = _owner(browser)
    seen = []
    for _ in range(17):
        answer = ann.sign_in(ANN, "wrong password")
        if answer.status_code == 429:
            seen.append(_waits(answer))
            clock.advance(_waits(answer))
            answer = ann.sign_in(ANN, "wrong password")
        assert answer.status_code == 401
    assert seen == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]


def test_success_clears_the_failures(browser: Any, clock: HandClock) -> None:
    """After a successful sign-in, the next mistake costs nothing again."""
    ann = _owner(browser)
    for _ in range(6):
        ann.sign_in(ANN, "wrong password")
        clock.advance(2)
    assert ann.sign_in(ANN, GOOD).status_code == 303
    ann.client.cookies.clear()
    for _ in range(5):
        assert ann.sign_in(ANN, "wrong password").status_code == 401


def test_strangers_cannot_keep_the_owner_out(browser: Any) -> None:
    """Forty failures against Ann's email from twenty other addresses make any new address wait,
    but Ann, from the address she signed up at, gets in at once with her password."""
    ann = _owner(browser, "198.51.100.1")
    for n in range(20):
        stranger = browser(f"203.0.113.{n + 1}")
        for _ in range(2):
            assert stranger.sign_in(ANN, f"guess {n}").status_code in {401, 429}
    assert _waits(browser("203.0.113.200").sign_in(ANN, "one more guess")) >= 1
    assert ann.sign_in(ANN, GOOD).status_code == 303


def test_a_distributed_guesser_is_slowed_per_email(browser: Any, clock: HandClock) -> None:
    """One guess from each of many addresses: after 20 failures on the email, each further guess
    from anywhere new must wait, and the waits grow."""
    _owner(browser, "198.51.100.1")
    for n in range(20):
        assert browser(f"203.0.113.{n + 1}").sign_in(ANN, "guess").status_code == 401
    waits = []
    for n in range(3):
        waits.append(_waits(browser(f"192.0.2.{n + 1}").sign_in(ANN, "guess")))
        clock.advance(waits[-1])
        assert browser(f"192.0.2.{n + 100}").sign_in(ANN, "guess").status_code == 401
    assert waits == [1, 2, 4]


def test_one_address_trying_many_emails_is_slowed(browser: Any) -> None:
    """20 failures from one address, each for another email, start that address's backoff; a
    person who signed in from there before is not held by it."""
    bea = browser("198.51.100.7")
    assert bea.sign_up("bea@example.org").status_code == 303
    bea.client.cookies.clear()
    guesser = browser("198.51.100.7")
    for n in range(20):
        assert guesser.sign_in(f"person{n}@example.org", "guess").status_code == 401
    assert _waits(guesser.sign_in("person99@example.org", "guess")) == 1
    assert bea.sign_in("bea@example.org", GOOD).status_code == 303


def test_forwarded_for_is_not_believed(browser: Any) -> None:
    """A client naming other addresses in X-Forwarded-For is still counted at its own."""
    ann = _owner(browser)
    for n in range(5):
        ann.sign_in(ANN, "wrong password", **{"X-Forwarded-For": f"203.0.113.{n}"})
    assert _waits(ann.sign_in(ANN, GOOD, **{"X-Forwarded-For": "192.0.2.99"})) == 1


def test_parallel_attempts_get_no_more_than_the_allowance(browser: Any, session: Session) -> None:
    """Twelve wrong passwords sent at once: at most five are checked, the others wait (429).

    Fewer than five may be checked: each attempt writes its row before it counts the others, so
    attempts that write at the same moment can all see the allowance used and all be told to
    wait. That errs towards the guesser, never past the allowance, whatever the timing."""
    ann = _owner(browser)
    statuses: list[int] = []
    form = {"email": ANN, "password": "wrong password", "csrf_token": ann._token("/signin")}

    def attempt() -> None:
        statuses.append(ann.client.post("/signin", data=form).status_code)

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    with ann.client:  # one event loop for all twelve, as a server has
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(statuses) == 12
    assert set(statuses) <= {401, 429}
    checked = statuses.count(401)
    assert checked <= 5
    pair_key = sign_in_keys(ANN, "198.51.100.1")[2]
    stored = session.scalar(select(func.count()).where(LoginAttempt.key == pair_key))
    assert stored == checked  # each refused attempt took its row back


# ---------------------------------------------------------------------------- long input (L2)


def test_a_1000_character_email_is_refused_counted_and_not_stored(
    browser: Any, session: Session
) -> None:
    """A 1,000-character email is refused with the limit said, counts as a failure, and is kept
    only as a fixed-length digest."""
    long_email = "a" * 988 + "@example.org"
    guesser = browser()
    for _ in range(5):
        answer = guesser.sign_in(long_email, "guess")
        assert answer.status_code == 422
        assert "at most 320 characters" in answer.text
    assert _waits(guesser.sign_in(long_email, "guess")) == 1
    keys = session.scalars(select(LoginAttempt.key)).all()
    assert len(keys) == 15 and max(len(key) for key in keys) <= 78
    assert all(re.fullmatch(r"signin\.(email|client|pair):[0-9a-f]{64}", key) for key in keys)


def test_sign_up_refuses_an_email_over_320_characters(browser: Any, session: Session) -> None:
    """Sign-up says an email has at most 320 characters; no account is made."""
    answer = browser().sign_up("a" * 988 + "@example.org")
    assert answer.status_code == 422
    assert "at most 320 characters" in answer.text
    assert session.scalars(select(Person)).all() == []


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts of argon2 hashes and verifications (a real argon2 hasher that counts its calls)."""
    calls = {"hash": 0, "verify": 0}

    class Counting(PasswordHasher):
        def __init__(self) -> None:
            super().__init__(time_cost=1, memory_cost=LIGHT_MEMORY_KIB, parallelism=1)

        def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
            calls["hash"] += 1
            return super().hash(password, salt=salt)

        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            calls["verify"] += 1
            return super().verify(hash, password)

    monkeypatch.setattr(passwords, "HASHER", Counting())
    return calls


def test_an_over_long_password_is_refused_without_hashing(
    browser: Any, counted: dict[str, int]
) -> None:
    """Sign-in refuses a password over 1,000 characters with a message and without argon2."""
    ann = _owner(browser)
    counted["verify"] = 0
    answer = ann.sign_in(ANN, "x" * 100_000)
    assert answer.status_code == 422
    assert "over 1,000 characters" in answer.text
    assert counted["verify"] == 0


# ---------------------------------------------------------------------------- sign-up limit


def test_sign_ups_are_limited_per_address(browser: Any, clock: HandClock) -> None:
    """Five new accounts an hour from one address (an email already used counts too); the sixth
    waits for the oldest to be an hour old, with Retry-After; another address is not held."""
    assert browser("198.51.100.9").sign_up("u0@example.org").status_code == 303
    clock.advance(600)
    for n in range(1, 4):
        assert browser("198.51.100.9").sign_up(f"u{n}@example.org").status_code == 303
    assert browser("198.51.100.9").sign_up("u1@example.org").status_code == 422  # used: counted
    answer = browser("198.51.100.9").sign_up("u5@example.org")
    assert _waits(answer) == 3000
    assert "Wait 50 minutes" in answer.text
    assert browser("198.51.100.10").sign_up("u6@example.org").status_code == 303
    clock.advance(3000)
    assert browser("198.51.100.9").sign_up("u5@example.org").status_code == 303


def test_ipv6_addresses_count_by_their_64_network(browser: Any) -> None:
    """Addresses within one IPv6 /64 share the sign-up limit."""
    for n in range(5):
        assert browser(f"2001:db8:1:2::{n + 1:x}").sign_up(f"v{n}@example.org").status_code == 303
    assert _waits(browser("2001:db8:1:2::ff").sign_up("v9@example.org")) > 0
    assert browser("2001:db8:1:3::1").sign_up("v9@example.org").status_code == 303


# ---------------------------------------------------------------------------- passwords (L8)


@pytest.mark.parametrize(
    ("email", "password", "said"),
    [
        (ANN, "password12", "most common passwords"),
        (ANN, "iloveyou12", "most common passwords"),
        (ANN, "aaaaaaaaaaaa", "one character repeated"),
        (ANN, " " * 12, "only spaces"),
        (ANN, ANN, "your email address"),
        ("annabelle.smith@example.org", "Annabelle.Smith", "your email address"),
        (ANN, "asdfghjkl;123", "too easy to guess"),
        (ANN, "Password2026", "too easy to guess"),
        (ANN, "abcdefghijklmn", "too easy to guess"),
        (ANN, "x" * 9, "at least 10 characters"),
        (ANN, "correct horse " * 19, "at most 256"),
    ],
)
def test_weak_passwords_are_refused_with_the_fix(
    browser: Any, session: Session, email: str, password: str, said: str
) -> None:
    """Each password rule refuses with its reason and says how to fix it; nothing is made."""
    answer = browser().sign_up(email, password)
    assert answer.status_code == 422
    assert said in answer.text
    assert "phrase of" in answer.text and "unrelated words" in answer.text
    assert session.scalars(select(Person)).all() == []


@pytest.mark.parametrize(
    "password", ["correct horse battery", "a long password", "Tr0ub4dor&3x!", "ночь судорога нога"]
)
def test_reasonable_passwords_are_accepted(browser: Any, password: str) -> None:
    """Phrases and long mixed passwords (any alphabet) are accepted."""
    assert browser().sign_up(ANN, password).status_code == 303


# ---------------------------------------------------------------------------- enumeration (L9)


def test_an_email_already_used_costs_the_same_hashing(
    browser: Any, counted: dict[str, int]
) -> None:
    """Sign-up with an email already used does the same argon2 work as a new one, answers with
    the same status as any refused form, and does not say "already exists"."""
    _owner(browser)
    counted["hash"] = 0
    assert browser("198.51.100.2").sign_up("new@example.org").status_code == 303
    new_work = counted["hash"]
    counted["hash"] = 0
    again = browser("198.51.100.3").sign_up(ANN, "another long passphrase")
    assert (new_work, counted["hash"]) == (1, 1)
    assert again.status_code == 422
    assert "sign in instead" in again.text and "already exists" not in again.text


# ---------------------------------------------------------------------------- Retry-After


def test_every_429_carries_retry_after(app: FastAPI) -> None:
    """A TooManyAttempts anywhere answers 429 with Retry-After, on a page and from the API."""

    def limited() -> None:
        raise TooManyAttempts("Too many tries. Wait 7 seconds.", retry_after_s=7)

    app.add_api_route("/api/v1/_limited", limited)
    app.add_api_route("/_limited", limited)
    with TestClient(app) as client:
        api, page = client.get("/api/v1/_limited"), client.get("/_limited")
    assert (api.status_code, api.headers["Retry-After"]) == (429, "7")
    assert api.json()["detail"] == "Too many tries. Wait 7 seconds."
    assert (page.status_code, page.headers["Retry-After"]) == (429, "7")
    assert "Wait 7 seconds" in page.text


def test_trusted_proxies_default_to_none_and_are_checked(settings: Settings) -> None:
    """X-Forwarded-For is trusted from nobody by default; an entry that is not an address or a
    network is refused with an example."""
    assert settings.trusted_proxies == []
    data = settings.model_dump()
    ok = Settings.model_validate({**data, "trusted_proxies": ["127.0.0.1", "10.0.0.0/8", "::1"]})
    assert ok.trusted_proxies == ["127.0.0.1", "10.0.0.0/8", "::1"]
    for bad in ("*", "10.0.0.1/8", "nginx"):
        with pytest.raises(ValueError, match="127.0.0.1"):
            Settings.model_validate({**data, "trusted_proxies": [bad]})

"""People: the local person, accounts, sign-in with a rate limit, tokens and profiles."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from nightcramps import conditions, timing
from nightcramps.accounts import zones
from nightcramps.accounts.models import ApiToken, LoginAttempt, Person
from nightcramps.accounts.schemas import ProfilePublic, ProfileUpdate, SignUp
from nightcramps.conditions import Conditions, KidneyStatus
from nightcramps.daylog import service as daylog_service
from nightcramps.errors import Conflict, Invalid, NotAllowed, NotFound, TooManyAttempts
from nightcramps.owner import Owner
from nightcramps.timing import utcnow

_hasher = PasswordHasher()
# Verifying against this hash when the email is unknown keeps the time of a failed sign-in the
# same whether or not the account exists, so timing does not reveal who has an account.
_DUMMY_HASH = _hasher.hash("not a real password, only for constant time")
RATE_WINDOW = timedelta(minutes=15)
TOKEN_PREFIX = "nc_"


def owner_of(person: Person, *, cutover_hour: int, day_start_hour: int = 4) -> Owner:
    """The service-level view of a person, with the calendar hours of the settings."""
    return Owner(
        person_id=person.id,
        tz=ZoneInfo(person.timezone),
        cutover_hour=cutover_hour,
        day_start_hour=day_start_hour,
    )


def find_local_person(*, session: Session) -> Person | None:
    """The one person of local mode, or None before anything has been used."""
    return session.scalars(select(Person).where(Person.is_local.is_(True))).first()


def get_local_person(*, session: Session, timezone: str = "UTC") -> Person:
    """The one person of local mode, created on first use.

    A new person gets ``timezone`` (the computer's, for the CLI; an old name becomes the place it
    links to) as a guess: it is not confirmed until they confirm or choose one.
    """
    person = find_local_person(session=session)
    if person is None:
        zone = zones.canonical_zone(timezone) or timezone
        person = Person(is_local=True, display_name="", timezone=zone)
        session.add(person)
        session.flush()
    return person


def get_person(*, session: Session, person_id: int) -> Person:
    """A person by id."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("That account no longer exists; sign in again.")
    return person


def find_person_by_email(*, session: Session, email: str) -> Person:
    """A person by sign-in email (case-insensitive)."""
    person = session.scalars(select(Person).where(Person.email == email.strip().lower())).first()
    if person is None:
        raise NotFound(f"No account uses {email}.")
    return person


def sign_up(*, session: Session, sign_up_in: SignUp) -> Person:
    """Create an account; the password is stored only as an argon2id hash."""
    email = sign_up_in.email.strip().lower()
    if session.scalars(select(Person.id).where(Person.email == email)).first() is not None:
        raise Conflict(
            "An account with that email already exists; sign in instead.",
            fields={"email": "already registered"},
        )
    person = Person(
        email=email,
        password_hash=_hasher.hash(sign_up_in.password),
        timezone=sign_up_in.timezone,
        display_name="",
    )
    session.add(person)
    session.flush()
    return person


def sign_in(
    *,
    session: Session,
    email: str,
    password: str,
    client: str,
    limit: int,
    now: datetime | None = None,
) -> Person:
    """Check a password, counting failures per email and per client address.

    Raises:
        TooManyAttempts: ``limit`` failures in the last 15 minutes for this email or client.
        NotAllowed: wrong email or password (never says which).
    """
    now = now or utcnow()
    email = email.strip().lower()
    keys = [f"email:{email}", f"client:{client}"]
    since = now - RATE_WINDOW
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < since))
    for key in keys:
        failures = session.scalar(
            select(func.count()).where(LoginAttempt.key == key, LoginAttempt.at >= since)
        )
        if (failures or 0) >= limit:
            raise TooManyAttempts(
                "Too many failed sign-ins. Wait 15 minutes, then try again.",
                retry_after_s=int(RATE_WINDOW.total_seconds()),
            )
    person = session.scalars(select(Person).where(Person.email == email)).first()
    stored = person.password_hash if person and person.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
        ok = person is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or person is None:
        session.add_all(LoginAttempt(key=key, at=now) for key in keys)
        session.flush()
        raise NotAllowed("Wrong email or password.")
    if _hasher.check_needs_rehash(stored):
        person.password_hash = _hasher.hash(password)
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == keys[0]))
    return person


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, session: Session, person_id: int, name: str = "") -> str:
    """Make a personal access token; the plain token is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(person_id=person_id, digest=_digest(token), name=name[:100]))
    session.flush()
    return token


def person_for_token(*, session: Session, token: str) -> Person:
    """The owner of a bearer token.

    Raises:
        NotAllowed: unknown or revoked token.
    """
    row = session.scalars(select(ApiToken).where(ApiToken.digest == _digest(token))).first()
    if row is None:
        raise NotAllowed("The API token is not valid; create one with `nightcramps token create`.")
    row.last_used_at = utcnow()
    return get_person(session=session, person_id=row.person_id)


def list_tokens(*, session: Session, person_id: int) -> Sequence[ApiToken]:
    """A person's tokens (digests only), newest first."""
    query = select(ApiToken).where(ApiToken.person_id == person_id)
    return session.scalars(query.order_by(ApiToken.id.desc())).all()


def revoke_token(*, session: Session, person_id: int, token_id: int) -> None:
    """Delete one of a person's tokens."""
    row = session.get(ApiToken, token_id)
    if row is None or row.person_id != person_id:
        raise NotFound(f"You have no token number {token_id}.")
    session.delete(row)
    session.flush()


def update_profile(
    *,
    session: Session,
    person: Person,
    profile_in: ProfileUpdate,
    conditions_reviewed: bool = False,
    now: datetime | None = None,
) -> Person:
    """Change a person's profile; fields left out stay as they are.

    A health answer (``conditions.CONDITION_FIELDS``) that differs from the stored one records
    ``conditions_reviewed_at``; so does ``conditions_reviewed`` (the profile page's form, sent
    with its health questions, answers them even where they are left "not answered"); answers
    sent back as they are stored record nothing. ``pregnancy_week`` is stored as the date of week
    0, so the week moves on; sent as the week shown, it keeps the stored date.

    Raises:
        Invalid: pregnancy or a pregnancy week without sex female and pregnant; an empty zone.
    """
    now = now or utcnow()
    changes = profile_in.model_dump(exclude_unset=True)
    sex = changes.get("sex", person.sex)
    pregnant = changes.get("pregnant", person.pregnant)
    lactating = changes.get("lactating", person.lactating)
    if sex != "female" and (pregnant or lactating):
        raise Invalid(
            "Pregnant or lactating can only be set with sex 'female'.",
            fields={"pregnant": "needs sex female"},
        )
    if changes.get("pregnancy_week") is not None and not pregnant:
        raise Invalid(
            "A pregnancy week needs pregnant set as well; set pregnant, or leave the week empty.",
            fields={"pregnancy_week": "tick pregnant as well, or leave the week empty"},
        )
    if "timezone" in changes and changes["timezone"] is None:
        raise Invalid(
            "The time zone cannot be empty; give an IANA name such as Europe/London.",
            fields={"timezone": "cannot be empty"},
        )
    answered = _answers_changed(person, changes, now)
    week_sent = "pregnancy_week" in changes
    week = changes.pop("pregnancy_week", None)
    _set_pregnancy(person, week, sent=week_sent, pregnant=bool(pregnant), now=now)
    for name, value in changes.items():
        if name == "weight_kg" and value is not None:
            value = Decimal(str(round(value, 1)))
        if name == "display_name" and value is None:
            value = ""
        if name in {"pregnant", "lactating"} and value is None:
            value = False
        setattr(person, name, value)
    if "timezone" in changes:  # chosen in the profile (or by the API or CLI): no longer a guess
        person.timezone_confirmed_at = now
    if answered or conditions_reviewed:
        person.conditions_reviewed_at = now
    session.flush()
    return person


def _calendar_today(person: Person, now: datetime | None = None) -> date:
    """The person's calendar date now: pregnancy weeks count whole days of their calendar."""
    owner = Owner(person_id=person.id, tz=ZoneInfo(person.timezone))
    return timing.morning_of(now or utcnow(), owner)


def _pregnancy_week(person: Person, today: date) -> int | None:
    """The current pregnancy week, or None when not pregnant, not given or out of date."""
    if not person.pregnant:
        return None
    week = conditions.pregnancy_week_on(person.pregnancy_started_on, today)
    return None if conditions.pregnancy_week_is_stale(week) else week


def _answers_changed(person: Person, changes: dict[str, Any], now: datetime) -> bool:
    """Whether ``changes`` gives a health answer other than the stored one."""
    today = _calendar_today(person, now)
    for name in conditions.CONDITION_FIELDS:
        if name not in changes:
            continue
        if name == "pregnancy_week":
            stored = _pregnancy_week(person, today)
        else:
            stored = getattr(person, name)
        if changes[name] != stored:
            return True
    return False


def _set_pregnancy(
    person: Person, week: int | None, *, sent: bool, pregnant: bool, now: datetime
) -> None:
    """Store a pregnancy week (if ``sent``) as the date of week 0; a pregnancy that ends clears
    it, so an old date never comes back with a new pregnancy."""
    if not pregnant:
        person.pregnancy_started_on = None
        return
    if not sent:
        return
    today = _calendar_today(person, now)
    if week is None:
        person.pregnancy_started_on = None
    elif week != _pregnancy_week(person, today):  # the week shown, sent back: keep its date
        person.pregnancy_started_on = conditions.pregnancy_start(week, today)


def confirm_timezone(*, session: Session, person: Person, timezone: str) -> Person:
    """Record that the person confirmed ``timezone`` as theirs.

    Raises:
        Invalid: ``timezone`` is not a time zone.
    """
    zone = zones.canonical_zone(timezone)
    if zone is None:
        raise Invalid(
            f"{timezone!r} is not a time zone; choose yours in the profile.",
            fields={"timezone": "is not a time zone"},
        )
    person.timezone = zone
    person.timezone_confirmed_at = utcnow()
    session.flush()
    return person


def set_provisional_timezone(*, session: Session, person: Person, timezone: str) -> bool:
    """Use a browser's zone for a person who has not confirmed one yet; whether it changed.

    A confirmed zone is never replaced this way, and a name that is not a time zone is ignored:
    the person is still asked, so nothing is decided silently.
    """
    zone = zones.canonical_zone(timezone)
    if zone is None or person.timezone_confirmed_at is not None or zone == person.timezone:
        return False
    person.timezone = zone
    session.flush()
    return True


def to_profile_public(
    person: Person, *, today_year: int, now: datetime | None = None
) -> ProfilePublic:
    """The profile as shown back, with age derived from the birth year and the pregnancy week
    counted on from the one given."""
    today = _calendar_today(person, now)
    week = (
        conditions.pregnancy_week_on(person.pregnancy_started_on, today)
        if person.pregnant
        else None
    )
    stale = conditions.pregnancy_week_is_stale(week)
    return ProfilePublic(
        display_name=person.display_name,
        email=person.email,
        birth_year=person.birth_year,
        age=None if person.birth_year is None else today_year - person.birth_year,
        sex=person.sex,
        pregnant=person.pregnant,
        lactating=person.lactating,
        weight_kg=None if person.weight_kg is None else float(person.weight_kg),
        timezone=person.timezone,
        kidney_disease=_kidney_status(person.kidney_disease),
        liver_disease=person.liver_disease,
        diabetes=person.diabetes,
        thyroid_disease=person.thyroid_disease,
        heart_failure=person.heart_failure,
        fluid_limit_ml=person.fluid_limit_ml,
        pregnancy_week=None if stale else week,
        pregnancy_week_stale=stale,
        conditions_reviewed_at=person.conditions_reviewed_at,
    )


def _kidney_status(value: str | None) -> KidneyStatus | None:
    """The stored kidney answer as its type (anything else, which no input writes, is None)."""
    for status in conditions.KIDNEY_STATUSES:
        if value == status:
            return status
    return None


def conditions_answered(*, session: Session, owner: Owner) -> bool:
    """Whether the person has answered (or confirmed) the health questions: until then the
    profile and the food pages ask them to, once."""
    return get_person(session=session, person_id=owner.person_id).conditions_reviewed_at is not None


def conditions_for(*, session: Session, owner: Owner, now: datetime | None = None) -> Conditions:
    """What the app knows of ``owner``'s health that changes its advice: the profile's answers
    (None where not answered), their pregnancy week and age today, and the classes of the
    medicines they take today (started by today and not stopped before it).

    The check-up, the supplement warnings, "close the gap" and the guidance caveats read it.
    """
    person = get_person(session=session, person_id=owner.person_id)
    today = _calendar_today(person, now)
    taking = daylog_service.medicines_on(session=session, owner=owner, day=timing.today(owner, now))
    return Conditions(
        kidney_disease=_kidney_status(person.kidney_disease),
        liver_disease=person.liver_disease,
        diabetes=person.diabetes,
        thyroid_disease=person.thyroid_disease,
        heart_failure=person.heart_failure,
        fluid_limit_ml=person.fluid_limit_ml,
        pregnant=person.pregnant,
        pregnancy_week=_pregnancy_week(person, today),
        age=None if person.birth_year is None else today.year - person.birth_year,
        sex=person.sex,
        medicine_classes=frozenset(m.class_key for med in taking for m in med.matches),
        answered=person.conditions_reviewed_at is not None,
    )

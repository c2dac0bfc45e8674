"""People: the local person, accounts, sign-in with a rate limit, tokens and profiles."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from nightcramps import conditions, timing
from nightcramps.accounts import limits, passwords, zones
from nightcramps.accounts.models import ApiToken, LoginAttempt, Person
from nightcramps.accounts.schemas import ProfilePublic, ProfileUpdate, SignUp
from nightcramps.conditions import Conditions, KidneyStatus
from nightcramps.daylog import service as daylog_service
from nightcramps.errors import Conflict, Invalid, NotAllowed, NotFound, TooManyAttempts
from nightcramps.owner import Owner
from nightcramps.timing import utcnow

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


def sign_up(
    *,
    session: Session,
    sign_up_in: SignUp,
    client: str = "local",
    per_hour: int | None = None,
    now: datetime | None = None,
) -> Person:
    """Create an account; the password is stored only as an argon2id hash.

    The password must meet ``passwords.password_problem``'s rules. With ``per_hour``, sign-ups
    from ``client`` are limited (``limits.begin_sign_up``, which commits). An email already used
    is refused after the same hashing work as a new one, so the answer's time does not say which.

    Raises:
        Invalid: the password breaks a rule (field ``password``; the message says how to fix it).
        TooManyAttempts: ``per_hour`` sign-ups from ``client`` in the last hour.
        Conflict: the email has an account already.
    """
    now = now or utcnow()
    email = sign_up_in.email.strip().lower()
    problem = passwords.password_problem(sign_up_in.password, email=email)
    if problem is not None:
        raise Invalid(f"Password: {problem}", fields={"password": problem})
    if per_hour is not None:
        limits.begin_sign_up(session=session, client=client, per_hour=per_hour, now=now)
    password_hash = passwords.hash_password(sign_up_in.password)
    if session.scalars(select(Person.id).where(Person.email == email)).first() is not None:
        raise Conflict(
            "We could not create an account with this email. If you already have one, sign in "
            "instead.",
            fields={"email": "cannot be used for a new account; if it is yours, sign in instead"},
        )
    person = Person(
        email=email, password_hash=password_hash, timezone=sign_up_in.timezone, display_name=""
    )
    session.add(person)
    session.flush()
    limits.mark_known(session=session, email=email, client=client, now=now)
    return person


def sign_in(
    *,
    session: Session,
    email: str,
    password: str,
    client: str,
    allowance: limits.SignInAllowance,
    now: datetime | None = None,
) -> Person:
    """Check a password, with a backoff per email, per client address and per pair
    (``limits.begin_sign_in``, which commits the attempt before the password is checked).

    Raises:
        TooManyAttempts: a backoff is running; ``retry_after_s`` says how long (the password is
            not checked, so a right one gets the same answer).
        Invalid: an email or password longer than any account can have (counted as a failure,
            nothing hashed).
        NotAllowed: wrong email or password (never says which).
    """
    now = now or utcnow()
    attempt = limits.begin_sign_in(
        session=session, email=email, client=client, allowance=allowance, now=now
    )
    email = email.strip().lower()
    if len(email) > passwords.EMAIL_MAX:
        raise Invalid(
            f"An email address has at most {passwords.EMAIL_MAX} characters, so no account has "
            "this one; check what you typed.",
            fields={"email": f"is longer than {passwords.EMAIL_MAX} characters"},
        )
    if len(password) > passwords.SIGN_IN_PASSWORD_MAX:
        raise Invalid(
            f"No account has a password this long (over {passwords.SIGN_IN_PASSWORD_MAX:,} "
            "characters); check what you pasted.",
            fields={"password": "is too long"},
        )
    person = session.scalars(select(Person).where(Person.email == email)).first()
    stored = person.password_hash if person else None
    if not passwords.verify_password(stored, password) or person is None or stored is None:
        raise NotAllowed("Wrong email or password.")
    if passwords.needs_rehash(stored):
        person.password_hash = passwords.hash_password(password)
    limits.sign_in_succeeded(session=session, attempt=attempt, now=now)
    return person


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


TOKEN_SCOPES = ("read", "write")
"""A token's scope: 'read' may only read (GET, HEAD, OPTIONS); 'write' may do what its person
may, except make tokens."""
TOKEN_DAYS_DEFAULT = 90
TOKEN_DAYS_MAX = 365
TOKEN_TOUCH_EVERY = timedelta(hours=1)
"""``last_used_at`` is written at most this often per token: a read with a token that was used
in the last hour writes nothing (the audit's M1: that write took SQLite's lock on every request)."""
NEW_TOKEN_HOW = (
    "create a new one on the Account security page (/account/security) or with "
    "`nightcramps token create`"
)


def create_token(
    *,
    session: Session,
    person_id: int,
    name: str = "",
    scope: str = "write",
    expires_in_days: int = TOKEN_DAYS_DEFAULT,
    now: datetime | None = None,
) -> str:
    """Make a personal access token; the plain token is returned once and never stored.

    Raises:
        Invalid: a scope other than 'read' or 'write', or a lifetime outside 1 to 365 days.
    """
    if scope not in TOKEN_SCOPES:
        raise Invalid(
            f"A token's scope is 'read' or 'write', not {scope!r}.",
            fields={"scope": "choose read or write"},
        )
    if not 1 <= expires_in_days <= TOKEN_DAYS_MAX:
        raise Invalid(
            f"A token lasts from 1 to {TOKEN_DAYS_MAX} days; {expires_in_days} is not allowed.",
            fields={"expires_in_days": f"give a whole number from 1 to {TOKEN_DAYS_MAX}"},
        )
    now = now or utcnow()
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        person_id=person_id,
        digest=_digest(token),
        name=name[:100],
        scope=scope,
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days),
    )
    session.add(row)
    session.flush()
    return token


def find_token(*, session: Session, token: str) -> ApiToken | None:
    """The stored row of a plain token (by its digest), or None."""
    return session.scalars(select(ApiToken).where(ApiToken.digest == _digest(token))).first()


@dataclass(frozen=True, slots=True)
class TokenUse:
    """Who a bearer token speaks for, what it may do, and whether using it wrote
    ``last_used_at`` (then the caller commits at once, so the write lock is not held)."""

    person: Person
    token_id: int
    scope: str
    touched: bool


def use_token(*, session: Session, token: str, now: datetime | None = None) -> TokenUse:
    """Check a bearer token and note its use (at most once an hour).

    Raises:
        NotAllowed: unknown, revoked or expired token (the message says how to get a new one).
    """
    now = now or utcnow()
    row = find_token(session=session, token=token)
    if row is None:
        raise NotAllowed(f"The API token is not valid; {NEW_TOKEN_HOW}.")
    if row.expires_at <= now:
        raise NotAllowed(
            f"The API token {_token_name(row)} expired on {row.expires_at:%Y-%m-%d %H:%M} UTC; "
            f"{NEW_TOKEN_HOW}."
        )
    touched = row.last_used_at is None or now - row.last_used_at >= TOKEN_TOUCH_EVERY
    if touched:
        row.last_used_at = now
    person = get_person(session=session, person_id=row.person_id)
    return TokenUse(person=person, token_id=row.id, scope=row.scope, touched=touched)


def _token_name(row: ApiToken) -> str:
    return f"“{row.name}”" if row.name else f"number {row.id}"


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


PASSWORD_CHANGE_ATTEMPTS = 5
"""Wrong current passwords allowed per person in ``PASSWORD_CHANGE_WINDOW`` on the password
form."""
PASSWORD_CHANGE_WINDOW = timedelta(minutes=15)


def change_password(
    *,
    session: Session,
    person: Person,
    current_password: str,
    new_password: str,
    now: datetime | None = None,
) -> None:
    """Replace a person's password after checking the current one.

    The new one must meet the sign-up rules (its length is the schema's, ``PasswordChange``; the
    rest ``passwords.password_problem``'s). Wrong current passwords are limited per person
    (``PASSWORD_CHANGE_ATTEMPTS`` in 15 minutes) under a key of their own, so they never hold up
    a sign-in. Nothing else changes here: the caller ends the other sessions; tokens stay.

    Raises:
        TooManyAttempts: too many wrong current passwords lately.
        Invalid: the current password is wrong (field ``current_password``), or the new one
            breaks a rule (field ``new_password``).
    """
    now = now or utcnow()
    key = f"password-change:{person.id}"
    since = now - PASSWORD_CHANGE_WINDOW
    failures = session.scalar(
        select(func.count()).where(LoginAttempt.key == key, LoginAttempt.at >= since)
    )
    if (failures or 0) >= PASSWORD_CHANGE_ATTEMPTS:
        raise TooManyAttempts(
            "Too many wrong current passwords. Wait 15 minutes, then try again.",
            retry_after_s=int(PASSWORD_CHANGE_WINDOW.total_seconds()),
        )
    if person.password_hash is None or not passwords.verify_password(
        person.password_hash, current_password
    ):
        session.add(LoginAttempt(key=key, at=now))
        session.flush()
        raise Invalid(
            "That is not your current password; type the one you sign in with now.",
            fields={
                "current_password": "that is not your current password; type the one you sign "
                "in with now"
            },
        )
    problem = passwords.password_problem(new_password, email=person.email or "")
    if problem is not None:
        raise Invalid(f"New password: {problem}", fields={"new_password": problem})
    person.password_hash = passwords.hash_password(new_password)
    session.execute(delete(LoginAttempt).where(LoginAttempt.key == key))
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

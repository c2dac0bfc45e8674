"""People and their credentials."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from nightcramps.storage.base import Base, UTCDateTime, utcnow


class Person(Base):
    """One person whose nights are recorded; in local mode there is exactly one."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    """Sign-in name in accounts mode, stored lower-case; None for the local person."""
    password_hash: Mapped[str | None] = mapped_column(String(200))
    """argon2id hash; None for the local person, who never signs in."""
    display_name: Mapped[str] = mapped_column(String(100), default="")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(10))
    """'female' or 'male' as used by the reference-intake tables; None when not given."""
    pregnant: Mapped[bool] = mapped_column(Boolean, default=False)
    lactating: Mapped[bool] = mapped_column(Boolean, default=False)
    weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    """IANA zone in which this person's clock times are read and nights are dated."""
    timezone_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the person confirmed or chose their zone (the pages' notice, the profile, the API or
    the CLI); None while it is a guess (the computer's zone, or their browser's taken on the first
    visit), and the pages keep asking until it is confirmed."""
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    """True for the single person of local mode."""
    # Health conditions that change the advice (``nightcramps.conditions``). None is "not
    # answered", never "no": the advice then stays as it is for anyone.
    kidney_disease: Mapped[str | None] = mapped_column(String(20))
    """'no', 'yes_stage_unknown', 'stage_1_2', 'stage_3', 'stage_4', 'stage_5' or 'dialysis'."""
    liver_disease: Mapped[bool | None] = mapped_column(Boolean)
    diabetes: Mapped[bool | None] = mapped_column(Boolean)
    thyroid_disease: Mapped[bool | None] = mapped_column(Boolean)
    heart_failure: Mapped[bool | None] = mapped_column(Boolean)
    fluid_limit_ml: Mapped[int | None] = mapped_column(Integer)
    """A daily fluid limit a doctor set, in ml; None when none is recorded."""
    pregnancy_started_on: Mapped[date | None] = mapped_column(Date)
    """The local date of pregnancy week 0, from the week the person gave on the day they gave it,
    so that the week moves on by itself; read only while ``pregnant`` is true."""
    conditions_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the person last answered or confirmed the health questions; None while the pages
    still ask them to."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiToken(Base):
    """A personal access token for the HTTP API; only its SHA-256 digest is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When the token was last used, to the hour: it is written at most once an hour, so that a
    read with a token writes nothing (``accounts.service.TOKEN_TOUCH_EVERY``)."""
    scope: Mapped[str] = mapped_column(String(10), default="write")
    """'read' (GET, HEAD and OPTIONS only) or 'write' (everything the person may do, except
    making tokens)."""
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    """After this moment the token is refused (401). Every token has one: 1 to 365 days after it
    was made (90 by default); tokens made before expiry existed got 90 days from the upgrade."""


class BrowserSession(Base):
    """A browser's session: the cookie holds only a random id, this row its SHA-256 digest and
    what the session holds (CSRF token, flash messages, check-up answers, who signed in).

    Rows are written by ``web.sessions.ServerSessionMiddleware`` and ``accounts.sessions``.
    """

    __tablename__ = "browser_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 (hex) of the id in the cookie; the id itself is never stored."""
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    """Who signed in with it; None for an anonymous or local-mode session."""
    data: Mapped[str] = mapped_column(Text, default="{}")
    """The session's contents as JSON (``request.session``)."""
    user_agent: Mapped[str] = mapped_column(String(100), default="")
    """A short label of the browser it was made by ("Firefox on Linux"), for the list of
    sessions."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    """When the session was last used, to the hour (written at most once an hour)."""
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    """The end of its absolute lifetime (``session_max_age_days`` after sign-in); it also ends
    earlier when unused for ``session_idle_days``."""


class LoginAttempt(Base):
    """A counted sign-in or sign-up attempt, kept for the limits (shared by all app processes
    via the database)."""

    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), index=True)
    """What is counted, as ``kind:`` and a SHA-256 hex digest (``accounts.limits``), so no email
    or address is stored and any length fits: ``signin.email:``, ``signin.client:``,
    ``signin.pair:`` (a failed sign-in), ``signin.known:`` (a pair that signed in),
    ``signup.client:`` (a sign-up); ``password-change:<person id>`` (a wrong current password)."""
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

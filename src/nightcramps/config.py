"""Settings, read once from ``NIGHTCRAMPS_*`` environment variables (or passed in by tests).

Every field has a description; ``tests/test_docs.py`` checks that each one is in docs/settings.md.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from typing import Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


def default_data_dir() -> Path:
    """The per-user data directory (``~/.local/share/nightcramps`` on Linux)."""
    return Path(platformdirs.user_data_dir("nightcramps", appauthor=False))


def system_timezone() -> str:
    """This computer's IANA time zone (``TZ``, else ``/etc/localtime``), or UTC if unknown.

    A local diary should read "03:10" in the zone the person lives in without asking.
    """
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if not name:
            continue
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return name
    return "UTC"


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for a SQLite file."""
    return f"sqlite:///{path}"


class Settings(BaseSettings):
    """All settings of the app; environment variables are ``NIGHTCRAMPS_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="NIGHTCRAMPS_", extra="ignore")

    database_url: str = Field(
        default_factory=lambda: sqlite_url(default_data_dir() / "nightcramps.sqlite3"),
        description=(
            "SQLAlchemy URL of the database. Default: a SQLite file in the user's data directory. "
            "For PostgreSQL use postgresql+psycopg://user:password@host/dbname."
        ),
    )
    demo_database_url: str = Field(
        default_factory=lambda: sqlite_url(default_data_dir() / "demo.sqlite3"),
        description="Database that `nightcramps demo` fills with 90 example nights.",
    )
    accounts: bool = Field(
        default=False,
        description=(
            "Accounts mode: sign-up and sign-in, many people on one server. Off by default "
            "(local mode: one person, no login, loopback only)."
        ),
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description=(
            "Key that derives the CSRF tokens of anonymous visitors (sessions themselves are "
            "stored in the database). Required (at least 32 characters) in accounts mode; in "
            "local mode a random key is made at each start."
        ),
    )
    secure_cookies: bool = Field(
        default=True,
        description=(
            "Send the session cookie only over HTTPS in accounts mode. Turn off only for a test "
            "server without TLS."
        ),
    )
    allowed_hosts: list[str] = Field(
        default_factory=lambda: ["127.0.0.1", "localhost", "::1", "[::1]"],
        description=(
            "Host names the server answers to (protects a local server from DNS rebinding). "
            "In accounts mode add the server's public name."
        ),
    )
    night_cutover_hour: int = Field(
        default=12,
        ge=0,
        le=23,
        description=(
            "Local hour at which one night ends and the next begins: with 12, a cramp at "
            "03:10 on the 24th belongs to the night of the 23rd, and one at 22:00 to the "
            "night of the 24th."
        ),
    )
    day_start_hour: int = Field(
        default=4,
        ge=0,
        le=23,
        description=(
            "Local hour at which a day's food, drink and activity begin (the earlier of this "
            "and the night cut-over): with 4, a coffee at 00:30 on the 24th counts for the "
            "23rd, the day before the night of the 23rd."
        ),
    )
    import_dir: Path | None = Field(
        default=None,
        description=(
            "Folder where a file uploaded for import is streamed while it is read (deleted "
            "after). Default: the system's temporary folder. Give it room for the largest export."
        ),
    )
    default_timezone: str = Field(
        default_factory=system_timezone,
        description=(
            "IANA time zone for a new person's profile (each person can change theirs). "
            "Default: this computer's zone, or UTC."
        ),
    )
    undo_seconds: int = Field(
        default=600,
        ge=0,
        description="How long a deleted night or cramp can be restored before it is purged.",
    )
    login_attempts_per_15_min: int = Field(
        default=5,
        ge=1,
        description=(
            "Failed sign-ins for one email from one client address before each further attempt "
            "must wait: 1 s after the last failure, then 2 s, 4 s … up to 15 minutes. (The name "
            "is kept from the first, 15-minute lock: failures now count for 24 hours, and a "
            "successful sign-in clears them.)"
        ),
    )
    login_attempts_per_email: int = Field(
        default=20,
        ge=1,
        description=(
            "Failed sign-ins for one email, from any address, before its backoff starts. It "
            "does not hold an address that signed in to this email in the last 30 days."
        ),
    )
    login_attempts_per_client: int = Field(
        default=20,
        ge=1,
        description=(
            "Failed sign-ins from one client address (an IPv6 /64), for any email, before its "
            "backoff starts. It does not hold an address that signed in to the email in the last "
            "30 days."
        ),
    )
    signups_per_hour: int = Field(
        default=5,
        ge=1,
        description=(
            "New accounts (attempts with an email already used included) allowed per client "
            "address in an hour; more get 429 with Retry-After. Raise it for a clinic where many "
            "patients sign up from one network."
        ),
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description=(
            "Addresses or networks (e.g. 127.0.0.1, 10.0.0.0/8) of reverse proxies whose "
            "X-Forwarded-For names the client. Empty (the default): X-Forwarded-For is never "
            "believed and the client address is the connection's own."
        ),
    )
    session_max_age_days: int = Field(
        default=14,
        ge=1,
        le=365,
        description=(
            "Absolute lifetime of a browser session, in days: this long after signing in the "
            "person must sign in again, however often they use it."
        ),
    )
    session_idle_days: int = Field(
        default=7,
        ge=1,
        le=365,
        description=(
            "A browser session not used for this many days ends (sign in again); counted to "
            "the hour."
        ),
    )

    max_concurrent_requests: int = Field(
        default=8,
        ge=1,
        le=1000,
        description=(
            "Requests the server works on at once (each may hold a database connection); more "
            "wait their turn, holding nothing, for up to NIGHTCRAMPS_REQUEST_QUEUE_SECONDS and "
            "are then answered 503 with Retry-After. Must be below the connection pool's size."
        ),
    )
    request_queue_seconds: float = Field(
        default=5.0,
        ge=0,
        le=600,
        description=(
            "How long a request waits for its turn when NIGHTCRAMPS_MAX_CONCURRENT_REQUESTS are "
            "already being served, before it is answered 503 (busy, try again)."
        ),
    )
    database_pool_size: int = Field(
        default=10,
        ge=1,
        le=1000,
        description=(
            "Database connections each server process keeps open (SQLAlchemy pool_size). With "
            "PostgreSQL, processes × (pool size + overflow) must stay under the server's "
            "max_connections."
        ),
    )
    database_max_overflow: int = Field(
        default=4,
        ge=0,
        le=1000,
        description=(
            "Connections opened beyond the pool for a moment (closed when returned): the "
            "session reads and writes around requests, the background purge."
        ),
    )
    database_pool_timeout_s: float = Field(
        default=10.0,
        gt=0,
        le=600,
        description=(
            "How long a request waits for a free database connection before it is answered 503."
        ),
    )

    @model_validator(mode="after")
    def _pool_holds_the_requests(self) -> Self:
        # Each request served holds at most one connection, and the session middleware around it
        # needs one now and then: fewer connections than requests would make them wait on each
        # other (the 500s of issue #17).
        if self.database_pool_size + self.database_max_overflow <= self.max_concurrent_requests:
            raise ValueError(
                "NIGHTCRAMPS_DATABASE_POOL_SIZE + NIGHTCRAMPS_DATABASE_MAX_OVERFLOW must be more "
                "than NIGHTCRAMPS_MAX_CONCURRENT_REQUESTS (each request served holds a "
                "connection); raise the pool or lower the requests served at once"
            )
        return self

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_addresses(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ipaddress.ip_network(entry.strip())
            except ValueError as exc:
                raise ValueError(
                    f"{entry!r} is not an IP address or network; list your proxies' own "
                    'addresses, e.g. ["127.0.0.1", "::1"] or ["10.0.0.0/8"] (a network with '
                    "its host bits zero; '*' is refused: it would let any client name its address)"
                ) from exc
        return [entry.strip() for entry in value]

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown time zone {value!r}; use an IANA name such as Europe/London"
            ) from exc
        return value

    @model_validator(mode="after")
    def _refuse_weak_secret_with_accounts(self) -> Self:
        # A random per-process key is fine for one local person, but a server with accounts must
        # keep sessions valid across restarts and processes, so it needs a real configured key.
        key = self.secret_key.get_secret_value() if self.secret_key else ""
        if self.accounts and len(key) < 32:
            raise ValueError(
                "NIGHTCRAMPS_SECRET_KEY must be at least 32 characters when accounts are on; "
                "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        if self.secret_key is None:
            self.secret_key = SecretStr(secrets.token_urlsafe(32))
        return self

    @property
    def session_secret(self) -> str:
        """The key that signs session cookies (always set once validated)."""
        assert self.secret_key is not None
        return self.secret_key.get_secret_value()


class InvalidSettings(ValueError):
    """The settings cannot be used; the message names each variable and how to fix it, and
    never repeats a value (the secret key or a database password would be printed)."""


def describe_settings_error(exc: ValidationError | SettingsError) -> str:
    """One line per problem, ``NIGHTCRAMPS_<FIELD>: what to fix``, without the values given.

    pydantic's own text ends with ``input_value=...``, the values of all the settings read
    (``secret_key`` and ``database_url`` with its password among them), so only each error's
    location and message are used. A problem with the settings as a whole (accounts on with a
    short key) already names its variable.
    """
    if isinstance(exc, SettingsError):
        # "error parsing value for field "allowed_hosts" from source ...": a list not in JSON.
        field = str(exc).split('"')[1] if str(exc).count('"') >= 2 else "a setting"
        return (
            f"NIGHTCRAMPS_{field.upper()}: is not valid JSON; write a list as JSON, "
            'e.g. ["127.0.0.1", "example.org"]'
        )
    lines = []
    for error in exc.errors(include_input=False, include_url=False, include_context=False):
        message = str(error["msg"]).removeprefix("Value error, ")
        loc = error.get("loc") or ()
        lines.append(f"NIGHTCRAMPS_{str(loc[0]).upper()}: {message}" if loc else message)
    return "\n".join(lines)


def get_settings(**overrides: object) -> Settings:
    """Read the settings from the environment, with explicit overrides (used by the CLI and by
    ``create_app()`` without settings).

    Raises:
        InvalidSettings: a setting is not valid; its message names each problem's variable and
            its fix, and holds none of the values (raised from None, so that a traceback does
            not show pydantic's error with them either).
    """
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]
    except (ValidationError, SettingsError) as exc:
        raise InvalidSettings(describe_settings_error(exc)) from None

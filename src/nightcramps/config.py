"""Settings, read once from ``NIGHTCRAMPS_*`` environment variables (or passed in by tests).

Every field has a description; ``tests/test_docs.py`` checks that each one is in docs/settings.md.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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
            "Key that signs session cookies. Required (at least 32 characters) in accounts mode; "
            "in local mode a random key is made at each start."
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
        description="Failed sign-ins allowed per email and per client address in 15 minutes.",
    )

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


def get_settings(**overrides: object) -> Settings:
    """Read the settings from the environment, with explicit overrides (used by the CLI)."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]

"""The one exception hierarchy of NightCramps.

Services raise these; each edge translates them once: ``web/errors.py`` maps them to HTTP status
codes and ``cli/output.py`` to a message and an exit code. They know nothing about HTTP. Every
message is written for the person using the app and says how to fix the problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class NightcrampsError(Exception):
    """Base class: ``message`` is shown to people; ``fields`` maps input names to problems."""

    def __init__(self, message: str, *, fields: Mapping[str, str] | None = None, **extra: Any):
        super().__init__(message)
        self.message = message
        self.fields: dict[str, str] = dict(fields or {})
        self.extra = extra


class NotFound(NightcrampsError):
    """The thing asked for does not exist, or belongs to someone else (never say which)."""


class Invalid(NightcrampsError):
    """The input cannot be accepted as it is; the message says what to change."""


class Conflict(NightcrampsError):
    """The input is valid but clashes with what is stored (for example a duplicate)."""


class NotAllowed(NightcrampsError):
    """The person is not signed in, or may not do this."""


class Forbidden(NightcrampsError):
    """The person is known, but what they sent may not do this (a read-only token writing, a
    token making a token); the message says what to use instead."""


class TooManyAttempts(NightcrampsError):
    """Too many attempts in a short time (sign-in rate limit)."""

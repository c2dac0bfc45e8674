"""Helpers the day log's pages and API share: safe redirects, refusals shown on a page (each
problem named by the field's label on the page, with how to fix it: ``nightcramps.web.forms``),
the days a page may show, and the undo link of a new entry."""

from __future__ import annotations

from datetime import date
from typing import Any

from nightcramps.daylog import service as daylog_service
from nightcramps.errors import Conflict, Invalid, NightcrampsError
from nightcramps.owner import Owner
from nightcramps.web.forms import PageField, PageForm, page_problems, refusal_problems

__all__ = [
    "PageField",
    "PageForm",
    "fields_to_fix",
    "page_problems",
    "refusal_problems",
    "safe_next",
    "status_of",
    "undo_create",
    "viewable_day",
]


def safe_next(value: Any, fallback: str) -> str:
    """A local path to return to (never another site)."""
    if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
        return value
    return fallback


def fields_to_fix(exc: NightcrampsError, default_field: str) -> dict[str, str]:
    """What to fix, by form field, for a refused write (the whole message on ``default_field``
    when the refusal names no field)."""
    return exc.fields or {default_field: exc.message}


def status_of(exc: NightcrampsError) -> int:
    """The status a page answers a refused write with: 409 for a conflict, else 422."""
    return 409 if isinstance(exc, Conflict) else 422


def viewable_day(day: date, owner: Owner) -> date:
    """``day`` if a page or the API may show it (it has begun and is not implausibly old).

    Raises:
        Invalid: the day has not begun yet, or is before 1900.
    """
    if day > daylog_service.today(owner=owner):
        raise Invalid(f"{day.isoformat()} has not begun yet; open today or an earlier day.")
    if day.year < 1900:
        raise Invalid(f"{day.isoformat()} is too long ago; check the year.")
    return day


def undo_create(kind: str, entry_id: int) -> str:
    """The form action that undoes logging an entry (it deletes it)."""
    return f"/entries/{kind}/{entry_id}/delete"

"""Helpers the day log's pages and API share: safe redirects, refusals shown on a page (each
problem named by the field's label on the page, with how to fix it), the days a page may show,
and the undo link of a new entry."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nightcramps.daylog import service as daylog_service
from nightcramps.errors import Conflict, Invalid, NightcrampsError
from nightcramps.owner import Owner


def safe_next(value: Any, fallback: str) -> str:
    """A local path to return to (never another site)."""
    if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
        return value
    return fallback


def fields_to_fix(exc: NightcrampsError, default_field: str) -> dict[str, str]:
    """What to fix, by form field, for a refused write (the whole message on ``default_field``
    when the refusal names no field)."""
    return exc.fields or {default_field: exc.message}


@dataclass(frozen=True, slots=True)
class PageField:
    """A form input as the page labels it, and how to fill it in."""

    label: str
    fix: str


@dataclass(frozen=True, slots=True)
class PageForm:
    """A page's form: its inputs by ``name``, which input a schema field is typed in, and the
    input that answers for the form as a whole (a problem of two fields together, said as
    ``whole_form_fix``)."""

    fields: Mapping[str, PageField]
    whole_form: str
    whole_form_fix: str = ""
    aliases: Mapping[str, str] = field(default_factory=dict)

    def input_of(self, key: str) -> str:
        """The input a problem with schema field ``key`` belongs to."""
        name = self.aliases.get(key, key)
        return name if name in self.fields else self.whole_form

    def label(self, name: str) -> str:
        """The label of input ``name``."""
        return self.fields[name].label


def _add(problems: dict[str, str], name: str, text: str) -> None:
    problems[name] = f"{problems[name]} {text}" if name in problems else text


def page_problems(form: PageForm, problems: Mapping[str, str]) -> dict[str, str]:
    """Validation problems (by schema field) as ``{input name: "Label: how to fix"}``.

    A problem with one input says how to fill that input in; a problem with the form as a whole
    (e.g. a stop date before the start date) is said on ``form.whole_form``.
    """
    result: dict[str, str] = {}
    for key, problem in problems.items():
        name = form.input_of(key)
        if form.aliases.get(key, key) in form.fields:
            text = form.fields[name].fix
        else:
            text = form.whole_form_fix or _sentence(problem)
        if name not in result:
            _add(result, name, f"{form.label(name)}: {text}")
        elif text not in result[name]:
            _add(result, name, text)
    return result


def refusal_problems(form: PageForm, exc: NightcrampsError) -> dict[str, str]:
    """A refused write as ``{input name: "Label: the refusal"}`` (the refusal says how to fix)."""
    result: dict[str, str] = {}
    for key in exc.fields or {form.whole_form: exc.message}:
        name = form.input_of(key)
        result.setdefault(name, f"{form.label(name)}: {exc.message}")
    return result


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


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

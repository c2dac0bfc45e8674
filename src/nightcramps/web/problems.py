"""Pydantic's validation errors in words for people: what to do about each value ("give a whole
number from 0 to 10", "choose left, right or both", "there is no 30 February 2026"), never
pydantic's sentence, a regular expression or a type name. Pages then say them after the field's
label (``nightcramps.web.forms``); the JSON API after the field's key."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from nightcramps.web.forms import ValidationProblem

PATTERN_WORDS = {
    r"^\d{4}-\d{2}$": "write it as YYYY-MM, e.g. 2026-11",
    r"^\d{1,2}:\d{2}(:\d{2})?$": "write it as HH:MM, e.g. 21:30",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "give an email address, e.g. name@example.com",
    r"^[a-z]+:[A-Za-z0-9_-]+$": "give a food id as the search gives it, e.g. usda:09040",
}
"""How to write a value that must match a pattern, said without the pattern itself."""

_CHOICE_PATTERN = re.compile(r"^\^\(([\w|-]+)\)\$$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMBER_ERRORS = frozenset({
    "greater_than", "greater_than_equal", "less_than", "less_than_equal", "int_parsing",
    "int_type", "int_from_float", "float_parsing", "float_type", "decimal_parsing",
    "decimal_type", "finite_number", "multiple_of",
})  # fmt: skip
_DATE_ERRORS = frozenset({"date_parsing", "date_from_datetime_parsing", "date_type",
                          "date_from_datetime_inexact"})  # fmt: skip
_DATETIME_ERRORS = frozenset({"datetime_parsing", "datetime_from_date_parsing", "datetime_type"})
_FIXED = {
    "time_parsing": "give a time as HH:MM, e.g. 03:10",
    "time_type": "give a time as HH:MM, e.g. 03:10",
    "timezone_aware": "give the time with its zone, e.g. 2026-11-24T03:10:00+00:00",
    "bool_parsing": "answer yes or no (true or false)",
    "bool_type": "answer yes or no (true or false)",
    "extra_forbidden": "is not a field this accepts; remove it",
}


def describe_validation_errors(errors: Any, model: type[BaseModel] | None = None) -> dict[str, str]:
    """Turn pydantic error entries into ``{field: what to fix}``, in words for people.

    The words say how to fix the value ("give a whole number from 0 to 10", "choose left, right
    or both"), never pydantic's wording, a regular expression or a type name. With ``model`` a
    number's whole range is said, not only the bound it broke. Each problem is a
    ``ValidationProblem``, so that a page can say its own fix for the field instead.
    """
    fields: dict[str, str] = {}
    for error in errors:
        if error.get("type") == "json_invalid":
            where = error.get("loc", ("body", 0))[-1]
            reason = (error.get("ctx") or {}).get("error", "it does not parse")
            fields.setdefault(
                "body",
                ValidationProblem(
                    f"is not valid JSON ({reason}, at character {where}); check the quotes, "
                    "commas and braces (the fields are described in /openapi.json)"
                ),
            )
            continue
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query")]
        name = ".".join(location) or "input"
        field = _model_field(model, location)
        fields.setdefault(name, ValidationProblem(describe_problem(error, field)))
    return fields


def _model_field(model: type[BaseModel] | None, location: list[str]) -> FieldInfo | None:
    if model is None or not location:
        return None
    return model.model_fields.get(location[0])


def describe_problem(error: Mapping[str, Any], field: FieldInfo | None = None) -> str:
    """What to do about one pydantic error entry, e.g. "give a whole number from 0 to 10"."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in _NUMBER_ERRORS:
        bounds = {**_bounds(field), **{k: ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx}}
        whole = kind.startswith("int") or _is_int(field)
        return ("give a whole number" if whole else "give a number") + _range(bounds)
    if kind in ("missing", "literal_error", "enum"):
        choices = str(ctx.get("expected", "")) or _choices(field)
        if choices:
            return "choose " + choices.replace("'", "")
        return "is required"
    if kind == "string_too_long":
        return f"use at most {ctx.get('max_length', 0):,} characters"
    if kind == "string_too_short":
        least = int(ctx.get("min_length", 1))
        return "is required" if least <= 1 else f"use at least {least:,} characters"
    if kind == "too_long":
        return f"give at most {ctx.get('max_length', 0):,}"
    if kind == "string_pattern_mismatch":
        return _pattern_words(str(ctx.get("pattern", "")))
    if kind in _DATE_ERRORS:
        return _no_such_day(error.get("input")) or "give a date as YYYY-MM-DD, e.g. 2026-11-24"
    if kind in _DATETIME_ERRORS:
        return _no_such_day(error.get("input")) or (
            "give a date and time as YYYY-MM-DD HH:MM, e.g. 2026-11-24 03:10"
        )
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in ("value_error", "assertion_error"):
        return str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    message = str(error.get("msg", "is not valid"))
    return re.sub(r"^Input should be", "should be", message)


def _constraints(field: FieldInfo | None) -> list[Any]:
    """The constraint objects of a field, also those inside ``Annotated[...] | None``."""
    if field is None:
        return []
    found: list[Any] = []
    pending: list[Any] = [*field.metadata, field.annotation]
    while pending:
        item = pending.pop()
        if isinstance(item, FieldInfo):
            pending.extend(item.metadata)
        elif hasattr(item, "__metadata__"):
            pending.extend(item.__metadata__)
            pending.extend(get_args(item)[:1])
        elif get_args(item) and get_origin(item) is not Literal:
            pending.extend(get_args(item))
        else:
            found.append(item)
    return found


def _bounds(field: FieldInfo | None) -> dict[str, Any]:
    bounds: dict[str, Any] = {}
    for item in _constraints(field):
        for key in ("ge", "gt", "le", "lt"):
            if not isinstance(item, type) and getattr(item, key, None) is not None:
                bounds[key] = getattr(item, key)
    return bounds


def _is_int(field: FieldInfo | None) -> bool:
    leaves = _constraints(field)
    return int in leaves and float not in leaves


def _choices(field: FieldInfo | None) -> str:
    """A Literal field's values as "left, right or both"."""
    if field is None:
        return ""
    pending: list[Any] = [field.annotation]
    while pending:
        item = pending.pop()
        if get_origin(item) is Literal:
            values = [str(v) for v in get_args(item)]
            return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else values[0]
        pending.extend(get_args(item))
    return ""


def _number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{float(value):,g}"


def _range(bounds: Mapping[str, Any]) -> str:
    """ " from 0 to 10", " above 0, up to 240", " of at least 1,900", " up to 10" or ""."""
    low = {"ge": "from {}", "gt": "above {}"}
    high = {"le": "up to {}", "lt": "below {}"}
    lows = [text.format(_number(bounds[k])) for k, text in low.items() if k in bounds]
    highs = [text.format(_number(bounds[k])) for k, text in high.items() if k in bounds]
    if lows and highs:
        if "ge" in bounds and "le" in bounds:
            return f" from {_number(bounds['ge'])} to {_number(bounds['le'])}"
        return f" {lows[-1]}, {highs[-1]}"
    if lows:
        return " " + lows[-1].replace("from", "of at least")
    return f" {highs[-1]}" if highs else ""


def _pattern_words(pattern: str) -> str:
    if pattern in PATTERN_WORDS:
        return PATTERN_WORDS[pattern]
    choice = _CHOICE_PATTERN.match(pattern)
    if choice:
        values = choice.group(1).split("|")
        return "choose " + ", ".join(values[:-1]) + " or " + values[-1]
    return "is not written the way this field expects"


def _no_such_day(value: Any) -> str:
    """For a date like 2026-02-30: "there is no 30 February 2026" (else empty)."""
    match = _ISO_DATE.match(str(value or ""))
    if match is None:
        return ""
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}; write the date as YYYY-MM-DD, e.g. {year}-11-24"
    try:
        date(year, month, day)
    except ValueError:
        return f"there is no {day} {calendar.month_name[month]} {year}; check the day"
    return ""


def summary(fields: Mapping[str, str]) -> str:
    """One sentence naming every problem by field, for a message above the form or in JSON."""
    parts = [f"{name}: {problem}" for name, problem in fields.items()]
    return "Please fix: " + "; ".join(parts) + "."

"""The base of every schema that reads what a person sends (API bodies, forms, CLI options),
and the helpers that give the JSON API one shape in and out (docs/api.md).

What ``GET`` returns, ``POST`` and ``PATCH``/``PUT`` accept under the same names:

- a field whose input name differed from its output name takes the output name, and its old name
  is still read (:func:`renamed`; the OpenAPI document lists it as deprecated);
- a field the server computes (a count, a total, an id) is accepted and ignored
  (:func:`read_only`), so that a GET body can be sent back with one field edited;
- a field a write cannot change (an id in the address, the kind of an entry) is accepted when it
  holds the stored value and refused otherwise (:func:`check_unchanged`);
- a change applies only what it sends with another value than the stored one
  (:func:`changes_to`), so a GET body sent back with one field edited changes that field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any, TypeVar, cast, get_args

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from nightcramps.errors import Invalid

NUL = "\x00"


def refuse_nul(value: Any) -> Any:
    """Refuse text holding NUL: PostgreSQL text cannot store it, and no one types it."""
    texts = value if isinstance(value, list | tuple | set) else [value]
    if any(isinstance(text, str) and NUL in text for text in texts):
        raise ValueError("contains a NUL character (\\x00); remove it")
    return value


def _accepts_bool(annotation: Any) -> bool:
    """Whether ``bool`` is one of the types an annotation allows (through unions and Annotated)."""
    if annotation is bool:
        return True
    return any(_accepts_bool(arg) for arg in get_args(annotation))


def _leaves(annotation: Any) -> set[Any]:
    """The plain types an annotation allows (through unions and Annotated)."""
    args = get_args(annotation)
    if not args:
        return {annotation}
    return set().union(*(_leaves(arg) for arg in args))


@cache
def _date_kind(model: type[BaseModel], name: str) -> str | None:
    """ "date" or "datetime" for a field that takes only dates or moments (no number), else None."""
    leaves = _leaves(model.model_fields[name].annotation)
    if leaves & {int, float}:
        return None
    if datetime in leaves:
        return "datetime"
    return "date" if date in leaves else None


_NUMBER_TEXT = re.compile(r"\s*[+-]?\d+(\.\d*)?\s*")

DATE_AS_NUMBER = {
    "date": 'give the date as text, YYYY-MM-DD (e.g. "2026-11-24"), not a number',
    "datetime": 'give the date and time as text, e.g. "2026-11-24T03:10:00Z", not a number',
}
"""What is said of a number sent as a date: pydantic would read it as seconds since 1970."""


def refuse_number_dates(value: Any, kind: str = "date") -> Any:
    """Refuse a number (or a text of digits) where a date belongs: pydantic reads ``0`` and
    ``"0"`` as 1 January 1970 (Unix time), which nobody means by a night."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number or (isinstance(value, str) and _NUMBER_TEXT.fullmatch(value)):
        raise ValueError(DATE_AS_NUMBER[kind])
    return value


IsoDate = Annotated[date, BeforeValidator(refuse_number_dates)]
"""A date that must be sent as ``YYYY-MM-DD`` text (for query and path parameters; every field
of an :class:`Input` gets the same check without it)."""


def renamed(canonical: str, *old: str) -> AliasChoices:
    """The names a renamed field is read under: ``canonical`` (the name GET returns) first, then
    its old input names, still accepted and documented as deprecated.

    The Python attribute keeps its old name, so services and forms are unaffected::

        at: datetime | None = Field(default=None, validation_alias=renamed("started_at", "at"))
    """
    return AliasChoices(canonical, *old)


def read_only(description: str) -> Any:
    """A field GET returns that no write sets (the server computes it): accepted with any value
    of its type and ignored, so a GET body can be sent back. ``model_dump`` leaves it out."""
    return Field(
        default=None,
        exclude=True,
        description=f"Read-only: {description} Accepted and ignored on input.",
        json_schema_extra={"readOnly": True},
    )


def fixed(description: str) -> Any:
    """A field GET returns that this write cannot change (an id, a kind): accepted when it holds
    the stored value; the route refuses another value with :func:`check_unchanged`."""
    return Field(
        default=None,
        exclude=True,
        description=f"{description} Accepted when it is the stored value; cannot be changed here.",
        json_schema_extra={"readOnly": True},
    )


def deprecated(instead: str, **field: Any) -> Any:
    """An old input field that a canonical one replaces: still read, documented as deprecated.

    (Not pydantic's ``deprecated=``: that warns whenever the attribute is read, and the services
    read these attributes.)
    """
    description = field.pop("description", "")
    return Field(
        **field,
        description=f"Deprecated: use `{instead}`. {description}".strip(),
        json_schema_extra={"deprecated": True},
    )


@cache
def _renamings(model: type[BaseModel]) -> dict[str, list[str]]:
    """``{canonical name: [old names]}`` of the renamed fields of ``model``."""
    names: dict[str, list[str]] = {}
    for field in model.model_fields.values():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices) and len(alias.choices) > 1:
            canonical, *old = (c for c in alias.choices if isinstance(c, str))
            names[canonical] = old
    return names


def _document_old_names(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """List each old name of a renamed field in the JSON schema, marked deprecated."""
    properties = schema.get("properties", {})
    for canonical, old_names in _renamings(model).items():
        if canonical not in properties:
            continue
        for old in old_names:
            entry = {k: v for k, v in properties[canonical].items() if k != "title"}
            entry["description"] = f"Deprecated: the old name of `{canonical}`; still read."
            entry["deprecated"] = True
            properties[old] = entry


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def check_unchanged(name: str, given: Any, stored: Any, *, how: str) -> None:
    """Refuse a value that a write cannot change when it differs from the stored one.

    ``given`` None means the field was not sent (or sent as null): nothing to check.

    Raises:
        Invalid: ``given`` is not ``stored``; the message says what to do instead (``how``).
    """
    if given is not None and given != stored:
        raise Invalid(
            f"{name} is {_json(stored)} here, not {_json(given)}, and cannot be changed "
            f"with this request; {how}.",
            fields={name: "cannot be changed"},
        )


def _wire_name(name: str, field: FieldInfo) -> str:
    """The name a field is sent and returned under (the first of a renamed field's names)."""
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        first = alias.choices[0]
        return first if isinstance(first, str) else name
    return alias if isinstance(alias, str) else name


InputT = TypeVar("InputT", bound="Input")


def changes_to(
    update: InputT, stored: BaseModel, *, keep_with: Mapping[str, Collection[str]] | None = None
) -> InputT:
    """``update`` less the fields it sends with the value ``stored`` (the GET body) has for them.

    A GET body sent back with one field edited then changes that field only: a time sent back
    as it was does not move an entry, an amount sent back does not rescale it, and a day sent
    back as it was does not stop a new time from moving the entry. ``keep_with`` maps a field to
    others that are kept with it when it changes (``{"day": ["at"]}``: a new day with the time
    sent back goes to the service, which refuses them if they disagree).
    """
    fields = type(update).model_fields
    current = dict(stored)
    kept = {
        name
        for name in update.model_fields_set
        if (wire := _wire_name(name, fields[name])) not in current
        or getattr(update, name) != current[wire]
    }
    for name, partners in (keep_with or {}).items():
        if name in kept:
            kept |= update.model_fields_set & set(partners)
    values = {name: getattr(update, name) for name in kept}
    return cast(InputT, type(update).model_construct(_fields_set=kept, **values))


class Input(BaseModel):
    """Unknown fields are refused (a typo is an error, not silently dropped), and so is NUL.

    A JSON ``true`` where a number belongs is refused too: pydantic would otherwise store it as 1
    (a severity of ``true`` is a mistake, not a 1).

    A renamed field (:func:`renamed`) may be sent under its new or its old name, or under both
    when they hold the same value (a GET body with the old name added); two different values are
    refused.
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra=_document_old_names)

    @model_validator(mode="before")
    @classmethod
    def _one_value_per_field(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        for canonical, old_names in _renamings(cls).items():
            given = [name for name in (canonical, *old_names) if name in data]
            if len(given) < 2:
                continue
            if len({_json(data[name]) for name in given}) > 1:
                raise ValueError(
                    f"give {canonical} only ({', '.join(given[1:])} is its old name), "
                    "not both with different values"
                )
            data = {k: v for k, v in data.items() if k not in given[1:]}
        return data

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul_and_bool_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bool) and info.field_name is not None:
            field = cls.model_fields[info.field_name]
            if not _accepts_bool(field.annotation):
                raise ValueError("expects a number or text, not true or false")
        if info.field_name is not None and (kind := _date_kind(cls, info.field_name)):
            refuse_number_dates(value, kind)
        return refuse_nul(value)

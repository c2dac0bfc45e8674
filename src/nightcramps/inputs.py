"""The base of every schema that reads what a person sends (API bodies, forms, CLI options)."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

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


class Input(BaseModel):
    """Unknown fields are refused (a typo is an error, not silently dropped), and so is NUL.

    A JSON ``true`` where a number belongs is refused too: pydantic would otherwise store it as 1
    (a severity of ``true`` is a mistake, not a 1).
    """

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul_and_bool_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bool) and info.field_name is not None:
            field = cls.model_fields[info.field_name]
            if not _accepts_bool(field.annotation):
                raise ValueError("expects a number or text, not true or false")
        return refuse_nul(value)

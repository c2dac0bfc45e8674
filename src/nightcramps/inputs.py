"""The base of every schema that reads what a person sends (API bodies, forms, CLI options)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

NUL = "\x00"


def refuse_nul(value: Any) -> Any:
    """Refuse text holding NUL: PostgreSQL text cannot store it, and no one types it."""
    texts = value if isinstance(value, list | tuple | set) else [value]
    if any(isinstance(text, str) and NUL in text for text in texts):
        raise ValueError("contains a NUL character (\\x00); remove it")
    return value


class Input(BaseModel):
    """Unknown fields are refused (a typo is an error, not silently dropped), and so is NUL."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_nul(cls, value: Any) -> Any:
        return refuse_nul(value)

"""Profiles and credentials as the API, forms and CLI exchange them."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from nightcramps import conditions, timing
from nightcramps.accounts import zones
from nightcramps.conditions import KidneyStatus
from nightcramps.inputs import Input, fixed, read_only

Sex = Literal["female", "male"]


def _current_year() -> int:
    return timing.utcnow().year


class ProfileUpdate(Input):
    """A person's profile; later features derive reference intakes from it."""

    display_name: str | None = Field(default=None, max_length=100)
    birth_year: int | None = Field(default=None, ge=1900)
    sex: Sex | None = None
    pregnant: bool | None = None
    lactating: bool | None = None
    weight_kg: float | None = Field(default=None, gt=20, le=400)
    timezone: str | None = None
    email: str | None = fixed("The account's sign-in email.")
    age: int | None = read_only("whole years, from birth_year.")
    kidney_disease: KidneyStatus | None = Field(
        default=None, description="Kidney disease and its stage, or dialysis; null: not answered."
    )
    liver_disease: bool | None = Field(default=None, description="Null: not answered.")
    diabetes: bool | None = Field(default=None, description="Null: not answered.")
    thyroid_disease: bool | None = Field(default=None, description="Null: not answered.")
    heart_failure: bool | None = Field(default=None, description="Null: not answered.")
    fluid_limit_ml: int | None = Field(
        default=None,
        ge=conditions.FLUID_LIMIT_MIN_ML,
        le=conditions.FLUID_LIMIT_MAX_ML,
        description="A daily fluid limit your doctor set, in ml; null: none recorded.",
    )
    pregnancy_week: int | None = Field(
        default=None,
        ge=conditions.PREGNANCY_WEEK_MIN,
        le=conditions.PREGNANCY_WEEK_MAX,
        description="This week of pregnancy (needs pregnant); it then moves on by itself. Sent "
        "back unchanged, it keeps the stored date.",
    )
    pregnancy_week_stale: bool | None = read_only(
        "true when the week computed is past 43 (give the week again)."
    )
    conditions_reviewed_at: datetime | None = read_only(
        "when the health answers were last answered or changed."
    )

    @field_validator("birth_year")
    @classmethod
    def _not_future(cls, value: int | None) -> int | None:
        if value is not None and value > _current_year():
            raise ValueError("birth year is in the future")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        return None if value is None else known_zone(value)

    @model_validator(mode="after")
    def _pregnancy_needs_female(self) -> ProfileUpdate:
        if self.sex == "male" and (self.pregnant or self.lactating):
            raise ValueError("pregnant or lactating applies only with sex 'female'")
        return self


class ProfilePublic(BaseModel):
    """The profile as shown back."""

    display_name: str
    email: str | None
    birth_year: int | None
    age: int | None
    sex: Sex | None
    pregnant: bool
    lactating: bool
    weight_kg: float | None
    timezone: str
    kidney_disease: KidneyStatus | None
    liver_disease: bool | None
    diabetes: bool | None
    thyroid_disease: bool | None
    heart_failure: bool | None
    fluid_limit_ml: int | None
    pregnancy_week: int | None = Field(
        description="This week of pregnancy, counted on from the week given; null when not "
        "pregnant, not given or out of date (see pregnancy_week_stale)."
    )
    pregnancy_week_stale: bool = Field(
        description="The week given has run past 43: give the current week again."
    )
    conditions_reviewed_at: datetime | None = Field(
        description="When the health answers were last answered or changed (UTC); null: the "
        "pages still ask for them."
    )


class SignUp(Input):
    """A new account in accounts mode."""

    email: str = Field(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    password: str = Field(
        min_length=10,
        max_length=256,
        description="10 to 256 characters; not only spaces, not one character repeated, not the "
        "email, not a common or easily guessed password.",
    )
    timezone: str = "UTC"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return known_zone(value)


def known_zone(value: str) -> str:
    """The zone name stored for ``value`` (old names become the place they link to).

    Raises:
        ValueError: not a time zone (what the API and CLI report; pages word it themselves).
    """
    zone = zones.canonical_zone(value)
    if zone is None:
        raise ValueError(
            f"unknown time zone {value!r}; use a name like Europe/London or America/New_York"
        )
    return zone

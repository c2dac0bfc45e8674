"""What the insights return (CLI --json, the API and the page share these)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Verdict = Literal["likely trigger", "likely protective", "no clear link", "not enough data"]


class FactorInsight(BaseModel):
    """One factor: the odds ratio of its high arm vs its low arm, and what to make of it."""

    factor: str = Field(description="The daily-CSV column (or exertion_ratio, medicine_started).")
    effect: float | None = Field(
        description="Adjusted odds ratio of a cramp night, high vs low arm (null: not analysed)."
    )
    ci_low: float | None = Field(description="95% interval, lower end.")
    ci_high: float | None = Field(description="95% interval, upper end.")
    q_value: float | None = Field(description="Benjamini-Hochberg adjusted p value.")
    verdict: Verdict
    explanation: str


class ReasonPublic(BaseModel):
    """Something that moves tonight's risk."""

    factor: str
    label: str
    direction: Literal["raises", "lowers"]
    odds_multiplier: float


class AdvicePublic(BaseModel):
    """Something to do tonight, with the evidence behind it."""

    text: str
    url: str | None
    evidence: str


class CalibrationPublic(BaseModel):
    """Forecasts scored on nights the model had not seen (rolling origin), vs the base rate."""

    nights_evaluated: int
    brier: float | None
    brier_base: float | None
    brier_skill: float | None = Field(
        description="1 - brier / brier_base; above 0 beats the base rate."
    )
    log_loss: float | None
    log_loss_base: float | None


class TonightPublic(BaseModel):
    """Tonight's forecast and what to do about it."""

    night_of: date
    probability: float = Field(ge=0, le=1)
    base_rate: float = Field(
        ge=0, le=1, description="Your share of cramp nights (shrunk toward 30% while few)."
    )
    level: Literal["lower", "usual", "higher"]
    nights_used: int
    reasons: list[ReasonPublic]
    advice: list[AdvicePublic]
    calibration: CalibrationPublic
    method: str


class InsightsPublic(BaseModel):
    """The trigger analysis and tonight's risk of one person."""

    nights_used: int = Field(description="Nights with a known outcome in the analysis window.")
    cramp_nights: int
    factors: list[FactorInsight]
    tonight: TonightPublic

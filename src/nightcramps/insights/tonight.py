"""Tonight's risk: a probability from the person's own model, shrunk toward the base rate.

Pure. A logistic model with Gaussian priors (a ridge / maximum a posteriori fit):

    logit P(cramp night) = a + c1 * previous night + c2 * previous week's share of cramp nights
                           + sum_j b_j * [day in factor j's high arm]   (centred)

Features are centred on the training nights, so ``a`` is the person's typical log-odds; its prior
is the population rate (``PRIOR_CRAMP_NIGHT_RATE``) and every other coefficient has a prior
centred on "no effect". With few nights the forecast therefore stays near the base rate and only
moves as the person's own data earn it. A factor not known today contributes nothing (it sits at
the average), never a made-up 0.

Calibration is checked on nights the model has not seen: a rolling origin refits on the nights
before each evaluated night (refitting weekly) and scores the forecast against the person's base
rate with the Brier score and log loss.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from nightcramps.insights.factors import FACTORS, Factor
from nightcramps.insights.series import NightSeries
from nightcramps.insights.stats import (
    Array,
    Index,
    brier_score,
    expit,
    fit_logistic,
    log_loss,
    logit,
)

PRIOR_CRAMP_NIGHT_RATE = 0.3
"""Before a person's own nights say otherwise, about 2 nights in 7 have a cramp. Placebo arms of
the magnesium trials averaged 4.7 cramps a week (Garrison et al., Cochrane CD009402, 2020), and
cramps cluster on fewer nights than that; the prior is wide (``INTERCEPT_PRIOR_SD``) so a few
weeks of diary outweigh it."""

INTERCEPT_PRIOR_SD = 1.0
"""On the log-odds scale: the prior rate could plausibly be anywhere from about 6% to 75%."""

COEF_PRIOR_SD = 0.25
"""Weakly informative prior on each effect (log-odds): odds ratios beyond about 0.37-2.7 need
evidence (Gelman et al., Ann Appl Stat 2008 recommend weakly informative priors for logistic
regression). It is what shrinks tonight's forecast toward the base rate while data are few."""

MIN_TRAINING_NIGHTS = 28
"""No personal forecast before 4 weeks of known nights: the base rate is all there is."""

EVALUATION_NIGHTS = 365
"""Calibration is scored on (up to) the most recent year, nights the model had not seen."""

REFIT_EVERY = 7
"""The rolling origin refits weekly (each fit warm-started from the previous one)."""

MIN_EVALUATED_NIGHTS = 14
"""Below this, Brier score and log loss are too noisy to report."""

TOP_REASONS = 3


@dataclass(frozen=True, slots=True)
class Feature:
    """One column of the tonight model."""

    key: str
    label_high: str
    label_low: str
    factor: Factor | None = None


HISTORY_FEATURES = (
    Feature("prev", "a cramp last night", "no cramp last night"),
    Feature("recent", "more cramp nights than usual this week", "fewer cramp nights this week"),
    Feature("month", "more cramp nights than usual lately", "fewer cramp nights lately"),
)


@dataclass(slots=True)
class Reason:
    """Something that moves tonight's risk, and by how much (odds multiplier)."""

    factor: str
    label: str
    direction: str
    """raises or lowers"""
    odds_multiplier: float


@dataclass(slots=True)
class Calibration:
    """Scores of forecasts made on nights the model had not seen."""

    nights_evaluated: int
    brier: float | None = None
    brier_base: float | None = None
    brier_skill: float | None = None
    log_loss: float | None = None
    log_loss_base: float | None = None


@dataclass(slots=True)
class Tonight:
    """Tonight's forecast."""

    probability: float
    base_rate: float
    nights_used: int
    reasons: list[Reason] = field(default_factory=list)
    calibration: Calibration | None = None


def _raw_features(series: NightSeries, factors: list[Factor]) -> Array:
    columns = [series.prev, series.recent, series.month]
    for factor in factors:
        x = series.factors[factor.key]
        high = (x >= factor.high.low) & (x < factor.high.high)
        low = (x >= factor.low.low) & (x < factor.low.high)
        columns.append(np.where(high, 1.0, np.where(low, 0.0, np.nan)))
    return np.column_stack(columns)


def _usable_factors(series: NightSeries, train: Index) -> list[Factor]:
    usable = []
    known_y = ~np.isnan(series.y[train])
    for factor in FACTORS:
        x = series.factors[factor.key][train][known_y]
        high = int(((x >= factor.high.low) & (x < factor.high.high)).sum())
        low = int(((x >= factor.low.low) & (x < factor.low.high)).sum())
        if min(high, low) >= 5:
            usable.append(factor)
    return usable


@dataclass(frozen=True, slots=True)
class _Model:
    coef: Array
    means: Array
    factors: list[Factor]

    def design(self, raw: Array) -> Array:
        centred = np.where(np.isnan(raw), 0.0, raw - self.means)
        return np.column_stack([np.ones(len(raw)), centred])

    def contributions(self, raw_row: Array) -> Array:
        centred = np.where(np.isnan(raw_row), 0.0, raw_row - self.means)
        result: Array = self.coef[1:] * centred
        return result


def _fit(series: NightSeries, rows: Index, start: Array | None = None) -> _Model | None:
    """Fit on the nights ``rows`` (indices with known outcome)."""
    factors = _usable_factors(series, rows)
    raw = _raw_features(series, factors)[rows]
    means = np.array([np.nanmean(c) if np.isfinite(c).any() else 0.0 for c in raw.T])
    model = _Model(coef=np.zeros(raw.shape[1] + 1), means=means, factors=factors)
    x = model.design(raw)
    y = series.y[rows]
    prior_mean = np.zeros(x.shape[1])
    prior_mean[0] = logit(PRIOR_CRAMP_NIGHT_RATE)
    prior_sd = np.full(x.shape[1], COEF_PRIOR_SD)
    prior_sd[0] = INTERCEPT_PRIOR_SD
    if start is not None and len(start) != x.shape[1]:
        start = None
    fit = fit_logistic(x, y, prior_sd=prior_sd, prior_mean=prior_mean, start=start)
    return _Model(coef=fit.coef, means=means, factors=factors)


def _predict(model: _Model, series: NightSeries, index: int) -> float:
    raw = _raw_features(series, model.factors)[index : index + 1]
    return float(expit(model.design(raw) @ model.coef)[0])


def _base_rate(y: Array) -> float:
    known = y[~np.isnan(y)]
    return float((known.sum() + 1.0) / (len(known) + 2.0))


def calibrate(series: NightSeries) -> Calibration:
    """Rolling-origin evaluation over the most recent nights: forecasts vs the base rate."""
    known = np.flatnonzero(~np.isnan(series.y))
    first = max(0, series.days - EVALUATION_NIGHTS)
    forecasts: list[float] = []
    baselines: list[float] = []
    outcomes: list[float] = []
    model: _Model | None = None
    fitted_at = -REFIT_EVERY
    for index in known[known >= first]:
        train = known[known < index]
        if len(train) < MIN_TRAINING_NIGHTS:
            continue
        if model is None or index - fitted_at >= REFIT_EVERY:
            model = _fit(series, train, start=None if model is None else model.coef)
            fitted_at = int(index)
        if model is None:
            continue
        forecasts.append(_predict(model, series, int(index)))
        baselines.append(_base_rate(series.y[train]))
        outcomes.append(float(series.y[index]))
    result = Calibration(nights_evaluated=len(outcomes))
    if len(outcomes) < MIN_EVALUATED_NIGHTS:
        return result
    y, p, b = np.array(outcomes), np.array(forecasts), np.array(baselines)
    result.brier, result.brier_base = brier_score(y, p), brier_score(y, b)
    result.log_loss, result.log_loss_base = log_loss(y, p), log_loss(y, b)
    result.brier_skill = 1.0 - result.brier / result.brier_base if result.brier_base else None
    return result


def _reason(model: _Model, column: int, value: float, contribution: float) -> Reason:
    if column < len(HISTORY_FEATURES):
        feature = HISTORY_FEATURES[column]
        key = {"prev": "last_night", "recent": "recent_week", "month": "recent_month"}[feature.key]
        label = feature.label_high if value > model.means[column] else feature.label_low
    else:
        factor = model.factors[column - len(HISTORY_FEATURES)]
        key = factor.key
        label = "today: " + (factor.high.label if value >= 0.5 else factor.low.label)
    return Reason(
        factor=key,
        label=label,
        direction="raises" if contribution > 0 else "lowers",
        odds_multiplier=math.exp(contribution),
    )


PRIOR_WEIGHT_NIGHTS = 10
"""While there are few nights, the person's rate is shrunk toward the prior with the weight of
10 nights (about 1.5 weeks of diary)."""


def _shrunk_rate(y: Array) -> float:
    known = y[~np.isnan(y)]
    return float(
        (known.sum() + PRIOR_WEIGHT_NIGHTS * PRIOR_CRAMP_NIGHT_RATE)
        / (len(known) + PRIOR_WEIGHT_NIGHTS)
    )


def forecast(series: NightSeries, *, evaluate: bool = True) -> Tonight:
    """The probability of a cramp tonight (the last day of ``series``), with its reasons.

    ``base_rate`` is the person's share of cramp nights, shrunk toward the prior while there are
    few (with no nights at all it is the prior)."""
    tonight = series.days - 1
    train = np.flatnonzero(~np.isnan(series.y[:tonight]))
    base = _shrunk_rate(series.y[:tonight])
    if len(train) < MIN_TRAINING_NIGHTS:
        return Tonight(
            probability=base,
            base_rate=base,
            nights_used=len(train),
            calibration=Calibration(nights_evaluated=0) if evaluate else None,
        )
    model = _fit(series, train)
    assert model is not None
    raw = _raw_features(series, model.factors)[tonight]
    contributions = model.contributions(raw)
    if tonight > 0 and math.isnan(series.y[tonight - 1]):
        contributions[0] = 0.0  # last night was not logged: its stand-in is not a reason
    order = np.argsort(-np.abs(contributions))
    reasons = [
        _reason(model, int(j), float(raw[j]), float(contributions[j]))
        for j in order[:TOP_REASONS]
        if abs(contributions[j]) >= 0.05 and not math.isnan(raw[j])
    ]
    return Tonight(
        probability=_predict(model, series, tonight),
        base_rate=base,
        nights_used=len(train),
        reasons=reasons,
        calibration=calibrate(series) if evaluate else None,
    )

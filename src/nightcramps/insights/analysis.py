"""Trigger analysis: one penalised logistic model per factor, false-discovery control, verdicts.

Pure (arrays in, results out). For each factor, on the nights whose outcome is known and whose
day falls in one of the factor's two arms:

    logit P(cramp night) = a + b * [high arm] + c * previous night's cramp
                           (+ d * share of cramp nights in the previous week, for reactive factors)
                           + time trend (linear, plus a restricted cubic spline as data allow)

* Firth's penalised likelihood, because cramp nights are few and separation (every exposed
  night a cramp night) is common in small diaries; it also removes the small-sample bias of the
  odds ratio (Heinze & Schemper, Stat Med 2002).
* The previous night's outcome handles autocorrelation (cramp nights come in spells); for
  factors people change *because of* cramps (supplements, drinking more, stretching) the
  previous week's burden is also adjusted for, so a remedy started after bad nights does not
  look harmful (reverse causation).
* The time trend absorbs slow change over months (the period effect of the cramp trials, e.g.
  Frusso 1999), so an improvement is not credited to whatever changed last.
* Benjamini-Hochberg q values across the factors that pass the gates; a verdict needs
  q <= FDR_LEVEL.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from nightcramps.insights.factors import FACTORS, Factor
from nightcramps.insights.series import NightSeries
from nightcramps.insights.stats import (
    Array,
    Index,
    additional_nights_to_settle,
    benjamini_hochberg,
    fit_logistic,
    restricted_cubic_spline,
)

FDR_LEVEL = 0.20
"""Declared false-discovery rate: among the factors called "likely trigger" or "likely
protective", at most about 1 in 5 is expected to be a false alarm (Benjamini & Hochberg, J R Stat
Soc B 1995). "Likely" means that, no more: a verdict is a lead for the person to test with a
personal experiment, where the stakes of a false lead are small (drinking more water for two
weeks) and a missed trigger costs more. 0.20 rather than 0.10 because with one person's year of
nights and 13 factors a doubling of the odds is found 64% of the time at 0.20 and 54% at 0.10, and
the measured false-discovery rate stays under 0.20 (simulation study, docs/statistics.md);
exploratory screens commonly use 0.10-0.25. Every factor's q value is shown, so a stricter
reader can apply a lower level."""

MIN_NIGHTS = 28
"""A claim needs at least 4 weeks of nights with the factor and the outcome known (longer than
the 14 nights of Omnio's gate; n-of-1 cramp trials use periods of at least 2 weeks, and cramps
are irregular)."""

MIN_CRAMP_NIGHTS = 5
"""...and at least 5 cramp nights and 5 cramp-free nights among them (events per variable: with
fewer, any odds ratio is noise; Peduzzi et al., J Clin Epidemiol 1996 discuss the limits)."""

MIN_PER_ARM = 5
"""...and at least 5 nights in each arm of the contrast (tools for personal data refuse fewer
than 8 pairs; 5 per arm is the least that lets an interval be finite and honest)."""

DAYS_PER_TREND_KNOT = 180
"""The time trend gains flexibility with the length of the series: linear under 6 months, a
3-knot spline up to 18 months, 4 knots beyond (about one bend per 6 months)."""


@dataclass(slots=True)
class FactorResult:
    """The analysis of one factor (effect = odds ratio of the high arm vs the low arm)."""

    factor: Factor
    nights: int = 0
    cramp_nights: int = 0
    nights_low: int = 0
    nights_high: int = 0
    cramps_low: int = 0
    cramps_high: int = 0
    effect: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    q_value: float | None = None
    log_effect: float = 0.0
    se: float = 0.0
    verdict: str = "not enough data"
    shortfalls: list[str] = field(default_factory=list)
    """What the gates found missing (empty when the factor was analysed)."""
    more_nights: int | None = None
    """About how many more nights would make an effect of this size clear."""

    @property
    def analysed(self) -> bool:
        return self.effect is not None


def trend_columns(time_days: Array) -> Array:
    """Linear time (in years) plus restricted-cubic-spline columns, by span of the series."""
    span = float(time_days.max() - time_days.min()) if len(time_days) else 0.0
    years = (time_days - time_days.min()) / 365.25 if len(time_days) else time_days
    knots = 0 if span < DAYS_PER_TREND_KNOT else 3 if span < 3 * DAYS_PER_TREND_KNOT else 4
    spline = restricted_cubic_spline(years, knots)
    return np.column_stack([years, spline]) if spline.shape[1] else years[:, None]


def design(series: NightSeries, factor: Factor) -> tuple[Index, Array, Array]:
    """(rows used, X, y) for one factor: known outcome and a value in one of the two arms."""
    x = series.factors[factor.key]
    known = ~np.isnan(series.y) & ~np.isnan(x)
    in_low = known & (x >= factor.low.low) & (x < factor.low.high)
    in_high = known & (x >= factor.high.low) & (x < factor.high.high)
    rows = np.flatnonzero(in_low | in_high)
    columns = [np.ones(len(rows)), in_high[rows].astype(np.float64), series.prev[rows]]
    if factor.reactive:
        columns.append(series.recent[rows])
    matrix = np.column_stack([*columns, trend_columns(rows.astype(np.float64))])
    return rows, matrix, series.y[rows]


def _gate(result: FactorResult) -> list[str]:
    f = result.factor
    missing = []
    if result.nights < MIN_NIGHTS:
        missing.append(f"{MIN_NIGHTS} nights with {f.name} known (you have {result.nights})")
    if result.cramp_nights < MIN_CRAMP_NIGHTS:
        missing.append(f"{MIN_CRAMP_NIGHTS} cramp nights among them ({result.cramp_nights})")
    if result.nights - result.cramp_nights < MIN_CRAMP_NIGHTS:
        missing.append(
            f"{MIN_CRAMP_NIGHTS} cramp-free nights among them "
            f"({result.nights - result.cramp_nights})"
        )
    for arm, count in ((f.low, result.nights_low), (f.high, result.nights_high)):
        if count < MIN_PER_ARM:
            missing.append(f"{MIN_PER_ARM} nights after days with {arm.label} ({count})")
    return missing


def analyse_factor(series: NightSeries, factor: Factor) -> FactorResult:
    """Counts, gates and (when the gates pass) the adjusted odds ratio with its 95% interval."""
    rows, matrix, y = design(series, factor)
    high = matrix[:, 1] == 1.0
    result = FactorResult(
        factor=factor,
        nights=len(rows),
        cramp_nights=int(y.sum()),
        nights_low=int((~high).sum()),
        nights_high=int(high.sum()),
        cramps_low=int(y[~high].sum()),
        cramps_high=int(y[high].sum()),
    )
    result.shortfalls = _gate(result)
    if result.shortfalls:
        return result
    fit = fit_logistic(matrix, y, firth=True)
    estimate, low, high_ci, p = fit.wald(1)
    if not fit.converged or not math.isfinite(estimate):
        result.shortfalls = ["a model that settles (the data are too uneven to estimate)"]
        return result
    result.log_effect, result.se = estimate, fit.se(1)
    result.effect = math.exp(estimate)
    result.ci_low, result.ci_high = math.exp(low), math.exp(high_ci)
    result.p_value = p
    return result


def assign_verdicts(results: Iterable[FactorResult], *, level: float = FDR_LEVEL) -> None:
    """Benjamini-Hochberg q values over the analysed factors, then each factor's verdict."""
    analysed = [r for r in results if r.analysed and r.p_value is not None]
    for result, q in zip(
        analysed, benjamini_hochberg([r.p_value or 1.0 for r in analysed]), strict=True
    ):
        result.q_value = q
        if q <= level:
            result.verdict = "likely trigger" if (result.effect or 1.0) > 1 else "likely protective"
        else:
            result.verdict = "no clear link"
            result.more_nights = additional_nights_to_settle(
                result.log_effect, result.se, result.nights
            )


@dataclass(frozen=True, slots=True)
class Analysis:
    """The whole trigger analysis of one person."""

    nights_used: int
    cramp_nights: int
    factors: list[FactorResult]


def analyse(series: NightSeries) -> Analysis:
    """Every factor of ``FACTORS``, with verdicts under false-discovery control."""
    results = [analyse_factor(series, f) for f in FACTORS]
    assign_verdicts(results)
    known = ~np.isnan(series.y)
    return Analysis(
        nights_used=int(known.sum()),
        cramp_nights=int(np.nansum(series.y)),
        factors=results,
    )

"""The statistics behind the insights, pure numpy: no database, no I/O.

* ``fit_logistic``: logistic regression by Newton-Raphson, with optionally Firth's penalty
  (Firth, Biometrika 1993; Heinze & Schemper, Stat Med 2002), which removes the small-sample bias
  of the odds ratio and gives finite estimates under separation, a real risk with a handful of
  cramp nights; and/or a Gaussian prior on coefficients (ridge / MAP, weakly informative priors as
  in Gelman et al., Ann Appl Stat 2008), which shrinks a forecast toward the base rate while
  data are few.
* ``benjamini_hochberg``: q values controlling the false-discovery rate (Benjamini & Hochberg,
  J R Stat Soc B 1995).
* ``restricted_cubic_spline``: a smooth time-trend basis (Harrell, Regression Modeling
  Strategies, 2015), so a slow change over months is absorbed by time, not credited to a factor.
* ``brier_score`` / ``log_loss`` for forecast calibration.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Index = NDArray[np.intp]

Z_95 = 1.959963984540054
"""The 97.5th percentile of the standard normal: a 95% two-sided interval."""

EPS = 1e-12


@dataclass(frozen=True, slots=True)
class LogitFit:
    """A fitted logistic model: coefficients, their covariance, and how the fit went."""

    coef: Array
    cov: Array
    converged: bool
    iterations: int
    loglik: float
    """The (penalised) log-likelihood at the estimate."""

    def se(self, index: int) -> float:
        """Standard error of coefficient ``index``."""
        return math.sqrt(max(float(self.cov[index, index]), 0.0))

    def wald(self, index: int) -> tuple[float, float, float, float]:
        """(estimate, 95% low, 95% high, two-sided p) for coefficient ``index`` (log-odds scale)."""
        estimate = float(self.coef[index])
        se = self.se(index)
        if se == 0.0 or not math.isfinite(se):
            return estimate, -math.inf, math.inf, 1.0
        z = estimate / se
        return estimate, estimate - Z_95 * se, estimate + Z_95 * se, normal_two_sided_p(z)


def expit(x: Array) -> Array:
    """The logistic function, numerically safe for large |x|."""
    out: Array = np.empty_like(x, dtype=np.float64)
    positive = x >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-x[positive]))
    exp_x = np.exp(x[~positive])
    out[~positive] = exp_x / (1.0 + exp_x)
    return out


def logit(p: float) -> float:
    """log(p / (1 - p)) for 0 < p < 1."""
    return math.log(p / (1.0 - p))


def normal_two_sided_p(z: float) -> float:
    """Two-sided p value of a standard normal statistic ``z``."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def _loglik(y: Array, eta: Array) -> float:
    # log p = -log(1 + e^-eta); log(1 - p) = -log(1 + e^eta)
    return float(-(y * np.logaddexp(0.0, -eta) + (1.0 - y) * np.logaddexp(0.0, eta)).sum())


def fit_logistic(
    x: Array,
    y: Array,
    *,
    firth: bool = False,
    prior_sd: Array | None = None,
    prior_mean: Array | None = None,
    start: Array | None = None,
    max_iter: int = 60,
    tol: float = 1e-8,
) -> LogitFit:
    """Fit P(y = 1) = expit(x @ b) by (penalised) maximum likelihood.

    Args:
        x: design matrix, one row per night (include a column of ones for the intercept).
        y: 0/1 outcomes.
        firth: add Firth's penalty 0.5 log|I(b)| (bias reduction; finite under separation).
        prior_sd: per-coefficient standard deviation of a Gaussian prior (``inf`` = flat).
        prior_mean: the prior's means (default 0).
        start: starting coefficients (warm start), default 0.

    The covariance returned is the inverse of the (penalised) information at the estimate.
    """
    n, k = x.shape
    beta = np.zeros(k) if start is None else np.array(start, dtype=np.float64)
    precision = np.zeros(k) if prior_sd is None else 1.0 / np.square(prior_sd)
    mean = np.zeros(k) if prior_mean is None else prior_mean

    def objective(b: Array) -> tuple[float, Array, Array, Array]:
        eta = x @ b
        p = expit(eta)
        w = p * (1.0 - p)
        info = (x.T * w) @ x + np.diag(precision)
        value = _loglik(y, eta) - 0.5 * float(precision @ np.square(b - mean))
        if firth:
            sign, logdet = np.linalg.slogdet(info)
            value += 0.5 * logdet if sign > 0 else -math.inf
        return value, p, w, info

    value, p, w, info = objective(beta)
    converged = False
    iteration = 0
    for iteration in range(1, max_iter + 1):  # noqa: B007 - reported in the result
        residual = y - p
        if firth:
            inv_info = _inverse(info)
            hat = w * np.einsum("ij,jk,ik->i", x, inv_info, x)
            residual = residual + hat * (0.5 - p)
        score = x.T @ residual - precision * (beta - mean)
        step = np.linalg.solve(info, score) if np.all(np.isfinite(info)) else score * 0
        step_size = 1.0
        while True:
            candidate = beta + step_size * step
            new_value, new_p, new_w, new_info = objective(candidate)
            if new_value >= value - 1e-10 or step_size < 1e-4:
                break
            step_size /= 2.0
        beta, value, p, w, info = candidate, new_value, new_p, new_w, new_info
        if float(np.max(np.abs(step_size * step))) < tol:
            converged = True
            break
    return LogitFit(
        coef=beta, cov=_inverse(info), converged=converged, iterations=iteration, loglik=value
    )


def _inverse(matrix: Array) -> Array:
    try:
        inverse = np.linalg.inv(matrix)
    except np.linalg.LinAlgError:
        inverse = np.linalg.pinv(matrix)
    return np.asarray(inverse, dtype=np.float64)


def hac_covariance(x: Array, y: Array, fit: LogitFit, *, max_lag: int) -> Array:
    """A sandwich covariance robust to autocorrelation between nearby nights (Newey & West,
    Econometrica 1987, Bartlett weights up to ``max_lag`` rows apart)."""
    p = expit(x @ fit.coef)
    scores = x * (y - p)[:, None]
    meat = scores.T @ scores
    for lag in range(1, max_lag + 1):
        weight = 1.0 - lag / (max_lag + 1.0)
        cross = scores[lag:].T @ scores[:-lag]
        meat += weight * (cross + cross.T)
    bread = fit.cov
    result: Array = bread @ meat @ bread
    return result


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p values (q values), in the order given.

    A finding with q <= alpha is part of a set whose expected share of false discoveries is at
    most alpha (for independent or positively dependent tests).
    """
    m = len(p_values)
    if m == 0:
        return []
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running = min(running, p_values[index] * m / rank)
        q[index] = min(running, 1.0)
    return q


SPLINE_KNOT_QUANTILES: dict[int, tuple[float, ...]] = {
    3: (0.10, 0.50, 0.90),
    4: (0.05, 0.35, 0.65, 0.95),
    5: (0.05, 0.275, 0.50, 0.725, 0.95),
}
"""Knot positions as quantiles of the data (Harrell, Regression Modeling Strategies, 2015,
table 2.3)."""


def restricted_cubic_spline(t: Array, knots: int) -> Array:
    """The nonlinear columns of a restricted (natural) cubic spline in ``t`` with ``knots``
    knots (``knots - 2`` columns; add ``t`` itself for the linear part). Linear beyond the
    outer knots, so it does not swing wildly at the ends of the series."""
    if knots < 3:
        return np.zeros((len(t), 0))
    k = np.quantile(t, SPLINE_KNOT_QUANTILES[knots])
    if len(np.unique(k)) < knots:
        return np.zeros((len(t), 0))
    scale = (k[-1] - k[0]) ** 2
    columns = []
    for j in range(knots - 2):
        term = (
            np.maximum(t - k[j], 0.0) ** 3
            - np.maximum(t - k[-2], 0.0) ** 3 * (k[-1] - k[j]) / (k[-1] - k[-2])
            + np.maximum(t - k[-1], 0.0) ** 3 * (k[-2] - k[j]) / (k[-1] - k[-2])
        )
        columns.append(term / scale)
    return np.column_stack(columns)


def brier_score(y: Array, p: Array) -> float:
    """Mean squared difference between forecast probabilities and 0/1 outcomes (Brier 1950)."""
    return float(np.mean(np.square(p - y)))


def log_loss(y: Array, p: Array) -> float:
    """Mean negative log-likelihood of the outcomes under the forecasts (natural log)."""
    clipped = np.clip(p, EPS, 1.0 - EPS)
    return float(-np.mean(y * np.log(clipped) + (1.0 - y) * np.log(1.0 - clipped)))


def additional_nights_to_settle(
    log_effect: float, se: float, nights: int, *, z: float = Z_95
) -> int | None:
    """About how many more nights (at the same mix) would make an effect of this size clear.

    The standard error shrinks like 1/sqrt(nights), so an estimate ``log_effect`` becomes
    distinguishable from no effect once ``se * sqrt(n / n') <= |log_effect| / z``. None when the
    estimate is already clear or too small to matter (under 10% either way).
    """
    size = abs(log_effect)
    if size < math.log(1.1) or se <= 0:
        return None
    needed = nights * (z * se / size) ** 2
    return max(0, math.ceil(needed - nights)) or None

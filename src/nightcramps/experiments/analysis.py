"""The analysis of a personal experiment (memo 1 §1.3–1.4). Pure numpy/SciPy: no session, no I/O.

The model, for the cramps y_t of each analysable night (logged, not a washout night, in a period
that counts):

    y_t ~ NegativeBinomial2(mean mu_t, dispersion phi)      Var = mu + mu^2 / phi
    log mu_t = alpha + beta * A_t + gamma * s_t + u_period
    u_period ~ Normal(0, tau^2)

    A_t = 1 in remedy periods (assigned), s_t = t / N - 0.5 (the trend over the trial)

    alpha ~ N(log(run-in mean + 0.1), 1.5^2)   beta ~ N(0, 0.5^2)   gamma ~ N(0, 1)
    tau ~ HalfNormal(0.5)                       log phi ~ N(log 5, 1.5^2)

Integration (INLA-style, deterministic, no sampling): on an 11 x 6 grid over (tau in [0, 1],
log phi in [log 0.5, log 50]) the latent vector (alpha, beta, gamma, u) is found by Newton's
method, for every grid point at once (batched linear algebra), and the Laplace approximation gives
each point's marginal likelihood. The points are weighted by it times the hyperprior (trapezoid
rule), and the posterior of beta is the weighted mixture of the Gaussians.

The rate ratio RR = exp(beta) is reported with its median and 95% interval, P(RR < 1),
P(RR < 0.8), P(RR > 1.25) and five probability bands; the verdicts are memo 1's final rules
(§1.4), declared before night 1. The primary analysis is intention to treat (by assigned period),
per-protocol (nights whose assignment was followed) is secondary, and a missing-night
sensitivity refit (§1.2) says whether the verdict depends on the nights not logged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy.special import gammaln, ndtr

Array = NDArray[np.float64]
Arm = Literal["A", "B"]
Verdict = Literal["likely_helps", "may_help", "no_clear_difference", "likely_worse", "inconclusive"]

VERDICTS: tuple[Verdict, ...] = (
    "likely_helps",
    "may_help",
    "no_clear_difference",
    "likely_worse",
    "inconclusive",
)

# ---------------------------------------------------------------- the pre-declared constants

HELPS = 0.90
"""'Likely helps' when P(RR < 1) is at least this."""
MAY_HELP = 0.80
"""'May help, not yet clear' when P(RR < 1) is at least this (and under HELPS)."""
WORSE = 0.90
"""'Likely worse' when P(RR > 1) is at least this."""
FEWER_20 = 0.8
"""P(RR < 0.8): at least 20% fewer cramps, always shown beside the verdict."""
MORE_25 = 1.25
"""P(RR > 1.25): more cramps (the mirror of 20% fewer on the ratio scale)."""

MIN_PERIOD_NIGHTS = 3
"""A period counts only with at least this many analysable nights."""
MIN_PERIODS_PER_ARM = 2
"""Fewer counted periods than this in either arm: inconclusive (one period against one cannot
tell the remedy from the weeks it fell in)."""
MAX_MISSING_SHARE = 0.30
"""More than this share of an arm's analysable nights missing caps the verdict at inconclusive."""

PRIOR_SD_ALPHA = 1.5
PRIOR_SD_BETA = 0.5
PRIOR_SD_GAMMA = 1.0
TAU_SCALE = 0.5
LOG_PHI_MEAN = math.log(5.0)
LOG_PHI_SD = 1.5
DEFAULT_RATE = 0.5
"""The prior centre for alpha (cramps a night) when there is no run-in: the memo's simulation."""

TAU_GRID: Array = np.linspace(0.0, 1.0, 11)
LOG_PHI_GRID: Array = np.linspace(math.log(0.5), math.log(50.0), 6)

BANDS: tuple[tuple[str, float, float], ...] = (
    (">20% fewer", 0.0, 0.8),
    ("10-20% fewer", 0.8, 0.9),
    ("within 10%", 0.9, 1.1),
    ("10-20% more", 1.1, 1.2),
    (">20% more", 1.2, math.inf),
)
"""The Trialist-style bands on the rate ratio (labels, low, high)."""

_LOG_2PI = math.log(2.0 * math.pi)


@dataclass(frozen=True)
class Night:
    """One scheduled night of an experiment, as the analysis sees it."""

    day: date
    arm: Arm
    period: int
    cramps: int | None
    """Cramps that night; None = the night was not logged (missing, never zero)."""
    washout: bool
    adhered: bool | None
    """Whether the night's assignment was followed; None = not answered."""


# ---------------------------------------------------------------- the fit


@dataclass(frozen=True)
class Fit:
    """The grid/Laplace posterior: per grid point the mode, covariance and weight."""

    taus: Array
    log_phis: Array
    modes: Array
    """(G, d): (alpha, beta, gamma, u_1..u_P) at each grid point's mode."""
    covs: Array
    """(G, d, d): the inverse of the negative Hessian at each mode."""
    log_marginal: Array
    """(G,): the Laplace log marginal likelihood of each grid point (with the latent priors)."""
    log_hyper: Array
    """(G,): log hyperprior density times the trapezoid weight of each grid point."""
    weights: Array
    """(G,): normalised posterior weights of the grid points."""
    iterations: int

    @property
    def beta_means(self) -> Array:
        return self.modes[:, 1]

    @property
    def beta_sds(self) -> Array:
        return np.sqrt(np.maximum(self.covs[:, 1, 1], 1e-300))

    def cdf(self, log_rr: float) -> float:
        """P(beta <= log_rr) under the mixture."""
        z = (log_rr - self.beta_means) / self.beta_sds
        return float(np.sum(self.weights * ndtr(z)))

    def quantiles(self, probabilities: Sequence[float]) -> list[float]:
        """Quantiles of beta under the mixture (bisection, vectorised over the probabilities)."""
        q = np.asarray(probabilities, dtype=np.float64)
        lo = np.full_like(q, float(np.min(self.beta_means - 10 * self.beta_sds)))
        hi = np.full_like(q, float(np.max(self.beta_means + 10 * self.beta_sds)))
        m, s, w = self.beta_means, self.beta_sds, self.weights
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            below = (w[None, :] * ndtr((mid[:, None] - m[None, :]) / s[None, :])).sum(1) < q
            lo = np.where(below, mid, lo)
            hi = np.where(below, hi, mid)
        return [float(x) for x in 0.5 * (lo + hi)]

    def mean_of(self, coefficients: Array) -> float:
        """The posterior mean of a linear combination of the latent vector."""
        return float(np.sum(self.weights * (self.modes @ coefficients)))


def _trapezoid(n: int) -> Array:
    w = np.ones(n)
    if n > 1:
        w[0] = w[-1] = 0.5
    return w


def _log_normal(x: Array, mean: Array | float, sd: Array | float) -> Array:
    z = (x - mean) / sd
    out: Array = -0.5 * z * z - np.log(sd) - 0.5 * _LOG_2PI
    return out


def fit_model(
    y: Array,
    remedy: Array,
    trend: Array,
    period_index: NDArray[np.intp],
    n_periods: int,
    *,
    alpha_mean: float,
    taus: Array = TAU_GRID,
    log_phis: Array = LOG_PHI_GRID,
    tolerance: float = 1e-8,
    max_iterations: int = 100,
) -> Fit:
    """Fit the model on the grid: Newton for the latent vector at every grid point at once.

    ``y`` cramps per night (floats allowed, for the sensitivity refit's imputed nights),
    ``remedy`` 1/0 per night, ``trend`` s_t per night, ``period_index`` 0..n_periods-1 per night.
    """
    y = np.asarray(y, dtype=np.float64)
    n = y.shape[0]
    d = 3 + n_periods
    x = np.zeros((n, d))
    x[:, 0] = 1.0
    x[:, 1] = remedy
    x[:, 2] = trend
    x[np.arange(n), 3 + period_index] = 1.0
    tau_mesh, log_phi_mesh = np.meshgrid(taus, log_phis, indexing="ij")
    tau = tau_mesh.ravel()
    log_phi = log_phi_mesh.ravel()
    phi = np.exp(log_phi)[:, None]
    g = tau.shape[0]
    active = tau > 0
    prior_mean = np.zeros(d)
    prior_mean[0] = alpha_mean
    precision = np.zeros((g, d))
    precision[:, 0] = PRIOR_SD_ALPHA**-2
    precision[:, 1] = PRIOR_SD_BETA**-2
    precision[:, 2] = PRIOR_SD_GAMMA**-2
    safe_tau = np.where(active, tau, 1.0)
    precision[:, 3:] = np.where(active, safe_tau**-2, 0.0)[:, None]
    mask = np.ones((g, d))
    mask[~active, 3:] = 0.0
    fixed = np.zeros((g, d, d))
    idle = np.arange(3, d)
    fixed[np.ix_(~active, idle, idle)] = np.eye(n_periods)[None, :, :]
    diagonal = np.arange(d)

    theta = np.zeros((g, d))
    theta[:, 0] = math.log(float(np.mean(y)) + 0.05) if n else alpha_mean
    iterations = 0
    hessian = np.zeros((g, d, d))
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported in the Fit
        mu = np.exp(np.clip(theta @ x.T, -30.0, 30.0))
        score = phi * (y - mu) / (phi + mu)
        curvature = (y + phi) * mu * phi / (phi + mu) ** 2
        grad = (score @ x - precision * (theta - prior_mean)) * mask
        hessian = np.matmul(x.T, curvature[:, :, None] * x)
        hessian[:, diagonal, diagonal] += precision
        hessian = hessian * mask[:, :, None] * mask[:, None, :] + fixed
        step = np.linalg.solve(hessian, grad[:, :, None])[:, :, 0]
        largest = np.max(np.abs(step), axis=1)
        theta += step * np.minimum(1.0, 1.0 / np.maximum(largest, 1e-300))[:, None]
        if float(np.max(largest)) < tolerance:
            break
    # The Hessian at the mode (one more evaluation, so it is exactly the mode's).
    mu = np.exp(np.clip(theta @ x.T, -30.0, 30.0))
    curvature = (y + phi) * mu * phi / (phi + mu) ** 2
    hessian = np.matmul(x.T, curvature[:, :, None] * x)
    hessian[:, diagonal, diagonal] += precision
    hessian = hessian * mask[:, :, None] * mask[:, None, :] + fixed
    chol = np.linalg.cholesky(hessian)
    log_det = 2.0 * np.sum(np.log(np.diagonal(chol, axis1=1, axis2=2)), axis=1)
    covs = np.linalg.inv(hessian) * mask[:, :, None] * mask[:, None, :]

    loglik = np.sum(
        gammaln(y + phi)
        - gammaln(phi)
        - gammaln(y + 1.0)
        + phi * np.log(phi / (phi + mu))
        + y * np.log(mu / (phi + mu)),
        axis=1,
    )
    log_prior = (
        _log_normal(theta[:, 0], alpha_mean, PRIOR_SD_ALPHA)
        + _log_normal(theta[:, 1], 0.0, PRIOR_SD_BETA)
        + _log_normal(theta[:, 2], 0.0, PRIOR_SD_GAMMA)
    )
    if n_periods:
        u_prior = _log_normal(theta[:, 3:], 0.0, safe_tau[:, None]).sum(axis=1)
        log_prior = log_prior + np.where(active, u_prior, 0.0)
    dims = 3 + n_periods * active
    log_marginal = loglik + log_prior + 0.5 * dims * _LOG_2PI - 0.5 * log_det

    log_tau_prior = math.log(2.0) + _log_normal(tau, 0.0, TAU_SCALE)
    log_phi_prior = _log_normal(log_phi, LOG_PHI_MEAN, LOG_PHI_SD)
    trap = np.outer(_trapezoid(len(taus)), _trapezoid(len(log_phis))).ravel()
    log_hyper = log_tau_prior + log_phi_prior + np.log(trap)
    total = log_marginal + log_hyper
    weights = np.exp(total - np.max(total))
    weights /= weights.sum()
    return Fit(
        taus=tau,
        log_phis=log_phi,
        modes=theta,
        covs=covs,
        log_marginal=log_marginal,
        log_hyper=log_hyper,
        weights=weights,
        iterations=iterations,
    )


# ---------------------------------------------------------------- what is reported


@dataclass(frozen=True)
class RateRatio:
    """The rate ratio (remedy / usual): posterior median and 95% interval."""

    median: float | None
    low95: float | None
    high95: float | None


@dataclass(frozen=True)
class PerWeek:
    """Expected cramps a week in each arm at the end of the trial:
    7 exp(alpha + gamma/2 + beta A)."""

    remedy: float | None
    usual: float | None


@dataclass(frozen=True)
class NightCounts:
    analysed: int
    """Nights in the model: logged, not washout, in a period that counts."""
    washout: int
    """Washout nights (the first nights of each period), left out whether logged or not."""
    missing: int
    """Non-washout nights not logged (missing, never counted as cramp-free)."""


def _contract(result: Summary | Analysis) -> dict[str, Any]:
    """The offline contract's keys, in order (docs/experiments.md)."""
    ratio, per_week, nights = result.rate_ratio, result.cramps_per_week, result.nights
    return {
        "verdict": result.verdict,
        "rate_ratio": {
            "median": _round(ratio.median),
            "low95": _round(ratio.low95),
            "high95": _round(ratio.high95),
        },
        "p_fewer": _round(result.p_fewer),
        "p_20pct_fewer": _round(result.p_20pct_fewer),
        "p_more": _round(result.p_more),
        "cramps_per_week": {
            "remedy": _round(per_week.remedy, 2),
            "usual": _round(per_week.usual, 2),
        },
        "trend_ratio": _round(result.trend_ratio),
        "nights": {
            "analysed": nights.analysed,
            "washout": nights.washout,
            "missing": nights.missing,
        },
    }


@dataclass(frozen=True)
class Summary:
    """One analysis' verdict and numbers (the primary one, or the per-protocol one)."""

    verdict: Verdict
    rate_ratio: RateRatio
    p_fewer: float | None
    p_20pct_fewer: float | None
    p_more: float | None
    bands: tuple[tuple[str, float], ...]
    cramps_per_week: PerWeek
    trend_ratio: float | None
    nights: NightCounts
    reasons: tuple[str, ...] = ()
    """Why the verdict is inconclusive (empty otherwise)."""
    uncapped_verdict: Verdict = "inconclusive"
    """The verdict the probabilities give before the data-quality caps."""

    def to_json(self) -> dict[str, Any]:
        """The offline contract's keys in order, then the bands and the reasons."""
        return {
            **_contract(self),
            "bands": {label: _round(p) for label, p in self.bands},
            "inconclusive_because": list(self.reasons),
        }


@dataclass(frozen=True)
class Sensitivity:
    """The missing-night refit (memo §1.2): each missing night of one arm set to the other arm's
    posterior mean for that night; ``changed`` when its verdict differs from the primary one."""

    verdict: Verdict
    changed: bool
    imputed: int
    """Nights filled in."""
    p_fewer: float | None

    def sentence(self) -> str:
        if self.imputed == 0:
            return "No night is missing, so nothing depends on the nights not logged."
        said = self.verdict.replace("_", " ")
        if self.changed:
            return (
                f"With the {self.imputed} missing nights filled in as if the remedy made no "
                f"difference on them, the verdict would be '{said}': the result depends on the "
                "nights not logged."
            )
        return (
            f"With the {self.imputed} missing nights filled in as if the remedy made no "
            f"difference on them, the verdict stays '{said}'."
        )


@dataclass(frozen=True)
class Analysis:
    """The experiment's result: the primary (intention to treat) analysis and its secondaries."""

    verdict: Verdict
    rate_ratio: RateRatio
    p_fewer: float | None
    """P(RR < 1): fewer cramps with the remedy."""
    p_20pct_fewer: float | None
    """P(RR < 0.8): at least 20% fewer."""
    p_more: float | None
    """P(RR > 1.25): more cramps."""
    bands: tuple[tuple[str, float], ...]
    cramps_per_week: PerWeek
    trend_ratio: float | None
    """exp(gamma): how cramps changed over the trial whatever was done."""
    nights: NightCounts
    per_protocol: Summary | None
    sensitivity: Sensitivity | None
    reasons: tuple[str, ...] = ()
    missing_share: tuple[float, float] = (0.0, 0.0)
    """Share of analysable nights missing with the remedy, and as usual."""
    periods_counted: tuple[int, int] = (0, 0)
    """Periods that count (at least 3 analysable nights) with the remedy, and as usual."""
    primary: Summary | None = None

    def to_json(self) -> dict[str, Any]:
        """Exactly the offline contract's keys first (``nightcramps experiment analyse``), then
        the bands, reasons, per-protocol and sensitivity results."""
        out: dict[str, Any] = {
            **_contract(self),
        }
        out["bands"] = {label: _round(p) for label, p in self.bands}
        out["inconclusive_because"] = list(self.reasons)
        out["missing_share"] = {
            "remedy": _round(self.missing_share[0]),
            "usual": _round(self.missing_share[1]),
        }
        out["periods_counted"] = {
            "remedy": self.periods_counted[0],
            "usual": self.periods_counted[1],
        }
        out["per_protocol"] = None if self.per_protocol is None else self.per_protocol.to_json()
        out["sensitivity"] = (
            None
            if self.sensitivity is None
            else {
                "verdict": self.sensitivity.verdict,
                "changed": self.sensitivity.changed,
                "imputed_nights": self.sensitivity.imputed,
                "p_fewer": _round(self.sensitivity.p_fewer),
            }
        )
        return out


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


def verdict_for(p_fewer: float) -> Verdict:
    """Memo 1's final rules (§1.4) on P(RR < 1)."""
    if p_fewer >= HELPS:
        return "likely_helps"
    if p_fewer >= MAY_HELP:
        return "may_help"
    if 1.0 - p_fewer >= WORSE:
        return "likely_worse"
    return "no_clear_difference"


# ---------------------------------------------------------------- from nights to a summary


@dataclass(frozen=True)
class _Data:
    y: Array
    remedy: Array
    trend: Array
    period_index: NDArray[np.intp]
    periods: tuple[int, ...]
    counted: tuple[int, int]
    counts: NightCounts
    missing_share: tuple[float, float]
    reasons: tuple[str, ...]


def _check(nights: Sequence[Night]) -> list[Night]:
    ordered = sorted(nights, key=lambda n: n.day)
    arms: dict[int, str] = {}
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.day == after.day:
            raise ValueError(f"the night of {after.day} appears twice")
    for night in ordered:
        if night.arm not in ("A", "B"):
            raise ValueError(f"the night of {night.day} has arm {night.arm!r}; use 'A' or 'B'")
        if night.cramps is not None and night.cramps < 0:
            raise ValueError(f"the night of {night.day} has {night.cramps} cramps")
        if arms.setdefault(night.period, night.arm) != night.arm:
            raise ValueError(f"period {night.period} has both arms (night of {night.day})")
    return ordered


def _trend_scale(ordered: Sequence[Night]) -> tuple[date, int]:
    first, last = ordered[0].day, ordered[-1].day
    return first, (last - first).days + 1


def _prepare(
    ordered: Sequence[Night],
    values: dict[date, float] | None = None,
    *,
    per_protocol: bool = False,
) -> _Data:
    """The model's data: analysable nights in counted periods, and the data-quality checks.

    ``values`` (the sensitivity refit) replaces the cramps of nights by day."""
    first, span = _trend_scale(ordered)
    washout = sum(1 for n in ordered if n.washout)

    def value(night: Night) -> float | None:
        if values is not None and night.day in values:
            return values[night.day]
        return None if night.cramps is None else float(night.cramps)

    eligible = [n for n in ordered if not n.washout]
    if per_protocol:
        eligible = [n for n in eligible if n.adhered is True]
    missing = sum(1 for n in eligible if value(n) is None)
    share = []
    for arm in ("A", "B"):
        in_arm = [n for n in eligible if n.arm == arm]
        gone = sum(1 for n in in_arm if value(n) is None)
        share.append(gone / len(in_arm) if in_arm else 0.0)
    by_period: dict[int, list[Night]] = {}
    for night in eligible:
        if value(night) is not None:
            by_period.setdefault(night.period, []).append(night)
    kept = {p: ns for p, ns in by_period.items() if len(ns) >= MIN_PERIOD_NIGHTS}
    periods = tuple(sorted(kept))
    counted = (
        sum(1 for p in periods if kept[p][0].arm == "A"),
        sum(1 for p in periods if kept[p][0].arm == "B"),
    )
    used = [n for p in periods for n in kept[p]]
    index = {p: i for i, p in enumerate(periods)}
    reasons: list[str] = []
    for arm, label, c in (("A", "with the remedy", counted[0]), ("B", "as usual", counted[1])):
        del arm
        if c < MIN_PERIODS_PER_ARM:
            reasons.append(
                f"{c} period(s) {label} have at least {MIN_PERIOD_NIGHTS} analysable nights "
                f"(at least {MIN_PERIODS_PER_ARM} are needed)"
            )
    for label, s in (("with the remedy", share[0]), ("as usual", share[1])):
        if s > MAX_MISSING_SHARE:
            reasons.append(
                f"{round(100 * s)}% of the analysable nights {label} are missing "
                f"(more than {round(100 * MAX_MISSING_SHARE)}%)"
            )
    y = np.array([value(n) for n in used], dtype=np.float64)
    return _Data(
        y=y,
        remedy=np.array([1.0 if n.arm == "A" else 0.0 for n in used]),
        trend=np.array([(n.day - first).days / span - 0.5 for n in used]),
        period_index=np.array([index[n.period] for n in used], dtype=np.intp),
        periods=periods,
        counted=(counted[0], counted[1]),
        counts=NightCounts(analysed=len(used), washout=washout, missing=missing),
        missing_share=(share[0], share[1]),
        reasons=tuple(reasons),
    )


def _alpha_mean(run_in_mean: float | None) -> float:
    if run_in_mean is None or not math.isfinite(run_in_mean) or run_in_mean < 0:
        return math.log(DEFAULT_RATE)
    return math.log(run_in_mean + 0.1)


def _fit_data(data: _Data, alpha_mean: float) -> Fit | None:
    if data.counted[0] == 0 or data.counted[1] == 0:
        return None  # no contrast at all: nothing to fit
    return fit_model(
        data.y,
        data.remedy,
        data.trend,
        data.period_index,
        len(data.periods),
        alpha_mean=alpha_mean,
    )


def _summarise(data: _Data, fit: Fit | None) -> Summary:
    if fit is None:
        return Summary(
            verdict="inconclusive",
            rate_ratio=RateRatio(None, None, None),
            p_fewer=None,
            p_20pct_fewer=None,
            p_more=None,
            bands=(),
            cramps_per_week=PerWeek(None, None),
            trend_ratio=None,
            nights=data.counts,
            reasons=data.reasons,
        )
    low, median, high = fit.quantiles([0.025, 0.5, 0.975])
    p_fewer = fit.cdf(0.0)
    d = fit.modes.shape[1]
    usual = np.zeros(d)
    usual[0], usual[2] = 1.0, 0.5
    remedy = usual.copy()
    remedy[1] = 1.0
    trend = np.zeros(d)
    trend[2] = 1.0
    bands = []
    for label, lo, hi in BANDS:
        upper = 1.0 if math.isinf(hi) else fit.cdf(math.log(hi))
        lower = 0.0 if lo <= 0 else fit.cdf(math.log(lo))
        bands.append((label, max(0.0, upper - lower)))
    uncapped = verdict_for(p_fewer)
    return Summary(
        verdict="inconclusive" if data.reasons else uncapped,
        rate_ratio=RateRatio(math.exp(median), math.exp(low), math.exp(high)),
        p_fewer=p_fewer,
        p_20pct_fewer=fit.cdf(math.log(FEWER_20)),
        p_more=1.0 - fit.cdf(math.log(MORE_25)),
        bands=tuple(bands),
        cramps_per_week=PerWeek(
            remedy=7.0 * math.exp(fit.mean_of(remedy)), usual=7.0 * math.exp(fit.mean_of(usual))
        ),
        trend_ratio=math.exp(fit.mean_of(trend)),
        nights=data.counts,
        reasons=data.reasons,
        uncapped_verdict=uncapped,
    )


def _imputed(ordered: Sequence[Night], data: _Data, fit: Fit) -> dict[date, float]:
    """Each missing non-washout night set to the other arm's posterior mean for that night."""
    first, span = _trend_scale(ordered)
    mean = fit.weights @ fit.modes
    index = {p: i for i, p in enumerate(data.periods)}
    filled: dict[date, float] = {}
    for night in ordered:
        if night.washout or night.cramps is not None:
            continue
        s = (night.day - first).days / span - 0.5
        u = mean[3 + index[night.period]] if night.period in index else 0.0
        other_arm = 1.0 if night.arm == "B" else 0.0
        filled[night.day] = math.exp(mean[0] + mean[1] * other_arm + mean[2] * s + u)
    return filled


def analyse(
    nights: Sequence[Night], *, run_in_mean: float | None, secondary: bool = True
) -> Analysis:
    """The experiment's result from its scheduled nights (memo 1 §1.2–1.4).

    ``run_in_mean``: cramps a night in the run-in (the prior's centre for the usual rate), None
    when unknown. ``secondary=False`` skips the per-protocol and sensitivity refits (the power
    simulation needs the primary verdict only).

    Raises:
        ValueError: two nights on one day, an arm other than A/B, or a period with both arms.
    """
    if not nights:
        empty = NightCounts(0, 0, 0)
        return Analysis(
            verdict="inconclusive",
            rate_ratio=RateRatio(None, None, None),
            p_fewer=None,
            p_20pct_fewer=None,
            p_more=None,
            bands=(),
            cramps_per_week=PerWeek(None, None),
            trend_ratio=None,
            nights=empty,
            per_protocol=None,
            sensitivity=None,
            reasons=("no night of the experiment has been scheduled yet",),
        )
    ordered = _check(nights)
    alpha_mean = _alpha_mean(run_in_mean)
    data = _prepare(ordered)
    fit = _fit_data(data, alpha_mean)
    primary = _summarise(data, fit)

    per_protocol: Summary | None = None
    sensitivity: Sensitivity | None = None
    if secondary:
        if any(n.adhered is not None for n in ordered):
            pp_data = _prepare(ordered, per_protocol=True)
            per_protocol = _summarise(pp_data, _fit_data(pp_data, alpha_mean))
        if fit is not None and primary.p_fewer is not None:
            filled = _imputed(ordered, data, fit)
            if filled:
                s_data = _prepare(ordered, filled)
                s_summary = _summarise(s_data, _fit_data(s_data, alpha_mean))
                sensitivity = Sensitivity(
                    verdict=s_summary.verdict,
                    changed=s_summary.verdict != primary.uncapped_verdict,
                    imputed=len(filled),
                    p_fewer=s_summary.p_fewer,
                )
            else:
                sensitivity = Sensitivity(
                    verdict=primary.verdict, changed=False, imputed=0, p_fewer=primary.p_fewer
                )
    return Analysis(
        verdict=primary.verdict,
        rate_ratio=primary.rate_ratio,
        p_fewer=primary.p_fewer,
        p_20pct_fewer=primary.p_20pct_fewer,
        p_more=primary.p_more,
        bands=primary.bands,
        cramps_per_week=primary.cramps_per_week,
        trend_ratio=primary.trend_ratio,
        nights=primary.nights,
        per_protocol=per_protocol,
        sensitivity=sensitivity,
        reasons=primary.reasons,
        missing_share=data.missing_share,
        periods_counted=data.counted,
        primary=primary,
    )


def model_data(
    nights: Sequence[Night], *, per_protocol: bool = False
) -> tuple[Array, Array, Array, NDArray[np.intp], int]:
    """The arrays the model is fitted on (y, remedy, trend, period index, periods), for checks
    against other implementations (statsmodels, importance sampling)."""
    data = _prepare(_check(nights), per_protocol=per_protocol)
    return data.y, data.remedy, data.trend, data.period_index, len(data.periods)


def alpha_prior_mean(run_in_mean: float | None) -> float:
    """The prior mean of alpha for a run-in mean (log(mean + 0.1); log 0.5 without one)."""
    return _alpha_mean(run_in_mean)

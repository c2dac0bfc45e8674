"""The pure statistics: logistic fits (against statsmodels), BH, splines, scores."""

from __future__ import annotations

import math

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from nightcramps.insights.stats import (
    additional_nights_to_settle,
    benjamini_hochberg,
    brier_score,
    expit,
    fit_logistic,
    hac_covariance,
    log_loss,
    restricted_cubic_spline,
)


def _data(seed: int, n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = np.column_stack([np.ones(n), rng.integers(0, 2, n), rng.normal(size=n), rng.random(n)])
    eta = -0.5 + 0.7 * x[:, 1] - 0.4 * x[:, 2] + 0.3 * x[:, 3]
    y = (rng.random(n) < expit(eta)).astype(float)
    return x, y


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_plain_fit_matches_statsmodels_logit(seed: int) -> None:
    """Without penalty the estimates and standard errors equal statsmodels' Logit."""
    x, y = _data(seed)
    ours = fit_logistic(x, y)
    reference = sm.Logit(y, x).fit(disp=0)
    assert ours.converged
    np.testing.assert_allclose(ours.coef, reference.params, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(np.sqrt(np.diag(ours.cov)), reference.bse, rtol=1e-5)


@pytest.mark.parametrize("seed", [4, 5])
def test_firth_odds_ratio_agrees_with_statsmodels_glm(seed: int) -> None:
    """On data without separation, Firth's odds ratio is within 5% of statsmodels' GLM MLE."""
    x, y = _data(seed, n=1500)
    firth = fit_logistic(x, y, firth=True)
    glm = sm.GLM(y, x, family=sm.families.Binomial()).fit()
    assert math.exp(firth.coef[1]) == pytest.approx(math.exp(glm.params[1]), rel=0.05)
    assert firth.se(1) == pytest.approx(glm.bse[1], rel=0.05)


def test_firth_is_finite_under_separation() -> None:
    """Every exposed night a cramp night: plain ML diverges, Firth gives a finite estimate."""
    x = np.column_stack([np.ones(30), np.r_[np.ones(8), np.zeros(22)]])
    y = np.r_[np.ones(8), np.ones(4), np.zeros(18)]
    fit = fit_logistic(x, y, firth=True)
    assert fit.converged
    assert 1.0 < fit.coef[1] < 6.0
    assert math.isfinite(fit.se(1))


def test_prior_shrinks_toward_its_mean() -> None:
    """A tight prior pulls the effect toward 0 and the intercept toward the prior mean."""
    x, y = _data(6, n=60)
    flat = fit_logistic(x, y)
    tight = fit_logistic(x, y, prior_sd=np.full(4, 0.05), prior_mean=np.array([-2, 0, 0, 0]))
    assert abs(tight.coef[1]) < abs(flat.coef[1])
    assert tight.coef[0] == pytest.approx(-2, abs=0.2)


def test_hac_covariance_equals_sandwich_without_lags() -> None:
    """With lag 0 the robust covariance is the plain sandwich, close to the model-based one."""
    x, y = _data(7, n=2000)
    fit = fit_logistic(x, y)
    robust = hac_covariance(x, y, fit, max_lag=0)
    np.testing.assert_allclose(np.diag(robust), np.diag(fit.cov), rtol=0.15)


def test_benjamini_hochberg_known_values() -> None:
    """The classic example: q = min over larger ranks of p * m / rank, capped at 1."""
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.20])
    assert q == pytest.approx([0.04, 0.0533333, 0.0533333, 0.20], rel=1e-5)
    assert benjamini_hochberg([]) == []


@given(st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_q_values_are_at_least_p_and_keep_order(p: list[float]) -> None:
    """q >= p, q <= 1, and a smaller p never gets a larger q."""
    q = benjamini_hochberg(p)
    assert all(qi >= pi - 1e-12 and qi <= 1 for pi, qi in zip(p, q, strict=True))
    order = sorted(range(len(p)), key=lambda i: p[i])
    assert all(q[a] <= q[b] + 1e-12 for a, b in zip(order, order[1:], strict=False))


@given(arrays(np.float64, st.integers(1, 50), elements=st.floats(-800, 800)))
def test_expit_is_a_probability(eta: np.ndarray) -> None:
    """expit never leaves [0, 1], even for extreme log-odds."""
    p = expit(eta)
    assert np.all((p >= 0) & (p <= 1))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000))
def test_fitted_probabilities_are_probabilities(seed: int) -> None:
    """Firth fits on small random diaries give finite coefficients and p in (0, 1)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(10, 60))
    x = np.column_stack([np.ones(n), rng.integers(0, 2, n)])
    y = (rng.random(n) < 0.3).astype(float)
    fit = fit_logistic(x, y, firth=True)
    p = expit(x @ fit.coef)
    assert np.all(np.isfinite(fit.coef))
    assert np.all((p > 0) & (p < 1))


def test_spline_is_linear_beyond_the_outer_knots() -> None:
    """The restricted cubic spline has zero curvature past the last knot."""
    t = np.linspace(0, 10, 201)
    basis = restricted_cubic_spline(t, 4)
    assert basis.shape == (201, 2)
    tail = basis[t > 9.8]
    second_difference = np.diff(tail, n=2, axis=0)
    np.testing.assert_allclose(second_difference, 0, atol=1e-9)
    assert restricted_cubic_spline(t, 2).shape == (201, 0)


def test_scores() -> None:
    """Brier and log loss of simple forecasts have their textbook values."""
    y = np.array([1.0, 0.0, 1.0, 0.0])
    half = np.full(4, 0.5)
    assert brier_score(y, half) == pytest.approx(0.25)
    assert log_loss(y, half) == pytest.approx(math.log(2))
    assert brier_score(y, y) == 0
    assert log_loss(y, np.array([0.0, 1.0, 0.0, 1.0])) > 20  # clipped, not infinite


def test_additional_nights() -> None:
    """A z of 1 needs about (1.96)^2 - 1 times the nights again; tiny effects need none."""
    assert additional_nights_to_settle(math.log(2), math.log(2), 100) == 285
    assert additional_nights_to_settle(0.01, 0.5, 100) is None
    assert additional_nights_to_settle(2.0, 0.1, 100) is None

"""The experiment analysis on constructed and simulated data (memo 1 §1.2-1.4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from nightcramps.experiments import analysis
from nightcramps.experiments.analysis import Night, analyse
from nightcramps.experiments.design import Design, randomise
from nightcramps.experiments.simulate import PersonSpec, generator_randbelow, simulate_trial

START = date(2026, 1, 5)


def _trial(rr: float, seed: int, *, blocks: int = 8, missing: float = 0.1) -> list[Night]:
    rng = np.random.default_rng(seed)
    schedule = randomise(Design("stretching", blocks, 7, 2), START, generator_randbelow(rng))
    spec = PersonSpec(rate_ratio=rr, missing=missing, adherence=1.0, latent_sd=0.2)
    return list(simulate_trial(rng, schedule.nights, spec).nights)


def _constructed(remedy: int, usual: int) -> list[Night]:
    schedule = randomise(Design("stretching", 8, 7, 2), START, lambda n: 0)
    return [
        Night(n.day, n.arm, n.period, remedy if n.arm == "A" else usual, n.washout, True)
        for n in schedule.nights
    ]


def test_strong_effect_is_likely_helps() -> None:
    result = analyse(_constructed(0, 2), run_in_mean=2.0)
    assert result.verdict == "likely_helps"
    assert result.p_fewer is not None and result.p_fewer > 0.99
    assert result.rate_ratio.high95 is not None and result.rate_ratio.high95 < 0.5


def test_null_is_no_clear_difference_and_reversed_is_likely_worse() -> None:
    assert analyse(_constructed(1, 1), run_in_mean=1.0).verdict == "no_clear_difference"
    assert analyse(_constructed(3, 1), run_in_mean=1.0).verdict == "likely_worse"


def test_heavy_missing_in_one_arm_is_inconclusive() -> None:
    nights = [
        replace(n, cramps=None) if n.arm == "A" and n.day.day % 2 else n for n in _constructed(0, 2)
    ]
    result = analyse(nights, run_in_mean=2.0)
    assert result.verdict == "inconclusive"
    assert any("missing" in r for r in result.reasons)
    assert result.sensitivity is not None and result.sensitivity.imputed > 0


def test_washout_nights_are_left_out_whatever_they_hold() -> None:
    base = _constructed(1, 1)
    wild = [replace(n, cramps=40) if n.washout and n.arm == "A" else n for n in base]
    a, b = analyse(base, run_in_mean=1.0), analyse(wild, run_in_mean=1.0)
    assert a.rate_ratio == b.rate_ratio
    assert a.nights.washout == 32 and a.nights.analysed == 80


def test_missing_is_not_zero() -> None:
    base = _constructed(2, 2)
    gone = [replace(n, cramps=None) if n.arm == "A" and n.day.day % 3 == 0 else n for n in base]
    zero = [replace(n, cramps=0) if n.arm == "A" and n.day.day % 3 == 0 else n for n in base]
    kept = analyse(gone, run_in_mean=2.0)
    assert kept.verdict == "no_clear_difference"
    assert kept.nights.missing > 0
    assert analyse(zero, run_in_mean=2.0).verdict == "likely_helps"


def test_a_period_counts_only_with_three_analysable_nights() -> None:
    nights = [
        replace(n, cramps=None) if n.period != 1 and n.period != 2 else n
        for n in _constructed(1, 1)
    ]
    result = analyse(nights, run_in_mean=1.0)
    assert result.verdict == "inconclusive"
    assert result.periods_counted == (1, 1)


def test_to_json_has_the_contract_keys_first() -> None:
    out = analyse(_trial(0.6, 3), run_in_mean=0.7).to_json()
    assert list(out)[:9] == [
        "verdict",
        "rate_ratio",
        "p_fewer",
        "p_20pct_fewer",
        "p_more",
        "cramps_per_week",
        "trend_ratio",
        "nights",
        "bands",
    ][:9] or list(out)[:8] == [
        "verdict",
        "rate_ratio",
        "p_fewer",
        "p_20pct_fewer",
        "p_more",
        "cramps_per_week",
        "trend_ratio",
        "nights",
    ]
    assert set(out["rate_ratio"]) == {"median", "low95", "high95"}
    assert set(out["nights"]) == {"analysed", "washout", "missing"}


def test_cross_check_against_statsmodels_on_a_large_trial() -> None:
    sm = pytest.importorskip("statsmodels.api")
    nights = _trial(0.6, 11, blocks=30, missing=0.0)
    y, a, s, p, _ = analysis.model_data(nights)
    result = analyse(nights, run_in_mean=0.7, secondary=False)
    blocks = (p // 2).astype(int)
    dummies = np.eye(blocks.max() + 1)[blocks][:, 1:]
    exog = np.column_stack([np.ones_like(y), a, s, dummies])
    fitted = sm.NegativeBinomial(y, exog).fit(disp=0, maxiter=200)
    rr_glm = float(np.exp(fitted.params[1]))
    gee = sm.GEE(
        y,
        np.column_stack([np.ones_like(y), a, s]),
        groups=p,
        family=sm.families.Poisson(),
        cov_struct=sm.cov_struct.Exchangeable(),
    ).fit()
    rr_gee = float(np.exp(gee.params[1]))
    low, high = result.rate_ratio.low95, result.rate_ratio.high95
    assert low is not None and high is not None
    assert low <= rr_glm <= high
    assert low <= rr_gee <= high


@pytest.mark.slow
def test_laplace_matches_importance_sampling() -> None:
    """P(RR<1) from the grid/Laplace mixture against importance sampling of the exact posterior
    (a multivariate-t proposal per grid cell, the cells weighted by the IS marginal)."""
    from scipy.special import gammaln
    from scipy.stats import multivariate_t

    for seed in (1, 2, 3):
        nights = _trial(0.7, seed)
        y, a, s, p, n_p = analysis.model_data(nights)
        alpha_mean = analysis.alpha_prior_mean(0.7)
        fit = analysis.fit_model(y, a, s, p, n_p, alpha_mean=alpha_mean)
        rng = np.random.default_rng(seed)
        x = np.zeros((len(y), 3 + n_p))
        x[:, 0], x[:, 1], x[:, 2] = 1, a, s
        x[np.arange(len(y)), 3 + p] = 1
        log_z, p_fewer = [], []
        for k in range(len(fit.weights)):
            tau, phi = fit.taus[k], float(np.exp(fit.log_phis[k]))
            d = 3 if tau == 0 else 3 + n_p
            mode, cov = fit.modes[k, :d], fit.covs[k, :d, :d]
            prop = multivariate_t(loc=mode, shape=cov * 1.2, df=5, seed=rng)
            draws = prop.rvs(size=2000)
            eta = draws @ x[:, :d].T
            mu = np.exp(eta)
            ll = (
                gammaln(y + phi)
                - gammaln(phi)
                - gammaln(y + 1)
                + phi * np.log(phi / (phi + mu))
                + y * np.log(mu / (phi + mu))
            ).sum(1)
            lp = (
                analysis._log_normal(draws[:, 0], alpha_mean, 1.5)
                + analysis._log_normal(draws[:, 1], 0, 0.5)
                + analysis._log_normal(draws[:, 2], 0, 1.0)
            )
            if d > 3:
                lp = lp + analysis._log_normal(draws[:, 3:], 0, tau).sum(1)
            lw = ll + lp - prop.logpdf(draws)
            m = lw.max()
            w = np.exp(lw - m)
            log_z.append(m + np.log(w.mean()) + fit.log_hyper[k])
            p_fewer.append(float((w * (draws[:, 1] < 0)).sum() / w.sum()))
        lz = np.array(log_z)
        weights = np.exp(lz - lz.max())
        weights /= weights.sum()
        exact = float(weights @ np.array(p_fewer))
        assert abs(exact - fit.cdf(0.0)) < 0.03

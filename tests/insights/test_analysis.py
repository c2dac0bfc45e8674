"""Daily series, the per-factor analysis, gates, verdicts, explanations and tonight's forecast."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nightcramps.insights import analysis
from nightcramps.insights.explain import explain
from nightcramps.insights.factors import BY_KEY, FACTORS
from nightcramps.insights.series import build_series
from nightcramps.insights.tonight import PRIOR_CRAMP_NIGHT_RATE, forecast

START = date(2026, 1, 1)


def _frame(days: int, seed: int = 0, *, effect: float = 0.0) -> dict[date, dict[str, float]]:
    """A diary where under 1.5 L of fluid raises the log-odds by ``effect``."""
    rng = np.random.default_rng(seed)
    frame = {}
    for i in range(days):
        fluid = float(rng.choice([1000.0, 2500.0]))
        p = 1 / (1 + math.exp(-(-0.4 + effect * (fluid < 1500))))
        frame[START + timedelta(days=i)] = {
            "cramps": float(rng.random() < p),
            "fluid_ml": fluid,
            "steps": float(rng.integers(3000, 12000)),
        }
    return frame


def test_unknown_stays_unknown() -> None:
    """Unlogged nights and unlogged factors are NaN in the series, never 0."""
    frame = {START: {"cramps": 2.0}, START + timedelta(days=2): {"fluid_ml": 1800.0}}
    series = build_series(frame, start=START, end=START + timedelta(days=3))
    assert series.y[0] == 1 and np.isnan(series.y[1]) and np.isnan(series.y[2])
    assert np.isnan(series.factors["fluid_ml"][0]) and series.factors["fluid_ml"][2] == 1800
    assert np.all(np.isnan(series.factors["magnesium_mg"]))
    assert np.all(np.isnan(series.factors["medicine_started"]))  # no medicine list kept


def test_history_uses_only_past_nights() -> None:
    """The previous-night and previous-week covariates never look ahead."""
    frame = {START + timedelta(days=i): {"cramps": float(i == 5)} for i in range(10)}
    series = build_series(frame, start=START, end=START + timedelta(days=9))
    assert series.prev[5] == 0 and series.prev[6] == 1
    assert series.recent[5] == 0 and series.recent[6] == 1 / 6


def test_exertion_ratio_from_steps_and_medicine_window() -> None:
    """Exertion is steps over the previous 28-day mean; a medicine start marks 28 days."""
    frame = {START + timedelta(days=i): {"steps": 5000.0} for i in range(40)}
    frame[START + timedelta(days=35)] = {"steps": 10000.0}
    series = build_series(
        frame,
        start=START,
        end=START + timedelta(days=39),
        medicine_starts=[START + timedelta(days=10)],
    )
    ratio = series.factors["exertion_ratio"]
    assert np.isnan(ratio[10]) and ratio[20] == 1.0 and ratio[35] == 2.0
    medicine = series.factors["medicine_started"]
    assert medicine[9] == 0 and medicine[10] == 1 and medicine[37] == 1 and medicine[38] == 0


def test_not_enough_data_below_the_gates() -> None:
    """Three weeks of nights: every factor says 'not enough data' and what is missing."""
    frame = _frame(21, effect=2.0)
    series = build_series(frame, start=START, end=START + timedelta(days=20))
    result = analysis.analyse(series)
    assert {f.verdict for f in result.factors} == {"not enough data"}
    fluid = next(f for f in result.factors if f.factor.key == "fluid_ml")
    assert fluid.effect is None
    assert "28 nights with fluid known (you have 21)" in explain(fluid, tested=0)


def test_strong_effect_is_found_and_explained() -> None:
    """A year with low fluid tripling the odds: fluid is 'likely protective' with words."""
    frame = _frame(365, seed=3, effect=math.log(3))
    series = build_series(frame, start=START, end=START + timedelta(days=364))
    result = analysis.analyse(series)
    fluid = next(f for f in result.factors if f.factor.key == "fluid_ml")
    assert fluid.verdict == "likely protective"
    assert fluid.ci_high is not None and fluid.ci_high < 1
    text = explain(fluid, tested=3)
    assert text.startswith("On nights after days with under 1.5 L of fluid, your odds")
    assert "People often change fluid" in text  # reverse causation is flagged
    steps = next(f for f in result.factors if f.factor.key == "steps")
    assert steps.verdict in ("no clear link", "likely trigger", "likely protective")


def test_verdicts_follow_q_values() -> None:
    """q <= the declared FDR gives a direction; otherwise 'no clear link' with a horizon."""
    results = [analysis.FactorResult(factor=f) for f in FACTORS[:3]]
    for result, (effect, p) in zip(results, [(2.0, 0.001), (0.5, 0.002), (1.3, 0.4)], strict=True):
        result.effect, result.p_value = effect, p
        result.log_effect, result.se, result.nights = math.log(effect), 0.3, 100
        result.ci_low, result.ci_high = effect / 2, effect * 2
    analysis.assign_verdicts(results)
    assert [r.verdict for r in results] == ["likely trigger", "likely protective", "no clear link"]
    assert results[2].q_value == pytest.approx(0.4)
    assert results[2].more_nights is not None and results[2].more_nights > 0


@settings(max_examples=20, deadline=None)
@given(st.randoms(use_true_random=False))
def test_shuffling_nights_within_an_arm_keeps_counts(rnd: object) -> None:
    """Reordering the days inside one arm changes no count of nights or cramp nights."""
    frame = _frame(90, seed=1, effect=1.0)
    days = sorted(frame)
    low = [d for d in days if frame[d]["fluid_ml"] < 1500]
    shuffled_values = [frame[d] for d in low]
    rnd.shuffle(shuffled_values)  # type: ignore[attr-defined]
    other = dict(frame)
    for d, values in zip(low, shuffled_values, strict=True):
        other[d] = values
    fluid = BY_KEY["fluid_ml"]
    a = analysis.analyse_factor(build_series(frame, start=days[0], end=days[-1]), fluid)
    b = analysis.analyse_factor(build_series(other, start=days[0], end=days[-1]), fluid)
    assert (a.nights, a.cramp_nights, a.nights_low, a.cramps_low, a.nights_high, a.cramps_high) == (
        b.nights,
        b.cramp_nights,
        b.nights_low,
        b.cramps_low,
        b.nights_high,
        b.cramps_high,
    )


def test_reverse_causation_is_adjusted() -> None:
    """A supplement taken after cramp nights (no true effect) is not called a trigger."""
    rng = np.random.default_rng(11)
    frame: dict[date, dict[str, float]] = {}
    latent, cramped, left = 0.0, False, 0
    for i in range(365):
        if cramped and left == 0 and rng.random() < 0.7:
            left = int(rng.integers(3, 8))
        supplement = left > 0
        left = max(0, left - 1)
        latent = 0.85 * latent + rng.normal(0, 0.4)
        cramped = bool(rng.random() < 1 / (1 + math.exp(-(-0.3 + latent))))
        frame[START + timedelta(days=i)] = {
            "cramps": float(cramped),
            "magnesium_mg": 280.0 + 300.0 * supplement + float(rng.normal(0, 40)),
        }
    series = build_series(frame, start=START, end=START + timedelta(days=364))
    result = analysis.analyse_factor(series, BY_KEY["magnesium_mg"])
    assert result.analysed
    assert result.p_value is not None and result.p_value > 0.01


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 1000), st.integers(0, 120))
def test_tonight_is_a_probability(seed: int, days: int) -> None:
    """Whatever the diary, tonight's risk and each reason's multiplier are sane."""
    frame = _frame(days, seed=seed, effect=1.0) if days else {}
    end = START + timedelta(days=max(days, 1))
    series = build_series(frame, start=START, end=end)
    tonight = forecast(series, evaluate=False)
    assert 0 <= tonight.probability <= 1
    assert 0 <= tonight.base_rate <= 1
    assert len(tonight.reasons) <= 3
    assert all(r.odds_multiplier > 0 for r in tonight.reasons)


def test_few_nights_shrink_toward_the_prior() -> None:
    """After five cramp nights in a row the forecast stays well below 100%."""
    frame = {START + timedelta(days=i): {"cramps": 1.0} for i in range(5)}
    series = build_series(frame, start=START, end=START + timedelta(days=5))
    tonight = forecast(series)
    assert PRIOR_CRAMP_NIGHT_RATE < tonight.probability < 0.7
    assert tonight.calibration is not None and tonight.calibration.brier is None


def test_calibration_is_reported_with_enough_nights() -> None:
    """With a year of nights the rolling-origin scores exist and the forecast has reasons."""
    frame = _frame(365, seed=5, effect=math.log(3))
    series = build_series(frame, start=START, end=START + timedelta(days=365))
    tonight = forecast(series)
    calibration = tonight.calibration
    assert calibration is not None and calibration.nights_evaluated > 300
    assert calibration.brier is not None and calibration.brier_base is not None
    assert 0 < calibration.brier < 0.5
    assert calibration.brier_skill is not None and calibration.brier_skill > 0


def test_an_unlogged_last_night_is_not_a_reason() -> None:
    """When last night was not logged, 'a cramp last night' is never given as a reason."""
    frame = {START + timedelta(days=i): {"cramps": float(i % 3 == 0)} for i in range(200)}
    series = build_series(frame, start=START, end=START + timedelta(days=201))
    assert np.isnan(series.y[200])
    reasons = forecast(series, evaluate=False).reasons
    assert all(r.factor != "last_night" for r in reasons)
    logged = build_series(frame, start=START, end=START + timedelta(days=200))
    assert any(r.factor == "last_night" for r in forecast(logged, evaluate=False).reasons)


def test_explanations_in_words() -> None:
    """Sizes read naturally: 'about twice', 'about the same', and not-clear findings say so."""
    fluid = BY_KEY["fluid_ml"]
    result = analysis.FactorResult(
        factor=fluid, nights=100, cramp_nights=40, nights_low=50, nights_high=50
    )
    result.effect, result.ci_low, result.ci_high, result.q_value = 0.5, 0.3, 0.8, 0.01
    result.verdict = "likely protective"
    assert "about twice those after days with 1.5 L of fluid or more" in explain(result, tested=5)
    result.effect, result.ci_low, result.ci_high, result.q_value = 1.04, 0.6, 1.8, 0.9
    result.verdict, result.more_nights = "no clear link", None
    text = explain(result, tested=5)
    assert "about the same as after days with under 1.5 L" in text
    assert "not clear enough to call (q = 0.90)" in text and "probably small" in text


@st.composite
def diaries(draw: st.DrawFn) -> dict[date, dict[str, float]]:
    """Random sparse diaries: any mix of known and unknown nights and factors."""
    days = draw(st.integers(0, 150))
    seed = draw(st.integers(0, 10_000))
    known_rate = draw(st.floats(0.0, 1.0))
    rng = np.random.default_rng(seed)
    frame: dict[date, dict[str, float]] = {}
    for i in range(days):
        values: dict[str, float] = {}
        if rng.random() < known_rate:
            values["cramps"] = float(rng.integers(0, 3))
        for factor in FACTORS:
            if rng.random() < known_rate:
                values[factor.key] = float(rng.choice([0.0, 0.5, 1.0, 3.0, 600.0, 2500.0, 12000.0]))
        frame[START + timedelta(days=i)] = values
    return frame


@settings(max_examples=40, deadline=None)
@given(diaries())
def test_any_diary_gives_sane_results(frame: dict[date, dict[str, float]]) -> None:
    """Whatever is logged, the analysis answers: finite effects inside their intervals, q and
    probabilities in [0, 1], and 'not enough data' exactly when a gate fails."""
    end = START + timedelta(days=max(len(frame), 1))
    series = build_series(frame, start=START, end=end)
    result = analysis.analyse(series)
    assert result.nights_used == int((~np.isnan(series.y)).sum())
    for factor in result.factors:
        if factor.effect is None:
            assert factor.verdict == "not enough data" and factor.shortfalls
            continue
        assert factor.ci_low is not None and factor.ci_high is not None
        assert 0 < factor.ci_low <= factor.effect <= factor.ci_high
        assert factor.q_value is not None and 0 <= factor.q_value <= 1
        assert factor.nights >= analysis.MIN_NIGHTS
        assert min(factor.nights_low, factor.nights_high) >= analysis.MIN_PER_ARM
    tonight = forecast(series)
    assert 0 <= tonight.probability <= 1

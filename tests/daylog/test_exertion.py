"""Exertion against the person's own baseline: pure functions, with properties."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nightcramps.daylog import exertion
from nightcramps.daylog.constants import (
    EXERTION_WINDOW_DAYS,
    MAX_EXERTION_RATIO,
    MIN_BASELINE_DAYS,
)

loads = st.floats(min_value=0.01, max_value=1e5, allow_nan=False, allow_infinity=False)
maybe_loads = st.one_of(st.none(), loads)
D = date(2026, 11, 24)


def _series(values: Sequence[float | None], last: date = D) -> dict[date, float | None]:
    """Map values to consecutive days ending on ``last``."""
    first = last - timedelta(days=len(values) - 1)
    return {first + timedelta(days=k): v for k, v in enumerate(values)}


@given(value=loads)
def test_ratio_of_a_constant_series_is_one(value: float) -> None:
    """A day equal to every one of the 28 before it has ratio 1."""
    series = _series([value] * (EXERTION_WINDOW_DAYS + 1))
    assert exertion.ratios_by_day(series, [D])[D] == pytest.approx(1.0)


def test_ratio_of_a_constant_zero_series_is_one() -> None:
    """Rest days every day, rest day today: nothing unusual (1, not a division by zero)."""
    series = _series([0.0] * (EXERTION_WINDOW_DAYS + 1))
    assert exertion.ratios_by_day(series, [D])[D] == 1.0


def test_first_exercise_after_a_zero_baseline_is_capped() -> None:
    """Exercise after four weeks of rest days gives the cap, not infinity."""
    series = _series([0.0] * EXERTION_WINDOW_DAYS + [120.0])
    assert exertion.ratios_by_day(series, [D])[D] == MAX_EXERTION_RATIO


@given(
    previous=st.lists(maybe_loads, min_size=EXERTION_WINDOW_DAYS, max_size=EXERTION_WINDOW_DAYS),
    today=loads,
)
def test_missing_days_are_skipped_not_zero(previous: list[float | None], today: float) -> None:
    """The ratio equals today over the mean of the known days only."""
    known = [v for v in previous if v is not None]
    ratio = exertion.baseline_ratio(today, previous)
    if len(known) < MIN_BASELINE_DAYS:
        assert ratio is None
    else:
        expected = min(today / (sum(known) / len(known)), MAX_EXERTION_RATIO)
        assert ratio == pytest.approx(expected)


def test_a_missing_day_is_not_a_zero_day() -> None:
    """Twenty known days of 60 and eight unknown ones: today's 60 is usual (1.0), not 0.71."""
    previous: list[float | None] = [*([60.0] * 20), *([None] * 8)]
    assert exertion.baseline_ratio(60.0, previous) == pytest.approx(1.0)
    as_zero = [60.0] * 20 + [0.0] * 8
    assert exertion.baseline_ratio(60.0, as_zero) == pytest.approx(60 / (1200 / 28))


@given(
    previous=st.lists(loads, min_size=MIN_BASELINE_DAYS, max_size=EXERTION_WINDOW_DAYS),
    today=loads,
    factor=st.floats(min_value=0.1, max_value=100),
)
def test_ratio_does_not_depend_on_the_unit(
    previous: list[float], today: float, factor: float
) -> None:
    """Scaling every load (minutes to seconds, say) leaves the ratio unchanged."""
    plain = exertion.baseline_ratio(today, list(previous))
    scaled = exertion.baseline_ratio(today * factor, [v * factor for v in previous])
    assert plain is not None and scaled is not None
    assert scaled == pytest.approx(plain, rel=1e-9)


@given(
    previous=st.lists(loads, min_size=MIN_BASELINE_DAYS, max_size=EXERTION_WINDOW_DAYS),
    low=loads,
    high=loads,
)
def test_ratio_grows_with_todays_load(previous: list[float], low: float, high: float) -> None:
    """More load today never gives a smaller ratio, and every ratio is within [0, cap]."""
    low, high = sorted((low, high))
    a = exertion.baseline_ratio(low, list(previous))
    b = exertion.baseline_ratio(high, list(previous))
    assert a is not None and b is not None
    assert 0 <= a <= b <= MAX_EXERTION_RATIO


def test_too_few_known_days_gives_none() -> None:
    """Thirteen known days are not a baseline; fourteen are."""
    assert exertion.baseline_ratio(50.0, [50.0] * (MIN_BASELINE_DAYS - 1)) is None
    assert exertion.baseline_ratio(50.0, [50.0] * MIN_BASELINE_DAYS) == 1.0


def test_unknown_today_gives_none() -> None:
    """Without today's load there is no ratio, however good the baseline."""
    assert exertion.baseline_ratio(None, [50.0] * 28) is None


def test_only_the_28_days_before_count() -> None:
    """Days more than 28 days back, and today itself, are not part of the baseline."""
    series = _series([1000.0] * 10 + [30.0] * EXERTION_WINDOW_DAYS + [60.0])
    assert exertion.ratios_by_day(series, [D])[D] == pytest.approx(2.0)


def test_unaccustomed_by_either_measure() -> None:
    """A usual workout day with three times the usual steps has exertion ratio 3."""
    workouts = _series([100.0] * (EXERTION_WINDOW_DAYS + 1))
    steps = _series([5000.0] * EXERTION_WINDOW_DAYS + [15000.0])
    assert exertion.exertion_ratios(workouts, steps, [D])[D] == pytest.approx(3.0)
    assert exertion.most_unaccustomed(None, None) is None


def test_session_load_refuses_nonsense() -> None:
    """Minutes x effort; negative minutes or effort above 10 are errors."""
    assert exertion.session_load(30, 5) == 150
    with pytest.raises(ValueError):
        exertion.session_load(-1, 5)
    with pytest.raises(ValueError):
        exertion.session_load(30, 11)
    with pytest.raises(ValueError):
        exertion.baseline_ratio(-1.0, [1.0] * 28)

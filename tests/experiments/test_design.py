"""Designs, randomisation, the run-in gate and the power (memo 1 §1.2)."""

from __future__ import annotations

from datetime import date
from itertools import count

from nightcramps.experiments.design import Design, power, randomise, run_in_gate


def test_defaults_per_remedy() -> None:
    s = Design.for_remedy("stretching")
    m = Design.for_remedy("magnesium")
    assert (s.blocks, s.period_nights, s.washout_nights, s.total_nights) == (8, 7, 2, 112)
    assert (m.blocks, m.period_nights, m.washout_nights) == (6, 14, 7)


def test_randomisation_is_balanced_per_block_and_the_hash_is_stable() -> None:
    made = Design.for_remedy("stretching")
    n = count()
    schedule = randomise(made, date(2026, 11, 24), lambda _: next(n) % 2)
    assert schedule.orders == ("AB", "BA") * 4
    assert sum(1 for x in schedule.nights if x.arm == "A") == 56
    assert sum(x.washout for x in schedule.nights) == 32
    again = randomise(made, date(2026, 11, 24), lambda _: [0, 1][0] if False else 0)
    assert again.sequence_hash() == randomise(made, date(2026, 11, 24), lambda _: 0).sequence_hash()
    assert again.sequence_hash() != schedule.sequence_hash()
    assert len(schedule.sequence_hash()) == 64


def test_the_gate() -> None:
    assert run_in_gate(12, 4).passed
    assert not run_in_gate(11, 10).passed
    assert not run_in_gate(14, 3).passed


def test_power_grows_with_the_effect_and_is_repeatable() -> None:
    """(Its time, under 15 s for 200 trials, is measured by benchmarks/experiments_study.py.)"""
    made = Design.for_remedy("stretching")
    strong = power(made, 1.0, rate_ratio=0.3, trials=100)
    assert strong > power(made, 1.0, rate_ratio=1.0, trials=50)
    assert strong == power(made, 1.0, rate_ratio=0.3, trials=100)

"""Simulated people for the experiments' power and simulation study (memo 1 §1.4). Pure numpy.

A simulated person's cramps a night follow

    log mu_t = log(baseline) + z_t + excess * exp(-t / 30) + trend * t / 365 + log(RR) * x_t
    y_t ~ NegativeBinomial2(mu_t, phi = 3)

with t the night counted from the first run-in night, z_t a latent AR(1) log-rate (sd 0.4,
persistence 0.9 a night: the insights simulator's values), an early excess of +0.3 fading with a
30-night time constant (people start after a bad spell: regression to the mean), a trend of
-0.4 a year, and x_t the remedy's exposure: the share of the last 3 nights (tonight included) on
which the remedy was done, so its effect builds up and wears off over 3 nights. A remedy night's
remedy is done with probability 0.85; a usual night stays usual (``contamination`` 0, as in the
memo; the study's sensitivity rows do the remedy on 15% of usual nights too). 10% of nights are
missing at random, and 30% of people have a 5-night holiday gap in
the trial.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np

from nightcramps.experiments.analysis import Arm, Night


class ScheduledNight(Protocol):
    """What the simulator needs of a scheduled night (``design.ScheduledNight`` has it)."""

    @property
    def day(self) -> date: ...
    @property
    def arm(self) -> Arm: ...
    @property
    def period(self) -> int: ...
    @property
    def washout(self) -> bool: ...


@dataclass(frozen=True)
class PersonSpec:
    """The simulated truth (memo 1 §1.4's values by default)."""

    cramps_per_night: float = 0.7
    """The baseline rate (the latent log-rate's median, before the early excess and trend)."""
    rate_ratio: float = 1.0
    """The remedy's full effect on the rate once done 3 nights running."""
    latent_sd: float = 0.4
    latent_rho: float = 0.9
    dispersion: float = 3.0
    early_excess: float = 0.3
    early_nights: float = 30.0
    trend_per_year: float = -0.4
    ramp_nights: int = 3
    adherence: float = 0.85
    """The chance a remedy night's remedy is done."""
    contamination: float = 0.0
    """The chance a usual-routine night has the remedy done anyway (the study's sensitivity
    rows use 0.15: adherence as symmetric as the remedy nights')."""
    missing: float = 0.10
    holiday_share: float = 0.30
    holiday_nights: int = 5

    def run_in_multiplier(self, run_in_nights: int) -> float:
        """How much the expected run-in rate exceeds the baseline (latent mean, early excess and
        trend over the run-in), for turning an observed run-in rate into a baseline."""
        t = np.arange(run_in_nights, dtype=np.float64)
        level = np.exp(self.early_excess * np.exp(-t / self.early_nights))
        level *= np.exp(self.trend_per_year * t / 365.0)
        return float(math.exp(self.latent_sd**2 / 2) * level.mean()) if run_in_nights else 1.0


def baseline_for_run_in(rate: float, run_in_nights: int, spec: PersonSpec = PersonSpec()) -> float:
    """The baseline whose simulated run-in has ``rate`` cramps a night on average."""
    return rate / spec.run_in_multiplier(run_in_nights)


@dataclass(frozen=True)
class SimulatedTrial:
    """One simulated person's run-in and trial."""

    run_in: tuple[int | None, ...]
    """Cramps on each run-in night (None = not logged)."""
    nights: tuple[Night, ...]
    """The trial's nights as the analysis sees them."""
    took_remedy: tuple[bool, ...]
    """What really happened each trial night."""

    @property
    def run_in_mean(self) -> float | None:
        logged = [c for c in self.run_in if c is not None]
        return sum(logged) / len(logged) if logged else None


def simulate_trial(
    rng: np.random.Generator,
    schedule: Sequence[ScheduledNight],
    spec: PersonSpec = PersonSpec(),
    *,
    run_in_nights: int = 14,
) -> SimulatedTrial:
    """Simulate one person through a run-in and the scheduled nights (consecutive days)."""
    n_trial = len(schedule)
    total = run_in_nights + n_trial
    t = np.arange(total, dtype=np.float64)
    z = np.empty(total)
    z[0] = rng.normal(0.0, spec.latent_sd)
    innovation = spec.latent_sd * math.sqrt(1.0 - spec.latent_rho**2)
    shocks = rng.normal(0.0, innovation, size=total)
    for i in range(1, total):
        z[i] = spec.latent_rho * z[i - 1] + shocks[i]
    assigned = np.zeros(total, dtype=bool)
    assigned[run_in_nights:] = [n.arm == "A" for n in schedule]
    draws = rng.random(total)
    took = np.where(assigned, draws < spec.adherence, draws < spec.contamination)
    followed = took == assigned
    took[:run_in_nights] = False
    window = max(spec.ramp_nights, 1)
    cumulative = np.concatenate([[0.0], np.cumsum(took.astype(np.float64))])
    start = np.maximum(np.arange(total) - window + 1, 0)
    exposure = (cumulative[1:] - cumulative[start]) / window
    log_mu = (
        math.log(spec.cramps_per_night)
        + z
        + spec.early_excess * np.exp(-t / spec.early_nights)
        + spec.trend_per_year * t / 365.0
        + math.log(spec.rate_ratio) * exposure
    )
    mu = np.exp(log_mu)
    counts = rng.poisson(rng.gamma(spec.dispersion, mu / spec.dispersion))
    missing = rng.random(total) < spec.missing
    if n_trial > spec.holiday_nights and rng.random() < spec.holiday_share:
        begin = run_in_nights + int(rng.integers(0, n_trial - spec.holiday_nights + 1))
        missing[begin : begin + spec.holiday_nights] = True
    run_in = tuple(None if missing[i] else int(counts[i]) for i in range(run_in_nights))
    nights = tuple(
        Night(
            day=night.day,
            arm=night.arm,
            period=night.period,
            cramps=None if missing[i] else int(counts[i]),
            washout=night.washout,
            adhered=None if missing[i] else bool(followed[i]),
        )
        for i, night in ((run_in_nights + k, n) for k, n in enumerate(schedule))
    )
    return SimulatedTrial(
        run_in=run_in,
        nights=nights,
        took_remedy=tuple(bool(took[run_in_nights + k]) for k in range(n_trial)),
    )


def generator_randbelow(rng: np.random.Generator) -> Callable[[int], int]:
    """A ``randbelow`` drawing from ``rng`` (so a simulated schedule is reproducible)."""

    def draw(n: int) -> int:
        return int(rng.integers(0, n))

    return draw

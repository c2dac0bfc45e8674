"""An experiment's design: the defaults per remedy, the randomisation, the run-in gate and the
power (memo 1 §1.2, §1.4). Pure: no session, no I/O.

Each block is a remedy period (A) and a usual period (B) in random order, drawn independently for
every block (``secrets.randbelow(2)``; StudyU's fixed first pair is not copied). The first
nights of every period are an analytic washout: kept in the calendar, left out of the analysis.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from nightcramps.experiments.analysis import Arm, analyse
from nightcramps.experiments.simulate import (
    PersonSpec,
    baseline_for_run_in,
    generator_randbelow,
    simulate_trial,
)

RUN_IN_NIGHTS = 14
GATE_LOGGED = 12
"""Nights of the 14-night run-in that must be logged."""
GATE_CRAMP_NIGHTS_PER_WEEK = 2.0
"""Cramp nights a week the run-in must show."""

REMEDIES = ("stretching", "fluids", "food", "magnesium")
HASH_VERSION = "nightcramps-experiment-schedule-v1"


@dataclass(frozen=True)
class Design:
    """A pre-declared design: ``blocks`` x (A, B) x ``period_nights``, the first
    ``washout_nights`` of each period left out of the analysis, after a run-in."""

    remedy: str
    blocks: int
    period_nights: int
    washout_nights: int
    run_in_nights: int = RUN_IN_NIGHTS

    def __post_init__(self) -> None:
        if self.blocks < 1:
            raise ValueError("a design needs at least one block")
        if self.washout_nights < 0 or self.period_nights - self.washout_nights < 3:
            raise ValueError("each period needs at least 3 nights after its washout")
        if self.run_in_nights < 0:
            raise ValueError("the run-in cannot be negative")

    @classmethod
    def for_remedy(cls, remedy: str) -> Design:
        """The defaults: 8 x (AB) x 7 nights dropping 2 for stretching, fluids and food;
        6 x (AB) x 14 dropping 7 for magnesium (slow body stores)."""
        if remedy == "magnesium":
            return cls(remedy=remedy, blocks=6, period_nights=14, washout_nights=7)
        if remedy in REMEDIES:
            return cls(remedy=remedy, blocks=8, period_nights=7, washout_nights=2)
        raise ValueError(f"unknown remedy {remedy!r}; one of {', '.join(REMEDIES)}")

    @property
    def total_nights(self) -> int:
        return 2 * self.blocks * self.period_nights

    @property
    def analysable_nights(self) -> int:
        return 2 * self.blocks * (self.period_nights - self.washout_nights)


@dataclass(frozen=True)
class ScheduledNight:
    day: date
    arm: Arm
    period: int
    """1-based: block b (1-based) holds periods 2b - 1 and 2b."""
    washout: bool


@dataclass(frozen=True)
class Schedule:
    """A randomised calendar: the order of each block and every night."""

    design: Design
    start: date
    orders: tuple[str, ...]
    """'AB' or 'BA' for each block."""
    nights: tuple[ScheduledNight, ...]

    @property
    def end(self) -> date:
        return self.nights[-1].day

    def canonical_text(self) -> str:
        """The text the hash is taken of: the design, then one line per night
        (``date,arm,period,washout``), LF line ends."""
        d = self.design
        lines = [
            HASH_VERSION,
            f"remedy={d.remedy}",
            f"blocks={d.blocks}",
            f"period_nights={d.period_nights}",
            f"washout_nights={d.washout_nights}",
            f"start={self.start.isoformat()}",
            "date,arm,period,washout",
            *(f"{n.day.isoformat()},{n.arm},{n.period},{int(n.washout)}" for n in self.nights),
        ]
        return "\n".join(lines) + "\n"

    def sequence_hash(self) -> str:
        """SHA-256 (hex) of :meth:`canonical_text`: stored before night 1, so the sequence can
        be shown not to have changed afterwards."""
        return hashlib.sha256(self.canonical_text().encode("utf-8")).hexdigest()

    def to_csv(self) -> str:
        """The schedule as ``experiment analyse`` reads it: ``date,arm`` with the run-in nights
        (``run-in``), then A or B for each night."""
        run_in = [
            f"{(self.start - timedelta(days=k)).isoformat()},run-in"
            for k in range(self.design.run_in_nights, 0, -1)
        ]
        rows = [f"{n.day.isoformat()},{n.arm}" for n in self.nights]
        return "\n".join(["date,arm", *run_in, *rows]) + "\n"


def randomise(
    design: Design, start: date, randbelow: Callable[[int], int] = secrets.randbelow
) -> Schedule:
    """The calendar from night 1 (``start``): each block AB or BA independently
    (``randbelow(2) == 0``: remedy first)."""
    orders = tuple("AB" if randbelow(2) == 0 else "BA" for _ in range(design.blocks))
    nights = []
    day = start
    for block, order in enumerate(orders):
        for half, arm in enumerate(order):
            period = 2 * block + half + 1
            for k in range(design.period_nights):
                nights.append(
                    ScheduledNight(
                        day=day,
                        arm="A" if arm == "A" else "B",
                        period=period,
                        washout=k < design.washout_nights,
                    )
                )
                day += timedelta(days=1)
    return Schedule(design=design, start=start, orders=orders, nights=tuple(nights))


@dataclass(frozen=True)
class GateResult:
    """The run-in gate (memo 1 §1.2): enough nights logged, and enough cramp nights."""

    passed: bool
    logged_nights: int
    cramp_nights: int
    nights: int
    needed_logged: int
    needed_cramp_nights: int

    @property
    def logged_ok(self) -> bool:
        return self.logged_nights >= self.needed_logged

    @property
    def cramps_ok(self) -> bool:
        return self.cramp_nights >= self.needed_cramp_nights

    def __bool__(self) -> bool:
        return self.passed


def run_in_gate(logged_nights: int, cramp_nights: int, nights: int = RUN_IN_NIGHTS) -> GateResult:
    """At least 12 of 14 nights logged (the same share of a longer run-in) and at least 2 cramp
    nights a week."""
    needed_logged = math.ceil(GATE_LOGGED * nights / RUN_IN_NIGHTS - 1e-9)
    needed_cramps = math.ceil(GATE_CRAMP_NIGHTS_PER_WEEK * nights / 7 - 1e-9)
    return GateResult(
        passed=logged_nights >= needed_logged and cramp_nights >= needed_cramps,
        logged_nights=logged_nights,
        cramp_nights=cramp_nights,
        nights=nights,
        needed_logged=needed_logged,
        needed_cramp_nights=needed_cramps,
    )


def power(
    design: Design,
    cramps_per_night: float,
    *,
    rate_ratio: float = 2 / 3,
    trials: int = 200,
    seed: int = 0,
) -> float:
    """The share of simulated experiments that end "likely helps" when the remedy multiplies
    the rate by ``rate_ratio``, for a person whose run-in showed ``cramps_per_night``.

    The simulated people are memo 1's (``simulate.PersonSpec``), with the baseline set so that
    their expected run-in rate is ``cramps_per_night``; each goes through the real analysis
    (primary verdict only). Deterministic for a seed.
    """
    if trials < 1:
        raise ValueError("at least one trial")
    if cramps_per_night <= 0:
        return 0.0
    rng = np.random.default_rng(seed)
    spec = PersonSpec(rate_ratio=rate_ratio)
    spec = PersonSpec(
        cramps_per_night=baseline_for_run_in(cramps_per_night, design.run_in_nights, spec),
        rate_ratio=rate_ratio,
    )
    start = date(2026, 1, 5)  # any date: the analysis uses only differences between nights
    draw = generator_randbelow(rng)
    helps = 0
    for _ in range(trials):
        schedule = randomise(design, start, randbelow=draw)
        trial = simulate_trial(rng, schedule.nights, spec, run_in_nights=design.run_in_nights)
        result = analyse(trial.nights, run_in_mean=trial.run_in_mean, secondary=False)
        helps += result.verdict == "likely_helps"
    return helps / trials

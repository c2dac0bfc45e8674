"""Simulated people whose true effects are known, to prove the insights work.

Pure simulation: ``simulate_person`` → rows, ``to_daily_csv`` → text. The demo diary
(``nightcramps demo``) is one such person; the study that drives the real pipeline with hundreds
of them and scores the verdicts against the truth is ``benchmarks/insights_study.py``.

Each simulated person has:

* irregular cramps: a latent, autocorrelated AR(1) risk on the log-odds scale (spells of bad
  nights), around the person's own base rate;
* a slow improvement over time (a period effect, as in the magnesium trials);
* missing nights (skipped check-ins and holidays) and missing days of food logging;
* one factor with a known effect: under 1.5 L of fluid doubles the odds of a cramp night
  (so the reported effect, 1.5 L or more vs under 1.5 L, is truly 0.5);
* null factors with no effect (potassium, calcium, sodium, steps, exercise, alcohol, caffeine,
  sleep, and exertion derived from steps), autocorrelated like real habits;
* reverse causation: a magnesium supplement (+300 mg) taken for a few days after cramp nights,
  with no true effect;
* a period confounder: bedtime stretching taken up halfway through the year, while cramps improve
  anyway, with no true effect.

Run the study: ``python -m benchmarks.insights_study --people 200`` (or ``make bench``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from nightcramps.dailyvalues.csvfile import DailyRow, write_daily_csv

TRUE_LOG_OR_LOW_FLUID = math.log(2.0)
"""Under 1.5 L of fluid doubles the odds of a cramp night in the simulated people."""

TRUE_EFFECTS: dict[str, float] = {"fluid_ml": 0.5}
"""The true odds ratio of each factor's high arm vs its low arm (fluid: 1.5 L+ vs under 1.5 L)."""

NULL_FACTORS = (
    "potassium_mg",
    "calcium_mg",
    "sodium_mg",
    "steps",
    "exercise_min",
    "alcohol_drinks",
    "caffeine_mg",
    "sleep_h",
    "exertion_ratio",
)
"""Factors with no effect and no built-in confounding (true odds ratio 1)."""

STUDY_TONIGHT = date(2026, 11, 21)
"""Simulated diaries end on the night of 20 November; the study asks on the evening of the 21st."""

REVERSE_FACTOR = "magnesium_mg"
PERIOD_FACTOR = "stretched"


@dataclass(frozen=True, slots=True)
class PersonSpec:
    """How one simulated person behaves (defaults: a year of nights)."""

    nights: int = 365
    base_rate: float = 0.35
    """Average chance of a cramp night at the start."""
    latent_sd: float = 0.4
    latent_phi: float = 0.9
    """Day-to-day persistence of the latent risk (spells of bad nights)."""
    carryover: float = math.log(2.5)
    """A cramp night makes the next one likelier (odds x2.5): cramps come in runs, as in the
    demo diary and in people's reports."""
    improvement_per_year: float = 0.4
    """Log-odds fall per year: a slow improvement whatever the person does."""
    missing_night_rate: float = 0.05
    holiday_rate: float = 0.005
    """Chance per day of starting a 3-10 day gap with nothing logged."""
    missing_food_rate: float = 0.1
    fluid_effect: float = TRUE_LOG_OR_LOW_FLUID
    supplement_after_cramp: float = 0.7
    """Chance of taking a magnesium supplement on the day after a cramp night."""
    supplement_keep_going: float = 0.5
    """Chance of taking it again the next day, having taken it today."""


@dataclass(slots=True)
class SimulatedPerson:
    """The simulated diary and what is true about it."""

    rows: list[DailyRow]
    cramp_nights: int
    logged_nights: int
    truth: dict[str, float] = field(default_factory=lambda: dict(TRUE_EFFECTS))


def _ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> Any:
    out = np.empty(n)
    out[0] = rng.normal(0, sd)
    innovation = sd * math.sqrt(1 - phi**2)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + rng.normal(0, innovation)
    return out


def simulate_person(
    rng: np.random.Generator, spec: PersonSpec = PersonSpec(), *, last: date = date(2026, 11, 20)
) -> SimulatedPerson:
    """One person's daily rows (blank = unknown), ending on the night of ``last``."""
    n = spec.nights
    start = last - timedelta(days=n - 1)
    t = np.arange(n) / 365.25
    latent = _ar1(rng, n, spec.latent_phi, spec.latent_sd)
    fluid = np.clip(rng.uniform(1200, 1800) + _ar1(rng, n, 0.5, 600), 300, None)
    potassium = np.clip(rng.uniform(2000, 3000) + _ar1(rng, n, 0.4, 600), 200, None)
    calcium = np.clip(rng.uniform(700, 1000) + _ar1(rng, n, 0.4, 250), 50, None)
    sodium = np.clip(rng.uniform(1600, 2600) + _ar1(rng, n, 0.3, 600), 100, None)
    mg_food = np.clip(rng.uniform(220, 340) + _ar1(rng, n, 0.4, 70), 20, None)
    steps = np.round(np.exp(math.log(rng.uniform(4000, 9000)) + _ar1(rng, n, 0.6, 0.45)))
    exercise = np.where(rng.random(n) < 0.5, 0.0, np.round(rng.gamma(2.0, 15.0, n)))
    alcohol = rng.choice([0, 0, 0, 1, 2, 3], size=n).astype(float)
    caffeine = np.clip(np.round(rng.uniform(80, 260) + _ar1(rng, n, 0.3, 80)), 0, None)
    sleep = np.clip(np.round(rng.uniform(6.2, 7.4) + _ar1(rng, n, 0.3, 0.8), 1), 3, 11)
    takes_up = rng.uniform(0.35, 0.65)
    stretched = (rng.random(n) < np.where(t < takes_up * n / 365.25, 0.2, 0.8)).astype(float)

    logged = rng.random(n) >= spec.missing_night_rate
    food_known = rng.random(n) >= spec.missing_food_rate
    i = 0
    while i < n:
        if rng.random() < spec.holiday_rate:
            gap = int(rng.integers(3, 11))
            logged[i : i + gap] = False
            food_known[i : i + gap] = False
            i += gap
        i += 1

    base = math.log(spec.base_rate / (1 - spec.base_rate))
    cramp = np.zeros(n, dtype=bool)
    supplement = np.zeros(n, dtype=bool)
    for d in range(n):
        # Reverse causation: a cramp night (d - 1) prompts magnesium the next day, and having
        # started, the person often keeps taking it for a day or two more.
        if d > 0 and cramp[d - 1] and rng.random() < spec.supplement_after_cramp:
            supplement[d] = True
        elif d > 0 and supplement[d - 1] and rng.random() < spec.supplement_keep_going:
            supplement[d] = True
        eta = base + latent[d] - spec.improvement_per_year * t[d]
        eta += spec.carryover * (d > 0 and cramp[d - 1])
        eta += spec.fluid_effect * (fluid[d] < 1500)
        cramp[d] = rng.random() < 1.0 / (1.0 + math.exp(-eta))
    magnesium = mg_food + 300.0 * supplement

    rows = []
    for d in range(n):
        values: dict[str, float] = {}
        if logged[d]:
            count = 1 + int(rng.poisson(0.6)) if cramp[d] else 0
            values["cramps"] = float(count)
            if count:
                values["worst_severity_0_10"] = float(rng.integers(3, 10))
            values["stretched"] = stretched[d]
            values["sleep_h"] = float(sleep[d])
        if rng.random() < 0.95:
            values["steps"] = float(steps[d])
            values["exercise_min"] = float(exercise[d])
        if food_known[d]:
            values.update(
                fluid_ml=float(round(fluid[d])),
                magnesium_mg=float(round(magnesium[d])),
                potassium_mg=float(round(potassium[d])),
                calcium_mg=float(round(calcium[d])),
                sodium_mg=float(round(sodium[d])),
                alcohol_drinks=float(alcohol[d]),
                caffeine_mg=float(caffeine[d]),
            )
        if values:
            rows.append(DailyRow(day=start + timedelta(days=d), values=values))
    return SimulatedPerson(
        rows=rows, cramp_nights=int((cramp & logged).sum()), logged_nights=int(logged.sum())
    )


def to_daily_csv(person: SimulatedPerson) -> str:
    """The person's rows as a daily CSV, exactly as a spreadsheet would hold them."""
    return write_daily_csv(person.rows)

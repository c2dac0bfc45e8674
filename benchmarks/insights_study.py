"""The simulation study: simulated people with known truths, through the real pipeline.

Each simulated person (``nightcramps.insights.simulate``) has a daily CSV that goes through the
daily-CSV import into a database, then through the insights service; the verdicts are scored
against the truth (docs/statistics.md). A study harness, not part of the product: it lives here,
beside the other measurements, and ``make bench`` runs it with its defaults.

Run: ``python -m benchmarks.insights_study --people 200`` (``--memory`` skips the database for
studies of thousands; ``--ablation`` shows what each adjustment of the model buys).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy.orm import Session

from nightcramps.accounts.models import Person
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.columns import IMPORT_SOURCE
from nightcramps.dailyvalues.csvfile import read_daily_csv
from nightcramps.dailyvalues.frame import SourcedValue, combine
from nightcramps.insights import service as insights_service
from nightcramps.insights.analysis import (
    FDR_LEVEL,
    FactorResult,
    analyse,
    analyse_factor,
    assign_verdicts,
    design,
)
from nightcramps.insights.factors import FACTORS
from nightcramps.insights.series import build_series
from nightcramps.insights.simulate import (
    NULL_FACTORS,
    PERIOD_FACTOR,
    REVERSE_FACTOR,
    STUDY_TONIGHT,
    TRUE_EFFECTS,
    PersonSpec,
    simulate_person,
    to_daily_csv,
)
from nightcramps.insights.stats import fit_logistic
from nightcramps.insights.tonight import forecast
from nightcramps.owner import Owner
from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import upgrade


@dataclass(slots=True)
class StudyResult:
    """What the study measured over all simulated people."""

    people: int = 0
    nights: int = 0
    analysed_effect: int = 0
    found_effect: int = 0
    covered_effect: int = 0
    null_tests: int = 0
    null_claims: int = 0
    null_covered: int = 0
    reverse_analysed: int = 0
    reverse_trigger: int = 0
    period_analysed: int = 0
    period_protective: int = 0
    false_discovery_proportions: list[float] = field(default_factory=list)
    brier_skill: list[float] = field(default_factory=list)
    log_loss_gain: list[float] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        fdp = self.false_discovery_proportions
        return {
            "people": self.people,
            "nights_per_person": round(self.nights / max(self.people, 1)),
            "power_fluid_or_2": share(self.found_effect, self.analysed_effect),
            "coverage_fluid_95": share(self.covered_effect, self.analysed_effect),
            "null_claim_rate": share(self.null_claims, self.null_tests),
            "null_coverage_95": share(self.null_covered, self.null_tests),
            "false_discovery_rate": round(float(np.mean(fdp)), 3) if fdp else None,
            "reverse_supplement_called_trigger": share(self.reverse_trigger, self.reverse_analysed),
            "period_stretching_called_protective": share(
                self.period_protective, self.period_analysed
            ),
            "brier_skill_median": _median(self.brier_skill),
            "log_loss_gain_median": _median(self.log_loss_gain),
            "seconds": round(self.seconds, 1),
        }


def _median(values: Sequence[float]) -> float | None:
    return round(float(np.median(values)), 3) if values else None


def score_person(result: StudyResult, insights: dict[str, Any]) -> None:
    """Add one person's insights (the public JSON) to the study's tallies."""
    by_factor = {f["factor"]: f for f in insights["factors"]}
    claims = {"likely trigger", "likely protective"}
    result.people += 1
    result.nights += insights["nights_used"]
    fluid = by_factor["fluid_ml"]
    if fluid["effect"] is not None:
        result.analysed_effect += 1
        result.found_effect += fluid["verdict"] == "likely protective"
        result.covered_effect += fluid["ci_low"] <= TRUE_EFFECTS["fluid_ml"] <= fluid["ci_high"]
    false, made = 0, 0
    for key, row in by_factor.items():
        if row["verdict"] in claims:
            made += 1
            false += key != "fluid_ml"
    for key in NULL_FACTORS:
        row = by_factor[key]
        if row["effect"] is None:
            continue
        result.null_tests += 1
        result.null_claims += row["verdict"] in claims
        result.null_covered += row["ci_low"] <= 1.0 <= row["ci_high"]
    reverse = by_factor[REVERSE_FACTOR]
    if reverse["effect"] is not None:
        result.reverse_analysed += 1
        result.reverse_trigger += reverse["verdict"] == "likely trigger"
    period = by_factor[PERIOD_FACTOR]
    if period["effect"] is not None:
        result.period_analysed += 1
        result.period_protective += period["verdict"] == "likely protective"
    result.false_discovery_proportions.append(false / made if made else 0.0)
    calibration = (insights.get("tonight") or {}).get("calibration") or {}
    if calibration.get("brier_skill") is not None:
        result.brier_skill.append(calibration["brier_skill"])
        result.log_loss_gain.append(calibration["log_loss_base"] - calibration["log_loss"])


Pipeline = Callable[[str, int], dict[str, Any]]
"""Takes a person's daily CSV and an index, returns that person's insights JSON."""


def run_study(
    pipeline: Pipeline, *, people: int, seed: int = 20261124, spec: PersonSpec = PersonSpec()
) -> StudyResult:
    """Simulate ``people`` people, push each through ``pipeline``, and score the verdicts."""
    rng = np.random.default_rng(seed)
    result = StudyResult()
    began = time.perf_counter()
    for index in range(people):
        person = simulate_person(rng, spec)
        score_person(result, pipeline(to_daily_csv(person), index))
    result.seconds = time.perf_counter() - began
    return result


@contextmanager
def database_pipeline(database_url: str) -> Iterator[Pipeline]:
    """The real pipeline on a database: a new person, `import daily-csv`, then the insights.

    A context manager: the database connections are closed when it ends.
    """

    engine = make_engine(database_url)
    upgrade(engine)
    now = datetime.combine(STUDY_TONIGHT, clock(20), tzinfo=UTC)

    def run(text: str, index: int) -> dict[str, Any]:
        with Session(engine) as session:
            person = Person(display_name=f"simulated {index}", timezone="Europe/London")
            session.add(person)
            session.flush()
            owner = Owner(person_id=person.id, tz=ZoneInfo("Europe/London"), cutover_hour=12)
            dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text, now=now)
            insights = insights_service.insights(session=session, owner=owner, now=now)
            session.commit()
        return insights_service.to_public(insights).model_dump(mode="json")

    try:
        yield run
    finally:
        engine.dispose()


def memory_pipeline() -> Pipeline:
    """The same CSV parsing, combining and analysis without a database: for large studies.

    Equal to ``database_pipeline`` for imported data (the database adds only storage); checked
    by ``tests/insights/test_simulation.py``.
    """

    def run(text: str, index: int) -> dict[str, Any]:  # noqa: ARG001 - same shape as the DB one
        rows = read_daily_csv(text)
        imported = {
            row.day: {k: SourcedValue(v, IMPORT_SOURCE) for k, v in row.values.items()}
            for row in rows
        }
        # As the import does in the database: a row with a cramp count creates its diary night.
        nights = {row.day: None for row in rows if "cramps" in row.values}
        frame = combine(outcomes=nights, detailed={}, imported=imported)
        night_of = STUDY_TONIGHT
        series = build_series(
            {day: values.plain() for day, values in frame.items()},
            start=min(frame),
            end=night_of,
        )
        result = insights_service.Insights(
            analysis=analyse(series), tonight=forecast(series), night_of=night_of
        )
        return insights_service.to_public(result).model_dump(mode="json")

    return run


ABLATIONS: dict[str, str] = {
    "full model": "the analysis as shipped",
    "no history terms": "without the previous night and previous week's cramps",
    "no time trend": "without the time trend",
    "naive 2x2": "factor only: no history, no trend",
    "full model, FDR 0.10": "the analysis as shipped, verdicts at q <= 0.10 instead of 0.20",
}


def _ablated_columns(factor_reactive: bool, width: int, variant: str) -> list[int]:
    history = [2, 3] if factor_reactive else [2]
    trend = list(range(max(history) + 1, width))
    if variant == "no history terms":
        return [0, 1, *trend]
    if variant == "no time trend":
        return [0, 1, *history]
    if variant == "naive 2x2":
        return [0, 1]
    return list(range(width))


def run_ablation(*, people: int, seed: int, spec: PersonSpec = PersonSpec()) -> dict[str, Any]:
    """What each adjustment buys: the verdicts with terms of the model removed (pure pipeline,
    no database), on the same simulated people. Reports, per variant, how often the reverse-
    causation supplement is called a trigger, stretching (taken up while cramps were improving
    anyway) is called protective, a null factor gets any verdict, and the fluid effect is found."""

    rng = np.random.default_rng(seed)
    tallies = {v: {"reverse": 0, "period": 0, "null": 0, "found": 0} for v in ABLATIONS}
    null_tests = 0
    for _ in range(people):
        person = simulate_person(rng, spec)
        frame = {row.day: row.values for row in person.rows}
        series = build_series(frame, start=min(frame), end=max(frame))
        for variant in ABLATIONS:
            results: list[FactorResult] = []
            for factor in FACTORS:
                result = analyse_factor(series, factor)
                if result.analysed:
                    _, matrix, y = design(series, factor)
                    keep = _ablated_columns(factor.reactive, matrix.shape[1], variant)
                    fit = fit_logistic(matrix[:, keep], y, firth=True)
                    estimate, _, _, p = fit.wald(1)
                    result.effect, result.p_value = math.exp(estimate), p
                    result.log_effect, result.se = estimate, fit.se(1)
                results.append(result)
            assign_verdicts(results, level=0.10 if variant.endswith("FDR 0.10") else FDR_LEVEL)
            verdicts = {r.factor.key: r.verdict for r in results}
            tally = tallies[variant]
            tally["reverse"] += verdicts[REVERSE_FACTOR] == "likely trigger"
            tally["period"] += verdicts[PERIOD_FACTOR] == "likely protective"
            tally["found"] += verdicts["fluid_ml"] == "likely protective"
            tally["null"] += sum(
                verdicts[k] in ("likely trigger", "likely protective") for k in NULL_FACTORS
            )
        null_tests += len(NULL_FACTORS)
    return {
        variant: {
            "supplement_called_trigger": round(t["reverse"] / people, 3),
            "stretching_called_protective": round(t["period"] / people, 3),
            "null_claim_rate": round(t["null"] / null_tests, 3),
            "power_fluid_or_2": round(t["found"] / people, 3),
        }
        for variant, t in tallies.items()
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Run the simulation study through the real pipeline and print what it measured (with
    ``argv`` None, as ``make bench`` calls it, the defaults)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument(
        "--memory",
        action="store_true",
        help="skip the database (same parsing and analysis; for studies of thousands)",
    )
    parser.add_argument(
        "--ablation",
        action="store_true",
        help="also show what each adjustment of the model buys (pure pipeline, same people)",
    )
    args = parser.parse_args([] if argv is None else argv)  # `make bench`: the defaults
    if args.ablation:
        table = run_ablation(
            people=args.people, seed=args.seed, spec=PersonSpec(nights=args.nights)
        )
        print(json.dumps(table, indent=2))
        return
    spec = PersonSpec(nights=args.nights)
    if args.memory:
        result = run_study(memory_pipeline(), people=args.people, seed=args.seed, spec=spec)
    else:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{Path(folder) / 'study.sqlite3'}"
            with database_pipeline(url) as pipeline:
                result = run_study(pipeline, people=args.people, seed=args.seed, spec=spec)
    summary = result.summary()
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    for key, value in summary.items():
        print(f"{key:40} {value}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""The simulation study: simulated people with known truths, through the real pipeline.

Each simulated person's daily CSV goes through the daily-CSV import into the test database,
then through the insights service; verdicts are scored against the truth. The default run is a
modest cohort (seeded, so reproducible); the full study is
``python -m benchmarks.insights_study --people 200`` (see docs/statistics.md).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from benchmarks.insights_study import (
    StudyResult,
    database_pipeline,
    memory_pipeline,
    run_ablation,
    run_study,
)

from nightcramps.insights.analysis import FDR_LEVEL
from nightcramps.insights.simulate import PersonSpec, simulate_person, to_daily_csv


@pytest.fixture(scope="module")
def study(database_url: str) -> StudyResult:
    """A seeded cohort of 40 simulated people with a year each, through the real pipeline."""
    with database_pipeline(database_url) as pipeline:
        return run_study(pipeline, people=40, seed=5)


def test_simulated_people_are_realistic() -> None:
    """Simulated diaries have gaps, unknown food days and irregular cramp nights."""
    person = simulate_person(np.random.default_rng(1), PersonSpec(), last=date(2026, 11, 20))
    assert 300 < person.logged_nights < 365
    assert 0.2 < person.cramp_nights / person.logged_nights < 0.8
    assert any("fluid_ml" not in row.values for row in person.rows)


@pytest.mark.slow
def test_power_false_discoveries_coverage_and_reverse_causation(study: StudyResult) -> None:
    """A doubling of the odds is found most of the time with a year; nulls stay under the FDR;
    intervals cover the truth; the reverse-causation supplement is not called a trigger."""
    summary = study.summary()
    assert summary["people"] == 40
    assert summary["power_fluid_or_2"] > 0.5
    assert summary["false_discovery_rate"] <= FDR_LEVEL
    assert summary["null_claim_rate"] <= 0.05
    assert 0.85 <= summary["coverage_fluid_95"] <= 1.0
    assert 0.90 <= summary["null_coverage_95"] <= 0.99
    assert summary["reverse_supplement_called_trigger"] <= 0.05
    assert summary["period_stretching_called_protective"] <= 0.05
    assert summary["brier_skill_median"] > 0


def test_below_the_gates_nothing_is_claimed(database_url: str) -> None:
    """Three weeks of diary: every simulated person gets 'not enough data' for every factor."""
    with database_pipeline(database_url) as pipeline:
        result = run_study(pipeline, people=3, seed=9, spec=PersonSpec(nights=21))
    assert result.analysed_effect == 0 and result.null_tests == 0 and result.reverse_analysed == 0


def test_the_adjustments_are_what_stop_false_findings() -> None:
    """Without the history terms the supplement taken after bad nights looks like a trigger,
    and without the time trend stretching looks protective; the full model stops both."""
    table = run_ablation(people=60, seed=12)
    full, naive = table["full model"], table["naive 2x2"]
    assert naive["supplement_called_trigger"] >= 0.3
    assert table["no history terms"]["supplement_called_trigger"] >= 0.3
    assert full["supplement_called_trigger"] <= naive["supplement_called_trigger"] / 3
    assert full["stretching_called_protective"] <= naive["stretching_called_protective"] / 3


def test_memory_pipeline_matches_the_database(database_url: str) -> None:
    """The database-free pipeline used for large studies gives the same insights JSON."""
    rng = np.random.default_rng(3)
    texts = [to_daily_csv(simulate_person(rng, PersonSpec(nights=120))) for _ in range(2)]
    in_memory = memory_pipeline()
    with database_pipeline(database_url) as through_db:
        for index, text in enumerate(texts):
            assert in_memory(text, index) == through_db(text, index)

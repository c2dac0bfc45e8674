"""The experiments' simulation study: simulated people with a known remedy effect, through the
real analysis (memo 1 §1.4, issue #16).

Each simulated person (``nightcramps.experiments.simulate``: autocorrelated latent rate, an early
excess that fades, a trend, a ramping effect, 85% adherence, missing nights and a holiday gap)
gets a randomised schedule from ``experiments.design`` and goes through
``experiments.analysis.analyse`` exactly as the app and ``experiment analyse`` run it. Scored:
how often each verdict comes out, how often the 95% interval holds the true rate ratio, and,
beside it on the same people, two naive analyses: the before/after rate ratio a tracker shows
(remedy nights against the run-in) and the plain remedy-against-usual rate ratio over all nights
(no trend, no period effect, no washout).

Run: ``python -m benchmarks.experiments_study --people 2000 --processes 2``. ``make bench`` runs
it with its small defaults.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from typing import Any

import numpy as np

from nightcramps.experiments.analysis import analyse
from nightcramps.experiments.design import Design, power, randomise
from nightcramps.experiments.simulate import PersonSpec, generator_randbelow, simulate_trial

Z_95 = 1.959963984540054
Z_90 = 1.6448536269514722
START = date(2026, 1, 5)


@dataclass(frozen=True)
class Cell:
    """One row of the table: a design, a true rate ratio, a baseline rate."""

    label: str
    design: Design
    rate_ratio: float
    cramps_per_night: float = 0.7
    contamination: float = 0.0
    """The chance a usual night has the remedy done (``PersonSpec.contamination``)."""


def default_cells() -> list[Cell]:
    default = Design.for_remedy("stretching")
    magnesium = Design.for_remedy("magnesium")
    cells = [Cell("8x(AB)x7, drop 2", default, rr) for rr in (1.0, 0.65, 0.5)]
    cells += [Cell("6x(AB)x14, drop 7 (magnesium)", magnesium, rr) for rr in (1.0, 0.65, 0.5)]
    cells += [
        Cell("8x(AB)x7, drop 2; remedy on 15% of usual nights", default, rr, contamination=0.15)
        for rr in (1.0, 0.5)
    ]
    return cells


def _poisson_ratio(
    cases: float, nights: float, base_cases: float, base_nights: float
) -> tuple[float, float, float] | None:
    """Rate ratio, log-scale SE and nothing else: None when either side has no cramps."""
    if cases <= 0 or base_cases <= 0 or nights <= 0 or base_nights <= 0:
        return None
    log_rr = math.log((cases / nights) / (base_cases / base_nights))
    return log_rr, math.sqrt(1 / cases + 1 / base_cases), 0.0


def _naive(
    numerator: Sequence[int], denominator: Sequence[int], true_log_rr: float
) -> tuple[bool, bool] | None:
    """(claims 'better' at one-sided 95%, 95% Wald interval holds the truth)."""
    found = _poisson_ratio(sum(numerator), len(numerator), sum(denominator), len(denominator))
    if found is None:
        return None
    log_rr, se, _ = found
    better = log_rr + Z_90 * se < 0
    covered = log_rr - Z_95 * se <= true_log_rr <= log_rr + Z_95 * se
    return better, covered


def run_chunk(args: tuple[Cell, int, int]) -> dict[str, Any]:
    """Simulate ``people`` people of one cell from ``seed``; return the tallies."""
    cell, people, seed = args
    rng = np.random.default_rng(seed)
    draw = generator_randbelow(rng)
    spec = PersonSpec(
        cramps_per_night=cell.cramps_per_night,
        rate_ratio=cell.rate_ratio,
        contamination=cell.contamination,
    )
    true = math.log(cell.rate_ratio)
    tally: dict[str, Any] = {
        "people": 0,
        "verdicts": {},
        "pp_verdicts": {},
        "covered": 0,
        "interval": 0,
        "pp_covered": 0,
        "pp_interval": 0,
        "sensitivity_changed": 0,
        "log_medians": [],
        "naive_ab": [0, 0, 0],  # analysed, better, covered
        "naive_before_after": [0, 0, 0],
        "seconds": 0.0,
    }
    for _ in range(people):
        schedule = randomise(cell.design, START, randbelow=draw)
        trial = simulate_trial(rng, schedule.nights, spec, run_in_nights=cell.design.run_in_nights)
        began = time.perf_counter()
        result = analyse(trial.nights, run_in_mean=trial.run_in_mean)
        tally["seconds"] += time.perf_counter() - began
        tally["people"] += 1
        tally["verdicts"][result.verdict] = tally["verdicts"].get(result.verdict, 0) + 1
        ratio = result.rate_ratio
        if ratio.low95 is not None and ratio.high95 is not None and ratio.median is not None:
            tally["interval"] += 1
            tally["covered"] += ratio.low95 <= cell.rate_ratio <= ratio.high95
            tally["log_medians"].append(math.log(ratio.median))
        pp = result.per_protocol
        if pp is not None:
            tally["pp_verdicts"][pp.verdict] = tally["pp_verdicts"].get(pp.verdict, 0) + 1
            if pp.rate_ratio.low95 is not None and pp.rate_ratio.high95 is not None:
                tally["pp_interval"] += 1
                tally["pp_covered"] += (
                    pp.rate_ratio.low95 <= cell.rate_ratio <= pp.rate_ratio.high95
                )
        if result.sensitivity is not None:
            tally["sensitivity_changed"] += result.sensitivity.changed
        remedy = [n.cramps for n in trial.nights if n.arm == "A" and n.cramps is not None]
        usual = [n.cramps for n in trial.nights if n.arm == "B" and n.cramps is not None]
        before = [c for c in trial.run_in if c is not None]
        for key, numerator, denominator in (
            ("naive_ab", remedy, usual),
            ("naive_before_after", remedy, before),
        ):
            scored = _naive(numerator, denominator, true)
            if scored is not None:
                tally[key][0] += 1
                tally[key][1] += scored[0]
                tally[key][2] += scored[1]
    return tally


def _merge(parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "people": 0,
        "verdicts": {},
        "pp_verdicts": {},
        "covered": 0,
        "interval": 0,
        "pp_covered": 0,
        "pp_interval": 0,
        "sensitivity_changed": 0,
        "log_medians": [],
        "naive_ab": [0, 0, 0],
        "naive_before_after": [0, 0, 0],
        "seconds": 0.0,
    }
    for part in parts:
        for key in ("people", "covered", "interval", "pp_covered", "pp_interval"):
            out[key] += part[key]
        out["sensitivity_changed"] += part["sensitivity_changed"]
        out["seconds"] += part["seconds"]
        out["log_medians"] += part["log_medians"]
        for key in ("verdicts", "pp_verdicts"):
            for verdict, count in part[key].items():
                out[key][verdict] = out[key].get(verdict, 0) + count
        for key in ("naive_ab", "naive_before_after"):
            out[key] = [a + b for a, b in zip(out[key], part[key], strict=True)]
    return out


def _share(count: int, total: int) -> float | None:
    return round(count / total, 4) if total else None


def summarise(cell: Cell, tally: dict[str, Any]) -> dict[str, Any]:
    people = tally["people"]
    verdicts = tally["verdicts"]
    helps = verdicts.get("likely_helps", 0)
    may = verdicts.get("may_help", 0)
    p = helps / people if people else 0.0
    return {
        "design": cell.label,
        "true_rr": cell.rate_ratio,
        "cramps_per_night": cell.cramps_per_night,
        "people": people,
        "likely_helps": _share(helps, people),
        "likely_helps_mc_95": round(Z_95 * math.sqrt(p * (1 - p) / people), 4) if people else None,
        "helps_or_may_help": _share(helps + may, people),
        "likely_worse": _share(verdicts.get("likely_worse", 0), people),
        "inconclusive": _share(verdicts.get("inconclusive", 0), people),
        "coverage_95": _share(tally["covered"], tally["interval"]),
        "median_rr": round(math.exp(float(np.median(tally["log_medians"]))), 3)
        if tally["log_medians"]
        else None,
        "per_protocol_likely_helps": _share(tally["pp_verdicts"].get("likely_helps", 0), people),
        "per_protocol_coverage_95": _share(tally["pp_covered"], tally["pp_interval"]),
        "sensitivity_changed": _share(tally["sensitivity_changed"], people),
        "naive_ab_better": _share(tally["naive_ab"][1], tally["naive_ab"][0]),
        "naive_ab_coverage_95": _share(tally["naive_ab"][2], tally["naive_ab"][0]),
        "naive_before_after_better": _share(
            tally["naive_before_after"][1], tally["naive_before_after"][0]
        ),
        "naive_before_after_coverage_95": _share(
            tally["naive_before_after"][2], tally["naive_before_after"][0]
        ),
        "ms_per_analysis": round(1000 * tally["seconds"] / people, 1) if people else None,
    }


def run_study(
    cells: Sequence[Cell], *, people: int, seed: int, processes: int = 1, chunk: int = 100
) -> list[dict[str, Any]]:
    """Every cell with ``people`` people, in chunks spread over ``processes`` processes (each
    chunk its own seed from ``SeedSequence(seed)``, so the result does not depend on them)."""
    jobs: list[tuple[Cell, int, int]] = []
    owners: list[int] = []
    streams = np.random.SeedSequence(seed).spawn(len(cells))
    for index, (cell, stream) in enumerate(zip(cells, streams, strict=True)):
        sizes = [chunk] * (people // chunk) + ([people % chunk] if people % chunk else [])
        for child, size in zip(stream.spawn(len(sizes)), sizes, strict=True):
            jobs.append((cell, size, int(child.generate_state(1)[0])))
            owners.append(index)
    if processes > 1:
        with get_context("spawn").Pool(processes) as pool:
            parts = pool.map(run_chunk, jobs)
    else:
        parts = [run_chunk(job) for job in jobs]
    return [
        summarise(cell, _merge([p for p, o in zip(parts, owners, strict=True) if o == index]))
        for index, cell in enumerate(cells)
    ]


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def markdown(rows: Sequence[dict[str, Any]]) -> str:
    """The table for docs/statistics.md."""
    lines = [
        '| design | true RR | people | "likely helps" (± MC 95%) | helps or may help | '
        '95% cover | median RR | per-protocol: helps / cover | naive A vs B: "better" / cover '
        '| naive before/after: "better" / cover |',
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['design']} | {r['true_rr']:g} | {r['people']} | "
            f"{_percent(r['likely_helps'])} (±{100 * (r['likely_helps_mc_95'] or 0):.1f}) | "
            f"{_percent(r['helps_or_may_help'])} | {_percent(r['coverage_95'])} | "
            f"{r['median_rr']} | {_percent(r['per_protocol_likely_helps'])} / "
            f"{_percent(r['per_protocol_coverage_95'])} | {_percent(r['naive_ab_better'])} / "
            f"{_percent(r['naive_ab_coverage_95'])} | "
            f"{_percent(r['naive_before_after_better'])} / "
            f"{_percent(r['naive_before_after_coverage_95'])} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the study and print the table (with ``argv`` None, as ``make bench`` calls it, the
    small defaults)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=100, help="people per cell")
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--processes", type=int, default=1, help="at most 2 on a shared machine")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args([] if argv is None else argv)
    began = time.perf_counter()
    rows = run_study(
        default_cells(), people=args.people, seed=args.seed, processes=min(args.processes, 2)
    )
    seconds = time.perf_counter() - began
    if args.json:
        print(json.dumps({"rows": rows, "seconds": round(seconds, 1)}, indent=2))
        return
    print(markdown(rows))
    print(f"\n{args.people} people per cell, {seconds:.0f} s.")
    fit_ms, power_s = timings()
    print(
        f"\nOne fit (112 nights, default design): {fit_ms:.1f} ms (median of 20; goal < 100 ms). "
        f"The design screen's power (200 simulated trials): {power_s:.1f} s (goal < 15 s)."
    )


def timings() -> tuple[float, float]:
    """The median time of one fit of a default trial, in ms, and of the design screen's power
    simulation (200 trials at 0.7 cramps a night), in s."""
    design = Design.for_remedy("stretching")
    spec = PersonSpec(rate_ratio=0.65)
    rng = np.random.default_rng(7)
    schedule = randomise(design, START, randbelow=generator_randbelow(rng))
    nights = simulate_trial(rng, schedule.nights, spec).nights
    analyse(nights, run_in_mean=0.7)  # warm up
    times = []
    for _ in range(20):
        began = time.perf_counter()
        analyse(nights, run_in_mean=0.7)
        times.append(time.perf_counter() - began)
    began = time.perf_counter()
    power(design, 0.7, trials=200)
    return 1000 * sorted(times)[10], time.perf_counter() - began


if __name__ == "__main__":
    main(sys.argv[1:])

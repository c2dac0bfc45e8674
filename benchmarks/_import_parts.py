"""What the file imports (Cronometer, Fitbit) cost, part by part, side by side in one run.

Four programs, each in its own process under ``/usr/bin/time -v``, on the same file:

- **bare loop**: the floor any reader pays, the standard library reading the same bytes and
  nothing else (given by each benchmark);
- **parse only**: the source's ``parse`` (``nightcramps.imports.sources.<source>``), what the
  import reads out of the file, without the CLI or the database;
- **CLI start-up**: ``nightcramps import --help``, the cost of starting the command at all;
- **CLI import**: ``nightcramps import FILE --yes --json`` into a new SQLite database, all of it.

Each runs :data:`ROUNDS` times, the four in turn; the table shows each one's fastest run (and
its highest peak), as the machine may be busy with other work for part of the time.

The goal of issue 13 is the import within 1.5x of the bare loop and under 150 MB at its peak.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from benchmarks.apple_import import RSS_GOAL_MB, Measure, _bin, _nightcramps, measure

FACTOR_GOAL = 1.5
ROUNDS = 3
"""How many times each program runs; the fastest run counts."""
PROGRAMS = ("bare loop", "parse only", "CLI start-up", "CLI import")

PARSE_ONLY = """
import sys
from pathlib import Path
from zoneinfo import ZoneInfo
from importlib import import_module
from nightcramps.imports.bundle import open_bundle
from nightcramps.owner import Owner
source = import_module("nightcramps.imports.sources." + sys.argv[1])
bundle = open_bundle(Path(sys.argv[2]))
owner = Owner(person_id=1, tz=ZoneInfo("Europe/London"))
extract = source.parse(bundle, source.detect(bundle), owner)
print(f"{extract.records:,} records, {len(extract.values):,} day values")
"""


def measure_parts(
    source: str, path: Path, loop: str, folder: Path, rounds: int = ROUNDS
) -> dict[str, Measure]:
    """Run the four programs on ``path`` (``loop`` is the bare loop's code, given the path),
    one after the other, ``rounds`` times; each keeps its fastest run, with the highest peak
    RSS of its runs (the machine is shared: the fastest run is the one least disturbed)."""
    env = dict(os.environ)
    program = _bin("nightcramps") or "nightcramps"
    startup_env = {**env, "XDG_DATA_HOME": str(folder / "data")}
    runs: dict[str, list[Measure]] = {name: [] for name in PROGRAMS}
    for _ in range(rounds):
        runs["bare loop"].append(measure([sys.executable, "-c", loop, str(path)], folder, env))
        parse = [sys.executable, "-c", PARSE_ONLY, source, str(path)]
        runs["parse only"].append(measure(parse, folder, env))
        runs["CLI start-up"].append(measure([program, "import", "--help"], folder, startup_env))
        for leftover in folder.glob("nc.sqlite3*"):
            leftover.unlink()  # each import into a new database
        runs["CLI import"].append(_nightcramps(path, folder))
    return {name: _best(found) for name, found in runs.items()}


def _best(runs: list[Measure]) -> Measure:
    fastest = min(runs, key=lambda m: m.wall_s)
    peak = max(m.peak_mb for m in runs)
    return Measure(fastest.wall_s, fastest.cpu_s, peak, fastest.code, fastest.said)


def print_parts(results: dict[str, Measure], size: int) -> None:
    """The table, then each goal against the bare loop of the same run."""
    print("| program | wall s | CPU s | MB/s | peak RSS MB | exit | output |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, m in results.items():
        rate = size / 1e6 / m.wall_s if m.wall_s else 0.0
        said = m.said if name != "CLI start-up" else "(help text)"
        print(
            f"| {name} | {m.wall_s:.2f} | {m.cpu_s:.2f} | {rate:.1f} | {m.peak_mb:.1f} "
            f"| {m.code} | {said} |"
        )
    print()
    bare = results["bare loop"]
    for name in ("parse only", "CLI import"):
        m = results[name]
        factor = m.wall_s / bare.wall_s
        verdict = "met" if factor <= FACTOR_GOAL else "missed"
        print(f"- {name} vs the bare loop: {factor:.2f}x wall (goal <= 1.5x: {verdict})")
    started = results["CLI start-up"]
    imported = results["CLI import"]
    print(
        f"- CLI import less its start-up: {imported.wall_s - started.wall_s:.2f} s "
        f"({(imported.wall_s - started.wall_s) / bare.wall_s:.2f}x the bare loop)"
    )
    verdict = "met" if imported.peak_mb < RSS_GOAL_MB else "missed"
    print(f"- CLI import peak RSS {imported.peak_mb:.0f} MB (goal < 150 MB: {verdict})\n")

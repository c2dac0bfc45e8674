"""The Apple Health import against the tool people use today and against the parser's ceiling.

For each size (default 100 MB, so ``make bench`` stays bounded) a synthetic ``export.xml`` is
written to a temporary folder (:mod:`benchmarks.apple_export`), then three programs read it, each
in its own process under ``/usr/bin/time -v`` (wall clock and maximum resident set size):

- NightCramps: ``nightcramps --database-url sqlite:///TMP/nc.sqlite3 import FILE --yes --json``
  (a database on disk, the owner in Europe/London);
- healthkit-to-sqlite: ``healthkit-to-sqlite FILE OUT.db --xml -s`` (database on disk, as in the
  December audit §7; ``--xml`` takes the XML itself rather than the zip);
- the ceiling: a bare ``lxml.etree.iterparse`` loop that only counts ``Record`` elements and
  clears each one.

The file is in the page cache for all three (just written, then synced to disk); MB/s are
decimal (10⁶ bytes).
The goals (issue #13): at least 3× healthkit-to-sqlite's throughput, within 1.5× of the bare
loop's time, and a peak RSS under 150 MB whatever the size.

``python -m benchmarks apple_import`` runs the 100 MB file; the full table is
``python -m benchmarks.apple_import --sizes 100,1024,2048`` (``--only nightcramps,lxml`` leaves
healthkit-to-sqlite out: it takes about 8 minutes per GB with its database on disk). Generated
files are deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.apple_export import generate

TIME = Path("/usr/bin/time")
TOOLS = ("nightcramps", "healthkit-to-sqlite", "lxml")
RSS_GOAL_MB = 150.0
HK_FACTOR_GOAL = 3.0
LXML_FACTOR_GOAL = 1.5

LXML_LOOP = """
import sys
from lxml import etree
count = 0
for _, element in etree.iterparse(sys.argv[1], events=("end",), tag="Record"):
    count += 1
    element.clear(keep_tail=True)
    while element.getprevious() is not None:
        del element.getparent()[0]
print(count)
"""
"""The ceiling: lxml's streaming parse, nothing done but counting and clearing. The cleared
records are also taken off the root, or their empty shells add up (49 MB at 100 MB, not 20)."""


@dataclass(frozen=True)
class Measure:
    """One program's run: wall seconds, CPU seconds, peak RSS (MB), exit code, what it said."""

    wall_s: float
    cpu_s: float
    peak_mb: float
    code: int
    said: str


def _clock_s(text: str) -> float:
    """``1:02:03.45`` or ``2:03.45`` (GNU time's elapsed format) in seconds."""
    seconds = 0.0
    for part in text.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def parse_time_v(report: str) -> tuple[float, float, float, int]:
    """Wall s, user+sys s, peak RSS MB and exit status from ``/usr/bin/time -v``'s report."""
    fields: dict[str, str] = {}
    for line in report.splitlines():
        key, _, value = line.strip().rpartition(": ")
        fields[key] = value
    wall = _clock_s(fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"])
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    peak = int(fields["Maximum resident set size (kbytes)"]) / 1024
    return wall, cpu, peak, int(fields.get("Exit status", "0"))


def measure(command: list[str], folder: Path, env: dict[str, str]) -> Measure:
    """Run ``command`` under ``/usr/bin/time -v`` (its report in a file, apart from the
    program's own stderr)."""
    report = folder / "time.txt"
    out = subprocess.run(
        [str(TIME), "-v", "-o", str(report), *command],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall, cpu, peak, code = parse_time_v(report.read_text())
    said = (out.stdout.strip() or out.stderr.strip()).splitlines()
    return Measure(wall, cpu, peak, code, said[-1][:120] if said else "")


def _bin(name: str) -> str | None:
    """The program installed next to this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def _nightcramps(export: Path, folder: Path) -> Measure:
    """The import, its JSON answer kept to say how many records it read."""
    env = {
        **os.environ,
        "NIGHTCRAMPS_DEFAULT_TIMEZONE": "Europe/London",
        "XDG_DATA_HOME": str(folder / "data"),  # never the user's own data directory
    }
    database = f"sqlite:///{folder / 'nc.sqlite3'}"
    program = _bin("nightcramps") or "nightcramps"
    command = [program, "--database-url", database, "import", str(export), "--yes", "--json"]
    report = folder / "time.txt"
    with (folder / "nc.json").open("w") as answer:
        subprocess.run(
            [str(TIME), "-v", "-o", str(report), *command],
            env=env,
            stdout=answer,
            stderr=subprocess.PIPE,
            check=False,
        )
    wall, cpu, peak, code = parse_time_v(report.read_text())
    try:
        public = json.loads((folder / "nc.json").read_text())
        said = f"{public['status']}, {public['records']:,} records"
    except (ValueError, KeyError, TypeError):
        said = (folder / "nc.json").read_text()[-120:].strip()
    return Measure(wall, cpu, peak, code, said)


def run_size(size_mb: float, tools: tuple[str, ...], base: Path | None) -> dict[str, Measure]:
    """Generate one export of ``size_mb`` MB and measure the chosen tools on it."""
    results: dict[str, Measure] = {}
    with tempfile.TemporaryDirectory(dir=base, prefix="apple-bench-") as name:
        folder = Path(name)
        export = folder / "export.xml"
        began = time.perf_counter()
        days = generate(export, size_mb)
        size = export.stat().st_size
        os.sync()  # the file's pages written back now, not while the programs are timed
        print(
            f"### {size_mb:g} MB: {size:,} bytes, {days:,} days "
            f"(generated in {time.perf_counter() - began:.1f} s)\n"
        )
        env = dict(os.environ)
        if "lxml" in tools:
            results["lxml"] = measure([sys.executable, "-c", LXML_LOOP, str(export)], folder, env)
        if "nightcramps" in tools:
            results["nightcramps"] = _nightcramps(export, folder)
        if "healthkit-to-sqlite" in tools:
            hk = _bin("healthkit-to-sqlite")
            if hk is None:
                print(
                    "healthkit-to-sqlite is not installed (`make bench` installs the bench group)"
                )
            else:
                command = [hk, str(export), str(folder / "hk.db"), "--xml", "-s"]
                results["healthkit-to-sqlite"] = measure(command, folder, env)
        _print_table(results, size)
    return results


def _print_table(results: dict[str, Measure], size: int) -> None:
    print("| program | wall s | CPU s | MB/s | peak RSS MB | exit | output |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for tool in TOOLS:
        if tool in results:
            m = results[tool]
            rate = size / 1e6 / m.wall_s
            print(
                f"| {tool} | {m.wall_s:.2f} | {m.cpu_s:.2f} | {rate:.1f} | {m.peak_mb:.1f} "
                f"| {m.code} | {m.said} |"
            )
    print()
    nc = results.get("nightcramps")
    if nc is None:
        return
    if (hk := results.get("healthkit-to-sqlite")) is not None:
        factor = hk.wall_s / nc.wall_s
        verdict = "met" if factor >= HK_FACTOR_GOAL else "missed"
        print(f"- throughput vs healthkit-to-sqlite: {factor:.1f}× (goal ≥ 3×: {verdict})")
    if (bare := results.get("lxml")) is not None:
        factor = nc.wall_s / bare.wall_s
        verdict = "met" if factor <= LXML_FACTOR_GOAL else "missed"
        print(f"- time vs the bare lxml loop: {factor:.2f}× (goal ≤ 1.5×: {verdict})")
    verdict = "met" if nc.peak_mb < RSS_GOAL_MB else "missed"
    print(f"- NightCramps peak RSS {nc.peak_mb:.0f} MB (goal < 150 MB: {verdict})\n")


def main(sizes: tuple[float, ...] = (100.0,), tools: tuple[str, ...] = TOOLS) -> None:
    """Measure every size; with ``python -m benchmarks`` only the 100 MB file."""
    if not TIME.exists():
        print("This benchmark needs GNU time at /usr/bin/time: `apt-get install time`.")
        return
    base = os.environ.get("NIGHTCRAMPS_BENCH_DIR")
    for size_mb in sizes:
        run_size(size_mb, tools, Path(base) if base else None)


def run_cli() -> None:
    """``python -m benchmarks.apple_import --sizes 100,1024,2048 [--only nightcramps,lxml]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="100", help="sizes in MB (10⁶ B), comma-separated")
    parser.add_argument("--only", default=",".join(TOOLS), help=f"some of {', '.join(TOOLS)}")
    args = parser.parse_args()
    tools = tuple(t for t in args.only.split(",") if t)
    unknown = set(tools) - set(TOOLS)
    if unknown:
        parser.error(f"unknown tools {sorted(unknown)}; choose from {', '.join(TOOLS)}")
    main(tuple(float(s) for s in args.sizes.split(",")), tools)


if __name__ == "__main__":
    run_cli()

"""Mutation fuzzing of every import parser: real fixture files, damaged as files get damaged
(bytes flipped, lines cut, ranges repeated or dropped, junk inserted, the end torn off), read by
their app's parser. Every input must either import or get a clear ``BadFile``; a crash, a hang
or the pipeline's "unexpected problem" message is a failure.

``campaign`` is shared by the bounded run in the tests (``test_fuzz.py``) and the long one in
``make bench`` (``benchmarks/import_fuzz.py``).
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from nightcramps.imports import service
from nightcramps.imports.extract import SOURCES, BadFile, SourceName
from nightcramps.owner import Owner

FIXTURES = Path(__file__).parent / "fixtures"
OWNER = Owner(person_id=1, tz=ZoneInfo("Europe/London"))
SKIP_SUFFIXES = (".gpx",)


@dataclass
class FuzzReport:
    """What a campaign read and how each input ended."""

    inputs: int = 0
    imported: int = 0
    refused: int = 0
    failures: list[str] = field(default_factory=list)
    per_source: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def seeds(source: SourceName) -> list[Path]:
    """The fixture files of ``source`` that a mutation starts from."""
    folder = FIXTURES / source
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(SKIP_SUFFIXES)
    )


def _mutate(data: bytes, draw: st.DrawFn) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            return data
        where = draw(st.integers(0, len(data) - 1))
        span = draw(st.integers(1, min(64, len(data) - where)))
        kind = draw(st.sampled_from(["flip", "drop", "repeat", "junk", "tear", "line"]))
        if kind == "flip":
            data = (
                data[:where] + bytes([data[where] ^ draw(st.integers(1, 255))]) + data[where + 1 :]
            )
        elif kind == "drop":
            data = data[:where] + data[where + span :]
        elif kind == "repeat":
            data = (
                data[: where + span]
                + data[where : where + span] * draw(st.integers(1, 3))
                + data[where + span :]
            )
        elif kind == "junk":
            data = data[:where] + draw(st.binary(min_size=1, max_size=16)) + data[where:]
        elif kind == "tear":
            data = data[:where]
        else:
            junk = draw(
                st.sampled_from(
                    [b"\n", b'"', b",", b"<", b">", b"&", b"\x0b", b"\xff", b"--", b"{", b"]"]
                )
            )
            data = data[:where] + junk + data[where:]
    return data


@st.composite
def damaged(draw: st.DrawFn, source: SourceName) -> tuple[Path, bytes]:
    """A fixture of ``source`` and a damaged copy of its bytes."""
    original = draw(st.sampled_from(seeds(source)))
    return original, _mutate(original.read_bytes(), draw)


def read_one(source: SourceName, original: Path, data: bytes, report: FuzzReport) -> None:
    """Read a damaged copy (same name, same folder layout) and note how it ended."""
    report.inputs += 1
    report.per_source[source] += 1
    with tempfile.TemporaryDirectory() as folder:
        relative = original.relative_to(FIXTURES / source)
        target = Path(folder) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        started = time.monotonic()
        # Named, and found from the file: every app's detector sees the damaged file too.
        for named in (source, None):
            try:
                service.read(target, owner=OWNER, source=named)
                report.imported += named is not None
            except BadFile as exc:
                if service.UNEXPECTED in exc.message:
                    report.failures.append(f"{source} {relative}: {exc.__cause__!r}")
                else:
                    report.refused += named is not None
            except Exception as exc:  # every other ending is what the campaign looks for
                report.failures.append(f"{source} {relative}: {type(exc).__name__}: {exc}")
        if time.monotonic() - started > 10:
            report.failures.append(f"{source} {relative}: took over 10 s")


def _runner(
    source: SourceName, examples: int, run_seed: int, report: FuzzReport
) -> Callable[[], None]:
    @seed(run_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(damaged(source))
    def run(case: tuple[Path, bytes]) -> None:
        read_one(source, case[0], case[1], report)

    return run


def campaign(examples: int, *, run_seed: int = 13) -> FuzzReport:
    """``examples`` damaged inputs per source; the report of how they ended."""
    report = FuzzReport()
    started = time.monotonic()
    for source in SOURCES:
        if seeds(source):
            _runner(source, examples, run_seed, report)()
    report.seconds = time.monotonic() - started
    return report

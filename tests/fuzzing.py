"""schemathesis over the whole JSON API: generated requests, valid and not, to every operation.

``fuzz`` is shared by the bounded run in the test suite (``tests/test_api_fuzz.py``) and the long
one in ``make bench`` (``benchmarks/api_fuzz.py``). The operations are driven with hypothesis
directly, as schemathesis' own pytest plugin does not load under this pytest version. Integer
path parameters are often replaced by the ids of rows that exist (``ids``), so that changes reach
real rows rather than answering 404: the audit's one server error was a PATCH of a real cramp.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import response_schema_conformance


@dataclass
class FuzzReport:
    """What a run sent and what failed (an operation, the request and why)."""

    operations: list[str] = field(default_factory=list)
    requests: int = 0
    rounds: int = 0
    failures: list[str] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


def fuzz(
    app: FastAPI,
    *,
    examples: int,
    seconds: float | None = None,
    ids: Sequence[int] = (),
    headers: dict[str, str] | None = None,
) -> FuzzReport:
    """Send ``examples`` generated requests to each operation (one round), or rounds of them
    with new seeds until ``seconds`` have passed; every answer must be no 5xx and, where
    documented, match its schema."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # the document itself is broken
        operations.append(result.ok())
    report = FuzzReport(operations=[op.label for op in operations])
    deadline = None if seconds is None else time.monotonic() + seconds
    while True:
        for operation in operations:
            _fuzz_operation(operation, report, examples, ids, headers or {})
            if deadline is not None and time.monotonic() > deadline:
                return report
        report.rounds += 1
        if deadline is None:
            return report


def _fuzz_operation(
    operation: Any,
    report: FuzzReport,
    examples: int,
    ids: Sequence[int],
    headers: dict[str, str],
) -> None:
    existing = st.sampled_from(list(ids)) if ids else st.none()

    @seed(report.rounds)
    @given(case=operation.as_strategy(), row=existing, use_row=st.booleans())
    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=report.rounds == 0,
        database=None,
    )
    def check(case: schemathesis.Case[Any], row: int | None, use_row: bool) -> None:
        if row is not None and use_row and case.path_parameters:
            for name, value in list(case.path_parameters.items()):
                if isinstance(value, int):
                    case.path_parameters[name] = row
        response = case.call(headers=headers)
        report.requests += 1
        report.statuses[response.status_code] = report.statuses.get(response.status_code, 0) + 1
        try:
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )
        except Exception as exc:  # every kind of failure is counted, not raised
            said = str(exc).strip().splitlines()[:6]
            report.failures.append(f"{operation.label}: {' / '.join(said)}")

    check()

"""Generated requests to every day-log API operation never get a server error."""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import response_schema_conformance

DAYLOG_PATHS = (
    "/api/v1/activities",
    "/api/v1/stretches",
    "/api/v1/alcohol",
    "/api/v1/caffeine",
    "/api/v1/sleep",
    "/api/v1/medicines",
    "/api/v1/days/",
)
EXAMPLES_PER_OPERATION = 60


def test_daylog_api_never_answers_500(app: FastAPI) -> None:
    """schemathesis: valid and invalid requests to each day-log operation, no 5xx, answers
    that match their documented schema."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    checked = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # the document itself is broken
        operation = result.ok()
        if not operation.path.startswith(DAYLOG_PATHS):
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: schemathesis.Case[Any]) -> None:
            response = case.call()
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )

        check()
        checked.append(operation.label)
    assert len(checked) >= 35

"""Property test over the whole JSON API: whatever the input, never a server error.

schemathesis generates valid and invalid requests for every operation in /openapi.json; each must
be answered without a 5xx, and documented answers must match their schema. (The operations are
driven from one test with hypothesis directly, as schemathesis' own pytest plugin does not load
under this pytest version.)
"""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import response_schema_conformance

EXAMPLES_PER_OPERATION = 40


def test_api_never_answers_500(app: FastAPI) -> None:
    """Generated requests to every API operation never get a 5xx."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    checked = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # the document itself is broken
        operation = result.ok()

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
    assert any("/api/v1/cramps" in label for label in checked)

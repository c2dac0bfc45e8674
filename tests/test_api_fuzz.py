"""Property test over the whole JSON API: whatever the input, never a server error.

schemathesis generates valid and invalid requests for every operation in /openapi.json, against a
diary with rows of every kind, so that path ids often name a real row; each answer must be no
5xx and, where documented, match its schema (``tests/fuzzing.py``). ``make bench`` runs the same
for ten minutes per database (``benchmarks/api_fuzz.py``).
"""

from __future__ import annotations

from contextlib import ExitStack

from fastapi import FastAPI

from tests.fuzzing import fuzz
from tests.sweeps.people import local_person, seed_person

EXAMPLES_PER_OPERATION = 40


def test_api_never_answers_500(app: FastAPI) -> None:
    """Generated requests to every API operation, on a filled diary, never get a 5xx."""
    with ExitStack() as stack:
        document = app.openapi()
        seeded = seed_person(local_person(app, stack, document), "FUZZ")
        ids = sorted({row for rows in seeded.ids.values() for row in rows})
        report = fuzz(app, examples=EXAMPLES_PER_OPERATION, ids=ids)
    assert any("/api/v1/cramps" in label for label in report.operations)
    assert report.requests >= len(report.operations) * 10
    assert not report.failures, "\n".join(report.failures[:10])

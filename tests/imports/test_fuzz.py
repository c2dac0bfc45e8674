"""A bounded fuzz campaign over every import parser (the long one runs in ``make bench``)."""

from __future__ import annotations

from nightcramps.imports.extract import SOURCES
from tests.imports.fuzzing import campaign, seeds

EXAMPLES_PER_SOURCE = 400


def test_every_parser_has_fixtures_to_fuzz() -> None:
    assert all(seeds(source) for source in SOURCES)


def test_damaged_files_import_or_get_a_clear_error() -> None:
    report = campaign(EXAMPLES_PER_SOURCE)
    assert report.failures == []
    assert report.inputs == EXAMPLES_PER_SOURCE * len(SOURCES)
    assert report.refused > 0 and report.imported > 0  # both endings are reached

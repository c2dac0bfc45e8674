"""One list of factor names (`nightcramps.factors`): every feature that names a factor uses a
name from it, and each producer's keys are the list's."""

from __future__ import annotations

from nightcramps import factors
from nightcramps.dailyvalues import columns
from nightcramps.daylog import service as daylog_service
from nightcramps.guidance import service as guidance_service
from nightcramps.insights.factors import FACTORS
from nightcramps.nutrition import service as nutrition_service


def test_the_producers_keys_are_the_lists() -> None:
    """The food log and the day log produce exactly the factors the list says they do."""
    assert nutrition_service.FACTOR_KEYS == factors.names("food")
    assert daylog_service.FACTOR_KEYS == factors.names("day log", "derived")


def test_the_daily_csv_has_a_column_for_each_logged_factor() -> None:
    """The CSV's value columns are the outcomes and the logged exposures, in the list's order."""
    in_csv = tuple(f.name for f in factors.ALL if f.in_csv)
    assert tuple(c.name for c in columns.VALUE_COLUMNS) == in_csv
    assert columns.CSV_HEADER == ("date", *in_csv)


def test_every_factor_the_insights_and_guidance_name_is_on_the_list() -> None:
    """The analysis' contrasts and the guidance entries never name a factor the list lacks."""
    analysed = {f.key for f in FACTORS}
    explained = {key for entry in guidance_service.list_entries() for key in entry.factors}
    assert analysed - set(factors.BY_NAME) == set()
    assert explained - set(factors.BY_NAME) == set()
    assert analysed >= set(factors.names("food", "day log", "derived"))


def test_names_selects_by_origin() -> None:
    """Caffeine is produced by both logs; the guidance's topics by neither."""
    assert "caffeine_mg" in factors.names("food") and "caffeine_mg" in factors.names("day log")
    assert set(factors.names("topic")) == {"massage", "heat", "supplements"}
    assert not set(factors.names("topic")) & set(factors.names("food", "day log"))

"""The health conditions as other features read them (``nightcramps.conditions``): pure."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from nightcramps import conditions
from nightcramps.conditions import Conditions

UNKNOWN = Conditions.unknown()


def test_not_answered_is_unknown_never_no() -> None:
    """A profile with nothing answered knows nothing: kidney disease is None, not False."""
    assert UNKNOWN.has_kidney_disease is None
    assert not UNKNOWN.answered and not UNKNOWN.on_diuretic and not UNKNOWN.raises_potassium


@pytest.mark.parametrize(
    ("status", "has", "raises"),
    [
        ("no", False, False),
        ("yes_stage_unknown", True, False),
        ("stage_1_2", True, False),
        ("stage_3", True, True),
        ("stage_4", True, True),
        ("stage_5", True, True),
        ("dialysis", True, True),
    ],
)
def test_kidney_answers(status: conditions.KidneyStatus, has: bool, raises: bool) -> None:
    """Any stage or dialysis is kidney disease; stage 3 or worse keeps potassium in."""
    person = replace(UNKNOWN, kidney_disease=status)
    assert (person.has_kidney_disease, person.raises_potassium) == (has, raises)


@pytest.mark.parametrize(
    ("classes", "diuretic", "raises"),
    [
        ({"potassium_sparing_diuretic"}, True, True),
        ({"ace_inhibitor"}, False, True),
        ({"arb"}, False, True),
        ({"thiazide_diuretic"}, True, False),
        ({"loop_diuretic"}, True, False),
        ({"diuretic"}, True, False),
        ({"naproxen", "statin"}, False, False),
    ],
)
def test_medicine_classes(classes: set[str], diuretic: bool, raises: bool) -> None:
    """Diuretics of every kind count as a diuretic; only those keeping potassium raise it."""
    person = replace(UNKNOWN, medicine_classes=frozenset(classes))
    assert (person.on_diuretic, person.raises_potassium) == (diuretic, raises)


def test_the_pregnancy_week_moves_on_from_the_day_it_was_given() -> None:
    """Week 24 given on 24 Nov is week 24 until 30 Nov, week 25 on 1 Dec."""
    given = date(2026, 11, 24)
    started = conditions.pregnancy_start(24, given)
    assert conditions.pregnancy_week_on(started, given) == 24
    assert conditions.pregnancy_week_on(started, date(2026, 11, 30)) == 24
    assert conditions.pregnancy_week_on(started, date(2026, 12, 1)) == 25
    assert conditions.pregnancy_week_on(None, given) is None


def test_a_week_past_43_is_stale() -> None:
    """Week 43 is still shown; week 44 (the date is out of date) is stale, and so is a week
    before 0."""
    assert not conditions.pregnancy_week_is_stale(43)
    assert conditions.pregnancy_week_is_stale(44)
    assert conditions.pregnancy_week_is_stale(-1)
    assert not conditions.pregnancy_week_is_stale(None)


def test_every_kidney_answer_has_a_label() -> None:
    """The profile names every kidney answer."""
    assert set(conditions.KIDNEY_LABELS) == set(conditions.KIDNEY_STATUSES)


def test_the_cli_offers_every_kidney_answer() -> None:
    """`profile set --kidney-disease` takes each stored answer, and "unknown"."""
    from nightcramps.accounts.cli import KidneyAnswer

    assert [a.value for a in KidneyAnswer] == [*conditions.KIDNEY_STATUSES, "unknown"]

"""Totals where unknown stays unknown (pure), and the choice of foods to close a gap."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nightcramps.foods.amounts import NutrientAmounts
from nightcramps.nutrition import gaps
from nightcramps.nutrition.targets import targets_for
from nightcramps.nutrition.totals import (
    EntryAmounts,
    nutrient_total,
    sum_entries,
    supplemental_magnesium,
    water_total,
)

maybe_mg = st.one_of(st.none(), st.floats(min_value=0, max_value=2000))
entries = st.lists(
    st.builds(
        lambda kind, mg, water, volume: EntryAmounts(
            kind=kind,
            volume_ml=volume if kind == "drink" else None,
            nutrients=NutrientAmounts.of(magnesium_mg=mg, water_g=water),
        ),
        st.sampled_from(["food", "drink", "supplement"]),
        maybe_mg,
        maybe_mg,
        st.floats(min_value=1, max_value=2000),
    ),
    max_size=12,
)


@given(entries, st.randoms())
def test_totals_do_not_depend_on_order(items: list[EntryAmounts], rnd) -> None:
    """Shuffling a day's entries changes neither a total nor its unknown count."""
    shuffled = list(items)
    rnd.shuffle(shuffled)
    a, b = sum_entries(items), sum_entries(shuffled)
    assert a.unknown == b.unknown and a.items == b.items
    if a.magnesium_mg is None:
        assert b.magnesium_mg is None
    else:
        assert b.magnesium_mg == pytest.approx(a.magnesium_mg)


@given(entries)
def test_a_total_is_the_sum_of_the_known_values(items: list[EntryAmounts]) -> None:
    """Known values add up; unknown ones are counted, never treated as 0; none known → None."""
    total = nutrient_total(sum_entries(items), "magnesium_mg")
    known = [e.nutrients.magnesium_mg for e in items if e.nutrients.magnesium_mg is not None]
    assert total.items == len(items)
    assert total.unknown_items == len(items) - len(known)
    if known:
        assert total.amount == pytest.approx(round(sum(known), 1), abs=0.051)
    else:
        assert total.amount is None


@given(entries)
def test_fluids_are_drinks_only_and_total_water_adds_food_water(
    items: list[EntryAmounts],
) -> None:
    """Fluids count drinks' volumes; total water adds the known water of foods."""
    water = water_total(items, 2700)
    drinks = [e.volume_ml for e in items if e.volume_ml is not None]
    foods = [e for e in items if e.kind == "food"]
    food_known = [e.nutrients.water_g for e in foods if e.nutrients.water_g is not None]
    assert water.drinks == len(drinks) and water.foods == len(foods)
    assert (water.fluids_ml is None) == (not drinks)
    assert water.food_unknown_items == len(foods) - len(food_known)
    expected = sum(d for d in drinks if d is not None) + sum(food_known)
    if drinks or food_known:
        assert water.total_water_ml == pytest.approx(expected, abs=0.11)
    else:
        assert water.total_water_ml is None


def test_percent_of_target_and_supplemental_magnesium() -> None:
    """Percent is amount/target; supplemental magnesium sums supplements only."""
    items = [
        EntryAmounts("food", None, NutrientAmounts.of(magnesium_mg=160)),
        EntryAmounts("supplement", None, NutrientAmounts.of(magnesium_mg=200)),
    ]
    total = nutrient_total(sum_entries(items), "magnesium_mg", targets_for(60, "female"))
    assert (total.amount, total.target, total.percent) == (360, 320, 112.5)
    assert supplemental_magnesium(items) == 200
    assert supplemental_magnesium(items[:1]) is None


def test_gaps_never_suggest_tonic_quinine_or_alcohol() -> None:
    """Names with tonic or quinine and foods with alcohol are never suggested."""
    assert not gaps._allowed("usda:14155", "Carbonated beverage, tonic water")
    assert not gaps._allowed("usda:14003", "Alcoholic beverage, beer, regular, all")
    assert gaps._allowed("usda:09040", "Bananas, raw")


def test_article_examples_only_when_a_good_source() -> None:
    """A banana (32 mg Mg) is not a good source of magnesium for a 320 mg target (10% = 32 mg)
    but is for potassium; spinach and beans are for magnesium."""
    magnesium = {s.portion for s in gaps.article_examples("magnesium_mg", 320, 200)}
    potassium = {s.portion for s in gaps.article_examples("potassium_mg", 2600, 2000)}
    assert "1 medium banana" not in magnesium
    assert any("spinach" in p for p in magnesium) and any("beans" in p for p in magnesium)
    assert "1 medium banana" in potassium and "half an avocado" in potassium


def test_no_gap_when_unknown_or_reached() -> None:
    """A mineral whose total is unknown or at its target gets no gap; sodium never does."""
    targets = targets_for(60, "female")
    summed = sum_entries(
        [EntryAmounts("food", None, NutrientAmounts.of(potassium_mg=3000, sodium_mg=100))]
    )
    totals = [nutrient_total(summed, n, targets) for n in ("magnesium_mg", "potassium_mg")]
    totals.append(nutrient_total(summed, "sodium_mg", targets))
    assert gaps.close_the_gaps(totals, targets) == []

"""Foods rich in a nutrient, in ordinary portions, for "close the gap"."""

from __future__ import annotations

import pytest

from nightcramps.errors import Invalid
from nightcramps.foods import service as foods_service


def names(nutrient: str, limit: int = 30, by: str = "both") -> list[str]:
    return [r.food.name for r in foods_service.rich_in(nutrient, limit=limit, by=by)]


def test_leafy_greens_and_beans_for_magnesium() -> None:
    """Cooked spinach leads for magnesium; beans and seeds follow in ordinary portions."""
    top = names("magnesium_mg", limit=15)
    assert any(n.startswith("Spinach") and "cooked" in n for n in top[:3])
    assert any(n.startswith("Beans, black") for n in top)
    assert any(n.startswith("Seeds, pumpkin") for n in top)


def test_potassium_includes_bananas_avocados_greens_and_beans() -> None:
    """For potassium the article's foods appear: greens, beans, avocados and bananas."""
    top = names("potassium_mg", limit=40, by="portion")
    assert any(n.startswith(("Spinach", "Beet greens", "Chard")) for n in top[:5])
    assert any(n.startswith("Beans, white") for n in top[:10])
    assert "Avocados, raw, all commercial varieties" in top
    assert "Bananas, raw" in top


def test_portions_are_ordinary_household_measures() -> None:
    """Every portion is a household measure of 20-300 g and at most 250 kcal."""
    for nutrient in foods_service.RICH_IN_NUTRIENTS:
        for rich in foods_service.rich_in(nutrient, limit=30):
            assert 20 <= rich.portion_grams <= 300
            assert rich.energy_kcal is None or rich.energy_kcal <= 250.5
            food = foods_service.get_food(rich.food.id)
            assert any(m.serving == rich.portion for m in food.measures)


def test_amounts_are_per_portion_and_per_100_kcal() -> None:
    """Amount and per-100 kcal follow from the food's per-100 g values and the portion."""
    rich = foods_service.rich_in("potassium_mg", limit=1)[0]
    food = foods_service.get_food(rich.food.id)
    per_100g = food.per_100g.potassium_mg
    energy = food.per_100g.energy_kcal
    assert per_100g is not None and energy is not None
    assert rich.amount == pytest.approx(per_100g * rich.portion_grams / 100, abs=0.1)
    assert rich.per_100kcal == pytest.approx(per_100g / energy * 100, rel=0.01)


def test_rankings_differ_and_are_sorted() -> None:
    """By portion the amounts fall; by kcal the per-100 kcal values fall."""
    by_portion = foods_service.rich_in("calcium_mg", limit=10, by="portion")
    assert [r.amount for r in by_portion] == sorted((r.amount for r in by_portion), reverse=True)
    by_kcal = foods_service.rich_in("calcium_mg", limit=10, by="kcal")
    per_kcal = [r.per_100kcal or 0 for r in by_kcal]
    assert per_kcal == sorted(per_kcal, reverse=True)


def test_no_flours_powders_or_raw_beans() -> None:
    """Foods not eaten as such never appear."""
    for nutrient in ("magnesium_mg", "potassium_mg", "calcium_mg"):
        for name in names(nutrient, limit=50, by="portion"):
            lowered = name.lower()
            assert "flour" not in lowered and "powder" not in lowered, name
            assert not (lowered.startswith("beans") and "raw" in lowered), name


def test_unknown_nutrient_or_ranking() -> None:
    """An unknown nutrient or ranking is Invalid and names the choices."""
    with pytest.raises(Invalid, match="magnesium_mg"):
        foods_service.rich_in("iron_mg")
    with pytest.raises(Invalid, match="portion, kcal or both"):
        foods_service.rich_in("magnesium_mg", by="price")

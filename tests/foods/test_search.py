"""Ranked food search over the real database."""

from __future__ import annotations

import pytest

from nightcramps.foods import service as foods_service
from nightcramps.foods import vocabulary


def first(query: str) -> str:
    matches = foods_service.search(query, limit=5)
    assert matches, f"nothing found for {query!r}"
    return matches[0].name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("banana", "Bananas, raw"),
        ("bananas", "Bananas, raw"),
        ("bananna", "Bananas, raw"),  # typo
        ("banan", "Bananas, raw"),  # still typing
        ("oj", "Orange juice, raw"),
        ("orange juice", "Orange juice, raw"),
        ("juice orange", "Orange juice, raw"),  # word order
        ("yoghurt", "Yogurt, plain, low fat, 12 grams protein per 8 ounce"),
        ("peanut butter smooth", "Peanut butter, smooth style, with salt"),
        ("smooth peanut butter", "Peanut butter, smooth style, with salt"),
        ("milk chocolate", "Candies, milk chocolate"),
        ("spinach", "Spinach, raw"),
        ("spinach boiled", "Spinach, cooked, boiled, drained, without salt"),
        ("apple", "Apples, raw, with skin"),
        ("egg", "Egg, whole, raw, fresh"),
        ("water", "Water, tap, drinking"),
        ("coffee", "Coffee, brewed from grounds, prepared with tap water"),
        ("avocado", "Avocados, raw, all commercial varieties"),
        ("broccoli", "Broccoli, raw"),
        ("strawberries", "Strawberries, raw"),
        ("potatoes", "Potato, baked, flesh and skin, without salt"),
        ("tomatos", "Tomatoes, red, ripe, raw, year round average"),
        ("cheddar", "Cheese, cheddar"),
        ("almonds", "Nuts, almonds"),
        ("halibut cooked", "Fish, halibut, Atlantic and Pacific, cooked, dry heat"),
        ("low fat plain yogurt", "Yogurt, plain, low fat, 12 grams protein per 8 ounce"),
    ],
)
def test_ranking_examples(query: str, expected: str) -> None:
    """Everyday queries put the plain, common food first."""
    assert first(query) == expected


def test_garbanzo_finds_chickpeas() -> None:
    """An everyday synonym finds USDA's name for it."""
    assert first("garbanzo").startswith("Chickpeas (garbanzo beans")
    assert first("garbanzo beans").startswith("Chickpeas (garbanzo beans")


def test_scores_are_ordered_and_between_zero_and_one() -> None:
    """Scores fall from the first result on and stay within 0-1."""
    matches = foods_service.search("milk", limit=20)
    assert len(matches) == 20
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


def test_plain_forms_beat_processed_ones() -> None:
    """ "banana" ranks raw bananas above banana powder and baby food."""
    names = [m.name for m in foods_service.search("banana", limit=10)]
    assert names.index("Bananas, raw") < names.index("Bananas, dehydrated, or banana powder")
    assert not names[0].startswith("Babyfood")


def test_limit_and_empty_queries() -> None:
    """The limit is honoured; empty, filler-only and nonsense queries give no results."""
    assert len(foods_service.search("cheese", limit=3)) == 3
    assert foods_service.search("") == []
    assert foods_service.search("   ") == []
    assert foods_service.search("of the") == []
    assert foods_service.search("qwxzqwxz") == []
    assert foods_service.search("banana", limit=0) == []


def test_common_foods_table_names_real_foods() -> None:
    """Every hand-picked common food id exists in the database."""
    for food_id in vocabulary.COMMON_FOODS:
        foods_service.get_food(food_id)


def test_synonyms_lead_somewhere() -> None:
    """Every synonym's replacement finds at least one food."""
    for typed, replacement in vocabulary.SYNONYMS.items():
        assert foods_service.search(replacement, limit=1), f"{typed!r} → {replacement!r}"

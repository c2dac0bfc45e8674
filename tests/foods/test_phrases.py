"""Reading quantities and units out of what people type."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nightcramps.foods import phrases


@given(st.integers(min_value=1, max_value=10_000))
def test_integers_round_trip(number: int) -> None:
    """Any whole number in front of a food is read as that number."""
    assert phrases.parse(f"{number} bananas").quantity == number


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=1, max_value=99))
def test_decimals_round_trip(whole: int, hundredths: int) -> None:
    """Decimals with a point, or a comma as in much of Europe, are read exactly."""
    text = f"{whole}.{hundredths:02d}"
    assert phrases.parse(f"{text} cup milk").quantity == pytest.approx(float(text))
    assert phrases.parse(f"{text.replace('.', ',')} cup milk").quantity == pytest.approx(
        float(text)
    )


@given(
    st.integers(min_value=0, max_value=20),
    st.integers(min_value=1, max_value=15),
    st.integers(min_value=2, max_value=16),
)
def test_fractions_and_mixed_numbers(whole: int, numerator: int, denominator: int) -> None:
    """ "3/4" and "1 1/2" are read as the fractions they are."""
    fraction = f"{numerator}/{denominator}"
    text = f"{whole} {fraction}" if whole else fraction
    expected = whole + Fraction(numerator, denominator)
    parsed = phrases.parse(f"{text} cups milk")
    assert parsed.quantity == pytest.approx(float(expected))
    assert parsed.unit == "cup"
    assert parsed.rest == "milk"


@pytest.mark.parametrize(
    ("text", "quantity", "unit", "rest"),
    [
        ("1 medium banana", 1, None, "medium banana"),
        ("2 tbsp peanut butter", 2, "tablespoon", "peanut butter"),
        ("1/2 cup spinach, boiled", 0.5, "cup", "spinach, boiled"),
        ("a cup of milk", 1, "cup", "milk"),
        ("8 oz plain low fat yogurt", 8, "ounce", "plain low fat yogurt"),
        ("3 ounces halibut, cooked", 3, "ounce", "halibut, cooked"),
        ("250 ml orange juice", 250, "milliliter", "orange juice"),
        ("250ml orange juice", 250, "milliliter", "orange juice"),
        ("1.5 oz milk chocolate", 1.5, "ounce", "milk chocolate"),
        ("½ cup rice", 0.5, "cup", "rice"),
        ("1½ cups milk", 1.5, "cup", "milk"),
        ("2¾ oz cheese", 2.75, "ounce", "cheese"),
        ("half a banana", 0.5, None, "banana"),
        ("an apple", 1, None, "apple"),
        ("one and a half cups of oats", 1.5, "cup", "oats"),
        ("a half cup of oats", 0.5, "cup", "oats"),
        ("12 fl oz beer", 12, "fluid_ounce", "beer"),
        ("2 fluid ounces milk", 2, "fluid_ounce", "milk"),
        ("1 l water", 1, "liter", "water"),
        ("1 kg potatoes", 1, "kilogram", "potatoes"),
        ("1 lb ground beef", 1, "pound", "ground beef"),
        ("3 tsp sugar", 3, "teaspoon", "sugar"),
        ("3/4 c. yogurt", 0.75, "cup", "yogurt"),
        ("a dozen eggs", 12, None, "eggs"),
        ("banana", None, None, "banana"),
        ("2-3 cups milk", 2, "cup", "milk"),
    ],
)
def test_phrases_people_type(
    text: str, quantity: float | None, unit: str | None, rest: str
) -> None:
    """The brief's phrases and their cousins come apart into amount, unit and food words."""
    parsed = phrases.parse(text)
    assert parsed.quantity == (None if quantity is None else pytest.approx(quantity))
    assert parsed.unit == unit
    assert parsed.rest == rest


def test_negative_amount_is_read_as_negative() -> None:
    """ "-2 cups" keeps its sign so the service can refuse it rather than log 2 cups."""
    assert phrases.parse("-2 cups milk").quantity == -2


@pytest.mark.parametrize("text", ["", "   ", "2 cups", "1/0 cup milk"])
def test_unreadable_phrases_raise(text: str) -> None:
    """An empty phrase, one with no food, and a division by zero are refused with a reason."""
    with pytest.raises(phrases.PhraseError):
        phrases.parse(text)

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


@pytest.mark.parametrize(
    ("text", "food"),
    [
        ("2 tbsp chia seeds", "chia seeds"),
        ("a glass of milk", "milk"),
        ("1 1/2 cups rice", "rice"),
        ("2 medium bananas", "bananas"),
        ("half a cup of oats", "oats"),
        ("250ml orange juice", "orange juice"),
        ("3 slices of bread", "bread"),
        ("½ mug of cocoa", "cocoa"),
        ("whole milk", "whole milk"),
        ("cupcake", "cupcake"),
        ("banan", "banan"),
        ("2 cups", ""),
        ("", ""),
        ("1/0 cup milk", ""),
    ],
)
def test_strip_amount_leaves_the_foods_words(text: str, food: str) -> None:
    """The type-ahead's words: the leading amount, unit and household measure go, the food's
    words stay (a food named with a measure-like word, "whole milk", keeps it)."""
    assert phrases.strip_amount(text) == food


@given(
    st.integers(min_value=1, max_value=500),
    st.sampled_from(["cup", "cups", "tbsp", "g", "ml", "glass of", "slices of", "medium"]),
    st.sampled_from(["milk", "peanut butter", "orange juice", "chia seeds"]),
)
def test_strip_amount_agrees_with_parse(number: int, measure: str, food: str) -> None:
    """Whatever amount and measure come first, the food's words are what parse leaves once the
    household measure is gone."""
    assert phrases.strip_amount(f"{number} {measure} {food}") == food


@pytest.mark.parametrize(
    ("text", "quantity", "unit"),
    [
        ("2 tablets", 2.0, "tablets"),
        ("250ml", 250.0, "ml"),
        ("a", 1.0, ""),
        ("an", 1.0, ""),
        ("half", 0.5, ""),
        ("a dozen", 12.0, ""),
        ("four", 4.0, ""),
        ("1 1/2 sachets", 1.5, "sachets"),
        ("2,5", 2.5, ""),
        ("½", 0.5, ""),
        ("big", None, "big"),
        ("", None, ""),
    ],
)
def test_split_amount_reads_the_amount_before_a_name(
    text: str, quantity: float | None, unit: str
) -> None:
    """The amount typed before one of a person's own foods: a number or number word, even
    alone ("a magnesium citrate"), and the unit words after it."""
    assert phrases.split_amount(text) == (quantity, unit)


def test_split_amount_refuses_a_fraction_over_zero() -> None:
    """ "1/0" is a division by zero; the error says which number."""
    with pytest.raises(phrases.DivisionByZero) as caught:
        phrases.split_amount("1/0 tablets")
    assert caught.value.number == "1/0"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 cups of milk", "3 cups of milk"),
        ("1 1/2 cups rice", "3 cups rice"),
        ("A banana", "3 banana"),
        ("half an avocado", "3 avocado"),
        ("250ml Orange juice", "3ml Orange juice"),
        ("2 medium Bananas, raw", "3 medium Bananas, raw"),
        ("½ cup milk", "3 cup milk"),
        ("1½ cups milk", "3 cups milk"),
        ("Banana", None),
    ],
)
def test_replace_amount_keeps_the_rest_as_written(text: str, expected: str | None) -> None:
    """A rescaled entry's description: its amount becomes the new one, the rest stays as the
    person wrote it; None when it starts with no amount the parser reads."""
    assert phrases.replace_amount(text, 3) == expected

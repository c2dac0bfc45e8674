"""Reading "1 1/2 cups of milk" into an amount, a unit and the food's words. Pure, no I/O.

The grammar is the one people use when they write down what they ate: an optional quantity
(``2``, ``1.5``, ``1/2``, ``1 1/2``, ``½``, ``a``, ``an``, ``half``, ``half a``, ``one`` ...
``twelve``, a dozen), an optional unit (metric, US customary, or a word the food's household
measures use, which the lookup resolves), an optional "of", and the food. Unit words come from
:mod:`nightcramps.units`; the arithmetic is pint's.

This is the one reader of amounts typed in words: :func:`parse` for a food phrase,
:func:`split_amount` for the amount before a person's own food ("2 tablets"),
:func:`strip_amount` for the food's words alone (type-ahead), and :func:`replace_amount` for
a description whose amount changes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from nightcramps import units
from nightcramps.foods import vocabulary

UNICODE_FRACTIONS = {
    "½": "1/2",
    "⅓": "1/3",
    "⅔": "2/3",
    "¼": "1/4",
    "¾": "3/4",
    "⅕": "1/5",
    "⅖": "2/5",
    "⅗": "3/5",
    "⅘": "4/5",
    "⅙": "1/6",
    "⅚": "5/6",
    "⅛": "1/8",
    "⅜": "3/8",
    "⅝": "5/8",
    "⅞": "7/8",
}

NUMBER_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "a dozen": 12,
    "half": 0.5,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
    "quarter": 0.25,
    "a quarter": 0.25,
    "a quarter of a": 0.25,
    "quarter of a": 0.25,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 3,
}
"""Quantity words (longest phrase wins)."""

_NUMBER = r"[-+−]?(?:\d+\s+\d+/\d+|\d+\s*/\s*\d+|\d*[.,]\d+|\d+)"
_LEADING_NUMBER = re.compile(rf"^\s*(?P<number>{_NUMBER})(?:\s*(?:-|to)\s*{_NUMBER})?")
_LEADING_FRACTION = re.compile(rf"^\s*(?:\d+\s*)?[{''.join(UNICODE_FRACTIONS)}]")
_FILLER = re.compile(r"^(?:of\s+(?:the\s+)?|the\s+)")


class PhraseError(ValueError):
    """The phrase cannot be read; the message says why."""


class DivisionByZero(PhraseError):
    """A fraction over zero ("1/0"); ``number`` is the fraction as typed."""

    def __init__(self, number: str) -> None:
        super().__init__(f"{number!r} is not a number I can read")
        self.number = number


@dataclass(frozen=True, slots=True)
class ParsedPhrase:
    """A phrase taken apart.

    ``quantity`` is None when none was typed ("banana"); ``unit`` is a pint unit name for a
    metric or US customary unit ("cup", "gram"), else None and the measure words (if any) stay
    at the start of ``rest`` ("medium banana") for the service to match against the food.
    """

    text: str
    quantity: float | None
    unit: str | None
    rest: str


def normalise(text: str) -> str:
    """Unicode fractions spelled out, "1½" → "1 1/2", one space between words, lower case."""
    for char, spelled in UNICODE_FRACTIONS.items():
        text = re.sub(rf"(\d)\s*{char}", rf"\1 {spelled}", text)
        text = text.replace(char, f" {spelled}")
    text = unicodedata.normalize("NFKC", text).replace("⁄", "/").replace("−", "-")
    return " ".join(text.lower().split())


def parse_number(text: str) -> float:
    """``"1 1/2"`` → 1.5, ``"1/3"`` → 0.333…, ``"2,5"`` → 2.5, ``"-2"`` → -2.0.

    Raises:
        PhraseError: not a number; DivisionByZero, a fraction over zero.
    """
    text = text.strip().replace(",", ".")
    sign = -1.0 if text.startswith("-") else 1.0
    text = text.lstrip("+-").strip()
    try:
        if "/" in text:
            whole, _, fraction = text.rpartition(" ")
            numerator, _, denominator = fraction.partition("/")
            if not whole and " " in numerator.strip():
                whole, numerator = numerator.strip().split(" ", 1)
            value = Fraction(int(numerator), int(denominator)) + (int(whole) if whole else 0)
            return sign * float(value)
        return sign * float(text)
    except ZeroDivisionError:
        raise DivisionByZero(text) from None
    except ValueError:
        raise PhraseError(f"{text!r} is not a number I can read") from None


def _take_quantity(text: str, *, alone: bool = False) -> tuple[float | None, str]:
    """The quantity at the start of normalised ``text`` and the rest; a quantity word is taken
    only when words follow it ("a banana", not "a"), unless ``alone``."""
    match = _LEADING_NUMBER.match(text)
    if match:
        number = re.sub(r"\s*/\s*", "/", match.group("number"))
        return parse_number(number), text[match.end() :].strip()
    tokens = text.split(" ")
    for size in (4, 3, 2, 1):
        phrase = " ".join(tokens[:size])
        if (len(tokens) > size or alone and len(tokens) == size) and phrase in NUMBER_WORDS:
            value = NUMBER_WORDS[phrase]
            rest = " ".join(tokens[size:])
            # "a half cup", "one and a half cups"
            if value == 1 and rest.startswith(("and a half ", "and half ")):
                rest = rest.split(" ", 3)[-1] if rest.startswith("and a half") else rest[9:]
                value = 1.5
            elif rest.startswith("half ") and value == 1:
                value, rest = 0.5, rest[5:]
            return value, rest
    return None, text


def _take_unit(text: str) -> tuple[str | None, str]:
    # "250ml" and "100g" are written without a space
    glued = re.match(r"^([a-z.]+)\b\s*(.*)$", text)
    if glued is None:
        return None, text
    tokens = text.split(" ")
    for size in range(min(units.MAX_UNIT_WORDS, len(tokens)), 0, -1):
        candidate = " ".join(tokens[:size]).rstrip(".")
        unit = units.unit_for(candidate)
        if unit is not None:
            return unit, " ".join(tokens[size:])
    return None, text


def _unglue(text: str) -> str:
    """ "250ml" → "250 ml", "100g" → "100 g": a unit written without a space."""
    return re.sub(r"^(\d[\d./ ]*?)([a-z])", r"\1 \2", text)


def _split(text: str) -> tuple[float | None, str | None, str]:
    """Normalised, unglued ``text`` as (quantity, pint unit, the words after them)."""
    quantity, rest = _take_quantity(text)
    unit, rest = _take_unit(rest) if rest else (None, rest)
    return quantity, unit, _FILLER.sub("", rest).strip(" ,.;:")


_TRAILING_AMOUNT = re.compile(
    rf"^(?P<food>.*?[a-z].*?)[\s,]+(?P<amount>{_NUMBER}\s*[a-z. ]{{0,24}})$"
)


def _amount_first(text: str) -> str:
    """A phrase with its amount written after the food ("baked salmon, 6 oz", "kimchi, 1/2
    cup") turned round ("6 oz baked salmon"); any other phrase as it is."""
    if _LEADING_NUMBER.match(text) or _take_quantity(text)[0] is not None:
        return text
    match = _TRAILING_AMOUNT.match(text)
    if match is None:
        return text
    return f"{match.group('amount').strip()} {match.group('food').strip(' ,')}"


_ABOUT = re.compile(r"\b(?:about|around|approx\.?|approximately|roughly|circa)\s+(?=\d)|~\s*(?=\d)")
"""Words that only say an amount is rough ("grilled salmon, about 150g"): left out."""


def parse(phrase: str) -> ParsedPhrase:
    """Take a phrase apart: ``parse("1/2 cup spinach, boiled")`` → 0.5, "cup", "spinach, boiled";
    an amount after the food is read too ("spinach, boiled, 1/2 cup").

    Raises:
        PhraseError: the phrase is empty, or its quantity cannot be read.
    """
    text = _amount_first(_ABOUT.sub("", normalise(phrase)))
    if not text:
        raise PhraseError("the phrase is empty; write what you ate, e.g. '1 medium banana'")
    quantity, unit, rest = _split(_unglue(text))
    if not rest:
        raise PhraseError(f"{phrase.strip()!r} names no food; write e.g. '2 tbsp peanut butter'")
    return ParsedPhrase(text=phrase.strip(), quantity=quantity, unit=unit, rest=rest)


def split_amount(text: str) -> tuple[float | None, str]:
    """The amount typed before a food's name, as a quantity and the unit words after it:
    ``"2 tablets"`` → (2.0, "tablets"); ``"250ml"`` → (250.0, "ml"); ``"a"`` → (1.0, "");
    ``"big"`` → (None, "big"); ``""`` → (None, "").

    Raises:
        DivisionByZero: the quantity is a fraction over zero ("1/0").
    """
    text = _unglue(normalise(text))
    quantity, rest = _take_quantity(text, alone=True) if text else (None, "")
    return (None if quantity is None else float(quantity)), rest


def strip_amount(text: str) -> str:
    """The food's words of a typed phrase, without its leading amount and measure:
    ``"2 tbsp chia seeds"`` → "chia seeds", ``"a glass of milk"`` → "milk", ``"1 1/2 cups
    rice"`` → "rice", ``"2 medium bananas"`` → "bananas". Household measures that are no unit
    ("glass", "medium", "slices": vocabulary.HOUSEHOLD_WORDS) go too; "" when nothing is left
    or the amount cannot be read."""
    try:
        _, _, rest = _split(_unglue(normalise(text)))
    except PhraseError:
        return ""
    words = rest.split(" ")
    while words and words[0] in vocabulary.HOUSEHOLD_WORDS:
        words.pop(0)
    return _FILLER.sub("", " ".join(words)).strip(" ,.;:")


def replace_amount(text: str, quantity: float) -> str | None:
    """``text`` with the amount it starts with replaced by ``quantity``: ("2 cups of milk", 3)
    → "3 cups of milk", ("half an avocado", 1) → "1 avocado"; None when it starts with none.
    The rest is kept as written (case, spacing)."""
    match = _LEADING_FRACTION.match(text) or _LEADING_NUMBER.match(text)
    if match:
        return f"{quantity:g}{text[match.end() :]}"
    tokens = text.split(" ")
    for size in (4, 3, 2, 1):
        if len(tokens) > size and " ".join(tokens[:size]).lower() in NUMBER_WORDS:
            return " ".join([f"{quantity:g}", *tokens[size:]])
    return None

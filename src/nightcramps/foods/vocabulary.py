"""Everyday words for food search and lookup, read from ``foods/data/vocabulary.toml``.

USDA names foods the way a food chemist files them ("Chickpeas (garbanzo beans, bengal gram),
mature seeds, cooked, boiled, without salt"); people type "chickpeas", "oj" or "a glass of milk".
The small, hand-made word lists that bridge the two are data, kept in one TOML file so that they
can be read and edited without reading code. This module reads that file once, at import, checks
it against a typed schema and offers its lists under the names the code uses (``SYNONYMS``,
``COMMON_FOODS``, ``COUNT_MEASURE_WORDS`` ...). A wrong entry raises :class:`VocabularyError`
naming the file and the line, so it fails every test rather than a search at run time.

The numbers that tune the ranking or bound a portion stay in Python beside the code that reads
them (``search.DEMOTED_GROUPS``, ``rich_in.MIN_PORTION_G``, ``constants.MAX_FOOD_ENTRY_G``).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

VOCABULARY_FILE = Path(__file__).parent / "data" / "vocabulary.toml"

MIN_LIMIT_G, MAX_LIMIT_G = 20.0, 300.0
"""The range a portion limit (``rich_in.portion_limits_g``) must lie in: an ordinary portion
weighs between a tablespoon of seeds and a large bowl (these are ``rich_in.MIN_PORTION_G`` and
``MAX_PORTION_G``)."""


class VocabularyError(ValueError):
    """A wrong entry in the vocabulary file; the message starts with ``file:line:``."""


def _word(value: str) -> str:
    if not value or value != " ".join(value.lower().split()):
        raise ValueError("write it in lower case, with single spaces and no spaces around it")
    return value


def _unique(values: Any) -> Any:
    if isinstance(values, list):
        seen: set[Any] = set()
        for value in values:
            if value in seen:
                raise ValueError(f"{value!r} is listed twice")
            seen.add(value)
    return values


def _portion_limit(grams: float) -> float:
    if not MIN_LIMIT_G <= grams <= MAX_LIMIT_G:
        raise ValueError(f"a portion limit must lie within {MIN_LIMIT_G:g}-{MAX_LIMIT_G:g} g")
    return grams


Word = Annotated[str, AfterValidator(_word)]
"""A word or phrase as the code compares it: lower case, single spaces."""

FoodId = Annotated[str, StringConstraints(pattern=r"^(usda:\d{5}|fndds:\d{8})$")]
"""A food of the packaged database: "usda:" and its five-digit SR28 NDB number, or "fndds:" and
its eight-digit FNDDS food code."""

Group = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
"""A USDA food group: the first two digits of the NDB number ("14" is Beverages)."""

PortionLimit = Annotated[float, Field(strict=True), AfterValidator(_portion_limit)]
"""Grams of the largest ordinary portion of a food: a number, within the portion range."""

Words = Annotated[frozenset[Word], BeforeValidator(_unique)]
"""A set of words, none listed twice."""

Ranked = Annotated[tuple[Word, ...], BeforeValidator(_unique)]
"""Words in an order that matters (best first), none listed twice."""


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SearchWords(_Table):
    """``[search]``: the words food search reads a query with."""

    stopwords: Words
    optional: Words
    eaten_raw: Words
    alcohol_words: Words
    neutral_segments: Words
    category_heads: Words
    substitute_words: Words
    as_bought_words: Words
    common_foods: Annotated[tuple[FoodId, ...], BeforeValidator(_unique)]
    synonyms: dict[Word, Word]
    default_foods: dict[Word, FoodId]


class HouseholdMeasure(_Table):
    """A household measure a food may lack among its own: "a *glass* of water" is 240 ml."""

    words: Word
    ml: Annotated[float, Field(gt=0, le=1000)] | None = None
    g: Annotated[float, Field(gt=0, le=1000)] | None = None
    when: Words = frozenset()
    """Words of the food's name it is for (any one); empty: every food."""
    source: Annotated[str, StringConstraints(min_length=10)]

    @model_validator(mode="after")
    def _one_size(self) -> HouseholdMeasure:
        if (self.ml is None) == (self.g is None):
            raise ValueError("give its size as either ml or g")
        return self


class MeasureWords(_Table):
    """``[measures]``: the words of household measures."""

    count_measure_words: Ranked
    not_this_food: Words
    household_words: Words
    household: tuple[HouseholdMeasure, ...]
    synonyms: dict[Word, Word]


class DrinkWords(_Table):
    """``[drinks]``: what makes a food a drink."""

    beverage_group: Group
    drink_words: Words
    drink_head_words: Words
    dry_form_words: Words


class RichInWords(_Table):
    """``[rich_in]``: which foods "close the gap" suggests, and their ordinary portions."""

    everyday_foods: Ranked
    not_as_eaten: Words
    raw_not_eaten_groups: Annotated[frozenset[Group], BeforeValidator(_unique)]
    portion_limits_g: dict[Word, PortionLimit]


class Vocabulary(_Table):
    """The whole file, one field per table."""

    search: SearchWords
    measures: MeasureWords
    drinks: DrinkWords
    rich_in: RichInWords


def parse(text: str, source: str = str(VOCABULARY_FILE)) -> Vocabulary:
    """The vocabulary in ``text`` (the contents of a file named ``source``), checked.

    Raises:
        VocabularyError: the text is not TOML, or an entry breaks the schema; the message
            starts with ``source:line:`` and says what is wrong.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise VocabularyError(f"{source}:{line}: {exc}") from None
    try:
        return Vocabulary.model_validate(data)
    except ValidationError as exc:
        # a misspelt key shows as two problems: report the entry written, not the one missing
        problem = min(exc.errors(), key=lambda error: error["type"] == "missing")
        where = ".".join(str(part) for part in problem["loc"])
        line = _line_of(text, problem["loc"], problem.get("input"))
        raise VocabularyError(f"{source}:{line}: {where}: {problem['msg']}") from None


def _line_from_message(message: str) -> int:
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else 1


def _line_of(text: str, loc: tuple[int | str, ...], value: object) -> int:
    """The line of ``text`` that holds the entry at ``loc``: its table's header, then its key,
    then, in a list, the wrong item (or the second of an item listed twice)."""
    lines = text.splitlines()
    keys = [part for part in loc if isinstance(part, str)]
    start, rest = 0, list(loc)
    for size in range(len(keys), 0, -1):
        header = f"[{'.'.join(keys[:size])}]"
        found = next((i for i, line in enumerate(lines) if line.strip() == header), None)
        if found is not None:
            start, rest = found, list(loc[size:])
            break
    for part in rest:
        if isinstance(part, str) and part != "[key]":
            key = re.compile(rf'^\s*"?{re.escape(part)}"?\s*=')
            start = next((i for i in range(start, len(lines)) if key.match(lines[i])), start)
    if isinstance(value, list):  # an item listed twice: point at the second
        twice = [item for i, item in enumerate(value) if item in value[:i]]
        start = _quoting(lines, twice[0] if twice else None, start, times=2)
    elif rest and isinstance(rest[-1], int):
        start = _quoting(lines, value, start)
    return start + 1


def _quoting(lines: list[str], value: object, start: int, times: int = 1) -> int:
    """The line, from ``start`` on, where ``value`` has been written as a TOML string
    ``times`` times (else ``start``)."""
    quoted, count = f'"{value}"', 0
    for i in range(start, len(lines)):
        count += lines[i].split("#", 1)[0].count(quoted)
        if count >= times:
            return i
    return start


def load(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The vocabulary file at ``path``, checked (see :func:`parse`)."""
    return parse(path.read_text(encoding="utf-8"), str(path))


_VOCABULARY = load()

SYNONYMS: dict[str, str] = _VOCABULARY.search.synonyms
"""Typed phrase (lower case, plurals as typed) → the words to search for instead."""

STOPWORDS: frozenset[str] = _VOCABULARY.search.stopwords
"""Words ignored in queries: they match nearly every USDA name or none."""

OPTIONAL: frozenset[str] = _VOCABULARY.search.optional
"""State and filler words (stemmed) left out of a query when no food has them with the others."""

ALCOHOL_WORDS: frozenset[str] = _VOCABULARY.search.alcohol_words
"""Name words (stemmed) of alcoholic drinks: ranked low unless the query names alcohol too."""

EATEN_RAW: frozenset[str] = _VOCABULARY.search.eaten_raw
"""Subjects (stemmed) of vegetables eaten raw: search does not prefer them cooked."""

NEUTRAL_SEGMENTS: frozenset[str] = _VOCABULARY.search.neutral_segments
"""Parts of a USDA name that describe the plain, default form of a food ("raw")."""

CATEGORY_HEADS: frozenset[str] = _VOCABULARY.search.category_heads
"""First parts of USDA names that are only a category ("Fish, salmon")."""

SUBSTITUTE_WORDS: frozenset[str] = _VOCABULARY.search.substitute_words
"""Name words of a stand-in for the food ("Bacon, meatless")."""

AS_BOUGHT_WORDS: frozenset[str] = _VOCABULARY.search.as_bought_words
"""Name words of a food as bought and not as eaten ("unprepared")."""

COMMON_FOODS: tuple[str, ...] = _VOCABULARY.search.common_foods
"""Plain forms of foods people eat every day: searches for their words rank them first."""

DEFAULT_FOODS: dict[str, str] = _VOCABULARY.search.default_foods
"""A word typed alone → the food a person means by it ("bacon" is pork bacon)."""

COUNT_MEASURE_WORDS: tuple[str, ...] = _VOCABULARY.measures.count_measure_words
"""Measures meant by a bare count ("2 bananas", "an egg"), best first."""

NOT_THIS_FOOD: frozenset[str] = _VOCABULARY.measures.not_this_food
"""Words of a measure of something else than the food as it is ("cup, dry, yields")."""

HOUSEHOLD_WORDS: frozenset[str] = _VOCABULARY.measures.household_words
"""Household measures typed before a food that are no unit ("a glass of milk")."""

HOUSEHOLD: tuple[HouseholdMeasure, ...] = _VOCABULARY.measures.household
"""Household measures a food may lack among its own ("a glass of water"), in the order read."""

MEASURE_SYNONYMS: dict[str, str] = _VOCABULARY.measures.synonyms
"""Measure words (stemmed) a person types for what USDA names otherwise ("strip" → "slice")."""

BEVERAGE_GROUP: str = _VOCABULARY.drinks.beverage_group
"""USDA's food group "Beverages": every food in it is a drink, except its dry forms."""

DRINK_WORDS: frozenset[str] = _VOCABULARY.drinks.drink_words
"""Subjects (stemmed) of foods that are drunk: milk, juices, soups, coffee, tea, water."""

DRINK_HEAD_WORDS: frozenset[str] = _VOCABULARY.drinks.drink_head_words
"""Words that make a food a drink anywhere in its first part ("Vegetable juice cocktail")."""

DRY_FORM_WORDS: frozenset[str] = _VOCABULARY.drinks.dry_form_words
"""Words of a drink's dry form (coffee powder, a soup mix): not a drink unless "prepared"."""

EVERYDAY_FOODS: tuple[str, ...] = _VOCABULARY.rich_in.everyday_foods
"""Name beginnings of the whole foods "close the gap" suggestions come from."""

NOT_AS_EATEN: frozenset[str] = _VOCABULARY.rich_in.not_as_eaten
"""Name words of foods not eaten as such (flour, powder) or a processed variant."""

RAW_NOT_EATEN_GROUPS: frozenset[str] = _VOCABULARY.rich_in.raw_not_eaten_groups
"""USDA groups whose raw forms are not eaten: dry beans, raw meat and fish, uncooked grains."""

PORTION_LIMITS_G: dict[str, float] = _VOCABULARY.rich_in.portion_limits_g
"""Largest ordinary portion (g) of foods eaten by the ounce, by the beginning of their name."""

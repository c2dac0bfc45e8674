"""Reading an amount of a food: from a typed phrase ("1 medium banana"), or from a food id with
a quantity and a unit (a food picked in search, a "close the gap" example).

Both end in :mod:`nightcramps.foods.weighing`, the one place that weighs an amount. Phrases are
taken apart by :mod:`nightcramps.foods.phrases`; the words left are matched against the foods'
names (:mod:`nightcramps.foods.search`) and their own household measures.
"""

from __future__ import annotations

from dataclasses import dataclass

from nightcramps import units
from nightcramps.errors import Invalid, NotFound
from nightcramps.foods import catalogue, phrases, vocabulary, weighing
from nightcramps.foods.catalogue import Food, Measure
from nightcramps.foods.schemas import FoodMatch, Lookup
from nightcramps.foods.search import Hit, stem
from nightcramps.foods.weighing import Amount

SUGGESTIONS = 5
"""How many foods a "not found" message suggests."""

MEASURE_SEARCH_DEPTH = 30
"""How far down the ranking a lookup looks for a food of the same kind that has the measure
typed ("1 slice pizza" when the first pizza is sold by the package)."""


def lookup(phrase: str) -> Lookup:
    """Read what a person ate, as they would type it, into a food, grams and nutrients.

    ``lookup("1 medium banana")`` → Bananas, raw, 118 g, magnesium_mg 31.9, ... Quantities:
    2, 1.5, 1/2, 1 1/2, ½, "a", "an", "half"; units: g, kg, oz (weight), lb, ml, l, cup, tbsp,
    tsp, fl oz, pint, quart, and the food's own measures ("medium", "cup, sliced", "NLEA
    serving"). A volume is weighed with the food's own cup/tbsp/fl oz measure; a bare count
    ("2 bananas") uses a medium one (or the first piece-like measure), and ``unit`` says which.

    Raises:
        NotFound: no food matches; ``fields["suggestions"]`` and ``extra["suggestions"]`` hold
            the nearest foods.
        Invalid: the phrase is empty or unreadable, the amount is zero, negative or more than
            ``MAX_FOOD_ENTRY_G``, the measure is not one the food has, or a volume was given
            for a food that has no volume measure.
    """
    return amount_of(phrase).to_lookup(phrase.strip())


def amount_of(phrase: str) -> Amount:
    """The amount a typed phrase names, with the volume it holds when known: what
    :func:`lookup` reads, as a record (same rules, same errors)."""
    try:
        parsed = phrases.parse(phrase)
    except phrases.PhraseError as exc:
        raise Invalid(
            f"Cannot read {phrase.strip()!r}: {exc}.", fields={"phrase": str(exc)}
        ) from None
    quantity = 1.0 if parsed.quantity is None else float(parsed.quantity)
    weighing.check_amount(quantity, None, "", phrase=True)
    choice = _choose(parsed)
    amount = _weigh(choice.food, quantity, parsed.unit, choice.measure)
    weighing.check_amount(quantity, amount.grams, choice.food.name, unit=amount.unit, phrase=True)
    return amount


def portion(food_id: str, quantity: float, unit: str) -> Amount:
    """``quantity`` ``unit`` of the food ``food_id``: ("usda:09040", 1, "medium") or (120, "g").

    ``unit`` is one of the food's own measures by name ("cup, sliced") or by its first word
    ("medium"), or a unit of mass or volume; a volume is weighed as in :func:`lookup`.

    Raises:
        NotFound: no such food.
        Invalid: the unit is neither a mass, a volume the food can be weighed in, nor one of its
            measures; or the amount is not positive or more than ``MAX_FOOD_ENTRY_G``.
    """
    food = catalogue.get_food(food_id)
    unit_word = " ".join(unit.lower().split())
    measure = next((m for m in food.measures if unit_word in (m.name.lower(), m.base)), None)
    if measure is not None:
        amount = weighing.of_measure(food, quantity, measure, measure.name)
    else:
        amount = _by_unit(food, quantity, unit, units.unit_for(unit_word))
    weighing.check_amount(quantity, amount.grams, food.name)
    return amount


def _by_unit(food: Food, quantity: float, typed: str, unit: str | None) -> Amount:
    names = ", ".join(m.name for m in food.measures[:8]) or "none"
    if unit is None:
        raise Invalid(
            f"{food.name} has no measure {typed!r}; use g, oz, or one of: {names}.",
            fields={"unit": "not a measure of this food"},
        )
    if units.kind_of(unit) == "mass":
        return weighing.of_mass(food, quantity, unit)
    amount = weighing.of_volume(food, quantity, unit, show_measure=False)
    if amount is None:
        raise Invalid(
            f"{food.name} has no volume measure in the USDA data, so a volume cannot be turned "
            f"into grams without guessing. Give its weight (g or oz) or one of: {names}.",
            fields={"unit": "a volume of a food measured by weight or piece"},
        )
    return amount


def _weigh(food: Food, quantity: float, unit: str | None, measure: Measure | None) -> Amount:
    """``quantity`` × the unit or measure a phrase named of ``food``."""
    if measure is not None:
        return weighing.of_measure(food, quantity, measure, weighing.shown_as(measure))
    if unit is None:
        counted = weighing.count_measure(food)
        if counted is None:
            raise Invalid(
                f"How much {food.name}? Give an amount with a unit (e.g. '100 g'), or one of "
                f"its measures: {weighing.measure_list(food)}.",
                fields={"phrase": "no unit"},
            )
        return weighing.of_measure(food, quantity, counted, counted.name)
    if units.kind_of(unit) == "mass":
        return weighing.of_mass(food, quantity, unit)
    amount = weighing.of_volume(food, quantity, unit, show_measure=True)
    if amount is None:
        raise Invalid(
            f"{food.name} has no volume measure in the USDA data, so "
            f"{weighing.number(quantity)} {units.symbol(unit)} cannot be turned into grams "
            f"without guessing. Give its weight (g or oz) or one of its measures: "
            f"{weighing.measure_list(food)}.",
            fields={"phrase": "a volume of a food measured by weight or piece"},
        )
    return amount


# ---------------------------------------------------------------------------- the food named


def _matching_measure(food: Food, unit: str | None, typed: list[str]) -> Measure | None:
    """The food's measure meant by a unit and/or measure words ("cup" + ["sliced"])."""
    wanted = {stem(w) for w in typed}
    if unit is not None:
        same = [m for m in food.measures if m.unit == unit]
        if wanted:
            return next((m for m in same if wanted <= m.words), None)
        return same[0] if same else None
    if not wanted:
        return None
    text = " ".join(typed)
    exact = [m for m in food.measures if m.base == text or m.name.lower() == text]
    if exact:
        return exact[0]
    found = next((m for m in food.measures if m.unit is None and wanted <= m.words), None)
    same_thing = {vocabulary.MEASURE_SYNONYMS.get(w, w) for w in wanted}
    if found is None and same_thing != wanted:  # "3 strips bacon": its measure is "slice"
        found = next((m for m in food.measures if m.unit is None and same_thing <= m.words), None)
    return found


@dataclass(frozen=True, slots=True)
class _Choice:
    food: Food
    measure: Measure | None
    split: int  # how many words were taken as measure words


def _splits(tokens: list[str]) -> list[tuple[list[str], str]]:
    """Ways to read leading or trailing words as measure words: "medium banana" →
    (["medium"], "banana"); "cantaloupe cubes" → (["cubes"], "cantaloupe")."""
    result: list[tuple[list[str], str]] = []
    for size in range(min(3, len(tokens) - 1), 0, -1):
        for measure_part, food_part in (
            (tokens[:size], tokens[size:]),
            (tokens[-size:], tokens[:-size]),
        ):
            measure_words = [t for t in measure_part if t not in (",", "of")]
            food_text = " ".join(food_part).strip(" ,")
            if measure_words and food_text:
                result.append((measure_words, food_text))
    return result


def _same_kind_with_measure(hits: list[Hit], measure_words: list[str]) -> _Choice | None:
    """The best-ranked of ``hits`` (after the first) that is the food typed, not something it
    qualifies, and has the measure: "1 slice pizza" → a cheese pizza sold by the slice when
    the plainest pizza is weighed by the package."""
    for hit in hits[1:]:
        if not (hit.complete and hit.subject):
            continue
        food = catalogue.get_food(hit.id)
        measure = _matching_measure(food, None, measure_words)
        if measure is not None:
            return _Choice(food, measure, len(measure_words))
    return None


def _choose(parsed: phrases.ParsedPhrase) -> _Choice:
    """Find the food (and measure words) a parsed phrase means.

    Measure words before or after the food ("1 *medium* banana", "cantaloupe *cubes*") are
    matched against the best food's own measures. When it lacks them, and they are words
    (not a volume: a volume of a food measured by weight is refused, not guessed), the
    best-ranked food of the same kind that has them is taken ("1 slice pizza").
    """
    tokens = parsed.rest.replace(",", " , ").split()
    unit_kind = units.kind_of(parsed.unit) if parsed.unit else None
    unmatched_measure: tuple[Food, str] | None = None
    same_kind: _Choice | None = None
    if unit_kind != "mass":
        for measure_words, food_text in _splits(tokens):
            hits = catalogue.hits(food_text, MEASURE_SEARCH_DEPTH)
            if not hits or not hits[0].complete:
                continue
            food = catalogue.get_food(hits[0].id)
            measure = _matching_measure(food, parsed.unit, measure_words)
            if measure is not None:
                return _Choice(food, measure, len(measure_words))
            if unmatched_measure is None:
                unmatched_measure = (food, " ".join(measure_words))
            if same_kind is None and parsed.unit is None and hits[0].subject:
                same_kind = _same_kind_with_measure(hits, measure_words)
    if same_kind is not None:
        return same_kind
    return _whole_text(parsed, unmatched_measure)


def _whole_text(parsed: phrases.ParsedPhrase, unmatched: tuple[Food, str] | None) -> _Choice:
    """The food the whole text names, when no measure words were found in it."""
    hits = catalogue.hits(parsed.rest, SUGGESTIONS)
    if hits and hits[0].complete:
        return _Choice(catalogue.get_food(hits[0].id), None, 0)
    if unmatched is not None and parsed.unit is None:
        food, text = unmatched
        raise Invalid(
            f"{food.name} has no measure called {text!r}. Use grams or ounces, or one of its "
            f"measures: {weighing.measure_list(food)}.",
            fields={"phrase": f"unknown measure {text!r}"},
        )
    suggestions = [h.name for h in hits]
    hint = f" Did you mean: {'; '.join(suggestions)}?" if suggestions else ""
    raise NotFound(
        f"No food matches {parsed.rest!r}.{hint} Try fewer or simpler words, e.g. 'banana'.",
        fields={"phrase": "no matching food", "suggestions": "; ".join(suggestions)},
        suggestions=[FoodMatch(id=h.id, name=h.name, score=h.score) for h in hits],
    )

"""Reading an amount of a food: from a typed phrase ("1 medium banana"), or from a food id with
a quantity and a unit (a food picked in search, a "close the gap" example).

Both end in :mod:`nightcramps.foods.weighing`, the one place that weighs an amount. Phrases are
taken apart by :mod:`nightcramps.foods.phrases`; the words left are matched against the foods'
names (:mod:`nightcramps.foods.search`) and their own household measures.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import NoReturn

from nightcramps import units
from nightcramps.errors import Invalid, NotFound
from nightcramps.foods import catalogue, phrases, vocabulary, weighing
from nightcramps.foods.catalogue import Food, Measure
from nightcramps.foods.schemas import FoodMatch, Lookup
from nightcramps.foods.search import Hit, stem, words
from nightcramps.foods.weighing import Amount

SUGGESTIONS = 5
"""How many foods a "not found" message suggests."""

USUAL_SIZE_WORDS = frozenset({"medium", "regular"})
"""Words of the usual one of several sizes of a measure ("1 medium or regular slice")."""

OTHER_SIZE_WORDS = frozenset({"thin", "thick", "miniature", "snack", "fun", "extra", "jumbo"})
"""Words of the unusual sizes, passed over unless typed ("1 small or thin slice")."""

ALTERNATIVES = 4
"""How many other foods a lookup offers beside the one it chose."""

CONFIDENT_SCORE = 0.7
"""A choice scoring at least this is taken as meant even when another food scores close."""

CLEAR_MARGIN = 0.05
"""A lead over the next food at which a lower-scoring choice is still clear."""

MEASURE_SEARCH_DEPTH = 30
"""How far down the ranking a lookup looks for a food of the same kind that has the measure
typed ("1 slice pizza" when the first pizza is sold by the package)."""


SERVING_WORDS = ({"serving"}, {"portion"})
"""Measure words that mean the survey's usual portion of a food with no such measure."""

WHOLE_TEXT_MARGIN = 0.1
"""How far below the best food of the words left after measure words the whole text's best
food may score and still show that those words were the food's: "pork chop" (0.98) against
"pork" (1.0, the everyday pork), but not "sliced strawberries" (0.73, frozen sweetened sliced)
against "strawberries" (0.93)."""

SAME_KIND_MARGIN = 0.2
"""How far below the best food another may score and still be the same food with the measure
typed: "medium fries" are the restaurant fries (0.17 below), "1 slice raisins" are not
chocolate-coated raisins (0.27 below)."""


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
    amount, choice = _read(phrase)
    return amount.to_lookup(
        phrase.strip(), confidence=choice.confidence(), alternatives=choice.alternatives()
    )


def amount_of(phrase: str) -> Amount:
    """The amount a typed phrase names, with the volume it holds when known: what
    :func:`lookup` reads, as a record (same rules, same errors)."""
    return _read(phrase)[0]


def _parse(phrase: str) -> phrases.ParsedPhrase:
    try:
        return phrases.parse(phrase)
    except phrases.PhraseError as exc:
        raise Invalid(
            f"Cannot read {phrase.strip()!r}: {exc}.", fields={"phrase": str(exc)}
        ) from None


def _read(phrase: str) -> tuple[Amount, _Choice]:
    parsed = _parse(phrase)
    quantity = 1.0 if parsed.quantity is None else float(parsed.quantity)
    weighing.check_amount(quantity, None, "", phrase=True)
    choice = _choose(parsed)
    amount = _weigh(choice.food, quantity, parsed.unit, choice.measure)
    weighing.check_amount(quantity, amount.grams, choice.food.name, unit=amount.unit, phrase=True)
    return amount, choice


def amount_for(phrase: str, food_id: str) -> Amount:
    """The amount a phrase names, of a food the person chose instead of the one it reads as
    (one of the foods offered when the reading was unsure or found nothing):
    ``amount_for("1 cup soda pop", "usda:14148")`` → 1 cup of that soda. The quantity, unit and
    measure words typed apply to the chosen food as :func:`lookup` applies them to its own
    choice (its measures, a size, a household measure); with no amount typed, its usual portion.

    Raises:
        NotFound: no such food.
        Invalid: the phrase is unreadable or the amount impossible, or the measure typed is not
            one the food has (``extra["food_id"]`` and ``extra["measure"]``: a page offers its
            measures instead).
    """
    parsed = _parse(phrase)
    quantity = 1.0 if parsed.quantity is None else float(parsed.quantity)
    weighing.check_amount(quantity, None, "", phrase=True)
    food = catalogue.get_food(food_id)
    measure = None
    if parsed.unit is None or units.kind_of(parsed.unit) != "mass":
        tokens = parsed.rest.replace(",", " , ").split()
        readings = (_matching_measure(food, parsed.unit, typed) for typed, _ in _splits(tokens))
        measure = next((m for m in readings if m is not None), None)
    typed_measure = parsed.rest.split(" ", 1)[0].strip(" ,")
    if measure is None and parsed.unit is None and typed_measure in vocabulary.HOUSEHOLD_WORDS:
        raise Invalid(
            f"{food.name} has no measure called {typed_measure!r}. Use grams or ounces, or one "
            f"of its measures: {weighing.measure_list(food)}.",
            fields={"phrase": f"unknown measure {typed_measure!r}"},
            food_id=food.id,
            measure=typed_measure,
        )
    amount = _weigh(food, quantity, parsed.unit, measure)
    weighing.check_amount(quantity, amount.grams, food.name, unit=amount.unit, phrase=True)
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
            food_id=food.id,  # a page offers the food's own measures (nutrition.routes.day)
            measure=typed,
        )
    if units.kind_of(unit) == "mass":
        return weighing.of_mass(food, quantity, unit)
    amount = weighing.of_volume(food, quantity, unit, show_measure=False)
    if amount is None:
        raise Invalid(
            f"{food.name} has no volume measure in the USDA data, so a volume cannot be turned "
            f"into grams without guessing. Give its weight (g or oz) or one of: {names}.",
            fields={"unit": "a volume of a food measured by weight or piece"},
            food_id=food.id,
        )
    return amount


def _weigh(food: Food, quantity: float, unit: str | None, measure: Measure | None) -> Amount:
    """``quantity`` × the unit or measure a phrase named of ``food``; with neither, its usual
    portion (said in ``assumed``)."""
    if measure is not None:
        return weighing.of_measure(food, quantity, measure, weighing.shown_as(measure))
    if unit is None:
        usual = weighing.usual_portion(food, drink=catalogue.is_drink(food))
        if usual is None:
            raise Invalid(
                f"How much {food.name}? Give an amount with a unit (e.g. '100 g'), or one of "
                f"its measures: {weighing.measure_list(food)}.",
                fields={"phrase": "no unit"},
                food_id=food.id,
            )
        shown_unit = "usual portion" if usual.default else weighing.shown_as(usual)
        amount = weighing.of_measure(food, quantity, usual, shown_unit)
        if usual.default or weighing.count_measure(food) is not usual:
            shown = "" if usual.default else f"1 {usual.name}, "
            said = f"no amount given: the usual portion, {shown}{usual.grams:g} g"
            return dataclasses.replace(amount, assumed=said)
        return amount
    if units.kind_of(unit) == "mass":
        return weighing.of_mass(food, quantity, unit)
    by_volume = weighing.of_volume(food, quantity, unit, show_measure=True)
    if by_volume is None:
        raise Invalid(
            f"{food.name} has no volume measure in the USDA data, so "
            f"{weighing.number(quantity)} {units.symbol(unit)} cannot be turned into grams "
            f"without guessing. Give its weight (g or oz) or one of its measures: "
            f"{weighing.measure_list(food)}.",
            fields={"phrase": "a volume of a food measured by weight or piece"},
            food_id=food.id,
        )
    return by_volume


# ---------------------------------------------------------------------------- the food named


def _matching_measure(food: Food, unit: str | None, typed: list[str]) -> Measure | None:
    """The food's measure meant by a unit and/or measure words ("cup" + ["sliced"]); else a
    size the food does not list ("2 medium eggs"), else a household measure it lacks ("a mug
    of tea"); "a serving" or "a portion" of a food with none is the survey's usual portion."""
    return _own_measure(food, unit, typed) or (
        None
        if unit is not None
        else weighing.sized_count(food, typed)
        or weighing.household(food, typed, drink=catalogue.is_drink(food))
        or (food.default_measure if {stem(w) for w in typed} in SERVING_WORDS else None)
    )


def _own_measure(food: Food, unit: str | None, typed: list[str]) -> Measure | None:
    """The food's own measure meant; of several that fit, the usual one (see :func:`_usual`)."""
    wanted = {stem(w) for w in typed}
    if unit is not None:
        same = [m for m in food.measures if m.unit == unit]
        if wanted:
            return _usual(food, [m for m in same if wanted <= m.words], typed)
        return same[0] if same else None
    if not wanted:
        return None
    text = " ".join(typed)
    usable = [m for m in food.measures if not m.words & vocabulary.NOT_THIS_FOOD]
    fits = [
        m
        for m in usable
        if m.base == text or m.name.lower() == text or (m.unit is None and wanted <= m.words)
    ]
    same_thing = {vocabulary.MEASURE_SYNONYMS.get(w, w) for w in wanted}
    if not fits and same_thing != wanted:  # "3 strips bacon": its measure is "slice"
        fits = [m for m in food.measures if m.unit is None and same_thing <= m.words]
    return _usual(food, fits, typed)


def _usual(food: Food, fits: list[Measure], typed: list[str]) -> Measure | None:
    """Of the food's measures that fit the words typed, the one meant: the size of the
    household measure of those words when there is one ("a bottle of beer" is the 12 fl oz
    bottle, not the 40 fl oz one), else one named just as typed ("slice", not "cracker-size
    slice"), else a medium or regular one over a small, thin or large one not asked for ("2
    slices bread" are regular slices, not "slice, crust not eaten"), else the first (USDA's
    order)."""
    if len(fits) <= 1:
        return fits[0] if fits else None
    size = weighing.household(food, typed, drink=catalogue.is_drink(food))
    if size is not None:
        return min(fits, key=lambda m: abs(m.grams - size.grams))
    stems = [stem(w) for w in typed]
    asked = set(stems)
    said = {
        " ".join(typed),
        " ".join(stems),
        " ".join(vocabulary.MEASURE_SYNONYMS.get(w, w) for w in stems),  # "slice": "piece"
    }

    def preference(position: int) -> tuple[int, int]:
        measure = fits[position]
        if measure.name.lower().removesuffix(", nfs") in said:  # not "cracker-size slice"
            return (0, position)
        words = measure.words
        usual = bool(words & USUAL_SIZE_WORDS)
        other = bool((words & weighing.SIZE_WORDS | words & OTHER_SIZE_WORDS) - asked)
        plain = measure.base in said and not other  # "slice, crust not eaten" has more to say
        return (1 if usual else 2 if plain else 3 if not other else 4, position)

    return fits[min(range(len(fits)), key=preference)]


@dataclass(frozen=True, slots=True)
class _Choice:
    food: Food
    measure: Measure | None
    split: int  # how many words were taken as measure words
    hits: list[Hit]  # the ranking the food was chosen from (first: the food itself)

    def confidence(self) -> float:
        """How sure the choice is, 0-1: the food's score, lowered when another food scored
        nearly as high (both could be meant) and when not every word matched."""
        best = next((h for h in self.hits if h.id == self.food.id), None)
        if best is None:  # taken further down the ranking, for its measure
            return 0.6
        score = best.score if best.complete else min(best.score, 0.4)
        others = [h.score for h in self.hits if h.id != best.id]
        margin = max(0.0, best.score - max(others, default=0.0))
        if score >= CONFIDENT_SCORE or margin >= CLEAR_MARGIN:
            return score
        return score * (0.7 + 0.3 * margin / CLEAR_MARGIN)

    def alternatives(self) -> list[FoodMatch]:
        return [
            FoodMatch(id=h.id, name=h.name, score=h.score)
            for h in self.hits[: ALTERNATIVES + 1]
            if h.id != self.food.id
        ][:ALTERNATIVES]


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
            known = catalogue.measure_words()
            named = [w.strip("().,") for w in measure_words]  # "(4 oz)": numbers pass
            if (
                measure_words
                and food_text
                and all(not w.isalpha() or stem(w) in known for w in named)
            ):
                result.append((measure_words, food_text))
    return result


def _same_kind_with_measure(
    hits: list[Hit], unit: str | None, measure_words: list[str]
) -> _Choice | None:
    """The best-ranked of ``hits`` (after the first) that is the food typed, not something it
    qualifies, and has the measure: "1 slice pizza" → a cheese pizza sold by the slice when
    the plainest pizza is weighed by the package; "1 cup sliced strawberries" → the raw
    strawberries that have a "cup, sliced"."""
    for hit in hits[1:]:
        if not (hit.complete and hit.subject) or hit.score < hits[0].score - SAME_KIND_MARGIN:
            continue
        food = catalogue.get_food(hit.id)
        measure = _own_measure(food, unit, measure_words)  # its own: not a size it lacks
        if measure is not None:
            return _Choice(food, measure, len(measure_words), hits)
    return None


def _choose(parsed: phrases.ParsedPhrase) -> _Choice:
    """Find the food (and measure words) a parsed phrase means.

    Measure words before or after the food ("1 *medium* banana", "cantaloupe *cubes*") are
    matched against each reading's best food: its own measures, a size it comes in only one
    of, or a household measure. Of the readings whose food has the measure, the one that leaves
    the most words to the food wins, so measure words never eat food words ("2 medium *eggs*,
    cooked" is eggs, not pasta). When the best food lacks the measure words, the best-ranked
    food of the same kind that has them is taken ("1 slice pizza"); a volume of a food measured
    by weight is refused, not guessed.
    """
    tokens = parsed.rest.replace(",", " , ").split()
    unit_kind = units.kind_of(parsed.unit) if parsed.unit else None
    unmatched_measure: tuple[Food, str] | None = None
    same_kind: _Choice | None = None
    sized_piece: _Choice | None = None
    found: list[tuple[int, float, _Choice]] = []
    if unit_kind != "mass":
        named = catalogue.hits(parsed.rest, SUGGESTIONS)  # the same search as _whole_text
        whole_best = named[0] if named and named[0].complete else None
        for measure_words, food_text in _splits(tokens):
            hits = catalogue.hits(food_text, MEASURE_SEARCH_DEPTH)
            if not hits or not hits[0].complete or _food_words(measure_words, whole_best, hits[0]):
                continue
            food = catalogue.get_food(hits[0].id)
            measure = _matching_measure(food, parsed.unit, measure_words)
            typed_stems = {stem(w) for w in measure_words}
            sized = (
                measure is not None
                and typed_stems <= weighing.SIZE_WORDS
                and not typed_stems & measure.words
            )
            if measure is not None and not sized:
                food_words = len([t for t in food_text.split() if t not in (",", "of")])
                found.append(
                    (food_words, hits[0].score, _Choice(food, measure, len(measure_words), hits))
                )
                continue
            if measure is not None and sized_piece is None:  # "2 medium eggs": one egg size
                sized_piece = _Choice(food, measure, len(measure_words), hits)
            if unmatched_measure is None:
                unmatched_measure = (food, " ".join(measure_words))
            own_words = {stem(w) for w in measure_words} <= set(words(food.name))
            if same_kind is None and hits[0].subject and not own_words:  # "hot" of "hot dog"
                same_kind = _same_kind_with_measure(hits, parsed.unit, measure_words)
    if found:
        return max(found, key=lambda item: item[:2])[2]
    if same_kind is not None and not (
        sized_piece is not None and sized_piece.food.survey and not same_kind.food.survey
    ):  # "medium fries": a food of the kind that has a medium one (a survey food first)
        return same_kind
    if sized_piece is not None:  # "1 medium banana": FNDDS's one banana size
        return sized_piece
    whole = _whole_text(parsed)
    if whole is not None:
        return whole
    return _not_found(parsed, unmatched_measure)


def _food_words(measure_words: list[str], whole: Hit | None, rest: Hit) -> bool:
    """Whether words read as a measure are the food's own: the whole text names a food about
    as well as the rest does (within ``WHOLE_TEXT_MARGIN``), and that food's name has them ("a
    chicken *breast*" is no measure "breast" of chicken, "1 cup *mashed* potatoes" no "cup,
    mashed" of potatoes, "a pork *chop*" no "chop" of the pork people mean by "pork")."""
    if whole is None or whole.score < rest.score - WHOLE_TEXT_MARGIN:
        return False
    named = set(words(whole.name))
    return all(stem(w) in named for w in measure_words if w.isalpha())


def _whole_text(parsed: phrases.ParsedPhrase) -> _Choice | None:
    """The food the whole text names, when every word of it is in the food's name."""
    hits = catalogue.hits(parsed.rest, SUGGESTIONS)
    if hits and hits[0].complete:
        return _Choice(catalogue.get_food(hits[0].id), None, 0, hits)
    return None


def _not_found(parsed: phrases.ParsedPhrase, unmatched: tuple[Food, str] | None) -> NoReturn:
    if unmatched is not None and parsed.unit is None:
        food, text = unmatched
        raise Invalid(
            f"{food.name} has no measure called {text!r}. Use grams or ounces, or one of its "
            f"measures: {weighing.measure_list(food)}.",
            fields={"phrase": f"unknown measure {text!r}"},
            food_id=food.id,  # a page offers the food's own measures (nutrition.routes.day)
            measure=text,
        )
    hits = catalogue.hits(parsed.rest, SUGGESTIONS)
    suggestions = [h.name for h in hits]
    hint = f" Did you mean: {'; '.join(suggestions)}?" if suggestions else ""
    raise NotFound(
        f"No food matches {parsed.rest!r}.{hint} Try fewer or simpler words, e.g. 'banana'.",
        fields={"phrase": "no matching food", "suggestions": "; ".join(suggestions)},
        suggestions=[FoodMatch(id=h.id, name=h.name, score=h.score) for h in hits],
    )

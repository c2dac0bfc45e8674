"""The food database's operations: find a food, read a phrase, and foods rich in a nutrient.

The database is a read-only SQLite file inside the package (``foods/data/foods.sqlite3``, built
by ``scripts/build_food_db.py`` from USDA SR24; see docs/data-sources.md). It is not the app's
database and needs no session: it is opened once per process, read into memory, and every call
here is a pure, thread-safe read. Food ids look like ``"usda:09040"``.

Public functions: :func:`get_food`, :func:`search`, :func:`lookup`, :func:`rich_in`,
:func:`is_drink`, :func:`provenance`, :func:`to_food_public`. They raise
:class:`~nightcramps.errors.NotFound` and :class:`~nightcramps.errors.Invalid` with messages
written for people.
"""

from __future__ import annotations

import functools
import math
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nightcramps import units
from nightcramps.constants import MAX_FOOD_ENTRY_G
from nightcramps.errors import Invalid, NotFound
from nightcramps.foods import phrases, vocabulary
from nightcramps.foods.amounts import NUTRIENTS, NutrientAmounts
from nightcramps.foods.schemas import (
    FoodMatch,
    FoodPublic,
    FoodRef,
    Lookup,
    MeasurePublic,
    RichFood,
)
from nightcramps.foods.search import Hit, SearchIndex, stem, subject_words, words

DATA_FILE = Path(__file__).parent / "data" / "foods.sqlite3"
SOURCE_LABELS = {"usda": "USDA SR24"}
"""How each source is named to people (``food.source`` in lookups)."""

SUGGESTIONS = 5
"""How many foods a "not found" message suggests."""

MEASURE_SEARCH_DEPTH = 30
"""How far down the ranking a lookup looks for a food of the same kind that has the measure
typed ("1 slice pizza" when the first pizza is sold by the package)."""

COUNT_MEASURE_WORDS = (
    "medium",
    "fruit",
    "whole",
    "each",
    "item",
    "piece",
    "large",
    "small",
    "slice",
    "egg",
    "serving",
    "nlea serving",
)
"""Measures meant by a bare count ("2 bananas", "an egg"), best first: a medium one when USDA
gives sizes, else the first piece-like measure."""


# ---------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Measure:
    """A household measure of one food: one ``name`` (as USDA writes it) weighs ``grams``.

    ``unit`` is the pint unit when the measure is a standard one ("cup, sliced" → "cup",
    "fl oz" → "fluid_ounce", "oz" → "ounce"), else None ("medium", "NLEA serving").
    """

    name: str
    grams: float
    unit: str | None
    amount: float  # USDA's serving of this measure: 3 (oz), 2 (tbsp), 0.5 (fillet), usually 1
    base: str  # the name before any comma or parenthesis, lower case: "cup", "medium"
    words: frozenset[str]  # word stems of the name outside parentheses
    stated_ml: float | None = None  # a volume the name states: "serving 1/2 cup", "can 12 fl oz"

    @property
    def serving(self) -> str:
        """USDA's serving of this measure in words: "3 oz", "1 cup, sliced", "0.5 fillet"."""
        return f"{self.amount:g} {self.name}"

    @property
    def serving_grams(self) -> float:
        """Grams of USDA's serving of this measure (3 oz → 85 g)."""
        return self.amount * self.grams

    @property
    def millilitres(self) -> float | None:
        """The volume of one of this measure, when it is a volume ("cup") or its name states
        one ("serving 1/2 cup", "can 12 fl oz")."""
        if self.unit is None or units.kind_of(self.unit) != "volume":
            return self.stated_ml
        return units.to_millilitres(1.0, self.unit)


@dataclass(frozen=True, slots=True)
class Food:
    """A food: its name, nutrients per 100 g (``None`` = unknown) and household measures."""

    id: str
    name: str
    source: str
    per_100g: NutrientAmounts
    measures: tuple[Measure, ...]
    deprecated: bool = False

    def nutrients_for(self, grams: float) -> NutrientAmounts:
        """The nutrients in ``grams`` of this food."""
        return self.per_100g.scaled(grams / 100.0)

    @property
    def ref(self) -> FoodRef:
        return FoodRef(id=self.id, name=self.name, source=self.source)


_STATED_VOLUME = re.compile(
    r"(?<![\w/.])(\d+ \d+/\d+|\d+/\d+|\d*\.?\d+)\s*(fl\.? ?oz|cups?|tbsp|tsp|ml)\b"
)


NOT_THIS_FOOD = frozenset({"yield", "yields", "make", "makes", "prepared", "dry"})
"""Words of a measure that is of something else than the food as it is: "cup, dry, yields"
(a cup of dry couscous yields 528 g cooked), "amount of dry mix to make 8 fl oz prepared"."""


def _stated_ml(name: str) -> float | None:
    """The volume one of a measure holds as its name states it ("serving 1/2 cup" → 118.3,
    "can 12 fl oz" → 354.9); None when it states none, more than one, or the volume of
    something else ("amount of dry mix to make 8 fl oz prepared")."""
    lowered = name.lower()
    if set(re.findall(r"[a-z]+", lowered)) & NOT_THIS_FOOD:
        return None
    found = _STATED_VOLUME.findall(lowered)
    if len(found) != 1:
        return None
    number, word = found[0]
    unit = units.unit_for(word.replace(".", ""))
    if unit is None or units.kind_of(unit) != "volume":
        return None
    try:
        value = phrases.parse_number(number)
    except phrases.PhraseError:
        return None
    return units.to_millilitres(value, unit) if value > 0 else None


def _measure(name: str, amount: float, grams: float) -> Measure:
    lowered = name.lower()
    outside = lowered.split("(", 1)[0]
    base = outside.split(",", 1)[0].strip()
    unit = units.unit_for(base)
    if unit is None:
        first = base.split(" ", 1)[0]
        unit = units.unit_for(first) if first not in ("c", "l", "g") else None
    if unit is not None and set(re.findall(r"[a-z]+", lowered)) & NOT_THIS_FOOD:
        unit = None  # "cup, dry, yields": a cup of the dry food, weighed cooked
    stated = _stated_ml(name)
    if unit is not None and stated is not None and units.kind_of(unit) == "volume":
        one = units.to_millilitres(1.0, unit)
        if not any(abs(stated - n * one) <= 0.15 * n * one for n in (1.0, amount)):
            unit = None  # "cup medium 21 fl oz size": a fast-food cup, not a measuring cup
    # a stated volume is of one measure only when the row is one ("serving 1/2 cup" = 66 g)
    if unit is not None or amount != 1:
        stated = None
    return Measure(
        name=name,
        grams=grams / amount,
        unit=unit,
        amount=amount,
        base=base,
        words=frozenset(words(outside)),
        stated_ml=stated,
    )


@dataclass(frozen=True)
class _Catalogue:
    foods: dict[str, Food]
    index: SearchIndex
    meta: dict[str, str]


@functools.cache
def _connection() -> sqlite3.Connection:
    """The food database, opened read-only once per process."""
    if not DATA_FILE.exists():
        raise RuntimeError(
            f"The food database {DATA_FILE} is missing; rebuild it with scripts/build_food_db.py"
        )
    uri = f"file:{DATA_FILE}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


@functools.cache
def _catalogue() -> _Catalogue:
    con = _connection()
    measures: dict[str, list[Measure]] = {}
    for food_id, amount, name, grams in con.execute(
        "SELECT food_id, amount, name, grams FROM measures ORDER BY food_id, seq"
    ):
        measures.setdefault(food_id, []).append(_measure(name, amount, grams))
    foods: dict[str, Food] = {}
    columns = ", ".join(NUTRIENTS)
    for row in con.execute(f"SELECT id, name, deprecated, {columns} FROM foods ORDER BY id"):
        food_id, name, deprecated, *values = row
        foods[food_id] = Food(
            id=food_id,
            name=name,
            source=SOURCE_LABELS.get(food_id.partition(":")[0], food_id.partition(":")[0]),
            per_100g=NutrientAmounts.of(**dict(zip(NUTRIENTS, values, strict=True))),
            measures=tuple(measures.get(food_id, ())),
            deprecated=bool(deprecated),
        )
    index = SearchIndex((f.id, f.name, f.deprecated, len(f.measures)) for f in foods.values())
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    return _Catalogue(foods=foods, index=index, meta=meta)


def warm_up() -> None:
    """Load the database and the unit registry now rather than on the first request."""
    _catalogue()
    units.registry()


# ---------------------------------------------------------------------------- reading


def provenance() -> dict[str, str]:
    """Where the database came from: source, URL, licence, counts, the source file's SHA-256."""
    return dict(_catalogue().meta)


def get_food(food_id: str) -> Food:
    """The food with this id (``"usda:09040"``): name, nutrients per 100 g, measures.

    Raises:
        NotFound: no such food.
    """
    food = _catalogue().foods.get(food_id.strip())
    if food is None:
        raise NotFound(
            f"There is no food {food_id!r}; food ids look like 'usda:09040' (search to find one).",
            fields={"food_id": "unknown food"},
        )
    return food


def is_drink(food: Food) -> bool:
    """Whether ``food`` is drunk (a beverage or another liquid taken as a drink): USDA's
    Beverages group, or a food whose subject is a drink (milk, juice, soup, coffee, tea, water,
    smoothie; vocabulary.DRINK_WORDS) or that USDA calls "fluid"; never a dry form (powder, mix)
    that is not "prepared". Bananas, bread and yogurt are not drinks."""
    name_words = set(words(food.name))
    if name_words & vocabulary.DRY_FORM_WORDS and "prepared" not in name_words:
        return False
    if food.id.partition(":")[2][:2] == vocabulary.BEVERAGE_GROUP:
        return True
    parts = [p.strip().lower() for p in food.name.split(",")]
    head = set(words(parts[0]))
    return bool(
        subject_words(food.name) & vocabulary.DRINK_WORDS
        or head & vocabulary.DRINK_HEAD_WORDS
        or "fluid" in parts
    )


def to_food_public(food: Food) -> FoodPublic:
    """The JSON shape of a food."""
    return FoodPublic(
        id=food.id,
        name=food.name,
        source=food.source,
        per_100g=food.per_100g,
        measures=[MeasurePublic(name=m.name, grams=round(m.grams, 1)) for m in food.measures],
    )


def search(query: str, *, limit: int = 10) -> list[FoodMatch]:
    """Foods matching ``query``, best first, at most ``limit`` of them.

    Copes with word order ("butter peanut"), plurals, typos ("bananna"), unfinished last words
    ("banan"), and everyday words ("oj", "yoghurt", "garbanzo"); plain, common forms come
    first ("banana" → "Bananas, raw"). An empty query, or one nothing matches, gives ``[]``.
    """
    return [FoodMatch(id=h.id, name=h.name, score=h.score) for h in _hits(query, limit)]


def _hits(query: str, limit: int) -> list[Hit]:
    return _catalogue().index.search(query, limit=limit)


# ---------------------------------------------------------------------------- lookup


def _number(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value:,.0f}"


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


def _count_measure(food: Food) -> Measure | None:
    """The measure a bare count means: "2 bananas" → 2 × medium, "an avocado" → 1 avocado."""
    pieces = [m for m in food.measures if m.unit is None]
    head = set(words(food.name.split(",", 1)[0])) | subject_words(food.name)
    for word in COUNT_MEASURE_WORDS:
        for measure in pieces:
            if measure.base == word:
                return measure
        for measure in pieces:
            if word in measure.words and len(measure.words) <= 3:
                return measure
        if word == "piece":  # then the food's own noun: "1 avocado, NS as to ..."
            for measure in pieces:
                if stem(measure.base.split(" ", 1)[0]) in head:
                    return measure
    return None


def _measure_list(food: Food) -> str:
    names = [f"1 {m.name} ({m.grams:g} g)" for m in food.measures[:8]]
    return ", ".join(names) if names else "none"


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
        food = get_food(hit.id)
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
            hits = _catalogue().index.search(food_text, limit=MEASURE_SEARCH_DEPTH)
            if not hits or not hits[0].complete:
                continue
            food = get_food(hits[0].id)
            measure = _matching_measure(food, parsed.unit, measure_words)
            if measure is not None:
                return _Choice(food, measure, len(measure_words))
            if unmatched_measure is None:
                unmatched_measure = (food, " ".join(measure_words))
            if same_kind is None and parsed.unit is None and hits[0].subject:
                same_kind = _same_kind_with_measure(hits, measure_words)
    if same_kind is not None:
        return same_kind
    hits = _catalogue().index.search(parsed.rest, limit=SUGGESTIONS)
    if hits and hits[0].complete:
        return _Choice(get_food(hits[0].id), None, 0)
    if unmatched_measure is not None and parsed.unit is None:
        food, text = unmatched_measure
        raise Invalid(
            f"{food.name} has no measure called {text!r}. Use grams or ounces, or one of its "
            f"measures: {_measure_list(food)}.",
            fields={"phrase": f"unknown measure {text!r}"},
        )
    suggestions = [h.name for h in hits]
    hint = f" Did you mean: {'; '.join(suggestions)}?" if suggestions else ""
    raise NotFound(
        f"No food matches {parsed.rest!r}.{hint} Try fewer or simpler words, e.g. 'banana'.",
        fields={"phrase": "no matching food", "suggestions": "; ".join(suggestions)},
        suggestions=[FoodMatch(id=h.id, name=h.name, score=h.score) for h in hits],
    )


def _shown(measure: Measure) -> str:
    """How a measure is named in a lookup: "tbsp" for USDA's "tbsp", else USDA's own name."""
    if measure.unit is not None and measure.name.lower() == measure.base:
        return units.symbol(measure.unit)
    return measure.name


def _weigh(
    food: Food, quantity: float, unit: str | None, measure: Measure | None
) -> tuple[float, str]:
    """Grams of ``quantity`` × unit/measure of ``food``, and the unit as shown."""
    if measure is not None:
        return quantity * measure.grams, _shown(measure)
    if unit is None:
        counted = _count_measure(food)
        if counted is None:
            raise Invalid(
                f"How much {food.name}? Give an amount with a unit (e.g. '100 g'), or one of "
                f"its measures: {_measure_list(food)}.",
                fields={"phrase": "no unit"},
            )
        return quantity * counted.grams, counted.name
    if units.kind_of(unit) == "mass":
        return units.to_grams(quantity, unit), units.symbol(unit)
    same = next((m for m in food.measures if m.unit == unit), None)
    if same is not None:
        return quantity * same.grams, _shown(same)
    by_volume = [m for m in food.measures if m.millilitres]
    if not by_volume:
        raise Invalid(
            f"{food.name} has no volume measure in the USDA data, so "
            f"{_number(quantity)} {units.symbol(unit)} cannot be turned into grams without "
            f"guessing. Give its weight (g or oz) or one of its measures: {_measure_list(food)}.",
            fields={"phrase": "a volume of a food measured by weight or piece"},
        )
    reference = by_volume[0]
    assert reference.millilitres is not None
    grams_per_ml = reference.grams / reference.millilitres
    return units.to_millilitres(quantity, unit) * grams_per_ml, units.symbol(unit)


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
    try:
        parsed = phrases.parse(phrase)
    except phrases.PhraseError as exc:
        raise Invalid(
            f"Cannot read {phrase.strip()!r}: {exc}.", fields={"phrase": str(exc)}
        ) from None
    quantity = 1.0 if parsed.quantity is None else float(parsed.quantity)
    if not math.isfinite(quantity) or quantity <= 0:
        raise Invalid(
            f"{_number(quantity)} is not an amount you can eat or drink; give a positive "
            "amount, e.g. '1 cup' or '100 g'.",
            fields={"phrase": "the amount must be more than zero"},
        )
    choice = _choose(parsed)
    grams, shown_unit = _weigh(choice.food, quantity, parsed.unit, choice.measure)
    if grams > MAX_FOOD_ENTRY_G:
        raise Invalid(
            f"{_number(quantity)} {shown_unit} of {choice.food.name} would be "
            f"{grams / 1000:,.1f} kg; one entry can be at most {MAX_FOOD_ENTRY_G / 1000:g} kg. "
            "Check the amount (or log it as several entries).",
            fields={"phrase": f"more than {MAX_FOOD_ENTRY_G:g} g"},
        )
    return Lookup(
        phrase=parsed.text,
        food=choice.food.ref,
        quantity=quantity,
        unit=shown_unit,
        grams=grams,
        nutrients=choice.food.nutrients_for(grams),
    )


# ---------------------------------------------------------------------------- rich in

RICH_IN_NUTRIENTS = ("magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg", "water_g")
"""Nutrients :func:`rich_in` ranks foods by (the ones a day's gap can be closed in)."""

NOT_AS_EATEN = frozenset(
    {
        "dry",
        "dehydrated",
        "powder",
        "flour",
        "meal",
        "unprepared",
        "concentrate",
        "mix",
        "bran",
        "germ",
        "oil",
        "freeze-dried",
        "sprouted",
        "seasoned",
        "imitation",
        "frozen",
    }
)
"""Name words of foods not eaten as such (flour, powder, dry grains, concentrates) or a
processed variant; such foods are left out of :func:`rich_in`."""

RAW_NOT_EATEN_GROUPS = frozenset({"05", "10", "13", "15", "16", "17", "20"})
"""Groups whose raw forms are not eaten: dry beans, raw meat and fish, uncooked grains."""

MIN_PORTION_G, MAX_PORTION_G = 20.0, 300.0
"""An ordinary portion weighs between a tablespoon of seeds and a large bowl."""

PORTION_LIMITS_G = {
    "cheese": 60.0,
    "cheese, cottage": 250.0,
    "cheese, ricotta": 130.0,
    "nuts": 60.0,
    "seeds": 60.0,
    "peanut": 60.0,
}
"""Largest ordinary portion for foods eaten by the ounce (a cup of diced cheese is not one);
the longest matching name beginning wins."""

MAX_PORTION_KCAL = 250.0
"""An ordinary portion supplies at most about an eighth of a 2,000 kcal day (1 oz of nuts,
2 tbsp of peanut butter, a cup of beans), not a cup of cheese."""

MIN_PORTION_KCAL = 10.0
"""Below this a portion's energy is too small for "per 100 kcal" to mean anything."""


def _is_candidate(food: Food) -> bool:
    lowered = food.name.lower()
    if food.deprecated or not any(
        lowered == p or lowered.startswith((f"{p},", f"{p} (")) for p in vocabulary.EVERYDAY_FOODS
    ):
        return False
    if re.search(r"\b[A-Z][A-Z'&]{2,}\b", food.name):
        return False  # brand names are in capitals
    name_words = set(words(food.name))
    if name_words & NOT_AS_EATEN or " with " in f" {lowered} ":
        return False
    group = food.id.partition(":")[2][:2]
    if group in RAW_NOT_EATEN_GROUPS and name_words & {"raw", "uncooked", "dried", "salted"}:
        return False
    return True


def _base_is(word: str) -> Callable[[Measure], bool]:
    return lambda m: m.base == word


def ordinary_portion(food: Food) -> Measure | None:
    """A portion a person eats at once, as USDA serves it: 1 medium fruit, 3 oz fish, 1 oz nuts,
    2 tbsp peanut butter, 1 cup of cooked beans or greens; None when the food has none.

    It weighs 20-300 g and supplies at most MAX_PORTION_KCAL.
    """
    energy = food.per_100g.energy_kcal

    lowered = food.name.lower()
    limits = [g for prefix, g in PORTION_LIMITS_G.items() if lowered.startswith(prefix)]
    most = limits[-1] if limits else MAX_PORTION_G

    def fits(m: Measure) -> bool:
        grams = m.serving_grams
        if not MIN_PORTION_G <= grams <= most:
            return False
        return energy is None or energy * grams / 100 <= MAX_PORTION_KCAL

    fitting = [m for m in food.measures if fits(m)]
    group = food.id.partition(":")[2][:2]
    preferences: list[Callable[[Measure], bool]] = [
        lambda m: m.amount != 1 and m.base in ("oz", "tbsp"),
        lambda m: group in ("01", "12") and m.base in ("oz", "slice"),
    ]
    preferences += [_base_is(word) for word in ("medium", "fruit", "large", "small")]
    preferences += [
        lambda m: m.unit == "cup",
        lambda m: m.base in COUNT_MEASURE_WORDS or m.base == "oz",
    ]
    for prefer in preferences:
        for measure in fitting:
            if prefer(measure):
                return measure
    return fitting[0] if fitting else None


def _variety_key(food: Food) -> str:
    parts = [" ".join(words(p)) for p in food.name.split(",")]
    generic = {"beans", "nuts", "seeds", "fish", "cheese", "milk", "yogurt", "chicken", "beef"}
    if parts[0] in generic and len(parts) > 1:
        return f"{parts[0]}, {parts[1]}"
    return parts[0]


def rich_in(nutrient: str, *, limit: int = 10, by: str = "both") -> list[RichFood]:
    """Everyday foods that supply the most of ``nutrient`` in an ordinary portion.

    For "close the gap": ``rich_in("magnesium_mg")`` → cooked spinach, pumpkin seeds, beans,
    almonds... Each result gives the portion (one of the food's household measures, e.g.
    "1 cup" or "3 oz"), the nutrient per portion and per 100 kcal. ``by`` ranks by
    ``"portion"`` (most per portion), ``"kcal"`` (most per 100 kcal) or ``"both"`` (the
    product of the two: foods good on both counts; the default). One food per variety (not
    five kinds of boiled spinach); foods not eaten as such (flours, powders, dry beans, raw
    meat), brands, baby foods and dishes are left out.

    Raises:
        Invalid: ``nutrient`` is not one of RICH_IN_NUTRIENTS, or ``by`` is not a ranking.
    """
    if nutrient not in RICH_IN_NUTRIENTS:
        raise Invalid(
            f"Cannot rank foods by {nutrient!r}; choose one of {', '.join(RICH_IN_NUTRIENTS)}.",
            fields={"nutrient": "unknown nutrient"},
        )
    if by not in ("portion", "kcal", "both"):
        raise Invalid(
            f"Cannot rank by {by!r}; choose portion, kcal or both.", fields={"by": "unknown"}
        )
    return _rich_in(nutrient, by)[: max(0, limit)]


@functools.cache
def _rich_in(nutrient: str, by: str) -> list[RichFood]:
    ranked: list[tuple[float, RichFood]] = []
    for food in _catalogue().foods.values():
        if not _is_candidate(food):
            continue
        per_100g, energy_100g = food.per_100g.get(nutrient), food.per_100g.energy_kcal
        portion = ordinary_portion(food) if per_100g else None
        if portion is None or per_100g is None:
            continue
        grams = portion.serving_grams
        amount = per_100g * grams / 100
        energy = None if energy_100g is None else energy_100g * grams / 100
        per_kcal = None if not energy or energy < MIN_PORTION_KCAL else amount / energy * 100
        if by == "portion":
            key = amount
        elif per_kcal is None:
            continue
        else:
            key = per_kcal if by == "kcal" else amount * per_kcal
        ranked.append(
            (
                key,
                RichFood(
                    food=food.ref,
                    nutrient=nutrient,
                    portion=portion.serving,
                    portion_grams=round(grams, 1),
                    amount=round(amount, 1),
                    energy_kcal=None if energy is None else round(energy, 1),
                    per_100kcal=None if per_kcal is None else round(per_kcal, 1),
                ),
            )
        )
    ranked.sort(key=lambda pair: (-pair[0], pair[1].food.name))
    seen: set[str] = set()
    result: list[RichFood] = []
    for _, rich in ranked:
        variety = _variety_key(get_food(rich.food.id))
        if variety not in seen:
            seen.add(variety)
            result.append(rich)
    return result

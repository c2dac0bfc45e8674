"""The food database as records: foods, their household measures, and the search index.

The database is a read-only SQLite file inside the package (``foods/data/foods.sqlite3``, built
by ``scripts/build_food_db.py`` from USDA SR24; see docs/data-sources.md). It is not the app's
database and needs no session: it is opened once per process, read into memory, and every call
here is a pure, thread-safe read. Food ids look like ``"usda:09040"``.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nightcramps import units
from nightcramps.errors import NotFound
from nightcramps.foods import phrases, vocabulary
from nightcramps.foods.amounts import NUTRIENTS, NutrientAmounts
from nightcramps.foods.schemas import FoodMatch, FoodPublic, FoodRef, MeasurePublic
from nightcramps.foods.search import Hit, SearchIndex, subject_words, words

DATA_FILE = Path(__file__).parent / "data" / "foods.sqlite3"
SOURCE_LABELS = {"usda": "USDA SR24"}
"""How each source is named to people (``food.source`` in lookups)."""


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
    stated_ml: float | None = None  # a volume the name states of the food: "serving 1/2 cup"
    named_ml: float | None = None  # the fl oz the name states: "packet (6 fl oz prepared)"

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
        one of the food as it is ("serving 1/2 cup", "can 12 fl oz"): what weighs by volume."""
        if self.unit is None or units.kind_of(self.unit) != "volume":
            return self.stated_ml
        return units.to_millilitres(1.0, self.unit)

    @property
    def drunk_ml(self) -> float | None:
        """The volume one of this measure holds as drunk: its :attr:`millilitres`, else the
        fluid ounces its name states, even of the food made up ("packet (6 fl oz prepared)")."""
        millilitres = self.millilitres
        return millilitres if millilitres else self.named_ml


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


def _stated_volumes(name: str) -> list[tuple[str, float | None]]:
    """Each volume a measure's name states, in order, as (pint unit, millilitres): "can
    (6.8 fl oz, 200 ml)" → [("fluid_ounce", 201.1), ("milliliter", 200.0)]; millilitres None
    for one whose number cannot be read or is not positive."""
    volumes: list[tuple[str, float | None]] = []
    for number, word in _STATED_VOLUME.findall(name.lower()):
        unit = units.unit_for(word.replace(".", "")) or word
        try:
            value = phrases.parse_number(number)
        except phrases.PhraseError:
            value = 0.0
        ok = unit in units.SYMBOLS and units.kind_of(unit) == "volume" and value > 0
        volumes.append((unit, units.to_millilitres(value, unit) if ok else None))
    return volumes


def _stated_ml(name: str, volumes: list[tuple[str, float | None]]) -> float | None:
    """The volume one of a measure holds of the food as it is, as its name states it ("serving
    1/2 cup" → 118.3, "can 12 fl oz" → 354.9); None when it states none, more than one, or the
    volume of something else ("amount of dry mix to make 8 fl oz prepared")."""
    if set(re.findall(r"[a-z]+", name.lower())) & vocabulary.NOT_THIS_FOOD:
        return None
    return volumes[0][1] if len(volumes) == 1 else None


def _named_ml(volumes: list[tuple[str, float | None]]) -> float | None:
    """The container's volume as USDA labels drinks, in fluid ounces ("can (6.8 fl oz, 200 ml)",
    "packet (6 fl oz prepared)", "ice cube (3/4 fl oz)"): the first one stated. Other volumes
    in a name are of something else ("cup, fluid (yields 2 cups whipped)", "fl oz 1 pouch,
    200 ml", where the measure is one fluid ounce)."""
    return next((ml for unit, ml in volumes if unit == "fluid_ounce" and ml), None)


def _measure(name: str, amount: float, grams: float) -> Measure:
    lowered = name.lower()
    outside = lowered.split("(", 1)[0]
    base = outside.split(",", 1)[0].strip()
    unit = units.unit_for(base)
    if unit is None:
        first = base.split(" ", 1)[0]
        unit = units.unit_for(first) if first not in ("c", "l", "g") else None
    if unit is not None and set(re.findall(r"[a-z]+", lowered)) & vocabulary.NOT_THIS_FOOD:
        unit = None  # "cup, dry, yields": a cup of the dry food, weighed cooked
    volumes = _stated_volumes(name)
    stated = _stated_ml(name, volumes)
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
        named_ml=_named_ml(volumes),
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


def provenance() -> dict[str, str]:
    """Where the database came from: source, URL, licence, counts, the source file's SHA-256."""
    return dict(_catalogue().meta)


def all_foods() -> Iterator[Food]:
    """Every food of the database, in id order (deprecated ones included)."""
    return iter(_catalogue().foods.values())


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
    return [FoodMatch(id=h.id, name=h.name, score=h.score) for h in hits(query, limit)]


def hits(query: str, limit: int) -> list[Hit]:
    """The search index's ranked hits for ``query`` (with whether each is complete and names
    the food's subject), at most ``limit``."""
    return _catalogue().index.search(query, limit=limit)

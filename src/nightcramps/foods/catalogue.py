"""The food database as records: foods, their household measures, and the search index.

The database is a read-only SQLite file inside the package (``foods/data/foods.sqlite3``, built
by ``scripts/build_food_db.py`` from USDA FNDDS 2021-2023 and SR28; see docs/data-sources.md and
docs/foods.md). It is not the app's database and needs no session: it is opened once per process,
each food and each word of the search index the build stored is read the first time it is
needed (a command that looks up one phrase reads a few hundred foods, not 14,000), and every
call here is a pure, thread-safe read. Food ids look like
``"usda:09040"`` (an SR28 food, by its NDB number) or ``"fndds:63107010"`` (a survey food, by its
FNDDS food code).
"""

from __future__ import annotations

import functools
import re
import sqlite3
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nightcramps import units
from nightcramps.errors import NotFound
from nightcramps.foods import phrases, vocabulary
from nightcramps.foods.amounts import NUTRIENTS, NutrientAmounts
from nightcramps.foods.schemas import FoodMatch, FoodPublic, FoodRef, MeasurePublic
from nightcramps.foods.search import Hit, Indexed, SearchIndex, subject_words, words

DATA_FILE = Path(__file__).parent / "data" / "foods.sqlite3"
SOURCE_LABELS = {"fndds-2021-2023": "USDA FNDDS 2021-2023", "sr28": "USDA SR28"}
"""How each source table is named to people (``food.source`` in lookups)."""

SURVEY_TABLE = "fndds-2021-2023"
"""The ``table`` of survey foods: foods as people eat them (FNDDS)."""

DRINK_CATEGORIES = frozenset(
    {"1002", "1004", "1006", "1008", "1202", "1204", "1206", "1208", "1402"}
    | {"7002", "7004", "7006", "7008", "7102", "7104", "7106", "7202", "7204", "7206", "7208"}
    | {"7220", "7302", "7304", "7502", "7504", "7506", "7702", "7704", "7802", "7804"}
    | {"9202", "9204", "9402", "9404", "9602"}
)
"""WWEIA food categories of drinks (milks, flavoured milks and shakes, juices, soft, sport and
diet drinks, smoothies, coffee, tea, beer, wine, liquor, waters, baby juice and water, formula,
human milk), from the WWEIA category list of FNDDS 2021-2023 (USDA ARS Food Surveys Research
Group, 2024)."""


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
    default: bool = False  # FNDDS "Quantity not specified": the portion for a bare "a coffee"
    source: str = (
        ""  # for a household measure the food lacks (vocabulary.HOUSEHOLD): its size's source
    )

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
    """A food: its name, nutrients per 100 g (``None`` = unknown) and household measures.

    ``source`` is the table's name for people ("USDA FNDDS 2021-2023"); ``table`` the table
    itself (``"fndds-2021-2023"``: foods as eaten in the survey, or ``"sr28"``: Standard
    Reference, mostly ingredients), for search to rank by. ``category_code``/``category`` are the
    food's WWEIA category ("7302", "Coffee") or SR food group ("1400", "Beverages");
    ``synonyms`` are FNDDS's other names for it ("Additional food description": "latte",
    "cafe con leche"), ``common_name`` SR's ComName (may be empty). ``deprecated`` is always
    False now (SR24's "deprecated" list has no counterpart in SR28 or FNDDS).
    """

    id: str
    name: str
    source: str
    per_100g: NutrientAmounts
    measures: tuple[Measure, ...]
    deprecated: bool = False
    table: str = ""
    category_code: str = ""
    category: str = ""
    synonyms: tuple[str, ...] = ()
    common_name: str = ""

    @property
    def survey(self) -> bool:
        """Whether this is a survey food (FNDDS: as people eat it) rather than an SR28 one."""
        return self.table == SURVEY_TABLE

    @property
    def default_measure(self) -> Measure | None:
        """The survey's portion when no amount is said (FNDDS "Quantity not specified"), if any."""
        return next((m for m in self.measures if m.default), None)

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
    stated = {ml for _, ml in volumes}
    return stated.pop() if len(stated) == 1 else None  # "cup 12 fl oz 12 fl oz" states one


def _named_ml(volumes: list[tuple[str, float | None]]) -> float | None:
    """The container's volume as USDA labels drinks, in fluid ounces ("can (6.8 fl oz, 200 ml)",
    "packet (6 fl oz prepared)", "ice cube (3/4 fl oz)"): the first one stated. Other volumes
    in a name are of something else ("cup, fluid (yields 2 cups whipped)", "fl oz 1 pouch,
    200 ml", where the measure is one fluid ounce)."""
    return next((ml for unit, ml in volumes if unit == "fluid_ounce" and ml), None)


def _measure(name: str, amount: float, grams: float, default: bool = False) -> Measure:
    """One measure row as read: its name's reading is shared by every row with the same name and
    amount (37,000 rows have about 3,100 of them), so only grams and the default mark differ."""
    shape = _measure_shape(name, amount)
    return Measure(
        name=name,
        grams=grams / amount,
        unit=shape.unit,
        amount=amount,
        base=shape.base,
        words=shape.words,
        stated_ml=shape.stated_ml,
        named_ml=shape.named_ml,
        default=default,
    )


@functools.cache
def _measure_shape(name: str, amount: float) -> Measure:
    """What a measure's name and amount say (unit, base, words, stated volumes), as a Measure
    of 1 g per one."""
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
        grams=1.0,
        unit=unit,
        amount=amount,
        base=base,
        words=frozenset(words(outside)),
        stated_ml=stated,
        named_ml=_named_ml(volumes),
    )


_COLUMNS = "id, name, source, category_code, category, synonyms, common_name, " + ", ".join(
    NUTRIENTS
)


@functools.cache
def _connection() -> sqlite3.Connection:
    """The food database, opened read-only once per process."""
    if not DATA_FILE.exists():
        raise RuntimeError(
            f"The food database {DATA_FILE} is missing; rebuild it with scripts/build_food_db.py"
        )
    uri = f"file:{DATA_FILE}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _food(row: tuple[object, ...], measures: list[Measure]) -> Food:
    food_id, name, table, code, category, synonyms, common_name, *values = row
    assert isinstance(food_id, str) and isinstance(name, str) and isinstance(table, str)
    assert isinstance(synonyms, str) and isinstance(common_name, str)
    return Food(
        id=food_id,
        name=name,
        source=SOURCE_LABELS.get(table, table),
        per_100g=NutrientAmounts.of(**dict(zip(NUTRIENTS, values, strict=True))),  # type: ignore[arg-type]
        measures=tuple(measures),
        table=table,
        category_code=str(code),
        category=str(category),
        synonyms=tuple(s.strip() for s in synonyms.split(";") if s.strip()),
        common_name=common_name,
    )


@functools.cache
def _one(food_id: str) -> Food | None:
    """One food read from the database (each once per process)."""
    con = _connection()
    row = con.execute(f"SELECT {_COLUMNS} FROM foods WHERE id = ?", (food_id,)).fetchone()
    if row is None:
        return None
    measures = [
        _measure(name, amount, grams, bool(default))
        for amount, name, grams, default in con.execute(
            "SELECT amount, name, grams, is_default FROM measures WHERE food_id = ? ORDER BY seq",
            (food_id,),
        )
    ]
    return _food(row, measures)


@functools.cache
def _all() -> dict[str, Food]:
    """Every food, read at once (for the lists that go through them all)."""
    con = _connection()
    measures: dict[str, list[Measure]] = {}
    for food_id, amount, name, grams, default in con.execute(
        "SELECT food_id, amount, name, grams, is_default FROM measures ORDER BY food_id, seq"
    ):
        measures.setdefault(food_id, []).append(_measure(name, amount, grams, bool(default)))
    return {
        row[0]: _food(row, measures.get(row[0], []))
        for row in con.execute(f"SELECT {_COLUMNS} FROM foods ORDER BY id")
    }


@functools.cache
def _ids() -> tuple[str, ...]:
    return tuple(row[0] for row in _connection().execute("SELECT id FROM foods ORDER BY id"))


def _indexed(food: Food) -> Indexed:
    return Indexed(
        food.id,
        food.name,
        measures=len(food.measures),
        survey=food.survey,
        synonyms=(*food.synonyms, *([food.common_name] if food.common_name else [])),
        category_code=food.category_code,
    )


def _read_positions(word: str) -> set[int]:
    (blob,) = (
        _connection().execute("SELECT foods FROM search_words WHERE word = ?", (word,)).fetchone()
    )
    positions = array("H")
    positions.frombytes(blob)
    if sys.byteorder == "big":  # the build writes little-endian
        positions.byteswap()
    return set(positions)


@functools.cache
def _index() -> SearchIndex:
    """The search index the build stored: the words with their counts now, the foods each is
    in and the foods themselves when a query first needs them."""
    counts = dict(
        _connection().execute("SELECT word, length(foods) / 2 FROM search_words").fetchall()
    )
    ids = _ids()

    def food_at(position: int) -> Indexed:
        food = _one(ids[position])
        assert food is not None
        return _indexed(food)

    return SearchIndex.stored(counts, _read_positions, ids, food_at)


def memory_index() -> SearchIndex:
    """The same index made in memory from every food (what the stored one must equal: the
    tests compare them, so a change to search's words that the database lacks fails)."""
    return SearchIndex(_indexed(food) for food in _all().values())


def warm_up() -> None:
    """Read the database and make every food's search entry now rather than on the first
    requests (a server's start)."""
    index = _index()
    for position in range(len(index.entries)):
        index.entries[position]


@functools.cache
def measure_words() -> frozenset[str]:
    """Every word (stemmed) of any food's household measures, and of the household measures of
    the vocabulary: what a phrase's measure words can be ("2 *medium* eggs", "cantaloupe
    *cubes*"); a word outside it is a food word."""
    found = {
        w
        for (name,) in _connection().execute("SELECT DISTINCT name FROM measures")
        for w in words(name)
    }
    found |= {w for size in vocabulary.HOUSEHOLD for w in words(size.words)}
    found |= {
        w
        for word in vocabulary.HOUSEHOLD_WORDS | vocabulary.MEASURE_SYNONYMS.keys()
        for w in words(word)
    }
    return frozenset(found)


def provenance() -> dict[str, str]:
    """Where the database came from: source, URL, licence, counts, the source file's SHA-256."""
    return dict(_connection().execute("SELECT key, value FROM meta").fetchall())


def all_foods() -> Iterator[Food]:
    """Every food of the database, in id order (``fndds:`` survey foods, then ``usda:``)."""
    return iter(_all().values())


def get_food(food_id: str) -> Food:
    """The food with this id (``"usda:09040"``): name, nutrients per 100 g, measures.

    Raises:
        NotFound: no such food.
    """
    food = _one(food_id.strip())
    if food is None:
        raise NotFound(
            f"There is no food {food_id!r}; food ids look like 'usda:09040' (search to find one).",
            fields={"food_id": "unknown food"},
        )
    return food


def is_drink(food: Food) -> bool:
    """Whether ``food`` is drunk (a beverage or another liquid taken as a drink): SR's
    Beverages group or a WWEIA drink category (DRINK_CATEGORIES), or a food whose subject is a
    drink (milk, juice, soup, coffee, tea, water, smoothie; vocabulary.DRINK_WORDS) or that USDA
    calls "fluid"; never a dry form (powder, mix) that is not "prepared". Bananas, bread and
    yogurt are not drinks."""
    name_words = set(words(food.name))
    if name_words & vocabulary.DRY_FORM_WORDS and "prepared" not in name_words:
        return False
    if food.survey:
        if food.category_code in DRINK_CATEGORIES:
            return True
    elif food.category_code[:2] == vocabulary.BEVERAGE_GROUP:
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
    return list(_hits(query, limit))


@functools.lru_cache(maxsize=4096)
def _hits(query: str, limit: int) -> tuple[Hit, ...]:
    # a lookup searches the same words several ways, and people log the same foods every day
    return tuple(_index().search(query, limit=limit))

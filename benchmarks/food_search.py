"""Food search and lookup latency, in-process, against the naive alternative (SQL LIKE).

Queries: about 100 everyday foods typed by hand, plus for each a plural/singular swap, a typo
(two letters swapped), an unfinished word (type-ahead) and the words in reverse order: a few
hundred queries of the kinds people type. The naive alternative is what a developer would write
first: ``name LIKE '%word%'`` for every word, shortest name first, on the same SQLite file.
"""

from __future__ import annotations

import csv
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from tests.foods.test_search import EVERYDAY_TOP_RESULTS

from nightcramps.errors import NightcrampsError
from nightcramps.foods import catalogue
from nightcramps.foods import service as foods_service

BASE_QUERIES = """
banana apple orange avocado strawberries blueberries grapes watermelon cantaloupe peach pear
pineapple raisins dates prunes kiwi mango lemon lime cherries
spinach kale broccoli carrots tomato potato sweet potato onion garlic lettuce cucumber celery
mushrooms peppers corn peas green beans cabbage cauliflower zucchini asparagus beets
milk whole milk skim milk yogurt plain yogurt yoghurt greek yogurt cheddar cheese mozzarella
cottage cheese butter egg eggs scrambled egg cream cheese ice cream
chicken breast ground beef steak pork chop bacon ham turkey salmon tuna halibut cod shrimp
sardines
bread white bread whole wheat bread bagel rice brown rice pasta spaghetti oatmeal oats quinoa
cereal tortilla crackers
black beans kidney beans chickpeas garbanzo lentils tofu peanut butter almonds walnuts cashews
peanuts pumpkin seeds sunflower seeds
coffee tea orange juice oj apple juice cola beer red wine water coconut water sports drink
soy milk hot chocolate
milk chocolate dark chocolate honey sugar salt olive oil
peanut butter smooth chicken noodle soup pizza hamburger french fries potato chips
""".split("\n")

Search = Callable[[str], list[str]]


def base_queries() -> list[str]:
    words = " ".join(BASE_QUERIES).split()
    # keep the two-word foods together
    pairs = {
        "sweet potato",
        "green beans",
        "whole milk",
        "skim milk",
        "plain yogurt",
        "greek yogurt",
        "cheddar cheese",
        "cottage cheese",
        "scrambled egg",
        "cream cheese",
        "ice cream",
        "chicken breast",
        "ground beef",
        "pork chop",
        "white bread",
        "whole wheat bread",
        "brown rice",
        "black beans",
        "kidney beans",
        "peanut butter",
        "pumpkin seeds",
        "sunflower seeds",
        "orange juice",
        "apple juice",
        "red wine",
        "coconut water",
        "sports drink",
        "soy milk",
        "hot chocolate",
        "milk chocolate",
        "dark chocolate",
        "olive oil",
        "peanut butter smooth",
        "chicken noodle soup",
        "french fries",
        "potato chips",
    }
    result: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            phrase = " ".join(words[i : i + size])
            if size == 1 or phrase in pairs:
                result.append(phrase)
                i += size
                break
    return list(dict.fromkeys(result))


def variants(query: str) -> list[str]:
    """The query as typed, plural swapped, with a typo, half-typed, and reversed."""
    last = query.split()[-1]
    plural = query[:-1] if last.endswith("s") else query + "s"
    middle = len(query) // 2
    typo = query[: middle - 1] + query[middle] + query[middle - 1] + query[middle + 1 :]
    prefix = query[: max(3, len(query) * 2 // 3)]
    reverse = " ".join(reversed(query.split()))
    return list(dict.fromkeys([query, plural, typo, prefix, reverse]))


def all_queries() -> list[str]:
    return [v for q in base_queries() for v in variants(q)]


def ours(query: str) -> list[str]:
    return [m.name for m in foods_service.search(query, limit=10)]


def naive(connection: sqlite3.Connection) -> Search:
    def run(query: str) -> list[str]:
        words = query.lower().split()
        where = " AND ".join("lower(name) LIKE ?" for _ in words) or "1"
        sql = f"SELECT name FROM foods WHERE {where} ORDER BY length(name) LIMIT 10"
        return [row[0] for row in connection.execute(sql, [f"%{w}%" for w in words])]

    return run


def timings(search: Search, queries: list[str], rounds: int = 3) -> list[float]:
    samples: list[float] = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            search(query)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100)
    return (
        f"p50 {cuts[49]:.2f} ms, p95 {cuts[94]:.2f} ms, p99 {cuts[98]:.2f} ms, "
        f"max {max(samples):.2f} ms"
    )


LABELLED = EVERYDAY_TOP_RESULTS
"""Everyday words with the food a person means: the labels tests/foods/test_search.py holds
search to, so they cannot go stale here (the naive LIKE query is the comparison)."""


def main() -> None:
    start = time.perf_counter()
    foods_service.warm_up()
    print(
        f"Loading the food database and search index (once per process): "
        f"{(time.perf_counter() - start) * 1000:.0f} ms\n"
    )
    queries = all_queries()
    connection = sqlite3.connect(f"file:{foods_service.DATA_FILE}?mode=ro", uri=True)
    like = naive(connection)
    ours("warm up")
    like("warm up")
    print(f"{len(queries)} queries, 3 rounds each:")
    print(f"- search():      {percentiles(timings(ours, queries))}")
    print(f"- SQL LIKE:      {percentiles(timings(like, queries))}")
    found_ours = sum(bool(ours(q)) for q in queries) / len(queries)
    found_like = sum(bool(like(q)) for q in queries) / len(queries)
    print(f"- queries with any result: search() {found_ours:.0%}, SQL LIKE {found_like:.0%}")
    top_ours = sum(ours(q)[:1] == [n] for q, n in LABELLED.items())
    top_like = sum(like(q)[:1] == [n] for q, n in LABELLED.items())
    print(
        f"- intended food first, {len(LABELLED)} labelled queries: search() {top_ours}, "
        f"SQL LIKE {top_like}"
    )
    phrases_csv = Path(__file__).resolve().parents[1] / "tests/foods/data/phrases.csv"
    with phrases_csv.open(encoding="utf-8") as handle:
        phrases = [row["phrase"] for row in csv.DictReader(handle)]

    def lookup(phrase: str) -> list[str]:
        try:
            return [foods_service.lookup(phrase).food.name]
        except NightcrampsError:  # a refusal is timed too: it searches as much
            return []

    everyday_csv = phrases_csv.with_name("everyday.csv")
    with everyday_csv.open(encoding="utf-8") as handle:
        phrases += [row["phrase"] for row in csv.DictReader(handle)]
    print(f"\n{len(phrases)} lookup phrases (tests/foods/data/phrases.csv, everyday.csv):")
    catalogue._hits.cache_clear()  # the first round is each phrase's first lookup
    print(f"- lookup(), first time: {percentiles(timings(lookup, phrases, rounds=1))}")
    print(f"- lookup(), again:      {percentiles(timings(lookup, phrases, rounds=2))}")
    connection.close()


if __name__ == "__main__":
    main()

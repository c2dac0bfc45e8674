"""The search index stored in the food database is the one search would make from the foods."""

from __future__ import annotations

from pathlib import Path

import pytest

from nightcramps.foods import catalogue, search
from tests.foods.test_accuracy_everyday import load

QUERIES = sorted(
    {row["phrase"] for row in load()}
    | {row["phrase"] for row in load(Path(__file__).parent / "data" / "phrases.csv")}
    | {"milk", "bananna", "banan", "bok choy", "nori", "crab rangoon", "rum and cola"}
)


@pytest.fixture(scope="module")
def in_memory() -> search.SearchIndex:
    return catalogue.memory_index()


def test_every_word_is_stored_with_the_foods_it_is_in(in_memory: search.SearchIndex) -> None:
    """A change to how search reads names (words, stems, other names) that the built database
    lacks fails here: rebuild it with scripts/build_food_db.py."""
    stored = catalogue._index()
    assert set(stored.postings) == set(in_memory.postings)
    for word in ("banana", "milk", "lowfat", "choy", "nfs"):
        assert stored.postings[word] == in_memory.postings[word], word


@pytest.mark.slow
def test_all_postings_are_equal(in_memory: search.SearchIndex) -> None:
    stored = catalogue._index()
    assert all(stored.postings[word] == ids for word, ids in in_memory.postings.items())


def test_the_stored_index_ranks_as_the_one_made_in_memory(in_memory: search.SearchIndex) -> None:
    stored = catalogue._index()
    for query in QUERIES:
        assert stored.search(query) == in_memory.search(query), query

"""Ranked food search over the real database."""

from __future__ import annotations

import pytest

from nightcramps.foods import search, vocabulary
from nightcramps.foods import service as foods_service


def first(query: str) -> str:
    matches = foods_service.search(query, limit=5)
    assert matches, f"nothing found for {query!r}"
    return matches[0].name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("banana", "Banana, raw"),
        ("bananas", "Banana, raw"),
        ("bananna", "Banana, raw"),  # typo
        ("banan", "Banana, raw"),  # still typing
        ("oj", "Orange juice, 100%, NFS"),
        ("orange juice", "Orange juice, 100%, NFS"),
        ("juice orange", "Orange juice, 100%, NFS"),  # word order
        ("yoghurt", "Yogurt, NFS"),
        ("peanut butter smooth", "Peanut butter, smooth style, with salt"),
        ("smooth peanut butter", "Peanut butter, smooth style, with salt"),
        ("milk chocolate", "Candies, milk chocolate"),
        ("spinach", "Spinach, fresh, cooked, no added fat"),  # vegetables cooked unless said raw
        ("spinach boiled", "Spinach, cooked, boiled, drained, without salt"),
        ("apple", "Apple, raw"),
        ("egg", "Egg, whole, raw"),
        ("water", "Water, tap"),
        ("coffee", "Coffee, brewed"),
        ("avocado", "Avocado, raw"),
        ("broccoli", "Broccoli, fresh, cooked, no added fat"),
        ("strawberries", "Strawberries, raw"),
        ("potatoes", "Potato, NFS"),
        ("tomatos", "Tomatoes, raw"),
        ("cheddar", "Cheese, Cheddar"),
        ("almonds", "Almonds, NFS"),
        ("halibut cooked", "Fish, halibut, Atlantic and Pacific, cooked, dry heat"),
        ("low fat plain yogurt", "Yogurt, low fat milk, plain"),
    ],
)
def test_ranking_examples(query: str, expected: str) -> None:
    """Everyday queries put the plain, common food first."""
    assert first(query) == expected


def test_garbanzo_finds_chickpeas() -> None:
    """An everyday synonym finds USDA's name for it."""
    assert first("garbanzo") == "Chickpeas, NFS"
    assert first("garbanzo beans") == "Chickpeas, NFS"


def test_scores_are_ordered_and_between_zero_and_one() -> None:
    """Scores fall from the first result on and stay within 0-1."""
    matches = foods_service.search("milk", limit=20)
    assert len(matches) == 20
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


def test_plain_forms_beat_processed_ones() -> None:
    """ "banana" ranks the raw banana above banana chips and baby food."""
    names = [m.name for m in foods_service.search("banana", limit=10)]
    assert names.index("Banana, raw") < names.index("Banana chips")
    assert not names[0].startswith("Babyfood")


def test_limit_and_empty_queries() -> None:
    """The limit is honoured; empty, filler-only and nonsense queries give no results."""
    assert len(foods_service.search("cheese", limit=3)) == 3
    assert foods_service.search("") == []
    assert foods_service.search("   ") == []
    assert foods_service.search("of the") == []
    assert foods_service.search("qwxzqwxz") == []
    assert foods_service.search("banana", limit=0) == []


def test_common_foods_table_names_real_foods() -> None:
    """Every hand-picked common food id exists in the database."""
    for food_id in vocabulary.COMMON_FOODS:
        foods_service.get_food(food_id)


def test_synonyms_lead_somewhere() -> None:
    """Every synonym's replacement finds at least one food."""
    for typed, replacement in vocabulary.SYNONYMS.items():
        assert foods_service.search(replacement, limit=1), f"{typed!r} → {replacement!r}"


# ------------------------------------------------------------------ everyday words (audit, #3)

EVERYDAY_TOP_RESULTS = {
    "chicken": "Chicken, NS as to part and cooking method, NS as to skin eaten",
    "rice": "Rice, white, cooked, no added fat",
    "bread": "Bread, NS as to major flour",
    "egg": "Egg, whole, raw",
    "cheese": "Cheese, NFS",
    "coffee": "Coffee, brewed",
    "tea": "Tea, hot, leaf, black",
    "beer": "Beer",
    "wine": "Wine, red",  # FNDDS files wine of no stated colour as red
    "potato": "Potato, NFS",
    "salmon": "Fish, salmon, baked or broiled",
    "tuna": "Fish, tuna, canned",
    "apple": "Apple, raw",
    "orange": "Orange, raw",
    "steak": "Steak, NS as to type of meat, NS as to fat eaten",
    "pizza": "Pizza, cheese, from restaurant or fast food, NS as to type of crust",
    "hamburger": "Hamburger, NFS",
    "burger": "Hamburger, NFS",
    "cheeseburger": "Cheeseburger, NFS",
    "hot dog": "Hot dog, NFS",
    "bacon": "Bacon, NS as to type of meat, cooked",
    "pork": "Pork, NFS",
    "sausage": "Sausage, NFS",
    "ham": "Ham",
    "turkey": "Turkey, NFS",
    "pasta": "Pasta, cooked",
    "spaghetti": "Pasta, cooked",  # FNDDS: "macaroni, spaghetti, any shape of pasta"
    "soup": "Soup, NFS",
    "cereal": "Cereal, cooked, NFS",
    "oatmeal": "Oatmeal, NFS",
    "yogurt": "Yogurt, NFS",
    "milk": "Milk, NFS",
    "butter": "Butter, NFS",
    "peanuts": "Peanuts, NFS",
    "almonds": "Almonds, NFS",
    "avocado": "Avocado, raw",
    "tomato": "Tomatoes, raw",
    "lettuce": "Lettuce, raw",
    "broccoli": "Broccoli, fresh, cooked, no added fat",
    "carrots": "Carrots, raw",
    "beans": "Beans, NFS",
    "lentils": "Lentils, NFS",
    "tofu": "Soybean curd",  # FNDDS's name; its other names include tofu
    "shrimp": "Shrimp, NFS",
    "cod": "Fish, cod, baked or broiled",  # not the "Cape Cod" cocktail
    "sandwich": "Sandwich, NFS",
    "fries": "Potato, french fries, NFS",
    "french fries": "Potato, french fries, NFS",
    "chips": "Potato chips, NFS",
    "potato chips": "Potato chips, NFS",
    "cookie": "Cookie, NFS",
    "cake": "Cake or cupcake, NFS",
    "ice cream": "Ice cream, NFS",
    "chocolate": "Chocolate candy",
    "juice": "Fruit juice, NFS",
    "soda": "Soft drink, NFS",
    "cola": "Soft drink, cola",
    "water": "Water, tap",
    "sports drink": "Sports drink, NFS",
    "crackers": "Crackers, NFS",
    "bagel": "Bagel",
    "muffin": "Muffin, NFS",
    "pancake": "Pancakes, plain",
    "waffle": "Waffle, plain",
    "donut": "Doughnut, NFS",
    "popcorn": "Popcorn, NFS",
    "pretzels": "Pretzels, NFS",
    "lemonade": "Lemonade, fruit juice drink",
    "ketchup": "Ketchup",
    "mayonnaise": "Mayonnaise, regular",
    "mashed potatoes": "Potato, mashed, NFS",
    "sour cream": "Sour cream, regular",
    "cream": "Cream, fluid, light (coffee cream or table cream)",
    "plum": "Plum, raw",
    "lemon": "Lemon, raw",
    "whiskey": "Whiskey",
    "banana chips": "Banana chips",
}
"""What a person means by an everyday word typed alone: a plain food, never a sauce, relish or
substitute that only has the word as a qualifier."""


@pytest.mark.parametrize(("query", "expected"), sorted(EVERYDAY_TOP_RESULTS.items()))
def test_everyday_words_put_the_plain_food_first(query: str, expected: str) -> None:
    """An everyday word or short phrase typed alone finds the plain, common food first."""
    assert first(query) == expected


@pytest.mark.parametrize(
    ("query", "not_first"),
    [
        ("steak", "Sauce, steak, tomato based"),
        ("pizza", "Sauce, pizza, canned, ready-to-serve"),
        ("hamburger", "Pickle relish, hamburger"),
        ("hot dog", "Pickle relish, hot dog"),
        ("bacon", "Bacon, meatless"),
        ("sausage", "Sausage, meatless"),
        ("pork", "Pork, fresh, backfat, raw"),
        ("mayonnaise", "Mayonnaise, made with tofu"),
    ],
)
def test_a_word_that_only_qualifies_another_food_does_not_win(query: str, not_first: str) -> None:
    """The audit's wrong first results (a sauce, a relish, a substitute) are no longer first."""
    names = [m.name for m in foods_service.search(query, limit=10)]
    assert names[0] != not_first
    if not_first in names:
        assert names.index(not_first) > 0


def test_subject_words_name_what_the_food_is() -> None:
    """The main subject is the first part's last word, and the second part's after a category."""
    assert search.subject_words("Sauce, steak, tomato based") == {"sauce"}
    assert search.subject_words("Pickle relish, hamburger") == {"relish"}
    assert search.subject_words("Turkey bacon, cooked") == {"bacon"}
    assert search.subject_words("Fish, salmon, Atlantic, farmed") == {"fish", "salmon"}
    assert search.subject_words("Fast foods, hamburger; single, regular patty; plain") == {
        "food",
        "hamburger",
    }
    assert search.subject_words("Nuts, coconut water (liquid from coconuts)") == {"nut", "water"}


def test_the_food_itself_beats_one_the_word_only_qualifies() -> None:
    """Between two otherwise alike foods, the one whose subject the word is ranks first."""
    index = search.SearchIndex(
        [
            ("x:1", "Sauce, steak, tomato based", False, 1),
            ("x:2", "Steak, grilled", False, 1),
        ]
    )
    assert [h.id for h in index.search("steak")] == ["x:2", "x:1"]
    assert index.search("steak")[0].subject and not index.search("steak")[1].subject


def test_substitutes_rank_below_the_real_food_unless_asked_for() -> None:
    """ "Bacon, meatless" is not what "bacon" means, but is what "meatless bacon" means."""
    index = search.SearchIndex(
        [("x:1", "Bacon, meatless", False, 1), ("x:2", "Bacon, cooked, pan-fried", False, 1)]
    )
    assert index.search("bacon")[0].id == "x:2"
    assert index.search("meatless bacon")[0].id == "x:1"
    assert first("meatless bacon") == "Bacon, meatless"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("banana chips", "Banana chips"),  # not "banana potato chips"
        ("root beer", "Soft drink, root beer"),  # not "root beer regular"
        ("french toast", "French toast, NFS"),  # not "french bread toasted"
        ("oatmeal cookies", "Cookie, oatmeal"),
        ("chips", "Potato chips, NFS"),  # the whole query: synonym applies
        ("low fat yoghurt", "Yogurt, low fat milk, plain"),
    ],
)
def test_synonyms_apply_only_when_the_words_name_no_food(query: str, expected: str) -> None:
    """A synonym rewrites a query that is exactly its phrase, or whose words find no food as
    typed; words that already name a food together are left alone."""
    assert first(query) == expected


def test_synonym_rule_is_the_index_rule() -> None:
    """The rule on a toy index: "chips" alone is rewritten, "banana chips" is not."""
    index = search.SearchIndex(
        [
            ("x:1", "Snacks, banana chips", False, 1),
            ("x:2", "Snacks, potato chips, plain", False, 1),
        ]
    )
    assert index.query_words("chips") == ["potato", "chip"]
    assert index.query_words("banana chips") == ["banana", "chip"]
    assert index.search("banana chips")[0].id == "x:1"


def test_default_foods_table_names_real_foods() -> None:
    """Every word's default food exists and is found by the word(s) it is the default for, in
    its name or its other names ("tofu" is FNDDS's "Soybean curd", also called tofu)."""
    for phrase, food_id in vocabulary.DEFAULT_FOODS.items():
        food = foods_service.get_food(food_id)
        found_by = search.index_words(food.name, (*food.synonyms, food.common_name))
        assert set(search.words(phrase)) <= found_by, (phrase, food.name)


def test_cookie_and_cookies_meet() -> None:
    """Words ending in -ie and -ies have one stem, so a typed singular meets USDA's plural."""
    assert search.stem("cookie") == search.stem("cookies") == "cooky"
    assert search.stem("berries") == "berry"
    assert search.stem("pies") == "pie"

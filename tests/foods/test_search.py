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
        ("banana", "Bananas, raw"),
        ("bananas", "Bananas, raw"),
        ("bananna", "Bananas, raw"),  # typo
        ("banan", "Bananas, raw"),  # still typing
        ("oj", "Orange juice, raw"),
        ("orange juice", "Orange juice, raw"),
        ("juice orange", "Orange juice, raw"),  # word order
        ("yoghurt", "Yogurt, plain, low fat, 12 grams protein per 8 ounce"),
        ("peanut butter smooth", "Peanut butter, smooth style, with salt"),
        ("smooth peanut butter", "Peanut butter, smooth style, with salt"),
        ("milk chocolate", "Candies, milk chocolate"),
        ("spinach", "Spinach, raw"),
        ("spinach boiled", "Spinach, cooked, boiled, drained, without salt"),
        ("apple", "Apples, raw, with skin"),
        ("egg", "Egg, whole, raw, fresh"),
        ("water", "Water, tap, drinking"),
        ("coffee", "Coffee, brewed from grounds, prepared with tap water"),
        ("avocado", "Avocados, raw, all commercial varieties"),
        ("broccoli", "Broccoli, raw"),
        ("strawberries", "Strawberries, raw"),
        ("potatoes", "Potato, baked, flesh and skin, without salt"),
        ("tomatos", "Tomatoes, red, ripe, raw, year round average"),
        ("cheddar", "Cheese, cheddar"),
        ("almonds", "Nuts, almonds"),
        ("halibut cooked", "Fish, halibut, Atlantic and Pacific, cooked, dry heat"),
        ("low fat plain yogurt", "Yogurt, plain, low fat, 12 grams protein per 8 ounce"),
    ],
)
def test_ranking_examples(query: str, expected: str) -> None:
    """Everyday queries put the plain, common food first."""
    assert first(query) == expected


def test_garbanzo_finds_chickpeas() -> None:
    """An everyday synonym finds USDA's name for it."""
    assert first("garbanzo").startswith("Chickpeas (garbanzo beans")
    assert first("garbanzo beans").startswith("Chickpeas (garbanzo beans")


def test_scores_are_ordered_and_between_zero_and_one() -> None:
    """Scores fall from the first result on and stay within 0-1."""
    matches = foods_service.search("milk", limit=20)
    assert len(matches) == 20
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


def test_plain_forms_beat_processed_ones() -> None:
    """ "banana" ranks raw bananas above banana powder and baby food."""
    names = [m.name for m in foods_service.search("banana", limit=10)]
    assert names.index("Bananas, raw") < names.index("Bananas, dehydrated, or banana powder")
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
    "chicken": "Chicken, broilers or fryers, breast, meat only, cooked, roasted",
    "rice": "Rice, white, long-grain, regular, cooked",
    "bread": "Bread, whole-wheat, commercially prepared",
    "egg": "Egg, whole, raw, fresh",
    "cheese": "Cheese, cheddar",
    "coffee": "Coffee, brewed from grounds, prepared with tap water",
    "tea": "Tea, black, brewed, prepared with tap water",
    "beer": "Alcoholic beverage, beer, regular, all",
    "wine": "Alcoholic beverage, wine, table, red",
    "potato": "Potato, baked, flesh and skin, without salt",
    "salmon": "Fish, salmon, Atlantic, farmed, cooked, dry heat",
    "tuna": "Fish, tuna, light, canned in water, drained solids",
    "apple": "Apples, raw, with skin",
    "orange": "Oranges, raw, all commercial varieties",
    "steak": (
        'Beef, top sirloin, steak, separable lean and fat, trimmed to 1/8" fat, all grades, '
        "cooked, broiled"
    ),
    "pizza": "Pizza, cheese topping, regular crust, frozen, cooked",
    "hamburger": "Fast foods, hamburger; single, regular patty; plain",
    "burger": "Fast foods, hamburger; single, regular patty; plain",
    "cheeseburger": "Fast foods, cheeseburger; single, regular patty; plain",
    "hot dog": "Frankfurter, meat, heated",
    "bacon": "Pork, cured, bacon, cooked, broiled, pan-fried or roasted",
    "pork": (
        "Pork, fresh, composite of trimmed retail cuts (leg, loin, and shoulder), "
        "separable lean only, cooked"
    ),
    "sausage": "Pork sausage, fresh, cooked",
    "ham": "Ham, sliced, regular (approximately 11% fat)",
    "turkey": "Turkey, all classes, meat only, cooked, roasted",
    "pasta": "Spaghetti, cooked, enriched, without added salt",
    "spaghetti": "Spaghetti, cooked, enriched, without added salt",
    "soup": "Soup, chicken noodle, canned, prepared with equal volume water",
    "cereal": "Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling "
    "and microwaving), without salt",
    "oatmeal": "Cereals, oats, regular and quick, unenriched, cooked with water (includes "
    "boiling and microwaving), without salt",
    "yogurt": "Yogurt, plain, low fat, 12 grams protein per 8 ounce",
    "milk": "Milk, whole, 3.25% milkfat, with added vitamin D",
    "butter": "Butter, salted",
    "peanuts": "Peanuts, all types, dry-roasted, without salt",
    "almonds": "Nuts, almonds",
    "avocado": "Avocados, raw, all commercial varieties",
    "tomato": "Tomatoes, red, ripe, raw, year round average",
    "lettuce": "Lettuce, cos or romaine, raw",
    "broccoli": "Broccoli, raw",
    "carrots": "Carrots, raw",
    "beans": "Beans, white, mature seeds, cooked, boiled, without salt",
    "lentils": "Lentils, mature seeds, cooked, boiled, without salt",
    "tofu": "Tofu, raw, firm, prepared with calcium sulfate",
    "shrimp": "Crustaceans, shrimp, mixed species, cooked, moist heat",
    "cod": "Fish, cod, Atlantic, cooked, dry heat",
    "sandwich": "Fast foods, ham and cheese sandwich",
    "fries": "Fast foods, potato, french fried in vegetable oil",
    "french fries": "Fast foods, potato, french fried in vegetable oil",
    "chips": "Snacks, potato chips, plain, salted",
    "potato chips": "Snacks, potato chips, plain, salted",
    "cookie": "Cookies, chocolate chip, commercially prepared, regular, higher fat, enriched",
    "cake": "Cake, yellow, commercially prepared, with vanilla frosting",
    "ice cream": "Ice creams, vanilla",
    "chocolate": "Chocolate, dark, 70-85% cacao solids",
    "juice": "Orange juice, raw",
    "soda": "Carbonated beverage, cola, contains caffeine",
    "cola": "Carbonated beverage, cola, contains caffeine",
    "water": "Water, tap, drinking",
    "sports drink": (
        "Sports drink, PEPSICO QUAKER GATORADE, GATORADE, original, fruit-flavored, ready-to-drink"
    ),
    "crackers": "Crackers, saltines (includes oyster, soda, soup)",
    "bagel": "Bagels, plain, enriched, with calcium propionate (includes onion, poppy, sesame)",
    "muffin": "Muffins, blueberry, commercially prepared (Includes mini-muffins)",
    "pancake": "Pancakes, plain, prepared from recipe",
    "waffle": "Waffles, plain, frozen, ready-to-heat",
    "donut": "Doughnuts, cake-type, plain (includes unsugared, old-fashioned)",
    "popcorn": "Snacks, popcorn, air-popped",
    "pretzels": "Snacks, pretzels, hard, plain, salted",
    "lemonade": "Lemonade, frozen concentrate, white, prepared with water",
    "ketchup": "Catsup",
    "mayonnaise": "Salad dressing, mayonnaise, soybean oil, with salt",
    "mashed potatoes": "Potatoes, mashed, home-prepared, whole milk added",
    "sour cream": "Cream, sour, cultured",
    "cream": "Cream, fluid, light (coffee cream or table cream)",
    "plum": "Plums, raw",
    "lemon": "Lemons, raw, without peel",
    "whiskey": "Alcoholic beverage, distilled, all (gin, rum, vodka, whiskey) 80 proof",
    "banana chips": "Snacks, banana chips",
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
        ("banana chips", "Snacks, banana chips"),  # not "banana potato chips"
        ("root beer", "Carbonated beverage, root beer"),  # not "root beer regular"
        ("french toast", "French toast, frozen, ready-to-heat"),  # not "french bread toasted"
        ("oatmeal cookies", "Cookies, oatmeal, commercially prepared, regular"),
        ("chips", "Snacks, potato chips, plain, salted"),  # the whole query: synonym applies
        ("low fat yoghurt", "Yogurt, plain, low fat, 12 grams protein per 8 ounce"),
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
    """Every word's default food exists and contains the word(s) it is the default for."""
    for phrase, food_id in vocabulary.DEFAULT_FOODS.items():
        food = foods_service.get_food(food_id)
        assert set(search.words(phrase)) <= set(search.words(food.name)), (phrase, food.name)


def test_cookie_and_cookies_meet() -> None:
    """Words ending in -ie and -ies have one stem, so a typed singular meets USDA's plural."""
    assert search.stem("cookie") == search.stem("cookies") == "cooky"
    assert search.stem("berries") == "berry"
    assert search.stem("pies") == "pie"

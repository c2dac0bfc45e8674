"""Free-text lookup: a phrase becomes a food, grams and nutrients; bad input is refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nightcramps.constants import MAX_FOOD_ENTRY_G
from nightcramps.errors import Invalid, NotFound
from nightcramps.foods import search
from nightcramps.foods import service as foods_service
from nightcramps.foods.amounts import NUTRIENTS


def test_medium_banana() -> None:
    """ "1 medium banana" is FNDDS's one banana size, "1 banana" (126 g), of the raw banana,
    with FNDDS's nutrients for that weight."""
    found = foods_service.lookup("1 medium banana")
    assert found.food.id == "fndds:63107010"
    assert found.food.source == "USDA FNDDS 2021-2023"
    assert found.quantity == 1
    assert found.unit == "banana"
    assert found.grams == pytest.approx(126)
    assert found.nutrients.magnesium_mg == pytest.approx(28 * 1.26)
    assert found.nutrients.potassium_mg == pytest.approx(326 * 1.26)


def test_json_has_exactly_the_public_contract() -> None:
    """The serialised lookup has the documented keys and every nutrient as number or null."""
    body = foods_service.lookup("2 tbsp peanut butter").model_dump(mode="json")
    assert set(body) == {
        "phrase",
        "food",
        "quantity",
        "unit",
        "grams",
        "nutrients",
        "assumed",
        "confidence",
        "alternatives",
    }
    assert set(body["food"]) == {"id", "name", "source"}
    assert set(body["nutrients"]) == set(NUTRIENTS)
    assert body["grams"] == 32.0
    assert body["phrase"] == "2 tbsp peanut butter"


def test_unknown_nutrient_stays_null() -> None:
    """Gamay wine has no magnesium in SR24: the lookup says null, not 0."""
    found = foods_service.lookup("5 fl oz gamay wine")
    assert found.food.id == "usda:14158"
    body = found.model_dump(mode="json")
    assert body["nutrients"]["magnesium_mg"] is None
    assert body["nutrients"]["alcohol_g"] is not None


def test_volume_of_a_food_without_volume_measure_is_refused() -> None:
    """A volume of a food USDA measures only by weight or piece is refused, never guessed."""
    food = foods_service.get_food("usda:15037")  # halibut: fillet and oz only
    assert not any(m.millilitres for m in food.measures)
    with pytest.raises(Invalid, match="no volume measure"):
        foods_service.lookup("250 ml halibut, cooked")


def test_volume_is_weighed_with_the_foods_own_density() -> None:
    """250 ml of orange juice weighs 250 × 248 g / 236.6 ml (its cup)."""
    found = foods_service.lookup("250 ml orange juice")
    assert found.grams == pytest.approx(250 * 248 / 236.588, rel=1e-4)
    assert found.unit == "ml"


def test_measure_words_after_the_food() -> None:
    """ "1 cup pineapple chunks" uses the raw pineapple's "cup, chunks" measure."""
    found = foods_service.lookup("1 cup pineapple chunks")
    assert found.food.name == "Pineapple, raw, all varieties"
    assert found.grams == 165


def test_bare_count_uses_a_medium_one_and_says_so() -> None:
    """ "2 bananas" is two of FNDDS's one banana size ("1 banana", 126 g), and the unit says so."""
    found = foods_service.lookup("2 bananas")
    assert found.grams == 252
    assert found.unit == "banana"


@pytest.mark.parametrize("phrase", ["-2 cups milk", "0 cups milk", "0 g cheddar"])
def test_impossible_amounts_are_refused(phrase: str) -> None:
    """A negative or zero amount is refused with a message saying to give a positive one."""
    with pytest.raises(Invalid, match="positive amount"):
        foods_service.lookup(phrase)


def test_implausibly_large_amount_is_refused() -> None:
    """9000 bananas (about a tonne) is over the plausibility limit and refused."""
    with pytest.raises(Invalid, match="at most 5 kg") as caught:
        foods_service.lookup("9000 bananas")
    assert "1,134" in caught.value.message
    assert foods_service.lookup("1 gallon water").grams < MAX_FOOD_ENTRY_G


def test_unknown_food_suggests_nearest() -> None:
    """An unknown food is NotFound, with the nearest foods as suggestions."""
    with pytest.raises(NotFound) as caught:
        foods_service.lookup("1 cup of yak yogurt")
    error = caught.value
    assert "yak yogurt" in error.message
    assert "Yogurt" in error.fields["suggestions"]
    assert error.extra["suggestions"][0].name.startswith("Yogurt")


def test_nonsense_food_is_not_found() -> None:
    """Words that match nothing at all give NotFound, not a random food."""
    with pytest.raises(NotFound, match="No food matches"):
        foods_service.lookup("2 cups of zqxj")


def test_unknown_measure_lists_the_foods_measures() -> None:
    """A measure the food does not have is refused with the measures it does have."""
    with pytest.raises(Invalid, match="no measure called 'slice'") as caught:
        foods_service.lookup("a slice of milk")
    assert "fl oz" in caught.value.message


def test_food_without_any_amount_takes_its_usual_portion_and_says_so() -> None:
    """A food named without an amount takes its usual portion, and `assumed` says so; only a
    food with no portion at all still asks for an amount."""
    found = foods_service.lookup("olive oil")
    assert found.food.name == "Olive oil"
    assert found.grams == pytest.approx(14)
    assert found.assumed is not None and "no amount given" in found.assumed
    assert foods_service.lookup("1 tbsp olive oil").assumed is None
    with pytest.raises(Invalid, match="How much"):
        foods_service.lookup("fish, cooked, as ingredient")


@pytest.mark.parametrize("phrase", ["", "   ", "3 cups"])
def test_empty_or_food_less_phrases(phrase: str) -> None:
    """An empty phrase or one without a food is Invalid with an example."""
    with pytest.raises(Invalid, match="e.g."):
        foods_service.lookup(phrase)


def test_get_food_returns_per_100g_and_measures() -> None:
    """get_food gives the name, per-100 g nutrients and measures in grams of one."""
    banana = foods_service.get_food("usda:09040")
    assert banana.name == "Bananas, raw"
    assert banana.per_100g.potassium_mg == 358
    assert banana.nutrients_for(50).potassium_mg == pytest.approx(179)
    assert [m.grams for m in banana.measures][:2] == [225, 150]
    halibut = foods_service.get_food("usda:15037")
    assert next(m for m in halibut.measures if m.name == "oz").serving == "3 oz"


def test_get_food_unknown_id() -> None:
    """An unknown id is NotFound with a hint at the id format."""
    with pytest.raises(NotFound, match="usda:09040"):
        foods_service.get_food("usda:00000")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_answered_or_refused_cleanly(text: str) -> None:
    """Whatever is typed, lookup answers or raises Invalid/NotFound, never anything else."""
    try:
        found = foods_service.lookup(text)
    except (Invalid, NotFound) as exc:
        assert exc.message
    else:
        assert 0 < found.grams <= MAX_FOOD_ENTRY_G


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(st.integers(-5, 10_000).map(str), st.sampled_from(["½", "1 1/2", "a", "1/0", "-0"])),
    st.sampled_from(["", "cup", "ml", "oz", "fl oz", "tbsp", "g", "lb", "medium", "slices"]),
    st.sampled_from(["banana", "milk", "halibut", "peanut butter", "water", "zqxj", "salt"]),
)
def test_generated_phrases_are_answered_or_refused(amount: str, unit: str, food: str) -> None:
    """Generated amount/unit/food phrases never crash, and answers respect the limits."""
    try:
        found = foods_service.lookup(f"{amount} {unit} {food}")
    except (Invalid, NotFound) as exc:
        assert exc.message
    else:
        assert 0 < found.grams <= MAX_FOOD_ENTRY_G
        assert found.quantity > 0


# ------------------------------------------------------------------ audit fixes (#3)


def test_steak_is_a_beef_steak_not_steak_sauce() -> None:
    """ "100 g steak" logs a steak (FNDDS's "NS as to type of meat"), not "Steak sauce"."""
    found = foods_service.lookup("100 g steak")
    assert found.food.name == "Steak, NS as to type of meat, NS as to fat eaten"
    assert found.grams == 100


def test_a_slice_of_pizza_is_a_pizza_sold_by_the_slice() -> None:
    """ "1 slice pizza" takes a cheese pizza and one of its pieces (FNDDS's slice), not pizza
    sauce or dessert pizza."""
    found = foods_service.lookup("1 slice pizza")
    assert found.food.name.startswith("Pizza, cheese")
    assert found.unit.startswith("piece")
    assert 60 <= found.grams <= 130


def test_a_measure_is_not_borrowed_from_something_the_word_only_qualifies() -> None:
    """ "1 slice raisins" does not become raisin bread: it names the raisins' own measures."""
    with pytest.raises(Invalid, match="Raisins has no measure called 'slice'"):
        foods_service.lookup("1 slice raisins")


def test_banana_chips_are_not_rewritten_to_potato_chips() -> None:
    """ "30 g banana chips" finds the banana chips ("chips" → potato chips does not apply)."""
    found = foods_service.lookup("30 g banana chips")
    assert found.food.name == "Banana chips"
    assert found.grams == 30


@pytest.mark.parametrize(
    ("phrase", "name", "grams"),
    [
        ("1 hot dog", "Hot dog, NFS", 57),
        ("1 hamburger", "Hamburger, NFS", 145),
        ("1 sandwich", "Sandwich, NFS", 115),  # its "regular" size
        ("medium fries", "Potato, french fries, restaurant", 145),  # FNDDS's medium order
        ("2 slices bacon", "Bacon, NS as to type of meat, cooked", 16),  # 2 medium slices
        ("2 cookies", "Cookie, NFS", 60),  # two medium ones
        ("10 fries", "Potato, french fries, NFS", 50),  # ten of its "fry", not ten portions
    ],
)
def test_everyday_portions(phrase: str, name: str, grams: float) -> None:
    """Everyday phrases log the plain food with one of its own measures."""
    found = foods_service.lookup(phrase)
    assert found.food.name == name
    assert found.grams == pytest.approx(grams)


def test_a_volume_stated_in_a_measures_name_weighs_a_volume() -> None:
    """Condensed chicken gumbo soup has only "serving 1/2 cup" (126 g): 1 cup is 252 g."""
    phrase = "1 cup campbell's red and white chicken gumbo soup, condensed"
    found = foods_service.lookup(phrase)
    assert found.food.id == "usda:06058"
    assert found.grams == pytest.approx(252, abs=0.5)
    soup = foods_service.lookup("1 cup chicken noodle soup")
    assert soup.grams == pytest.approx(245, abs=0.5)


@pytest.mark.parametrize(
    "food_id",
    [
        "usda:01077",  # Milk, whole
        "usda:09206",  # Orange juice, raw
        "usda:11886",  # Tomato juice
        "usda:06419",  # Soup, chicken noodle, prepared
        "usda:14209",  # Coffee, brewed
        "usda:14355",  # Tea, brewed
        "usda:14411",  # Water, tap
        "usda:14400",  # Cola
        "usda:14003",  # Beer
        "usda:14096",  # Red wine
        "usda:14086",  # V8 SPLASH Smoothies
        "usda:12119",  # Nuts, coconut water
        "usda:16139",  # Soymilk
    ],
)
def test_beverages_and_liquids_are_drinks(food_id: str) -> None:
    """Milk, juices, soups, coffee, tea, water, soda, beer, wine and smoothies are drinks."""
    assert foods_service.is_drink(foods_service.get_food(food_id))


@pytest.mark.parametrize(
    "food_id",
    [
        "usda:09040",  # Bananas, raw
        "usda:09326",  # Watermelon, raw
        "usda:18075",  # Bread
        "usda:01117",  # Yogurt, plain, low fat ... (milk only qualifies it)
        "usda:19120",  # Candies, milk chocolate
        "usda:09096",  # Fruit cocktail, canned
        "usda:14214",  # Coffee, instant, powder (dry form)
        "usda:06128",  # Soup, chicken noodle, dry, mix
    ],
)
def test_solid_foods_and_dry_forms_are_not_drinks(food_id: str) -> None:
    """Fruit, bread, yogurt, chocolate, and dry coffee or soup mix are not drinks."""
    assert not foods_service.is_drink(foods_service.get_food(food_id))


def test_strips_of_bacon_are_its_slices_not_veggie_strips() -> None:
    """ "3 strips bacon" is three medium slices of bacon, not a meatless brand's "strips"."""
    found = foods_service.lookup("3 strips bacon")
    assert found.food.name == "Bacon, NS as to type of meat, cooked"
    assert found.grams == pytest.approx(24)


def test_a_food_as_bought_ranks_below_the_food_as_eaten() -> None:
    """Fries "frozen, unprepared" (as bought) rank below the same fries oven-heated (as eaten),
    unless the query says unprepared."""
    index = search.SearchIndex(
        [
            ("x:1", "Potatoes, french fried, frozen, unprepared", False, 1),
            ("x:2", "Potatoes, french fried, frozen, oven-heated", False, 1),
        ]
    )
    assert index.search("frozen french fried potatoes")[0].id == "x:2"
    assert index.search("unprepared french fried potatoes")[0].id == "x:1"


@pytest.mark.parametrize(
    ("phrase", "name", "measure", "grams"),
    [
        # Of several measures of the word typed, the one named just so, then the usual size:
        ("2 slices cheddar", "Cheese, Cheddar", "slice", 42.0),  # not "cracker-size slice"
        ("1 slice white bread", "Bread, white", "medium or regular slice", 28.0),  # not crustless
        ("a bottle of beer", "Beer", "can or bottle (12 fl oz)", 360.0),  # not the 40 fl oz one
        ("10 almonds", "Almonds, NFS", "nut", 12.0),  # counted nuts, not ten 1 oz portions
        ("1 falafel", "Falafel", "patty", 17.0),
        ("a piece of salmon", "Fish, salmon, baked or broiled", "small/regular fillet", 140.0),
        ("a serving of kimchi", "Kimchi", "Quantity not specified", 30.0),  # it has no serving
        # Spellings and plain parts: a hyphen, "100%", "no butter added":
        ("a non-alcoholic beer", "Beer, nonalcoholic", "usual portion", 360.0),
        ("1 cup orange juice", "Orange juice, 100%, NFS", "cup", 248.0),  # not SR's "raw"
        ("3 cups air popped popcorn", "Popcorn, air-popped, no butter added", "cup, popped", 24.0),
        ("a glass of rosé", "Wine, rose", "glass", 180.0),  # accents left off; rose names a wine
        ("grilled salmon, about 150g", "Fish, salmon, grilled", "g", 150.0),  # "about" left out
        ("a pot of yoghurt", "Yogurt, NFS", "container, NFS", 170.0),
        ("a portion of kimchi", "Kimchi", "Quantity not specified", 30.0),
        ("a shot of espresso", "Coffee, espresso", "shot (30 ml)", 30.43),  # not a 44 ml spirit
        ("1 pork chop", "Pork, chop, NS as to fat eaten", "regular", 120.0),  # not a stuffed one
        ("a skinny latte", "Coffee, Latte, nonfat", "usual portion", 360.0),
        # A word said only in "NS as to ..." is no match for it, nor "without ..." an extra:
        ("1 cup brewed coffee", "Coffee, brewed", "cup (8 fl oz)", 240.0),
        ("grilled chicken breast", "Chicken breast, grilled without sauce, skin not eaten", "", 0),
        ("1 cup green beans, cooked", "Green beans, fresh, cooked, no added fat", "cup", 140.0),
        # A category first ("Fish, ...") does not hide what the food is:
        ("3 sardines", "Fish, sardines, canned", "sardine", 36.0),
        # Words of the food's name are not read as a measure of something shorter:
        ("a chicken breast", "Chicken breast, baked, broiled, or roasted", "medium breast", 120.0),
        ("1 cup mashed potatoes", "Potato, mashed, NFS", "cup", 250.0),  # not "cup, mashed" sweet
        (
            "1 cup sliced strawberries",
            "Strawberries, raw",
            "cup, sliced",
            166.0,
        ),  # but a measure is
    ],
)
def test_everyday_phrases_read_as_meant(phrase: str, name: str, measure: str, grams: float) -> None:
    """Phrases from issue 14's everyday set that a rule of reading gets right (each failed once)."""
    found = foods_service.lookup(phrase)
    assert found.food.name.startswith(name)
    if measure:
        assert found.unit == measure
        assert found.grams == pytest.approx(grams, abs=0.01)

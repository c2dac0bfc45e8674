"""Free-text lookup: a phrase becomes a food, grams and nutrients; bad input is refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nightcramps.constants import MAX_FOOD_ENTRY_G
from nightcramps.errors import Invalid, NotFound
from nightcramps.foods import service as foods_service
from nightcramps.foods.amounts import NUTRIENTS


def test_medium_banana() -> None:
    """ "1 medium banana" is 118 g of raw banana with USDA's nutrients for that weight."""
    found = foods_service.lookup("1 medium banana")
    assert found.food.id == "usda:09040"
    assert found.food.source == "USDA SR24"
    assert found.quantity == 1
    assert found.unit.startswith("medium")
    assert found.grams == pytest.approx(118)
    assert found.nutrients.magnesium_mg == pytest.approx(27 * 1.18)
    assert found.nutrients.potassium_mg == pytest.approx(358 * 1.18)


def test_json_has_exactly_the_public_contract() -> None:
    """The serialised lookup has the documented keys and every nutrient as number or null."""
    body = foods_service.lookup("2 tbsp peanut butter").model_dump(mode="json")
    assert set(body) == {"phrase", "food", "quantity", "unit", "grams", "nutrients"}
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
    """ "2 bananas" is two medium bananas, and the unit says "medium"."""
    found = foods_service.lookup("2 bananas")
    assert found.grams == 236
    assert found.unit.startswith("medium")


@pytest.mark.parametrize("phrase", ["-2 cups milk", "0 cups milk", "0 g cheddar"])
def test_impossible_amounts_are_refused(phrase: str) -> None:
    """A negative or zero amount is refused with a message saying to give a positive one."""
    with pytest.raises(Invalid, match="positive amount"):
        foods_service.lookup(phrase)


def test_implausibly_large_amount_is_refused() -> None:
    """9000 bananas (about a tonne) is over the plausibility limit and refused."""
    with pytest.raises(Invalid, match="at most 5 kg") as caught:
        foods_service.lookup("9000 bananas")
    assert "1,062" in caught.value.message
    assert foods_service.lookup("1 gallon water").grams < MAX_FOOD_ENTRY_G


def test_unknown_food_suggests_nearest() -> None:
    """An unknown food is NotFound, with the nearest foods as suggestions."""
    with pytest.raises(NotFound) as caught:
        foods_service.lookup("1 cup of greek yogurt")
    error = caught.value
    assert "greek yogurt" in error.message
    assert "Yogurt" in error.fields["suggestions"]
    assert error.extra["suggestions"][0].name.startswith("Yogurt")


def test_nonsense_food_is_not_found() -> None:
    """Words that match nothing at all give NotFound, not a random food."""
    with pytest.raises(NotFound, match="No food matches"):
        foods_service.lookup("2 cups of zqxj")


def test_unknown_measure_lists_the_foods_measures() -> None:
    """A measure the food does not have is refused with the measures it does have."""
    with pytest.raises(Invalid, match="no measure called 'glass'") as caught:
        foods_service.lookup("a glass of water")
    assert "fl oz" in caught.value.message


def test_food_without_any_amount_asks_for_one() -> None:
    """A food with no piece-like measure and no unit typed asks for an amount."""
    with pytest.raises(Invalid, match="How much"):
        foods_service.lookup("olive oil")


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
    """ "100 g steak" logs a beef steak, not "Sauce, steak, tomato based"."""
    found = foods_service.lookup("100 g steak")
    assert found.food.name.startswith("Beef, top sirloin, steak")
    assert found.grams == 100


def test_a_slice_of_pizza_is_a_pizza_sold_by_the_slice() -> None:
    """ "1 slice pizza" takes the best cheese pizza that has a slice measure, not pizza sauce."""
    found = foods_service.lookup("1 slice pizza")
    assert "Cheese Pizza" in found.food.name
    assert found.unit == "slice"
    assert 60 <= found.grams <= 130


def test_a_measure_is_not_borrowed_from_something_the_word_only_qualifies() -> None:
    """ "1 slice banana" does not become banana bread: it names the bananas' own measures."""
    with pytest.raises(Invalid, match="Bananas, raw has no measure called 'slice'"):
        foods_service.lookup("1 slice banana")


def test_banana_chips_are_not_rewritten_to_potato_chips() -> None:
    """ "30 g banana chips" finds the banana chips ("chips" → potato chips does not apply)."""
    found = foods_service.lookup("30 g banana chips")
    assert found.food.name == "Snacks, banana chips"
    assert found.grams == 30


@pytest.mark.parametrize(
    ("phrase", "name", "grams"),
    [
        ("1 hot dog", "Frankfurter, meat, heated", 52),
        ("1 hamburger", "Fast foods, hamburger; single, regular patty; plain", 86),
        ("1 sandwich", "Fast foods, ham and cheese sandwich", 146),
        ("medium fries", "Fast foods, potato, french fried in vegetable oil", 134),
        ("2 slices bacon", "Pork, cured, bacon, cooked, broiled, pan-fried or roasted", 16),
        (
            "2 cookies",
            "Cookies, chocolate chip, commercially prepared, regular, higher fat, enriched",
            20,
        ),
    ],
)
def test_everyday_portions(phrase: str, name: str, grams: float) -> None:
    """Everyday phrases log the plain food with one of its own measures."""
    found = foods_service.lookup(phrase)
    assert found.food.name == name
    assert found.grams == pytest.approx(grams)


def test_a_volume_stated_in_a_measures_name_weighs_a_volume() -> None:
    """Vanilla ice cream has only "serving 1/2 cup" (66 g): 1 cup is 132 g, not refused."""
    found = foods_service.lookup("1 cup vanilla ice cream")
    assert found.food.name == "Ice creams, vanilla"
    assert found.grams == pytest.approx(132, abs=0.5)
    soup = foods_service.lookup("1 cup chicken noodle soup")
    assert soup.grams == pytest.approx(248, abs=0.5)


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
    """ "3 strips bacon" is three slices of pork bacon, not a meatless brand's "strips"."""
    found = foods_service.lookup("3 strips bacon")
    assert found.food.name == "Pork, cured, bacon, cooked, broiled, pan-fried or roasted"
    assert found.grams == pytest.approx(24)


def test_a_food_as_bought_ranks_below_the_food_as_eaten() -> None:
    """ "10 strips fries" are oven-heated fries, not the frozen, unprepared ones."""
    found = foods_service.lookup("10 strips fries")
    assert "unprepared" not in found.food.name and "prepared" in found.food.name
    assert found.grams == pytest.approx(50)

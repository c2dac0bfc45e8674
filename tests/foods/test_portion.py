"""An amount of a food by id, quantity and unit (``foods_service.portion``), and the one weighing
it shares with a typed phrase: measures, volumes, the volume an amount holds, the limits."""

from __future__ import annotations

import pytest

from nightcramps.errors import Invalid, NotFound
from nightcramps.foods import service as foods_service
from nightcramps.foods import weighing


def test_a_measure_by_name_or_first_word() -> None:
    """ "medium" is the banana's 'medium (7" to 7-7/8" long)', shown as USDA names it."""
    found = foods_service.portion("usda:09040", 2, "medium")
    assert found.grams == pytest.approx(236)
    assert found.unit == 'medium (7" to 7-7/8" long)'
    assert found.volume_ml is None
    assert found.nutrients.potassium_mg == pytest.approx(358 * 2.36)


def test_a_mass_converts_with_pint() -> None:
    """4 ounces is 113.4 g, shown as "oz" (halibut's own "oz" measure, 28.3 g, is used only
    when "oz" is typed as its name)."""
    found = foods_service.portion("usda:15037", 4, "ounces")
    assert found.grams == pytest.approx(113.398, rel=1e-4)
    assert found.unit == "oz"


@pytest.mark.parametrize(
    ("food_id", "unit", "phrase"),
    [
        ("usda:01053", "tablespoon", "1 tablespoon heavy whipping cream"),
        ("fndds:42202000", "cups", "1 cup peanut butter"),
        ("fndds:61210000", "ml", "1 ml orange juice"),
    ],
)
def test_a_volume_weighs_what_the_same_phrase_weighs(food_id: str, unit: str, phrase: str) -> None:
    """A volume by id is weighed exactly as the typed phrase is: with the food's own measure of
    that unit ("tbsp" of cream, 15 g, not a tablespoon of the whipped cup), else its density."""
    by_id = foods_service.portion(food_id, 1, unit)
    typed = foods_service.lookup(phrase)
    assert typed.food.id == food_id
    assert by_id.grams == pytest.approx(typed.grams)


def test_a_volume_of_a_food_weighed_by_piece_is_refused_in_the_units_words() -> None:
    """Halibut has no volume measure: the message names the unit field, not a phrase."""
    with pytest.raises(Invalid) as caught:
        foods_service.portion("usda:15037", 1, "cup")
    assert caught.value.message.startswith(
        "Fish, halibut, Atlantic and Pacific, cooked, dry heat has no volume measure in the "
        "USDA data, so a volume cannot be turned into grams without guessing."
    )
    assert caught.value.fields == {"unit": "a volume of a food measured by weight or piece"}


def test_an_unknown_unit_lists_the_measures() -> None:
    """A unit that is neither a measure of the food nor mass nor volume is refused."""
    with pytest.raises(Invalid, match=r"Bananas, raw has no measure 'bucket'; use g, oz, or one"):
        foods_service.portion("usda:09040", 1, "bucket")


def test_an_unknown_food_is_not_found() -> None:
    """An id the database lacks is "not found"."""
    with pytest.raises(NotFound):
        foods_service.portion("usda:99999", 1, "g")


def test_the_limits_point_at_the_quantity() -> None:
    """Zero and more than 5 kg are refused with the quantity's wording."""
    with pytest.raises(Invalid, match=r"^0 is not an amount; give a positive amount of Bananas"):
        foods_service.portion("usda:09040", 0, "medium")
    with pytest.raises(Invalid) as caught:
        foods_service.portion("usda:09040", 50, "medium")
    assert caught.value.message == (
        "That is 5.9 kg of Bananas, raw; one entry can be at most 5 kg. Check the amount (or "
        "log several entries)."
    )
    assert caught.value.fields == {"quantity": "more than 5000 g"}


def test_the_limits_point_at_a_typed_phrase() -> None:
    """The same limit, reached in a phrase, quotes the amount as typed."""
    with pytest.raises(Invalid) as caught:
        foods_service.lookup("50 bananas")
    assert caught.value.message.startswith("50 banana of Banana, raw would")
    assert caught.value.fields == {"phrase": "more than 5000 g"}
    with pytest.raises(Invalid) as caught:
        weighing.check_amount(float("nan"), None, "", phrase=True)
    assert caught.value.fields == {"phrase": "the amount must be more than zero"}


def test_a_volume_typed_is_the_volume_held() -> None:
    """ "2 cups of milk" holds 473.2 ml; a weight holds no volume the data can tell."""
    assert foods_service.amount_of("2 cups of milk").volume_ml == pytest.approx(473.176, rel=1e-4)
    assert foods_service.amount_of("300 g milk").volume_ml is None


def test_a_container_holds_the_fluid_ounces_its_name_states() -> None:
    """ "can (6.8 fl oz, 200 ml)" holds 6.8 fl oz; "ice cube (3/4 fl oz)" three quarters of one
    (not 4 fl oz); "cube (6 fl oz prepared)" of broth cubes the 6 fl oz it makes."""
    assert foods_service.portion("usda:14009", 1, "can").volume_ml == pytest.approx(201.1, abs=0.1)
    assert foods_service.portion("usda:14429", 1, "ice cube").volume_ml == pytest.approx(22.2, 0.01)
    assert foods_service.portion("usda:06481", 1, "cube").volume_ml == pytest.approx(177.4, 0.01)


def test_a_volume_named_of_something_else_is_not_held() -> None:
    """ "cup, fluid (yields 2 cups whipped)" of cream holds no stated volume (the 2 cups are
    whipped); "cup, in shell, yields" of peanuts is a cup of peanuts in their shells, not of
    the shelled peanuts it weighs."""
    cream = foods_service.portion("usda:01052", 1, "cup, fluid (yields 2 cups whipped)")
    assert cream.volume_ml is None
    peanuts = foods_service.portion("fndds:42111000", 1, "cup, in shell, yields")
    assert peanuts.grams == 51
    assert peanuts.volume_ml is None

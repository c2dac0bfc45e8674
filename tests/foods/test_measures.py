"""Household measures: the build reads each row per ONE of the measure, and the packaged
database's measures are consistent with the sizes their names state."""

from __future__ import annotations

import re

import pytest

from nightcramps import units
from nightcramps.foods import catalogue, vocabulary
from nightcramps.foods import service as foods_service
from nightcramps.foods.sources import usda

# rows exactly as SR24 (Debian cronometer usda_sr24.jar) writes them
YOGURT_01117 = b"""<food uid="01117" name="Yogurt, plain, low fat, 12 grams protein per 8 ounce">
<measure amount="1.0" name="cup (8 fl oz)" grams="245.0"/>
<measure amount="1.0" name="container (8 oz)" grams="227.0"/>
<measure amount="0.5" name="container (4 oz)" grams="113.0"/>
<nutrient amount="63.0" name="Energy"/></food>"""
PARMESAN_01033 = b"""<food uid="01033" name="Cheese, parmesan, hard">
<measure amount="1.0" name="oz" grams="28.35"/>
<measure amount="1.0" name="cubic inch" grams="10.3"/>
<measure amount="5.0" name="package (5 oz)" grams="142.0"/>
<nutrient amount="392.0" name="Energy"/></food>"""
JELLYBEANS_19108 = b"""<food uid="19108" name="Candies, jellybeans">
<measure amount="10.0" name="small" grams="11.0"/>
<measure amount="10.0" name="large (1 oz)" grams="28.0"/>
<nutrient amount="375.0" name="Energy"/></food>"""
SOUPS = b"""<food uid="06001" name="Soup, cream of asparagus, canned, condensed">
<measure amount="0.5" name="cup (4 fl oz)" grams="126.0"/>
<measure amount="1.0" name="can (10.75 oz)" grams="305.0"/>
<nutrient amount="69.0" name="Energy"/></food>"""
WATER_14429 = b"""<food uid="14429" name="Water, tap, municipal">
<measure amount="1.0" name="fl oz" grams="29.6"/>
<measure amount="3.0" name="ice cube (3/4 fl oz)" grams="64.0"/>
<nutrient amount="0.0" name="Energy"/></food>"""


def measures(xml: bytes) -> dict[str, usda.MeasureRecord]:
    return {m.name: m for m in usda.parse_food_xml(xml).measures}


def test_a_container_holds_what_its_name_says() -> None:
    """ "0.5 container (4 oz) = 113 g" is read as 1 container (4 oz) = 113 g, not 226 g."""
    yogurt = measures(YOGURT_01117)
    small = yogurt["container (4 oz)"]
    assert (small.amount, small.grams, small.grams_per_one) == (1.0, 113.0, 113.0)
    assert small.corrected
    large = yogurt["container (8 oz)"]
    assert (large.grams_per_one, large.corrected) == (227.0, False)
    package = measures(PARMESAN_01033)["package (5 oz)"]
    assert (package.amount, package.grams_per_one, package.corrected) == (1.0, 142.0, True)


def test_a_count_of_pieces_keeps_its_count_and_drops_the_total() -> None:
    """ "10 large (1 oz) = 28 g" jellybeans: one large is 2.8 g, named "large"."""
    beans = measures(JELLYBEANS_19108)
    assert "large (1 oz)" not in beans
    assert beans["large"].amount == 10
    assert beans["large"].grams_per_one == pytest.approx(2.8)
    assert beans["small"].corrected is False


def test_a_half_cup_stated_in_fluid_ounces_is_named_per_cup() -> None:
    """ "0.5 cup (4 fl oz) = 126 g": the grams stay, the name says one cup's 8 fl oz."""
    soup = measures(SOUPS)
    assert "cup (4 fl oz)" not in soup
    cup = soup["cup (8 fl oz)"]
    assert (cup.amount, cup.grams, cup.corrected) == (0.5, 126.0, True)
    assert soup["can (10.75 oz)"].corrected is False


def test_rows_that_already_fit_are_left_alone() -> None:
    """An ice cube (3/4 fl oz) of which three weigh 64 g already states one: unchanged."""
    water = measures(WATER_14429)
    assert water["ice cube (3/4 fl oz)"].amount == 3.0
    assert not any(m.corrected for m in water.values())


# ---------------------------------------------------------------------------- the built database

_STATED_WEIGHT = re.compile(r"\(\s*(?:approx\.?\s*)?(\d+(?:\.\d+)?|\d+/\d+)\s*(oz|lb|g)\.?\s*\)")

SOURCE_ERRORS = {
    ("usda:18431", "container (3 oz)"),
    ("usda:32004", "serving (3.5 oz)"),
    ("usda:32004", "serving (4 oz)"),
}
"""SR rows that contradict their own name and cannot be settled: a "container (3 oz)" of
Danish pastry weighing 142 g (5 oz); servings of macaroni and cheese box mix, unprepared, whose
stated weights are of the dish made up (3.5 oz) while the grams are of the dry mix (25 g)."""

LOWEST_EDIBLE_SHARE = 0.45
"""What is weighed may be less than what the name says was bought: drained solids (a 3.75 oz
can of sardines gives 92 g), or cooked from raw (a 12 oz package of breakfast strips gives
170 g, 0.50)."""


def _stated_grams(name: str) -> float | None:
    match = _STATED_WEIGHT.search(name)
    if match is None:
        return None
    base = name[: match.start()].strip(" ,").lower()
    unit = units.unit_for(base)
    if unit is not None and units.kind_of(unit) == "mass":
        return None  # "oz (3 oz)": an ounce is an ounce
    if set(re.findall(r"[a-z]+", name.lower())) & vocabulary.NOT_THIS_FOOD:
        return None  # "can (10.75 oz), prepared": the can, made up with water
    top, _, bottom = match.group(1).partition("/")
    number = float(top) / float(bottom) if bottom else float(top)
    return number * usda.GRAMS_PER_UNIT[match.group(2)]


def test_every_measure_weighs_what_its_name_states() -> None:
    """One of every measure whose name states a weight weighs that weight (±10%, or less for
    drained or cooked food): "1 container (4 oz)" of yogurt is about 113 g."""
    wrong: list[str] = []
    checked = 0
    for food in catalogue.all_foods():
        for measure in food.measures:
            stated = _stated_grams(measure.name)
            if stated is None or (food.id, measure.name) in SOURCE_ERRORS:
                continue
            checked += 1
            if not LOWEST_EDIBLE_SHARE * stated <= measure.grams <= 1.1 * stated:
                wrong.append(f"{food.id} 1 {measure.name} = {measure.grams:g} g")
    assert checked > 500
    assert wrong == []


def test_every_volume_measure_has_a_possible_density() -> None:
    """Every measure with a volume weighs 0.01-2 g per ml (freeze-dried herbs to syrups)."""
    wrong = [
        f"{food.id} {food.name}: 1 {m.name} = {m.grams:g} g"
        for food in catalogue.all_foods()
        for m in food.measures
        if m.millilitres
        and not 0.01 <= m.grams / m.millilitres <= 2.0
        and (food.id, m.name) != ("usda:47011", "tsp, rounded")  # a heaped teaspoon
    ]
    assert wrong == []


def test_examples_from_the_audit() -> None:
    """The packaged database reads the audit's examples per one measure."""
    yogurt = {m.name: m.grams for m in foods_service.get_food("usda:01117").measures}
    assert yogurt["container (4 oz)"] == pytest.approx(113)
    parmesan = {m.name: m.grams for m in foods_service.get_food("usda:01033").measures}
    assert parmesan["package (5 oz)"] == pytest.approx(142)
    found = foods_service.lookup("1 container (4 oz) plain low fat yogurt")
    assert found.grams == pytest.approx(113)
    assert foods_service.provenance()["measures_corrected"] == "35"


def test_a_fast_food_cup_is_not_a_measuring_cup() -> None:
    """Sprite's "cup 12 fl oz 12 fl oz" (SR28) is a 12 fl oz drink cup: "1 cup sprite" is
    8 fl oz (8 x its "fl oz", 30.8 g), and that cup holds 12 fl oz."""
    found = foods_service.lookup("1 cup sprite")
    assert found.food.id == "usda:14145"
    assert found.grams == pytest.approx(8 * 30.8, abs=3)
    cups = {m.name: m for m in foods_service.get_food("usda:14145").measures}
    assert cups["cup 12 fl oz 12 fl oz"].unit is None
    assert cups["cup 12 fl oz 12 fl oz"].millilitres == pytest.approx(354.9, abs=1)

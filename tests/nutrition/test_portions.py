"""Portions: a person's own foods matched by the one amount reader, database foods weighed by
the food database, a drink's volume, and a rescaled entry's description."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from nightcramps.errors import Invalid
from nightcramps.nutrition import portions
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.schemas import IntakeUpdate
from nightcramps.owner import Owner
from tests.nutrition.factories import log, make_magnesium_tablet


@pytest.mark.parametrize(
    ("phrase", "tablets"),
    [
        ("magnesium citrate", 1),
        ("a magnesium citrate", 1),
        ("2 tablets magnesium citrate", 2),
        ("2 tablets of Magnesium Citrate", 2),
        ("four magnesium citrate", 4),
        ("half a magnesium citrate", 0.5),
        ("1 1/2 tablets magnesium citrate", 1.5),
    ],
)
def test_a_dose_is_read_with_the_phrase_grammar(
    session: Session, owner: Owner, now, phrase: str, tablets: float
) -> None:
    """The amount before a supplement's name is read as a food phrase's is (number words up to
    twelve, "half a", fractions), and the dose scales the label."""
    make_magnesium_tablet(session, owner)
    entry = log(session, owner, phrase, now)
    assert entry.kind == "supplement" and float(entry.quantity or 0) == tablets
    assert float(entry.magnesium_mg or 0) == pytest.approx(200 * tablets)


def test_a_fraction_over_zero_before_an_own_name_says_so(
    session: Session, owner: Owner, now
) -> None:
    """ "1/0 magnesium citrate" is refused as a division by zero, naming the number."""
    make_magnesium_tablet(session, owner)
    with pytest.raises(Invalid, match=r"^'1/0' divides by zero; write the amount as e.g. 1/2.$"):
        log(session, owner, "1/0 magnesium citrate", now)


def test_a_database_drink_gets_the_volume_the_food_database_reads() -> None:
    """A volume typed is the drink's volume; a weight falls back to 1 g per ml."""
    by_volume = portions.lookup_portion("2 cups of milk", kind="drink")
    assert by_volume.volume_ml == pytest.approx(473.2)
    by_weight = portions.lookup_portion("300 g orange juice", kind="drink")
    assert by_weight.volume_ml == 300.0
    assert portions.lookup_portion("2 cups of milk", kind="food").volume_ml is None


def test_a_picked_drink_has_the_same_volume_and_weight_as_typed() -> None:
    """A food picked by id weighs what its typed phrase weighs, with the same volume."""
    picked = portions.food_id_portion("usda:01077", 2, "cup", kind="drink")
    typed = portions.lookup_portion("2 cups whole milk", kind="drink")
    assert (picked.grams, picked.volume_ml) == (typed.grams, typed.volume_ml)
    assert picked.description == "2 cup Milk, whole, 3.25% milkfat, with added vitamin D"


def test_a_solid_food_by_id_is_refused_as_a_drink_before_its_unit_is_read() -> None:
    """A banana logged as a drink is refused for that, whatever unit came with it."""
    with pytest.raises(Invalid) as caught:
        portions.food_id_portion("usda:09040", 1, "bucket", kind="drink")
    assert caught.value.fields == {"kind": "not a drink: log it as food"}


def test_more_than_five_litres_of_a_drink_is_refused() -> None:
    """The drink volume limit stays with nutrition (fluids are its idea)."""
    with pytest.raises(Invalid, match=r"^That is 6.0 L of Water"):
        portions.check_amount(1, None, 6000, "Water")


@pytest.mark.parametrize(
    ("phrase", "described"),
    [
        ("2 cups of milk", "4 cups of milk"),
        ("half an avocado", "4 avocado"),
        ("1½ cups orange juice", "4 cups orange juice"),
    ],
)
def test_a_rescaled_entry_reads_its_new_amount(
    session: Session, owner: Owner, now, phrase: str, described: str
) -> None:
    """Changing an entry's amount rewrites the amount at the start of its description."""
    entry = log(session, owner, phrase, now)
    nutrition_service.update_entry(
        session=session, owner=owner, entry_id=entry.id, entry_in=IntakeUpdate(quantity=4), now=now
    )
    assert entry.description == described


def test_a_description_without_an_amount_is_multiplied() -> None:
    """ "banana" rescaled to 3 reads "3 × banana"."""
    assert portions.rescaled_description("banana", 3) == "3 × banana"

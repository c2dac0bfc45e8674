"""The units people type convert as pint defines them."""

from __future__ import annotations

import pint
import pytest

from nightcramps import units

REGISTRY: pint.UnitRegistry[float] = pint.UnitRegistry(cache_folder=None)


def test_every_typed_unit_has_its_factor() -> None:
    """Each unit a typed word means is in the written-out table (so no phrase loads pint)."""
    assert set(units.UNIT_WORDS.values()) == set(units.FACTORS)


@pytest.mark.parametrize("unit", sorted(units.FACTORS))
def test_the_table_is_pints_own_definition(unit: str) -> None:
    kind, factor = units.FACTORS[unit]
    quantity = REGISTRY.Quantity(1, unit)
    target = "gram" if quantity.check("[mass]") else "milliliter"
    assert kind == ("mass" if target == "gram" else "volume")
    assert factor == pytest.approx(quantity.to(target).magnitude, rel=1e-12)


def test_a_unit_outside_the_table_is_converted_by_pint() -> None:
    assert units.kind_of("microgram") == "mass"
    assert units.to_grams(1000, "microgram") == pytest.approx(0.001)
    assert units.to_millilitres(2, "cup") == pytest.approx(473.176473)

"""The food database's front door: what other features (and the web and CLI shells) call.

``from nightcramps.foods import service as foods_service`` gives, from the modules that hold
them:

- records and reading (:mod:`~nightcramps.foods.catalogue`): :class:`Food`,
  :class:`Measure`, :func:`get_food`, :func:`search`, :func:`is_drink`,
  :func:`to_food_public`, :func:`provenance`, :func:`warm_up`;
- an amount of a food (:mod:`~nightcramps.foods.lookup`, :mod:`~nightcramps.foods.weighing`):
  :func:`lookup` (a typed phrase), :func:`amount_of` (the same as a record, with the volume it
  holds), :func:`portion` (a food id, a quantity and a unit), :func:`amount_for` (a typed phrase's
  amount of a food the person chose), :class:`Amount`, and
  :func:`check_amount` (the limits of one entry);
- :func:`rich_in` (:mod:`~nightcramps.foods.rich_in`): everyday foods with the most of a
  nutrient in an ordinary portion.

They raise :class:`~nightcramps.errors.NotFound` and :class:`~nightcramps.errors.Invalid` with
messages written for people. The database is read-only reference data read into memory once per
process; no session is needed.
"""

from __future__ import annotations

from nightcramps.foods.catalogue import (
    DATA_FILE,
    Food,
    Measure,
    get_food,
    is_drink,
    provenance,
    search,
    to_food_public,
    warm_up,
)
from nightcramps.foods.lookup import amount_for, amount_of, lookup, portion
from nightcramps.foods.rich_in import RICH_IN_NUTRIENTS, rich_in
from nightcramps.foods.weighing import Amount, check_amount

__all__ = [
    "DATA_FILE",
    "RICH_IN_NUTRIENTS",
    "Amount",
    "Food",
    "Measure",
    "amount_for",
    "amount_of",
    "check_amount",
    "get_food",
    "is_drink",
    "lookup",
    "portion",
    "provenance",
    "rich_in",
    "search",
    "to_food_public",
    "warm_up",
]

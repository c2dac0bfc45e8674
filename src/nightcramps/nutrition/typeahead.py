"""What the day page suggests while a person types: their own foods and supplements whose names
contain what was typed, then the food database's matches.

The amount typed first ("2 slices", "1/2 cup") is not part of a name, so it is left out of the
search: ``foods.phrases.strip_amount`` reads it with the same parser that weighs the entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from nightcramps.foods import phrases
from nightcramps.foods import service as foods_service
from nightcramps.foods.schemas import FoodMatch
from nightcramps.nutrition import builtin_supplements, catalog
from nightcramps.owner import Owner

MIN_LETTERS = 2
"""Fewer letters than this (after the amount) suggest nothing: too many names would match."""


@dataclass(frozen=True, slots=True)
class OwnMatch:
    """One of the person's items that matches: its name and the id to log it by."""

    name: str
    id: str
    """ "supplement:<id>", "custom:<id>" or "supplement:builtin-<slug>"."""


@dataclass(frozen=True, slots=True)
class Suggestions:
    """The person's own items first, then foods from the database, best first."""

    own: list[OwnMatch]
    foods: list[FoodMatch]


def suggest(*, session: Session, owner: Owner, phrase: str, limit: int = 8) -> Suggestions:
    """The person's supplements and own foods whose names contain what ``phrase`` names, the
    built-in supplements that do (unless one of the person's has the name), then at most
    ``limit`` database foods; nothing for fewer than ``MIN_LETTERS`` letters."""
    query = phrases.strip_amount(phrase)
    if len(query) < MIN_LETTERS:
        return Suggestions(own=[], foods=[])
    own = [
        OwnMatch(row.name, f"supplement:{row.id}")
        for row in catalog.list_own(catalog.SUPPLEMENTS, session=session, owner=owner)
        if query in row.name.lower()
    ]
    own += [
        OwnMatch(row.name, row.food_id)
        for row in catalog.list_own(catalog.CUSTOM_FOODS, session=session, owner=owner)
        if query in row.name.lower()
    ]
    named = {match.name.lower() for match in own}  # the person's own of a built-in's name wins
    own += [
        OwnMatch(builtin.name, builtin.ref)
        for builtin in builtin_supplements.BUILTINS
        if builtin.name.lower() not in named and any(query in n for n in builtin.names)
    ]
    return Suggestions(own=own, foods=foods_service.search(query, limit=limit))

"""The food database over HTTP: JSON search and lookup, and a type-ahead fragment for pages.

The food database is public reference data (USDA FNDDS and SR28), but the endpoints still sit
behind the app's usual access rules: in accounts mode only signed-in people (or tokens) may use
them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from nightcramps.foods import service as foods_service
from nightcramps.foods.schemas import FoodMatch, FoodPublic, Lookup, RichFood
from nightcramps.web.deps import CurrentPerson, verify_api_origin, verify_csrf

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["foods"], dependencies=[Depends(verify_api_origin)])

QueryText = Annotated[
    str, Query(min_length=1, max_length=200, description="Words of the food, e.g. 'banana'.")
]
Limit = Annotated[int, Query(ge=1, le=100, description="How many results.")]


@pages.get("/foods/suggest")
def suggest(
    request: Request,
    _person: CurrentPerson,
    q: Annotated[str, Query(max_length=200)] = "",
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
) -> Response:
    """Type-ahead: ``<option>`` elements for a ``<datalist>`` (empty for a short query)."""
    matches = foods_service.search(q, limit=limit) if len(q.strip()) >= 2 else []
    # not pages.render: a fragment must not consume the page's flash messages
    response: Response = request.app.state.templates.TemplateResponse(
        request, "foods/_suggest.html", {"matches": matches}
    )
    return response


@api.get("/foods/search", response_model=list[FoodMatch])
def api_search(_person: CurrentPerson, q: QueryText, limit: Limit = 10) -> list[FoodMatch]:
    """Foods matching the words, best first: ``[{"id", "name", "score"}]``."""
    return foods_service.search(q, limit=limit)


@api.get("/foods/lookup", response_model=Lookup)
def api_lookup(
    _person: CurrentPerson,
    phrase: Annotated[
        str, Query(min_length=1, max_length=200, description="e.g. '1/2 cup spinach, boiled'")
    ],
) -> Lookup:
    """A phrase as a person types it, read into a food, grams and nutrients.

    An unknown food answers 404 with the nearest foods in ``fields.suggestions``; an impossible
    amount or a unit the food cannot be measured in answers 422.
    """
    return foods_service.lookup(phrase)


@api.get("/foods/rich-in/{nutrient}", response_model=list[RichFood])
def api_rich_in(
    _person: CurrentPerson,
    nutrient: str,
    limit: Limit = 10,
    by: Annotated[str, Query(pattern="^(portion|kcal|both)$")] = "both",
) -> list[RichFood]:
    """Everyday foods supplying the most of a nutrient in an ordinary portion."""
    return foods_service.rich_in(nutrient, limit=limit, by=by)


@api.get("/foods/{food_id}", response_model=FoodPublic)
def api_get_food(_person: CurrentPerson, food_id: str) -> FoodPublic:
    """A food's nutrients per 100 g and its household measures."""
    return foods_service.to_food_public(foods_service.get_food(food_id))

"""The JSON API of the person's own foods and supplements: ``/custom-foods`` and
``/supplements``, each list / create / get / delete, made by one :func:`add_catalogue_routes`.

Each catalogue keeps the operation names, descriptions and id parameter it has always had in
``/openapi.json``; only what creates an item differs between the two (its own body and service
call).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Path
from fastapi.responses import Response as RawResponse
from pydantic import BaseModel

from nightcramps.nutrition import builtin_supplements, catalog
from nightcramps.nutrition.schemas import (
    BuiltinSupplementsPublic,
    CustomFoodCreate,
    CustomFoodPublic,
    CustomFoodsPublic,
    SupplementCreate,
    SupplementPublic,
    SupplementsPublic,
)
from nightcramps.web.deps import MAX_ID, OwnerDep, SessionDep, get_owner

router = APIRouter()


@dataclass(frozen=True)
class CatalogueApi:
    """How one catalogue appears in the API: its address, id name, schemas and operations."""

    catalogue: catalog.Catalogue[Any]
    path: str
    """ "/custom-foods"."""
    id_name: str
    """The path parameter of one item, as documented: "custom_id"."""
    public: type[BaseModel]
    listed: type[BaseModel]
    """The list answer, ``{"data": [...], "count": n}`` like the API's other lists of rows."""
    operations: dict[str, tuple[str, str]]
    """``{"list" | "get" | "delete": (operation name, description)}``."""


def add_catalogue_routes(router: APIRouter, api: CatalogueApi, create: Callable[..., Any]) -> None:
    """Add list, create (``create``, an endpoint of its own), get and delete for ``api``."""
    # One function serves both catalogues; the alias keeps each one's documented parameter name.
    row_id_param: Any = Path(alias=api.id_name, ge=1, le=MAX_ID, description="A row id.")

    def list_items(session: SessionDep, owner: OwnerDep) -> Any:
        found = catalog.list_own(api.catalogue, session=session, owner=owner)
        data = [api.public.model_validate(row) for row in found]
        return api.listed(data=data, count=len(data))

    def get_item(session: SessionDep, owner: OwnerDep, row_id: int = row_id_param) -> Any:
        row = catalog.get_own(api.catalogue, session=session, owner=owner, row_id=row_id)
        return api.public.model_validate(row)

    def delete_item(session: SessionDep, owner: OwnerDep, row_id: int = row_id_param) -> Any:
        catalog.delete_own(api.catalogue, session=session, owner=owner, row_id=row_id)
        return RawResponse(status_code=204)

    item = f"{api.path}/{{{api.id_name}}}"
    _add(router, api, "list", api.path, list_items, "GET", response_model=api.listed)
    router.add_api_route(
        api.path, create, methods=["POST"], response_model=api.public, status_code=201
    )
    _add(router, api, "get", item, get_item, "GET", response_model=api.public)
    _add(router, api, "delete", item, delete_item, "DELETE", status_code=204, response_model=None)


def _add(
    router: APIRouter,
    api: CatalogueApi,
    operation: str,
    path: str,
    endpoint: Callable[..., Any],
    method: str,
    **options: Any,
) -> None:
    """Add one of ``api``'s generic operations under its own name and description."""
    name, description = api.operations[operation]
    router.add_api_route(
        path, endpoint, methods=[method], name=name, description=description, **options
    )


def api_create_custom_food(
    food_in: CustomFoodCreate, session: SessionDep, owner: OwnerDep
) -> CustomFoodPublic:
    """Add a food or drink from its label (per 100 g, per 100 ml or per serving)."""
    row = catalog.create_custom_food(session=session, owner=owner, food_in=food_in)
    return CustomFoodPublic.model_validate(row)


def api_create_supplement(
    supplement_in: SupplementCreate, session: SessionDep, owner: OwnerDep
) -> SupplementPublic:
    """Add a supplement (amounts in ``nutrients``); log doses with POST /api/v1/intake
    {"food": {"id": "supplement:<id>"}, "quantity"}."""
    row = catalog.create_supplement(session=session, owner=owner, supplement_in=supplement_in)
    return SupplementPublic.model_validate(row)


CUSTOM_FOODS = CatalogueApi(
    catalogue=catalog.CUSTOM_FOODS,
    path="/custom-foods",
    id_name="custom_id",
    public=CustomFoodPublic,
    listed=CustomFoodsPublic,
    operations={
        "list": ("api_list_custom_foods", "Your own foods and drinks."),
        "get": ("api_get_custom_food", "One of your foods."),
        "delete": (
            "api_delete_custom_food",
            "Remove one of your foods (entries already logged keep their nutrients).",
        ),
    },
)
SUPPLEMENTS = CatalogueApi(
    catalogue=catalog.SUPPLEMENTS,
    path="/supplements",
    id_name="supplement_id",
    public=SupplementPublic,
    listed=SupplementsPublic,
    operations={
        "list": ("api_list_supplements", "Your supplements with their label amounts per unit."),
        "get": ("api_get_supplement", "One supplement."),
        "delete": (
            "api_delete_supplement",
            "Remove a supplement (doses already logged keep their amounts).",
        ),
    },
)


@router.get(
    "/supplements/builtin",
    response_model=BuiltinSupplementsPublic,
    dependencies=[Depends(get_owner)],  # signed in, like every other route of the API
)
def api_list_builtin_supplements() -> BuiltinSupplementsPublic:
    """The built-in supplements (magnesium oxide, citrate, glycinate, chloride; potassium
    chloride and citrate; calcium carbonate and citrate; an electrolyte drink tablet): amounts
    per unit of a typical product strength, with sources. Log one by name without adding it
    (your own supplement of the same name wins) or by its id."""
    return builtin_supplements.list_public()


# After the built-ins: "/supplements/{supplement_id}" would otherwise take "builtin" as an id.
add_catalogue_routes(router, CUSTOM_FOODS, api_create_custom_food)
add_catalogue_routes(router, SUPPLEMENTS, api_create_supplement)

"""Food, drink and supplements over HTTP: the pages (HTML + htmx) and the JSON API. Thin: the
decisions live in the service modules (``service``, ``catalog``, ``shortcuts``, ``typeahead``).

``pages`` and ``api`` are the two routers the app mounts. Each module here holds the routes of
one thing: ``day`` (the day page, its form and type-ahead), ``entries`` (one entry: change,
delete, again, star; repeat a meal), ``favourites`` (their buttons), ``my_foods`` (the "Your
foods" page), ``targets`` (its targets form), ``json_api`` (entries, favourites, days and
targets) and ``catalogue_api`` (your own foods and supplements). They are included in this
order, which is the order the routes are matched and documented in.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from nightcramps.nutrition.routes import (
    catalogue_api,
    day,
    entries,
    favourites,
    json_api,
    my_foods,
    targets,
)
from nightcramps.web.deps import verify_api_origin, verify_csrf

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
for _module in (day, entries, favourites, my_foods, targets):
    pages.include_router(_module.router)

api = APIRouter(prefix="/api/v1", tags=["nutrition"], dependencies=[Depends(verify_api_origin)])
for _module in (json_api, catalogue_api):
    api.include_router(_module.router)

__all__ = ["api", "pages"]

"""The day log's pages ("Today", "Medicines") and its JSON API. Thin: decisions live in the
service.

``pages`` and ``api`` are the two routers the app mounts. Each module here holds the routes of
one thing: ``today`` (the page), ``taps`` (its one-tap buttons), ``forms`` (its forms),
``entries`` (delete and undo from a page), ``medicines`` (the Medicines page) and ``json_api``.
They are included in this order, which is the order the routes are matched and documented in.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from nightcramps.daylog.routes import entries, forms, json_api, medicines, taps, today
from nightcramps.web.deps import verify_api_origin, verify_csrf

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
for _module in (today, taps, forms, entries, medicines):
    pages.include_router(_module.router)

api = APIRouter(prefix="/api/v1", tags=["day log"], dependencies=[Depends(verify_api_origin)])
api.include_router(json_api.router)

__all__ = ["api", "pages"]

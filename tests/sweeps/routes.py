"""Every route the app serves, read from the app itself: the operations of its OpenAPI document
and the page routes of ``app.routes``. Nothing here is listed by hand, so a new route is swept
the day it is added."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
NOT_PAGES = ("/api/", "/static")
"""Path prefixes that are not page routes: the API (swept from its document) and static files."""

Json = dict[str, Any]


@dataclass(frozen=True)
class Route:
    """One method on one path template, e.g. ``PATCH /api/v1/cramps/{cramp_id}``."""

    method: str
    path: str
    api: bool
    """An operation of /openapi.json (else a page route)."""
    query: tuple[tuple[str, bool], ...] = ()
    """Its query parameters: (name, required)."""
    body: bool = False
    """Whether it takes a request body (an API operation's ``requestBody``; any page write)."""

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def unsafe(self) -> bool:
        return self.method in UNSAFE_METHODS

    @property
    def params(self) -> list[str]:
        """The path parameters, in order."""
        return re.findall(r"\{(\w+)\}", self.path)


def api_routes(document: Json) -> list[Route]:
    """Every operation of the OpenAPI document."""
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            query = tuple(
                (p["name"], bool(p.get("required")))
                for p in operation.get("parameters", [])
                if p["in"] == "query"
            )
            body = "requestBody" in operation
            found.append(Route(method.upper(), path, api=True, query=query, body=body))
    return found


def page_routes(app: FastAPI) -> list[Route]:
    """Every page route (all but the API and static files), one per method; HEAD is left out
    where GET is there (it is the same handler)."""
    found = []
    for path, route in _walk(app.routes):
        if path.startswith(NOT_PAGES):
            continue
        dependant = getattr(route, "dependant", None)
        query = tuple(
            (field.alias, field.field_info.is_required())
            for field in (dependant.query_params if dependant else ())
        )
        for method in sorted(getattr(route, "methods", None) or ()):
            if method == "HEAD":
                continue
            unsafe = method in UNSAFE_METHODS
            found.append(Route(method, path, api=False, query=query, body=unsafe))
    return found


def api_paths_of_app(app: FastAPI) -> set[str]:
    """The (method, path) names of the API routes in ``app.routes``, to check the walk against
    the document: a walk that missed routes would sweep too little without saying so."""
    return {
        f"{method} {path}"
        for path, route in _walk(app.routes)
        if path.startswith("/api/")
        for method in getattr(route, "methods", None) or ()
    }


def _walk(routes: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(full path, route) for every route, also those of included routers: FastAPI keeps an
    included router whole (``original_router``) and its prefix in ``include_context``."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            yield from _walk(included.routes, prefix + getattr(context, "prefix", ""))
        elif isinstance(getattr(route, "path", None), str) and hasattr(route, "methods"):
            yield prefix + route.path, route

"""A bare Starlette app serving the same answers as NightCramps: the ceiling of issue #17.

Async endpoints, no validation beyond parsing the JSON body, no threadpool. Served by
``server_load.py``.
"""

from __future__ import annotations

import json

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from benchmarks._bare_payloads import load_payloads


def create_bare_starlette() -> Starlette:
    payloads = load_payloads()

    async def checkin(_request: Request) -> Response:
        return HTMLResponse(payloads["checkin"])

    async def nights(_request: Request) -> Response:
        return JSONResponse(payloads["nights"])

    async def cramp(request: Request) -> Response:
        body = json.loads(await request.body())
        return JSONResponse(
            {**payloads["cramp"], "muscle": body["muscle"], "side": body["side"]}, status_code=201
        )

    async def healthz(_request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/", checkin),
            Route("/api/v1/nights", nights),
            Route("/api/v1/cramps", cramp, methods=["POST"]),
            Route("/healthz", healthz),
        ]
    )

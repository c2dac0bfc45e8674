"""A bare FastAPI app serving the same answers as NightCramps (the yardstick of issue #17).

Sync ``def`` endpoints, as NightCramps's are (each runs in the threadpool), and a pydantic body
model for the cramp, so it pays what the framework makes any app pay and nothing more. The month
of nights is parsed once and serialised on every request. Served by ``server_load.py``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from benchmarks._bare_payloads import load_payloads


class CrampIn(BaseModel):
    at: str
    muscle: str
    side: str
    severity_0_10: int


def create_bare_fastapi() -> FastAPI:
    payloads = load_payloads()
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/", response_class=HTMLResponse)
    def checkin() -> HTMLResponse:
        return HTMLResponse(payloads["checkin"])

    @app.get("/api/v1/nights")
    def nights() -> Any:
        return payloads["nights"]

    @app.post("/api/v1/cramps", status_code=201)
    def cramp(cramp_in: CrampIn) -> Any:
        return {**payloads["cramp"], "muscle": cramp_in.muscle, "side": cramp_in.side}

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app

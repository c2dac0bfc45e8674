"""The one map from domain errors to HTTP, and the handlers that render them.

Pages get ``{status}.html`` (or ``error.html``), htmx requests a fragment, ``/api`` JSON of the form
``{"detail": message, "fields": {name: problem}}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from nightcramps.errors import (
    Conflict,
    Invalid,
    NightcrampsError,
    NotAllowed,
    NotFound,
    TooManyAttempts,
)

STATUS: dict[type[NightcrampsError], int] = {
    NotFound: 404,
    Invalid: 422,
    Conflict: 409,
    NotAllowed: 401,
    TooManyAttempts: 429,
}


def status_for(exc: NightcrampsError) -> int:
    """The HTTP status for a domain error (400 for any subclass not listed)."""
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def is_api(request: Request) -> bool:
    """Whether the request is for the JSON API (errors then answer JSON)."""
    return request.url.path.startswith("/api/")


def describe_validation_errors(errors: Any) -> dict[str, str]:
    """Turn pydantic error entries into ``{field: what to fix}``, in words for people."""
    fields: dict[str, str] = {}
    for error in errors:
        if error.get("type") == "json_invalid":
            where = error.get("loc", ("body", 0))[-1]
            reason = (error.get("ctx") or {}).get("error", "it does not parse")
            fields.setdefault(
                "body",
                f"is not valid JSON ({reason}, at character {where}); check the quotes, "
                "commas and braces (the fields are described in /openapi.json)",
            )
            continue
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query")]
        name = ".".join(location) or "input"
        message = str(error.get("msg", "is not valid"))
        message = message.removeprefix("Value error, ")
        if error.get("type") == "extra_forbidden":
            message = "is not a field this accepts; remove it"
        elif error.get("type") == "missing":
            message = "is required"
        fields.setdefault(name, message)
    return fields


def _summary(fields: dict[str, str]) -> str:
    parts = [f"{name}: {problem}" for name, problem in fields.items()]
    return "Please fix: " + "; ".join(parts) + "."


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers; called once by the app factory."""

    @app.exception_handler(NightcrampsError)
    async def _domain_error(request: Request, exc: NightcrampsError) -> Response:
        status = status_for(exc)
        if isinstance(exc, NotAllowed) and not is_api(request):
            return RedirectResponse(f"/signin?next={request.url.path}", status_code=303)
        headers = {}
        if isinstance(exc, TooManyAttempts):
            headers["Retry-After"] = str(exc.extra.get("retry_after_s", 900))
        if isinstance(exc, NotAllowed):
            headers["WWW-Authenticate"] = "Bearer"
        if is_api(request):
            body = {"detail": exc.message, "fields": exc.fields}
            return JSONResponse(body, status_code=status, headers=headers)
        return render_error(request, status, exc.message, exc.fields, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        fields = describe_validation_errors(exc.errors())
        if is_api(request):
            return JSONResponse({"detail": _summary(fields), "fields": fields}, status_code=422)
        return render_error(request, 422, _summary(fields), fields)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404:
            message = "There is no page at this address."
        if is_api(request):
            return JSONResponse(
                {"detail": message, "fields": {}}, status_code=exc.status_code, headers=exc.headers
            )
        return render_error(request, exc.status_code, message, {}, headers=exc.headers)


def render_error(
    request: Request,
    status: int,
    message: str,
    fields: dict[str, str],
    *,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An error page, or for htmx a small fragment that swaps into the page's message area."""
    templates = request.app.state.templates
    context = {"status": status, "message": message, "fields": fields}
    if request.headers.get("HX-Request"):
        response = templates.TemplateResponse(request, "_error.html", context, status_code=status)
        response.headers["HX-Retarget"] = "#messages"
        response.headers["HX-Reswap"] = "innerHTML"
    else:
        name = templates.env.select_template([f"{status}.html", "error.html"]).name
        response = templates.TemplateResponse(request, name, context, status_code=status)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response  # type: ignore[no-any-return]

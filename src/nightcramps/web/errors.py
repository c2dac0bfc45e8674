"""The one map from domain errors to HTTP, and the handlers that render them.

Pages get ``{status}.html`` (or ``error.html``), htmx requests a fragment that swaps into the
page's ``#messages``, ``/api`` JSON of the form ``{"detail": message, "fields": {name: problem}}``.
Every problem is said in words for people: how to fix it, never pydantic's wording, a pattern or
(on a page) a schema name; pages name the field as the form labels it (``page_forms``).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from nightcramps.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NightcrampsError,
    NotAllowed,
    NotFound,
    TooManyAttempts,
)
from nightcramps.web import page_forms
from nightcramps.web.forms import ValidationProblem
from nightcramps.web.problems import describe_validation_errors, summary

BUSY_RETRY_AFTER_S = 2
"""What a 503 for a busy database asks the client to wait, in seconds."""

STATUS: dict[type[NightcrampsError], int] = {
    NotFound: 404,
    Invalid: 422,
    Conflict: 409,
    NotAllowed: 401,
    Forbidden: 403,
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


STALE_DELETE = (
    "This was already deleted (or undone in another tab); the page now shows what is stored."
)
"""Said when a page's Delete finds nothing to delete: the page was older than what is stored."""

NOT_UTF8_JSON = (
    "is not UTF-8 text; send the JSON encoded as UTF-8 (the fields are described in /openapi.json)"
)
"""Said of a JSON body whose bytes are not UTF-8 (RFC 8259 requires UTF-8)."""

CHECK_FIELDS = "Please check the fields marked below."
"""The message above a form's problems when each is said beside its field."""


def _in_address(fields: Mapping[str, str]) -> str:
    """Problems with a page's address (``/diary/2026-02-30``), said as sentences."""
    said = [
        f"{p[:1].upper()}{p[1:].rstrip('.')}." for k, p in fields.items() if k.startswith("path.")
    ]
    return " ".join(said) + " Check the address." if said else ""


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
        if isinstance(exc, NotFound) and _is_stale_action(request):
            return _show_what_is_stored(request, exc)
        return render_error(request, status, exc.message, exc.fields, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        fields = describe_validation_errors(exc.errors())
        if is_api(request):
            return JSONResponse({"detail": summary(fields), "fields": fields}, status_code=422)
        address = _in_address(fields)
        if address:
            return render_error(request, 422, address, {})
        return render_error(request, 422, CHECK_FIELDS, fields)

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeout)
    async def _database_busy(request: Request, _exc: Exception) -> Response:
        # A locked SQLite file (another program writing past the wait), a full connection pool or
        # a database that does not answer: the request did nothing, and can be sent again.
        message = (
            "The database is busy or not answering, so nothing was saved. "
            f"Try again in {BUSY_RETRY_AFTER_S} seconds."
        )
        headers = {"Retry-After": str(BUSY_RETRY_AFTER_S)}
        if is_api(request):
            body = {"detail": message, "fields": {}}
            return JSONResponse(body, status_code=503, headers=headers)
        return render_error(request, 503, message, {}, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404:
            message = "There is no page at this address."
        elif exc.status_code == 405:
            message = "This address cannot be used that way; go back and use the page's buttons."
        if is_api(request) and isinstance(exc.__cause__, UnicodeDecodeError):
            # FastAPI answers a JSON body that is not UTF-8 with a bare 400 ("There was an error
            # parsing the body"); it is a bad value like any other, said as the API says those.
            fields = {"body": NOT_UTF8_JSON}
            return JSONResponse({"detail": summary(fields), "fields": fields}, status_code=422)
        if is_api(request):
            return JSONResponse(
                {"detail": message, "fields": {}}, status_code=exc.status_code, headers=exc.headers
            )
        return render_error(request, exc.status_code, message, {}, headers=exc.headers)


def _is_stale_action(request: Request) -> bool:
    """A page's Delete or Undo (their forms post to ``.../delete`` and ``.../restore``)."""
    return request.method == "POST" and request.url.path.endswith(("/delete", "/restore"))


def _page_it_came_from(request: Request) -> str:
    """The local address of the page a form was sent from ("/" when unknown or another site)."""
    for header in ("HX-Current-URL", "Referer"):
        sent = urlsplit(request.headers.get(header, ""))
        if sent.netloc == request.url.netloc and sent.path.startswith("/"):
            return sent.path + (f"?{sent.query}" if sent.query else "")
    return "/"


def _show_what_is_stored(request: Request, exc: NotFound) -> Response:
    """A Delete of something already gone (or an Undo of something no longer deleted): the page
    was stale. Say so and show the page again as it is now, rather than a bare "not found"."""
    path = request.url.path
    message = (
        STALE_DELETE
        if path.endswith("/delete")
        else f"{exc.message} The page now shows what is stored."
    )
    request.session.setdefault("flashes", []).append(
        {"message": message, "undo": None, "kind": "error"}
    )
    return RedirectResponse(_page_it_came_from(request), status_code=303)


def render_error(
    request: Request,
    status: int,
    message: str,
    fields: Mapping[str, str],
    *,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An error page, or for htmx a small fragment that swaps into the page's message area.

    ``fields`` are said as the form's page labels them (``page_forms``). When they come from
    validation the message is "check the fields marked below" and each is listed; a refusal's
    own message stands, and its fields are only marked. Either way, for htmx, ``forms.js`` puts
    each field's text beside that field and moves focus to the message.
    """
    templates = request.app.state.templates
    validated = any(isinstance(p, ValidationProblem) for p in fields.values())
    shown = page_forms.page_errors(request, fields)
    context = {
        "status": status,
        "message": CHECK_FIELDS if validated or not message else message,
        "fields": shown,
        "listed": validated,
        "flashes": request.session.pop("flashes", []) if "session" in request.scope else [],
    }
    if request.headers.get("HX-Request"):
        response = templates.TemplateResponse(request, "_error.html", context, status_code=status)
        response.headers["HX-Retarget"] = "#messages"
        response.headers["HX-Reswap"] = "innerHTML"
        # A refused form stays where it is: the address must not become the POST's.
        response.headers["HX-Push-Url"] = "false"
    else:
        name = templates.env.select_template([f"{status}.html", "error.html"]).name
        response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response  # type: ignore[no-any-return]

"""Helpers shared by every feature's page routes: rendering, flash messages, form errors."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from nightcramps.errors import Invalid
from nightcramps.web.deps import csrf_token
from nightcramps.web.problems import describe_validation_errors, summary

M = TypeVar("M", bound=BaseModel)


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> Response:
    """Render a page with what every page needs (CSRF token, flash messages, mode)."""
    settings = request.app.state.settings
    base = {
        "csrf_token": csrf_token(request),
        "flashes": request.session.pop("flashes", []),
        "accounts": settings.accounts,
        "signed_in": "person_id" in request.session,
    }
    response: Response = request.app.state.templates.TemplateResponse(
        request, name, {**base, **(context or {})}, status_code=status_code
    )
    # Pages hold health data and change with every save: never served from a cache, so that
    # Back (with htmx keeping no snapshots, see base.html) shows what is stored, not what was.
    response.headers["Cache-Control"] = "no-store"
    if status_code >= 400 and request.headers.get("HX-Request"):
        # A refused form is shown again where it was: the address stays the page's, not the POST's.
        response.headers["HX-Push-Url"] = "false"
    return response


def flash(request: Request, message: str, *, undo: str | None = None, kind: str = "info") -> None:
    """Queue a message for the next page; ``undo`` is the URL of a form that reverses the action."""
    request.session.setdefault("flashes", []).append(
        {"message": message, "undo": undo, "kind": kind}
    )


def redirect(url: str) -> RedirectResponse:
    """A 303 redirect (after a form POST the browser then GETs the next page)."""
    return RedirectResponse(url, status_code=303)


def parse_form(model: type[M], data: dict[str, Any]) -> tuple[M | None, dict[str, str]]:
    """Validate form data with ``model``; returns the model or ``{field: problem}`` (each a
    ``ValidationProblem``, which a page says in its own words)."""
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        return None, describe_validation_errors(exc.errors(), model)


def form_input(model: type[M], data: dict[str, Any]) -> M:
    """Validate form data with ``model``, for a handler that answers a refused form through the
    error handlers (`web/errors.py`) rather than by drawing the form again itself.

    Raises:
        Invalid: every problem by field, and one sentence naming them all ("Please fix: …").
    """
    parsed, problems = parse_form(model, data)
    if parsed is None:
        raise Invalid(summary(problems), fields=problems)
    return parsed

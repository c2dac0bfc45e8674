"""The OpenAPI document: every API error is documented with the one error shape we send."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field


class ErrorPublic(BaseModel):
    """Every API error: a sentence for people and, per input field, what to fix."""

    detail: str = Field(description="What went wrong and how to fix it.")
    fields: dict[str, str] = Field(
        default_factory=dict, description="Input name → problem with it (may be empty)."
    )


ERROR_STATUSES = {
    "401": "Not signed in, or the API token is not valid.",
    "403": (
        "Refused: a cross-site request, a missing CSRF token, or not allowed with this "
        "credential (a read-only token writing, a token making a token)."
    ),
    "404": "Not found (or not yours).",
    "409": "Conflicts with what is stored.",
    "422": "The input is not valid; `fields` says what to fix.",
    "429": "Too many attempts; wait and retry.",
}


def install_openapi(app: FastAPI) -> None:
    """Replace FastAPI's default validation-error schema with ``ErrorPublic`` everywhere."""

    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["ErrorPublic"] = ErrorPublic.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        error_ref = {"$ref": "#/components/schemas/ErrorPublic"}
        for path, operations in document.get("paths", {}).items():
            if not path.startswith("/api/"):
                continue
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_STATUSES.items():
                    if _declared_model(responses.get(status)):
                        continue  # a route's own body for it (a superset of ErrorPublic)
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": error_ref}},
                    }
        app.openapi_schema = document
        return document

    app.openapi = build  # type: ignore[method-assign]


def _declared_model(response: dict[str, Any] | None) -> bool:
    """Whether a route declared its own error body for a status (``responses={422: {"model":
    ...}}``), other than FastAPI's validation error that ``ErrorPublic`` replaces."""
    schema = (response or {}).get("content", {}).get("application/json", {}).get("schema", {})
    name = str(schema.get("$ref", "")).rsplit("/", 1)[-1]
    return name not in ("", "HTTPValidationError")

"""Sending a sweep's call as a browser or a script would: with a cookie and a CSRF token (in the
header, the form or the query), a bearer token, or a forged variant of either."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from httpx2 import Response

from tests.sweeps.calls import Call

CSRF_HEADER = "X-CSRF-Token"


def send(
    client: TestClient,
    call: Call,
    *,
    headers: dict[str, str] | None = None,
    csrf: str | None = None,
    csrf_where: str = "auto",
    as_type: str | None = None,
) -> Response:
    """Send ``call`` with ``client`` (its cookie, if it has one).

    ``csrf`` is sent as the API and the app's scripts send it (the ``X-CSRF-Token`` header) for
    the API and JSON bodies, as a form's hidden field for forms; ``csrf_where="query"`` puts it
    in the query string instead. ``as_type`` sends the body as that content type instead of its
    own (``text/plain``, ``application/x-www-form-urlencoded``), as a cross-site form would.
    """
    headers = dict(headers or {})
    query: list[tuple[str, str | int | float | bool | None]] = list(call.query)
    body = call.body
    in_header = call.route.api or body is None or body.kind in ("json", "csv")
    field: dict[str, str] = {}
    if csrf is not None:
        if csrf_where == "query":
            query.append(("csrf_token", csrf))
        elif in_header:
            headers[CSRF_HEADER] = csrf
        else:
            field = {"csrf_token": csrf}
    kwargs: dict[str, Any] = {}
    if as_type is not None:
        headers["Content-Type"] = as_type
        kwargs["content"] = _as_text(body.data, as_type) if body is not None else ""
    elif body is not None and body.kind == "json":
        kwargs["json"] = body.data
    elif body is not None and body.kind == "form":
        kwargs["data"] = {**body.data, **field}
    elif body is not None and body.kind == "multipart":
        kwargs["files"] = {"file": ("days.csv", body.data.encode(), "text/csv")}
        kwargs["data"] = field
    elif body is not None and body.kind == "csv":
        headers["Content-Type"] = "text/csv"
        kwargs["content"] = body.data
    return client.request(call.route.method, call.path, params=query, headers=headers, **kwargs)


def _as_text(data: Any, content_type: str) -> str:
    if isinstance(data, str):
        return data
    if content_type == "application/x-www-form-urlencoded" and isinstance(data, dict):
        return urlencode(
            {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in data.items()}
        )
    return json.dumps(data)

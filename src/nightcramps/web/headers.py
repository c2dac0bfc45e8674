"""Security headers on every response: a strict Content-Security-Policy, no framing, no sniffing,
no caching of personal answers (docs/security.md, "Response headers").

A pure ASGI middleware rather than ``BaseHTTPMiddleware``: it only appends header pairs built once
at start-up to the ``http.response.start`` message, so it costs one list copy per response and
never touches the body (streamed files and downloads pass through untouched).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from nightcramps.config import Settings

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Every script is a file under /static: no inline <script>, no on*= handlers, no eval
        # (htmx runs with allowEval off, see base.html's htmx-config).
        "script-src 'self'",
        # Every style is /static/app.css: no style="" attributes, no <style> blocks (htmx's own
        # indicator <style> is turned off in base.html and its two rules live in app.css).
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
"""What a page may load and run: only this origin's own files. ``frame-ancestors 'none'`` is the
clickjacking defence for current browsers; X-Frame-Options DENY covers older ones."""

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)
"""Powerful features the app never uses, turned off for it and anything it might embed."""

HSTS_MAX_AGE_S = 31_536_000
"""One year, the usual value for HSTS (and the minimum for browsers' preload lists)."""

STATIC_PREFIX = "/static/"
"""Files under here are the same for everyone, so they keep their own caching (ETag and
Last-Modified from StaticFiles) instead of ``no-store``."""

_Header = tuple[bytes, bytes]

COMMON_HEADERS: tuple[_Header, ...] = tuple(
    (name.encode("latin-1"), value.encode("latin-1"))
    for name, value in (
        ("content-security-policy", CONTENT_SECURITY_POLICY),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("permissions-policy", PERMISSIONS_POLICY),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
    )
)
HSTS_HEADER: _Header = (b"strict-transport-security", f"max-age={HSTS_MAX_AGE_S}".encode())
NO_STORE_HEADER: _Header = (b"cache-control", b"no-store")


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP response that passes through it.

    - The policy headers (``COMMON_HEADERS``) go on everything: pages, API answers, static files,
      error pages, redirects. A header the handler already set is left as the handler set it.
    - ``Strict-Transport-Security`` only when the request came over HTTPS (``scope["scheme"]``,
      which uvicorn takes from a trusted proxy's ``X-Forwarded-Proto``); on plain HTTP browsers
      ignore it and a local server must never promise TLS it does not have.
    - ``Cache-Control: no-store`` on everything outside /static/ unless the handler chose its own
      (the service worker's ``no-cache``, for instance): pages and JSON hold a person's diary.

    ``settings`` is the app's configuration; the headers do not depend on any setting today (the
    middleware takes it so that a later setting needs no change to the app factory).
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.plain_headers = COMMON_HEADERS
        self.https_headers = (*COMMON_HEADERS, HSTS_HEADER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = self.https_headers if scope.get("scheme") == "https" else self.plain_headers
        cacheable = scope["path"].startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[_Header] = list(message.get("headers", ()))
                present = {name.lower() for name, _value in headers}
                headers.extend(h for h in added if h[0] not in present)
                if not cacheable and b"cache-control" not in present:
                    headers.append(NO_STORE_HEADER)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

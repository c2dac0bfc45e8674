"""Security headers on every kind of answer (audit M4 and "Missing headers"), HSTS only over
HTTPS, no-store on personal answers, and ``testserver`` no longer an allowed host (audit L4)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from nightcramps.config import Settings
from nightcramps.web.app import create_app
from tests.conftest import DEFAULT_HOSTS

EXPECTED = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "object-src 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "permissions-policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), "
        "browsing-topics=()"
    ),
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
"""The headers every answer carries, written out here rather than imported, so that a changed
policy shows up as a failing test."""

SECRET = "s" * 40


def assert_secured(response: httpx2.Response) -> None:
    """Every security header is there once, with its exact value; no HSTS over plain HTTP."""
    for name, value in EXPECTED.items():
        assert response.headers.get_list(name) == [value], (response.url, name)
    assert "strict-transport-security" not in response.headers, response.url


def _token(client: TestClient) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert match
    return match.group(1)


@pytest.fixture
def plain(app: FastAPI) -> Iterator[TestClient]:
    """A client that does not follow redirects, so that the 303 itself is checked."""
    with TestClient(app, follow_redirects=False) as client:
        yield client


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/diary", 200),
        ("/now", 200),
        ("/api/v1/nights", 200),
        ("/api/v1/guidance", 200),
        ("/openapi.json", 200),
        ("/healthz", 200),
        ("/data/daily.csv", 200),
        ("/routine/reminder.ics?time=21:30", 200),
        ("/no-such-page", 404),
        ("/api/v1/no-such-thing", 404),
        ("/diary/not-a-date", 422),
        ("/api/v1/nights?from=soon", 422),
    ],
)
def test_pages_api_and_errors_carry_the_headers_and_no_store(
    plain: TestClient, path: str, status: int
) -> None:
    """Pages, JSON, downloads, 404s and refused input: every header, and Cache-Control
    no-store because they hold (or may hold) a person's diary."""
    response = plain.get(path)
    assert response.status_code == status
    assert_secured(response)
    assert response.headers.get_list("cache-control") == ["no-store"]


def test_static_files_carry_the_headers_but_stay_cacheable(plain: TestClient) -> None:
    """A stylesheet, a script and an SVG carry the headers but no no-store: they are the same
    for everyone and keep StaticFiles' validators."""
    for path in (
        "/static/app.css",
        "/static/vendor/htmx-2.0.11.min.js",
        "/static/guidance/calf-wall.svg",
    ):
        response = plain.get(path)
        assert response.status_code == 200, path
        assert_secured(response)
        assert "cache-control" not in response.headers, path
        assert response.headers["etag"], path


def test_a_missing_static_file_carries_the_headers(plain: TestClient) -> None:
    """A 404 under /static (the error page) carries every header."""
    missing = plain.get("/static/no-such-file.js")
    assert missing.status_code == 404
    assert_secured(missing)


def test_the_service_worker_keeps_its_own_cache_control(plain: TestClient) -> None:
    """/sw.js keeps the no-cache its handler sets (so updates are picked up) and gets the rest."""
    response = plain.get("/sw.js")
    assert response.status_code == 200
    assert_secured(response)
    assert response.headers.get_list("cache-control") == ["no-cache"]


def test_a_form_redirect_and_a_refused_form_carry_the_headers(plain: TestClient) -> None:
    """The 303 after "No cramps" and the 403 of a forged post carry every header."""
    form = {"csrf_token": _token(plain), "night_of": "2026-11-23"}
    done = plain.post("/checkin/no-cramps", data=form)
    assert done.status_code == 303
    assert_secured(done)
    assert done.headers["cache-control"] == "no-store"
    forged = plain.post("/checkin/no-cramps", data={"night_of": "2026-11-22"})
    assert forged.status_code == 403
    assert_secured(forged)
    wrong_method = plain.put("/api/v1/nights", json={})
    assert wrong_method.status_code == 405
    assert_secured(wrong_method)


def test_compressed_pages_carry_the_headers(plain: TestClient) -> None:
    """A gzip-compressed page (over GZip's 1 kB floor) still carries every header."""
    response = plain.get("/guidance", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert_secured(response)


def test_accounts_mode_sign_in_redirect_carries_the_headers(settings: Settings) -> None:
    """In accounts mode the redirect of a signed-out visitor to /signin, and the sign-in page,
    carry every header and no-store."""
    data = {**settings.model_dump(), "accounts": True, "secret_key": SECRET}
    accounts = Settings.model_validate({**data, "secure_cookies": False})
    with TestClient(create_app(accounts, migrate=False), follow_redirects=False) as client:
        away = client.get("/")
        signin = client.get("/signin")
    assert away.status_code == 303
    assert away.headers["location"].startswith("/signin")
    assert signin.status_code == 200
    for response in (away, signin):
        assert_secured(response)
        assert response.headers["cache-control"] == "no-store"


def test_hsts_only_over_https(app: FastAPI) -> None:
    """Over HTTPS (as a TLS proxy reports it) every answer, static files included, carries
    Strict-Transport-Security for a year; the same app over plain HTTP never sends it."""
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        for path in ("/", "/api/v1/nights", "/static/app.css", "/no-such-page"):
            response = client.get(path)
            assert response.headers.get_list("strict-transport-security") == ["max-age=31536000"], (
                path
            )
            assert response.headers["x-frame-options"] == "DENY"
    with TestClient(app, base_url="http://testserver") as client:
        assert "strict-transport-security" not in client.get("/").headers


def test_a_refused_host_gets_the_headers_too(plain: TestClient) -> None:
    """The 400 for a host the server does not answer to carries every header."""
    response = plain.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert_secured(response)


def test_testserver_is_not_an_allowed_host_by_default(settings: Settings) -> None:
    """With the default allowed hosts, ``Host: testserver`` gets 400 like any other unknown
    name; the loopback names still work."""
    default = Settings.model_validate({**settings.model_dump(), "allowed_hosts": DEFAULT_HOSTS})
    app = create_app(default, migrate=False)
    with TestClient(app) as client:
        refused = client.get("/")
    with TestClient(app, base_url="http://127.0.0.1") as client:
        allowed = client.get("/")
    assert refused.status_code == 400
    assert allowed.status_code == 200


# ---------------------------------------------------------------------------- what the CSP forbids

SOURCE = Path(__file__).resolve().parents[1] / "src" / "nightcramps"
TEMPLATES = sorted(SOURCE.glob("*/templates/**/*.html"))
FORBIDDEN_IN_TEMPLATES = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"),
    "event handler attribute": re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "style block": re.compile(r"<style", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "htmx that needs eval": re.compile(r"\s(data-)?hx-(on|vars)\b|hx-trigger=\"[^\"]*\["),
}
"""What the Content-Security-Policy would refuse (or htmx with allowEval off would ignore)."""
JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def test_templates_hold_nothing_the_policy_refuses() -> None:
    """No template has an inline script (JSON data blocks aside), an on*= handler, a style
    attribute or block, a javascript: URL, or htmx that needs eval: the browser test sees the
    pages it visits, this sees every branch of every template."""
    assert len(TEMPLATES) > 30
    found = [
        f"{path.relative_to(SOURCE)}: {what}"
        for path in TEMPLATES
        for what, pattern in FORBIDDEN_IN_TEMPLATES.items()
        if pattern.search(JINJA_COMMENT.sub("", path.read_text()))
    ]
    assert found == []


def test_static_svgs_have_no_style_or_script() -> None:
    """The illustrations carry their colours as attributes: opened on their own they are
    documents under the policy, which refuses a <style> block."""
    svgs = sorted((SOURCE / "web" / "static").glob("**/*.svg"))
    assert svgs
    assert [p.name for p in svgs if re.search(r"<style|style=|<script", p.read_text())] == []

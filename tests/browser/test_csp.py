"""The Content-Security-Policy in a real Chromium: the pages break none of it and still work, and
another site cannot frame the app to steal a click (audit M4)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from nightcramps import timing
from nightcramps.config import Settings
from tests.browser.conftest import LiveServer

RECORD_VIOLATIONS = """
window.__csp = [];
window.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" +
    e.lineNumber + " " + e.sample);
}, true);
window.addEventListener("htmx:evalDisallowedError", function (e) {
  window.__csp.push("htmx eval refused on " + e.target.outerHTML.slice(0, 80));
}, true);
"""
"""Runs before any page script: keeps every CSP violation (and any htmx feature refused for
needing eval) the page meets, so a test can read them back."""

LOCAL_PAGES = [
    "/",
    "/cramps/new",
    "/diary",
    "/diary/2026-11-23",
    "/now",
    "/today",
    "/medicines",
    "/day",
    "/my-foods",
    "/guidance",
    "/guidance/magnesium",
    "/checkup",
    "/routine",
    "/insights",
    "/data/daily",
    "/data/import",
    "/profile",
    # An illustration opened on its own (say "open image in new tab") is a document under the
    # policy too: its colours are attributes, not a <style> the policy would refuse.
    "/static/guidance/calf-wall.svg",
]
"""The pages of docs/pages.md in local mode (those without an id, plus a night and a guidance
entry, whose templates carry scripts of their own)."""


class Violations:
    """What one page broke of the policy: its own securitypolicyviolation events and the
    browser console's "Content Security Policy" messages."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def of_current_page(self) -> list[str]:
        """Every violation seen so far (the page's events and the whole tab's console)."""
        recorded: list[str] = self.page.evaluate("window.__csp || []")
        return recorded + self.console


@pytest.fixture
def violations(page: Page) -> Violations:
    return Violations(page)


def visit(page: Page, url: str) -> None:
    """Open ``url`` and wait until its scripts and htmx fragments have loaded."""
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_no_page_breaks_the_content_security_policy(
    page: Page, live_url: str, violations: Violations
) -> None:
    """Every main page loads and runs its scripts, styles and fragments without a CSP violation,
    and htmx runs with eval and its own <style> turned off."""
    seen: dict[str, list[str]] = {}
    for path in LOCAL_PAGES:
        visit(page, live_url + path)
        found = violations.of_current_page()
        if found:
            seen[path] = found
        violations.console.clear()
    assert seen == {}
    visit(page, live_url + "/")
    config = page.evaluate(
        "() => [htmx.config.allowEval, htmx.config.includeIndicatorStyles,"
        " document.querySelectorAll('style').length]"
    )
    assert config == [False, False, 0]


def test_scripts_still_work_under_the_policy(
    page: Page, live_url: str, violations: Violations
) -> None:
    """htmx fragments and boosted forms, the routine's JSON data block, type-ahead (hx-vals,
    a delayed trigger) and the cramp-now timer all work under the policy, with no violation."""
    visit(page, live_url + "/")
    expect(page.get_by_role("region", name="Tonight")).to_be_visible()  # an htmx fragment
    page.get_by_role("button", name="No cramps").click()  # a boosted form, posted by htmx
    expect(page.get_by_text("Logged: no cramps")).to_be_visible()

    visit(page, live_url + "/routine")
    # routine.js read its steps from the <script type="application/json"> block and drew them.
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#phase")).to_have_text("Get into position")
    expect(page.locator("#step-title")).not_to_be_empty()

    visit(page, live_url + "/day")
    page.get_by_label("What and how much").fill("avoc")
    expect(
        page.get_by_role("button", name="Avocados, raw, all commercial varieties")
    ).to_be_visible()

    visit(page, live_url + "/now")
    page.get_by_role("button", name="Left leg").click()
    page.clock.run_for(65_000)
    expect(page.locator("#now-clock")).to_have_text("1:05")
    assert violations.of_current_page() == []


def test_signed_out_pages_keep_the_policy(
    page: Page, settings: Settings, clock_start: datetime, violations: Violations
) -> None:
    """In accounts mode the sign-up and sign-in pages (with their own scripts) break nothing."""
    accounts = Settings.model_validate(
        {**settings.model_dump(), "accounts": True, "secret_key": "k" * 40, "secure_cookies": False}
    )
    with LiveServer(accounts, clock=timing.ticking_clock(clock_start)) as server:
        for path in ("/signup", "/signin", "/signin?signed_out=1"):
            visit(page, server.url + path)
            assert violations.of_current_page() == [], path


# ---------------------------------------------------------------------------- framing


@pytest.fixture
def other_origin(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Another site on this machine: a plain file server on a second loopback port (same site
    as the app, another origin, which the audit found could frame it). Yields its URL and the
    folder it serves."""
    handler = partial(_QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log on the test output."""


FRAME_WIDTH, FRAME_HEIGHT = 390, 820
"""The framed app's size: tall enough that "No cramps" is inside the frame and the viewport (with
these headers switched off, a click there wrote a night, as the audit found)."""


def where_no_cramps_is(page: Page, live_url: str, clock_start: datetime) -> dict[str, float]:
    """Where the "No cramps" button sits on the check-in page in a window the size of the
    frame: where a framing page would put its decoy."""
    probe = page.context.new_page()
    probe.set_viewport_size({"width": FRAME_WIDTH, "height": FRAME_HEIGHT})
    probe.clock.install(time=clock_start)
    visit(probe, live_url + "/")  # with its fragments, which move the button down
    box = probe.get_by_role("button", name="No cramps").bounding_box()
    probe.close()
    assert box is not None
    return {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}


def test_another_site_cannot_frame_the_app(
    page: Page, live_url: str, clock_start: datetime, other_origin: tuple[str, Path]
) -> None:
    """A page on another port that frames the check-in page gets an empty frame: the "No
    cramps" button cannot be reached there, a click where it would be writes no night, and
    the browser says the framing was refused. A frame of the other site's own shows normally."""
    url, folder = other_origin
    target = where_no_cramps_is(page, live_url, clock_start)
    (folder / "own.html").write_text("<!doctype html><button>Own button</button>")
    (folder / "frame.html").write_text(
        "<!doctype html><title>Win a prize</title><body style='margin:0'>"
        f'<iframe id="app" src="{live_url}/" width="{FRAME_WIDTH}" height="{FRAME_HEIGHT}"'
        ' frameborder="0"></iframe>'
        '<iframe id="own" src="/own.html" width="390" height="60"></iframe>'
    )
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)

    visit(page, url + "/frame.html")
    # The control: a frame that is allowed does load, and the locators can see into it.
    expect(page.frame_locator("#own").get_by_role("button", name="Own button")).to_be_visible()
    app_frame = page.frame_locator("#app")
    expect(app_frame.get_by_role("button", name="No cramps")).to_have_count(0)
    expect(app_frame.locator("body")).not_to_contain_text("How was last night?")
    frame = page.locator("#app").bounding_box()
    assert frame is not None
    page.mouse.click(frame["x"] + target["x"], frame["y"] + target["y"])
    page.wait_for_timeout(500)

    assert any("frame-ancestors 'none'" in text for text in refused), refused
    nights = page.request.get(live_url + "/api/v1/nights").json()
    assert nights["count"] == 0

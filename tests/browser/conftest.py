"""A live server on a free loopback port and a real headless Chromium driven by Playwright.

Both run on the tests' clock: the server's starts at ``clock_start`` (19:00 on Tue 24 Nov 2026
in London unless a test parametrises ``clock_start``) and ticks, and each page's browser clock is
installed at the same moment, so what the pages show does not depend on the day the suite runs.

Chromium comes from Debian (/usr/bin/chromium, installed by scripts/test-services.sh); Playwright's
own browser download is not used. axe-core (from npm, see package.json) checks accessibility.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from nightcramps import timing
from nightcramps.config import Settings
from nightcramps.foods import service as foods_service
from nightcramps.nutrition import gaps as nutrition_gaps
from nightcramps.web.app import create_app

CHROMIUM = os.environ.get("NIGHTCRAMPS_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser

BROWSER_NOW = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)
"""Where the clocks of the live server and the browser start: an evening (tonight's card shows),
with last night the 23rd."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """Runs the app with uvicorn in a thread for the duration of one test."""

    def __init__(self, settings: Settings, clock: timing.Clock | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(settings, migrate=False, clock=clock)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the live server did not start within 10 s")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def clock_start() -> datetime:
    """The browser tests' 'now' (see the module docstring); parametrise to move it."""
    return BROWSER_NOW


@pytest.fixture
def live_url(settings: Settings, clock_start: datetime) -> Iterator[str]:
    """The base URL of the app served on loopback against the test database, on the tests'
    clock."""
    with LiveServer(settings, clock=timing.ticking_clock(clock_start)) as server:
        yield server.url


@pytest.fixture(scope="session", autouse=True)
def _warm_food_tables() -> None:
    """What ``nightcramps serve`` loads before (and just after) it answers: the food database
    and the "close the gap" rankings, so that no page test times a cold start."""
    foods_service.warm_up()
    nutrition_gaps.warm_up()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; run scripts/test-services.sh to install it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, clock_start: datetime) -> Iterator[Page]:
    """A fresh phone-sized page (its own cookies) for each test, in London, its clock installed
    at ``clock_start`` and ticking."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, color_scheme="dark", timezone_id="Europe/London"
    )
    page = context.new_page()
    page.clock.install(time=clock_start)
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[Any]:
    """Run axe-core on the current page; the violations of the given impacts."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}; run `npm ci` (make test does)")
    # Evaluated through DevTools, not added as a <script>: the app's Content-Security-Policy
    # (script-src 'self') refuses inline scripts, and add_script_tag makes one.
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document)")
    found = [v for v in result["violations"] if v.get("impact") in impacts]
    if found:
        summary = [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in found
        ]
        print(json.dumps(summary, indent=2))  # noqa: T201 - shown by pytest on failure
    return found

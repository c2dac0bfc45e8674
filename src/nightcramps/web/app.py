"""The application factory: settings in, a ready FastAPI app out (no global state)."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from nightcramps import __version__
from nightcramps.accounts import routes as accounts_routes
from nightcramps.accounts import security_routes
from nightcramps.backup import routes as backup_routes
from nightcramps.config import Settings, get_settings
from nightcramps.dailyvalues import routes as dailyvalues_routes
from nightcramps.daylog import routes as daylog_routes
from nightcramps.diary import routes as diary_routes
from nightcramps.experiments import routes as experiments_routes
from nightcramps.fhir import routes as fhir_routes
from nightcramps.foods import routes as foods_routes
from nightcramps.foods import service as foods_service
from nightcramps.guidance import routes as guidance_routes
from nightcramps.housekeeping import purge_expired
from nightcramps.imports import routes as imports_routes
from nightcramps.insights import routes as insights_routes
from nightcramps.nutrition import gaps as nutrition_gaps
from nightcramps.nutrition import routes as nutrition_routes
from nightcramps.report import routes as report_routes
from nightcramps.sharing import routes as sharing_routes
from nightcramps.storage.engine import PoolSize, make_engine
from nightcramps.storage.migrate import upgrade
from nightcramps.storage.session import make_sessionmaker
from nightcramps.timing import Clock, system_clock, use_clock
from nightcramps.web import errors
from nightcramps.web.deps import NotAllowedCsrf
from nightcramps.web.guard import ConcurrencyLimit, RequestGuard, WriteQueue
from nightcramps.web.headers import SecurityHeadersMiddleware
from nightcramps.web.openapi import install_openapi
from nightcramps.web.sessions import ServerSessionMiddleware
from nightcramps.web.templating import make_templates

STATIC_DIR = Path(__file__).parent / "static"
UPLOAD_PATHS = (*dailyvalues_routes.UPLOAD_PATHS, *backup_routes.UPLOAD_PATHS)
"""The routes that take a file (a larger body, any content type)."""
SESSION_COOKIE = "nightcramps_session"

FEATURE_ROUTERS = [
    accounts_routes.pages,
    accounts_routes.api,
    security_routes.pages,
    security_routes.api,
    diary_routes.pages,
    diary_routes.api,
    foods_routes.pages,
    foods_routes.api,
    dailyvalues_routes.pages,
    dailyvalues_routes.api,
    imports_routes.pages,
    imports_routes.api,
    daylog_routes.pages,
    daylog_routes.api,
    insights_routes.pages,
    insights_routes.api,
    guidance_routes.pages,
    guidance_routes.api,
    nutrition_routes.pages,
    nutrition_routes.api,
    report_routes.pages,
    report_routes.api,
    backup_routes.pages,
    backup_routes.api,
    fhir_routes.api,
    experiments_routes.pages,
    experiments_routes.api,
    sharing_routes.pages,
    sharing_routes.viewer,
    sharing_routes.api,
]


class ClockMiddleware:
    """Serves every request on the app's clock: whatever asks for "now" while it is answered
    (services, templates, the session's timestamps) reads ``clock``."""

    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        with use_clock(self.clock):
            await self.app(scope, receive, send)


def warm_up() -> None:
    """Load what a server's first requests would otherwise wait for: the food index now, and
    the Food page's "close the gap" lists in the background while the server already answers."""
    foods_service.warm_up()
    threading.Thread(target=nutrition_gaps.warm_up, name="warm-up", daemon=True).start()


def create_worker_app() -> FastAPI:
    """The app of one of ``nightcramps serve --workers N``'s processes: settings from the
    environment, the database already migrated by ``serve`` before the workers started."""
    warm_up()
    return create_app(migrate=False)


def create_app(
    settings: Settings | None = None, *, migrate: bool = True, clock: Clock | None = None
) -> FastAPI:
    """Build the app from ``settings`` (read from the environment when None).

    The database is migrated to the latest schema before the first request unless ``migrate`` is
    False (tests that migrate once for the whole session pass False). ``clock`` is what the app
    takes for "now" (the machine's clock when None); tests pass a fixed one.
    """
    settings = settings or get_settings()  # InvalidSettings names no value (no secret)
    clock = clock or system_clock
    pool = PoolSize(
        settings.database_pool_size,
        settings.database_max_overflow,
        settings.database_pool_timeout_s,
    )
    engine = make_engine(settings.database_url, pool=pool)
    if migrate:
        upgrade(engine)
    with use_clock(clock):
        purge_expired(engine, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="NightCramps",
        version=__version__,
        description="Night diary and evidence-graded guidance for night leg cramps.",
        lifespan=lifespan,
        # FastAPI's interactive docs load scripts from a CDN; a private app makes no such calls.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.clock = clock
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.templates = make_templates()
    # SQLite has one writer: changes queue for it in the app rather than race for its lock.
    app.state.write_queue = WriteQueue() if engine.dialect.name == "sqlite" else None
    # Fewer requests at once than pooled connections: none waits for a connection (#17).
    app.state.request_limit = ConcurrencyLimit(
        settings.max_concurrent_requests, settings.request_queue_seconds
    )
    # Innermost, so that it knows who is signed in, and its refusals are the app's own pages.
    app.add_middleware(
        RequestGuard,
        accounts=settings.accounts,
        upload_paths=UPLOAD_PATHS,
        write_queue=app.state.write_queue,
        unqueued_paths=accounts_routes.HASHING_PATHS,
        stream_paths=imports_routes.STREAM_PATHS,
        limit=app.state.request_limit,
    )
    app.add_middleware(
        ServerSessionMiddleware,  # the cookie holds an id; the session is in the database
        sessionmaker=app.state.sessionmaker,
        secret_key=settings.session_secret,
        cookie_name=SESSION_COOKIE,
        secure=settings.accounts and settings.secure_cookies,
        max_age=timedelta(days=settings.session_max_age_days),
        idle=timedelta(days=settings.session_idle_days),
        write_queue=app.state.write_queue,
    )
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(ClockMiddleware, clock=clock)
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)  # outermost: on every answer
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    errors.install_error_handlers(app)
    install_openapi(app)

    @app.exception_handler(NotAllowedCsrf)
    async def _csrf(request: Request, _exc: NotAllowedCsrf) -> Response:
        message = "This form has expired or came from another site. Reload the page and try again."
        if errors.is_api(request):
            return JSONResponse({"detail": message, "fields": {}}, status_code=403)
        return errors.render_error(request, 403, message, {})

    for router in FEATURE_ROUTERS:
        app.include_router(router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app

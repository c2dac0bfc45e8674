"""The `nightcramps` command: global options, `serve`, `db`, `token`, `profile`, `demo`."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer import _click as click  # Typer's own copy of click, which its classes are typed with
from typer.core import TyperGroup

from nightcramps import __version__
from nightcramps.cli.context import CliState, state
from nightcramps.cli.output import command, fail
from nightcramps.config import LOOPBACK_HOSTS, get_settings

if TYPE_CHECKING:
    from nightcramps.config import Settings

COMMANDS = {
    "cramp": "diary",
    "night": "diary",
    "activity": "daylog",
    "stretch": "daylog",
    "sleep": "daylog",
    "caffeine": "daylog",
    "alcohol": "daylog",
    "medicine": "daylog",
    "day-set": "daylog",
    "today": "daylog",
    "foods": "foods",
    "guidance": "guidance",
    "export": "backup",
    "delete-everything": "backup",
    "import": "imports",
    "insights": "insights",
    "report": "report",
    "experiment": "experiments",
    "share": "sharing",
    "eat": "nutrition",
    "drink": "nutrition",
    "day": "nutrition",
    "targets": "nutrition",
    "target": "nutrition",
    "supplement": "nutrition",
    "custom-food": "nutrition",
    "intake": "nutrition",
    "token": "accounts",
    "profile": "accounts",
}
"""Each command and the package whose ``cli.register`` adds it. A command's package is imported
only when that command runs (or help lists it): ``nightcramps import`` never loads the web app,
the insights' statistics or the food search."""


@cache
def _registered(package: str) -> dict[str, click.Command]:
    """The commands ``nightcramps.<package>.cli.register`` adds, as click commands."""
    module = importlib.import_module(f"nightcramps.{package}.cli")
    holder = typer.Typer()
    module.register(holder)
    return dict(typer.main.get_group(holder).commands)


class LazyGroup(TyperGroup):
    """The root group: the commands of :data:`COMMANDS` are loaded on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *super().list_commands(ctx)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            return _registered(COMMANDS[cmd_name]).get(cmd_name)
        return super().get_command(ctx, cmd_name)


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="nightcramps",
    help="NightCramps: a private diary and evidence-graded guide for night leg cramps.",
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    cls=LazyGroup,
)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def walk() -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command with its path, depth first: ``()`` (the root), ``("cramp",)``,
    ``("cramp", "add")`` … (loading every package; for the docs and the tests)."""
    root = typer.main.get_group(app)

    def under(command: click.Command, path: tuple[str, ...]) -> Iterator[Any]:
        yield path, command
        if isinstance(command, TyperGroup):
            with click.Context(command) as ctx:
                for name in sorted(command.list_commands(ctx)):
                    sub = command.get_command(ctx, name)
                    if sub is not None:
                        yield from under(sub, (*path, name))

    yield from under(root, ())


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="NIGHTCRAMPS_DATABASE_URL",
            help="Database URL (default: SQLite in your data directory).",
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--user", help="Act for this account's email (accounts mode)."),
    ] = None,
    version: Annotated[  # noqa: ARG001 - handled by its eager callback
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Global options come before the command: nightcramps --database-url URL night list."""
    try:
        settings = get_settings(database_url=database_url)
    except ValueError as exc:  # InvalidSettings: one line per variable, no values (secrets)
        problems = "".join(f"\n  {line}" for line in str(exc).splitlines())
        raise fail(f"the settings are not valid; fix these variables:{problems}") from None
    ctx.obj = CliState(settings=settings, user_email=user)
    ctx.call_on_close(ctx.obj.close)


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    demo: Annotated[bool, typer.Option("--demo", help="Serve the demo database.")] = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes (accounts mode; use PostgreSQL for more than one).",
        ),
    ] = 1,
) -> None:
    """Serve the app. Without accounts it listens only on loopback (this computer).

    The database is migrated once, before the server starts; with ``--workers N`` the N
    processes then share it, and everything they must agree on (sessions, sign-in limits) is in
    it.
    """
    import uvicorn

    from nightcramps.storage.engine import make_engine
    from nightcramps.storage.migrate import upgrade
    from nightcramps.web.app import create_app, warm_up

    settings = state(ctx).settings
    if not settings.accounts and host not in LOOPBACK_HOSTS:
        raise fail(
            f"refusing to listen on {host}: without accounts anyone on the network could read "
            "your diary. Use --host 127.0.0.1, or turn on accounts (NIGHTCRAMPS_ACCOUNTS=1 and "
            "NIGHTCRAMPS_SECRET_KEY)."
        )
    if workers > 1 and not settings.accounts:
        raise fail(
            "--workers is for a server with accounts: one person needs one process. Leave it "
            "out, or turn on accounts (NIGHTCRAMPS_ACCOUNTS=1 and NIGHTCRAMPS_SECRET_KEY)."
        )
    if demo:
        settings = settings.model_copy(update={"database_url": settings.demo_database_url})
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)  # once, here: workers starting together must not race to migrate
    finally:
        engine.dispose()
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "server_header": False,
        "proxy_headers": bool(settings.trusted_proxies),
        "forwarded_allow_ips": settings.trusted_proxies or [],
    }
    typer.echo(f"NightCramps on http://{host}:{port}  (database: {_safe_url(settings)})")
    if workers == 1:
        warm_up()
        uvicorn.run(create_app(settings, migrate=False), **options)
        return
    # Each worker builds its app from the environment, so what this command was told goes there.
    os.environ["NIGHTCRAMPS_DATABASE_URL"] = settings.database_url
    uvicorn.run(WORKER_APP, factory=True, workers=workers, **options)


WORKER_APP = "nightcramps.web.app:create_worker_app"
"""The app factory each of ``serve --workers N``'s processes calls."""


def _safe_url(settings: Settings) -> str:
    from sqlalchemy import make_url

    return make_url(settings.database_url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Apply database migrations (serve and every command also do this on their own)."""
    from nightcramps.storage.migrate import upgrade

    cli = state(ctx)
    upgrade(cli.engine)
    typer.echo(f"Database is up to date: {_safe_url(cli.settings)}")


@app.command()
@command
def demo(
    ctx: typer.Context,
    nights: Annotated[int, typer.Option(min=7, max=3650, help="How many nights.")] = 90,
) -> None:
    """Fill a separate demo database with example nights and days; then `serve --demo`."""
    from nightcramps.demo import fill_demo
    from nightcramps.diary import service as diary_service

    settings = state(ctx).settings
    demo_state = CliState(
        settings=settings.model_copy(update={"database_url": settings.demo_database_url})
    )
    try:
        with demo_state.session() as session:
            owner = demo_state.owner(session)
            if diary_service.list_nights(session=session, owner=owner):
                raise fail(
                    f"the demo database already has nights ({_safe_url(demo_state.settings)}); "
                    "delete that file to start over."
                )
            last = diary_service.last_night(owner=owner)
            summary = fill_demo(session=session, owner=owner, last=last, nights=nights)
    finally:
        demo_state.close()
    typer.echo(
        f"Logged {summary.nights} demo nights ({summary.cramp_nights} with cramps), "
        f"{summary.days_with_values} days of drink and activity, and "
        f"{summary.food_entries} foods and drinks on {summary.days_with_food} days in "
        f"{_safe_url(demo_state.settings)}."
    )
    typer.echo("See them with: nightcramps serve --demo")


def main() -> None:
    """Entry point of the `nightcramps` script."""
    app()

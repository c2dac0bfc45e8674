"""`nightcramps share`: make, list and revoke read-only links to your report and diary."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from nightcramps import timing
from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table
from nightcramps.sharing import service
from nightcramps.sharing.schemas import ShareLinkCreate

share_app = typer.Typer(
    help="Read-only links to your report (and diary) for a doctor or carer.", no_args_is_help=True
)

DEFAULT_BASE_URL = "http://127.0.0.1:8000"
"""Where ``nightcramps serve`` listens by default: the start of a link made here."""


class ScopeChoice(StrEnum):
    report = "report"
    diary = "diary"


def register(app: typer.Typer) -> None:
    """Add ``share`` to the root app."""
    app.add_typer(share_app, name="share")


@share_app.command("create")
@command
def share_create(
    ctx: typer.Context,
    days: Annotated[int, typer.Option("--days", help="How long the link works: 7 or 30 days.")] = 7,
    scope: Annotated[
        ScopeChoice,
        typer.Option(help="report: the clinician report; diary: the report and the diary."),
    ] = ScopeChoice.report,
    label: Annotated[str, typer.Option(help="Who it is for (only you see it).")] = "",
    base_url: Annotated[
        str,
        typer.Option(
            "--base-url", help="The app's address as the viewer reaches it (the server's URL)."
        ),
    ] = DEFAULT_BASE_URL,
    as_json: JsonOption = False,
) -> None:
    """Make a link (shown once; it works only while the app is served where the viewer can
    reach it)."""
    cli = state(ctx)
    link_in = ShareLinkCreate.model_validate({"scope": scope.value, "days": days, "label": label})
    now = timing.utcnow()
    with cli.session() as session:
        owner = cli.owner(session)
        link, token = service.create_link(session=session, owner=owner, link_in=link_in, now=now)
        public = service.to_public(link, now)
    url = base_url.rstrip("/") + service.path_of(token)
    if as_json:
        emit_json({**public.model_dump(mode="json"), "url": url, "path": service.path_of(token)})
        return
    typer.echo(url)
    typer.echo(
        f"Link {public.id} ({public.scope}) works until {public.expires_at:%Y-%m-%d %H:%M} UTC. "
        "It is not shown again; revoke it with `nightcramps share revoke "
        f"{public.id}`.",
        err=True,
    )


COLUMNS = ["id", "label", "scope", "status", "created_at", "expires_at", "views", "last_viewed_at"]


@share_app.command("list")
@command
def share_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List your links with their status, expiry and views (the links' addresses are not
    stored and cannot be shown)."""
    cli = state(ctx)
    now = timing.utcnow()
    with cli.session() as session:
        owner = cli.owner(session)
        links = [
            service.to_public(row, now) for row in service.list_links(session=session, owner=owner)
        ]
    if as_json:
        emit_json(links)
        return
    rows = [
        [
            p.id,
            p.label,
            p.scope,
            p.status,
            f"{p.created_at:%Y-%m-%d %H:%M}",
            f"{p.expires_at:%Y-%m-%d %H:%M}",
            p.view_count,
            f"{p.last_viewed_at:%Y-%m-%d %H:%M}" if p.last_viewed_at else "",
        ]
        for p in links
    ]
    emit_table(rows, COLUMNS, empty="You have no share links.")


@share_app.command("revoke")
@command
def share_revoke(
    ctx: typer.Context, link_id: Annotated[int, typer.Argument(help="The link's number.")]
) -> None:
    """Revoke a link: it answers "not found" from now on."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        service.revoke_link(session=session, owner=owner, link_id=link_id, now=timing.utcnow())
    typer.echo(f"Revoked link {link_id}: it no longer opens.")

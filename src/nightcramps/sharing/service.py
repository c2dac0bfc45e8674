"""Share links: make, list and revoke them for the person; open them for a viewer.

A link's token is ``secrets.token_urlsafe(32)`` (256 random bits). Only its SHA-256 digest is
stored; a viewer's token is looked up by its digest and the stored digest compared with
:func:`hmac.compare_digest`. An unknown, malformed, expired or revoked token is refused with
the same :class:`NotFound` and the same message, so the answer tells nothing about which it was.

No HTTP and no terminal here, and no clock of its own: callers pass ``now`` (the app's clock).
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.diary import month as diary_month
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import NightPublic
from nightcramps.errors import Invalid, NotFound
from nightcramps.owner import Owner
from nightcramps.sharing.models import ShareLink, ShareView
from nightcramps.sharing.schemas import (
    Days,
    Scope,
    ShareLinkCreate,
    ShareLinkPublic,
    ShareViewPublic,
    Status,
)
from nightcramps.storage.owned import get_owned

TOKEN_BYTES = 32
"""Random bytes in a token (``secrets.token_urlsafe``): 43 characters of base64url."""
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")
"""What a token looks like; anything else is refused before the database is asked."""
SCOPES: tuple[Scope, ...] = ("report", "diary")
DAYS: tuple[Days, ...] = (7, 30)
PREFIX = "/s/"
"""Where the viewer's pages are: ``/s/{token}``, ``/s/{token}/diary``, ``/s/{token}/report.pdf``."""
NO_SUCH_LINK = "There is no share link number {id}."
GONE = (
    "This link does not work: it may have expired or been revoked, or the address is not "
    "complete. Ask the person who shared it for a new link."
)
"""What a viewer is told of every link that does not open (the same for every reason)."""


def hash_token(token: str) -> str:
    """The stored form of a token: SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def path_of(token: str) -> str:
    """The link's address without the host."""
    return f"{PREFIX}{token}"


def status_of(link: ShareLink, now: datetime) -> Status:
    """revoked, expired (from ``expires_at`` on) or active."""
    if link.revoked_at is not None:
        return "revoked"
    return "expired" if now >= link.expires_at else "active"


def to_public(link: ShareLink, now: datetime) -> ShareLinkPublic:
    views = [ShareViewPublic.model_validate(v) for v in link.views]
    return ShareLinkPublic(
        id=link.id,
        label=link.label,
        scope="diary" if link.scope == "diary" else "report",
        days=30 if link.days == 30 else 7,
        status=status_of(link, now),
        created_at=link.created_at,
        expires_at=link.expires_at,
        revoked_at=link.revoked_at,
        view_count=len(views),
        last_viewed_at=views[-1].viewed_at if views else None,
        views=views,
    )


# ---------------------------------------------------------------------------- the person's


def create_link(
    *, session: Session, owner: Owner, link_in: ShareLinkCreate, now: datetime
) -> tuple[ShareLink, str]:
    """Make a link; returns the row and the token, which is not stored and not shown again.

    Raises:
        Invalid: a scope or a number of days that is not offered (the message says which are).
    """
    if link_in.scope not in SCOPES:
        raise Invalid(
            "Choose what the link shows: report, or diary (the report and the diary).",
            fields={"scope": "choose report or diary"},
        )
    if link_in.days not in DAYS:
        raise Invalid(
            "A link works for 7 or 30 days; choose one of them.",
            fields={"days": "choose 7 or 30"},
        )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink(
        person_id=owner.person_id,
        token_hash=hash_token(token),
        label=link_in.label.strip(),
        scope=link_in.scope,
        days=link_in.days,
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(days=link_in.days),
        revoked_at=None,
    )
    session.add(link)
    session.flush()
    return link, token


def list_links(*, session: Session, owner: Owner) -> Sequence[ShareLink]:
    """The person's links, newest first, with their views."""
    query = (
        select(ShareLink)
        .where(ShareLink.person_id == owner.person_id)
        .options(selectinload(ShareLink.views))
        .order_by(ShareLink.id.desc())
    )
    return session.scalars(query).all()


def get_link(*, session: Session, owner: Owner, link_id: int) -> ShareLink:
    """One of the person's links (another person's reads as one that does not exist).

    Raises:
        NotFound: no such link of this person.
    """
    return get_owned(session, ShareLink, link_id, owner, missing=NO_SUCH_LINK, deleted=None)


def revoke_link(*, session: Session, owner: Owner, link_id: int, now: datetime) -> ShareLink:
    """Stop a link from working, at once. Revoking a revoked link changes nothing.

    Raises:
        NotFound: no such link of this person.
    """
    link = get_link(session=session, owner=owner, link_id=link_id)
    if link.revoked_at is None:
        link.revoked_at = now
        link.updated_at = now
        session.flush()
    return link


# ---------------------------------------------------------------------------- the viewer's


def open_link(*, session: Session, token: str, now: datetime) -> ShareLink:
    """The active link of ``token``.

    Raises:
        NotFound: with :data:`GONE` for a token that is malformed, unknown, expired or revoked.
    """
    if not TOKEN_SHAPE.fullmatch(token):
        raise NotFound(GONE)
    digest = hash_token(token)
    link = session.scalars(select(ShareLink).where(ShareLink.token_hash == digest)).first()
    if link is None or not hmac.compare_digest(link.token_hash, digest):
        raise NotFound(GONE)
    if status_of(link, now) != "active":
        raise NotFound(GONE)
    return link


def record_view(*, session: Session, link: ShareLink, path: str, now: datetime) -> None:
    """Note that ``path`` (the page under the link, without the token) was served at ``now``."""
    session.add(
        ShareView(
            person_id=link.person_id,
            link_id=link.id,
            viewed_at=now,
            path=path[:40],
            created_at=now,
            updated_at=now,
        )
    )
    session.flush()


def owner_of_link(
    *, session: Session, link: ShareLink, cutover_hour: int, day_start_hour: int
) -> Owner:
    """Whose diary the link shows, with the settings' calendar hours."""
    person = accounts_service.get_person(session=session, person_id=link.person_id)
    return accounts_service.owner_of(
        person, cutover_hour=cutover_hour, day_start_hour=day_start_hour
    )


@dataclass(frozen=True)
class SharedMonth:
    """A month of the diary as a viewer sees it: the grid, and the month's nights with their
    cramps."""

    month_start: date
    weeks: list[list[diary_month.DayCell]]
    nights: list[NightPublic]
    previous: str | None
    """The month before as YYYY-MM (None before the diary's first year)."""
    following: str | None
    """The month after as YYYY-MM (None when it has not begun)."""
    cramp_nights: int
    free_nights: int


def read_month(month: str | None, *, owner: Owner, now: datetime) -> tuple[int, int]:
    """The (year, month) of ``?month=YYYY-MM``, or the month that holds last night.

    Raises:
        Invalid: a month that is not written YYYY-MM or lies outside the calendar.
    """
    if not month:
        return timing.month_of(timing.last_night(owner, now))
    match = re.fullmatch(r"(\d{4})-(\d{2})", month.strip())
    year, mon = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if not 1 <= mon <= 12 or not timing.EARLIEST_YEAR <= year <= timing.LATEST_YEAR:
        raise Invalid(
            "Give the month as YYYY-MM, for example 2026-11.", fields={"month": "YYYY-MM"}
        )
    return year, mon


def shared_month(
    *, session: Session, owner: Owner, year: int, mon: int, now: datetime
) -> SharedMonth:
    """A month of the person's diary, read only, with imported counts as the diary shows them."""
    first, last = diary_month.grid_span(year, mon)
    nights = diary_service.list_nights(session=session, owner=owner, start=first, end=last)
    public = [diary_service.to_night_public(n) for n in nights]
    shown = dailyvalues_service.with_imported_counts(session=session, owner=owner, nights=public)
    by_night = {p.night_of: p for p in shown}
    current = timing.current_night(owner, now)
    grid = diary_month.month_grid(year, mon, by_night, current_night=current)
    in_month = sorted(
        (p for d, p in by_night.items() if (d.year, d.month) == (year, mon)),
        key=lambda p: p.night_of,
    )
    prev_y, prev_m = timing.shift_month(year, mon, -1)
    next_y, next_m = timing.shift_month(year, mon, 1)
    month_end = date(year, mon, calendar.monthrange(year, mon)[1])
    return SharedMonth(
        month_start=date(year, mon, 1),
        weeks=grid,
        nights=in_month,
        previous=f"{prev_y:04d}-{prev_m:02d}" if prev_y >= timing.EARLIEST_YEAR else None,
        following=f"{next_y:04d}-{next_m:02d}" if month_end < current else None,
        cramp_nights=sum(1 for p in in_month if p.status == "cramps"),
        free_nights=sum(1 for p in in_month if p.status == "no_cramps"),
    )

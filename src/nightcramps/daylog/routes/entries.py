"""Deleting any logged entry from a page, with an undo button on the next page. The kind is the
one named in the address (``daylog_service.KINDS``: ``/entries/caffeine/3/delete``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.routes._common import safe_next
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep
from nightcramps.web.pages import flash, redirect

router = APIRouter()


def _entry_home(kind: daylog_service.AnyKind, public: Any) -> str:
    """The page an entry is shown on: its day's Today page, or its kind's own page."""
    if kind.home_page is not None:
        return kind.home_page
    return f"/today/{public.day.isoformat()}"


@router.post("/entries/{kind}/{entry_id}/delete")
async def remove_entry(
    request: Request, kind: str, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Delete an entry, with an undo button on the next page."""
    entry_kind = daylog_service.kind_named(kind)
    public = daylog_service.delete_entry(
        session=session, owner=owner, kind=entry_kind, entry_id=entry_id
    )
    label = entry_kind.noun.capitalize()
    flash(request, f"{label} deleted.", undo=f"/entries/{kind}/{entry_id}/restore")
    form = await request.form()
    return redirect(safe_next(form.get("next"), _entry_home(entry_kind, public)))


@router.post("/entries/{kind}/{entry_id}/restore")
async def undo_remove_entry(
    request: Request, kind: str, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Undo a deletion."""
    entry_kind = daylog_service.kind_named(kind)
    public = daylog_service.restore_entry(
        session=session, owner=owner, kind=entry_kind, entry_id=entry_id
    )
    flash(request, f"{entry_kind.noun.capitalize()} restored.")
    return redirect(_entry_home(entry_kind, public))

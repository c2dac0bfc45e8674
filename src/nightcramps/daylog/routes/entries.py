"""Deleting any logged entry from a page, with an undo button on the next page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.routes._common import safe_next
from nightcramps.daylog.schemas import EntryKind
from nightcramps.errors import Invalid
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep
from nightcramps.web.pages import flash, redirect

router = APIRouter()

KINDS: tuple[EntryKind, ...] = ("activity", "stretch", "alcohol", "caffeine", "sleep", "medicine")


def _entry_home(kind: str, public: Any) -> str:
    if kind == "medicine":
        return "/medicines"
    return f"/today/{public.day.isoformat()}"


def _kind(kind: str) -> EntryKind:
    if kind not in KINDS:
        raise Invalid(f"Unknown kind of entry {kind!r}; use one of {', '.join(KINDS)}.")
    return kind


@router.post("/entries/{kind}/{entry_id}/delete")
async def remove_entry(
    request: Request, kind: str, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Delete an entry, with an undo button on the next page."""
    entry_kind = _kind(kind)
    public = daylog_service.delete_entry(
        session=session, owner=owner, kind=entry_kind, entry_id=entry_id
    )
    session.commit()
    label = daylog_service.KIND_NAMES[entry_kind].capitalize()
    flash(request, f"{label} deleted.", undo=f"/entries/{kind}/{entry_id}/restore")
    form = await request.form()
    return redirect(safe_next(form.get("next"), _entry_home(kind, public)))


@router.post("/entries/{kind}/{entry_id}/restore")
async def undo_remove_entry(
    request: Request, kind: str, entry_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Undo a deletion."""
    entry_kind = _kind(kind)
    public = daylog_service.restore_entry(
        session=session, owner=owner, kind=entry_kind, entry_id=entry_id
    )
    session.commit()
    flash(request, f"{daylog_service.KIND_NAMES[entry_kind].capitalize()} restored.")
    return redirect(_entry_home(kind, public))

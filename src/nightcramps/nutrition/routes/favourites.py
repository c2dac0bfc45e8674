"""The favourites' buttons on the day page: log one with a tap, or remove it."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from nightcramps.nutrition import shortcuts
from nightcramps.nutrition.routes._common import target_day
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep
from nightcramps.web.pages import flash, redirect

router = APIRouter()


@router.post("/favourites/{favourite_id}/log")
async def log_favourite(
    request: Request, favourite_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """One tap: log a favourite."""
    day, at = await target_day(request, owner)
    entry = shortcuts.log_favourite(session=session, owner=owner, favourite_id=favourite_id, at=at)
    flash(request, f"Logged {entry.description}.", undo=f"/intake/{entry.id}/delete")
    return redirect(f"/day/{day.isoformat()}")


@router.post("/favourites/{favourite_id}/delete")
async def unstar(
    request: Request, favourite_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Remove a favourite (what was logged from it stays)."""
    day, _ = await target_day(request, owner)
    shortcuts.remove_favourite(session=session, owner=owner, favourite_id=favourite_id)
    flash(request, "Removed from favourites.")
    return redirect(f"/day/{day.isoformat()}")

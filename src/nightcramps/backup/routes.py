"""Backup, restore and "delete everything" over HTTP: one page and the JSON API.

The page and the API call the same three service functions as the CLI (``backup/service.py``).
A backup sent to the app is bounded by the request guard's limit for files (5 MB); a larger one
is restored with ``nightcramps import backup``, which reads up to the service's own limit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from nightcramps import timing
from nightcramps.backup import service
from nightcramps.backup.schemas import BackupCounts, DeleteConfirmation
from nightcramps.errors import Invalid, NightcrampsError
from nightcramps.owner import Owner
from nightcramps.web.deps import OwnerDep, SessionDep, verify_api_origin, verify_csrf
from nightcramps.web.errors import status_for
from nightcramps.web.guard import MAX_UPLOAD_BYTES
from nightcramps.web.pages import flash, redirect, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["backup"], dependencies=[Depends(verify_api_origin)])
PAGE = "/data/backup"
UPLOAD_PATHS = (PAGE, "/api/v1/import/backup")
"""The routes that take a backup: the app's body limit for files applies to them."""
PAGE_LIMIT_MB = MAX_UPLOAD_BYTES // 2**20
"""The largest backup the page and the API take, in MB (the guard's limit for files)."""
READ_CHUNK_BYTES = 64 * 1024
MergeQuery = Annotated[
    bool,
    Query(description="Into a diary with entries: add only what it lacks; what it has wins."),
]
TYPED_SHOWN = 100
"""At most this much of a wrong confirmation is shown again in its field."""
NO_FILE = (
    "Choose the backup.zip to restore (made by Download everything above, or by "
    "`nightcramps export all`)."
)
NO_BODY = (
    "Send the backup zip as the request body, e.g. "
    "`curl --data-binary @backup.zip -H 'Content-Type: application/zip' …/api/v1/import/backup`."
)


def _zip_response(session: Session, owner: Owner) -> Response:
    now = timing.utcnow()
    data = service.export_all(session, owner, now=now)
    name = f"nightcramps-backup-{timing.today(owner, now).isoformat()}.zip"
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


async def _read(chunks: AsyncIterator[bytes]) -> bytes:
    """An upload or a body, whole (the request guard has already bounded it)."""
    data = bytearray()
    async for chunk in chunks:
        data += chunk
    return bytes(data)


async def _upload_chunks(upload: UploadFile) -> AsyncIterator[bytes]:
    while chunk := await upload.read(READ_CHUNK_BYTES):
        yield chunk


def _restore_and_commit(
    session: Session, owner: Owner, data: bytes, merge: bool = False
) -> service.Summary:
    """Restore and commit (or roll back) in a worker thread, as the daily CSV's import does
    (``dailyvalues/routes.py``): thousands of rows are seconds of work that would otherwise hold
    up every other request on the event loop. The request's session is handed over whole."""
    try:
        summary = service.restore(session, owner, data, merge=merge)
    except BaseException:
        session.rollback()
        raise
    session.commit()
    return summary


def _counts(summary: service.Summary) -> BackupCounts:
    return BackupCounts(counts=summary.counts, total=summary.total, kept=summary.kept)


# ---------------------------------------------------------------------------- pages


def _page(
    request: Request, session: Session, owner: Owner, *, status_code: int = 200, **context: Any
) -> Response:
    """The page, with what the diary holds now and, after a refusal, the problem by field."""
    context.setdefault("errors", {})
    context |= {
        "kinds": service.has_entries(session, owner),
        "confirmation": service.CONFIRMATION,
        "limit_mb": PAGE_LIMIT_MB,
    }
    return render(request, "backup/backup.html", context, status_code=status_code)


@pages.get(PAGE)
def backup_page(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """What a backup holds, a download of it, a restore into an empty diary, delete everything."""
    return _page(request, session, owner)


@pages.get("/data/backup.zip")
def backup_download(session: SessionDep, owner: OwnerDep) -> Response:
    """The whole diary as a zip."""
    return _zip_response(session, owner)


@pages.post(PAGE)
async def backup_restore(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Restore an uploaded backup into an empty diary, or say beside the field why not (nothing
    is changed then)."""
    async with request.form() as form:
        upload = form.get("file")
        merge = form.get("merge") == "1"
        name, data = "", None
        if isinstance(upload, UploadFile) and upload.filename:
            name, data = upload.filename, await _read(_upload_chunks(upload))
    if data is None:
        return _page(request, session, owner, status_code=422, errors={"file": NO_FILE})
    try:
        summary = await run_in_threadpool(_restore_and_commit, session, owner, data, merge)
    except NightcrampsError as exc:
        return _page(
            request, session, owner, status_code=status_for(exc), errors={"file": exc.message}
        )
    if merge:
        kept = sum(summary.kept.values())
        flash(
            request,
            f"Merged {name}: added {summary.total} entries; {kept} were already in your diary "
            "and stay as they are.",
        )
        return redirect(PAGE)
    flash(request, f"Restored {summary.total} entries from {name}: your diary is as it was.")
    return redirect(PAGE)


@pages.post("/data/delete-everything")
async def delete_everything_page(
    request: Request, session: SessionDep, owner: OwnerDep
) -> Response:
    """Delete everything once the confirmation is typed, then start afresh."""
    async with request.form() as form:
        sent = form.get("confirm")
    typed = sent if isinstance(sent, str) else ""
    try:
        service.check_confirmation(typed)
    except Invalid as exc:
        errors = {"confirm": exc.message}
        shown = typed[:TYPED_SHOWN]
        return _page(request, session, owner, status_code=422, errors=errors, typed=shown)
    summary = service.delete_everything(session, owner)
    # The person's stored sessions went with them; this one may still hold check-up answers and
    # flash messages: it starts again empty.
    request.session.clear()
    if request.app.state.settings.accounts:
        return redirect("/signin?signed_out=1")  # the account is gone: signed out
    flash(request, f"Deleted everything: {summary.total} entries. NightCramps starts afresh.")
    # signed_out=1 makes the page forget this browser's offline copies too (signed-out.js).
    return redirect(f"{PAGE}?signed_out=1")


# ---------------------------------------------------------------------------- JSON API


@api.get(
    "/export/all",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}, "description": "The backup zip."}},
)
def api_export_all(session: SessionDep, owner: OwnerDep) -> Response:
    """Every entry of every kind with every field, as JSON and CSV in one zip with a manifest
    (format, schema version, counts, SHA-256 of each file); see docs/backup.md."""
    return _zip_response(session, owner)


@api.post(
    "/import/backup",
    response_model=BackupCounts,
    openapi_extra={
        "requestBody": {
            # The zip's bytes as they are, sent as application/zip or application/octet-stream
            # (any type is read); the generic one is declared, which every client can send.
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
            "required": True,
            "description": "The backup zip, as `GET /export/all` made it.",
        }
    },
)
async def api_import_backup(
    request: Request, session: SessionDep, owner: OwnerDep, merge: MergeQuery = False
) -> BackupCounts:
    """Restore a backup zip (from ``GET /export/all`` or ``nightcramps export all``) sent as the
    body into an empty diary, all of it or nothing: 409 when the diary has entries unless
    ``merge=true`` (then only what the diary lacks is added, ``kept`` counts the rest), 422
    naming what is wrong with the file. At most 5 MB here; larger with ``nightcramps import
    backup``."""
    data = await _read(request.stream())
    if not data:
        raise Invalid(NO_BODY, fields={"body": "send the backup zip"})
    return _counts(await run_in_threadpool(_restore_and_commit, session, owner, data, merge))


@api.post("/delete-everything", response_model=BackupCounts)
def api_delete_everything(
    request: Request, body: DeleteConfirmation, session: SessionDep, owner: OwnerDep
) -> BackupCounts:
    """Delete every row of this person in every table, then the person (with accounts, the
    account; its tokens and sessions stop working). ``confirm`` must be "delete everything".
    There is no undo: export first."""
    service.check_confirmation(body.confirm)
    summary = service.delete_everything(session, owner)
    if getattr(request.state, "auth", None) != "token":
        request.session.clear()  # the browser's session named the person, or held their answers
    return _counts(summary)

"""Imports over HTTP: the page ``/data/import`` and ``/api/v1/imports``.

An upload is streamed to a private file as it arrives (never held in memory) and read from
there. The page reads in a thread and shows the progress, then the preview, then asks for a yes;
the API reads in the request (``preview=true`` stops at the preview, confirmed later).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from nightcramps.errors import Invalid
from nightcramps.imports import background, service
from nightcramps.imports.extract import LABELS, SourceName
from nightcramps.imports.schemas import ImportList, ImportPublic
from nightcramps.owner import Owner
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep, verify_api_origin, verify_csrf
from nightcramps.web.pages import flash, redirect, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["imports"], dependencies=[Depends(verify_api_origin)])

STREAM_PATHS = ("/data/import", "/api/v1/imports")
"""The routes whose body (a file of up to :data:`MAX_UPLOAD_BYTES`) is streamed to disk rather
than read by the request guard."""

MAX_UPLOAD_BYTES = 8 * 1024**3
"""The largest upload (8 GiB): Apple exports of 4 GB are reported (``formats.md`` §1)."""

CHUNK_BYTES = 1 << 20

SourceQuery = Annotated[
    SourceName | None,
    Query(description="The app it comes from; found from the file when left out."),
]


def too_large() -> Invalid:
    return Invalid(
        f"The file is larger than {MAX_UPLOAD_BYTES // 1024**3} GiB, more than any export; "
        "nothing was read. Check that this is the export's zip.",
        fields={"file": f"larger than {MAX_UPLOAD_BYTES:,} bytes"},
    )


async def _save_upload(upload: UploadFile, target: Path) -> None:
    """Copy an upload to ``target`` in chunks, refusing it past :data:`MAX_UPLOAD_BYTES`."""
    written = 0
    with target.open("wb") as out:
        while chunk := await upload.read(CHUNK_BYTES):
            written += len(chunk)
            if written > MAX_UPLOAD_BYTES:
                raise too_large()
            out.write(chunk)


async def _receive_file(request: Request) -> tuple[Path, str, str | None]:
    """The uploaded file saved to a private path, its name, and the ``source`` form field."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES + CHUNK_BYTES:
        raise too_large()
    target = service.staging_path(request.app.state.settings.import_dir)
    try:
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise Invalid(
                    "Choose the export file to import (a zip, a CSV or an XML file).",
                    fields={"file": "choose a file to import"},
                )
            await _save_upload(upload, target)
            source = form.get("source")
            return target, upload.filename, source if isinstance(source, str) and source else None
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def _source(value: str | None) -> SourceName | None:
    if value is None:
        return None
    if value not in LABELS:
        raise Invalid(
            f"'{value}' is not an app NightCramps imports from; choose one of "
            f"{', '.join(LABELS)} or leave it out.",
            fields={"source": "unknown app"},
        )
    return value


# ---------------------------------------------------------------------------- pages


def _page(request: Request, session: SessionDep, owner: Owner, **context: object) -> Response:
    records = service.list_imports(session, owner)
    return render(
        request,
        "imports/import.html",
        {"imports": [service.to_public(r) for r in records], "labels": LABELS, **context},
        status_code=422 if context.get("problems") else 200,
    )


@pages.get("/data/import")
def import_page(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Choose a file to import, and see every import so far (each can be undone)."""
    return _page(request, session, owner, problems={})


@pages.post("/data/import")
async def import_upload(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Receive the file, start reading it, and go to its page (progress, then the preview)."""
    try:
        path, name, source = await _receive_file(request)
        chosen = _source(source)
    except Invalid as exc:
        return _page(request, session, owner, problems=exc.fields, message=exc.message)
    import_id, already = background.start(
        request.app.state.sessionmaker,
        owner,
        path,
        file_name=name,
        source=chosen,
        clock=request.app.state.clock,
    )
    if already:
        flash(request, f"{name} was already imported (import {import_id}); nothing changed.")
    return redirect(f"/data/import/{import_id}")


@pages.get("/data/import/{import_id}")
def import_detail(
    request: Request, import_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """One import: the progress while it is read, then the preview, or what it stored."""
    record = service.get_import(session, owner, import_id)
    return render(
        request,
        "imports/detail.html",
        {"item": service.to_public(record), "labels": LABELS},
    )


@pages.get("/data/import/{import_id}/progress")
def import_progress(
    request: Request, import_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """The progress panel alone (polled by the detail page while the file is read)."""
    record = service.get_import(session, owner, import_id)
    response = render(request, "imports/_progress.html", {"item": service.to_public(record)})
    if record.status != "reading" and request.headers.get("HX-Request"):
        response.headers["HX-Refresh"] = "true"  # read: the whole page now shows the preview
    return response


@pages.post("/data/import/{import_id}/confirm")
def import_confirm(
    request: Request, import_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Store a previewed import."""
    record = service.confirm(session, owner, import_id)
    added = sum(c.get("added", 0) for c in record.counts.values())
    flash(request, f"Imported {record.file_name}: {added:,} day value(s) and workout(s) added.")
    return redirect(f"/data/import/{import_id}")


@pages.post("/data/import/{import_id}/discard")
def import_discard(
    request: Request, import_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Forget a preview without storing anything."""
    service.discard(session, owner, import_id)
    flash(request, "Nothing was imported.")
    return redirect("/data/import")


@pages.post("/data/import/{import_id}/undo")
def import_undo(
    request: Request, import_id: IdPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Remove what an import added."""
    record = service.undo(session, owner, import_id)
    flash(request, f"Undid the import of {record.file_name}: what it added is gone.")
    return redirect("/data/import")


# ---------------------------------------------------------------------------- JSON API


@api.post(
    "/imports",
    response_model=ImportPublic,
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "source": {"type": "string", "enum": list(LABELS)},
                        },
                    }
                }
            },
        }
    },
)
async def api_import(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    source: SourceQuery = None,
    preview: bool = False,
) -> ImportPublic:
    """Import an export of another app, sent as the multipart field ``file`` (any size up to
    8 GiB, streamed to disk). With ``preview=true`` nothing is stored: the answer says what
    would be added (``counts``), and ``POST /imports/{id}/confirm`` stores it. The same file
    a second time answers the import that brought it (``already_imported``), changing nothing.
    A file that cannot be read answers 422 saying what is wrong and where; nothing is stored."""
    path, name, field = await _receive_file(request)
    try:
        chosen = source or _source(field)
        record, already = await run_in_threadpool(
            service.import_file,
            session,
            owner,
            path,
            file_name=name,
            source=chosen,
            store=not preview,
        )
    finally:
        path.unlink(missing_ok=True)
    return service.to_public(record, already=already)


@api.get("/imports", response_model=ImportList)
def api_list_imports(session: SessionDep, owner: OwnerDep) -> ImportList:
    """Every import, newest first."""
    return service.to_list(service.list_imports(session, owner))


@api.get("/imports/{import_id}", response_model=ImportPublic)
def api_get_import(import_id: IdPath, session: SessionDep, owner: OwnerDep) -> ImportPublic:
    """One import: what it added per factor, what it skipped and why, its warnings."""
    return service.to_public(service.get_import(session, owner, import_id))


@api.post("/imports/{import_id}/confirm", response_model=ImportPublic)
def api_confirm_import(import_id: IdPath, session: SessionDep, owner: OwnerDep) -> ImportPublic:
    """Store an import made with ``preview=true``."""
    return service.to_public(service.confirm(session, owner, import_id))


@api.post("/imports/{import_id}/undo", response_model=ImportPublic)
def api_undo_import(import_id: IdPath, session: SessionDep, owner: OwnerDep) -> ImportPublic:
    """Remove exactly what an import added (its day values and workouts), nothing else."""
    return service.to_public(service.undo(session, owner, import_id))


@api.delete("/imports/{import_id}", status_code=204)
def api_discard_import(import_id: IdPath, session: SessionDep, owner: OwnerDep) -> Response:
    """Forget an import waiting in preview, or one that failed (nothing was stored)."""
    service.discard(session, owner, import_id)
    return Response(status_code=204)

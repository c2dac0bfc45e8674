"""The daily CSV over HTTP: a small page to upload and download it, and the JSON/CSV API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.columns import CSV_HEADER, VALUE_COLUMNS
from nightcramps.dailyvalues.schemas import DailyValuesPublic, ImportSummary
from nightcramps.errors import Invalid
from nightcramps.inputs import IsoDate
from nightcramps.owner import Owner
from nightcramps.web.deps import OwnerDep, SessionDep, verify_api_origin, verify_csrf
from nightcramps.web.pages import flash, redirect, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["daily values"], dependencies=[Depends(verify_api_origin)])
UPLOAD_PATHS = ("/data/daily", "/api/v1/import/daily-csv")
"""The routes that take a daily CSV: the app's body limit for files applies to them."""

FromQuery = Annotated[IsoDate | None, Query(alias="from", description="First night, YYYY-MM-DD")]
ToQuery = Annotated[IsoDate | None, Query(alias="to", description="Last night, YYYY-MM-DD")]


def _csv_response(text: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="nightcramps-daily.csv"'},
    )


READ_CHUNK_BYTES = 64 * 1024


async def _read_capped(chunks: AsyncIterator[bytes]) -> bytes:
    """The bytes of an upload or a body, read chunk by chunk and never more than one byte past
    the import's limit (the import then refuses the file for its size)."""
    limit = dailyvalues_service.MAX_IMPORT_BYTES + 1
    data = bytearray()
    async for chunk in chunks:
        data += chunk[: limit - len(data)]
        if len(data) >= limit:
            break
    return bytes(data)


async def _upload_chunks(upload: UploadFile) -> AsyncIterator[bytes]:
    while chunk := await upload.read(READ_CHUNK_BYTES):
        yield chunk


def _import_and_commit(session: Session, owner: Owner, data: bytes) -> ImportSummary:
    """Decode, parse and import in one go, then commit (or roll back): run in a worker thread.

    The import is synchronous parsing and database work (seconds for ten years of nights); on
    the event loop it would hold up every other request. The request's session is handed over
    whole: nothing else uses it while this runs, and the request's teardown closes it after.
    Its commit (the one exception to web/deps.py's rule) is part of that work: writing ten
    years of values is slow too, and belongs in this thread, not on the loop.
    """
    try:
        text = dailyvalues_service.decode_daily_csv(data)
        summary = dailyvalues_service.import_daily_csv(session=session, owner=owner, text=text)
    except BaseException:
        session.rollback()
        raise
    session.commit()
    return summary


# ---------------------------------------------------------------------------- pages


@pages.get("/data/daily")
def daily_page(request: Request) -> Response:
    """Download the daily CSV, or upload one."""
    context = {"columns": VALUE_COLUMNS, "header": ",".join(CSV_HEADER), "problems": {}}
    return render(request, "dailyvalues/daily.html", context)


@pages.get("/data/daily.csv")
def daily_download(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> Response:
    """The daily CSV as a download."""
    return _csv_response(
        dailyvalues_service.export_daily_csv(session=session, owner=owner, start=start, end=end)
    )


@pages.post("/data/daily")
async def daily_upload(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Import an uploaded daily CSV, or show every problem in it (nothing imported)."""
    async with request.form() as form:
        upload = form.get("file")
        data = None
        if isinstance(upload, UploadFile) and upload.filename:
            data = await _read_capped(_upload_chunks(upload))
    context = {"columns": VALUE_COLUMNS, "header": ",".join(CSV_HEADER), "problems": {}}
    if data is None:
        context["problems"] = {"file": "choose a CSV file to import"}
        return render(request, "dailyvalues/daily.html", context, status_code=422)
    try:
        summary = await run_in_threadpool(_import_and_commit, session, owner, data)
    except Invalid as exc:
        context["problems"] = exc.fields or {"file": exc.message}
        context["message"] = exc.message
        return render(request, "dailyvalues/daily.html", context, status_code=422)
    flash(
        request,
        f"Imported {summary.rows} night(s): {summary.values_added} value(s) added, "
        f"{summary.values_changed} changed, {summary.values_unchanged} already there. "
        + dailyvalues_service.kept_from_diary_message(summary),
    )
    return redirect("/data/daily")


# ---------------------------------------------------------------------------- JSON API


@api.get(
    "/export/daily.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "The daily CSV."}},
)
def api_export_daily_csv(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> Response:
    """One row per night (date = the evening it starts); blank cells are unknown."""
    return _csv_response(
        dailyvalues_service.export_daily_csv(session=session, owner=owner, start=start, end=end)
    )


@api.post(
    "/import/daily-csv",
    response_model=ImportSummary,
    openapi_extra={
        "requestBody": {"content": {"text/csv": {"schema": {"type": "string"}}}, "required": True}
    },
)
async def api_import_daily_csv(
    request: Request, session: SessionDep, owner: OwnerDep
) -> ImportSummary:
    """Import a daily CSV sent as the request body: all of it, or nothing (422 lists each
    problem as ``"line L, column C (name)": problem`` in ``fields``). UTF-8, at most 5 MB and
    ten years of nights; any line ends."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > dailyvalues_service.MAX_IMPORT_BYTES:
        raise dailyvalues_service.too_large()
    body = await _read_capped(request.stream())
    return await run_in_threadpool(_import_and_commit, session, owner, body)


@api.get("/daily-values", response_model=DailyValuesPublic)
def api_daily_values(
    session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
) -> DailyValuesPublic:
    """The combined day-level values, each with its source (diary, nutrition, daylog, import)."""
    first, last = dailyvalues_service.resolve_range(owner=owner, start=start, end=end)
    frame = dailyvalues_service.daily_frame(session=session, owner=owner, start=first, end=last)
    return dailyvalues_service.to_daily_values_public(frame)

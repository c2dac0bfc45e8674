"""The report's page (choose the period, preview), its PDF, and the API's PDF. Thin: the
service builds the report, ``document`` renders it, ``pdf`` prints it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse

from nightcramps import timing
from nightcramps.errors import Invalid
from nightcramps.owner import Owner
from nightcramps.report import service as report_service
from nightcramps.report.document import STYLESHEET, render_fragment
from nightcramps.report.pdf import render_pdf
from nightcramps.web.deps import OwnerDep, SessionDep, verify_api_origin, verify_csrf
from nightcramps.web.pages import render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["report"], dependencies=[Depends(verify_api_origin)])

PDF_DESCRIPTION = "The one-page clinician report as PDF (application/pdf)."
GridQuery = Annotated[
    bool, Query(description="Add page 2: the night grid of the period's last 14 nights.")
]


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise Invalid(
            f"Cannot read the date {text!r} for {name}; write it as YYYY-MM-DD, e.g. 2026-11-23.",
            fields={name: "malformed date"},
        ) from None


def _period(owner: Owner, start: date | None, end: date | None) -> tuple[date, date]:
    default_start, default_end = report_service.default_period(owner=owner, now=timing.utcnow())
    return start or default_start, end or default_end


def _pdf_response(data: bytes, start: date, end: date) -> Response:
    name = f"nightcramps-report-{start.isoformat()}-{end.isoformat()}.pdf"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/pdf", headers=headers)


@pages.get("/report")
def report_page(
    request: Request,
    session: SessionDep,
    owner: OwnerDep,
    start_text: Annotated[str | None, Query(alias="from")] = None,
    end_text: Annotated[str | None, Query(alias="to")] = None,
    grid: GridQuery = False,
) -> Response:
    """Choose the period and preview the report; a period that cannot be reported is said
    beside the form."""
    now = timing.utcnow()
    default_start, default_end = report_service.default_period(owner=owner, now=now)
    context: dict[str, object] = {
        "start_text": start_text or default_start.isoformat(),
        "end_text": end_text or default_end.isoformat(),
        "grid": grid,
    }
    try:
        start, end = _period(owner, _day(start_text, "from"), _day(end_text, "to"))
        report = report_service.build_report(
            session=session, owner=owner, start=start, end=end, now=now, grid=grid
        )
    except Invalid as exc:
        session.rollback()
        context["problem"] = exc.message
        return render(request, "report/report.html", context, status_code=422)
    context.update(
        {
            "report_html": render_fragment(report),
            "pdf_url": f"/report.pdf?from={start.isoformat()}&to={end.isoformat()}"
            + ("&grid=true" if grid else ""),
        }
    )
    return render(request, "report/report.html", context)


@pages.get("/report/report.css")
def report_stylesheet(owner: OwnerDep) -> FileResponse:
    """The report's stylesheet (the page cannot inline it under the Content-Security-Policy);
    for the signed-in, as the page is."""
    del owner
    return FileResponse(Path(STYLESHEET), media_type="text/css")


@pages.get("/report.pdf")
def report_pdf_page(
    session: SessionDep,
    owner: OwnerDep,
    start_text: Annotated[str | None, Query(alias="from")] = None,
    end_text: Annotated[str | None, Query(alias="to")] = None,
    grid: GridQuery = False,
) -> Response:
    """The PDF the page's Download link gives."""
    start, end = _period(owner, _day(start_text, "from"), _day(end_text, "to"))
    report = report_service.build_report(
        session=session, owner=owner, start=start, end=end, now=timing.utcnow(), grid=grid
    )
    return _pdf_response(render_pdf(report), start, end)


@api.get(
    "/report.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": PDF_DESCRIPTION}},
)
def api_report_pdf(
    session: SessionDep,
    owner: OwnerDep,
    start: Annotated[
        date | None, Query(alias="from", description="First night (default: 12 weeks back).")
    ] = None,
    end: Annotated[
        date | None, Query(alias="to", description="Last night (default: last night).")
    ] = None,
    grid: GridQuery = False,
) -> Response:
    """The clinician report of a period (at most a year) as a one-page PDF; with ``grid``, a
    second page with the night grid of the period's last 14 nights."""
    first, last = _period(owner, start, end)
    report = report_service.build_report(
        session=session, owner=owner, start=first, end=last, now=timing.utcnow(), grid=grid
    )
    return _pdf_response(render_pdf(report), first, last)

"""Share links: the person's page (``/share``) and API (``/api/v1/share-links``), and the
viewer's pages under ``/s/{token}``.

The viewer's pages take no sign-in, also in accounts mode: the token is the credential, so they
ask for no ``OwnerDep`` (which is what refuses the signed-out elsewhere) and find whose diary
they show from the link. They have no navigation, no forms and no scripts; they are never cached
(``Cache-Control: no-store``), never send the address on (``Referrer-Policy: no-referrer``) and
ask search engines to stay out (``X-Robots-Tag``). Every link that does not open answers the
same 404 page.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.errors import Invalid, NotFound
from nightcramps.owner import Owner
from nightcramps.report import service as report_service
from nightcramps.report.document import STYLESHEET, render_fragment
from nightcramps.report.pdf import render_pdf
from nightcramps.report.schemas import Report
from nightcramps.sharing import service
from nightcramps.sharing.models import ShareLink
from nightcramps.sharing.schemas import (
    LABEL_MAX,
    ShareLinkCreate,
    ShareLinkCreated,
    ShareLinkPublic,
    ShareLinksPublic,
)
from nightcramps.web.deps import (
    IdPath,
    OwnerDep,
    SessionDep,
    SettingsDep,
    verify_api_origin,
    verify_csrf,
)
from nightcramps.web.pages import flash, parse_form, redirect, render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
viewer = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["sharing"], dependencies=[Depends(verify_api_origin)])

PAGE = "/share"
VIEWER_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow",
}
"""On every answer of the viewer's pages, the 404 included."""
FORM_WORDS = {
    "scope": "Choose what the link shows: the report, or the report and the diary.",
    "days": "Choose how long the link works: 7 or 30 days.",
    "label": f"Use at most {LABEL_MAX} characters for who it is for.",
}
"""What the page says beside each field it refuses."""
LinkPath = IdPath


def _when(moment: datetime | None, owner: Owner) -> str:
    """A moment on the person's clock, e.g. 'Tue 24 Nov 2026 09:00'."""
    if moment is None:
        return "never"
    local = timing.local(moment, owner.tz)
    return f"{local:%a} {local.day} {local:%b %Y %H:%M}"


def _created(request: Request, link: ShareLink, token: str, now: datetime) -> ShareLinkCreated:
    path = service.path_of(token)
    url = str(request.base_url).rstrip("/") + path
    public = service.to_public(link, now)
    return ShareLinkCreated(**public.model_dump(), url=url, path=path)


# ---------------------------------------------------------------------------- the person's page


def _page(
    request: Request,
    session: Session,
    owner: Owner,
    *,
    new_link: ShareLinkCreated | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    now = timing.utcnow()
    links = [
        service.to_public(row, now) for row in service.list_links(session=session, owner=owner)
    ]
    context: dict[str, Any] = {
        "links": links,
        "new_link": new_link,
        "errors": errors or {},
        "values": values or {"scope": "report", "days": "7", "label": ""},
        "when": lambda moment: _when(moment, owner),
        "label_max": LABEL_MAX,
    }
    return render(request, "sharing/share.html", context, status_code=status_code)


@pages.get(PAGE)
def share_page(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Make a link to your report (and diary), see your links with every view, revoke one."""
    return _page(request, session, owner)


@pages.post(PAGE)
async def create_link_form(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Make a link and show its address, this once."""
    form = await request.form()
    values = {
        "scope": str(form.get("scope") or ""),
        "days": str(form.get("days") or ""),
        "label": str(form.get("label") or ""),
    }
    data: dict[str, Any] = dict(values)
    if values["days"].isdigit() and len(values["days"]) < 4:
        data["days"] = int(values["days"])
    link_in, problems = parse_form(ShareLinkCreate, data)
    if link_in is None:
        errors = {name: FORM_WORDS.get(name, str(text)) for name, text in problems.items()}
        return _page(
            request, session, owner, errors=errors, values=values, status_code=422
        )  # fmt: skip
    now = timing.utcnow()
    link, token = service.create_link(session=session, owner=owner, link_in=link_in, now=now)
    return _page(request, session, owner, new_link=_created(request, link, token, now))


@pages.post(PAGE + "/{link_id}/revoke")
def revoke_link_form(
    request: Request, link_id: LinkPath, session: SessionDep, owner: OwnerDep
) -> Response:
    """Revoke a link: it answers "not found" from now on."""
    link = service.revoke_link(session=session, owner=owner, link_id=link_id, now=timing.utcnow())
    name = f" for {link.label}" if link.label else ""
    flash(request, f"Link {link.id}{name} revoked: it no longer opens.")
    return redirect(PAGE)


# ---------------------------------------------------------------------------- the API


@api.post("/share-links", response_model=ShareLinkCreated, status_code=201)
def api_create_link(
    request: Request, link_in: ShareLinkCreate, session: SessionDep, owner: OwnerDep
) -> ShareLinkCreated:
    """Make a read-only link to your report (scope 'report') or your report and diary ('diary')
    that works for 7 or 30 days. Its address (``url``) is in this answer only: it is not stored."""
    now = timing.utcnow()
    link, token = service.create_link(session=session, owner=owner, link_in=link_in, now=now)
    return _created(request, link, token, now)


@api.get("/share-links", response_model=ShareLinksPublic)
def api_list_links(session: SessionDep, owner: OwnerDep) -> ShareLinksPublic:
    """Your share links, newest first, each with its status and every view."""
    now = timing.utcnow()
    data = [service.to_public(row, now) for row in service.list_links(session=session, owner=owner)]
    return ShareLinksPublic(data=data, count=len(data))


@api.get("/share-links/{link_id}", response_model=ShareLinkPublic)
def api_get_link(link_id: LinkPath, session: SessionDep, owner: OwnerDep) -> ShareLinkPublic:
    """One of your share links, with every view (when, and which page)."""
    link = service.get_link(session=session, owner=owner, link_id=link_id)
    return service.to_public(link, timing.utcnow())


@api.delete("/share-links/{link_id}", status_code=204)
def api_revoke_link(link_id: LinkPath, session: SessionDep, owner: OwnerDep) -> Response:
    """Revoke a share link: it answers 404 from the next request on (revoking it again changes
    nothing). The link stays in your list, with its views."""
    service.revoke_link(session=session, owner=owner, link_id=link_id, now=timing.utcnow())
    return Response(status_code=204)


# ---------------------------------------------------------------------------- the viewer's


def _viewer_page(
    request: Request, name: str, context: dict[str, Any], *, status_code: int = 200
) -> Response:
    """A viewer's page: no CSRF token, no flash messages, no navigation."""
    settings = request.app.state.settings
    full = {"local_mode": not settings.accounts, **context}
    response: Response = request.app.state.templates.TemplateResponse(
        request, name, full, status_code=status_code, headers=VIEWER_HEADERS
    )
    return response


def _gone(request: Request) -> Response:
    """The one answer to every link that does not open: 404, no data."""
    return _viewer_page(request, "sharing/gone.html", {"message": service.GONE}, status_code=404)


def _opened(
    session: Session, settings: Any, token: str, now: datetime
) -> tuple[ShareLink, Owner] | None:
    try:
        link = service.open_link(session=session, token=token, now=now)
    except NotFound:
        return None
    owner = service.owner_of_link(
        session=session,
        link=link,
        cutover_hour=settings.night_cutover_hour,
        day_start_hour=settings.day_start_hour,
    )
    return link, owner


def _shared_report(
    session: Session, settings: Any, token: str, now: datetime
) -> tuple[ShareLink, Owner, Report] | None:
    """The report of the last 12 weeks behind an open link, with the link and its owner; None
    for a link that is expired, revoked or unknown."""
    opened = _opened(session, settings, token, now)
    if opened is None:
        return None
    link, owner = opened
    start, end = report_service.default_period(owner=owner, now=now)
    report = report_service.build_report(
        session=session, owner=owner, start=start, end=end, now=now
    )
    return link, owner, report


@viewer.get("/s/{token}")
def shared_report(
    request: Request, token: str, session: SessionDep, settings: SettingsDep
) -> Response:
    """The person's clinician report of the last 12 weeks, read only."""
    now = timing.utcnow()
    shared = _shared_report(session, settings, token, now)
    if shared is None:
        return _gone(request)
    link, owner, report = shared
    service.record_view(session=session, link=link, path="/", now=now)
    context = {
        "token": token,
        "link": link,
        "report_html": render_fragment(report),
        "expires": _when(link.expires_at, owner),
    }
    return _viewer_page(request, "sharing/report.html", context)


@viewer.get("/s/{token}/report.css")
def shared_stylesheet(
    request: Request, token: str, session: SessionDep, settings: SettingsDep
) -> Response:
    """The report's stylesheet, for an open link (not counted as a view)."""
    if _opened(session, settings, token, timing.utcnow()) is None:
        return _gone(request)
    return FileResponse(Path(STYLESHEET), media_type="text/css", headers=VIEWER_HEADERS)


@viewer.get("/s/{token}/report.pdf")
def shared_pdf(
    request: Request, token: str, session: SessionDep, settings: SettingsDep
) -> Response:
    """The same report as a one-page PDF."""
    now = timing.utcnow()
    shared = _shared_report(session, settings, token, now)
    if shared is None:
        return _gone(request)
    link, owner, report = shared
    data = render_pdf(report)
    service.record_view(session=session, link=link, path="/report.pdf", now=now)
    name = f"nightcramps-report-{report.start.isoformat()}-{report.end.isoformat()}.pdf"
    headers = {**VIEWER_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(data, media_type="application/pdf", headers=headers)


@viewer.get("/s/{token}/diary")
def shared_diary(
    request: Request,
    token: str,
    session: SessionDep,
    settings: SettingsDep,
    month: Annotated[str | None, Query(description="YYYY-MM (default: last night's).")] = None,
) -> Response:
    """A month of the diary, read only (a link with the diary in its scope)."""
    now = timing.utcnow()
    opened = _opened(session, settings, token, now)
    if opened is None or opened[0].scope != "diary":
        return _gone(request)
    link, owner = opened
    try:
        year, mon = service.read_month(month, owner=owner, now=now)
    except Invalid as exc:
        context = {"token": token, "link": link, "problem": exc.message}
        return _viewer_page(request, "sharing/diary.html", context, status_code=422)
    shown = service.shared_month(session=session, owner=owner, year=year, mon=mon, now=now)
    service.record_view(
        session=session, link=link, path=f"/diary?month={year:04d}-{mon:02d}", now=now
    )
    context = {
        "token": token,
        "link": link,
        "month": shown,
        "tz": str(owner.tz),
        "expires": _when(link.expires_at, owner),
    }
    return _viewer_page(request, "sharing/diary.html", context)

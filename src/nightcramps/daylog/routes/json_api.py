"""The day log's JSON API under /api/v1: a day's factors and log, and for each kind of entry
(``daylog_service.KINDS``) the same six operations — list, log, get, change, delete, restore —
registered by :func:`add_entry_routes` from the kind's declaration. Medicines add a name check
and "last dose" (:data:`EXTRA_ROUTES`).

Each operation gets the kind's own schemas (``response_model=kind.public``, a body of
``kind.create``), operation name and description, so the OpenAPI document describes every
endpoint exactly. What a GET answers, a write accepts (docs/api.md): a change may send the GET
body back with fields edited, and the fields sent as they are stay as they are.

This module does not use ``from __future__ import annotations`` (the one exception, see
pyproject.toml): FastAPI reads an endpoint's annotations to build its schemas, and string
annotations are looked up among this module's names, where ``kind.create`` is not one.
"""

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import Response as RawResponse

from nightcramps.dailyvalues import dayview
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.routes._common import viewable_day
from nightcramps.daylog.schemas import (
    DailyFactorsPublic,
    DayFactorsPublic,
    DayLogPublic,
    DayUpdate,
    DayViewPublic,
    MedicineCheckPublic,
    MedicinePublic,
    MedicineStop,
)
from nightcramps.inputs import IsoDate, changes_to, check_unchanged
from nightcramps.web.deps import IdPath, OwnerDep, SessionDep

router = APIRouter()

FromQuery = Annotated[IsoDate | None, Query(alias="from", description="First day, YYYY-MM-DD")]
ToQuery = Annotated[IsoDate | None, Query(alias="to", description="Last day, YYYY-MM-DD")]

Kind = daylog_service.AnyKind
AddRoutes = Callable[[APIRouter], None]

DATED = {"day": ["at"]}
"""A new day sent with the time sent back goes to the service with it, which refuses the two
if they disagree (a new time with the old day sent back moves the entry)."""


# ---------------------------------------------------------------------------- days


@router.get("/days/factors", response_model=DailyFactorsPublic)
def api_daily_factors(
    session: SessionDep,
    owner: OwnerDep,
    start: Annotated[IsoDate, Query(alias="from", description="First day, YYYY-MM-DD")],
    end: Annotated[IsoDate, Query(alias="to", description="Last day, YYYY-MM-DD")],
) -> DailyFactorsPublic:
    """The day-log factors of each day (null is unknown, never zero)."""
    factors = daylog_service.daily_factors(session=session, owner=owner, start=start, end=end)
    return DailyFactorsPublic(data={d: DayFactorsPublic(**v) for d, v in factors.items()})


@router.get("/days/{day}/log", response_model=DayViewPublic)
def api_day_log(day: IsoDate, session: SessionDep, owner: OwnerDep) -> DayViewPublic:
    """Everything logged for one day, with its factors, and what the day counts as (``values``:
    with imported values and the caffeine of food and drinks logged)."""
    return dayview.day_view(session=session, owner=owner, day=viewable_day(day, owner))


@router.patch("/days/{day}/log", response_model=DayLogPublic)
def api_update_day(
    day: IsoDate, day_in: DayUpdate, session: SessionDep, owner: OwnerDep
) -> DayLogPublic:
    """Set steps, standing, sitting, massage, heat and the "none today" answers (the entries,
    factors and values of a GET body sent back are ignored)."""
    check_unchanged("day", day_in.day, day, how="a day's date is its address")
    return dailyvalues_service.update_day(session=session, owner=owner, day=day, day_in=day_in)


# ---------------------------------------------------------------------------- entries


ITEM = "/{entry_id}"


def _add(
    router: APIRouter,
    kind: Kind,
    operation: str,
    endpoint: Callable[..., Any],
    address: str,
    **route: Any,
) -> None:
    """Register ``endpoint`` at ``/{kind.path}{address}`` as the kind's ``operation``, named as
    the OpenAPI document has it (``api_list_activities``, ``api_log_activity``,
    ``api_get_activity``, …) and described by ``kind.api_doc``."""
    verb = kind.log_verb if operation == "log" else operation
    name = f"api_list_{kind.path}" if operation == "list" else f"api_{verb}_{kind.key}"
    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__doc__ = kind.api_doc(operation)
    router.add_api_route(f"/{kind.path}{address}", endpoint, name=name, **route)


def _add_list(router: APIRouter, kind: Kind) -> None:
    """``GET /{path}``: the entries of a date range, newest first (a kind without days: all)."""

    def dated(
        session: SessionDep, owner: OwnerDep, start: FromQuery = None, end: ToQuery = None
    ) -> Any:
        data = daylog_service.list_entries(
            session=session, owner=owner, kind=kind, start=start, end=end
        )
        return kind.list_public(data=data, count=len(data))

    def undated(session: SessionDep, owner: OwnerDep) -> Any:
        data = daylog_service.list_entries(session=session, owner=owner, kind=kind)
        return kind.list_public(data=data, count=len(data))

    endpoint = dated if kind.dated else undated
    _add(router, kind, "list", endpoint, "", methods=["GET"], response_model=kind.list_public)


def _add_log(router: APIRouter, kind: Kind) -> None:
    """``POST /{path}``: log a new entry (201)."""

    def endpoint(
        entry_in: Annotated[kind.create, Body()],  # type: ignore[name-defined]
        session: SessionDep,
        owner: OwnerDep,
    ) -> Any:
        return daylog_service.log_entry(session=session, owner=owner, kind=kind, entry_in=entry_in)

    _add(
        router, kind, "log", endpoint,
        "", methods=["POST"], response_model=kind.public, status_code=201,
    )  # fmt: skip


def _add_get(router: APIRouter, kind: Kind) -> None:
    """``GET /{path}/{entry_id}``: one live entry."""

    def endpoint(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> Any:
        return daylog_service.get_entry(session=session, owner=owner, kind=kind, entry_id=entry_id)

    _add(router, kind, "get", endpoint, ITEM, methods=["GET"], response_model=kind.public)


def _add_update(router: APIRouter, kind: Kind) -> None:
    """``PATCH /{path}/{entry_id}``: change what the body sends with another value than the
    stored one; an ``id`` sent must be the entry's own."""

    def endpoint(
        entry_id: IdPath,
        entry_in: Annotated[kind.update, Body()],  # type: ignore[name-defined]
        session: SessionDep,
        owner: OwnerDep,
    ) -> Any:
        how = "send the change to that entry's address"
        check_unchanged("id", getattr(entry_in, "id", None), entry_id, how=how)
        stored = daylog_service.get_entry(
            session=session, owner=owner, kind=kind, entry_id=entry_id
        )
        return daylog_service.update_entry(
            session=session,
            owner=owner,
            kind=kind,
            entry_id=entry_id,
            entry_in=changes_to(entry_in, stored, keep_with=DATED),
        )

    _add(router, kind, "update", endpoint, ITEM, methods=["PATCH"], response_model=kind.public)


def _add_delete(router: APIRouter, kind: Kind) -> None:
    """``DELETE /{path}/{entry_id}``: delete (restorable within the undo window); 204."""

    def endpoint(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> RawResponse:
        daylog_service.delete_entry(session=session, owner=owner, kind=kind, entry_id=entry_id)
        return RawResponse(status_code=204)

    _add(router, kind, "delete", endpoint, ITEM, methods=["DELETE"], status_code=204)


def _add_restore(router: APIRouter, kind: Kind) -> None:
    """``POST /{path}/{entry_id}/restore``: undo a deletion."""

    def endpoint(entry_id: IdPath, session: SessionDep, owner: OwnerDep) -> Any:
        return daylog_service.restore_entry(
            session=session, owner=owner, kind=kind, entry_id=entry_id
        )

    address = f"{ITEM}/restore"
    _add(router, kind, "restore", endpoint, address, methods=["POST"], response_model=kind.public)


OPERATIONS: tuple[tuple[str, Callable[[APIRouter, Kind], None]], ...] = (
    ("list", _add_list),
    ("log", _add_log),
    ("get", _add_get),
    ("update", _add_update),
    ("delete", _add_delete),
    ("restore", _add_restore),
)
"""A kind's operations, in the order they are registered (and so matched and documented)."""


def add_entry_routes(
    router: APIRouter, kind: Kind, extras: Mapping[str, AddRoutes] | None = None
) -> None:
    """Register the six operations of ``kind`` on ``router``; ``extras[operation]`` registers a
    kind's own routes right after that operation (so ``/medicines/check`` is matched before
    ``/medicines/{entry_id}``)."""
    for operation, add in OPERATIONS:
        add(router, kind)
        if extras and operation in extras:
            extras[operation](router)


# ---------------------------------------------------------------------------- medicines


def api_check_medicine(
    name: Annotated[str, Query(min_length=1, max_length=200, description="As typed.")],
) -> MedicineCheckPublic:
    """Which drug classes associated with cramps a medicine name belongs to (nothing stored)."""
    return daylog_service.check_medicine(name)


def api_stop_medicine(
    entry_id: IdPath, stop_in: MedicineStop, session: SessionDep, owner: OwnerDep
) -> MedicinePublic:
    """Record the last day taken (default today). Change medicines only with your prescriber."""
    return daylog_service.stop_medicine(
        session=session, owner=owner, medicine_id=entry_id, stopped_on=stop_in.stopped_on
    )


EXTRA_ROUTES: dict[str, dict[str, AddRoutes]] = {
    "medicine": {
        "list": lambda r: r.add_api_route(
            "/medicines/check", api_check_medicine, methods=["GET"],
            response_model=MedicineCheckPublic,
        ),
        "update": lambda r: r.add_api_route(
            "/medicines/{entry_id}/stop", api_stop_medicine, methods=["POST"],
            response_model=MedicinePublic,
        ),
    },
}  # fmt: skip
"""Routes of a kind's own, by kind and the operation they follow."""

for _kind in daylog_service.KINDS:
    add_entry_routes(router, _kind, EXTRA_ROUTES.get(_kind.key))

"""The FHIR export over HTTP: ``GET /api/v1/export/fhir`` answers one Bundle (docs/fhir.md)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from nightcramps import timing
from nightcramps.fhir import service as fhir_service
from nightcramps.inputs import IsoDate
from nightcramps.web.deps import OwnerDep, SessionDep, verify_api_origin

api = APIRouter(prefix="/api/v1", tags=["export"], dependencies=[Depends(verify_api_origin)])

FromQuery = Annotated[IsoDate | None, Query(alias="from", description="First night, YYYY-MM-DD")]
ToQuery = Annotated[IsoDate | None, Query(alias="to", description="Last night, YYYY-MM-DD")]
NameQuery = Annotated[
    bool, Query(description="Put your display name in the Patient (left out unless asked).")
]

BUNDLE_DESCRIPTION = (
    "A FHIR R4 Bundle of type collection: the Patient, the cramps, cramp-free nights and daily "
    "factors as Observations, the medicines as MedicationStatements (see docs/fhir.md)."
)


@api.get(
    "/export/fhir",
    response_class=Response,
    responses={
        200: {
            "content": {fhir_service.MEDIA_TYPE: {"schema": {"type": "object"}}},
            "description": BUNDLE_DESCRIPTION,
        }
    },
)
def api_export_fhir(
    session: SessionDep,
    owner: OwnerDep,
    start: FromQuery = None,
    end: ToQuery = None,
    include_name: NameQuery = False,
) -> Response:
    """The diary as a FHIR R4 Bundle (application/fhir+json) for a clinician's system; the
    nights from ``from`` to ``to`` (default: the last ten years up to tonight)."""
    now = timing.utcnow()
    bundle = fhir_service.export_bundle(
        session, owner, now=now, start=start, end=end, include_name=include_name
    )
    name = f"nightcramps-fhir-{timing.today(owner, now).isoformat()}.json"
    return Response(
        json.dumps(bundle, ensure_ascii=False),
        media_type=fhir_service.MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )

"""The insights page, the evening card on the home page, and the JSON API. Thin."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from nightcramps import charts
from nightcramps.insights import service as insights_service
from nightcramps.insights.analysis import FDR_LEVEL, MIN_CRAMP_NIGHTS, MIN_NIGHTS, MIN_PER_ARM
from nightcramps.insights.factors import BY_KEY
from nightcramps.insights.schemas import InsightsPublic
from nightcramps.web.deps import OwnerDep, SessionDep, verify_api_origin, verify_csrf
from nightcramps.web.pages import render

pages = APIRouter(include_in_schema=False, dependencies=[Depends(verify_csrf)])
api = APIRouter(prefix="/api/v1", tags=["insights"], dependencies=[Depends(verify_api_origin)])

GATES = {"nights": MIN_NIGHTS, "cramp_nights": MIN_CRAMP_NIGHTS, "per_arm": MIN_PER_ARM}


def _estimates(public: InsightsPublic) -> list[charts.Estimate]:
    """The analysed factors (with an odds ratio and its interval) for the forest plot."""
    return [
        charts.Estimate(
            BY_KEY[f.factor].name[:1].upper() + BY_KEY[f.factor].name[1:],
            f.effect,
            f.ci_low,
            f.ci_high,
            f.verdict,
        )
        for f in public.factors
        if f.effect is not None and f.ci_low is not None and f.ci_high is not None
    ]


@pages.get("/insights")
def insights_page(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """Which factors precede your cramps, and tonight's risk."""
    public = insights_service.to_public(insights_service.insights(session=session, owner=owner))
    context = {
        "insights": public,
        "factors": BY_KEY,
        "fdr_percent": round(FDR_LEVEL * 100),
        "gates": GATES,
        "forest": charts.forest(_estimates(public)),
    }
    return render(request, "insights/insights.html", context)


@pages.get("/insights/tonight")
def tonight_card(request: Request, session: SessionDep, owner: OwnerDep) -> Response:
    """The evening card for the home page (empty before the evening)."""
    if not insights_service.is_evening(owner=owner):
        return Response("", media_type="text/html")
    public = insights_service.to_public(
        insights_service.insights(session=session, owner=owner, evaluate=False)
    )
    return render(request, "insights/_tonight.html", {"tonight": public.tonight})


@api.get("/insights", response_model=InsightsPublic)
def api_insights(session: SessionDep, owner: OwnerDep) -> InsightsPublic:
    """Trigger analysis (odds ratio, 95% interval, q value, verdict per factor) and tonight's
    risk with its reasons and calibration."""
    return insights_service.to_public(insights_service.insights(session=session, owner=owner))

"""Warnings and notes shown with intake, each with its evidence grade and original source."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from nightcramps.conditions import KidneyStatus
from nightcramps.content.citations import cite
from nightcramps.nutrition.schemas import Advice, Citation


def day_words(day: date, today: date) -> str:
    """How a message names its day: "today", or "on Mon 23 Nov" (with the year if not this one)."""
    if day == today:
        return "today"
    return f"on {day:%a %d %b}" if day.year == today.year else f"on {day:%a %d %b %Y}"


UL_CITATION = Citation(
    claim=(
        "The tolerable upper intake level for magnesium from supplements and medicines (not "
        "food or water) is 65 mg at 1-3 years, 110 mg at 4-8 years and 350 mg from 9 years, "
        "including pregnancy and lactation; none is set for infants. It is a cautious limit an "
        "expert panel set from a few small studies in which some people had diarrhoea at about "
        "360 mg a day."
    ),
    # Weak on the product's scale (few small, inconsistent studies), which says how much is
    # known, not that it is safe to go over the limit.
    grade="weak",
    source=cite("iom1997"),
)

COCHRANE_CITATION = Citation(
    claim=(
        "For ordinary (idiopathic) night cramps, mostly in older adults, magnesium does not "
        "beat placebo: responders RR 1.04 (95% CI 0.84-1.29), 11 trials, 735 people."
    ),
    grade="contradicted",
    source=cite("garrison2020"),
)


KIDNEY_MAGNESIUM_CITATION = Citation(
    claim=(
        "The kidneys remove the magnesium the body does not need; as kidney function falls, "
        "magnesium taken as supplements or medicines can build up to a high blood level, so the "
        "upper level set for healthy people does not protect people with kidney disease."
    ),
    # Weak on the product's scale: physiology, case reports and reviews, not trials.
    grade="weak",
    source=cite("iom1997", "vermeulen2023"),
)


def _kidney_words(status: KidneyStatus) -> str:
    if status == "dialysis":
        return "you are on dialysis"
    if status == "yes_stage_unknown":
        return "you have kidney disease"
    stage = status.removeprefix("stage_").replace("_", " or ")
    return f"you have kidney disease of stage {stage}"


def supplemental_magnesium_warning(
    total_mg: float,
    limit_mg: float | None,
    *,
    on_day: str = "today",
    medicines: Sequence[tuple[str, float]] = (),
    kidney_disease: KidneyStatus | None = None,
) -> Advice | None:
    """The warning for a day's supplemental magnesium, or None when it is within the limit.

    ``limit_mg`` None means no upper level is set (infants): any supplemental magnesium is
    then worth a doctor's advice. ``on_day`` names the day ("today", "on Mon 23 Nov");
    ``medicines`` are the magnesium medicines counted in ``total_mg``, with their mg. With
    ``kidney_disease`` (any stage, or dialysis; the profile's answer) any amount warns: the
    kidneys clear magnesium. Not answered (None) or "no" keeps the usual limit.
    """
    has_kidney_disease = kidney_disease is not None and kidney_disease != "no"
    if total_mg <= 0 or (not has_kidney_disease and limit_mg is not None and total_mg <= limit_mg):
        return None
    counted = ""
    if medicines:
        listed = "; ".join(f"{name}: {mg:,.0f} mg" for name, mg in medicines)
        counted = (
            f" This counts magnesium on your medicines list ({listed}), read from what you typed; "
            "the weight of a magnesium salt can be more than the magnesium in it."
        )
    if kidney_disease is not None and has_kidney_disease:
        return _kidney_magnesium_warning(total_mg, kidney_disease, on_day=on_day, counted=counted)
    if limit_mg is None:
        message = (
            f"Supplemental magnesium {on_day}: {total_mg:,.0f} mg.{counted} No safe upper level "
            "is set for infants; give magnesium supplements only on a doctor's advice."
        )
    else:
        message = (
            f"Supplemental magnesium {on_day}: {total_mg:,.0f} mg, above the {limit_mg:,.0f} mg "
            f"upper level for magnesium from supplements and medicines.{counted} Talk to a "
            "doctor before taking this much, especially if you have kidney disease: the kidneys "
            "clear magnesium. Magnesium from food does not count toward this limit."
        )
    message += (
        " For ordinary night cramps in older adults, magnesium supplements do no better than "
        "placebo (Cochrane review, 2020)."
    )
    return Advice(
        code="supplemental_magnesium_above_limit",
        level="warning",
        message=message,
        evidence=[UL_CITATION, COCHRANE_CITATION],
    )


def _kidney_magnesium_warning(
    total_mg: float, status: KidneyStatus, *, on_day: str, counted: str
) -> Advice:
    message = (
        f"Supplemental magnesium {on_day}: {total_mg:,.0f} mg.{counted} Your profile says "
        f"{_kidney_words(status)}. The kidneys clear magnesium, so with kidney disease "
        "magnesium from supplements and medicines can build up to a high level in the blood, "
        "even below the usual upper level. Talk to your kidney doctor before taking it. "
        "Magnesium from food does not count here. For ordinary night cramps in older adults, "
        "magnesium supplements do no better than placebo (Cochrane review, 2020)."
    )
    return Advice(
        code="supplemental_magnesium_kidney_disease",
        level="warning",
        message=message,
        evidence=[KIDNEY_MAGNESIUM_CITATION, UL_CITATION, COCHRANE_CITATION],
    )


def magnesium_dose_unknown(names: Sequence[str], *, on_day: str = "today") -> Advice:
    """A note for magnesium medicines whose dose could not be read: unknown, never zero."""
    listed = "; ".join(names)
    return Advice(
        code="magnesium_medicine_dose_unknown",
        level="info",
        message=(
            f"Magnesium on your medicines list taken {on_day} ({listed}): its dose could not be "
            "read, so it is not in the supplemental magnesium total, which may be higher than "
            'shown. Add the dose in mg to the medicine (for example "400 mg, once a day") to '
            "count it toward the upper level for magnesium from supplements and medicines."
        ),
        evidence=[UL_CITATION],
    )


SODIUM_NOTE_CITATION = Citation(
    claim=(
        "Sodium has an Adequate Intake (1,500 mg from 14 years) and a Chronic Disease Risk "
        "Reduction intake of 2,300 mg: reduce intake above it."
    ),
    # The panel based the 2,300 mg intake on outcomes it rated of moderate or high strength
    # of evidence (GRADE).
    grade="moderate",
    source=cite("nasem2019"),
)


def sodium_above_guide(
    total_mg: float | None, guide_mg: float | None, *, on_day: str = "today"
) -> Advice | None:
    """A note when a day's sodium is above the CDRR (an upper guide, not a hard limit)."""
    if total_mg is None or guide_mg is None or total_mg <= guide_mg:
        return None
    return Advice(
        code="sodium_above_cdrr",
        level="info",
        message=(
            f"Sodium {on_day}: {total_mg:,.0f} mg, above the {guide_mg:,.0f} mg guide for reducing "
            "chronic disease risk. The target shown is the minimum that is adequate; the guide "
            "is the amount to stay below over time."
        ),
        evidence=[SODIUM_NOTE_CITATION],
    )


GAP_NOTE = Advice(
    code="food_gap_evidence",
    level="info",
    message=(
        "Reaching your reference intake is good nutrition. Whether more magnesium, potassium or "
        "calcium from food prevents ordinary night cramps has not been shown: reviews find such "
        "cramps are probably not caused by low electrolytes. Your own insights will show "
        "whether it makes a difference for you."
    ),
    evidence=[
        Citation(
            claim="Nocturnal leg cramps are probably not caused by electrolyte abnormalities.",
            grade="weak",
            source=cite("allen2012"),
        ),
        COCHRANE_CITATION,
    ],
)
"""Shown with "close the gap": the honest limit of what closing a gap does for cramps."""

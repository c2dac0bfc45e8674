"""What a person's health conditions change in the targets and in "close the gap". Pure, no I/O.

The conditions come from the profile and the medicines list (``nightcramps.conditions``); a
condition not answered changes nothing, so the advice is then the one for anyone:

- **potassium** is not pushed to someone whose medicines or kidneys keep potassium in the body
  (a potassium-sparing diuretic, an ACE inhibitor or an ARB; kidney disease of stage 3 or worse,
  dialysis, or a stage not known): the reference intake is not meant for them (NASEM 2019), so
  no potassium target is set from the tables (one they set themselves still applies), no foods
  are suggested, and a note says why and to ask their doctor;
- **fluids** stay within a fluid limit a doctor set: the water target is never above it, and
  the day says how much is still within it; with heart failure or dialysis and no limit
  recorded, a note says to follow their doctor's advice on fluids.
"""

from __future__ import annotations

from dataclasses import replace

from nightcramps.conditions import ADVANCED_KIDNEY, Conditions
from nightcramps.content.citations import cite
from nightcramps.nutrition.schemas import Advice, Citation, WaterTotal
from nightcramps.nutrition.targets import Targets

POTASSIUM_KEEPING_MEDICINES = {
    "potassium_sparing_diuretic": "a potassium-sparing diuretic (such as spironolactone)",
    "ace_inhibitor": "an ACE inhibitor (such as ramipril or lisinopril)",
    "arb": "an angiotensin receptor blocker (such as losartan)",
}
"""Medicine classes that keep potassium in the body, as a note names them."""

POTASSIUM_CITATION = Citation(
    claim=(
        "The potassium Adequate Intake is for healthy people; it does not apply to people whose "
        "kidneys pass less potassium because of kidney disease or of medicines such as ACE "
        "inhibitors, angiotensin receptor blockers and potassium-sparing diuretics, who can "
        "develop a high blood potassium."
    ),
    # Moderate: a guideline (KDIGO 2024) and a large population-based study (Juurlink 2004).
    grade="moderate",
    source=cite("nasem2019", "kdigo2024", "juurlink2004"),
)

FLUID_CITATION = Citation(
    claim=(
        "A fluid limit is set by a doctor for some people with heart failure or kidney failure "
        "(often 1.5 to 2 litres a day in severe heart failure); it is not advised routinely, so "
        "the doctor's advice for that person is what counts."
    ),
    # Weak: guideline consensus; trials of fluid limits are few and small.
    grade="weak",
    source=cite("nice_ng106", "mcdonagh2021", "kdigo2024"),
)


def potassium_reasons(person: Conditions) -> list[str]:
    """Why potassium is held back for ``person`` ("an ACE inhibitor ... is on your medicines
    list"); empty when it is not."""
    reasons = [
        f"{words} is on your medicines list"
        for key, words in POTASSIUM_KEEPING_MEDICINES.items()
        if key in person.medicine_classes
    ]
    if person.kidney_disease == "dialysis":
        reasons.append("your profile says you are on dialysis")
    elif person.kidney_disease in ADVANCED_KIDNEY:
        stage = person.kidney_disease.removeprefix("stage_")
        reasons.append(f"your profile says you have kidney disease of stage {stage}")
    elif person.kidney_disease == "yes_stage_unknown":
        # The stage may be 3 or worse: holding back is the safe reading of "not known".
        reasons.append("your profile says you have kidney disease (stage not known)")
    return reasons


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def potassium_held_back(person: Conditions) -> Advice | None:
    """The note shown instead of potassium-rich foods, or None when they are not held back."""
    reasons = potassium_reasons(person)
    if not reasons:
        return None
    return Advice(
        code="potassium_held_back",
        level="info",
        message=(
            f"Potassium: no foods are suggested to add potassium, and no target is set from the "
            f"tables, because {_joined(reasons)}. These keep potassium in the body, and too "
            "much can be harmful; the usual target is for people without them. Ask your doctor "
            "what amount of potassium is right for you (a target they give you can be set on "
            "the targets page). This is no reason to change a medicine."
        ),
        evidence=[POTASSIUM_CITATION],
    )


def adjust_targets(targets: Targets, person: Conditions) -> Targets:
    """The table targets for ``person``: no potassium target when it is held back (before the
    person's own targets are applied, so a target from their doctor still counts)."""
    if not potassium_reasons(person) or targets.potassium_mg is None:
        return targets
    note = (
        "Potassium: no target from the tables, as your medicines or kidneys keep potassium in "
        "the body (NASEM 2019); ask your doctor what is right for you."
    )
    return replace(targets, potassium_mg=None, notes=(*targets.notes, note))


def within_fluid_limit(targets: Targets, person: Conditions) -> Targets:
    """``targets`` with the water target no higher than the person's fluid limit (applied last,
    so it also caps a water target they set themselves)."""
    limit = person.fluid_limit_ml
    if limit is None or targets.water_ml is None or targets.water_ml <= limit:
        return targets
    note = (
        f"Water: at most your fluid limit of {limit:,} ml a day, which your doctor set (the "
        f"target would otherwise be {targets.water_ml:,.0f} ml)."
    )
    return replace(targets, water_ml=float(limit), notes=(*targets.notes, note))


def fluid_notes(person: Conditions, water: WaterTotal, on_day: str) -> list[Advice]:
    """The fluid note of a day: how much is still within the fluid limit, or (heart failure or
    dialysis with no limit recorded) to follow the doctor's advice on fluids."""
    limit = person.fluid_limit_ml
    if limit is not None:
        drunk = water.fluids_ml or 0.0
        left = max(limit - drunk, 0.0)
        so_far = f"{drunk:,.0f} ml of drinks {on_day}" if water.drinks else f"No drinks {on_day}"
        if left > 0:
            message = (
                f"Fluids: {so_far}; {left:,.0f} ml more is within your fluid limit of "
                f"{limit:,} ml a day. Count soups and other runny foods as your doctor told you."
            )
        else:
            message = (
                f"Fluids: {so_far}, which reaches your fluid limit of {limit:,} ml a day. No "
                "more fluids are suggested; follow your doctor's advice if you are thirsty."
            )
        return [
            Advice(code="fluid_limit", level="info", message=message, evidence=[FLUID_CITATION])
        ]
    if person.heart_failure or person.kidney_disease == "dialysis":
        why = "heart failure" if person.heart_failure else "dialysis"
        message = (
            f"Fluids: with {why}, follow your doctor's advice on how much to drink. The water "
            "target here is a reference for healthy people and may not suit you. If your doctor "
            "set a daily fluid limit, add it to your profile and the targets will keep within it."
        )
        return [
            Advice(code="fluid_advice", level="info", message=message, evidence=[FLUID_CITATION])
        ]
    return []


def gap_notes(person: Conditions, water: WaterTotal, on_day: str) -> list[Advice]:
    """Every note a person's conditions add to "close the gap", potassium first."""
    potassium = potassium_held_back(person)
    return [*([potassium] if potassium else []), *fluid_notes(person, water, on_day)]

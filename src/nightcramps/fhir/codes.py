"""Every code the FHIR export writes, in one reviewed table, each with where it comes from.

Nothing else in the export spells a system or a code: ``service.py`` takes them from here, and
``tests/fhir`` checks that every coding of a bundle is one of ``EMITTED`` and none of
``UNVERIFIED``. The sources are the HL7 Symptoms Implementation Guide 1.0.0, the HL7 Personal
Health Records IG 1.0.0-ballot2, Stanford's HealthKitOnFHIR mappings and the fhir.resources 8
R4B models; docs/fhir.md lists each code with its source.

A code is written only when it is confirmed. The memo's VERIFY candidates that could not be
checked against LOINC or SNOMED here stay in ``UNVERIFIED`` and are never written; what they
would describe is coded in the product's own code system instead (``NIGHTCRAMPS``), beside the
PHR IG's interim codes where that IG has one. Pure: no session, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------------------- systems

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
"""FHIR R4's observation-category code system (survey, activity, social-history, vital-signs)."""
SYMPTOM_CATEGORY = "http://hl7.org/fhir/uv/symptoms/CodeSystem/SymptomTemporary"
"""The HL7 Symptoms IG's temporary category system (memo §2.1, SymptomObservation.fsh)."""
PHR_PGHD = "http://hl7.org/fhir/uv/phr/CodeSystem/observation-pghd-codes"
"""The HL7 PHR IG's interim code system for patient-generated data (memo §2.1, 1.0.0-ballot2)."""
NIGHTCRAMPS = "https://nightcramps.example/fhir/CodeSystem/nightcramps"
"""The product's own code system, for what no standard code is confirmed for (docs/fhir.md)."""
URI_IDENTIFIER = "urn:ietf:rfc:3986"
"""The identifier system whose values are URIs: every resource's ``urn:uuid:`` identifier."""


@dataclass(frozen=True, slots=True)
class Code:
    """One (system, code, display) the export may write, with its source."""

    system: str
    code: str
    display: str | None
    """None where the source gives no display (then none is written)."""
    source: str
    """Where the code and its display were confirmed."""

    def coding(self) -> dict[str, str]:
        """The FHIR ``Coding``."""
        coding = {"system": self.system, "code": self.code}
        if self.display is not None:
            coding["display"] = self.display
        return coding


@dataclass(frozen=True, slots=True)
class Unit:
    """A UCUM unit as a ``Quantity`` writes it."""

    code: str
    unit: str


_MEMO_SYMPTOMS = "memo §2.1: HL7 Symptoms IG 1.0.0, SymptomObservation.fsh"
_MEMO_TABLE = "memo §2.3 mapping table"
_R4_CATEGORY = "FHIR R4 observation-category (hl7.org/fhir/R4/codesystem-observation-category)"
_PHR = "memo §2.1: HL7 PHR IG 1.0.0-ballot2, input/fsh/pghd (interim code, no display given)"
_OURS = "NightCramps (no confirmed standard code: docs/fhir.md)"


def _ours(code: str, display: str) -> Code:
    return Code(NIGHTCRAMPS, code, display, _OURS)


# ---------------------------------------------------------------------------- categories

SURVEY = Code(OBSERVATION_CATEGORY, "survey", "Survey", _R4_CATEGORY)
ACTIVITY = Code(OBSERVATION_CATEGORY, "activity", "Activity", _R4_CATEGORY)
SOCIAL_HISTORY = Code(OBSERVATION_CATEGORY, "social-history", "Social History", _R4_CATEGORY)
VITAL_SIGNS = Code(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs", _R4_CATEGORY)
SYMPTOM = Code(SYMPTOM_CATEGORY, "symptom", None, _MEMO_SYMPTOMS)

# ---------------------------------------------------------------------------- the cramp

SYMPTOM_CODE = Code(LOINC, "75325-1", "Symptom", _MEMO_SYMPTOMS)
SYMPTOM_ABSENT = Code(
    LOINC, "111551-8", "Symptom absent", "memo §2.1: Symptoms IG SymptomAbsentObservation.fsh"
)
MUSCLE_CRAMP = Code(
    SNOMED,
    "55300003",
    "Muscle cramp",
    "memo §2.2: consistent in 3 codebases and 2 ConceptMaps; formats.md §5",
)
PAIN_SEVERITY = Code(
    LOINC,
    "72514-3",
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    "memo §2.3; formats.md §5",
)
ALLEVIATING = Code(
    LOINC, "100753-3", "Alleviating factors - Reported", "memo §2.1: Symptoms IG component slice"
)

RELIEF: dict[str, Code] = {
    "stretch": _ours("relief-stretch", "Stretching the muscle"),
    "massage": _ours("relief-massage", "Massage"),
    "heat": _ours("relief-heat", "Heat"),
    "walking": _ours("relief-walking", "Walking or standing"),
    "other": _ours("relief-other", "Another relief"),
}
"""The diary's relief methods (``diary.schemas.Relief``); the memo's SNOMED procedures for them
are VERIFY, so they are the product's own."""

RELIEF_EFFECT = _ours("relief-effect", "How well the relief worked")
RELIEF_EFFECTS: dict[str, Code] = {
    "none": _ours("relief-effect-none", "Did not help"),
    "a_little": _ours("relief-effect-a-little", "Helped a little"),
    "mostly": _ours("relief-effect-mostly", "Mostly relieved"),
    "completely": _ours("relief-effect-completely", "Completely relieved"),
}
"""The diary's ``relief_effect`` (one answer per cramp, for all the methods used)."""

CRAMP_COUNT = _ours("cramp-count", "Number of night cramps in a night")
"""A night's count from an imported daily summary, which carries no per-cramp detail."""
SLEEP_DISTURBANCE = _ours("sleep-disturbance", "Sleep disturbance, 0-10, self-reported")

# ---------------------------------------------------------------------------- the day's factors


@dataclass(frozen=True, slots=True)
class FactorCode:
    """How one factor of ``nightcramps.factors`` becomes a daily Observation."""

    codes: tuple[Code, ...]
    """``Observation.code``'s codings; the first names it (its display becomes the text)."""
    category: Code
    unit: Unit | None
    """None for a flag, written as ``valueBoolean``."""


_MG = Unit("mg", "mg")

FACTORS: dict[str, FactorCode] = {
    "steps": FactorCode(
        (Code(LOINC, "41950-7", "Number of steps in 24 hour Measured", _MEMO_TABLE),),
        ACTIVITY,
        Unit("{steps}", "steps"),
    ),
    "exercise_min": FactorCode(
        (
            Code(
                LOINC,
                "55411-3",
                "Exercise duration",
                "memo §2.3 (Physical Activity IG pattern); also an OHDSI LOINC concept table",
            ),
        ),
        ACTIVITY,
        Unit("min", "min"),
    ),
    "stretched": FactorCode((_ours("bedtime-stretch", "Bedtime stretches done"),), ACTIVITY, None),
    "sleep_h": FactorCode(
        (Code(LOINC, "93832-4", "Sleep duration", _MEMO_TABLE),), ACTIVITY, Unit("h", "h")
    ),
    "fluid_ml": FactorCode(
        (
            _ours("fluid-intake", "Fluids drunk in the day"),
            Code(PHR_PGHD, "dietaryWater", None, _PHR),
        ),
        SURVEY,
        Unit("mL", "mL"),
    ),
    "magnesium_mg": FactorCode(
        (
            _ours("magnesium-intake", "Magnesium from food and supplements in the day"),
            Code(PHR_PGHD, "dietaryMagnesium", None, _PHR),
        ),
        SURVEY,
        _MG,
    ),
    "potassium_mg": FactorCode(
        (
            _ours("potassium-intake", "Potassium intake in the day"),
            Code(PHR_PGHD, "dietaryPotassium", None, _PHR),
        ),
        SURVEY,
        _MG,
    ),
    "calcium_mg": FactorCode(
        (
            _ours("calcium-intake", "Calcium intake in the day"),
            Code(PHR_PGHD, "dietaryCalcium", None, _PHR),
        ),
        SURVEY,
        _MG,
    ),
    "sodium_mg": FactorCode(
        (
            _ours("sodium-intake", "Sodium intake in the day"),
            Code(PHR_PGHD, "dietarySodium", None, _PHR),
        ),
        SURVEY,
        _MG,
    ),
    "caffeine_mg": FactorCode(
        (
            _ours("caffeine-intake", "Caffeine intake in the day"),
            Code(PHR_PGHD, "dietaryCaffeine", None, _PHR),
        ),
        SOCIAL_HISTORY,
        _MG,
    ),
    "alcohol_drinks": FactorCode(
        (
            Code(
                LOINC,
                "74013-4",
                "Alcoholic drinks per day",
                "memo §2.3: used by IPS-derived IGs (6 codebases)",
            ),
        ),
        SOCIAL_HISTORY,
        Unit("{drinks}/d", "drinks per day"),
    ),
    "active_energy_kcal": FactorCode(
        (Code(LOINC, "41981-2", "Calories burned", "memo §2.1: HealthKitOnFHIR mapping"),),
        ACTIVITY,
        Unit("kcal", "kcal"),
    ),
    "distance_km": FactorCode(
        (_ours("distance", "Distance walked or run in the day"),), ACTIVITY, Unit("km", "km")
    ),
    "in_bed_h": FactorCode((_ours("time-in-bed", "Time in bed"),), ACTIVITY, Unit("h", "h")),
    "body_mass_kg": FactorCode(
        (
            Code(
                LOINC,
                "29463-7",
                "Body weight",
                "FHIR R4 Vital Signs, the bodyweight profile's code (hl7.org/fhir/R4/bodyweight)",
            ),
        ),
        VITAL_SIGNS,
        Unit("kg", "kg"),
    ),
}
"""Every day-level factor the combined daily values hold (``factors.EXPOSURES`` and
``factors.IMPORTED``); the outcomes (cramps, worst severity) come from the nights instead."""

UNVERIFIED: tuple[Code, ...] = (
    Code(LOINC, "8999-5", "Fluid intake oral Estimated", "memo §2.3 VERIFY; formats.md §5"),
    Code(LOINC, "81005-1", "Magnesium intake 24 hour Estimated", "memo §2.3 VERIFY"),
    Code(LOINC, "81010-1", "Potassium intake 24 hour Estimated", "memo §2.3 VERIFY"),
    Code(LOINC, "81137-2", "Calcium intake 24 hour Estimated", "memo §2.3 VERIFY"),
    Code(LOINC, "81011-9", "Sodium intake 24 hour Estimated", "memo §2.3 VERIFY"),
    Code(LOINC, "9052-2", "Calorie intake total", "memo §2.1 (both IGs); not in the daily values"),
    Code(SNOMED, "449918009", "Cramp in lower leg", "memo §2.2: used less than 449917004"),
    Code(SNOMED, "449917004", "Cramp in lower limb", "memo §2.2 VERIFY the id-term pairing"),
    Code(SNOMED, "53840002", "Calf of leg", "memo §2.2 VERIFY"),
    Code(SNOMED, "7771000", "Left", "memo §2.2 VERIFY"),
    Code(SNOMED, "24028007", "Right", "memo §2.2 VERIFY"),
    Code(SNOMED, "51440002", "Bilateral", "memo §2.2 VERIFY"),
)
"""Candidates the memo names that are not written: each needs checking in a LOINC or SNOMED
browser first (9052-2 is confirmed but the app keeps no daily energy intake to write)."""

EMITTED: tuple[Code, ...] = (
    SURVEY,
    ACTIVITY,
    SOCIAL_HISTORY,
    VITAL_SIGNS,
    SYMPTOM,
    SYMPTOM_CODE,
    SYMPTOM_ABSENT,
    MUSCLE_CRAMP,
    PAIN_SEVERITY,
    ALLEVIATING,
    *RELIEF.values(),
    RELIEF_EFFECT,
    *RELIEF_EFFECTS.values(),
    CRAMP_COUNT,
    SLEEP_DISTURBANCE,
    *(code for factor in FACTORS.values() for code in factor.codes),
)
"""Every code the export may write: the allow-list the tests hold each bundle to."""

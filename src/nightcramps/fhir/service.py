"""A diary as one FHIR R4 Bundle (type ``collection``) for a clinician's system.

The bundle is plain JSON built here as dicts: the app needs no FHIR library at run time (the
tests validate every bundle against ``fhir.resources``' R4B models). What maps to what, with
each code's source, is docs/fhir.md; every code comes from ``fhir.codes``.

* the person → one ``Patient``: the year of birth and sex if given, the name only when asked,
  never the email;
* each cramp → an ``Observation`` shaped after the HL7 Symptoms IG's SymptomObservation: code
  "Symptom", value "Muscle cramp" with the muscle and side as text, the period it lasted (local
  offsets), the 0-10 severity and what relieved it as components;
* each cramp-free night → a "Symptom absent" ``Observation`` over the night; a night counted only
  by an import → a count; the night's sleep disturbance → a 0-10 score;
* each day's known factors (the combined daily values, ``dailyvalues.service.daily_frame``) → one
  ``Observation`` per factor and day; an unknown value is no Observation, never a 0;
* each medicine taken during the period → a ``MedicationStatement`` (R4's name; R5 renamed it).

Every resource's ``fullUrl`` is ``urn:uuid:`` + a UUID 5 of a stable key (the person, and the
cramp's number, the night's or day's date, the medicine's number), so the same diary exports the
same bundle, and a receiving server can match a re-export on ``identifier``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.columns import IMPORTED_FROM
from nightcramps.daylog import service as daylog_service
from nightcramps.daylog.schemas import MedicinePublic
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import CrampPublic, NightPublic
from nightcramps.fhir import codes
from nightcramps.fhir.codes import Code
from nightcramps.owner import Owner

Resource = dict[str, Any]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, codes.NIGHTCRAMPS)
"""The namespace of every UUID the export makes (UUID 5 of the product's code system URI)."""

MEDIA_TYPE = "application/fhir+json"
"""FHIR's JSON media type (hl7.org/fhir/R4/http.html#mime-type)."""

MUSCLE_WORDS = {
    "calf": ("calf", "calves"),
    "foot": ("foot", "feet"),
    "thigh": ("thigh", "thighs"),
    "hamstring": ("hamstring", "hamstrings"),
    "other": ("another muscle", "other muscles"),
}
"""A muscle in words, one and both sides, for the text beside the codes."""

RELIEF_WORDS = {
    "stretch": "stretching",
    "massage": "massage",
    "heat": "heat",
    "walking": "walking",
    "other": "something else",
}


class _Person(Protocol):
    """What the export reads of the person (``accounts_service.get_person``'s row)."""

    @property
    def id(self) -> int: ...
    @property
    def display_name(self) -> str: ...
    @property
    def sex(self) -> str | None: ...
    @property
    def birth_year(self) -> int | None: ...
    @property
    def created_at(self) -> datetime: ...


@dataclass(frozen=True, slots=True)
class _Context:
    """What every resource of one export refers to."""

    owner: Owner
    person_key: str
    """Stable and unique to the person: their number and when their profile was made."""

    def url(self, key: str) -> str:
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{self.person_key}/{key}')}"

    @property
    def patient(self) -> dict[str, str]:
        return {"reference": self.url("patient")}

    def moment(self, value: datetime) -> str:
        """A FHIR dateTime on the person's wall clock, with its offset."""
        return timing.local(value, self.owner.tz).isoformat(timespec="seconds")

    def period(self, start: datetime, end: datetime | None) -> dict[str, str]:
        period = {"start": self.moment(start)}
        if end is not None:
            period["end"] = self.moment(end)
        return period


def _entry(context: _Context, key: str, resource: Resource) -> Resource:
    """A bundle entry: the resource with its id and identifier, under its fullUrl."""
    url = context.url(key)
    body = {
        "resourceType": resource.pop("resourceType"),
        "id": url.removeprefix("urn:uuid:"),
        "identifier": [{"system": codes.URI_IDENTIFIER, "value": url}],
        **resource,
    }
    return {"fullUrl": url, "resource": body}


def _concept(*items: Code, text: str | None = None) -> dict[str, Any]:
    concept: dict[str, Any] = {"coding": [item.coding() for item in items]}
    if text is not None:
        concept["text"] = text
    return concept


# ---------------------------------------------------------------------------- the person


def _patient(context: _Context, person: _Person, include_name: bool) -> Resource:
    patient: Resource = {"resourceType": "Patient"}
    if include_name and person.display_name:
        patient["name"] = [{"text": person.display_name}]
    if person.sex in ("female", "male"):
        patient["gender"] = person.sex
    if person.birth_year is not None:
        patient["birthDate"] = f"{person.birth_year:04d}"  # a year is a valid FHIR date
    return _entry(context, "patient", patient)


def _person_key(person: _Person) -> str:
    """The stable key of a person's resources: their number and when their profile was made
    (two installations both have a person 1; they do not share the moment it was made)."""
    return f"person/{person.id}/{person.created_at.astimezone(UTC).isoformat()}"


# ---------------------------------------------------------------------------- nights


def _site(cramp: CrampPublic) -> str:
    one, both = MUSCLE_WORDS[cramp.muscle]
    return f"{both}, both sides" if cramp.side == "both" else f"{cramp.side} {one}"


def _relief_components(cramp: CrampPublic) -> list[Resource]:
    components: list[Resource] = [
        {
            "code": _concept(codes.ALLEVIATING),
            "valueCodeableConcept": _concept(codes.RELIEF[method], text=RELIEF_WORDS[method]),
        }
        for method in cramp.relief
    ]
    if cramp.relief_effect is not None:
        effect = codes.RELIEF_EFFECTS[cramp.relief_effect]
        components.append(
            {
                "code": _concept(codes.RELIEF_EFFECT),
                "valueCodeableConcept": _concept(effect, text=effect.display),
            }
        )
    return components


def _cramp_period(context: _Context, night: NightPublic, cramp: CrampPublic) -> dict[str, str]:
    """When the cramp began and, with its duration, ended; for a cramp at "some time in the
    night", the whole night."""
    if cramp.started_at is None:
        return context.period(*timing.night_window(night.night_of, context.owner))
    end = None
    if cramp.duration_min is not None:
        end = cramp.started_at + timedelta(minutes=cramp.duration_min)
    return context.period(cramp.started_at, end)


def _cramp(context: _Context, night: NightPublic, cramp: CrampPublic) -> Resource:
    site = _site(cramp)
    observation: Resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": [_concept(codes.SYMPTOM), _concept(codes.SURVEY)],
        "code": _concept(codes.SYMPTOM_CODE),
        "subject": context.patient,
        "effectivePeriod": _cramp_period(context, night, cramp),
        "performer": [context.patient],
        "valueCodeableConcept": _concept(codes.MUSCLE_CRAMP, text=f"Night cramp, {site}"),
        "bodySite": {"text": site},
        "component": [
            {"code": _concept(codes.PAIN_SEVERITY), "valueInteger": cramp.severity_0_10},
            *_relief_components(cramp),
        ],
    }
    if cramp.notes:
        observation["note"] = [{"text": cramp.notes}]
    return _entry(context, f"cramp/{cramp.id}", observation)


def _night_observation(
    context: _Context, night: NightPublic, code: dict[str, Any], value: Resource
) -> Resource:
    """An Observation of the whole night (cut-over to cut-over), reported by the person."""
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [_concept(codes.SURVEY)],
        "code": code,
        "subject": context.patient,
        "effectivePeriod": context.period(*timing.night_window(night.night_of, context.owner)),
        "performer": [context.patient],
        **value,
    }


def _cramp_free(context: _Context, night: NightPublic) -> Resource:
    value = {"valueCodeableConcept": _concept(codes.MUSCLE_CRAMP, text="No night cramps")}
    absent = _night_observation(context, night, _concept(codes.SYMPTOM_ABSENT), value)
    absent["category"].insert(0, _concept(codes.SYMPTOM))
    return _entry(context, f"night/{night.night_of}/absent", absent)


def _night_resources(context: _Context, night: NightPublic) -> Iterator[Resource]:
    for cramp in sorted(night.cramps, key=lambda c: (c.started_at is not None, c.started_at, c.id)):
        yield _cramp(context, night, cramp)
    if night.status == "no_cramps":
        yield _cramp_free(context, night)
    elif night.counted_from == "import" and night.status == "cramps":
        value = {"valueInteger": night.cramp_count}
        code = _concept(codes.CRAMP_COUNT, text=codes.CRAMP_COUNT.display)
        count = _night_observation(context, night, code, value)
        count["note"] = [{"text": "Counted by an imported daily summary, without details."}]
        yield _entry(context, f"night/{night.night_of}/count", count)
    if night.sleep_disturbance_0_10 is not None:
        value = {"valueInteger": night.sleep_disturbance_0_10}
        code = _concept(codes.SLEEP_DISTURBANCE, text=codes.SLEEP_DISTURBANCE.display)
        score = _night_observation(context, night, code, value)
        yield _entry(context, f"night/{night.night_of}/sleep-disturbance", score)


def _nights(context: _Context, session: Session, start: date, end: date) -> Iterator[Resource]:
    owner = context.owner
    listed = [
        diary_service.to_night_public(n)
        for n in diary_service.list_nights(session=session, owner=owner, start=start, end=end)
    ]
    nights = dailyvalues_service.with_imported_counts(session=session, owner=owner, nights=listed)
    for night in sorted(nights, key=lambda n: n.night_of):
        yield from _night_resources(context, night)


# ---------------------------------------------------------------------------- days


def _value(factor: codes.FactorCode, value: float) -> Resource:
    if factor.unit is None:
        return {"valueBoolean": value >= 1}
    number: float | int = int(value) if float(value).is_integer() else value
    unit = factor.unit
    return {
        "valueQuantity": {
            "value": number,
            "unit": unit.unit,
            "system": codes.UCUM,
            "code": unit.code,
        }
    }


def _day_observation(
    context: _Context, day: date, name: str, value: float, source: str
) -> Resource:
    factor = codes.FACTORS[name]
    observation: Resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": [_concept(factor.category)],
        "code": _concept(*factor.codes, text=factor.codes[0].display),
        "subject": context.patient,
        "effectivePeriod": context.period(*timing.day_window(day, context.owner)),
        **_value(factor, value),
    }
    if source in IMPORTED_FROM:
        observation["note"] = [{"text": f"Imported from {IMPORTED_FROM[source]}."}]
    else:
        observation["performer"] = [context.patient]
    return _entry(context, f"day/{day}/{name}", observation)


def _days(context: _Context, session: Session, start: date, end: date) -> Iterator[Resource]:
    frame = dailyvalues_service.daily_frame(
        session=session, owner=context.owner, start=start, end=end
    )
    for day, values in sorted(frame.items()):
        for name in codes.FACTORS:
            known = values.values.get(name)
            if known is not None:
                yield _day_observation(context, day, name, known.value, known.source)


# ---------------------------------------------------------------------------- medicines


def _taken_between(medicine: MedicinePublic, start: date, end: date) -> bool:
    return (medicine.started_on is None or medicine.started_on <= end) and (
        medicine.stopped_on is None or medicine.stopped_on >= start
    )


def _medicine_notes(medicine: MedicinePublic) -> list[dict[str, str]]:
    notes = [{"text": medicine.notes}] if medicine.notes else []
    for match in medicine.matches:
        notes.append(
            {
                "text": f"{match.class_name}: a drug class associated with night cramps "
                f"(evidence {match.evidence_grade}; NightCramps' medicine check, not advice)."
            }
        )
    return notes


def _medicine(context: _Context, medicine: MedicinePublic) -> Resource:
    statement: Resource = {
        "resourceType": "MedicationStatement",
        "status": "active" if medicine.taking else "completed",
        "medicationCodeableConcept": {"text": medicine.name},
        "subject": context.patient,
        "informationSource": context.patient,
    }
    period = {
        name: value.isoformat()
        for name, value in (("start", medicine.started_on), ("end", medicine.stopped_on))
        if value is not None
    }
    if period:
        statement["effectivePeriod"] = period
    if medicine.dose:
        statement["dosage"] = [{"text": medicine.dose}]
    notes = _medicine_notes(medicine)
    if notes:
        statement["note"] = notes
    return _entry(context, f"medicine/{medicine.id}", statement)


def _medicines(context: _Context, session: Session, start: date, end: date) -> Iterator[Resource]:
    medicines = daylog_service.list_medicines(session=session, owner=context.owner)
    for medicine in sorted(medicines, key=lambda m: m.id):
        if _taken_between(medicine, start, end):
            yield _medicine(context, medicine)


# ---------------------------------------------------------------------------- the bundle


def export_bundle(
    session: Session,
    owner: Owner,
    *,
    now: datetime,
    start: date | None = None,
    end: date | None = None,
    include_name: bool = False,
) -> dict[str, Any]:
    """The diary from night ``start`` to night ``end`` as a FHIR R4 Bundle (JSON as dicts).

    Without ``end`` the range ends tonight; without ``start`` it reaches back almost ten years
    (``dailyvalues.service.resolve_range``). The same diary and ``now`` give the same bundle.

    Raises:
        Invalid: the range is reversed, too long, or has an implausible year.
    """
    start, end = dailyvalues_service.resolve_range(owner=owner, start=start, end=end, now=now)
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    context = _Context(owner=owner, person_key=_person_key(person))
    entries = [
        _patient(context, person, include_name),
        *_nights(context, session, start, end),
        *_days(context, session, start, end),
        *_medicines(context, session, start, end),
    ]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": now.astimezone(UTC).isoformat(timespec="seconds"),
        "entry": entries,
    }


def resource_counts(bundle: dict[str, Any]) -> dict[str, int]:
    """How many resources of each type a bundle holds."""
    counts: dict[str, int] = {}
    for entry in bundle["entry"]:
        kind = entry["resource"]["resourceType"]
        counts[kind] = counts.get(kind, 0) + 1
    return counts

"""The FHIR bundle of a populated diary: valid R4(B), complete, closed under its references, and
written only with the reviewed codes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.errors import Invalid
from nightcramps.factors import EXPOSURES, IMPORTED
from nightcramps.fhir import codes, service
from nightcramps.owner import Owner
from tests.factories import make_cramp
from tests.fhir.conftest import (
    END,
    EXPECTED,
    IMPORTED_NIGHT,
    MAGNESIUM_DAY,
    NO_MAGNESIUM_DAY,
    START,
)

Json = dict[str, Any]


def _bundle(session: Session, owner: Owner, now: datetime, **options: Any) -> Json:
    return service.export_bundle(session, owner, now=now, start=START, end=END, **options)


def _resources(bundle: Json, kind: str) -> list[Json]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _walk(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair anywhere in a JSON value."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key, inner
            yield from _walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner)


def _codes_of(observation: Json) -> set[str]:
    return {c["code"] for c in observation["code"]["coding"]}


def _on(observation: Json, day: date) -> bool:
    return bool(observation["effectivePeriod"]["start"].startswith(day.isoformat()))


def test_the_bundle_validates_as_r4b(session: Session, diary: Owner, now: datetime) -> None:
    """fhir.resources' R4B Bundle model accepts the export, every resource included."""
    bundle = _bundle(session, diary, now)
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    assert len(parsed.entry or []) == sum(EXPECTED.values())


def test_counts_are_what_the_diary_holds(session: Session, diary: Owner, now: datetime) -> None:
    """One Patient; an Observation per cramp, cramp-free night, score, count and known day
    value; a MedicationStatement per medicine taken in the period."""
    bundle = _bundle(session, diary, now)
    assert service.resource_counts(bundle) == EXPECTED
    by_code: dict[str, int] = {}
    for observation in _resources(bundle, "Observation"):
        first = observation["code"]["coding"][0]["code"]
        by_code[first] = by_code.get(first, 0) + 1
    assert by_code == {
        "75325-1": 3,  # cramps
        "111551-8": 2,  # cramp-free nights
        "sleep-disturbance": 1,
        "cramp-count": 1,
        "magnesium-intake": 1,
        "41950-7": 2,  # steps on the 10th and 11th
        "93832-4": 1,  # sleep
        "fluid-intake": 1,
        "55411-3": 1,  # exercise
        "caffeine-intake": 1,
    }
    statements = _resources(bundle, "MedicationStatement")
    names = sorted(s["medicationCodeableConcept"]["text"] for s in statements)
    assert names == ["Hydrochlorothiazide", "Magnesium oxide"]  # not the one stopped in 2025


def test_every_reference_resolves_inside_the_bundle(
    session: Session, diary: Owner, now: datetime
) -> None:
    """Each ``reference`` names the fullUrl of an entry; fullUrls are unique urn:uuid."""
    bundle = _bundle(session, diary, now)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls)
    assert all(u.startswith("urn:uuid:") for u in urls)
    references = [v for k, v in _walk(bundle) if k == "reference"]
    assert len(references) > len(urls)  # subject, performer, informationSource
    assert set(references) <= set(urls)
    (patient,) = _resources(bundle, "Patient")
    assert set(references) == {f"urn:uuid:{patient['id']}"}


def test_only_reviewed_codes_are_written(session: Session, diary: Owner, now: datetime) -> None:
    """Every coding is in the code table's allow-list, with its display; no VERIFY candidate."""
    bundle = _bundle(session, diary, now)
    allowed = {(c.system, c.code): c.display for c in codes.EMITTED}
    unverified = {(c.system, c.code) for c in codes.UNVERIFIED}
    written = [coding for k, v in _walk(bundle) if k == "coding" for coding in v]
    assert written
    for coding in written:
        key = (coding["system"], coding["code"])
        assert key in allowed, coding
        assert key not in unverified
        assert coding.get("display") == allowed[key]


def test_a_day_with_unknown_magnesium_has_no_magnesium_observation(
    session: Session, diary: Owner, now: datetime
) -> None:
    """Magnesium known on the 10th is one Observation in mg; the 11th, unknown, has none (and
    no 0)."""
    observations = _resources(_bundle(session, diary, now), "Observation")
    magnesium = [o for o in observations if "magnesium-intake" in _codes_of(o)]
    assert [o["valueQuantity"] for o in magnesium] == [
        {"value": 300, "unit": "mg", "system": codes.UCUM, "code": "mg"}
    ]
    assert _on(magnesium[0], MAGNESIUM_DAY)
    assert "dietaryMagnesium" in _codes_of(magnesium[0])
    assert not [o for o in magnesium if _on(o, NO_MAGNESIUM_DAY)]
    values = [v for k, v in _walk(observations) if k == "valueQuantity"]
    assert all(v["value"] != 0 for v in values)


def test_a_cramp_is_a_symptom_observation(session: Session, diary: Owner, now: datetime) -> None:
    """The cramp at 03:10 for 4 minutes: code Symptom, value Muscle cramp with its site, the
    period with London's offset, severity 7 and both reliefs with their effect in components."""
    observations = _resources(_bundle(session, diary, now), "Observation")
    cramp = next(o for o in observations if o.get("note") == [{"text": "woke me up"}])
    assert _codes_of(cramp) == {"75325-1"}
    assert cramp["valueCodeableConcept"]["coding"][0]["code"] == "55300003"
    assert cramp["bodySite"] == {"text": "left calf"}
    assert cramp["effectivePeriod"] == {
        "start": "2026-11-02T03:10:00+00:00",
        "end": "2026-11-02T03:14:00+00:00",
    }
    assert cramp["performer"] == [cramp["subject"]]
    assert "dataAbsentReason" not in cramp
    components = {
        c["code"]["coding"][0]["code"]: c.get("valueInteger", c.get("valueCodeableConcept"))
        for c in cramp["component"]
    }
    assert components["72514-3"] == 7
    reliefs = [
        c["valueCodeableConcept"]["coding"][0]["code"]
        for c in cramp["component"]
        if c["code"]["coding"][0]["code"] == "100753-3"
    ]
    assert reliefs == ["relief-stretch", "relief-massage"]
    assert components["relief-effect"]["coding"][0]["code"] == "relief-effect-mostly"


def test_a_cramp_without_a_time_spans_its_night(
    session: Session, diary: Owner, now: datetime
) -> None:
    """ "Some time in the night" is the night from cut-over to cut-over; cramp-free nights too."""
    observations = _resources(_bundle(session, diary, now), "Observation")
    foot = next(o for o in observations if o.get("bodySite") == {"text": "left foot"})
    assert foot["effectivePeriod"] == {
        "start": "2026-11-20T12:00:00+00:00",
        "end": "2026-11-21T12:00:00+00:00",
    }
    absent = [o for o in observations if "111551-8" in _codes_of(o)]
    assert [o["effectivePeriod"]["start"][:10] for o in absent] == ["2026-11-03", "2026-11-04"]
    count = next(o for o in observations if "cramp-count" in _codes_of(o))
    assert (count["valueInteger"], _on(count, IMPORTED_NIGHT)) == (2, True)


def test_times_carry_the_persons_offset(session: Session, owner: Owner, now: datetime) -> None:
    """A summer cramp at 03:10 in London is written as 03:10+01:00 (02:10 UTC)."""
    make_cramp(session, owner, now, at=datetime(2026, 7, 2, 3, 10), duration_min=0.5)
    observations = _resources(service.export_bundle(session, owner, now=now), "Observation")
    assert [o["effectivePeriod"] for o in observations] == [
        {"start": "2026-07-02T03:10:00+01:00", "end": "2026-07-02T03:10:30+01:00"}
    ]


def test_exporting_twice_gives_identical_json(
    session: Session, diary: Owner, now: datetime
) -> None:
    """The same diary and moment give the same bytes: every id comes from a stable key."""
    first = json.dumps(_bundle(session, diary, now))
    assert json.dumps(_bundle(session, diary, now)) == first
    assert first.count("urn:uuid:") > sum(EXPECTED.values())


def test_the_patient_holds_only_what_was_given(
    session: Session, diary: Owner, now: datetime
) -> None:
    """Year of birth and sex when given; the name only when asked; never the email."""
    person = accounts_service.get_person(session=session, person_id=diary.person_id)
    person.birth_year, person.sex, person.display_name = 1958, "female", "Ann Example"
    person.email = "ann@example.org"
    session.flush()
    (plain,) = _resources(_bundle(session, diary, now), "Patient")
    assert (plain["birthDate"], plain["gender"]) == ("1958", "female")
    assert "name" not in plain
    named_bundle = _bundle(session, diary, now, include_name=True)
    (named,) = _resources(named_bundle, "Patient")
    assert named["name"] == [{"text": "Ann Example"}]
    assert "ann@example.org" not in json.dumps(named_bundle)
    Bundle.model_validate(named_bundle)


def test_medicines_are_medication_statements(session: Session, diary: Owner, now: datetime) -> None:
    """A current medicine is active, a stopped one completed, with dates, dose and, for a class
    linked with cramps, a note saying so."""
    statements = {
        s["medicationCodeableConcept"]["text"]: s
        for s in _resources(_bundle(session, diary, now), "MedicationStatement")
    }
    thiazide = statements["Hydrochlorothiazide"]
    assert thiazide["status"] == "active"
    assert thiazide["effectivePeriod"] == {"start": "2026-10-15"}
    assert thiazide["dosage"] == [{"text": "25 mg"}]
    assert any("night cramps" in n["text"] for n in thiazide["note"])
    magnesium = statements["Magnesium oxide"]
    assert magnesium["status"] == "completed"
    assert magnesium["effectivePeriod"] == {"start": "2026-11-01", "end": "2026-11-05"}


def test_an_empty_diary_is_a_patient_alone(session: Session, owner: Owner, now: datetime) -> None:
    """Nothing logged: the Patient and no Observation (unknown is not zero)."""
    bundle = service.export_bundle(session, owner, now=now)
    assert service.resource_counts(bundle) == {"Patient": 1}
    assert bundle["timestamp"] == "2026-11-24T09:00:00+00:00"
    Bundle.model_validate(bundle)


def test_a_reversed_range_is_refused(session: Session, owner: Owner, now: datetime) -> None:
    """``start`` after ``end`` says to swap them."""
    with pytest.raises(Invalid, match="swap from and to"):
        service.export_bundle(session, owner, now=now, start=END, end=START)


def test_every_day_factor_has_a_code() -> None:
    """Each factor the combined daily values can hold maps to an Observation code."""
    assert {f.name for f in EXPOSURES + IMPORTED} == set(codes.FACTORS)

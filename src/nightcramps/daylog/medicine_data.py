"""Drug classes associated with leg cramps, with the size of each association and its source.

The data is in ``medicines.toml`` beside this module (its opening comment says where each
figure comes from); this module reads it once, at import, checks it, and shapes it for
``medicines.py``, which matches what a person types against ``DRUGS`` and reports the
``CLASSES`` found.

``DrugClass.citations`` are keys into ``nightcramps.content.citations.CITATIONS``, the one list
of sources the whole product cites from; evidence grades are the product's five
(``nightcramps.content.grades``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from nightcramps.content import Prose, error_at, load_toml
from nightcramps.content.citations import CitationKey
from nightcramps.daylog.schemas import EvidenceGrade

MEDICINES_FILE = Path(__file__).with_name("medicines.toml")

ICS = "_inhaled_corticosteroid"
"""Not a class: marks an inhaled corticosteroid, which turns a LABA match into LABA + ICS."""


@dataclass(frozen=True, slots=True)
class Association:
    """The size of an association as published."""

    measure: str
    ratio: float
    ci_low: float
    ci_high: float
    p_value: str
    significant: bool


@dataclass(frozen=True, slots=True)
class DrugClass:
    """A class (or single drug) associated with cramps."""

    key: str
    name: str
    evidence_grade: EvidenceGrade
    summary: str
    """One or two sentences on what was found, in plain words."""
    citations: tuple[str, ...]
    """Keys into ``content.citations.CITATIONS``; the first is the main source."""
    association: Association | None
    guidance: str
    """What to do: talk to the prescriber (``PRESCRIBER``) unless the class says more."""


@dataclass(frozen=True, slots=True)
class Drug:
    """One medicine: its generic name, the classes it belongs to and the names people type."""

    generic: str
    classes: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    """Other generic spellings and brand names (lower case; several words allowed)."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AssociationRecord(_Record):
    """``[class.<key>.association]``: the published size of the association."""

    measure: str
    ratio: float = Field(gt=0)
    ci_low: float = Field(gt=0)
    ci_high: float = Field(gt=0)
    p_value: str
    significant: bool


class ClassRecord(_Record):
    """``[class.<key>]``: a class of ``medicines.toml``."""

    name: Prose
    evidence_grade: EvidenceGrade
    citations: tuple[CitationKey, ...] = Field(min_length=1)
    summary: Prose
    guidance: Prose | None = None
    """When None, ``prescriber``: talk to the prescriber."""
    association: AssociationRecord | None = None


class DrugRecord(_Record):
    """``[drug."<generic name>"]``: a medicine of ``medicines.toml``."""

    classes: tuple[str, ...] = Field(min_length=1)
    aliases: tuple[str, ...] = ()


class MedicinesFile(_Record):
    """``medicines.toml``: the default guidance, the classes and the medicines."""

    prescriber: Prose
    classes: dict[str, ClassRecord] = Field(alias="class", min_length=1)
    drugs: dict[str, DrugRecord] = Field(alias="drug", min_length=1)


def _check_references(path: Path, file: MedicinesFile) -> None:
    """Every class a medicine names exists (or is a ``_`` marker), and every name is lower case."""
    for generic, drug in file.drugs.items():
        for key in drug.classes:
            if not key.startswith("_") and key not in file.classes:
                raise error_at(
                    path,
                    ("drug", generic, "classes"),
                    f"{generic!r} names the class {key!r}, which has no [class.{key}] table: "
                    "correct the key or add the class",
                )
        for name in (generic, *drug.aliases):
            if name != name.lower():
                raise error_at(
                    path,
                    ("drug", generic),
                    f"{name!r} is not lower case: write names in lower case",
                )


def _drug_class(key: str, record: ClassRecord, prescriber: str) -> DrugClass:
    """A class of the file, with the default guidance when it gives none."""
    association = record.association
    return DrugClass(
        key=key,
        name=record.name,
        evidence_grade=record.evidence_grade,
        summary=record.summary,
        citations=record.citations,
        association=None if association is None else Association(**association.model_dump()),
        guidance=prescriber if record.guidance is None else record.guidance,
    )


@dataclass(frozen=True, slots=True)
class Medicines:
    """What ``medicines.toml`` holds, shaped for the matcher."""

    prescriber: str
    classes: dict[str, DrugClass]
    drugs: tuple[Drug, ...]


def load_medicines(path: Path = MEDICINES_FILE) -> Medicines:
    """The classes and medicines in the TOML file at ``path``.

    Raises:
        ContentError: the file is wrong (the message names its line).
    """
    file = load_toml(path, MedicinesFile)
    _check_references(path, file)
    return Medicines(
        prescriber=file.prescriber,
        classes={k: _drug_class(k, r, file.prescriber) for k, r in file.classes.items()},
        drugs=tuple(Drug(g, d.classes, d.aliases) for g, d in file.drugs.items()),
    )


_MEDICINES = load_medicines()

PRESCRIBER: str = _MEDICINES.prescriber
"""The guidance for every class associated with cramps: talk to the prescriber, never change a
medicine on one's own (evidence.md §8.3)."""

CLASSES: dict[str, DrugClass] = _MEDICINES.classes
"""Every class the matcher can report, by key."""

DRUGS: tuple[Drug, ...] = _MEDICINES.drugs
"""Every medicine the matcher recognises. Classes starting with ``_`` are markers, not classes."""

"""The publications and guidelines behind every claim NightCramps shows: the one registry.

The sources are data, in ``citations.toml`` beside this module (how to write one is explained at
the top of that file); this module reads them once, at import, and shapes each into a
:class:`Citation`. Claims everywhere (the knowledge base, the check-up, the medicine classes, the
notes shown with intake) cite a source by its key, so the same paper is written out once however
many claims rest on it, and :data:`CitationKey` refuses a key that is not in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel

from nightcramps.content.loader import load_toml

CitationKind = Literal[
    "trial", "review", "observational", "guideline", "regulator", "reference", "consumer"
]
"""What sort of source it is: a randomised trial, a systematic review, an observational study, a
clinical guideline, a drug regulator's notice, a reference work, or health information written for
the public by a hospital or health service."""

ACCESSED_YEAR = 2026
"""The year the undated web pages were read (``Citation.accessed``)."""

CITATIONS_FILE = Path(__file__).with_name("citations.toml")


@dataclass(frozen=True, slots=True)
class Citation:
    """One publication or guideline."""

    key: str
    authors: str
    """Personal authors as "Surname Initials" (the first three and "et al." when there are more
    than six), or, for a document a body issued in its own name (a guideline, a regulator's
    notice, a product label, a health-information page), that body."""
    title: str
    source: str
    """Journal abbreviation or issuing body (e.g. "J Physiother", "NICE Clinical Knowledge
    Summaries")."""
    year: int
    """Year of publication, or of the last review a web page shows. When the page shows no date,
    the year it was read, and ``accessed`` is True."""
    locator: str
    """Volume, issue and pages, or a review number; "" when there is none."""
    kind: CitationKind
    corporate: bool = False
    """True when ``authors`` is the issuing body and the short form should name its publication
    and the title instead ("NICE Clinical Knowledge Summaries 2012: Leg cramps")."""
    accessed: bool = False
    """True when no publication or review date was found: ``year`` is then the year the page was
    read, and the short form says "accessed 2026" rather than pass it off as a publication
    year."""

    @property
    def short(self) -> str:
        """The citation as shown beside a claim.

        "Hallegraeff JM et al., J Physiother 2012;58(1):17-22", "NICE Clinical Knowledge
        Summaries 2012: Leg cramps", "NHS, accessed 2026: Leg cramps (nhs.uk)".
        """
        if self.corporate:
            return f"{self.published}: {self.title}"
        return f"{self.cited_authors}, {self.published}"

    @property
    def published(self) -> str:
        """Where and when: "J Physiother 2012;58(1):17-22", "Mayo Clinic, accessed 2026"."""
        when = f", accessed {self.year}" if self.accessed else f" {self.year}"
        if not self.locator:
            return self.source + when
        joint = ";" if self.locator[0] in "0123456789(" else ", "
        return f"{self.source}{when}{joint}{self.locator}"

    @property
    def cited_authors(self) -> str:
        """The authors as the short form names them: one or two in full, or the first and "et
        al." ("Garrison SR et al."). A body's name is never cut."""
        names = [n for n in self.authors.removesuffix("et al.").split(", ") if n.strip()]
        many = len(names) > 2 or self.authors.endswith("et al.")
        if many and _PERSON.fullmatch(names[0].strip()):
            return f"{names[0].strip()} et al."
        return self.authors


_PERSON = re.compile(r"[\w'-]+(?: [\w'-]+)* [A-Z]{1,3}")
"""A personal author as Vancouver writes one: "Hallegraeff JM", "van der Schans CP"."""

Text = Annotated[str, Field(min_length=1)]


class CitationRecord(BaseModel):
    """One table of ``citations.toml``: a :class:`Citation` without its key (the table name)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    authors: Text
    title: Text
    source: Text
    year: int = Field(gt=1900, le=ACCESSED_YEAR)
    locator: str = ""
    kind: CitationKind
    corporate: bool = False
    accessed: bool = False


def _key_format(key: str) -> str:
    """A key as claims write it: lower case, digits and ``_``."""
    if not re.fullmatch(r"[a-z0-9_]+", key):
        raise ValueError("write keys in lower case, with digits and _ only (e.g. allen2012)")
    return key


class CitationsFile(RootModel[dict[Annotated[str, AfterValidator(_key_format)], CitationRecord]]):
    """``citations.toml``: key → source."""


def load_citations(path: Path) -> dict[str, Citation]:
    """Every citation in the TOML file at ``path``, by key, in the file's order.

    Raises:
        ContentError: the file is not valid TOML or a source in it is incomplete or wrong.
    """
    records = load_toml(path, CitationsFile).root
    return {key: Citation(key=key, **record.model_dump()) for key, record in records.items()}


CITATIONS: dict[str, Citation] = load_citations(CITATIONS_FILE)
"""Every citation, by key."""


def _known(key: str) -> str:
    """A key of the registry (a claim citing a source that does not exist is refused)."""
    if key not in CITATIONS:
        raise ValueError(
            f"no source has the key {key!r}: use a key of content/citations.toml, or add the "
            "source there"
        )
    return key


CitationKey = Annotated[str, AfterValidator(_known)]
"""A key of :data:`CITATIONS`, for the schemas of content files that cite sources."""


def cite(*keys: str) -> str:
    """The short forms of ``keys`` joined for display: "A, J 2012; B, J 2005"."""
    return "; ".join(CITATIONS[key].short for key in keys)

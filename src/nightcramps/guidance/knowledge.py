"""The knowledge base: what the article claims, what the evidence says, and how sure it is.

Each entry is a Markdown file in ``entries/`` (``entries/magnesium.md`` is the page
``/guidance/magnesium``), written in our own words from the sources in
``content/citations.toml``. Its TOML front matter holds the slug, the reading order, the title,
the kind, the grade on the five-step scale of ``GRADES``, the citations (the first is the main
source), the logged factors it explains and a one-sentence summary; four sections hold the
prose:

* ``## What the article says``: the claim in paraphrase, or "The article does not mention
  this." ("the article" is the magazine piece on night cramps that started NightCramps);
* ``## What the evidence says``: with numbers where the sources give them;
* ``## Why this grade``;
* ``## What this means for you``: never a diagnosis, never "stop taking".

Prose is shown as plain text: lines are joined with spaces, one paragraph per section. The files
are read once, at import; a wrong entry raises ``ContentError`` naming the file and the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from nightcramps import factors
from nightcramps.content import Prose, error_at, load_markdown_entries
from nightcramps.content.citations import CITATIONS, Citation, CitationKey
from nightcramps.content.grades import GRADES, Grade

__all__ = [
    "BY_FACTOR",
    "BY_SLUG",
    "ENTRIES",
    "FACTOR_KEYS",
    "GRADES",
    "KINDS",
    "NOT_IN_ARTICLE",
    "Entry",
    "Grade",
    "Kind",
    "load_entries",
]

Kind = Literal["cause", "prevention", "relief", "safety"]

KINDS: dict[Kind, str] = {
    "cause": "Causes and things linked with cramps",
    "prevention": "Prevention",
    "relief": "During a cramp",
    "safety": "Safety and when to see a doctor",
}

FACTOR_KEYS = factors.names("food", "day log", "derived", "topic")
"""The logged factors other features ask guidance for (``service.guidance_for``): the factors
of :mod:`nightcramps.factors` a person logs, and the guidance's own topics."""

NOT_IN_ARTICLE = "The article does not mention this."

ENTRIES_DIR = Path(__file__).with_name("entries")

SECTIONS = {
    "What the article says": "article_claim",
    "What the evidence says": "evidence",
    "Why this grade": "grade_note",
    "What this means for you": "advice",
}
"""The headings of an entry file, and the field of :class:`Entry` each one holds."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One cause, remedy or safety topic."""

    slug: str
    title: str
    kind: Kind
    grade: Grade
    summary: str
    """One sentence for lists and badges."""
    article_claim: str
    """What the article says, in paraphrase (or ``NOT_IN_ARTICLE``)."""
    evidence: str
    """What the evidence says, with numbers where the sources give them."""
    grade_note: str
    """Why this grade."""
    advice: str
    """What it means in practice; never a diagnosis, never "stop taking"."""
    citations: tuple[str, ...]
    """Keys into ``citations.CITATIONS``; the first is the main source."""
    factors: tuple[str, ...] = ()
    """Logged factors (``FACTOR_KEYS``) this entry explains."""

    @property
    def sources(self) -> tuple[Citation, ...]:
        """The citations themselves."""
        return tuple(CITATIONS[key] for key in self.citations)

    @property
    def citation(self) -> str:
        """The main citation's short form, shown in badges."""
        return CITATIONS[self.citations[0]].short


def _factor(key: str) -> str:
    """A key of ``FACTOR_KEYS``."""
    if key not in FACTOR_KEYS:
        raise ValueError(f"{key!r} is not a logged factor: use one of {', '.join(FACTOR_KEYS)}")
    return key


FactorKey = Annotated[str, AfterValidator(_factor)]


class EntryFile(BaseModel):
    """What an entry file (``entries/<slug>.md``) must hold: its front matter and its sections."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    """The page's address (lower case, hyphenated), the same as the file's name."""
    order: int = Field(gt=0)
    """Reading order within the knowledge base (numbered in tens, to leave room)."""
    title: Prose
    kind: Kind
    grade: Grade
    citations: tuple[CitationKey, ...] = Field(min_length=1)
    factors: tuple[FactorKey, ...] = ()
    summary: Prose
    article_claim: Prose
    evidence: Prose
    grade_note: Prose
    advice: Prose

    @field_validator("slug")
    @classmethod
    def _named_after_its_file(cls, slug: str, info: ValidationInfo) -> str:
        """The slug is the file's name, so the page's address can be found from it."""
        path = (info.context or {}).get("path")
        if isinstance(path, Path) and path.stem != slug:
            raise ValueError(f"the file is {path.name}: make the slug and the file name the same")
        return slug

    def to_entry(self) -> Entry:
        """The entry as the product uses it."""
        return Entry(**self.model_dump(exclude={"order"}))


def _check_across(folder: Path, files: Sequence[EntryFile]) -> None:
    """What no single file can check: each reading position and each factor is used once."""
    orders: dict[int, str] = {}
    factors: dict[str, str] = {}
    for file in files:
        path = folder / f"{file.slug}.md"
        if file.order in orders:
            raise error_at(
                path,
                ("order",),
                f"order {file.order} is also that of {orders[file.order]}.md: give each entry a "
                "number of its own",
            )
        orders[file.order] = file.slug
        for factor in file.factors:
            if factor in factors:
                raise error_at(
                    path,
                    ("factors",),
                    f"{factor!r} is already explained by {factors[factor]}.md: a factor has one "
                    "entry; remove it from one of the two",
                )
            factors[factor] = file.slug


def load_entries(folder: Path = ENTRIES_DIR) -> tuple[Entry, ...]:
    """Every entry in ``folder``, in reading order.

    Raises:
        ContentError: an entry file is wrong (each problem with its file and line).
    """
    files = load_markdown_entries(folder, EntryFile, sections=SECTIONS)
    _check_across(folder, files)
    return tuple(file.to_entry() for file in sorted(files, key=lambda f: f.order))


ENTRIES: tuple[Entry, ...] = load_entries()

BY_SLUG: dict[str, Entry] = {entry.slug: entry for entry in ENTRIES}

BY_FACTOR: dict[str, Entry] = {factor: entry for entry in ENTRIES for factor in entry.factors}
"""The entry explaining each logged factor."""

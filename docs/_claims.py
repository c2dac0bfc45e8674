"""Generates docs/guidance.md's tables of claims and sources from the code (run by `cog`).

Regenerate with `.venv/bin/cog -r docs/guidance.md`; `make docs` checks it is current. Every claim
the product shows is listed with its grade (or, for a warning sign, its urgency) and its sources:
the knowledge base, the check-up questions, the diary rules and profile notes, the medicine
classes, the bedtime routines, the cautions beside the remedies and the notes shown with intake.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from types import ModuleType
from typing import Any

from nightcramps.conditions import Conditions
from nightcramps.content.citations import CITATIONS, Citation
from nightcramps.daylog import medicine_data
from nightcramps.guidance import caveats, knowledge, redflags, routines
from nightcramps.nutrition import cautions as nutrition_cautions
from nightcramps.nutrition import guidance as nutrition_guidance
from nightcramps.nutrition.schemas import Advice
from nightcramps.nutrition.schemas import Citation as IntakeClaim

Row = tuple[str, str, str]
"""Claim, grade or urgency, sources."""


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def source_text(citation: str) -> str:
    """A citation as the product shows it: the short form of a key of ``CITATIONS``, or, for a
    caller that still holds free text (a medicine class before its sources became keys), the
    text itself."""
    found = CITATIONS.get(citation)
    return found.short if found else citation


def _sources(citations: Iterable[str]) -> str:
    return "; ".join(source_text(c) for c in citations)


def _table(heading: str, middle: str, rows: Sequence[Row]) -> str:
    lines = [f"### {heading}", "", f"| Claim | {middle} | Sources |", "|---|---|---|"]
    lines += [
        f"| {_cell(text)} | {_cell(level)} | {_cell(sources)} |" for text, level, sources in rows
    ]
    return "\n".join(lines) + "\n"


def knowledge_index() -> str:
    """The knowledge base at a glance: entry, slug, kind, grade and the factors it explains."""
    lines = ["| Entry | Slug | Kind | Grade | Logged factors |", "|---|---|---|---|---|"]
    lines += [
        f"| {_cell(e.title)} | `{e.slug}` | {e.kind} | {e.grade} | {', '.join(e.factors)} |"
        for e in knowledge.ENTRIES
    ]
    return "\n".join(lines) + "\n"


def entry_rows() -> list[Row]:
    """The knowledge base: each entry's title and summary, its grade and its citations."""
    return [
        (f"**{e.title}** (`{e.slug}`): {e.summary}", e.grade, _sources(e.citations))
        for e in knowledge.ENTRIES
    ]


def _flag_rows(items: Iterable[Any]) -> list[Row]:
    """Questions, diary rules and profile notes: what a "yes" or a pattern means, its urgency."""
    rows = []
    for item in items:
        title = getattr(item, "title", None) or getattr(item, "label", item.key)
        message = getattr(item, "message", "")
        text = f"**{title}** (`{item.key}`)" + (f": {message}" if message else "")
        rows.append((text, item.urgency, _sources(item.citations)))
    return rows


def medicine_rows() -> list[Row]:
    """The medicine classes linked with cramps, with their grade and sources."""
    return [
        (f"**{c.name}** (`{c.key}`): {c.summary}", c.evidence_grade, _sources(c.citations))
        for c in medicine_data.CLASSES.values()
    ]


def routine_rows() -> list[Row]:
    """The guided routines, graded like the entry that grades them."""
    return [
        (f"**{r.name}** (`{r.slug}`): {r.summary}", r.grade, _sources(r.citations))
        for r in routines.ROUTINES
    ]


EVERY_CAUTION = replace(
    Conditions.unknown(),
    kidney_disease="dialysis",
    diabetes=True,
    heart_failure=True,
    pregnant=True,
    age=80,
    medicine_classes=frozenset(medicine_data.CLASSES),
    answered=True,
)
"""A profile to which every personal caution applies (pregnant, week not known; 80; dialysis,
diabetes, heart failure; every medicine class), so that the table shows them all."""


def caveat_rows() -> list[Row]:
    """The cautions beside the remedies, as said to a person they apply to."""
    return [
        (f"**{c.topic}** (`{c.key}`): {c.text}", "caution", _sources(c.citations))
        for c in caveats.caveats_for(EVERY_CAUTION)
    ]


def _intake_claims(module: ModuleType) -> Iterator[IntakeClaim]:
    for value in vars(module).values():
        if isinstance(value, IntakeClaim):
            yield value
        elif isinstance(value, Advice):
            yield from value.evidence


def intake_rows() -> list[Row]:
    """The claims behind the warnings and notes shown with intake (their sources are already in
    short form)."""
    seen: set[tuple[str, str]] = set()
    rows: list[Row] = []
    for module in (nutrition_guidance, nutrition_cautions):
        for claim in _intake_claims(module):
            if (claim.claim, claim.source) not in seen:
                seen.add((claim.claim, claim.source))
                rows.append((claim.claim, claim.grade, claim.source))
    return rows


def claims() -> str:
    """Markdown tables of every claim the product shows: text, grade or urgency, sources."""
    rules = getattr(redflags, "RULES", ())
    notes = getattr(redflags, "PROFILE_NOTES", ())
    parts = [
        _table("Knowledge base", "Grade", entry_rows()),
        _table("Check-up questions", "Urgency", _flag_rows(redflags.QUESTIONS)),
        _table("Diary rules", "Urgency", _flag_rows(rules)),
        _table("Profile notes", "Urgency", _flag_rows(notes)),
        _table("Medicines linked with cramps", "Grade", medicine_rows()),
        _table("Bedtime routines", "Grade", routine_rows()),
        _table("Cautions beside the remedies", "Kind", caveat_rows()),
        _table("Notes shown with intake", "Grade", intake_rows()),
    ]
    return "\n".join(parts)


def _reference(c: Citation) -> str:
    full = f"{_cell(c.authors.rstrip('.'))}. *{_cell(c.title)}*. {_cell(c.published)}. ({c.kind})"
    return f"- {full} — `{c.key}`, shown as “{_cell(c.short)}”"


def sources() -> str:
    """Every citation in full, by first author or issuing body."""
    ordered = sorted(CITATIONS.values(), key=lambda c: (c.authors.casefold(), c.year, c.key))
    return "\n".join(_reference(c) for c in ordered) + "\n"

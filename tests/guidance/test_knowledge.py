"""The knowledge base: every claim graded and cited, every factor explained, no quinine advice."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from nightcramps.errors import NotFound
from nightcramps.guidance import knowledge, redflags, routines
from nightcramps.guidance import service as guidance_service
from nightcramps.guidance.citations import CITATIONS, Citation, cite

PACKAGE = Path(guidance_service.__file__).resolve().parent
STATIC = PACKAGE.parent / "web" / "static" / "guidance"

ARTICLE_TOPICS = (
    "electrolytes",
    "magnesium",
    "potassium",
    "calcium",
    "dehydration",
    "circulation",
    "overexertion",
    "fluids",
    "electrolyte-foods",
    "bedtime-stretching",
    "light-exercise",
    "massage",
    "heat",
    "supplements",
)


def test_every_entry_has_a_grade_and_a_citation() -> None:
    """Each entry carries one of the five grades and at least one known citation."""
    for entry in knowledge.ENTRIES:
        assert entry.grade in knowledge.GRADES, entry.slug
        assert entry.citations, entry.slug
        for key in entry.citations:
            assert key in CITATIONS, (entry.slug, key)


def test_every_entry_is_filled_in() -> None:
    """No entry leaves its claim, evidence, grade note, advice or summary empty."""
    for entry in knowledge.ENTRIES:
        for name in ("title", "summary", "article_claim", "evidence", "grade_note", "advice"):
            assert getattr(entry, name).strip(), (entry.slug, name)


def test_slugs_are_unique_and_url_safe() -> None:
    """Slugs identify pages: unique, lower-case, hyphenated."""
    slugs = [e.slug for e in knowledge.ENTRIES]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in slugs)


def test_every_cause_and_remedy_of_the_article_is_covered() -> None:
    """The article's causes and remedies each have an entry that states what the article says."""
    for slug in ARTICLE_TOPICS:
        entry = knowledge.BY_SLUG[slug]
        assert entry.article_claim != knowledge.NOT_IN_ARTICLE, slug


def test_article_claims_are_graded_as_in_the_evidence_review() -> None:
    """Magnesium is contradicted, stretching moderate, fluids without trial evidence."""
    assert knowledge.BY_SLUG["magnesium"].grade == "contradicted"
    assert knowledge.BY_SLUG["electrolytes"].grade == "contradicted"
    assert knowledge.BY_SLUG["bedtime-stretching"].grade == "moderate"
    assert knowledge.BY_SLUG["fluids"].grade == "none"
    assert knowledge.BY_SLUG["overexertion"].grade == "moderate"


def test_each_factor_key_has_exactly_one_entry() -> None:
    """guidance_for answers every factor key, and no key is claimed by two entries."""
    claimed = [f for e in knowledge.ENTRIES for f in e.factors]
    assert sorted(claimed) == sorted(knowledge.FACTOR_KEYS)
    for key in knowledge.FACTOR_KEYS:
        entry = guidance_service.guidance_for(key)
        assert key in entry.factors


def test_guidance_for_names_the_known_keys_when_asked_for_an_unknown_one() -> None:
    """An unknown factor key is NotFound with the list of keys that exist."""
    with pytest.raises(NotFound, match="magnesium_mg"):
        guidance_service.guidance_for("vitamin_q_mg")


def test_guidance_for_specific_factors() -> None:
    """Magnesium intake explains with the magnesium entry, 'stretched' with bedtime stretching."""
    assert guidance_service.guidance_for("magnesium_mg").slug == "magnesium"
    assert guidance_service.guidance_for("stretched").slug == "bedtime-stretching"
    assert guidance_service.guidance_for("exertion_ratio").slug == "overexertion"


def test_citations_name_the_original_publication() -> None:
    """Citations are authors + journal + year (or the issuing body), never a web address."""
    for citation in CITATIONS.values():
        assert citation.title and citation.source
        text = f"{citation.short} {citation.title} {citation.source} {citation.locator}"
        assert "http" not in text and "www." not in text, citation.key
        if citation.kind in ("trial", "observational"):
            assert citation.authors and citation.year, citation.key


def test_short_citations_read_as_in_the_brief() -> None:
    """Short forms: 'Hallegraeff JM et al., J Physiother 2012;...' and a guideline by its body."""
    assert (
        CITATIONS["hallegraeff2012"].short == "Hallegraeff JM et al., J Physiother 2012;58(1):17-22"
    )
    assert (
        CITATIONS["garrison2020"].short
        == "Garrison SR et al., Cochrane Database Syst Rev 2020, CD009402"
    )
    assert CITATIONS["nice_cks"].short == "NICE Clinical Knowledge Summaries 2012: Leg cramps"
    assert cite("allen2012", "coppin2005").startswith("Allen RE, Kirby KA, Am Fam Physician 2012")


def test_citation_without_year_or_locator() -> None:
    """A body's page without a known year is cited by body and title."""
    c = Citation("x", None, "Leg cramps", "NHS", None, "", "guideline")
    assert c.short == "NHS: Leg cramps"


# ---------------------------------------------------------------------------- no quinine advice

MENTION = re.compile(r"quinine|tonic", re.IGNORECASE)
NEGATION = re.compile(
    r"\b(not|never|no longer|don't|do not|avoid|against|warn\w*|cessation)\b", re.IGNORECASE
)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def suggestions_of_quinine(texts: list[str]) -> list[str]:
    """Sentences that mention quinine or tonic water without saying not to use it.

    Questions that ask whether the person uses it are not suggestions.
    """
    return [
        s
        for text in texts
        for s in _sentences(text)
        if MENTION.search(s) and not NEGATION.search(s) and not s.endswith("?")
    ]


IDENTIFIERS = {"key", "slug", "only_if", "citations", "illustration", "evidence_slug", "source"}
"""Fields that hold identifiers (e.g. the key "takes_quinine"), not text people read."""


def _strings(obj: object) -> list[str]:
    out: list[str] = []
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]
        if field.name in IDENTIFIERS:
            continue
        value = getattr(obj, field.name)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, tuple):
            out += [v for v in value if isinstance(v, str)]
            out += [s for v in value if dataclasses.is_dataclass(v) for s in _strings(v)]
    return out


def _all_findings() -> list[redflags.Finding]:
    answers = {q.key: True for q in redflags.QUESTIONS}
    return redflags.screen_answers(answers)


def _template_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\{[{%#].*?[}%#]\}", " ", text, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", text)


def test_the_quinine_check_catches_a_suggestion() -> None:
    """The check itself works: a sentence recommending tonic water is caught, a warning is not."""
    assert suggestions_of_quinine(["Try a glass of tonic water at bedtime."])
    assert not suggestions_of_quinine(["Do not use quinine for cramps."])


def test_no_data_suggests_quinine_or_tonic_water() -> None:
    """Entries, questions, findings and routines mention quinine only to warn against it.

    Citation titles are bibliographic (e.g. a review titled "Quinine for muscle cramps") and are
    not advice, so they are left out.
    """
    texts: list[str] = []
    for entry in knowledge.ENTRIES:
        texts += _strings(entry)
    for question in redflags.QUESTIONS:
        texts += _strings(question)
    for finding in _all_findings():
        texts += _strings(finding)
    for routine in routines.ROUTINES:
        texts += _strings(routine)
    assert any(MENTION.search(t) for t in texts), "the warning itself should be there"
    assert suggestions_of_quinine(texts) == []


def test_no_template_or_static_file_suggests_quinine_or_tonic_water() -> None:
    """Templates and scripts of the package mention quinine only to warn against it."""
    files = [*(PACKAGE / "templates").rglob("*.html"), *STATIC.rglob("*.*")]
    assert files
    texts = [_template_text(p) for p in files]
    assert suggestions_of_quinine(texts) == []


def test_docs_list_every_entry_and_source() -> None:
    """docs/guidance.md lists every entry and every citation shown in the app."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "guidance.md").read_text(
        encoding="utf-8"
    )
    for entry in knowledge.ENTRIES:
        assert f"`{entry.slug}`" in docs, entry.slug
    for citation in CITATIONS.values():
        assert citation.short in docs, citation.key


def test_every_daily_factor_has_guidance() -> None:
    """Each factor of the daily CSV (steps included) has a graded, cited entry to show beside it."""
    from nightcramps.dailyvalues.columns import FACTOR_NAMES

    for name in FACTOR_NAMES:
        entry = guidance_service.guidance_for(name)
        assert entry.citations and entry.grade, name

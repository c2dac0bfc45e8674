"""The knowledge base: every claim graded and cited, every factor explained, no quinine advice."""

from __future__ import annotations

import dataclasses
import importlib
import re
import sys
from pathlib import Path
from typing import Any, get_args

import pytest

from nightcramps.content.citations import (
    ACCESSED_YEAR,
    CITATIONS,
    Citation,
    CitationKind,
    cite,
)
from nightcramps.daylog import medicine_data
from nightcramps.errors import NotFound
from nightcramps.guidance import knowledge, redflags, routines
from nightcramps.guidance import service as guidance_service
from nightcramps.nutrition.schemas import EvidenceGrade

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
    """Magnesium is contradicted, stretching weak (two small trials disagree), fluids without
    trial evidence."""
    assert knowledge.BY_SLUG["magnesium"].grade == "contradicted"
    assert knowledge.BY_SLUG["electrolytes"].grade == "contradicted"
    assert knowledge.BY_SLUG["bedtime-stretching"].grade == "weak"
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


def test_one_unreplicated_trial_is_weak() -> None:
    """Vitamin K2 rests on one trial that has not been repeated, so it is weak, and says why."""
    entry = knowledge.BY_SLUG["vitamin-k2"]
    assert entry.grade == "weak"
    assert "not yet repeated" in entry.grade_note


def test_stretching_is_weak_but_still_worth_trying() -> None:
    """Bedtime stretching names both trials, says why it is weak, and still recommends trying it;
    the routines carry the grade of the entry that grades them."""
    entry = knowledge.BY_SLUG["bedtime-stretching"]
    assert {"hallegraeff2012", "coppin2005"} <= set(entry.citations)
    assert "disagree" in entry.grade_note and "worth trying" in entry.advice
    for routine in routines.ROUTINES:
        assert routine.grade == knowledge.BY_SLUG[routine.evidence_slug].grade, routine.slug


def test_regulators_judgement_is_not_put_on_the_review() -> None:
    """The quinine entry gives the review's effect size, and the risk judgement to regulators."""
    evidence = knowledge.BY_SLUG["quinine-warning"].evidence
    for sentence in _sentences(evidence):
        if "justify" in sentence:
            assert "FDA 2010" in sentence and "El-Tawil" not in sentence, sentence


CONSUMER_ONLY = "rests only on"


def test_an_entry_on_consumer_pages_alone_says_so() -> None:
    """An entry whose sources are all consumer pages is at most weak and says in its grade note
    that it rests on them alone."""
    for entry in knowledge.ENTRIES:
        if all(CITATIONS[key].kind == "consumer" for key in entry.citations):
            assert entry.grade in ("weak", "none"), entry.slug
            assert CONSUMER_ONLY in entry.grade_note, entry.slug


def test_every_citation_has_authors_a_year_and_a_kind() -> None:
    """Each citation names its authors (or the issuing body), a plausible year and a known kind
    (two sources with one key are refused by the loader: tests/test_content.py)."""
    kinds = set(get_args(CitationKind))
    for citation in CITATIONS.values():
        assert citation.authors.strip(), citation.key
        assert 1900 < citation.year <= ACCESSED_YEAR, citation.key
        assert citation.kind in kinds, citation.key
        assert not citation.accessed or citation.year == ACCESSED_YEAR, citation.key


def _cited_keys() -> list[tuple[str, tuple[str, ...]]]:
    claims: list[tuple[str, tuple[str, ...]]] = []
    claims += [(f"entry {e.slug}", e.citations) for e in knowledge.ENTRIES]
    claims += [(f"question {q.key}", q.citations) for q in redflags.QUESTIONS]
    claims += [(f"rule {r.key}", r.citations) for r in getattr(redflags, "RULES", ())]
    claims += [(f"note {n.key}", n.citations) for n in getattr(redflags, "PROFILE_NOTES", ())]
    claims += [(f"medicine {c.key}", c.citations) for c in medicine_data.CLASSES.values()]
    claims += [(f"routine {r.slug}", r.citations) for r in routines.ROUTINES]
    return claims


def test_every_claim_cites_known_keys() -> None:
    """Entries, questions, diary rules, profile notes, medicine classes and routines cite only keys
    of CITATIONS, and at least one each."""
    for claim, keys in _cited_keys():
        assert keys, claim
        unknown = [key for key in keys if key not in CITATIONS]
        assert unknown == [], (claim, unknown)


def test_intake_notes_cite_known_sources_on_the_product_scale() -> None:
    """Each claim shown with intake has a grade of the guidance scale and a source made of short
    forms of CITATIONS."""
    shorts = {c.short for c in CITATIONS.values()}
    assert set(get_args(EvidenceGrade)) == set(knowledge.GRADES)
    rows = _claims().intake_rows()
    assert rows
    for claim, grade, source in rows:
        assert grade in knowledge.GRADES, claim
        assert source and all(part in shorts for part in source.split("; ")), (claim, source)


def _claims() -> Any:
    docs = str(Path(__file__).resolve().parents[2] / "docs")
    sys.path.insert(0, docs)
    try:
        return importlib.import_module("_claims")
    finally:
        sys.path.remove(docs)


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
        == "Garrison SR et al., Cochrane Database Syst Rev 2020;9:CD009402"
    )
    assert CITATIONS["garrison2012"].authors.startswith("Garrison SR, Dormuth CR")
    assert CITATIONS["nice_cks"].short == "NICE Clinical Knowledge Summaries 2012: Leg cramps"
    assert CITATIONS["allen2012"].short.startswith("Allen RE, Kirby KA, ")
    assert cite("allen2012", "coppin2005").startswith("Allen RE, Kirby KA, Am Fam Physician 2012")


def test_undated_page_says_accessed() -> None:
    """A page that shows no date is cited with the year it was read, marked "accessed", and
    health information for the public is typed consumer, not guideline."""
    c = Citation("x", "NHS", "Leg cramps", "NHS", 2026, "", "consumer", True, True)
    assert c.short == "NHS, accessed 2026: Leg cramps"
    assert CITATIONS["nhs"].accessed and CITATIONS["nhs"].kind == "consumer"
    assert CITATIONS["mayo"].kind == "consumer" and not CITATIONS["mayo"].accessed


def test_a_body_is_never_cut_to_et_al() -> None:
    """Many personal authors become "First et al."; a body's name with a comma stays whole."""
    assert CITATIONS["eltawil2015"].cited_authors == "El-Tawil S et al."
    body = Citation(
        "x", "Getting It Right First Time (GIRFT), NHS England", "t", "s", 2023, "", "guideline"
    )
    assert body.cited_authors == body.authors


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

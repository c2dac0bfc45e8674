"""Recognise drug classes associated with cramps in a medicine name as a person types it.

Pure functions, no I/O. "Lasix 40mg", "furosemide 40 mg tablets", "HCTZ", "Symbicourt 200/6" and
"atorvastatine" are all recognised: the text is lower-cased, stripped of accents, doses and
punctuation, and each word (or run of two or three words) is looked up among the generic and
brand names in ``medicine_data``. A word of five letters or more that matches nothing may differ
from a known name by one typing error (two for words of eight letters or more), provided its
first letter is right; that keeps "Advil" from being read as "Advair".

The check reports what is known and says "talk to your prescriber"; it never tells anyone to
stop a medicine, and an empty result does not mean a medicine is free of side effects.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from nightcramps.content.citations import CITATIONS
from nightcramps.daylog.medicine_data import CLASSES, DRUGS, ICS, Drug, DrugClass
from nightcramps.daylog.schemas import (
    AssociationPublic,
    MedicineCheckPublic,
    MedicineMatchPublic,
)

MAX_PHRASE_WORDS = 3
FUZZY_MIN_LENGTH = 5
"""Words shorter than this must be spelled exactly (short names are too easy to confuse)."""

NO_MATCH_MESSAGE = (
    "No drug class associated with night cramps was recognised in {name!r}. The list covers "
    "the classes named in the studies and guidelines NightCramps cites, not every medicine: if "
    "your cramps began after starting any new medicine, talk to your prescriber."
)

_STOPWORDS = frozenset(
    """mg mcg ug µg g ml iu unit units tablet tablets tab tabs capsule capsules cap caps pill
    pills daily once twice a day days per week weekly morning evening night nightly at bedtime
    times x and with plus or of the for as needed prn od bd tds qds qid tid bid sr xl er xr la
    mr cr cd ec dr inhaler inhalers puff puffs spray injection injections cream gel patch drops
    liquid solution oral iv sodium potassium calcium hydrochloride hcl sulfate sulphate maleate
    besylate besilate succinate tartrate""".split()
)
"""Words that describe a dose or form, never a drug: skipped when guessing typos."""

_NEAR_MISSES = frozenset({"lipid", "lyric", "lyrics", "lyrical", "faster", "footer", "fester"})
"""Everyday words one typing error from a brand ("lipid" and Lopid, "faster" and Foster): they
are never read as a misspelt medicine."""


def normalise(text: str) -> str:
    """Lower case, accents removed, digits split from letters, punctuation and doses blanked."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    words = [w for w in text.split() if not w.isdigit()]
    return " ".join(words)


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, Drug]:
    """Every name (generic, spelling variant, brand) → its drug."""
    index: dict[str, Drug] = {}
    for drug in DRUGS:
        for name in (drug.generic, *drug.aliases):
            key = normalise(name)
            if key in index and index[key] is not drug:
                raise ValueError(f"medicine name {key!r} is listed twice")
            index[key] = drug
    return index


@lru_cache(maxsize=1)
def _single_words_by_initial() -> dict[str, tuple[str, ...]]:
    """One-word names of at least ``FUZZY_MIN_LENGTH`` letters, grouped by first letter."""
    groups: dict[str, list[str]] = {}
    for name in _alias_index():
        if " " not in name and len(name) >= FUZZY_MIN_LENGTH:
            groups.setdefault(name[0], []).append(name)
    return {k: tuple(sorted(v)) for k, v in groups.items()}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), or ``limit + 1`` if larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1] if previous[-1] <= limit else limit + 1


def _allowed_typos(word: str) -> int:
    return 2 if len(word) >= 8 else 1


def _closest(word: str) -> str | None:
    """The known one-word name within the allowed typing errors of ``word`` (None if none)."""
    if len(word) < FUZZY_MIN_LENGTH or word in _STOPWORDS or word in _NEAR_MISSES:
        return None
    limit = _allowed_typos(word)
    best: tuple[int, str] | None = None
    for name in _single_words_by_initial().get(word[0], ()):
        distance = edit_distance(word, name, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, name)
    return None if best is None else best[1]


@dataclass(frozen=True, slots=True)
class DrugHit:
    """A medicine recognised in the text: which words, and whether spelled exactly."""

    drug: Drug
    typed: str
    exact: bool


def find_drugs(text: str) -> list[DrugHit]:
    """The medicines named in ``text``, in the order they appear (each once)."""
    words = normalise(text).split()
    index = _alias_index()
    hits: list[DrugHit] = []
    seen: set[str] = set()
    used = [False] * len(words)

    def add(drug: Drug, typed: str, exact: bool) -> None:
        if drug.generic not in seen:
            seen.add(drug.generic)
            hits.append(DrugHit(drug, typed, exact))

    for size in range(MAX_PHRASE_WORDS, 0, -1):
        for start in range(len(words) - size + 1):
            if any(used[start : start + size]):
                continue
            phrase = " ".join(words[start : start + size])
            drug = index.get(phrase)
            if drug is not None:
                add(drug, phrase, True)
                for k in range(start, start + size):
                    used[k] = True
    for position, word in enumerate(words):
        if used[position]:
            continue
        name = _closest(word)
        if name is not None:
            add(index[name], word, False)
    return hits


@dataclass(slots=True)
class ClassHit:
    """A drug class found in the text, with the medicines that put it there."""

    drug_class: DrugClass
    drugs: list[str] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)
    exact: bool = True


def match_classes(text: str) -> list[ClassHit]:
    """The drug classes associated with cramps named in ``text`` (strongest association first).

    An inhaled corticosteroid named with a long-acting beta-agonist makes it the LABA + ICS
    class ("budesonide/formoterol"); a diuretic of a known type replaces "diuretic".
    """
    hits = find_drugs(text)
    has_ics = any(ICS in hit.drug.classes for hit in hits)
    found: dict[str, ClassHit] = {}
    for hit in hits:
        for key in hit.drug.classes:
            if key.startswith("_"):
                continue
            if key == "laba" and has_ics:
                key = "laba_ics"
            entry = found.setdefault(key, ClassHit(CLASSES[key]))
            if hit.drug.generic not in entry.drugs:
                entry.drugs.append(hit.drug.generic)
                entry.typed.append(hit.typed)
            entry.exact = entry.exact and hit.exact
    if "diuretic" in found and any(key.endswith("_diuretic") for key in found):
        del found["diuretic"]
    return sorted(found.values(), key=_strength)


def _strength(hit: ClassHit) -> tuple[int, float, str]:
    """Sort key: measured associations first, largest ratio first; then by name."""
    association = hit.drug_class.association
    if association is None:
        return (1, 0.0, hit.drug_class.name)
    return (0, -association.ratio, hit.drug_class.name)


def to_public(hit: ClassHit) -> MedicineMatchPublic:
    """The public view of a class found in a medicine's name.

    Citations are shown in their short form from the product's one list of sources
    (``content.citations``), e.g. "Garrison SR et al., Arch Intern Med 2012;172(2):120-126".
    """
    drug_class = hit.drug_class
    association = drug_class.association
    return MedicineMatchPublic(
        class_key=drug_class.key,
        class_name=drug_class.name,
        drugs=list(hit.drugs),
        typed=list(hit.typed),
        exact=hit.exact,
        association=None
        if association is None
        else AssociationPublic(
            measure=association.measure,
            ratio=association.ratio,
            ci_low=association.ci_low,
            ci_high=association.ci_high,
            p_value=association.p_value,
            significant=association.significant,
        ),
        evidence_grade=drug_class.evidence_grade,
        summary=drug_class.summary,
        citations=[CITATIONS[key].short for key in drug_class.citations],
        guidance=drug_class.guidance,
    )


def matches(text: str) -> list[MedicineMatchPublic]:
    """The public views of every class recognised in ``text``."""
    return [to_public(hit) for hit in match_classes(text)]


def check(name: str) -> MedicineCheckPublic:
    """The medicine check for a name: the classes found and a message for people."""
    found = matches(name)
    if not found:
        message = NO_MATCH_MESSAGE.format(name=name)
    else:
        names = "; ".join(m.class_name for m in found)
        typos = [t for m in found if not m.exact for t in m.typed]
        message = f"Recognised: {names}."
        if typos:
            message += f" (Read {', '.join(repr(t) for t in typos)} as a spelling of a known name.)"
        message += " Talk to your prescriber if your cramps began or got worse after starting it."
    return MedicineCheckPublic(name=name, matches=found, message=message)


def class_keys(names: Iterable[str]) -> set[str]:
    """Every class key recognised in any of ``names`` (for quick checks)."""
    return {hit.drug_class.key for name in names for hit in match_classes(name)}

"""Ranked food search over the names in memory. Pure: names in, an index out; no I/O.

A query matches a food when every word of it (after synonyms, stemming of plurals, and typo
correction against the names' own words) is among the food's words, in any order. Matches are
ranked by how well the words matched, how much of the name is left unexplained (plain forms
such as "Bananas, raw" beat "Bananas, dehydrated, or banana powder"), whether a query word is
the food's main subject (the last word of the part before the first comma: "steak" is the
subject of "Beef steak" but only qualifies "Sauce, steak"), substitutes ("Bacon, meatless") and
forms not eaten as such ("unprepared") down unless asked for, and a prior: common foods up,
baby foods, restaurant items and foods USDA has dropped down; for a few words typed alone, the
food they mean (vocabulary.DEFAULT_FOODS: "bacon" is pork bacon).

Everyday synonyms ("chips" → potato chips) rewrite a query only when it is exactly the
synonym's phrase, or when its words as typed are found together in no food name: "banana chips"
names a food as typed, so it is not read as "banana potato chips".
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from nightcramps.foods import vocabulary

_WORD = re.compile(r"[a-z0-9%]+(?:[-'][a-z0-9]+)*")

FUZZY_CUTOFF = 80.0
"""Lowest rapidfuzz ratio (0-100) at which a typed word counts as a typo of a name's word."""

PREFIX_QUALITY = 0.7
"""Weight of a word matched only as the start of a longer word (type-ahead: "banan")."""

TYPO_QUALITY = 0.8
"""Weight of a word matched only as a likely typo ("bananna" → "banana"), times the ratio."""


SUBJECT_BONUS = 0.08
"""Added when a query word is the food's main subject (see :func:`subject_words`)."""

SUBSTITUTE_PENALTY = 0.15
"""Subtracted from a substitute ("Bacon, meatless", "imitation") the query did not ask for."""

AS_BOUGHT_PENALTY = 0.06
"""Subtracted from a food as bought, not as eaten ("frozen, unprepared" fries), unless asked."""

DEFAULT_BONUS = 0.3
"""Added to the food vocabulary.DEFAULT_FOODS names for a query that is exactly its word(s)."""

DEMOTED_GROUPS: dict[str, float] = {
    "03": 0.35,  # baby foods
    "21": 0.15,  # fast foods
    "22": 0.10,  # meals, entrees and side dishes (brand mixes)
    "25": 0.05,  # branded snacks
    "35": 0.20,  # American Indian / Alaska Native foods
    "36": 0.15,  # restaurant foods
}
"""USDA food groups (the first two digits of the NDB number) that a person typing a plain word
rarely means; the value is subtracted from the score (ranking weights, tuned with the others
here, so they stay in code rather than in the vocabulary file)."""

SCORE_SCALE = 1.23
"""The raw score of an exact, plain, common food (about 0.55 + 0.25 + 0.08 + 0.1 + 0.08 + 0.2):
dividing by it puts scores on 0-1."""


def stem(word: str) -> str:
    """A crude English singular: berries → berry, potatoes → potato, peaches → peach.

    Words ending in "ie" and "ies" both become "y" (cookie, cookies → cooky; smoothie,
    smoothies → smoothy) so that the singular a person types meets USDA's plural.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ie") and len(word) > 4:
        return word[:-2] + "y"
    if word.endswith(("oes", "ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_COMPOUNDS = re.compile(r"\b(low|non|reduced)[ -]fat\b|\bfat[ -]free\b")


def _join_compound(match: re.Match[str]) -> str:
    return "nonfat" if match.group(0).startswith("fat") else f"{match.group(1)}fat"


def words(text: str) -> list[str]:
    """Lower-case word stems of ``text``, in order ("low fat" and "low-fat" → "lowfat")."""
    text = _COMPOUNDS.sub(_join_compound, text.lower())
    return [stem(w) for w in _WORD.findall(text)]


_PARENTHESES = re.compile(r"\([^()]*\)")
_SEGMENTS = re.compile(r"[,;]")


def subject_words(name: str) -> frozenset[str]:
    """The word(s) naming what a food is: the last word of the name's first part ("Sweet
    potato" → potato, "Sauce, steak" → sauce, "Turkey bacon" → bacon), and when that part is
    only a category (vocabulary.CATEGORY_HEADS: "Fish, salmon", "Nuts, almonds", "Fast foods,
    hamburger") also the last word of the second part."""
    text = _PARENTHESES.sub(" ", name.lower())
    parts = [p.strip() for p in _SEGMENTS.split(text) if p.strip()]
    found: set[str] = set()
    for index, part in enumerate(parts[:2]):
        part_words = words(part)
        if part_words:
            found.add(part_words[-1])
        if index == 0 and part not in vocabulary.CATEGORY_HEADS:
            break
    return frozenset(found)


def is_synonym_phrase(text: str) -> bool:
    """Whether ``text`` (filler words aside) is exactly one of the everyday phrases."""
    tokens = [t for t in _WORD.findall(text.lower()) if t not in vocabulary.STOPWORDS]
    return " ".join(tokens) in vocabulary.SYNONYMS


def apply_synonyms(text: str) -> str:
    """Replace everyday phrases by USDA's words ("oj" → "orange juice"), longest first."""
    tokens = _WORD.findall(text.lower())
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in (3, 2, 1):
            phrase = " ".join(tokens[i : i + size])
            if len(tokens) - i >= size and phrase in vocabulary.SYNONYMS:
                out.append(vocabulary.SYNONYMS[phrase])
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class Entry:
    """What the index knows about one food."""

    id: str
    name: str
    words: frozenset[str]
    head: frozenset[str]  # words before the first comma
    pairs: frozenset[tuple[str, str]]  # adjacent words, for "milk chocolate" vs "chocolate milk"
    first: str  # the name's first word
    subject: frozenset[str]  # what the food is (subject_words): "Sauce, steak" → {sauce}
    substitutes: frozenset[str]  # words marking a substitute: "meatless", "imitation"
    as_bought: frozenset[str]  # words marking a form not eaten as such: "unprepared"
    plain_words: frozenset[str]  # words in parts that describe the plain form ("raw")
    prior: float


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked result: ``score`` from 0 (barely) to 1 (exactly what was typed)."""

    id: str
    name: str
    score: float
    complete: bool = True  # every typed word matched (else the best partial matches)
    subject: bool = True  # a typed word is the food's main subject (not "Sauce, pizza")


def _prior(food_id: str, name: str, deprecated: bool, measures: int, common: set[str]) -> float:
    prior = 0.0
    if food_id in common:  # hand-picked: its group and brand do not count against it
        prior += 0.2
    else:
        group = food_id.partition(":")[2][:2]
        prior -= DEMOTED_GROUPS.get(group, 0.0)
        if re.search(r"\b[A-Z][A-Z'&]{2,}\b", name):  # brands are in capitals: KRAFT
            prior -= 0.1
    if deprecated:
        prior -= 0.4
    prior += 0.01 * min(measures, 5)  # foods people measure at home have household measures
    return prior


class SearchIndex:
    """An inverted index of food names; build once, query many times (thread-safe reads)."""

    def __init__(self, foods: Iterable[tuple[str, str, bool, int]]) -> None:
        """``foods``: (id, name, deprecated, number of household measures) for every food."""
        common = set(vocabulary.COMMON_FOODS)
        self.entries: list[Entry] = []
        postings: dict[str, set[int]] = {}
        for food_id, name, deprecated, measures in foods:
            parts = [p.strip().lower() for p in name.split(",")]
            all_words = words(name)
            plain = {w for p in parts[1:] if p in vocabulary.NEUTRAL_SEGMENTS for w in words(p)}
            plain |= vocabulary.STOPWORDS
            entry = Entry(
                id=food_id,
                name=name,
                words=frozenset(all_words),
                head=frozenset(words(parts[0])),
                pairs=frozenset(zip(all_words, all_words[1:], strict=False)),
                first=all_words[0] if all_words else "",
                subject=subject_words(name),
                substitutes=frozenset(all_words) & vocabulary.SUBSTITUTE_WORDS,
                as_bought=frozenset(all_words) & vocabulary.AS_BOUGHT_WORDS,
                plain_words=frozenset(plain),
                prior=_prior(food_id, name, deprecated, measures, common),
            )
            index = len(self.entries)
            self.entries.append(entry)
            for word in entry.words:
                postings.setdefault(word, set()).add(index)
        self.postings = postings
        by_id = {entry.id: index for index, entry in enumerate(self.entries)}
        self.defaults = {
            " ".join(self._words_of(phrase)): by_id[food_id]
            for phrase, food_id in vocabulary.DEFAULT_FOODS.items()
            if food_id in by_id
        }
        self.vocabulary = sorted(postings)
        total = len(self.entries)
        self.idf = {w: math.log(1 + total / len(ids)) for w, ids in postings.items()}

    # ------------------------------------------------------------------ matching one word

    def _alternatives(self, word: str, *, last: bool) -> dict[str, float]:
        """Name words a typed word may mean, with a quality 0-1 for each."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        if len(word) >= 3 and (last or not found):
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in self.vocabulary[start : start + 40]:
                if not candidate.startswith(word):
                    break
                found.setdefault(candidate, PREFIX_QUALITY)
        if not found and len(word) >= 4:
            # one slip (two letters swapped, one missing, extra or wrong) in a short word, two
            # in a longer one; then anything rapidfuzz finds similar enough
            for candidate, distance, _ in process.extract(
                word,
                self.vocabulary,
                scorer=DamerauLevenshtein.distance,
                limit=4,
                score_cutoff=1 if len(word) <= 6 else 2,
            ):
                found.setdefault(candidate, TYPO_QUALITY * (1 - distance / (len(word) + 1)))
            for candidate, ratio, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, limit=4, score_cutoff=FUZZY_CUTOFF
            ):
                found.setdefault(candidate, TYPO_QUALITY * ratio / 100)
        return found

    # ------------------------------------------------------------------ the query

    @staticmethod
    def _words_of(text: str) -> list[str]:
        result = [w for w in words(text) if w not in vocabulary.STOPWORDS]
        return list(dict.fromkeys(result))  # once each, in order

    def _options(self, typed: Sequence[str]) -> list[dict[str, float]]:
        options = [self._alternatives(w, last=i == len(typed) - 1) for i, w in enumerate(typed)]
        return [o for o in options if o]

    def _together(self, options: Sequence[dict[str, float]]) -> tuple[list[set[int]], set[int]]:
        """For each typed word the foods it matches, and the foods matching every word."""
        matched_sets = [set().union(*(self.postings[w] for w in o)) for o in options]
        return matched_sets, set.intersection(*matched_sets) if matched_sets else set()

    def query_words(self, query: str) -> list[str]:
        """The words a query is searched by (synonyms applied when they apply, filler dropped,
        stemmed)."""
        return self._read(query)[0]

    def _read(
        self, query: str
    ) -> tuple[list[str], list[dict[str, float]], list[set[int]], set[int]]:
        """The query's words, their alternatives, the foods each matches and the foods all do.

        Synonyms apply when the query is exactly a synonym's phrase ("chips") or when its words
        as typed name no food together ("low fat yoghurt"); never to words that already name
        a food with the others ("banana chips")."""
        typed = self._words_of(query)
        options = self._options(typed)
        matched_sets, candidates = self._together(options)
        names_a_food = bool(candidates) and len(options) == len(typed)
        if is_synonym_phrase(query) or not names_a_food:
            rewritten = self._words_of(apply_synonyms(query))
            if rewritten != typed:
                typed = rewritten
                options = self._options(typed)
                matched_sets, candidates = self._together(options)
        return typed, options, matched_sets, candidates

    def search(self, query: str, *, limit: int = 10) -> list[Hit]:
        """The best ``limit`` foods for ``query``, best first (empty when nothing fits)."""
        if limit <= 0:
            return []
        typed, options, matched_sets, candidates = self._read(query)
        if not typed or not options:
            return []
        required = len(options)
        if not candidates:  # no food has every word: rank those with the most of them
            counts = Counter(i for s in matched_sets for i in s)
            best = max(counts.values())
            candidates = {i for i, c in counts.items() if c == best}
            required = best
        weights = [max(self.idf[w] for w in o) for o in options]
        pairs = list(zip(typed, typed[1:], strict=False))
        total_weight = sum(weights)
        missing_words = len(typed) - required
        typed_words = frozenset(typed)
        default = self.defaults.get(" ".join(typed))
        scored: list[tuple[float, int, bool]] = []
        for index in candidates:
            entry = self.entries[index]
            score, subject = self._score(
                entry, options, weights, total_weight, missing_words, pairs, typed_words
            )
            if index == default:
                score = min(1.0, score + DEFAULT_BONUS / SCORE_SCALE)
            scored.append((score, index, subject))
        scored.sort(key=lambda item: (-item[0], self.entries[item[1]].name))
        complete = required == len(typed)
        return [
            Hit(
                id=self.entries[i].id,
                name=self.entries[i].name,
                score=round(s, 3),
                complete=complete,
                subject=subject,
            )
            for s, i, subject in scored[:limit]
        ]

    @staticmethod
    def _score(
        entry: Entry,
        options: Sequence[dict[str, float]],
        weights: Sequence[float],
        total_weight: float,
        missing_words: int,
        pairs: Sequence[tuple[str, str]],
        typed: frozenset[str],
    ) -> tuple[float, bool]:
        """The score (0-1) of one food, and whether a typed word is its main subject."""
        matched: list[str] = []
        coverage = 0.0
        head_hit = False
        subject_hit = False
        for option, weight in zip(options, weights, strict=True):
            best_word, best_quality = "", 0.0
            for word, quality in option.items():
                if quality > best_quality and word in entry.words:
                    best_word, best_quality = word, quality
            matched.append(best_word)
            if best_quality:
                coverage += weight * best_quality
                head_hit = head_hit or best_word in entry.head
                subject_hit = subject_hit or best_word in entry.subject
        coverage /= total_weight
        extras = len(entry.words - set(matched) - entry.plain_words)
        score = 0.55 * coverage + 0.25 / (1.0 + 0.35 * extras)
        if pairs:
            found = sum(
                1 for a, b in zip(matched, matched[1:], strict=False) if (a, b) in entry.pairs
            )
            score += 0.08 * found / len(pairs)
        if head_hit:
            score += 0.05
        if entry.first in matched:
            score += 0.05
        if subject_hit:
            score += SUBJECT_BONUS
        if entry.substitutes - typed:
            score -= SUBSTITUTE_PENALTY
        if entry.as_bought - typed:
            score -= AS_BOUGHT_PENALTY
        score += entry.prior
        score -= 0.15 * missing_words
        return max(0.0, min(1.0, score / SCORE_SCALE)), subject_hit

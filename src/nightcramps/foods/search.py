"""Ranked food search over the foods' names. Pure: names (or the index the build stored) in,
ranked foods out; no I/O of its own.

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
import functools
import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from nightcramps.foods import vocabulary

_WORD = re.compile(r"[a-z0-9%]+(?:[-'][a-z0-9]+)*")

FUZZY_CUTOFF = 80.0
"""Lowest rapidfuzz ratio (0-100) at which a typed word counts as a typo of a name's word."""

MIN_TYPO_LENGTH = 5
"""Shorter typed words are never corrected: one slip turns a four-letter word into too many
others ("nori" → "noir", "kale" → "kalo")."""

TWO_SLIPS_LENGTH = 8
"""Typed words this long may have two slips corrected; shorter ones one."""

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

SURVEY_BONUS = 0.1
"""Added to a survey food (FNDDS: foods as people eat them, "Milk, whole") over a Standard
Reference row (mostly ingredients, "Milk, whole, 3.25% milkfat, with added vitamin D"): enough
to win between equally good matches, not against a name that matches more of what was typed."""

EXTRA_QUALITY = 0.6
"""Weight of a typed word found only in a food's other names (FNDDS's "additional food
description", SR's common name), not its own: "bok choy" finds "Cabbage, Chinese", but "pesto"
finds "Pesto sauce" before the pasta dishes whose description lists it."""

OPTIONAL_PENALTY = 0.03
"""Subtracted per state or filler word typed that no matching food's name has ("steamed",
"raw"): the food is still the one meant, a little less surely."""

DEFAULT_BONUS = 0.5
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

RESTAURANT_PENALTY = 0.12
"""Subtracted from a restaurant or chain's version of a food unless the query names it."""

_BRAND = re.compile(r"\b(?!NFS\b|NS\b)[A-Z][A-Z'&]{2,}\b")

_RESTAURANT = re.compile(
    r"restaurant|fast food|\((?:mcdonalds|burger king|wendys|taco bell|subway|kfc|starbucks|"
    r"dunkin|chick-fil-a|pizza hut|dominos|papa johns|popeyes|sonic|arbys|chipotle)\)",
    re.IGNORECASE,
)

RAW_BONUS = 0.03
"""Added to the raw form of a food eaten raw (fruit, nuts, salad vegetables): between equally
plain names, "Blueberries, raw" before "Blueberries, dried"."""

FORM_UNSURE_PENALTY = 0.02
"""Subtracted from an "NS as to form" survey food (fresh, frozen or canned not known): between
equally plain names, "green beans, cooked" are the fresh ones FNDDS lists beside it."""

UNSURE_QUALITY = 0.5
"""How much of a match a typed word is when the food has it only in an "NS as to ..." part:
"brewed" names "Coffee, brewed" and not "Coffee, NS as to brewed or instant"."""

ALCOHOL_PENALTY = 0.2
"""Subtracted from an alcoholic drink when no word of the query names alcohol: "cola" is never
"Rum and cola"."""

COMMON_BONUS = 0.05
"""Added to the hand-picked everyday foods (vocabulary.COMMON_FOODS, SR rows from the SR24 days):
half a survey food's bonus, so that a survey food wins between equally good names."""

RAW_PENALTY = 0.08
"""Subtracted from the raw form of a food eaten cooked (meat, fish, most vegetables) unless the
query says "raw": "1 cup spinach" is cooked spinach, "1 cup raw spinach" is not."""

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
    """Lower-case word stems of ``text``, in order ("low fat" and "low-fat" → "lowfat"), accents
    left off ("rosé" → "rose": USDA's names are written without them)."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
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
    extra: frozenset[str] = frozenset()  # words only in its other names ("bok choy")
    alcohol: frozenset[str] = frozenset()  # words naming an alcoholic drink: "rum", "wine"
    raw_eaten: bool = False  # the raw form of a food eaten raw (fruit, nuts, salad)
    chain: frozenset[str] = frozenset()  # words naming a restaurant or chain: "restaurant"
    raw_cooked: bool = False  # a raw form of a food eaten cooked (meat, fish, most vegetables)
    unsure: frozenset[str] = frozenset()  # words only in "NS as to" parts: "brewed", "instant"
    form_unsure: bool = False  # "NS as to form": fresh, frozen or canned not known


@dataclass(frozen=True, slots=True)
class Hit:
    """A ranked result: ``score`` from 0 (barely) to 1 (exactly what was typed)."""

    id: str
    name: str
    score: float
    complete: bool = True  # every typed word matched (else the best partial matches)
    subject: bool = True  # a typed word is the food's main subject (not "Sauce, pizza")


def _prior(
    food_id: str, name: str, deprecated: bool, measures: int, common: frozenset[str], survey: bool
) -> float:
    prior = SURVEY_BONUS if survey else 0.0
    if food_id in common:  # hand-picked: its group and brand do not count against it
        prior += COMMON_BONUS
    else:
        prefix, _, number = food_id.partition(":")
        if prefix == "usda":  # SR food groups; FNDDS food codes are numbered otherwise
            prior -= DEMOTED_GROUPS.get(number[:2], 0.0)
        if _BRAND.search(name):  # brands are in capitals: KRAFT (not FNDDS's NFS)
            prior -= 0.1
    if deprecated:
        prior -= 0.4
    prior += 0.01 * min(measures, 5)  # foods people measure at home have household measures
    return prior


@dataclass(frozen=True, slots=True)
class Indexed:
    """What search is told about a food: its id and name, how many household measures it has,
    whether it is a survey food (FNDDS), its other names, and its category code (WWEIA or SR)."""

    id: str
    name: str
    measures: int = 1
    survey: bool = False
    synonyms: tuple[str, ...] = ()
    category_code: str = ""
    deprecated: bool = False


def _plain_part(part: str) -> bool:
    """Whether a comma-separated part of a name describes the plain form ("raw", "NFS",
    "NS as to type of milk")."""
    return part in vocabulary.NEUTRAL_SEGMENTS or part.startswith("ns as to")


_LEFT_OUT = re.compile(r"\bwithout ([a-z ]+)|\b([a-z]+ not eaten)\b")


def _left_out(part: str) -> list[str]:
    """Words of a part that say what the food is without: "grilled without sauce" → without,
    sauce; "skin not eaten" → skin, not, eaten (the plain food, not an extra)."""
    found = _LEFT_OUT.search(part)
    return words(found.group(0)) if found else []


@functools.cache
def _common_foods() -> frozenset[str]:
    return frozenset(vocabulary.COMMON_FOODS)


def _eaten_cooked(category_code: str, survey: bool, subject: frozenset[str]) -> bool:
    """Whether a food of this category is eaten cooked unless said otherwise: meat, poultry,
    fish and vegetables other than salad ones (vocabulary.EATEN_RAW)."""
    if subject & vocabulary.EATEN_RAW:
        return False
    if survey:  # WWEIA: 2xxx protein foods, 64xx vegetables
        return category_code[:2] in ("20", "22", "24", "64")
    return category_code[:2] in ("05", "10", "11", "13", "15", "16", "17")  # 16: legumes


def index_words(name: str, other_names: Iterable[str] = ()) -> frozenset[str]:
    """The words a food is found by: its name's, and its other names' but for filler words
    (the build stores these for each food, so that a lookup reads the index instead of making
    it)."""
    other = frozenset(w for text in other_names if text for w in words(text))
    return frozenset(words(name)) | (other - vocabulary.STOPWORDS)


class _Entries(Sequence[Entry]):
    """The index's foods, each made into an :class:`Entry` the first time a query needs it."""

    def __init__(self, count: int, food_at: Callable[[int], Indexed]) -> None:
        self._count = count
        self._food_at = food_at
        self._made: dict[int, Entry] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        entry = self._made.get(index)
        if entry is None:
            entry = self._made[index] = SearchIndex.entry_of(self._food_at(index))
        return entry


class _Postings(Mapping[str, set[int]]):
    """Which foods each word is in, read from the built database the first time it is asked."""

    def __init__(self, counts: Mapping[str, int], read: Callable[[str], set[int]]) -> None:
        self._counts = counts
        self._read = read
        self._found: dict[str, set[int]] = {}

    def __getitem__(self, word: str) -> set[int]:
        found = self._found.get(word)
        if found is None:
            if word not in self._counts:
                raise KeyError(word)
            found = self._found[word] = self._read(word)
        return found

    def __contains__(self, word: object) -> bool:
        return word in self._counts

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


_Reading = tuple[list[str], list[dict[str, float]], list[set[int]], set[int], int]
"""A query's words, their alternatives, the foods each matches, the foods all match, and how
many filler words were left out."""

SEARCH_DEPTH = 10
"""How many hits a reading is ranked to before two readings are compared."""


class SearchIndex:
    """An inverted index of food names; build once, query many times (thread-safe reads)."""

    entries: Sequence[Entry]
    postings: Mapping[str, set[int]]

    def __init__(self, foods: Iterable[Indexed | tuple[str, str, bool, int]]) -> None:
        """``foods``: each food as :class:`Indexed` (or (id, name, deprecated, number of
        household measures)), indexed in memory. A food is found by its name and its other
        names. (:meth:`stored` reads an index the build wrote instead.)"""
        entries: list[Entry] = []
        postings: dict[str, set[int]] = {}
        for item in foods:
            food = (
                item
                if isinstance(item, Indexed)
                else Indexed(item[0], item[1], measures=item[3], deprecated=item[2])
            )
            entry = self.entry_of(food)
            index = len(entries)
            entries.append(entry)
            for word in entry.words | entry.extra:
                postings.setdefault(word, set()).add(index)
        by_id = {entry.id: index for index, entry in enumerate(entries)}
        self._finish(entries, postings, {w: len(ids) for w, ids in postings.items()}, by_id.get)

    @classmethod
    def stored(
        cls,
        counts: Mapping[str, int],
        read: Callable[[str], set[int]],
        ids: Sequence[str],
        food_at: Callable[[int], Indexed],
    ) -> SearchIndex:
        """The index the build stored: ``counts`` says in how many foods each word is,
        ``read(word)`` which (positions in ``ids``), ``food_at(position)`` what search is told
        about one. Only the words and foods a query touches are read."""
        index = cls.__new__(cls)
        by_id = {food_id: position for position, food_id in enumerate(ids)}
        index._finish(_Entries(len(ids), food_at), _Postings(counts, read), counts, by_id.get)
        return index

    def _finish(
        self,
        entries: Sequence[Entry],
        postings: Mapping[str, set[int]],
        counts: Mapping[str, int],
        position_of: Callable[[str], int | None],
    ) -> None:
        self.entries = entries
        self.postings = postings
        self.defaults = {}
        for phrase, food_id in vocabulary.DEFAULT_FOODS.items():
            position = position_of(food_id)
            if position is not None:
                self.defaults[" ".join(self._words_of(phrase))] = position
        self.vocabulary = sorted(counts)
        total = len(entries)
        self.idf = {w: math.log(1 + total / n) for w, n in counts.items()}

    @staticmethod
    def entry_of(food: Indexed) -> Entry:
        """What the index keeps of one food."""
        common = _common_foods()
        prior = _prior(food.id, food.name, food.deprecated, food.measures, common, food.survey)
        name = food.name
        parts = [p.strip().lower() for p in name.split(",")]
        all_words = words(name)
        categorised = len(parts) > 1 and parts[0] in vocabulary.CATEGORY_HEADS
        named = parts[1] if categorised and not _plain_part(parts[1]) else parts[0]
        plain = {w for p in parts[1:] if _plain_part(p) for w in words(p)}
        plain |= {w for p in parts[1:] for w in _left_out(p)}
        said = {w for p in parts if not p.startswith("ns as to") for w in words(p)}
        plain |= vocabulary.STOPWORDS
        subject = subject_words(name)
        word_set = frozenset(all_words)
        chain = _RESTAURANT.search(name)
        eaten_cooked = _eaten_cooked(food.category_code, food.survey, subject)
        return Entry(
            id=food.id,
            name=name,
            words=word_set,
            head=frozenset(words(named)),
            pairs=frozenset(zip(all_words, all_words[1:], strict=False)),
            first=next(iter(words(named)), ""),
            subject=subject,
            substitutes=word_set & vocabulary.SUBSTITUTE_WORDS,
            as_bought=word_set & vocabulary.AS_BOUGHT_WORDS,
            plain_words=frozenset(plain),
            prior=prior,
            chain=frozenset(words(chain.group(0))) if chain else frozenset(),
            raw_cooked="raw" in parts[1:] and eaten_cooked,
            extra=index_words(name, food.synonyms) - word_set,
            alcohol=word_set & vocabulary.ALCOHOL_WORDS,
            raw_eaten="raw" in parts[1:] and not eaten_cooked,
            unsure=word_set - said,
            form_unsure="ns as to form" in parts,
        )

    # ------------------------------------------------------------------ matching one word

    def _alternatives(self, word: str, *, last: bool) -> dict[str, float]:
        """Name words a typed word may mean, with a quality 0-1 for each."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        joined = word.replace("-", "")  # "non-alcoholic" is FNDDS's "nonalcoholic"
        if joined != word and joined in self.postings:
            found[joined] = 1.0
        if len(word) >= 3 and (last or not found):
            start = bisect.bisect_left(self.vocabulary, word)
            for candidate in self.vocabulary[start : start + 40]:
                if not candidate.startswith(word):
                    break
                found.setdefault(candidate, PREFIX_QUALITY)
        if not found and len(word) >= MIN_TYPO_LENGTH:
            # one slip (two letters swapped, one missing, extra or wrong) in a short word, two
            # in a long one; then anything rapidfuzz finds similar enough. A typo keeps its first
            # letter: "bananna" is banana, but "nori" is never "noir" and "rangoon" never
            # "raccoon" (too short for two slips).
            for candidate, distance, _ in process.extract(
                word,
                self.vocabulary,
                scorer=DamerauLevenshtein.distance,
                limit=4,
                score_cutoff=1 if len(word) < TWO_SLIPS_LENGTH else 2,
            ):
                if candidate[:1] == word[:1]:
                    found.setdefault(candidate, TYPO_QUALITY * (1 - distance / (len(word) + 1)))
            for candidate, ratio, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, limit=4, score_cutoff=FUZZY_CUTOFF
            ):
                if candidate[:1] == word[:1]:
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
        return self._chosen(query, SEARCH_DEPTH)[0][0]

    def _read(self, typed: list[str]) -> _Reading:
        """The words' alternatives, the foods each matches, the foods all do, and how many
        state or filler words were left out to find any: a state or filler word
        (vocabulary.OPTIONAL) that leaves no food with the others is left out ("steamed
        broccoli" is broccoli cooked, "raw almonds" almonds), though it still ranks the foods."""
        options = self._options(typed)
        matched_sets, candidates = self._together(options)
        names_a_food = bool(candidates) and len(options) == len(typed)
        core = [w for w in typed if w not in vocabulary.OPTIONAL]
        if not names_a_food and core and len(core) < len(typed):
            core_options = self._options(core)
            core_candidates = self._together(core_options)[1]
            if core_candidates and len(core_options) == len(core):
                left_out = len(typed) - len(options)
                return typed, options, matched_sets, core_candidates, left_out
        return typed, options, matched_sets, candidates, 0

    def _chosen(self, query: str, limit: int) -> tuple[_Reading, list[Hit]]:
        """The reading of a query and its hits. Everyday synonyms ("chips" → potato chips) are
        tried when the query is exactly a synonym's phrase or its words as typed name no food
        together ("low fat yoghurt"), and taken when they find a better food than the words as
        typed: "banana chips" and "pasta" stay as typed (they name foods as well as any
        rewriting would); "chips" becomes potato chips."""
        typed = self._words_of(query)
        reading = self._read(typed)
        hits = self._ranked(reading, limit)
        complete = bool(hits) and hits[0].complete
        if is_synonym_phrase(query) or not complete:
            rewritten = self._words_of(apply_synonyms(query))
            if rewritten != typed:
                other = self._read(rewritten)
                other_hits = self._ranked(other, limit)
                better = bool(other_hits) and (
                    not hits
                    or (other_hits[0].complete and not complete)
                    or (
                        other_hits[0].complete == complete
                        and (
                            other_hits[0].score > hits[0].score
                            or other_hits[0].score == hits[0].score
                            and is_synonym_phrase(query)
                        )
                    )
                )
                if better:
                    return other, other_hits
        return reading, hits

    def search(self, query: str, *, limit: int = 10) -> list[Hit]:
        """The best ``limit`` foods for ``query``, best first (empty when nothing fits)."""
        if limit <= 0:
            return []
        return self._chosen(query, max(limit, SEARCH_DEPTH))[1][:limit]

    def _ranked(self, reading: _Reading, limit: int) -> list[Hit]:
        typed, options, matched_sets, candidates, left_out = reading
        if not typed or not options:
            return []
        required = len(options) + left_out
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
        best_of: dict[str, tuple[float, int, bool]] = {}
        for index in candidates:
            entry = self.entries[index]
            score, subject = self._score(
                entry, options, weights, total_weight, missing_words, pairs, typed_words
            )
            if index == default:
                score = min(1.0, score + DEFAULT_BONUS / SCORE_SCALE)
            score = max(0.0, score - OPTIONAL_PENALTY * left_out)
            if entry.id not in best_of or score > best_of[entry.id][0]:
                best_of[entry.id] = (score, index, subject)
        scored = heapq.nsmallest(
            limit, best_of.values(), key=lambda item: (-item[0], self._shown(item[1]))
        )
        complete = required == len(typed)
        return [
            Hit(
                id=self.entries[i].id,
                name=self._shown(i),
                score=round(s, 3),
                complete=complete,
                subject=subject,
            )
            for s, i, subject in scored[:limit]
        ]

    def _shown(self, index: int) -> str:
        return self.entries[index].name

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
                if word in entry.unsure:
                    quality *= UNSURE_QUALITY
                if quality > best_quality and word in entry.words:
                    best_word, best_quality = word, quality
                elif quality * EXTRA_QUALITY > best_quality and word in entry.extra:
                    best_word, best_quality = word, quality * EXTRA_QUALITY
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
        if entry.chain and not entry.chain & typed:
            score -= RESTAURANT_PENALTY
        if entry.raw_cooked and "raw" not in typed:
            score -= RAW_PENALTY
        if entry.raw_eaten:
            score += RAW_BONUS
        if entry.form_unsure:
            score -= FORM_UNSURE_PENALTY
        if entry.alcohol and not entry.alcohol & typed:
            score -= ALCOHOL_PENALTY
        score += entry.prior
        score -= 0.15 * missing_words
        return max(0.0, min(1.0, score / SCORE_SCALE)), subject_hit

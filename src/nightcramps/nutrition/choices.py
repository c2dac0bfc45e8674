"""When a typed entry is not stored, what to offer instead: the foods it may mean, or the
measures of the food it found.

The food database reads "1 cup soda pop" with a confidence (0-1). Below
``constants.ASK_BELOW_CONFIDENCE`` the entry is not guessed: :func:`unsure` is raised with the
candidates, numbered as the CLI lists them (``eat PHRASE --pick N`` takes the same numbers:
:func:`choices_for`). A phrase no food matches (``NotFound`` with its ``suggestions``) and a
measure the food lacks (``Invalid`` with its ``food_id``) are answered the same way by the
edges, through :func:`offered`. No HTTP and no terminal here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from nightcramps.errors import Invalid, NightcrampsError, NotFound
from nightcramps.foods import phrases
from nightcramps.foods import schemas as foods_schemas
from nightcramps.foods import service as foods_service
from nightcramps.nutrition import constants as c
from nightcramps.nutrition.schemas import Candidate, CandidateMeasure, IntakeProblem

UNSURE = "not sure which food: choose one of the alternatives"
"""The ``fields["phrase"]`` of an unsure answer; edges tell it from other refusals by it."""


class _Match(Protocol):
    """A search result (``foods.schemas.FoodMatch``)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def score(self) -> float: ...


def candidate(food_id: str, score: float) -> Candidate:
    """A database food as offered: its name and its first household measures with grams."""
    food = foods_service.get_food(food_id)
    measures = [
        CandidateMeasure(name=m.name, grams=round(m.grams, 1))
        for m in food.measures[: c.CANDIDATE_MEASURES]
    ]
    return Candidate(id=food.id, name=food.name, score=round(score, 2), measures=measures)


def candidates(matches: Sequence[_Match]) -> list[Candidate]:
    """The foods of ``matches`` as offered, in their order, each once."""
    seen: set[str] = set()
    offered: list[Candidate] = []
    for match in matches:
        if match.id not in seen:
            seen.add(match.id)
            offered.append(candidate(match.id, match.score))
    return offered


def _reading_candidates(read: foods_schemas.Lookup) -> list[Candidate]:
    """The food a lookup chose (scored with its confidence) and the others it may be."""
    first = candidate(read.food.id, read.confidence)
    return [first, *[other for other in candidates(read.alternatives) if other.id != first.id]]


def unsure(phrase: str, read: foods_schemas.Lookup) -> Invalid:
    """The refusal of an unsure reading ``read`` (a ``foods_service.lookup`` answer): nothing is
    logged; ``extra["alternatives"]`` holds the candidates, numbered from 1 in the message."""
    offered = _reading_candidates(read)
    listed = "; ".join(f"{n}. {o.name}" for n, o in enumerate(offered, start=1))
    return Invalid(
        f"Not sure which food {phrase!r} is (it reads best as {read.food.name}, but only "
        f"{read.confidence:.0%} sure), so nothing was logged. Which did you mean? {listed}. "
        "Choose one, or add words that tell them apart.",
        fields={"phrase": UNSURE},
        alternatives=offered,
        confidence=read.confidence,
        phrase=phrase,
    )


def choices_for(phrase: str) -> list[Candidate]:
    """The foods ``phrase`` may mean, numbered from 1 as an unsure or "not found" answer lists
    them (so ``--pick N`` picks the one shown as N): the reading's food first, then the others.

    Raises:
        Invalid: the phrase is unreadable, or its measure is not one the food has.
    """
    try:
        read = foods_service.lookup(phrase)
    except NotFound as exc:
        return offered(exc)
    return _reading_candidates(read)


def offered(exc: NightcrampsError) -> list[Candidate]:
    """What a refusal offers to choose: its alternatives (unsure), its suggestions (no food
    matched), or the one food whose measures did not fit (``extra["food_id"]``); [] for other
    refusals."""
    alternatives = exc.extra.get("alternatives")
    if alternatives:
        return list(alternatives)
    suggestions = exc.extra.get("suggestions")
    if suggestions:
        return candidates(suggestions)
    food_id = exc.extra.get("food_id")
    if isinstance(food_id, str) and isinstance(exc, Invalid):
        try:
            return [candidate(food_id, 1.0)]
        except NotFound:
            return []
    return []


def problem(exc: NightcrampsError) -> IntakeProblem:
    """The API's body for a refused entry: the error as every API error has it, with what it
    offers (:func:`offered`) and, for an unsure reading, its phrase and confidence."""
    confidence = exc.extra.get("confidence")
    return IntakeProblem(
        detail=exc.message,
        fields=exc.fields,
        phrase=exc.extra.get("phrase"),
        confidence=None if confidence is None else round(float(confidence), 2),
        alternatives=offered(exc),
    )


def measure_choice(exc: NightcrampsError) -> Candidate | None:
    """The food whose measures a refusal offers as buttons: a measure it lacks, no unit for a
    food with no usual portion, or a volume of a food weighed by the piece."""
    if not isinstance(exc, Invalid) or exc.extra.get("alternatives"):
        return None
    found = offered(exc)
    return found[0] if found else None


def typed_quantity(phrase: str) -> float:
    """The quantity typed at the start of ``phrase`` ("2 gulps of milk" → 2), 1 when none is
    or it cannot be read: what a measure button multiplies."""
    try:
        quantity = phrases.parse(phrase).quantity
    except phrases.PhraseError:
        return 1.0
    return 1.0 if quantity is None or quantity <= 0 else float(quantity)


def measure_question(exc: NightcrampsError, food: Candidate) -> str:
    """What a page asks above ``food``'s measure buttons, for a refusal of
    :func:`measure_choice` (its own message lists the measures as text, for the CLI)."""
    measure = exc.extra.get("measure")
    if measure:
        said = f"{food.name} has no measure called {str(measure)!r}."
    elif "no unit" in exc.fields.values():
        said = f"How much {food.name}?"
    else:
        said = f"{food.name} cannot be weighed in that unit without guessing."
    return f"{said} Tap one of its measures, or give grams (e.g. '100 g')."

"""Close the gap: foods that would supply what is missing of a mineral, in ordinary portions.

Ranked two ways, as people choose food: most per portion (the fewest bites) and most per
100 kcal (the least extra energy). The article's own examples (bananas, avocados, leafy greens,
beans) are shown too, but only for a mineral they are a good source of.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import NamedTuple

from nightcramps.errors import NightcrampsError
from nightcramps.foods import service as foods_service
from nightcramps.foods.schemas import RichFood
from nightcramps.nutrition import constants as c
from nightcramps.nutrition import portions
from nightcramps.nutrition.schemas import Gap, NutrientTotal, Suggestion
from nightcramps.nutrition.targets import Targets

GAP_NUTRIENTS = ("magnesium_mg", "potassium_mg", "calcium_mg")
"""Minerals with a gap worth closing with food (sodium is rarely short; the article names
magnesium, potassium and calcium)."""

SUGGESTIONS_PER_LIST = 5

NEVER_SUGGEST = ("tonic", "quinine")
"""Never suggest quinine or tonic water (FDA Drug Safety Communication, 8 July 2010)."""


class ArticleExample(NamedTuple):
    """A food the article names, as an ordinary portion of a USDA food."""

    label: str
    food_id: str
    quantity: float
    unit: str


ARTICLE_EXAMPLES = (
    ArticleExample("1 medium banana", "usda:09040", 1, "medium"),
    ArticleExample("half an avocado", "usda:09037", 0.5, "avocado"),
    ArticleExample("½ cup cooked spinach (leafy greens)", "usda:11458", 0.5, "cup"),
    ArticleExample("½ cup cooked black beans", "usda:16015", 0.5, "cup"),
)
"""The article's examples of electrolyte-rich foods: bananas, avocados, leafy greens, beans."""

ARTICLE_FOOD_IDS = frozenset(example.food_id for example in ARTICLE_EXAMPLES)
"""The foods of ARTICLE_EXAMPLES: flagged ``article_example`` wherever they are suggested."""


def _allowed(food_id: str, name: str) -> bool:
    lowered = name.lower()
    if any(word in lowered for word in NEVER_SUGGEST):
        return False
    try:
        alcohol = foods_service.get_food(food_id).per_100g.alcohol_g
    except NightcrampsError:
        return False
    return not alcohol  # no alcoholic drinks as a source of minerals


def _suggestion(rich: RichFood, missing: float, article: bool = False) -> Suggestion:
    return Suggestion(
        food_id=rich.food.id,
        name=rich.food.name,
        portion=rich.portion,
        grams=rich.portion_grams,
        amount=rich.amount,
        share_of_gap_percent=round(100 * rich.amount / missing, 1),
        energy_kcal=rich.energy_kcal,
        per_100_kcal=rich.per_100kcal,
        article_example=article,
    )


def warm_up() -> None:
    """Rank the foods of every "close the gap" list now (about 2 s once per process) rather than
    on the first Food page with something logged; ``serve`` runs it in the background."""
    for nutrient in GAP_NUTRIENTS:
        for by in ("portion", "kcal"):
            foods_service.rich_in(nutrient, by=by)


def _ranked(nutrient: str, by: str, missing: float) -> list[Suggestion]:
    found = foods_service.rich_in(nutrient, limit=3 * SUGGESTIONS_PER_LIST, by=by)
    kept = [
        _suggestion(r, missing, article=r.food.id in ARTICLE_FOOD_IDS)
        for r in found
        if _allowed(r.food.id, r.food.name)
    ]
    return kept[:SUGGESTIONS_PER_LIST]


def article_examples(nutrient: str, target: float, missing: float) -> list[Suggestion]:
    """The article's examples that are a good source of ``nutrient`` (10% of the target or
    more in the portion, ``constants.GOOD_SOURCE_SHARE``), most first."""
    found: list[Suggestion] = []
    for example in ARTICLE_EXAMPLES:
        try:
            portion = portions.food_id_portion(
                example.food_id, example.quantity, example.unit, kind="food"
            )
        except NightcrampsError:
            continue  # the food database lacks it: show nothing rather than guess
        amount = portion.nutrients.get(nutrient)
        if amount is None or amount < c.GOOD_SOURCE_SHARE * target or portion.grams is None:
            continue
        energy = portion.nutrients.energy_kcal
        found.append(
            Suggestion(
                food_id=portion.food_ref,
                name=portion.food_name,
                portion=example.label,
                grams=round(portion.grams, 1),
                amount=round(amount, 1),
                share_of_gap_percent=round(100 * amount / missing, 1),
                energy_kcal=None if energy is None else round(energy, 1),
                per_100_kcal=round(100 * amount / energy, 1) if energy else None,
                article_example=True,
            )
        )
    return sorted(found, key=lambda s: -s.amount)


def close_the_gaps(
    minerals: Sequence[NutrientTotal], targets: Targets, *, hold_back: Collection[str] = ()
) -> list[Gap]:
    """A gap for each of magnesium, potassium and calcium that is below its target.

    A mineral whose total is unknown (no entry knew it) has no gap: what is missing cannot be
    told. Totals with some unknown entries may overstate a gap; the day view says how many.
    A mineral in ``hold_back`` gets no gap and no foods whatever its target (potassium for a
    person whose medicines or kidneys keep it in: ``cautions.potassium_held_back`` says why).
    """
    gaps: list[Gap] = []
    for total in minerals:
        if total.nutrient in hold_back:
            continue
        target = targets.get(total.nutrient) if total.nutrient in GAP_NUTRIENTS else None
        if target is None or total.amount is None or total.amount >= target:
            continue
        missing = round(target - total.amount, 1)
        gaps.append(
            Gap(
                nutrient=total.nutrient,
                label=total.label,
                missing=missing,
                by_portion=_ranked(total.nutrient, "portion", missing),
                by_calorie=_ranked(total.nutrient, "kcal", missing),
                article_examples=article_examples(total.nutrient, target, missing),
            )
        )
    return gaps

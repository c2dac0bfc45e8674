"""`nightcramps foods ...`: search the food database and read what you ate."""

from __future__ import annotations

from typing import Annotated

import typer

from nightcramps.cli.output import JsonOption, command, emit_json, emit_table
from nightcramps.errors import NotFound
from nightcramps.foods import service as foods_service
from nightcramps.foods.amounts import NUTRIENTS

foods_app = typer.Typer(
    help="The food database (USDA FNDDS, SR28): search, read a phrase, foods rich in a nutrient.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``foods`` group to the root app."""
    app.add_typer(foods_app, name="foods")


LENIENT = {"ignore_unknown_options": True}
"""So a phrase that starts with a dash ("-2 cups milk") reaches the validation, which says what
to fix, instead of Typer's "No such option: -2"."""


@foods_app.command("search", context_settings=LENIENT)
@command
def foods_search(
    query: Annotated[str, typer.Argument(help="Words of the food, e.g. 'peanut butter'.")],
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many results.")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Search foods by name: word order, plurals, typos and everyday words are fine."""
    matches = foods_service.search(query, limit=limit)
    if as_json:
        emit_json(matches)
        return
    if not matches:
        typer.echo(f"No food matches {query!r}; try fewer or simpler words.")
        return
    emit_table([[m.id, f"{m.score:.2f}", m.name] for m in matches], ["id", "score", "name"])


def _text(value: float | None, unit: str) -> str:
    return "unknown" if value is None else f"{value:g} {unit}"


@foods_app.command("lookup", context_settings=LENIENT)
@command
def foods_lookup(
    phrase: Annotated[
        str, typer.Argument(help="What you ate as you would say it: '1 medium banana'.")
    ],
    as_json: JsonOption = False,
) -> None:
    """Read a phrase such as "1/2 cup spinach, boiled" into a food, grams and nutrients."""
    try:
        found = foods_service.lookup(phrase)
    except NotFound as exc:
        exc.fields.pop("suggestions", None)  # the message already lists them
        raise
    if as_json:
        emit_json(found)
        return
    typer.echo(f"{found.food.name}  ({found.food.id}, {found.food.source})")
    typer.echo(f"{found.quantity:g} × {found.unit} = {found.grams:.1f} g")
    for name, value in found.nutrients.as_dict().items():
        label, _, unit = name.rpartition("_")
        typer.echo(f"  {label.replace('_', ' '):<13} {_text(value, unit)}")


@foods_app.command("show")
@command
def foods_show(
    food_id: Annotated[str, typer.Argument(help="A food id, e.g. usda:09040.")],
    as_json: JsonOption = False,
) -> None:
    """A food's nutrients per 100 g and its household measures."""
    food = foods_service.to_food_public(foods_service.get_food(food_id))
    if as_json:
        emit_json(food)
        return
    typer.echo(f"{food.name}  ({food.id}, {food.source}); per 100 g:")
    for name in NUTRIENTS:
        label, _, unit = name.rpartition("_")
        typer.echo(f"  {label.replace('_', ' '):<13} {_text(food.per_100g.get(name), unit)}")
    typer.echo("Measures:")
    for measure in food.measures:
        typer.echo(f"  1 {measure.name} = {measure.grams:g} g")


@foods_app.command("rich-in")
@command
def foods_rich_in(
    nutrient: Annotated[
        str, typer.Argument(help=f"One of: {', '.join(foods_service.RICH_IN_NUTRIENTS)}.")
    ],
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many foods.")] = 10,
    by: Annotated[str, typer.Option(help="Rank by portion, kcal, or both.")] = "both",
    as_json: JsonOption = False,
) -> None:
    """Everyday foods that supply the most of a nutrient in an ordinary portion."""
    foods = foods_service.rich_in(nutrient, limit=limit, by=by)
    if as_json:
        emit_json(foods)
        return
    emit_table(
        [
            [f.amount, f.per_100kcal, f"{f.portion} ({f.portion_grams:g} g)", f.food.name]
            for f in foods
        ],
        [nutrient, "per 100 kcal", "portion", "food"],
    )

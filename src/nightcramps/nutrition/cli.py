"""`nightcramps eat|drink|day|targets` and the `supplement`, `custom-food`, `intake` and
`target` groups: food, drink and supplements from the terminal."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Annotated, Any

import typer
from pydantic import BaseModel

from nightcramps import timing
from nightcramps.cli.context import state
from nightcramps.cli.output import JsonOption, command, emit_json, emit_table, fail
from nightcramps.cli.parsing import parse_day
from nightcramps.errors import Invalid, NotFound
from nightcramps.nutrition import builtin_supplements, catalog, choices, shortcuts
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.schemas import (
    Candidate,
    CustomFoodCreate,
    CustomFoodPublic,
    DayPublic,
    IntakeCreate,
    IntakeEntryPublic,
    IntakeLogged,
    IntakeUpdate,
    SupplementCreate,
    SupplementPublic,
    TargetOverrideIn,
)
from nightcramps.nutrition.targets import TARGET_NUTRIENTS, UNKNOWN_NOTE, Targets
from nightcramps.owner import Owner

supplement_app = typer.Typer(help="Supplements with their label amounts.", no_args_is_help=True)
custom_food_app = typer.Typer(help="Your own foods and drinks, from labels.", no_args_is_help=True)
intake_app = typer.Typer(help="List, change, delete and repeat entries.", no_args_is_help=True)
target_app = typer.Typer(help="Set your own daily targets.", no_args_is_help=True)

AtOption = Annotated[
    str | None,
    typer.Option(
        help="When: 'HH:MM' today or 'YYYY-MM-DD HH:MM', in your time zone. Default: now."
    ),
]
YesOption = Annotated[bool, typer.Option("--yes", help="Do it without asking.")]
MealOption = Annotated[
    str | None,
    typer.Option(help="breakfast, lunch, afternoon, dinner or late (default: from the time)."),
]
PickOption = Annotated[
    int | None,
    typer.Option(
        "--pick",
        min=1,
        metavar="N",
        help='The food numbered N when the answer asked "Which did you mean?": the amount '
        "typed, of that food.",
    ),
]


def register(app: typer.Typer) -> None:
    """Add this feature's commands and groups to the root ``nightcramps`` app."""
    lenient = {"ignore_unknown_options": True}  # so "-2 cups milk" reaches the validation
    app.command("eat", context_settings=lenient)(eat)
    app.command("drink", context_settings=lenient)(drink)
    app.command("day")(day)
    app.command("targets")(targets)
    app.add_typer(supplement_app, name="supplement")
    app.add_typer(custom_food_app, name="custom-food")
    app.add_typer(intake_app, name="intake")
    app.add_typer(target_app, name="target")


def _parse_at(value: str | None, owner: Owner) -> datetime | None:
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) <= 5:
            clock = time.fromisoformat(text)
            return timing.moment_in_day(nutrition_service.today(owner=owner), clock, owner)
        return datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise Invalid(
            f"Cannot read the time {value!r}; write 'HH:MM' (today) or 'YYYY-MM-DD HH:MM'.",
            fields={"--at": "malformed time"},
        ) from None


def _mg(value: float | None, unit: str = "mg") -> str:
    return "unknown" if value is None else f"{value:,.0f} {unit}"


def _echo_logged(logged: IntakeLogged) -> None:
    n = logged.nutrients
    amount = f"{logged.grams:,.0f} g" if logged.grams is not None else logged.unit or ""
    typer.echo(
        f"Logged #{logged.id} {logged.description} ({logged.food.name}, {amount}) on "
        f"{logged.day}: magnesium {_mg(n['magnesium_mg'])}, potassium {_mg(n['potassium_mg'])}, "
        f"calcium {_mg(n['calcium_mg'])}, sodium {_mg(n['sodium_mg'])}"
        + (f", {logged.volume_ml:,.0f} ml fluid" if logged.volume_ml else "")
        + "."
    )
    if logged.assumed:
        typer.echo(f"  {logged.assumed[:1].upper()}{logged.assumed[1:]}.")
    for warning in logged.warnings:
        typer.secho(f"Warning: {warning.message}", err=True, fg=typer.colors.YELLOW)


def _log(
    ctx: typer.Context,
    data: dict[str, Any],
    at: str | None,
    as_json: bool,
    pick: int | None = None,
) -> None:
    cli = state(ctx)
    phrase = data.get("phrase")
    with cli.session() as session:
        owner = cli.owner(session)
        if pick is not None and phrase is not None:  # the amount typed, of food number ``pick``
            data = {k: v for k, v in data.items() if k != "phrase"}
            data.update(description=phrase, food={"id": _picked(phrase, pick).id})
        intake_in = IntakeCreate.model_validate({**data, "at": _parse_at(at, owner)})
        try:
            logged = nutrition_service.log_intake_answer(
                session=session, owner=owner, intake_in=intake_in
            )
        except (NotFound, Invalid) as exc:
            if phrase is not None:
                _ask(exc, phrase, f"nightcramps {ctx.info_name}", as_json)
            raise
    if as_json:
        emit_json(logged)
    else:
        _echo_logged(logged)


def _picked(phrase: str, pick: int) -> Candidate:
    """The food numbered ``pick`` among those ``phrase`` may mean (as "Which did you mean?"
    numbered them)."""
    offered = choices.choices_for(phrase)
    if not offered:
        raise NotFound(
            f"No food to pick for {phrase!r}: nothing matches it. Try fewer or simpler words.",
            fields={"--pick": "nothing to pick from"},
        )
    if pick > len(offered):
        listed = "; ".join(f"{n}. {o.name}" for n, o in enumerate(offered, start=1))
        raise Invalid(
            f"There is no food {pick} for {phrase!r}; choose 1 to {len(offered)}: {listed}.",
            fields={"--pick": f"at most {len(offered)}"},
        )
    return offered[pick - 1]


def _ask(exc: NotFound | Invalid, phrase: str, command: str, as_json: bool) -> None:
    """For an entry refused because it was not sure of the food (or found none), print "Which
    did you mean?" with the foods numbered and exit 1; other refusals return to be raised."""
    if exc.fields.get("phrase") == choices.UNSURE:
        said = f"Not sure which food {phrase!r} is, so nothing was logged."
    elif isinstance(exc, NotFound) and exc.extra.get("suggestions"):
        said = f"No food matches all of {phrase!r}, so nothing was logged."
    else:
        return
    if as_json:
        emit_json(choices.problem(exc))
    listed = "".join(f"\n  {n}. {o.name}" for n, o in enumerate(choices.offered(exc), start=1))
    raise fail(
        f"{said}\nWhich did you mean?{listed}\n"
        f"Log one with: {command} {shlex.quote(phrase)} --pick N"
    )


@command
def eat(
    ctx: typer.Context,
    phrase: Annotated[str, typer.Argument(help='What and how much: "1 medium banana".')],
    at: AtOption = None,
    meal: MealOption = None,
    pick: PickOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log food as you would say it ("1 medium banana", "2 tbsp peanut butter").

    When it is not sure which food you mean, nothing is logged: it lists the foods it may be,
    numbered; run the command again with --pick N."""
    _log(ctx, {"phrase": phrase, "kind": "food", "meal": meal}, at, as_json, pick)


@command
def drink(
    ctx: typer.Context,
    phrase: Annotated[str, typer.Argument(help='What and how much: "500 ml water".')],
    at: AtOption = None,
    meal: MealOption = None,
    pick: PickOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log a drink ("500 ml water", "a cup of tea"); its volume counts toward fluids.

    When it is not sure which drink you mean, nothing is logged: it lists the ones it may be,
    numbered; run the command again with --pick N."""
    _log(ctx, {"phrase": phrase, "kind": "drink", "meal": meal}, at, as_json, pick)


SET_PROFILE = "nightcramps profile set --birth-year YYYY --sex female|male"


def _day_header(public: DayPublic) -> list[str]:
    """ "2026-11-24: 1 entry; targets for Females 51-70 years", or without a profile the
    count and how to set one."""
    count = len(public.entries)
    header = f"{public.day}: {count} {'entry' if count == 1 else 'entries'}"
    if public.targets.life_stage is not None:
        return [f"{header}; targets for {public.targets.life_stage_label}"]
    lines = [
        f"{header}.",
        f"Targets need your profile (birth year and sex); set it with: {SET_PROFILE}",
    ]
    lines += [note for note in public.targets.notes if note != UNKNOWN_NOTE]
    return lines


def _echo_day(public: DayPublic) -> None:
    for line in _day_header(public):
        typer.echo(line)
    if not public.logged:
        typer.echo("Nothing logged: every total is unknown.")
    rows: list[list[Any]] = []
    for n in public.nutrients:
        unknown = f"{n.unknown_items} of {n.items}" if n.unknown_items else ""
        percent = "" if n.percent is None else f"{n.percent:.0f}%"
        rows.append([n.label, _mg(n.amount), _mg(n.target), percent, unknown])
    w = public.water
    water_percent = "" if w.percent is None else f"{w.percent:.0f}%"
    rows.append(["Water", _mg(w.total_water_ml, "ml"), _mg(w.target_ml, "ml"), water_percent, ""])
    emit_table(rows, ["nutrient", "total", "target", "of target", "unknown in"])
    typer.echo(
        f"Drinks {_mg(w.fluids_ml, 'ml')}; water in food {_mg(w.food_water_ml, 'ml')}"
        + (f" (unknown for {w.food_unknown_items})" if w.food_unknown_items else "")
    )
    for warning in public.warnings:
        typer.secho(f"Warning: {warning.message}", err=True, fg=typer.colors.YELLOW)
    for gap in public.gaps:
        top = "; ".join(f"{s.name} ({s.portion}, {s.amount:,.0f} mg)" for s in gap.by_portion[:3])
        typer.echo(f"{gap.label}: {gap.missing:,.0f} mg to go. For example: {top}.")
    for note in public.gap_notes:  # what the health conditions on the profile change
        typer.echo(f"Note: {note.message}")


@command
def day(
    ctx: typer.Context,
    when: Annotated[str | None, typer.Argument(help="The day, YYYY-MM-DD (default today).")] = None,
    gaps: Annotated[bool, typer.Option("--gaps/--no-gaps", help="Foods to close gaps.")] = True,
    as_json: JsonOption = False,
) -> None:
    """A day's totals against your targets, with unknowns counted and foods to close gaps."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        the_day = parse_day(when, "DATE") or nutrition_service.today(owner=owner)
        public = nutrition_service.get_day(
            session=session, owner=owner, day=the_day, with_gaps=gaps
        )
    if as_json:
        emit_json(public)
    else:
        _echo_day(public)


def _echo_targets(found: Targets) -> None:
    typer.echo(f"{found.life_stage_label}")
    rows = []
    for nutrient in TARGET_NUTRIENTS:
        value = found.get(nutrient)
        unit = "ml" if nutrient == "water_ml" else "mg"
        mine = f"yours: {found.overridden[nutrient]}" if nutrient in found.overridden else ""
        rows.append([nutrient, _mg(value, unit), found.kinds.get(nutrient, ""), mine])
    limit = found.supplemental_magnesium_limit_mg
    rows.append(["supplemental_magnesium_limit_mg", _mg(limit) if limit else "not set", "UL", ""])
    emit_table(rows, ["target", "per day", "kind", ""])
    for note in found.notes:
        typer.echo(note)


@command
def targets(
    ctx: typer.Context,
    age: Annotated[
        float | None, typer.Option(help="Age in years (fractions for infants: 0.5).")
    ] = None,
    sex: Annotated[str | None, typer.Option(help="female or male.")] = None,
    pregnant: Annotated[bool, typer.Option("--pregnant", help="Pregnancy targets.")] = False,
    lactating: Annotated[bool, typer.Option("--lactating", help="Lactation targets.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Daily reference intakes (NASEM 2019, IOM 2004): for --age/--sex, or without them yours.

    JSON: {"magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg", "water_ml",
    "supplemental_magnesium_limit_mg"}; water_ml is total water, food included.
    """
    if age is None:
        if sex is not None or pregnant or lactating:
            raise Invalid(
                "Give --age with --sex, --pregnant or --lactating.", fields={"--age": "missing"}
            )
        cli = state(ctx)
        with cli.session() as session:
            found = nutrition_service.person_targets(session=session, owner=cli.owner(session))
    else:
        found = nutrition_service.reference_targets(
            age=age, sex=sex, pregnant=pregnant, lactating=lactating
        )
    if as_json:
        emit_json(found.contract())
    else:
        _echo_targets(found)


# ---------------------------------------------------------------------------- your own items


@dataclass(frozen=True)
class CatalogueCli:
    """How one of the person's catalogues (``catalog``) is listed and removed here."""

    catalogue: catalog.Catalogue[Any]
    public: type[BaseModel]
    """What ``--json`` prints of each item (the API's schema)."""
    columns: list[str]
    cells: Callable[[Any], list[Any]]
    """One item's row of the table, under ``columns``."""
    noun: str
    """One item, as the messages name it: "supplement", "food"."""
    stays: str
    """What was logged with an item and stays when it is removed: "doses", "entries"."""


SUPPLEMENTS = CatalogueCli(
    catalog.SUPPLEMENTS,
    SupplementPublic,
    ["id", "name", "unit", "magnesium_mg", "potassium_mg"],
    lambda p: [p.id, p.name, p.unit_name, p.nutrients["magnesium_mg"], p.nutrients["potassium_mg"]],
    "supplement",
    "doses",
)
CUSTOM_FOODS = CatalogueCli(
    catalog.CUSTOM_FOODS,
    CustomFoodPublic,
    ["id", "name", "kind", "basis"],
    lambda p: [p.id, p.name, p.kind, p.basis],
    "food",
    "entries",
)


def _list_own(ctx: typer.Context, spec: CatalogueCli, as_json: bool) -> None:
    """List a catalogue: a table, or with ``--json`` the items as a JSON list."""
    cli = state(ctx)
    with cli.session() as session:
        found = catalog.list_own(spec.catalogue, session=session, owner=cli.owner(session))
        public = [spec.public.model_validate(row) for row in found]
    if as_json:
        emit_json(public)
        return
    emit_table([spec.cells(p) for p in public], spec.columns)


def _delete_own(ctx: typer.Context, spec: CatalogueCli, row_id: int, yes: bool) -> None:
    """Remove one item of a catalogue (asking first unless ``yes``)."""
    cli = state(ctx)
    if not yes:
        typer.confirm(f"Remove {spec.noun} {row_id}?", abort=True)
    with cli.session() as session:
        catalog.delete_own(spec.catalogue, session=session, owner=cli.owner(session), row_id=row_id)
    typer.echo(f"Removed {spec.noun} {row_id}; {spec.stays} already logged stay.")


# ---------------------------------------------------------------------------- supplement


@supplement_app.command("add")
@command
def supplement_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="As on the label, e.g. 'Magnesium citrate'.")],
    unit: Annotated[
        str, typer.Option(help="What one dose unit is: tablet, capsule, sachet.")
    ] = "tablet",
    magnesium_mg: Annotated[float, typer.Option("--magnesium-mg", help="Per unit.")] = 0,
    potassium_mg: Annotated[float, typer.Option("--potassium-mg", help="Per unit.")] = 0,
    calcium_mg: Annotated[float, typer.Option("--calcium-mg", help="Per unit.")] = 0,
    sodium_mg: Annotated[float, typer.Option("--sodium-mg", help="Per unit.")] = 0,
    caffeine_mg: Annotated[float, typer.Option("--caffeine-mg", help="Per unit.")] = 0,
    volume_ml: Annotated[
        float | None, typer.Option("--volume-ml", help="For a drink: ml per unit (fluid).")
    ] = None,
    notes: Annotated[str, typer.Option(help="Free text.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Add a supplement with its label amounts per unit (minerals not on the label are 0)."""
    cli = state(ctx)
    supplement_in = SupplementCreate(
        name=name,
        unit_name=unit,
        magnesium_mg=magnesium_mg,
        potassium_mg=potassium_mg,
        calcium_mg=calcium_mg,
        sodium_mg=sodium_mg,
        caffeine_mg=caffeine_mg,
        volume_ml_per_unit=volume_ml,
        notes=notes,
    )
    with cli.session() as session:
        row = catalog.create_supplement(
            session=session, owner=cli.owner(session), supplement_in=supplement_in
        )
        public = SupplementPublic.model_validate(row)
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Added supplement {public.id}: {public.name} (per {public.unit_name}).")


@supplement_app.command("list")
@command
def supplement_list(
    ctx: typer.Context,
    builtin: Annotated[
        bool,
        typer.Option(
            "--builtin", help="The built-in ones instead (log them by name, no need to add)."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Your supplements with their amounts per unit (or, with --builtin, the built-in ones)."""
    if not builtin:
        _list_own(ctx, SUPPLEMENTS, as_json)
        return
    public = builtin_supplements.list_public()
    if as_json:
        emit_json(public.data)
        return
    rows = [
        [b.id, b.name, b.unit_name, b.nutrients["magnesium_mg"], b.nutrients["potassium_mg"]]
        for b in public.data
    ]
    emit_table(rows, ["id", "name", "unit", "magnesium_mg", "potassium_mg"])


@supplement_app.command("log")
@command
def supplement_log(
    ctx: typer.Context,
    supplement: Annotated[
        str, typer.Argument(help="Its name or number (supplement list), or a built-in name.")
    ],
    dose: Annotated[float, typer.Option(help="How many units (tablets...).")] = 1,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log a dose of one of your supplements or a built-in one ("magnesium citrate"); magnesium
    from supplements above your upper level gets a warning."""
    cli = state(ctx)
    with cli.session() as session:
        row = catalog.find_supplement(
            session=session, owner=cli.owner(session), name_or_id=supplement
        )
        food_id = catalog.supplement_food_id(row)
    _log(ctx, {"food": {"id": food_id}, "quantity": dose}, at, as_json)


@supplement_app.command("delete")
@command
def supplement_delete(
    ctx: typer.Context,
    supplement_id: Annotated[int, typer.Argument(help="Its number (supplement list).")],
    yes: YesOption = False,
) -> None:
    """Remove a supplement (doses already logged stay)."""
    _delete_own(ctx, SUPPLEMENTS, supplement_id, yes)


# ---------------------------------------------------------------------------- custom food


@custom_food_app.command("add")
@command
def custom_food_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name you will type when you log it.")],
    kind: Annotated[str, typer.Option(help="food or drink.")] = "food",
    per: Annotated[str, typer.Option(help="The label's basis: 100g, 100ml or serving.")] = "100g",
    serving_name: Annotated[
        str, typer.Option("--serving-name", help="e.g. bar, bottle.")
    ] = "serving",
    serving_g: Annotated[
        float | None, typer.Option("--serving-g", help="Grams per serving.")
    ] = None,
    serving_ml: Annotated[
        float | None, typer.Option("--serving-ml", help="ml per serving.")
    ] = None,
    energy_kcal: Annotated[float | None, typer.Option("--energy-kcal")] = None,
    magnesium_mg: Annotated[float | None, typer.Option("--magnesium-mg")] = None,
    potassium_mg: Annotated[float | None, typer.Option("--potassium-mg")] = None,
    calcium_mg: Annotated[float | None, typer.Option("--calcium-mg")] = None,
    sodium_mg: Annotated[float | None, typer.Option("--sodium-mg")] = None,
    caffeine_mg: Annotated[float | None, typer.Option("--caffeine-mg")] = None,
    water_g: Annotated[float | None, typer.Option("--water-g")] = None,
    as_json: JsonOption = False,
) -> None:
    """Add a food or drink from its label; amounts left out stay unknown (not zero)."""
    cli = state(ctx)
    food_in = CustomFoodCreate.model_validate(
        {
            "name": name,
            "kind": kind,
            "basis": {"100g": "per_100g", "100ml": "per_100ml"}.get(per, f"per_{per}"),
            "serving_name": serving_name,
            "serving_g": serving_g,
            "serving_ml": serving_ml,
            "energy_kcal": energy_kcal,
            "magnesium_mg": magnesium_mg,
            "potassium_mg": potassium_mg,
            "calcium_mg": calcium_mg,
            "sodium_mg": sodium_mg,
            "caffeine_mg": caffeine_mg,
            "water_g": water_g,
        }
    )
    with cli.session() as session:
        row = catalog.create_custom_food(session=session, owner=cli.owner(session), food_in=food_in)
        public = CustomFoodPublic.model_validate(row)
    if as_json:
        emit_json(public)
    else:
        example = f"1 {public.serving_name} {public.name}"
        typer.echo(f'Added {public.name} ({public.food_id}). Log it: nightcramps eat "{example}"')


@custom_food_app.command("list")
@command
def custom_food_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Your own foods and drinks."""
    _list_own(ctx, CUSTOM_FOODS, as_json)


@custom_food_app.command("delete")
@command
def custom_food_delete(
    ctx: typer.Context,
    custom_id: Annotated[int, typer.Argument(help="Its number (custom-food list).")],
    yes: YesOption = False,
) -> None:
    """Remove one of your foods (entries already logged stay)."""
    _delete_own(ctx, CUSTOM_FOODS, custom_id, yes)


# ---------------------------------------------------------------------------- intake


@intake_app.command("list")
@command
def intake_list(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Entries from one day to another (default today), oldest first."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        today = nutrition_service.today(owner=owner)
        first = parse_day(start, "--from")
        last = parse_day(end, "--to")
        entries = nutrition_service.list_entries(
            session=session, owner=owner, start=first or last or today, end=last or first or today
        )
        public = [IntakeEntryPublic.model_validate(e) for e in entries]
    if as_json:
        emit_json(public)
        return
    rows = [
        [p.id, timing.local(p.eaten_at, owner.tz).strftime("%Y-%m-%d %H:%M"), p.kind, p.description]
        for p in public
    ]
    emit_table(rows, ["id", "when", "kind", "what"])


@intake_app.command("edit")
@command
def intake_edit(
    ctx: typer.Context,
    entry_id: Annotated[int, typer.Argument(help="The entry's number (intake list).")],
    quantity: Annotated[float | None, typer.Option(help="New amount (nutrients scale).")] = None,
    phrase: Annotated[str | None, typer.Option(help="A new food and amount.")] = None,
    at: AtOption = None,
    meal: MealOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change an entry; only the options given change."""
    cli = state(ctx)
    with cli.session() as session:
        owner = cli.owner(session)
        raw = {"quantity": quantity, "phrase": phrase, "at": _parse_at(at, owner), "meal": meal}
        entry_in = IntakeUpdate.model_validate({k: v for k, v in raw.items() if v is not None})
        entry = nutrition_service.update_entry(
            session=session, owner=owner, entry_id=entry_id, entry_in=entry_in
        )
        public = IntakeEntryPublic.model_validate(entry)
    if as_json:
        emit_json(public)
    else:
        typer.echo(f"Updated #{public.id}: {public.description} on {public.day}.")


@intake_app.command("delete")
@command
def intake_delete(
    ctx: typer.Context,
    entry_id: Annotated[int, typer.Argument(help="The entry's number.")],
    yes: YesOption = False,
) -> None:
    """Delete an entry (`intake restore ID` brings it back)."""
    cli = state(ctx)
    if not yes:
        typer.confirm(f"Delete entry {entry_id}?", abort=True)
    with cli.session() as session:
        nutrition_service.delete_entry(session=session, owner=cli.owner(session), entry_id=entry_id)
    typer.echo(f"Deleted entry {entry_id}. Undo with: nightcramps intake restore {entry_id}")


@intake_app.command("restore")
@command
def intake_restore(
    ctx: typer.Context, entry_id: Annotated[int, typer.Argument(help="The entry's number.")]
) -> None:
    """Undo the deletion of an entry."""
    cli = state(ctx)
    with cli.session() as session:
        nutrition_service.restore_entry(
            session=session, owner=cli.owner(session), entry_id=entry_id
        )
    typer.echo(f"Restored entry {entry_id}.")


@intake_app.command("repeat")
@command
def intake_repeat(
    ctx: typer.Context,
    meal: Annotated[str, typer.Argument(help="breakfast, lunch, afternoon, dinner or late.")],
    from_day: Annotated[str | None, typer.Option("--from", help="Default: yesterday.")] = None,
    to_day: Annotated[str | None, typer.Option("--to", help="Default: today.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Log again a meal of an earlier day ("repeat yesterday's breakfast")."""
    cli = state(ctx)
    with cli.session() as session:
        copies = shortcuts.repeat_meal(
            session=session,
            owner=cli.owner(session),
            meal=meal,
            from_day=parse_day(from_day, "--from"),
            to_day=parse_day(to_day, "--to"),
        )
        public = [IntakeEntryPublic.model_validate(e) for e in copies]
    if as_json:
        emit_json(public)
    else:
        typer.echo(
            f"Logged {len(public)} item(s) again: " + "; ".join(p.description for p in public)
        )


# ---------------------------------------------------------------------------- target


@target_app.command("set")
@command
def target_set(
    ctx: typer.Context,
    nutrient: Annotated[str, typer.Argument(help=f"One of: {', '.join(TARGET_NUTRIENTS)}.")],
    value: Annotated[float, typer.Argument(help="Per day (mg, or ml for water_ml).")],
    note: Annotated[str, typer.Option(help="Why, e.g. 'Dr Rao, March 2026'.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Use your own daily target (e.g. on a doctor's advice) instead of the reference one."""
    cli = state(ctx)
    with cli.session() as session:
        found = nutrition_service.set_target_override(
            session=session,
            owner=cli.owner(session),
            nutrient=nutrient,
            override_in=TargetOverrideIn(value=value, note=note),
        )
    if as_json:
        emit_json(found.contract())
    else:
        _echo_targets(found)


@target_app.command("clear")
@command
def target_clear(
    ctx: typer.Context,
    nutrient: Annotated[str, typer.Argument(help=f"One of: {', '.join(TARGET_NUTRIENTS)}.")],
) -> None:
    """Go back to the reference intake for one nutrient."""
    cli = state(ctx)
    with cli.session() as session:
        nutrition_service.clear_target_override(
            session=session, owner=cli.owner(session), nutrient=nutrient
        )
    typer.echo(f"{nutrient}: back to the reference intake.")

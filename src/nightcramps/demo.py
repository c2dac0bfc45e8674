"""The demo person of `nightcramps demo`: a profile, nights in the diary, and the days before them.

The days (fluids, minerals, steps, stretching, …) and which nights had cramps come from the
insights simulator (`insights/simulate.py`), whose simulated person has one real trigger — days
under 1.5 L of fluid double the odds of a cramp night — so the insights page has something to find
while most factors honestly show no clear link or not enough data. Nights are logged in the diary
with detailed cramps; the day-level values go in through the daily-CSV import, as a person's
spreadsheet would.

The person has a profile (birth year, sex and the demo's time zone), so the Food pages show
targets, and on every day the simulator knows their food they log everyday foods and drinks with
the phrases `nightcramps eat`/`drink` take. Each day's menu is chosen to come close to that
day's simulated fluids, caffeine, magnesium and potassium: the logged entries are the detailed
values the insights use (a detailed value wins over an imported one, ``dailyvalues.frame``), so
the simulated trigger and the day-to-day variation survive. Days the simulator leaves without
food stay without entries, so "unknown" days stay visible.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time

import numpy as np
from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.schemas import ProfileUpdate
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.csvfile import DailyRow, write_daily_csv
from nightcramps.diary.demo import log_demo_night
from nightcramps.errors import NightcrampsError
from nightcramps.foods import service as foods_service
from nightcramps.insights import simulate
from nightcramps.nutrition import service as nutrition_service
from nightcramps.nutrition.schemas import IntakeCreate
from nightcramps.owner import Owner

log = logging.getLogger(__name__)

NIGHT_COLUMNS = frozenset({"cramps", "worst_severity_0_10"})

DEMO_AGE = 61
"""The demo person's age in the year of the last demo night: night cramps are most common from
middle age on (Allen RE, Kirby KA. Nocturnal leg cramps. Am Fam Physician 2012;86(4):350-355)."""
DEMO_SEX = "female"

BREAKFASTS = (
    ("1 cup cooked oatmeal", "1 medium banana"),
    ("2 slices whole wheat bread", "2 tbsp peanut butter"),
    ("1 cup plain yogurt", "1 cup strawberries"),
    ("2 large eggs", "2 slices whole wheat bread"),
    ("1 cup cooked oatmeal", "1 cup blueberries"),
    ("1 large egg", "1 slice whole wheat bread"),
)
"""Breakfasts (about 07:30): one is eaten on every day with food entries."""
LUNCHES = (
    ("1 cup lentil soup", "1 slice whole wheat bread"),
    ("150 g chicken breast", "1 cup mixed salad", "1 medium tomato"),
    ("1 cup tomato soup", "30 g cheddar cheese", "1 slice whole wheat bread"),
    ("100 g tofu", "1 cup cooked white rice"),
    ("2 tbsp hummus", "1 medium carrot", "1 slice whole wheat bread"),
    ("1 cup tomato soup", "1 slice whole wheat bread"),
)
DINNERS = (
    ("150 g salmon", "1 cup cooked rice", "1 cup cooked broccoli"),
    ("150 g beef steak", "150 g baked potato", "1 cup cooked green beans"),
    ("1 cup cooked pasta", "1 cup cooked carrots"),
    ("150 g chicken breast", "1 medium baked sweet potato", "1 cup mixed salad"),
    ("1 cup cooked chickpeas", "1 cup cooked white rice"),
)
MAGNESIUM_RICH = (
    "1 cup cooked spinach",
    "28 g almonds",
    "2 tbsp pumpkin seeds",
    "1 cup cooked black beans",
    "30 g dark chocolate",
    "1 cup cooked quinoa",
    "30 g cashews",
    "1 cup edamame",
    "30 g sunflower seeds",
)
"""Snacks and sides (about 16:00) for a day short of its simulated magnesium."""
POTASSIUM_RICH = (
    "1 medium banana",
    "1 medium baked potato",
    "1 cup cooked lentils",
    "2 kiwifruit",
    "1 medium apple",
    "1 cup grapes",
)
"""Snacks and sides (about 16:00) for a day short of its simulated potassium."""
COFFEE = "1 cup of coffee"
TEA = "1 cup of tea"
MILK = "1 cup milk"
JUICE = "200 ml orange juice"
WATER = ("500 ml water", "250 ml water", "100 ml water")
"""Water, largest first: glasses fill the day up to its simulated fluid."""
SUPPLEMENT = "3 tablets magnesium citrate"
"""300 mg of magnesium (the built-in citrate tablet holds 100 mg): the simulator's supplement."""

DRINKS = frozenset({COFFEE, TEA, MILK, JUICE, *WATER})
"""The phrases logged as drinks (their volume counts toward fluids)."""

FOOD_PHRASES: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *(p for meal in BREAKFASTS + LUNCHES + DINNERS for p in meal),
            *MAGNESIUM_RICH,
            *POTASSIUM_RICH,
            COFFEE,
            TEA,
            MILK,
            JUICE,
            *WATER,
        ]
    )
)
"""Every food and drink phrase the demo logs (the supplement apart): each must resolve in the food
database (``foods_service.lookup``); a test checks it, so a change of the food search that breaks
one fails there rather than thinning the demo."""

SUPPLEMENT_MG = 300.0
SUPPLEMENT_FROM_MG = 460.0
"""A simulated day's magnesium from which it holds the supplement's 300 mg (the simulator adds it
to food magnesium of about 220-340 mg; below this the day is taken as food alone)."""
CAFFEINE_MG = {COFFEE: 95.0, TEA: 47.0}
"""Rough caffeine of a cup, to choose how many cups match the simulated caffeine (the entries
themselves carry the food database's values)."""
UNLOGGED_FOOD_DAYS = 0.05
"""Share of the days with simulated food values that get no entries all the same (their imported
values still count): with the simulator's days without food, about 85% of days have entries."""
MEAL_SHARES = (0.25, 0.3, 0.35)
"""The shares of a day's simulated magnesium and potassium, less its drinks', that breakfast,
lunch and dinner aim at; the additions make up the rest."""
MAX_TOP_UPS = 5
"""At most this many magnesium-rich and potassium-rich additions per day."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What the demo logged."""

    nights: int
    cramp_nights: int
    days_with_values: int
    days_with_food: int = 0
    food_entries: int = 0
    refused: tuple[str, ...] = ()
    """Phrases the food lookup refused (not logged; also logged as warnings)."""


@dataclass(frozen=True, slots=True)
class DemoFood:
    """What :func:`log_demo_food` logged."""

    days_with_food: int
    food_entries: int
    refused: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Item:
    """A resolved phrase: the food and amount the lookup read, and what it adds to a day."""

    food_id: str
    quantity: float
    unit: str
    magnesium_mg: float
    potassium_mg: float
    fluid_ml: float


@dataclass(slots=True)
class _Menu:
    """The phrases that resolved, and the phrases refused, of one demo."""

    items: dict[str, _Item] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    def get(self, phrase: str) -> _Item | None:
        """The phrase's item; a refused phrase is warned about once and then left out."""
        if phrase in self.items:
            return self.items[phrase]
        if phrase in self.refused:
            return None
        try:
            amount = foods_service.amount_of(phrase)
        except NightcrampsError as exc:
            self.refuse(phrase, exc)
            return None
        n = amount.nutrients
        drink = amount.volume_ml is not None and phrase in DRINKS
        item = _Item(
            food_id=amount.food.id,
            quantity=amount.quantity,
            unit=amount.unit,
            magnesium_mg=n.magnesium_mg or 0.0,
            potassium_mg=n.potassium_mg or 0.0,
            fluid_ml=(amount.volume_ml or 0.0) if drink else 0.0,
        )
        self.items[phrase] = item
        return item

    def refuse(self, phrase: str, exc: NightcrampsError) -> None:
        """Note a refused phrase: the demo goes on without it, but says so."""
        if phrase not in self.refused:
            self.refused.append(phrase)
            log.warning("The demo could not log %r: %s", phrase, exc.message)


@dataclass(slots=True)
class _Day:
    """One day's planned entries and their running totals."""

    menu: _Menu
    entries: list[tuple[time, str]] = field(default_factory=list)
    magnesium_mg: float = 0.0
    potassium_mg: float = 0.0
    fluid_ml: float = 0.0

    def add(self, clock: time, phrase: str, *, fluid_up_to: float | None = None) -> None:
        """Plan ``phrase`` at ``clock``; a drink only while the fluid stays within about 50 ml
        of ``fluid_up_to``."""
        item = self.menu.get(phrase)
        if item is None:
            return
        if fluid_up_to is not None and self.fluid_ml + item.fluid_ml > fluid_up_to + 50:
            return
        self.entries.append((clock, phrase))
        self.magnesium_mg += item.magnesium_mg
        self.potassium_mg += item.potassium_mg
        self.fluid_ml += item.fluid_ml


def _clock(rng: random.Random, hour: int, spread_min: int = 45) -> time:
    minutes = hour * 60 + rng.randrange(0, spread_min, 5)
    return time(minutes // 60, minutes % 60)


def plan_day(values: dict[str, float], rng: random.Random, menu: _Menu) -> list[tuple[time, str]]:
    """A day's entries (clock time, phrase) that come close to its simulated values.

    Caffeine sets the cups of coffee and tea, and water fills the drinks up to the simulated
    fluid; a day whose magnesium holds the simulator's supplement gets the supplement; three
    meals from the lists aim at their shares of the magnesium and potassium the drinks leave,
    and magnesium- and potassium-rich additions make up what is still missing.
    """
    day = _Day(menu)
    fluid = values.get("fluid_ml", 0.0)
    caffeine = values.get("caffeine_mg", 0.0)
    coffees = min(3, int(caffeine // CAFFEINE_MG[COFFEE]))
    for hour in (7, 10, 14)[:coffees]:
        day.add(_clock(rng, hour), COFFEE, fluid_up_to=fluid)
    if caffeine - coffees * CAFFEINE_MG[COFFEE] >= CAFFEINE_MG[TEA] / 2:
        day.add(_clock(rng, 15), TEA, fluid_up_to=fluid)
    if rng.random() < 0.4:
        day.add(_clock(rng, 7), rng.choice((MILK, JUICE)), fluid_up_to=fluid)
    _fill_water(day, fluid, rng)  # before the food: tap water holds some magnesium
    magnesium = values.get("magnesium_mg", 0.0)
    if magnesium >= SUPPLEMENT_FROM_MG:
        day.entries.append((_clock(rng, 21), SUPPLEMENT))
        magnesium -= SUPPLEMENT_MG
    potassium = values.get("potassium_mg", 0.0)
    food_mg, food_k = magnesium - day.magnesium_mg, potassium - day.potassium_mg
    for (hour, meals), share in zip(
        ((7, BREAKFASTS), (12, LUNCHES), (18, DINNERS)), MEAL_SHARES, strict=True
    ):
        for phrase in _choose_meal(meals, menu, share * food_mg, share * food_k, rng):
            day.add(_clock(rng, hour), phrase)
    _top_up(day, magnesium, potassium, rng)
    return sorted(day.entries)


def _miss(mg: float, k: float, magnesium_mg: float, potassium_mg: float) -> float:
    """How far ``mg`` and ``k`` are from the aims, as shares of them; magnesium counts twice,
    the mineral the insights ask about first."""
    return 2 * abs(mg - magnesium_mg) / max(magnesium_mg, 1.0) + abs(k - potassium_mg) / max(
        potassium_mg, 1.0
    )


def _top_up(day: _Day, magnesium_mg: float, potassium_mg: float, rng: random.Random) -> None:
    """Add the snacks and sides that bring the day nearest to its magnesium and potassium, one
    at a time while one still brings it nearer (at most ``MAX_TOP_UPS``), never taking magnesium
    more than 10 mg past its aim: a low day stays as low as it was simulated."""

    def error(mg: float, k: float) -> float:
        return _miss(mg, k, magnesium_mg, potassium_mg)

    candidates = list(dict.fromkeys(MAGNESIUM_RICH + POTASSIUM_RICH))
    rng.shuffle(candidates)  # ties (and the order of near ones) go differently each day
    for _ in range(MAX_TOP_UPS):
        now = error(day.magnesium_mg, day.potassium_mg)
        scored = []
        for phrase in candidates:
            item = day.menu.get(phrase)
            if item is not None and day.magnesium_mg + item.magnesium_mg <= magnesium_mg + 10:
                after = error(
                    day.magnesium_mg + item.magnesium_mg, day.potassium_mg + item.potassium_mg
                )
                scored.append((after, phrase))
        if not scored or min(scored)[0] >= now:
            return
        best = min(scored)[1]
        candidates.remove(best)
        day.add(_clock(rng, 16, 90), best)


def _choose_meal(
    meals: tuple[tuple[str, ...], ...],
    menu: _Menu,
    magnesium_mg: float,
    potassium_mg: float,
    rng: random.Random,
) -> tuple[str, ...]:
    """The meal nearest to a meal's share of the day's magnesium and potassium (the next nearest
    three times in ten, for variety), so that a low day can stay low: the additions only add."""

    def distance(meal: tuple[str, ...]) -> float:
        items = [item for item in map(menu.get, meal) if item is not None]
        mg = sum(item.magnesium_mg for item in items)
        k = sum(item.potassium_mg for item in items)
        return _miss(mg, k, magnesium_mg, potassium_mg)

    ranked = sorted(meals, key=distance)
    return ranked[1] if len(ranked) > 1 and rng.random() >= 0.7 else ranked[0]


def _fill_water(day: _Day, fluid_ml: float, rng: random.Random) -> None:
    """Glasses of water until the day's drinks are within about 50 ml of ``fluid_ml``."""
    hours = iter((9, 11, 13, 15, 17, 19, 20, 21) * 3)
    for phrase in WATER:
        item = day.menu.get(phrase)
        if item is None or item.fluid_ml <= 0:
            continue
        while day.fluid_ml + item.fluid_ml <= fluid_ml + 50:
            day.add(_clock(rng, next(hours, 21)), phrase, fluid_up_to=fluid_ml)


def set_demo_profile(*, session: Session, owner: Owner, last: date) -> None:
    """Give the demo person a birth year, a sex and the demo's time zone, as the profile does."""
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    profile_in = ProfileUpdate(birth_year=last.year - DEMO_AGE, sex=DEMO_SEX, timezone=owner.tz.key)
    accounts_service.update_profile(session=session, person=person, profile_in=profile_in)


def log_demo_food(*, session: Session, owner: Owner, days: list[DailyRow], seed: int) -> DemoFood:
    """Log food and drink on each of ``days`` that holds simulated food values.

    Entries go in through ``nutrition_service.log_intake``, as `nightcramps eat`/`drink` do. A
    phrase the lookup refuses is left out with a warning and named in ``refused``; a moment that
    is still to come (the last day, when the demo runs during it) is not logged.
    """
    rng = random.Random(f"{seed}:food")  # apart from the nights' generator, which stays as it was
    menu = _Menu()
    now = timing.utcnow()
    days_with_food = entries = 0
    for row in days:
        if "magnesium_mg" not in row.values or rng.random() < UNLOGGED_FOOD_DAYS:
            continue
        logged = 0
        for clock, phrase in plan_day(row.values, rng, menu):
            moment = timing.moment_in_day(row.day, clock, owner)
            if moment > now:
                continue
            logged += _log_one(session, owner, phrase, moment, menu)
        days_with_food += logged > 0
        entries += logged
    return DemoFood(days_with_food, entries, tuple(menu.refused))


def _log_one(session: Session, owner: Owner, phrase: str, moment: datetime, menu: _Menu) -> int:
    """Log ``phrase`` at ``moment`` as `eat`/`drink` would; 1 if logged, 0 if refused.

    A food phrase goes in as the food and amount its lookup read (``menu``), with the phrase as
    the entry's description, as the Food page's picker sends one: the same entry as the phrase
    itself gives (a test checks it), without searching the food database again for each of the
    demo's thousand-odd entries. The supplement goes in as its phrase.
    """
    item = menu.items.get(phrase)
    data: dict[str, object] = {"description": phrase, "at": moment}
    if item is not None:
        data |= {"food": {"id": item.food_id}, "quantity": item.quantity, "unit": item.unit}
        data["kind"] = "drink" if phrase in DRINKS else "food"
    try:
        intake_in = IntakeCreate.model_validate(data)
        nutrition_service.log_intake(session=session, owner=owner, intake_in=intake_in)
    except NightcrampsError as exc:
        menu.refuse(phrase, exc)
        return 0
    return 1


def fill_demo(
    *, session: Session, owner: Owner, last: date, nights: int = 90, seed: int = 2026
) -> DemoSummary:
    """Log a simulated person's last ``nights`` logged nights up to ``last``, their days, their
    profile and their food and drink.

    Like a real diary the simulated one has gaps, so it is simulated over twice the span and the
    most recent ``nights`` nights with an answer are kept (with the days between them).
    """
    spec = simulate.PersonSpec(nights=2 * nights)
    person = simulate.simulate_person(np.random.default_rng(seed), spec, last=last)
    answered = [row.day for row in person.rows if row.values.get("cramps") is not None]
    first = sorted(answered)[-nights] if len(answered) >= nights else min(answered, default=last)
    rows = [row for row in person.rows if row.day >= first]
    rng = random.Random(seed)
    logged = cramp_nights = 0
    for row in rows:
        count = row.values.get("cramps")
        if count is None:
            continue
        log_demo_night(session=session, owner=owner, day=row.day, cramps=int(count), rng=rng)
        logged += 1
        cramp_nights += count > 0
    days = [
        DailyRow(
            day=row.day, values={k: v for k, v in row.values.items() if k not in NIGHT_COLUMNS}
        )
        for row in rows
    ]
    days = [row for row in days if row.values]
    dailyvalues_service.import_daily_csv(session=session, owner=owner, text=write_daily_csv(days))
    set_demo_profile(session=session, owner=owner, last=last)
    food = log_demo_food(session=session, owner=owner, days=days, seed=seed)
    return DemoSummary(
        nights=logged,
        cramp_nights=cramp_nights,
        days_with_values=len(days),
        days_with_food=food.days_with_food,
        food_entries=food.food_entries,
        refused=food.refused,
    )

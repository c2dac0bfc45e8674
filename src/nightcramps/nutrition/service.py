"""Intake logging, targets and the day view. No HTTP and no terminal: pages, API and CLI call
these. Every call is scoped to ``owner``; ids of another person's rows are "not found".

Other features use :func:`daily_factors` (insights) and :func:`person_targets`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.accounts import service as accounts_service
from nightcramps.conditions import Conditions
from nightcramps.daylog import service as daylog_service
from nightcramps.errors import Invalid, NotFound
from nightcramps.nutrition import (
    builtin_supplements,
    catalog,
    cautions,
    guidance,
    medicine_magnesium,
    portions,
    rows,
    totals,
)
from nightcramps.nutrition import constants as c
from nightcramps.nutrition import gaps as gaps_module
from nightcramps.nutrition.models import (
    CustomFood,
    IntakeEntry,
    Supplement,
    TargetOverride,
)
from nightcramps.nutrition.portions import Portion
from nightcramps.nutrition.schemas import (
    Advice,
    DayPublic,
    IntakeCreate,
    IntakeEntryPublic,
    IntakeLogged,
    IntakeSeries,
    IntakeUpdate,
    TargetOverrideIn,
    TargetsPublic,
)
from nightcramps.nutrition.targets import TARGET_NUTRIENTS, Targets, targets_for, unknown_targets
from nightcramps.owner import Owner
from nightcramps.storage import owned
from nightcramps.timing import utcnow

FUTURE_SLACK = timing.FUTURE_TOLERANCE
MAX_RANGE_DAYS = timing.MAX_RANGE_DAYS

FIRST_YEAR, LAST_YEAR = timing.EARLIEST_YEAR, timing.LATEST_YEAR

FACTOR_KEYS = (
    "fluid_ml",
    "magnesium_mg",
    "potassium_mg",
    "calcium_mg",
    "sodium_mg",
    "alcohol_drinks",
    "caffeine_mg",
)
"""The keys of :func:`daily_factors`, fixed: the insights feature relies on them (in the order of
``factors.names("food")``)."""

SUMMED_NUTRIENTS = ("magnesium_mg", "potassium_mg", "calcium_mg", "sodium_mg", "caffeine_mg")
"""The factors of :func:`daily_factors` that are a day's sum of one nutrient of its entries."""

# ---------------------------------------------------------------------------- time


def today(*, owner: Owner, now: datetime | None = None) -> date:
    """The person's current day (see :func:`nightcramps.timing.day_of`: before the day starts,
    at 00:30, it is still the day before)."""
    return timing.today(owner, now)


def _local_moment(value: datetime, owner: Owner) -> datetime:
    """A typed time: naive values are in the person's zone, aware ones kept."""
    return timing.local_moment(value, owner.tz)


def meal_for(moment: datetime, *, owner: Owner) -> str:
    """The meal a moment falls in by the person's clock (see ``constants.MEAL_WINDOWS``)."""
    hour = timing.local(moment, owner.tz).hour
    hour = hour + 24 if hour < c.MEAL_WINDOWS[0][1] else hour
    for name, start, end in c.MEAL_WINDOWS:
        if start <= hour < end:
            return name
    return "late"


def when(at: datetime | None, owner: Owner, now: datetime | None) -> datetime:
    """The moment of an entry (default now), refused when in the future or out of range."""
    moment = _local_moment(at, owner) if at is not None else (now or utcnow())
    check_day(moment.date())
    if moment > (now or utcnow()) + FUTURE_SLACK:
        raise Invalid(
            f"{timing.local(moment, owner.tz):%Y-%m-%d %H:%M} is in the future; log what you have "
            "already eaten or drunk.",
            fields={"at": "is in the future"},
        )
    return moment


# ---------------------------------------------------------------------------- targets


def reference_targets(
    *, age: float, sex: str | None, pregnant: bool = False, lactating: bool = False
) -> Targets:
    """The NASEM/IOM reference intakes for a life stage (see :func:`targets.targets_for`)."""
    return targets_for(age, sex, pregnant, lactating)


def _overrides(session: Session, owner: Owner) -> dict[str, tuple[float, str]]:
    rows = session.scalars(
        select(TargetOverride).where(TargetOverride.person_id == owner.person_id)
    )
    return {row.nutrient: (float(row.value), row.note) for row in rows}


def person_targets(
    *,
    session: Session,
    owner: Owner,
    on: date | None = None,
    conditions: Conditions | None = None,
) -> Targets:
    """The person's daily targets: from their age, sex and pregnancy, then their own overrides.

    With no birth year (or no sex from age 9) the table targets are unknown (None), but a
    target the person set themselves still applies. Their health conditions (``conditions``,
    read from the profile and medicines when not given) can remove the potassium target from
    the tables and cap the water target at a fluid limit (``cautions``).
    """
    person = accounts_service.get_person(session=session, person_id=owner.person_id)
    profile = accounts_service.to_profile_public(person, today_year=(on or today(owner=owner)).year)
    if conditions is None:
        conditions = accounts_service.conditions_for(session=session, owner=owner)
    if profile.age is None or (profile.sex is None and profile.age >= 9):
        base = unknown_targets()
    else:
        try:
            base = targets_for(profile.age, profile.sex, profile.pregnant, profile.lactating)
        except Invalid as exc:
            base = unknown_targets(f"Your profile cannot be matched to a life stage: {exc.message}")
    base = cautions.adjust_targets(base, conditions)
    targets = base.with_overrides(_overrides(session, owner))
    return cautions.within_fluid_limit(targets, conditions)


def set_target_override(
    *, session: Session, owner: Owner, nutrient: str, override_in: TargetOverrideIn
) -> Targets:
    """Use the person's own daily target for ``nutrient`` (e.g. on a doctor's advice).

    Raises:
        Invalid: ``nutrient`` is not one with a target.
    """
    _check_target_nutrient(nutrient)
    row = session.scalars(
        select(TargetOverride).where(
            TargetOverride.person_id == owner.person_id, TargetOverride.nutrient == nutrient
        )
    ).one_or_none()
    if row is None:
        row = TargetOverride(person_id=owner.person_id, nutrient=nutrient)
        session.add(row)
    row.value = Decimal(str(round(override_in.value, 1)))
    row.note = override_in.note
    session.flush()
    return person_targets(session=session, owner=owner)


def clear_target_override(*, session: Session, owner: Owner, nutrient: str) -> Targets:
    """Go back to the reference intake for ``nutrient``."""
    _check_target_nutrient(nutrient)
    row = session.scalars(
        select(TargetOverride).where(
            TargetOverride.person_id == owner.person_id, TargetOverride.nutrient == nutrient
        )
    ).one_or_none()
    if row is None:
        raise NotFound(f"You have not set your own {nutrient} target; nothing to clear.")
    session.delete(row)
    session.flush()
    return person_targets(session=session, owner=owner)


def _check_target_nutrient(nutrient: str) -> None:
    if nutrient not in TARGET_NUTRIENTS:
        raise Invalid(
            f"{nutrient!r} has no daily target; choose one of {', '.join(TARGET_NUTRIENTS)}.",
            fields={"nutrient": "unknown"},
        )


# ---------------------------------------------------------------------------- logging


def _check_own_drinkable(own: portions.OwnFood, kind: str) -> None:
    """Refuse one of the person's own foods (kind "food") logged as a drink."""
    if kind == "drink" and own.kind == "food":
        raise Invalid(
            f"{own.name} is one of your foods, not a drink, so it does not count toward "
            "fluids. Log it as food (`nightcramps eat`, 'food' on the page, \"kind\": "
            '"food" in the API), or add it again as a drink (custom-food add --kind drink).',
            fields={"kind": "not a drink: log it as food"},
            log_as="food",  # the web page logs it as food instead (nutrition.routes.day)
            food_name=own.name,
        )


def _portion(session: Session, owner: Owner, intake_in: IntakeCreate) -> tuple[Portion, str]:
    """What ``intake_in`` logs, and its kind. Raises before anything is written."""
    if intake_in.supplement_id is not None:
        row = catalog.get_supplement(
            session=session, owner=owner, supplement_id=intake_in.supplement_id
        )
        dose = 1.0 if intake_in.quantity is None else intake_in.quantity
        return portions.own_portion(
            catalog.own_food(row), dose, intake_in.unit or row.unit_name
        ), "supplement"
    if builtin_supplements.is_builtin_ref(intake_in.food_id):
        assert intake_in.food_id is not None
        builtin = builtin_supplements.get_builtin(intake_in.food_id)
        dose = 1.0 if intake_in.quantity is None else intake_in.quantity
        own = builtin_supplements.own_food(builtin)
        return portions.own_portion(own, dose, intake_in.unit or builtin.unit), "supplement"
    if intake_in.food_id is not None:
        source, _, key = intake_in.food_id.partition(":")
        if source == "custom":
            if not key.isdigit():
                raise NotFound(
                    f"There is no food {intake_in.food_id!r}.", fields={"food_id": "unknown"}
                )
            food = catalog.get_custom_food(session=session, owner=owner, custom_id=int(key))
            own = catalog.own_food(food)
            kind = intake_in.kind or food.kind
            _check_own_drinkable(own, kind)
            assert intake_in.quantity is not None and intake_in.unit is not None  # schema checks
            return portions.own_portion(own, intake_in.quantity, intake_in.unit), kind
        if intake_in.reads_amount:  # a food chosen among those offered, with the amount typed
            assert intake_in.label is not None
            return portions.chosen_entry(intake_in.label, intake_in.food_id, kind=intake_in.kind)
        assert intake_in.quantity is not None and intake_in.unit is not None  # schema checks
        return portions.food_id_entry(
            intake_in.food_id, intake_in.quantity, intake_in.unit, kind=intake_in.kind
        )
    assert intake_in.phrase is not None
    own_rows: list[CustomFood | Supplement] = [
        *catalog.list_supplements(session=session, owner=owner),
        *catalog.list_custom_foods(session=session, owner=owner),
    ]
    # The person's own items first, so that their own supplement of a built-in's name wins.
    matched = portions.match_own(
        intake_in.phrase, [catalog.own_food(r) for r in own_rows]
    ) or portions.match_own(intake_in.phrase, builtin_supplements.own_foods())
    if matched is not None:
        own, quantity, unit = matched
        own = builtin_supplements.canonical(own)
        kind = "supplement" if own.kind == "supplement" else (intake_in.kind or own.kind)
        _check_own_drinkable(own, kind)
        return portions.own_portion(own, quantity, unit), kind
    return portions.lookup_entry(intake_in.phrase, kind=intake_in.kind)


def _apply_portion(entry: IntakeEntry, portion: Portion) -> None:
    entry.description = portion.description[:300]
    entry.food_ref = portion.food_ref
    entry.food_name = portion.food_name[:300]
    entry.quantity = rows.to_decimal(portion.quantity)
    entry.unit = None if portion.unit is None else portion.unit[:80]
    entry.grams = rows.to_decimal(portion.grams, 2)
    entry.volume_ml = rows.to_decimal(portion.volume_ml, 2)
    rows.store_amounts(entry, portion.nutrients)


def log_intake(
    *, session: Session, owner: Owner, intake_in: IntakeCreate, now: datetime | None = None
) -> IntakeEntry:
    """Log food, drink or a supplement dose on the person's local date of its time.

    The food is found first (own foods and supplements by name, then the food database); its
    nutrients for the amount are stored with the entry. Nothing is written when it fails.

    Raises:
        NotFound: no food matches (the message suggests near ones), or an unknown id.
        Invalid: an unreadable phrase, a reading less sure than ``ASK_BELOW_CONFIDENCE`` (with
            the foods it may be in ``extra["alternatives"]``: see :mod:`.choices`), an
            impossible amount ("-2 cups", "9000 bananas"), a unit that does not fit the food,
            or a time in the future.
    """
    return _log(session, owner, intake_in, now)[0]


def log_intake_answer(
    *, session: Session, owner: Owner, intake_in: IntakeCreate, now: datetime | None = None
) -> IntakeLogged:
    """Log as :func:`log_intake` does, and answer as a write answers (API and CLI): the entry
    with its day's warnings, what was assumed for an amount not typed, and how sure the reading
    of a typed description was."""
    entry, portion = _log(session, owner, intake_in, now)
    answer = logged_entry(session=session, owner=owner, entry=entry, now=now)
    answer.assumed = portion.assumed
    answer.confidence = None if portion.confidence is None else round(portion.confidence, 2)
    return answer


def _log(
    session: Session, owner: Owner, intake_in: IntakeCreate, now: datetime | None
) -> tuple[IntakeEntry, Portion]:
    moment = when(intake_in.at, owner, now)
    portion, kind = _portion(session, owner, intake_in)
    entry = IntakeEntry(
        person_id=owner.person_id,
        day=timing.day_of(moment, owner),
        eaten_at=moment,
        meal=intake_in.meal or meal_for(moment, owner=owner),
        kind=kind,
        source=intake_in.source,
    )
    _apply_portion(entry, portion)
    if intake_in.label is not None:  # a description sent with its food: how the entry reads
        entry.description = intake_in.label[:300]
    session.add(entry)
    session.flush()
    return entry, portion


def get_entry(
    *, session: Session, owner: Owner, entry_id: int, deleted: bool = False
) -> IntakeEntry:
    """One entry of this person, live (or deleted, with ``deleted``); another person's entry
    is reported as not found."""
    missing = "There is no intake entry number {id}."
    return owned.get_owned(session, IntakeEntry, entry_id, owner, missing=missing, deleted=deleted)


def check_day(day: date) -> None:
    """Refuse a day outside 1900-2999 (a typing error) with how to fix it."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Invalid(
            f"{day.isoformat()} is not a day you can have logged; give a date from "
            f"{FIRST_YEAR} to {LAST_YEAR} as YYYY-MM-DD.",
            fields={"day": "out of range"},
        )


def _check_range(start: date, end: date) -> None:
    timing.check_range(start, end)


def list_entries(
    *, session: Session, owner: Owner, start: date, end: date
) -> Sequence[IntakeEntry]:
    """The person's entries on days ``start`` to ``end`` inclusive, oldest first."""
    _check_range(start, end)
    return _entries(session, owner, start, end)


def _entries(session: Session, owner: Owner, start: date, end: date) -> Sequence[IntakeEntry]:
    query = select(IntakeEntry).where(
        IntakeEntry.person_id == owner.person_id,
        IntakeEntry.deleted_at.is_(None),
        IntakeEntry.day >= start,
        IntakeEntry.day <= end,
    )
    return session.scalars(query.order_by(IntakeEntry.eaten_at, IntakeEntry.id)).all()


def update_entry(
    *,
    session: Session,
    owner: Owner,
    entry_id: int,
    entry_in: IntakeUpdate,
    chosen: IntakeCreate | None = None,
    now: datetime | None = None,
) -> IntakeEntry:
    """Change an entry's time, meal, amount (the nutrients scale with it) or food (``phrase``,
    or ``chosen``: the food and amount tapped among those a refused change offered).

    Everything is checked before the entry changes: a rejected edit leaves it as it was.
    """
    entry = get_entry(session=session, owner=owner, entry_id=entry_id)
    changes = entry_in.model_dump(exclude_unset=True)
    portion: Portion | None = None
    if (chosen is not None or changes.get("phrase")) and entry.kind == "supplement":
        raise Invalid(
            "A supplement dose cannot be changed into a food; delete it and log the food.",
            fields={"phrase": "entry is a supplement"},
        )
    if chosen is not None:
        portion, _ = _portion(session, owner, chosen)
    elif changes.get("phrase"):
        kind = "drink" if entry.kind == "drink" else "food"
        portion, _ = _portion(session, owner, IntakeCreate(phrase=changes["phrase"], kind=kind))
    elif changes.get("quantity") is not None:
        portion = _rescaled(entry, float(changes["quantity"]))
    moment = when(changes["at"], owner, now) if changes.get("at") is not None else None
    if portion is not None:
        _apply_portion(entry, portion)
    if moment is not None:
        entry.eaten_at = moment
        entry.day = timing.day_of(moment, owner)
        if "meal" not in changes:
            entry.meal = meal_for(moment, owner=owner)
    if changes.get("meal") is not None:
        entry.meal = changes["meal"]
    session.flush()
    return entry


def _rescaled(entry: IntakeEntry, quantity: float) -> Portion:
    if entry.quantity is None or entry.quantity == 0:
        raise Invalid(
            "This entry has no amount to scale; change its food with a new phrase instead.",
            fields={"quantity": "entry has no amount"},
        )
    factor = quantity / float(entry.quantity)
    grams = None if entry.grams is None else float(entry.grams) * factor
    volume = None if entry.volume_ml is None else float(entry.volume_ml) * factor
    portions.check_amount(quantity, grams, volume, entry.food_name)
    if entry.kind == "supplement" and quantity > c.MAX_SUPPLEMENT_DOSE:
        raise Invalid(
            f"{quantity:g} at once is not a dose; at most {c.MAX_SUPPLEMENT_DOSE} per entry.",
            fields={"quantity": f"more than {c.MAX_SUPPLEMENT_DOSE}"},
        )
    return Portion(
        description=portions.rescaled_description(entry.description, quantity),
        food_ref=entry.food_ref,
        food_name=entry.food_name,
        quantity=quantity,
        unit=entry.unit,
        grams=grams,
        volume_ml=volume,
        nutrients=rows.amounts_of(entry).scaled(factor),
    )


def delete_entry(*, session: Session, owner: Owner, entry_id: int) -> IntakeEntry:
    """Delete an entry; it can be restored until it is purged (``owned.purge_deleted``)."""
    entry = get_entry(session=session, owner=owner, entry_id=entry_id)
    owned.soft_delete(session, entry)
    return entry


def restore_entry(*, session: Session, owner: Owner, entry_id: int) -> IntakeEntry:
    """Undo the deletion of an entry."""
    entry = get_entry(session=session, owner=owner, entry_id=entry_id, deleted=True)
    owned.restore(session, entry)
    return entry


# ---------------------------------------------------------------------------- views


def _entry_amounts(entry: IntakeEntry) -> totals.EntryAmounts:
    return totals.EntryAmounts(
        kind=entry.kind, volume_ml=rows.to_float(entry.volume_ml), nutrients=entry.amounts
    )


def _magnesium_medicines(
    session: Session, owner: Owner, day: date
) -> list[medicine_magnesium.MedicineMagnesium]:
    """The magnesium medicines on the Medicines list taken on ``day``, with their doses read."""
    found = []
    for medicine in daylog_service.medicines_on(session=session, owner=owner, day=day):
        read = medicine_magnesium.read(medicine.name, medicine.dose)
        if read is not None:
            found.append(read)
    return found


def _supplemental(
    amounts: Sequence[totals.EntryAmounts],
    medicines: Sequence[medicine_magnesium.MedicineMagnesium],
) -> float | None:
    """Magnesium from supplements and from medicines read; None when none of it is known."""
    parts = [totals.supplemental_magnesium(amounts), *(m.mg for m in medicines)]
    known = [p for p in parts if p is not None]
    return sum(known) if known else None


def _warnings(
    entries: Sequence[IntakeEntry],
    targets: Targets,
    medicines: Sequence[medicine_magnesium.MedicineMagnesium],
    on_day: str,
    conditions: Conditions,
) -> list[Advice]:
    amounts = [_entry_amounts(e) for e in entries]
    found: list[Advice] = []
    supplemental = _supplemental(amounts, medicines)
    if supplemental is not None:
        warning = guidance.supplemental_magnesium_warning(
            supplemental,
            targets.supplemental_magnesium_limit_mg,
            on_day=on_day,
            medicines=[(m.name, m.mg) for m in medicines if m.mg is not None],
            kidney_disease=conditions.kidney_disease,
        )
        if warning is not None:
            found.append(warning)
    unread = [m.name for m in medicines if m.mg is None]
    if unread:
        found.append(guidance.magnesium_dose_unknown(unread, on_day=on_day))
    sodium = totals.sum_entries(amounts).sodium_mg if amounts else None
    note = guidance.sodium_above_guide(sodium, targets.sodium_upper_guide_mg, on_day=on_day)
    if note is not None:
        found.append(note)
    return found


def _when(day: date, owner: Owner, now: datetime | None) -> str:
    return guidance.day_words(day, timing.today(owner, now))


def day_warnings(
    *, session: Session, owner: Owner, day: date, now: datetime | None = None
) -> list[Advice]:
    """The warnings for a day's intake (supplemental magnesium above the limit, or at any
    dose with kidney disease, counting magnesium medicines taken that day; a magnesium medicine
    whose dose is unknown; high sodium), worded for that day ("today", or "on Mon 23 Nov")."""
    entries = list_entries(session=session, owner=owner, start=day, end=day)
    conditions = accounts_service.conditions_for(session=session, owner=owner, now=now)
    return _warnings(
        entries,
        person_targets(session=session, owner=owner, on=day, conditions=conditions),
        _magnesium_medicines(session, owner, day),
        _when(day, owner, now),
        conditions,
    )


def logged_entry(
    *, session: Session, owner: Owner, entry: IntakeEntry, now: datetime | None = None
) -> IntakeLogged:
    """``entry`` as a write answers it (API and CLI): with the warnings its day now has."""
    answer = IntakeLogged.model_validate(entry)
    answer.warnings = day_warnings(session=session, owner=owner, day=entry.day, now=now)
    return answer


def get_day(
    *,
    session: Session,
    owner: Owner,
    day: date,
    with_gaps: bool = True,
    now: datetime | None = None,
) -> DayPublic:
    """A day's intake against the person's targets, with warnings and foods to close gaps.

    Nothing logged → ``logged`` False and every total unknown (None), never zero. Supplemental
    magnesium counts magnesium medicines taken that day (Medicines list) as well as supplements.
    The person's health conditions shape the gaps (``gap_notes`` says how: potassium held back,
    fluids within a limit).
    """
    medicines = _magnesium_medicines(session, owner, day)
    entries = list_entries(session=session, owner=owner, start=day, end=day)
    conditions = accounts_service.conditions_for(session=session, owner=owner, now=now)
    targets = person_targets(session=session, owner=owner, on=day, conditions=conditions)
    amounts = [_entry_amounts(e) for e in entries]
    summed = totals.sum_entries(amounts)
    minerals = [totals.nutrient_total(summed, n, targets) for n in totals.MINERALS]
    held = {"potassium_mg"} if cautions.potassium_reasons(conditions) else set()
    found_gaps = (
        gaps_module.close_the_gaps(minerals, targets, hold_back=held)
        if with_gaps and entries
        else []
    )
    water = totals.water_total(amounts, targets.water_ml, conditions.fluid_limit_ml)
    on_day = _when(day, owner, now)
    return DayPublic(
        day=day,
        logged=bool(entries),
        targets=TargetsPublic.model_validate(targets),
        nutrients=minerals,
        water=water,
        caffeine_mg=totals.nutrient_total(summed, "caffeine_mg"),
        energy_kcal=totals.nutrient_total(summed, "energy_kcal"),
        supplemental_magnesium_mg=_supplemental(amounts, medicines),
        warnings=_warnings(entries, targets, medicines, on_day, conditions),
        entries=[IntakeEntryPublic.model_validate(e) for e in entries],
        gaps=found_gaps,
        gap_notes=cautions.gap_notes(conditions, water, on_day) if with_gaps else [],
    )


def daily_factors(
    *, session: Session, owner: Owner, start: date, end: date
) -> dict[date, dict[str, float | None]]:
    """Per day from ``start`` to ``end`` inclusive: fluid_ml, magnesium_mg, potassium_mg,
    calcium_mg, sodium_mg, alcohol_drinks, caffeine_mg.

    Every day of the range is a key. A value is None when it is unknown: nothing logged that
    day (never 0), no drink logged (``fluid_ml``), or no entry that day knew the nutrient. A
    known total is the sum of the known values (entries that did not know it are left out).
    ``alcohol_drinks`` is the day's alcohol in standard drinks, known only when an entry held
    alcohol (``totals.alcohol_drinks``).
    """
    if end < start or (end - start).days > MAX_RANGE_DAYS:
        _check_range(start, end)  # raises with the fix; any years are fine (no entries there)
    entries = _entries(session, owner, start, end)
    by_day: dict[date, list[totals.EntryAmounts]] = {}
    for entry in entries:
        by_day.setdefault(entry.day, []).append(_entry_amounts(entry))
    result: dict[date, dict[str, float | None]] = {}
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        amounts = by_day.get(day, [])
        factors: dict[str, float | None] = dict.fromkeys(FACTOR_KEYS)
        if amounts:
            summed = totals.sum_entries(amounts)
            factors["fluid_ml"] = totals.water_total(amounts, None).fluids_ml
            for key in SUMMED_NUTRIENTS:
                value = summed.get(key)
                factors[key] = None if value is None else round(value, 1)
            factors["alcohol_drinks"] = totals.alcohol_drinks(amounts)
        result[day] = factors
    return result


CHART_SPANS = (7, 28, 84)
"""The spans, in days, the day page's intake charts show: 84 days are drawn as 12 weeks."""

WEEKLY_SPAN = 84
"""The span drawn per week (12 weeks of 7 days), each week's bar its mean a day."""

CHART_SERIES = (
    ("magnesium_mg", "Magnesium", "mg"),
    ("potassium_mg", "Potassium", "mg"),
    ("calcium_mg", "Calcium", "mg"),
    ("sodium_mg", "Sodium", "mg"),
    ("fluid_ml", "Drinks", "ml"),
)


def intake_series(
    *, session: Session, owner: Owner, end: date, days: int = 7
) -> list[IntakeSeries]:
    """Magnesium, potassium, calcium, sodium and the drinks per day for the ``days`` days up
    to ``end``, each against the person's target on ``end`` (from :func:`daily_factors`: an
    unknown day is None, never 0). The drinks carry no target: the water target counts the
    water in food as well. Over 84 days the series is per week (:func:`_weekly`)."""
    if days not in CHART_SPANS:
        *most, last = (str(d) for d in CHART_SPANS)
        spans = f"{', '.join(most)} or {last}"
        raise Invalid(
            f"The charts show {spans} days: pick one of those.", fields={"days": f"Give {spans}."}
        )
    start = end - timedelta(days=days - 1)
    per_day = daily_factors(session=session, owner=owner, start=start, end=end)
    targets = person_targets(session=session, owner=owner, on=end)
    shown = sorted(per_day)
    if days == WEEKLY_SPAN:
        return [
            _weekly(key, label, unit, None if key == "fluid_ml" else targets.get(key), per_day)
            for key, label, unit in CHART_SERIES
        ]
    return [
        IntakeSeries(
            nutrient=key,
            label=label,
            unit=unit,
            target=None if key == "fluid_ml" else targets.get(key),
            days=shown,
            amounts=[per_day[d][key] for d in shown],
        )
        for key, label, unit in CHART_SERIES
    ]


def _weekly(
    key: str,
    label: str,
    unit: str,
    target: float | None,
    per_day: dict[date, dict[str, float | None]],
) -> IntakeSeries:
    """One series per week: each week's mean a day over its known days (unknown days left out,
    never counted as 0), None for a week with no known day, and how many days were known."""
    shown = sorted(per_day)
    weeks, amounts, known = [], [], []
    for first in range(0, len(shown), 7):
        week = shown[first : first + 7]
        values = [v for d in week if (v := per_day[d][key]) is not None]
        weeks.append(week[0])
        amounts.append(round(sum(values) / len(values), 1) if values else None)
        known.append(len(values))
    return IntakeSeries(
        nutrient=key,
        label=label,
        unit=unit,
        target=target,
        days=weeks,
        amounts=amounts,
        per="week",
        known_days=known,
    )

"""The kinds of day-log entries, each declared once (:class:`EntryKind`): its table and schemas,
its names, its "none today" answer and what it counts toward in the day's factors.

From these the day log builds its JSON API (``routes/json_api.py``: list, log, get, change,
delete, restore for each), its CLI groups (``list``, ``delete``, ``restore``), the pages' delete
and undo, the day's log and its factors (and so the daily-CSV export and the insights, which read
them). A dated kind needs nothing else; sleep and medicines name their own behaviour. Adding a
kind is a model, its schemas and a declaration here: docs/architecture.md, "Adding a day-log
entry kind".
"""

from __future__ import annotations

from nightcramps.daylog import exertion
from nightcramps.daylog.models import (
    Activity,
    AlcoholIntake,
    CaffeineIntake,
    Medicine,
    SleepPeriod,
    StretchSession,
)
from nightcramps.daylog.schemas import (
    ActivitiesPublic,
    ActivityCreate,
    ActivityPublic,
    ActivityUpdate,
    AlcoholCreate,
    AlcoholListPublic,
    AlcoholPublic,
    AlcoholUpdate,
    CaffeineCreate,
    CaffeineListPublic,
    CaffeinePublic,
    CaffeineUpdate,
    MedicineCreate,
    MedicinePublic,
    MedicinesPublic,
    MedicineUpdate,
    SleepCreate,
    SleepListPublic,
    SleepPublic,
    SleepUpdate,
    StretchCreate,
    StretchesPublic,
    StretchPublic,
    StretchUpdate,
)
from nightcramps.daylog.service import medicines, sleep
from nightcramps.daylog.service.entry_kind import AnyKind, Contribution, EntryKind
from nightcramps.errors import Invalid

ACTIVITY: EntryKind[Activity, ActivityCreate, ActivityUpdate, ActivityPublic] = EntryKind(
    key="activity",
    model=Activity,
    create=ActivityCreate,
    update=ActivityUpdate,
    public=ActivityPublic,
    list_public=ActivitiesPublic,
    noun="workout",
    plural="workouts",
    path="activities",
    cli_group="activity",
    cli_help="Workouts and light exercise.",
    describe=lambda a: f"{a.activity_type}, {a.duration_min:g} min ({a.effort})",
    cli_columns=(
        ("id", "id"),
        ("day", "day"),
        ("type", "activity_type"),
        ("minutes", "duration_min"),
        ("intensity", "intensity_0_10"),
    ),
    none_flag="no_exercise",
    contribution=Contribution(
        "exercise_min",
        columns=(Activity.duration_min, Activity.intensity_0_10),
        amount=lambda row: float(row.duration_min),
        load=lambda row: exertion.session_load(float(row.duration_min), row.intensity_0_10),
    ),
    time_attr="started_at",
    api_docs={"log": "Log a workout (intensity 0-10 or light, moderate, vigorous)."},
)

STRETCH: EntryKind[StretchSession, StretchCreate, StretchUpdate, StretchPublic] = EntryKind(
    key="stretch",
    model=StretchSession,
    create=StretchCreate,
    update=StretchUpdate,
    public=StretchPublic,
    list_public=StretchesPublic,
    noun="stretching session",
    plural="stretching sessions",
    path="stretches",
    cli_group="stretch",
    cli_help="Stretching routines done.",
    describe=lambda s: f"stretching ({s.routine})",
    cli_columns=(("id", "id"), ("day", "day"), ("routine", "routine"), ("min", "duration_min")),
    none_flag="no_stretching",
    contribution=Contribution("stretched"),
    api_docs={"log": "Log a stretching routine (routine name, minutes, time)."},
)

ALCOHOL: EntryKind[AlcoholIntake, AlcoholCreate, AlcoholUpdate, AlcoholPublic] = EntryKind(
    key="alcohol",
    model=AlcoholIntake,
    create=AlcoholCreate,
    update=AlcoholUpdate,
    public=AlcoholPublic,
    list_public=AlcoholListPublic,
    noun="alcohol entry",
    plural="alcohol entries",
    path="alcohol",
    cli_group="alcohol",
    cli_help=(
        "Alcoholic drinks not logged as a drink (wine logged with `drink` already counts; the "
        "day's alcohol adds the two)."
    ),
    describe=lambda d: f"{d.drinks:g} drink(s)",
    cli_columns=(
        ("id", "id"),
        ("day", "day"),
        ("drinks", "drinks"),
        ("units", "standard_units"),
        ("kind", "kind"),
    ),
    none_flag="no_alcohol",
    contribution=Contribution(
        "alcohol_drinks",
        columns=(AlcoholIntake.drinks,),
        amount=lambda row: float(row.drinks),
    ),
    api_docs={"log": "Log alcoholic drinks (standard units optional)."},
)

CAFFEINE: EntryKind[CaffeineIntake, CaffeineCreate, CaffeineUpdate, CaffeinePublic] = EntryKind(
    key="caffeine",
    model=CaffeineIntake,
    create=CaffeineCreate,
    update=CaffeineUpdate,
    public=CaffeinePublic,
    list_public=CaffeineListPublic,
    noun="caffeine entry",
    plural="caffeine entries",
    path="caffeine",
    cli_group="caffeine",
    cli_help=(
        "Caffeine in mg not logged as a food or drink (a coffee logged with `drink` already "
        "counts; the day's caffeine adds the two)."
    ),
    describe=lambda c: f"{c.caffeine_mg:g} mg caffeine",
    cli_columns=(("id", "id"), ("day", "day"), ("mg", "caffeine_mg"), ("source", "source")),
    none_flag="no_caffeine",
    contribution=Contribution(
        "caffeine_mg",
        columns=(CaffeineIntake.caffeine_mg,),
        amount=lambda row: float(row.caffeine_mg),
    ),
    api_docs={"log": "Log caffeine in mg (e.g. coffee 95 mg)."},
)

SLEEP: EntryKind[SleepPeriod, SleepCreate, SleepUpdate, SleepPublic] = EntryKind(
    key="sleep",
    model=SleepPeriod,
    create=SleepCreate,
    update=SleepUpdate,
    public=SleepPublic,
    list_public=SleepListPublic,
    noun="sleep entry",
    plural="sleep entries",
    path="sleep",
    cli_group="sleep",
    cli_help="Sleep: bedtime and wake time.",
    describe=lambda s: f"{s.sleep_h:g} hours of sleep",
    cli_columns=(
        ("id", "id"),
        ("day", "day"),
        ("bed_at", "bed_at"),
        ("wake_at", "wake_at"),
        ("hours", "sleep_h"),
    ),
    # The sleep of a day is the one that ended on it (the night before it), so it is known by
    # bedtime and cannot have been caused by that night's cramps. There is no "none today".
    contribution=Contribution(
        "sleep_h",
        columns=(SleepPeriod.bed_at, SleepPeriod.wake_at),
        amount=lambda row: (row.wake_at - row.bed_at).total_seconds() / 3600,
    ),
    # One sleep a day, placed by its wake time rather than by an ``at``/``day``.
    custom_log=sleep.log_sleep,
    custom_update=sleep.update_sleep,
    check_restore=sleep.check_restore,
    api_docs={
        "list": "Sleep entries ending on the days of a range, newest first.",
        "log": "Log a sleep (bedtime and wake time); it belongs to the day it ends in.",
    },
)

MEDICINE: EntryKind[Medicine, MedicineCreate, MedicineUpdate, MedicinePublic] = EntryKind(
    key="medicine",
    model=Medicine,
    create=MedicineCreate,
    update=MedicineUpdate,
    public=MedicinePublic,
    list_public=MedicinesPublic,
    noun="medicine",
    plural="medicines",
    path="medicines",
    cli_group="medicine",
    cli_help="Medicines, and the drug classes associated with cramps.",
    describe=lambda m: m.name,
    # No day: taken from a start date to a stop date, listed current ones first, each with the
    # drug classes recognised in its name.
    log_verb="add",
    home_page="/medicines",
    custom_log=medicines.log_medicine,
    custom_update=medicines.update_medicine,
    custom_list=medicines.list_medicines,
    custom_public=medicines.to_medicine_public,
    api_docs={
        "list": "Your medicines with the drug classes associated with cramps, current ones first.",
        "log": "Add a medicine with dose and dates; the answer lists the classes recognised.",
        "update": "Change a medicine's name, dose, dates or notes.",
        "delete": "Delete a medicine entry (restorable within the undo window).",
        "restore": "Undo the deletion of a medicine entry.",
    },
)

KINDS: tuple[AnyKind, ...] = (ACTIVITY, STRETCH, ALCOHOL, CAFFEINE, SLEEP, MEDICINE)
"""Every kind, in the order of the API, the day's log and the factors."""


def kind_named(key: str) -> AnyKind:
    """The kind whose ``key`` is given (from a page address).

    Raises:
        Invalid: no kind has that key; the message lists them.
    """
    for kind in KINDS:
        if kind.key == key:
            return kind
    raise Invalid(f"Unknown kind of entry {key!r}; use one of {', '.join(k.key for k in KINDS)}.")

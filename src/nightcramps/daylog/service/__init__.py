"""The day log's operations. No HTTP and no terminal here: pages, API and CLI call these.

Every function takes the ``Owner`` and only ever reads or writes that person's rows. Functions
return the public schemas (``...Public``), so other features can use them without the models.

Any kind of entry (``KINDS``: ``ACTIVITY``, ``STRETCH``, ``ALCOHOL``, ``CAFFEINE``, ``SLEEP``,
``MEDICINE``) is logged, listed, read, changed, deleted and restored with the same six functions,
which answer with that kind's public schema::

    coffee = daylog_service.log_entry(
        session=session, owner=owner, kind=daylog_service.CAFFEINE,
        entry_in=CaffeineCreate(caffeine_mg=95, source="coffee"),
    )  # a CaffeinePublic

Functions other features call: ``log_stretch``, ``list_stretches``, ``daily_factors``,
``add_medicine``, ``list_medicines``, ``medicines_on``, ``medicine_starts`` (and
``check_medicine``).

Import the package, not its modules: ``from nightcramps.daylog import service as
daylog_service``. The modules inside are ``timing`` (days and times), ``entry_kind`` (what a
kind's declaration holds), ``kinds`` (the declarations), ``entries`` (any entry by kind),
``stretches``, ``caffeine`` (reading "coffee 95 mg"), ``sleep`` and ``medicines`` (their own
rules), ``factors`` and ``days`` (the day as a whole).
"""

from __future__ import annotations

from nightcramps.daylog.service.caffeine import parse_caffeine
from nightcramps.daylog.service.days import day_log, update_day
from nightcramps.daylog.service.entries import (
    delete_entry,
    get_entry,
    list_entries,
    log_entry,
    restore_entry,
    update_entry,
)
from nightcramps.daylog.service.entry_kind import AnyKind, Contribution, EntryKind
from nightcramps.daylog.service.factors import FACTOR_KEYS, daily_factors
from nightcramps.daylog.service.kinds import (
    ACTIVITY,
    ALCOHOL,
    CAFFEINE,
    KINDS,
    MEDICINE,
    SLEEP,
    STRETCH,
    kind_named,
)
from nightcramps.daylog.service.medicines import (
    add_medicine,
    check_medicine,
    list_medicines,
    medicine_starts,
    medicines_on,
    stop_medicine,
)
from nightcramps.daylog.service.stretches import list_stretches, log_stretch
from nightcramps.daylog.service.timing import day_of, today

__all__ = [
    "ACTIVITY",
    "ALCOHOL",
    "CAFFEINE",
    "FACTOR_KEYS",
    "KINDS",
    "MEDICINE",
    "SLEEP",
    "STRETCH",
    "AnyKind",
    "Contribution",
    "EntryKind",
    "add_medicine",
    "check_medicine",
    "daily_factors",
    "day_log",
    "day_of",
    "delete_entry",
    "get_entry",
    "kind_named",
    "list_entries",
    "list_medicines",
    "list_stretches",
    "log_entry",
    "log_stretch",
    "medicine_starts",
    "medicines_on",
    "parse_caffeine",
    "restore_entry",
    "stop_medicine",
    "today",
    "update_day",
    "update_entry",
]

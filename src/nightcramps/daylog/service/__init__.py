"""The day log's operations. No HTTP and no terminal here: pages, API and CLI call these.

Every function takes the ``Owner`` and only ever reads or writes that person's rows. Functions
return the public schemas (``...Public``), so other features can use them without the models.
Functions other features call: ``log_stretch``, ``daily_factors``, ``list_medicines``,
``medicine_starts`` (and ``check_medicine``).

Import the package, not its modules: ``from nightcramps.daylog import service as
daylog_service``. The modules inside are ``timing`` (days and times), ``kinds``, ``entries``
(any entry by kind), ``activity``, ``stretches``, ``intakes`` (alcohol and caffeine), ``sleep``,
``medicines``, ``factors`` and ``days`` (the day as a whole).
"""

from __future__ import annotations

from nightcramps.daylog.service.activity import (
    effort_of,
    list_activities,
    log_activity,
    to_activity_public,
    update_activity,
)
from nightcramps.daylog.service.days import day_log, update_day
from nightcramps.daylog.service.entries import (
    delete_entry,
    get_entry,
    purge_deleted,
    restore_entry,
    to_public,
)
from nightcramps.daylog.service.factors import FACTOR_KEYS, daily_factors
from nightcramps.daylog.service.intakes import (
    list_alcohol,
    list_caffeine,
    log_alcohol,
    log_caffeine,
    parse_caffeine,
    to_alcohol_public,
    to_caffeine_public,
    update_alcohol,
    update_caffeine,
)
from nightcramps.daylog.service.kinds import KIND_NAMES, MODELS, NONE_FLAGS
from nightcramps.daylog.service.medicines import (
    add_medicine,
    check_medicine,
    list_medicines,
    medicine_starts,
    medicines_on,
    stop_medicine,
    to_medicine_public,
    update_medicine,
)
from nightcramps.daylog.service.sleep import list_sleep, log_sleep, to_sleep_public, update_sleep
from nightcramps.daylog.service.stretches import (
    list_stretches,
    log_stretch,
    to_stretch_public,
    update_stretch,
)
from nightcramps.daylog.service.timing import (
    FUTURE_TOLERANCE,
    MAX_RANGE_DAYS,
    check_range,
    day_of,
    day_start_hour,
    local_moment,
    resolve_day,
    today,
)

__all__ = [
    "FACTOR_KEYS",
    "FUTURE_TOLERANCE",
    "KIND_NAMES",
    "MAX_RANGE_DAYS",
    "MODELS",
    "NONE_FLAGS",
    "add_medicine",
    "check_medicine",
    "check_range",
    "daily_factors",
    "day_log",
    "day_of",
    "day_start_hour",
    "delete_entry",
    "effort_of",
    "get_entry",
    "list_activities",
    "list_alcohol",
    "list_caffeine",
    "list_medicines",
    "list_sleep",
    "list_stretches",
    "local_moment",
    "log_activity",
    "log_alcohol",
    "log_caffeine",
    "log_sleep",
    "log_stretch",
    "medicine_starts",
    "medicines_on",
    "parse_caffeine",
    "purge_deleted",
    "resolve_day",
    "restore_entry",
    "stop_medicine",
    "to_activity_public",
    "to_alcohol_public",
    "to_caffeine_public",
    "to_medicine_public",
    "to_public",
    "to_sleep_public",
    "to_stretch_public",
    "today",
    "update_activity",
    "update_alcohol",
    "update_caffeine",
    "update_day",
    "update_medicine",
    "update_sleep",
    "update_stretch",
]

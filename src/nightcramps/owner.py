"""Who is acting, as the domain services need to know it."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class Owner:
    """The person whose data a service call reads or writes, with their clock settings.

    Every service query is filtered by ``person_id``: this is what keeps one person's nights out
    of another's reach, whatever id a client guesses.
    """

    person_id: int
    tz: ZoneInfo
    cutover_hour: int = 12
    """Local hour a night ends and the next begins (the ``night_cutover_hour`` setting)."""
    day_start_hour: int = 4
    """Local hour a day's exposures begin (the ``day_start_hour`` setting; see
    :mod:`nightcramps.timing`)."""

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

"""What several of the nutrition pages read from a form: the time of an entry and the day a
button acts on."""

from __future__ import annotations

from datetime import date, datetime, time

from fastapi import Request

from nightcramps import timing
from nightcramps.errors import Invalid
from nightcramps.nutrition import service as nutrition_service
from nightcramps.owner import Owner


def day_moment(day: date, clock_text: str, owner: Owner) -> datetime | None:
    """The time of a form entry: the clock time during ``day`` (00:30 is the night after its
    evening, as :func:`nightcramps.timing.moment_in_day` places it); none typed → now today,
    else noon."""
    clock_text = clock_text.strip()
    if clock_text:
        try:
            clock = time.fromisoformat(clock_text)
        except ValueError:
            raise Invalid(
                f"Cannot read the time {clock_text!r}; write it as HH:MM, e.g. 08:30.",
                fields={"time": "malformed"},
            ) from None
        return timing.moment_in_day(day, clock, owner)
    if day == nutrition_service.today(owner=owner):
        return None
    return datetime.combine(day, time(12, 0), tzinfo=owner.tz)


async def target_day(request: Request, owner: Owner) -> tuple[date, datetime | None]:
    """The day a one-tap button of the day page acts on (its form's ``day``, default today),
    and the moment to log at on it (now today, noon on another day)."""
    form = await request.form()
    text = str(form.get("day") or "")
    try:
        day = date.fromisoformat(text) if text else nutrition_service.today(owner=owner)
    except ValueError:
        raise Invalid("Give the day as YYYY-MM-DD.", fields={"day": "malformed"}) from None
    return day, day_moment(day, "", owner)

"""Reading dates and times typed on the command line, with errors that show the expected form."""

from __future__ import annotations

from datetime import date, datetime

from nightcramps.errors import Invalid


def parse_moment(value: str | None, name: str = "--at") -> datetime | None:
    """'YYYY-MM-DD HH:MM' (or ISO 8601) as typed; None stays None."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace(" ", "T", 1))
    except ValueError:
        raise Invalid(
            f"Cannot read the time {value!r} for {name}; write it as 'YYYY-MM-DD HH:MM', e.g. "
            "'2026-11-24 03:10'.",
            fields={name: "malformed time"},
        ) from None


def parse_day(value: str | None, name: str = "--day") -> date | None:
    """YYYY-MM-DD as typed; None stays None."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid(
            f"Cannot read the date {value!r} for {name}; write it as YYYY-MM-DD, e.g. 2026-11-23.",
            fields={name: "malformed date"},
        ) from None

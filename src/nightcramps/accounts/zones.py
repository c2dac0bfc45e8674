"""Time zone names a person can choose: IANA places, and the older names that lead to them.

The picker offers IANA's ``zone.tab``: the zones of every country, named by a place
(``America/Los_Angeles``, ``Europe/Oslo``, ``Asia/Kolkata``), plus ``UTC``. It leaves out what a
person would not recognise as where they live: the old names of the tz database's ``backward``
file (``US/Pacific``, ``Asia/Calcutta``, ``GB``), the fixed offsets ``Etc/*``, legacy rules such as
``EST5EDT``, and files that are not zones at all (``Factory``, ``localtime``, ``posixrules``).

What a person types, what their browser reports and what the computer is set to are read more
kindly than the list is drawn (:func:`canonical_zone`): an old name is stored as the place it links
to in the tz database (browsers still report ``Asia/Calcutta`` and ``Europe/Kiev``), case and
spaces do not matter, a city alone is enough when only one zone has it (``los angeles``), and any
other real zone the computer knows (``Etc/GMT+5``) is kept as it is.

The tables come from the ``tzdata`` package when it is installed, else from the system's zoneinfo
directory (the same sources :mod:`zoneinfo` reads); without either, the list is every available
name of the form Area/Place outside the old areas.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

UTC_NAME = "UTC"
"""The one name offered for Coordinated Universal Time."""

_UTC_ZONES = frozenset({"Etc/UTC", "Etc/GMT"})
"""Zones whose clock is UTC's; they and every name linked to them are stored as ``UTC``."""

NOT_PLACES = frozenset({"Factory", "localtime", "posixrules"})
"""Names zoneinfo may list that are no one's time zone: 'Factory' reads "-00", and the other two
are copies of whatever the computer is set to."""

_OLD_AREAS = frozenset({"Etc", "US", "SystemV", "Brazil", "Canada", "Chile", "Mexico"})
"""Areas that hold only old names or fixed offsets (used only when no zone.tab can be read)."""


@dataclass(frozen=True)
class ZoneTable:
    """The zones offered, and how any other accepted name maps to the name stored."""

    names: tuple[str, ...]
    """Offered names, sorted."""
    lookup: Mapping[str, str]
    """Lower-case name (offered, old, or other real zone) → the name stored for it."""
    cities: Mapping[str, str]
    """Lower-case last part of an offered name (``los_angeles``) → that name, when unique."""
    aliases: Mapping[str, tuple[str, ...]]
    """Offered name → the old names that link to it (the page script matches a browser's name)."""


def _tzdata_directory() -> Traversable | None:
    """Where zone.tab and tzdata.zi are: the tzdata package first, then the system's TZPATH."""
    candidates: list[Traversable] = []
    try:
        candidates.append(resources.files("tzdata") / "zoneinfo")
    except ModuleNotFoundError:
        pass
    candidates += [Path(directory) for directory in zoneinfo.TZPATH]
    for directory in candidates:
        if (directory / "zone.tab").is_file() and (directory / "tzdata.zi").is_file():
            return directory
    return None


def _zone_tab_names(text: str) -> set[str]:
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[2].strip() for row in rows if len(row) >= 3}


def _links(text: str) -> dict[str, str]:
    """``L target alias`` lines of tzdata.zi: alias → target."""
    links: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "L":
            links[parts[2]] = parts[1]
    return links


def _resolve(name: str, links: Mapping[str, str], offered: set[str]) -> str | None:
    """The offered name a link leads to (following chains), or None."""
    for _ in range(8):  # tzdata links are at most two deep; this only stops a malformed loop
        if name in offered:
            return name
        if name in _UTC_ZONES:
            return UTC_NAME
        if name not in links:
            return None
        name = links[name]
    return None


def _fallback_names(available: Iterable[str]) -> set[str]:
    return {
        name
        for name in available
        if "/" in name and name.split("/", 1)[0] not in _OLD_AREAS and name not in NOT_PLACES
    }


@cache
def zone_table() -> ZoneTable:
    """The offered names and the lookup tables, read once."""
    available = zoneinfo.available_timezones()
    directory = _tzdata_directory()
    if directory is None:
        offered, links = _fallback_names(available), {}
    else:
        offered = _zone_tab_names((directory / "zone.tab").read_text(encoding="utf-8"))
        offered &= available
        links = _links((directory / "tzdata.zi").read_text(encoding="utf-8"))
    offered.add(UTC_NAME)
    lookup = {name.lower(): name for name in available if name not in NOT_PLACES}
    aliases: dict[str, list[str]] = {}
    for name in sorted({*available, *links, *_UTC_ZONES}):
        target = _resolve(name, links, offered)
        if target is not None:
            lookup[name.lower()] = target
            if name != target:
                aliases.setdefault(target, []).append(name)
    lookup.update({name.lower(): name for name in offered})
    last_parts: dict[str, list[str]] = {}
    for name in offered:
        last_parts.setdefault(name.rsplit("/", 1)[-1].lower(), []).append(name)
    cities = {part: names[0] for part, names in last_parts.items() if len(names) == 1}
    return ZoneTable(
        names=tuple(sorted(offered)),
        lookup=lookup,
        cities=cities,
        aliases={name: tuple(old) for name, old in aliases.items()},
    )


def canonical_zone(name: str | None) -> str | None:
    """The zone name to store for what a person typed or a browser reported; None if unknown.

    ``"US/Pacific"``, ``"america/los angeles"`` and ``"Los Angeles"`` all give
    ``"America/Los_Angeles"``; ``"Etc/UTC"`` gives ``"UTC"``; ``"Factory"`` and ``"Mars/Olympus"``
    give None.
    """
    if not name:
        return None
    key = " ".join(name.split()).replace(" ", "_").lower()
    if not key or len(key) > 64:
        return None
    table = zone_table()
    return table.lookup.get(key) or table.cities.get(key)


def zone_label(name: str) -> str:
    """The place part of a zone name, for reading and searching: 'Los Angeles'."""
    if name == UTC_NAME:
        return "Coordinated Universal Time"
    return name.rsplit("/", 1)[-1].replace("_", " ")


def zone_choices(first: str | None = None) -> list[str]:
    """The offered names, sorted, with ``first`` (when it is one of them) at the top."""
    names = list(zone_table().names)
    if first in names:
        names.remove(first)
        names.insert(0, first)
    return names

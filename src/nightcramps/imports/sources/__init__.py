"""One module per app whose export NightCramps reads; each has ``SOURCE``, ``detect`` and
``parse`` (see ``imports.extract``)."""

from __future__ import annotations

import importlib
from types import ModuleType

from nightcramps.imports.extract import SOURCES, SourceName

MODULES: dict[SourceName, str] = {
    "apple-health": "apple_health",
    "cronometer": "cronometer",
    "myfitnesspal": "myfitnesspal",
    "fitbit": "fitbit",
    "garmin": "garmin",
}


def module(source: SourceName) -> ModuleType:
    """The parser module of ``source``."""
    return importlib.import_module(f"{__name__}.{MODULES[source]}")


__all__ = ["MODULES", "SOURCES", "module"]

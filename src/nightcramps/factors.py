"""The factors: the one list of names every feature uses for what a day held and how a night
went.

The food log, the day log and the daily CSV produce values under these names, the combined frame
(`dailyvalues`) joins them, the insights compare nights by them and the guidance explains them.
A name written anywhere else is checked against this list by the tests, so a factor cannot be
spelled two ways.

Pure: no session, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["int", "float", "flag"]
Origin = Literal["diary", "food", "day log", "derived", "medicines", "topic", "import"]


@dataclass(frozen=True, slots=True)
class Factor:
    """One named value per day (or, for an outcome, per night)."""

    name: str
    kind: Kind
    low: float
    high: float
    help: str
    """What it holds, in words (shown in docs and error messages)."""
    origins: tuple[Origin, ...]
    """Who produces it: the diary (outcomes), the food log, the day log, a value derived from
    others (``exertion_ratio``), the Medicines list, only an import from another app, or a topic
    of the guidance that is logged but is not a day's value (a relief used during a cramp, a
    supplement taken). Caffeine and alcohol have two: a coffee or a glass of wine typed on the
    Food page, or tapped or entered on Today."""

    @property
    def in_csv(self) -> bool:
        """Whether the daily CSV has a column for it (derived values and topics have none)."""
        return any(o in ("diary", "food", "day log") for o in self.origins)


OUTCOMES: tuple[Factor, ...] = (
    Factor(
        "cramps", "int", 0, 50, "number of cramps that night; blank = night not logged", ("diary",)
    ),
    Factor(
        "worst_severity_0_10",
        "int",
        0,
        10,
        "worst cramp of the night, 0-10; blank = unknown",
        ("diary",),
    ),
)
"""The night's outcome. 50 cramps in a night is far beyond what trials report (a mean of a few
per week, Cochrane CD009402 2020) and flags a typing error."""

EXPOSURES: tuple[Factor, ...] = (
    Factor("fluid_ml", "float", 0, 15_000, "fluids drunk that day, ml", ("food",)),
    Factor("magnesium_mg", "float", 0, 5_000, "magnesium from food and supplements, mg", ("food",)),
    Factor("potassium_mg", "float", 0, 20_000, "potassium, mg", ("food",)),
    Factor("calcium_mg", "float", 0, 10_000, "calcium, mg", ("food",)),
    Factor("sodium_mg", "float", 0, 30_000, "sodium, mg", ("food",)),
    Factor("steps", "int", 0, 150_000, "steps walked that day", ("day log",)),
    Factor("exercise_min", "float", 0, 1_440, "minutes of exercise that day", ("day log",)),
    Factor("stretched", "flag", 0, 1, "bedtime calf stretches done: 1 yes, 0 no", ("day log",)),
    Factor(
        "alcohol_drinks",
        "float",
        0,
        50,
        "standard alcoholic drinks that day (14 g of alcohol each)",
        ("food", "day log"),
    ),
    Factor("caffeine_mg", "float", 0, 3_000, "caffeine, mg", ("food", "day log")),
    Factor("sleep_h", "float", 0, 24, "hours slept", ("day log",)),
)
"""Day-level exposures with a daily-CSV column. The upper limits are several times the largest
plausible day (e.g. 15 L of fluid, 5 g of magnesium, ten times the supplemental upper level of
350 mg, IOM 2000): above them the value is a unit slip."""

DERIVED: tuple[Factor, ...] = (
    Factor(
        "exertion_ratio",
        "float",
        0,
        100,
        "the day's steps and exercise against the person's own usual (1 = a usual day)",
        ("derived",),
    ),
)
"""Values computed from others, never imported."""

MEDICINES: tuple[Factor, ...] = (
    Factor(
        "medicine_started",
        "flag",
        0,
        1,
        "a medicine of a class linked with cramps started in the 28 days before",
        ("medicines",),
    ),
)
"""Read from the Medicines list by the insights (a start, not a day's value)."""

TOPICS: tuple[Factor, ...] = (
    Factor("massage", "flag", 0, 1, "massage used during a cramp", ("topic",)),
    Factor("heat", "flag", 0, 1, "heat used during a cramp", ("topic",)),
    Factor("supplements", "flag", 0, 1, "a supplement dose logged that day", ("topic",)),
)
"""What the guidance explains beside a logged entry, but no analysis compares."""

IMPORTED: tuple[Factor, ...] = (
    Factor("active_energy_kcal", "float", 0, 10_000, "active energy burned, kcal", ("import",)),
    Factor("distance_km", "float", 0, 300, "distance walked or run, km", ("import",)),
    Factor("in_bed_h", "float", 0, 24, "hours in bed (asleep or not)", ("import",)),
    Factor("body_mass_kg", "float", 20, 400, "body mass, kg", ("import",)),
)
"""Values only a watch, a phone or another app's export gives (``nightcramps.imports``): shown
on the day they belong to, kept for the export, not compared by the insights."""

ALL: tuple[Factor, ...] = OUTCOMES + EXPOSURES + DERIVED + MEDICINES + TOPICS + IMPORTED
BY_NAME: dict[str, Factor] = {f.name: f for f in ALL}


def names(*origins: Origin) -> tuple[str, ...]:
    """The names of the factors of these origins, in the order above."""
    return tuple(f.name for f in ALL if set(f.origins) & set(origins))


__all__ = [
    "ALL",
    "BY_NAME",
    "DERIVED",
    "EXPOSURES",
    "IMPORTED",
    "MEDICINES",
    "OUTCOMES",
    "TOPICS",
    "Factor",
    "names",
]

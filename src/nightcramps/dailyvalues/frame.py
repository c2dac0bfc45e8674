"""Combining detailed entries and imported day-level values into one value per day and factor.

Pure. The rules that keep anything from being counted twice, or lost:

* Per day and per factor there is exactly one value. A value from a detailed entry (the diary's
  cramps, the nutrition log's totals, the day log) wins over an imported day-level value; the
  imported value is kept in the database but is not used while a detailed one exists.
* The night's outcome (``cramps`` and ``worst_severity_0_10``) is taken as a pair from one source:
  when the diary says "cramps" or "no cramps" for a night, both come from the diary, so an
  imported count can never be mixed with the diary's answer.
* An imported outcome counts only for a night the diary holds without an answer of its own. The
  import creates that night, so a night the person has since deleted is unknown again, whatever
  the file said.
* Detailed sources are never added to imported ones (adding would double count a day that was
  both logged in detail and imported): an imported value is used only when no detailed source
  knows the factor that day.
* ``SUMMED_FACTORS`` (caffeine) are the exception between detailed sources: each detailed log
  holds a different part of the day's amount (caffeine in the foods and drinks of the nutrition
  log, plus caffeine entered in the day log for what was not logged as a food or drink), so the
  day's value is the sum of the parts the detailed sources know, with the parts kept
  (``SourcedValue.parts``) and the source named after them (``nutrition+daylog``). A part that
  is unknown is left out, never read as 0; the value is unknown only when no detailed source
  knows it (and then an imported value may fill it, never added to a detailed one).
* For every other factor, between two detailed sources the first listed source wins.

Every value keeps the name of its source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

OUTCOME_FACTORS = ("cramps", "worst_severity_0_10")
DIARY_SOURCE = "diary"

SUMMED_FACTORS = frozenset({"caffeine_mg", "alcohol_drinks"})
"""Factors whose detailed sources add up: each detailed log holds a different part of the day.

Caffeine: the nutrition log knows the caffeine in the foods and drinks logged there (a coffee
logged with ``nightcramps drink``), the day log holds caffeine entered for what was not logged as
a food or drink (``nightcramps caffeine add``, the "+1 coffee" tap). Taking one of them would
lose the other (200 mg entered in the day log vanished behind a banana's known 0 mg).

Alcohol, the same way: the nutrition log knows the standard drinks in the wine, beer or spirits
logged there (``nightcramps drink "150 ml red wine"``), the day log holds drinks entered for what
was not logged as a drink (``nightcramps alcohol add``)."""

SOURCE_JOINER = "+"
"""Joins the names of the detailed sources a summed value comes from (``nutrition+daylog``)."""

SUM_DIGITS = 2
"""Summed values are rounded to this many decimals (no 0.30000000000000004 in an export)."""

DetailedValues = Mapping[date, Mapping[str, float | None]]


@dataclass(frozen=True, slots=True)
class SourcedValue:
    """A known value and its source (``diary``, ``nutrition``, ``daylog``, ``import``).

    A value of a ``SUMMED_FACTORS`` factor from detailed sources has ``parts``: each detailed
    source that knows it, with its own amount, in order of the sources (their sum is ``value``);
    its ``source`` names them joined by ``+``. Every other value has no parts.
    """

    value: float
    source: str
    parts: tuple[tuple[str, float], ...] = ()


@dataclass(slots=True)
class DayValues:
    """Everything known about one day and the night that starts that evening."""

    day: date
    values: dict[str, SourcedValue] = field(default_factory=dict)

    def get(self, factor: str) -> float | None:
        """The value of ``factor``, or None when unknown."""
        known = self.values.get(factor)
        return None if known is None else known.value

    def plain(self) -> dict[str, float]:
        """``{factor: value}`` of the known values."""
        return {name: v.value for name, v in self.values.items()}


@dataclass(frozen=True, slots=True)
class NightOutcome:
    """The diary's own answer for a night: ``cramps`` is 0 for an explicit "no cramps"."""

    cramps: int
    worst_severity_0_10: int | None


def summed_value(parts: Sequence[tuple[str, float]]) -> SourcedValue:
    """The value of a ``SUMMED_FACTORS`` factor from the known parts of its detailed sources."""
    if not parts:
        raise ValueError("a summed value needs at least one known part")
    return SourcedValue(
        value=round(sum(value for _, value in parts), SUM_DIGITS),
        source=SOURCE_JOINER.join(source for source, _ in parts),
        parts=tuple(parts),
    )


def combine(
    *,
    outcomes: Mapping[date, NightOutcome | None],
    detailed: Mapping[str, DetailedValues],
    imported: Mapping[date, Mapping[str, SourcedValue]],
) -> dict[date, DayValues]:
    """One ``DayValues`` per day with anything known, applying the rule in the module docstring.

    Args:
        outcomes: every night the diary holds: its answer, or None for a night logged without
            an answer ("cramps" not said yet, or only counted by an import).
        detailed: source name → day → factor → value (None = unknown), in order of precedence
            (for ``SUMMED_FACTORS``: the order of the parts).
        imported: day → factor → imported value with its source.
    """
    days: dict[date, DayValues] = {}

    def day_values(day: date) -> DayValues:
        if day not in days:
            days[day] = DayValues(day=day)
        return days[day]

    for day, outcome in outcomes.items():
        if outcome is None:
            continue
        values = day_values(day).values
        values["cramps"] = SourcedValue(float(outcome.cramps), DIARY_SOURCE)
        if outcome.worst_severity_0_10 is not None:
            values["worst_severity_0_10"] = SourcedValue(
                float(outcome.worst_severity_0_10), DIARY_SOURCE
            )
    summed: dict[date, dict[str, list[tuple[str, float]]]] = {}
    for source, per_day in detailed.items():
        for day, factors in per_day.items():
            for factor, value in factors.items():
                if value is None or factor in OUTCOME_FACTORS:
                    continue
                if factor in SUMMED_FACTORS:
                    summed.setdefault(day, {}).setdefault(factor, []).append((source, float(value)))
                    continue
                values = day_values(day).values
                values.setdefault(factor, SourcedValue(float(value), source))
    for day, factor_parts in summed.items():
        for factor, parts in factor_parts.items():
            day_values(day).values[factor] = summed_value(parts)
    for day, imported_factors in imported.items():
        outcome_open = day in outcomes and outcomes[day] is None
        for factor, sourced in imported_factors.items():
            if factor in OUTCOME_FACTORS and not outcome_open:
                continue
            day_values(day).values.setdefault(factor, sourced)
    return {day: days[day] for day in sorted(days) if days[day].values}

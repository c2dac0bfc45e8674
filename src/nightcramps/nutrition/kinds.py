"""The three kinds of intake entry, declared once: what each is and how it counts in a day. Pure.

An entry's volume (``volume_ml``) counts as fluid whatever its kind: a drink has one, and so
does a supplement taken as a drink (an electrolyte sachet); food never has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["food", "drink", "supplement"]
"""What an entry is (``IntakeEntry.kind``)."""


@dataclass(frozen=True, slots=True)
class IntakeKind:
    """One kind of entry and how a day's totals count it."""

    name: Kind
    water_in_food: bool
    """The water in its composition counts as water in food (1 g = 1 ml)."""
    supplemental: bool
    """Its magnesium counts toward the upper level for magnesium from supplements, which food
    and drinks do not (IOM 1997: the UL applies to supplements and medicines only)."""


KINDS: dict[str, IntakeKind] = {
    "food": IntakeKind("food", water_in_food=True, supplemental=False),
    "drink": IntakeKind("drink", water_in_food=False, supplemental=False),
    "supplement": IntakeKind("supplement", water_in_food=False, supplemental=True),
}
"""Every kind by its name, in the order the pages and the API list them."""

"""Caffeine as a person says it: "coffee 95 mg" read as a source and milligrams (the CLI's
`caffeine add "coffee 95 mg"`)."""

from __future__ import annotations

import re

from nightcramps.daylog.constants import MAX_CAFFEINE_MG_PER_ENTRY
from nightcramps.errors import Invalid

_MG = re.compile(r"(\d+(?:[.,]\d+)?)\s*(mg|milligrams?)\b", re.IGNORECASE)


def parse_caffeine(text: str) -> tuple[str, float]:
    """Read "coffee 95 mg" (or "95mg espresso") as its source and milligrams.

    Raises:
        Invalid: no amount in mg in the text.
    """
    found = _MG.search(text)
    if found is None:
        raise Invalid(
            f"Cannot find an amount in mg in {text!r}; write it like 'coffee 95 mg'.",
            fields={"caffeine": "no amount in mg"},
        )
    mg = float(found.group(1).replace(",", "."))
    if not 0 < mg <= MAX_CAFFEINE_MG_PER_ENTRY:
        raise Invalid(
            f"{mg:g} mg is not a plausible amount for one entry; give 1 to "
            f"{MAX_CAFFEINE_MG_PER_ENTRY} mg.",
            fields={"caffeine_mg": "out of range"},
        )
    source = " ".join((text[: found.start()] + " " + text[found.end() :]).split())
    return source[:50], mg

"""Magnesium taken as a medicine (on the Medicines list), read from its free-text name and dose.

Pure functions, no I/O. The tolerable upper intake level for magnesium counts magnesium from
supplements *and medicines* (IOM 1997), so "magnesium oxide 400 mg" or "Slow-Mag 64 mg twice a
day" on the Medicines list belong in the day's supplemental magnesium. A dose is read only when the
text gives one amount in mg, g or mmol (and, if said, how many times a day); anything else is
unknown, never zero. The amount is counted as written: for a salt ("magnesium oxide 400 mg") the
magnesium in it can be less than the weight written, so the total may be high, never low.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MG_PER_MMOL = 24.305
"""Molar mass of magnesium (g/mol): 1 mmol of magnesium is 24.3 mg."""

_MAGNESIUM = re.compile(r"\b(magnes\w*|mag\s*ox|slow\s*mag|mag\s*tab)\b")
"""Magnesium, its spellings in other languages (magnésium, magnesio) and common brands."""

_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(mg|milligrams?|mmol|g|grams?)\b")
_PER_DAY = (
    (re.compile(r"\b(four times|4 times|qds|qid|x\s*4|4\s*x)\b"), 4),
    (re.compile(r"\b(three times|3 times|tds|tid|x\s*3|3\s*x)\b"), 3),
    (re.compile(r"\b(twice|two times|2 times|bd|bid|x\s*2|2\s*x)\b"), 2),
)
_NOT_EVERY_DAY = re.compile(
    r"\b(as needed|when needed|if needed|prn|weekly|a week|per week|alternate|every other)\b"
)


@dataclass(frozen=True, slots=True)
class MedicineMagnesium:
    """A magnesium medicine taken on a day and what could be read of its dose."""

    name: str
    mg: float | None
    """Magnesium that day in mg; None when the dose could not be read (unknown, not zero)."""


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("-", " ")


def is_magnesium(name: str) -> bool:
    """Whether a medicine's name says it is (or contains) magnesium."""
    return _MAGNESIUM.search(_plain(name)) is not None


def daily_mg(name: str, dose: str = "") -> float | None:
    """The magnesium a day of this medicine gives, in mg, or None when it cannot be read.

    One amount must be written (in the dose, or else in the name); two different amounts
    ("calcium 500 mg + magnesium 200 mg") or an "as needed"/weekly schedule are unknown.
    """
    text = _plain(f"{name} {dose}")
    if _NOT_EVERY_DAY.search(text):
        return None
    found = {
        (float(number.replace(",", ".")), unit) for number, unit in _AMOUNT.findall(_plain(dose))
    } or {(float(number.replace(",", ".")), unit) for number, unit in _AMOUNT.findall(text)}
    if len(found) != 1:
        return None
    ((amount, unit),) = found
    if unit.startswith("g"):
        amount *= 1000
    elif unit == "mmol":
        amount *= MG_PER_MMOL
    times = next((n for pattern, n in _PER_DAY if pattern.search(text)), 1)
    return amount * times if amount > 0 else None


def read(name: str, dose: str = "") -> MedicineMagnesium | None:
    """The magnesium medicine in ``name`` with its daily amount; None when it is not magnesium."""
    if not is_magnesium(name):
        return None
    label = f"{name} ({dose})" if dose else name
    return MedicineMagnesium(name=label, mg=daily_mg(name, dose))

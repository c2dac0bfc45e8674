"""The health conditions that change the advice: what the profile and the medicines list say.

Pure data, no I/O: ``accounts.service.conditions_for`` builds it from the person and their
current medicines; the check-up, the supplement warnings, "close the gap" and the guidance caveats
read it. A condition not answered is None (unknown), never "no".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

KidneyStatus = Literal[
    "no", "yes_stage_unknown", "stage_1_2", "stage_3", "stage_4", "stage_5", "dialysis"
]
KIDNEY_STATUSES: tuple[KidneyStatus, ...] = (
    "no",
    "yes_stage_unknown",
    "stage_1_2",
    "stage_3",
    "stage_4",
    "stage_5",
    "dialysis",
)

POTASSIUM_RAISING_CLASSES = frozenset({"potassium_sparing_diuretic", "ace_inhibitor", "arb"})
"""Medicine classes that keep potassium in the body: pushing potassium-rich food is not for
people who take them without their doctor's advice."""

DIURETIC_CLASSES = frozenset(
    {"diuretic", "potassium_sparing_diuretic", "thiazide_diuretic", "loop_diuretic"}
)

ADVANCED_KIDNEY: frozenset[KidneyStatus] = frozenset({"stage_3", "stage_4", "stage_5", "dialysis"})
"""Stage 3 or worse, or dialysis: the kidneys clear less potassium and magnesium."""

KIDNEY_LABELS: dict[KidneyStatus, str] = {
    "no": "no",
    "yes_stage_unknown": "yes, stage not known",
    "stage_1_2": "yes, stage 1 or 2",
    "stage_3": "yes, stage 3",
    "stage_4": "yes, stage 4",
    "stage_5": "yes, stage 5 (not on dialysis)",
    "dialysis": "on dialysis",
}
"""How the profile names each kidney answer (the stages of chronic kidney disease, NICE NG203)."""

CONDITION_FIELDS = (
    "kidney_disease",
    "liver_disease",
    "diabetes",
    "thyroid_disease",
    "heart_failure",
    "fluid_limit_ml",
    "pregnancy_week",
)
"""The profile's health answers: answering (or changing) any of them records the review."""

FLUID_LIMIT_MIN_ML = 500
FLUID_LIMIT_MAX_ML = 3000
"""The daily fluid limits accepted, in ml: a plausibility range around the limits doctors set,
which are usually 1,000 to 2,000 ml a day (1.5 to 2 litres in the ESC heart failure guideline,
McDonagh et al. 2021); a number outside it is far more likely a typing slip than a limit."""

PREGNANCY_WEEK_MIN = 1
PREGNANCY_WEEK_MAX = 42
"""The pregnancy weeks a person may enter (a pregnancy at term lasts 37 to 42 weeks)."""

PREGNANCY_WEEK_STALE = 43
"""A week computed beyond this is out of date (the baby is born or the date was wrong): it is
not used, and the profile asks for the week again."""


def pregnancy_start(week: int, today: date) -> date:
    """The date of week 0 for a pregnancy in ``week`` today: stored, so that the week moves on."""
    return today - timedelta(weeks=week)


def pregnancy_week_on(started_on: date | None, today: date) -> int | None:
    """The pregnancy week on ``today`` (whole weeks since ``started_on``); None if unknown."""
    if started_on is None:
        return None
    return (today - started_on).days // 7


def pregnancy_week_is_stale(week: int | None) -> bool:
    """Whether a computed week is past :data:`PREGNANCY_WEEK_STALE` (or before week 0)."""
    return week is not None and not 0 <= week <= PREGNANCY_WEEK_STALE


@dataclass(frozen=True, slots=True)
class Conditions:
    """What the app knows of a person's health that changes its advice."""

    kidney_disease: KidneyStatus | None
    liver_disease: bool | None
    diabetes: bool | None
    thyroid_disease: bool | None
    heart_failure: bool | None
    fluid_limit_ml: int | None
    pregnant: bool
    pregnancy_week: int | None
    """The current week; None if not given or stale."""
    age: int | None
    sex: str | None
    medicine_classes: frozenset[str]
    """Cramp-linked class keys found in the current medicines list."""
    answered: bool
    """The person has answered (or confirmed) the health questions."""

    @classmethod
    def unknown(cls) -> Conditions:
        """Nothing known: not pregnant, no medicines, every condition unanswered."""
        return cls(
            kidney_disease=None,
            liver_disease=None,
            diabetes=None,
            thyroid_disease=None,
            heart_failure=None,
            fluid_limit_ml=None,
            pregnant=False,
            pregnancy_week=None,
            age=None,
            sex=None,
            medicine_classes=frozenset(),
            answered=False,
        )

    @property
    def has_kidney_disease(self) -> bool | None:
        """True for any stage or dialysis, False for "no", None when not answered."""
        if self.kidney_disease is None:
            return None
        return self.kidney_disease != "no"

    @property
    def on_diuretic(self) -> bool:
        """A diuretic is on the current medicines list."""
        return bool(DIURETIC_CLASSES & self.medicine_classes)

    @property
    def raises_potassium(self) -> bool:
        """A potassium-sparing diuretic, ACE inhibitor or ARB is taken, or kidney disease is at
        stage 3 or worse or on dialysis."""
        return bool(POTASSIUM_RAISING_CLASSES & self.medicine_classes) or (
            self.kidney_disease in ADVANCED_KIDNEY
        )

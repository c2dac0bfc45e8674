"""The guided stretching routines: each stretch, how long to hold it, and where that comes from.

The bedtime routines follow the protocol of the one positive trial (Hallegraeff et al., J
Physiother 2012): calf and hamstring stretches taken to a moderately intense stretch, each held
10 s, 3 times with 10 s relaxation between, both legs, all within about three minutes, with a
seated version for people who find standing hard. The trial report gives those numbers; the exact
positions described here are our own plain descriptions of standard calf and hamstring stretches.
The wall routine is the NHS calf stretch ("Leg cramps", nhs.uk).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nightcramps.content.citations import cite
from nightcramps.errors import NotFound
from nightcramps.guidance.knowledge import Grade

HOLD_S = 10
"""Seconds each stretch is held (Hallegraeff et al. 2012)."""

REPS = 3
"""Times each stretch is done (Hallegraeff et al. 2012)."""

REST_S = 10
"""Seconds of relaxation between holds (Hallegraeff et al. 2012)."""

PREPARE_S = 5
"""Seconds to get into position before each stretch (ours: the trial does not time this)."""

NHS_HOLD_S = 3
"""The NHS wall stretch is held for 2-3 seconds, then you stand up straight."""

NHS_UPRIGHT_S = 2
"""Seconds standing up straight between NHS wall stretches (ours: the NHS gives no figure)."""

NHS_TOTAL_S = 5 * 60
"""The NHS routine repeats the wall stretch for 5 minutes."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """One stretch of a routine, for one side (or both legs at once)."""

    key: str
    title: str
    side: Literal["left", "right", "both"]
    how: tuple[str, ...]
    """Instructions, one short step each."""
    illustration: str
    """File name of the drawing in ``static/guidance/``."""
    alt: str
    """What the drawing shows, for screen readers."""
    hold_s: int = HOLD_S
    reps: int = REPS
    rest_s: int = REST_S
    prepare_s: int = PREPARE_S

    @property
    def total_s(self) -> int:
        """Seconds from getting into position to the end of the last hold."""
        return self.prepare_s + self.reps * self.hold_s + (self.reps - 1) * self.rest_s


@dataclass(frozen=True, slots=True)
class Routine:
    """A guided routine."""

    slug: str
    name: str
    summary: str
    stretches: tuple[Stretch, ...]
    citations: tuple[str, ...]
    grade: Grade
    evidence_slug: str
    """The knowledge-base entry that grades it."""

    @property
    def total_s(self) -> int:
        """Seconds the whole routine takes."""
        return sum(s.total_s for s in self.stretches)

    @property
    def duration_min(self) -> float:
        """Minutes the whole routine takes, to a tenth."""
        return round(self.total_s / 60, 1)

    @property
    def citation(self) -> str:
        """Its sources in short form."""
        return cite(*self.citations)


_CALF_STANDING = (
    "Stand facing a wall, about an arm's length away, hands flat on the wall at shoulder height.",
    "Step the {side} foot back. Keep that knee straight and the heel flat on the floor, toes "
    "pointing forward.",
    "Bend the front knee and lean towards the wall until you feel a firm stretch in the "
    "{side} calf. It should pull, not hurt.",
)
_HAMSTRING_STANDING = (
    "Stand facing a bottom stair or a low, steady step, holding a rail or wall for balance.",
    "Put the {side} heel on the step with the knee straight and the toes pointing up.",
    "Keep your back straight and lean forward from the hips until you feel the stretch behind "
    "the {side} thigh.",
)
_CALF_SEATED = (
    "Sit on the bed or the floor with the {side} leg straight out in front of you.",
    "Loop a towel or belt around the ball of the {side} foot and hold both ends.",
    "Pull the towel gently so your toes come towards your knee, until you feel the stretch in "
    "the calf. Keep the knee straight.",
)
_HAMSTRING_SEATED = (
    "Sit near the edge of a firm chair or the bed, the {side} leg straight out with the heel on "
    "the floor and toes up; the other foot flat.",
    "Keep your back straight and lean forward from the hips.",
    "Stop when you feel the stretch behind the {side} thigh.",
)


def _pair(
    key: str, title: str, how: tuple[str, ...], drawing: str, alt: str
) -> tuple[Stretch, ...]:
    """The same stretch for the left then the right leg."""
    return tuple(
        Stretch(
            key=f"{key}-{side}",
            title=f"{title}, {side} leg",
            side=side,
            how=tuple(step.format(side=side) for step in how),
            illustration=drawing,
            alt=alt.format(side=side),
        )
        for side in ("left", "right")
    )


ROUTINES: tuple[Routine, ...] = (
    Routine(
        slug="bedtime",
        name="Bedtime calf and hamstring stretches",
        summary="Calf and hamstring stretches, each held 10 seconds three times, both legs: the "
        "routine of the Hallegraeff 2012 trial.",
        stretches=(
            *_pair(
                "calf",
                "Calf stretch",
                _CALF_STANDING,
                "calf-wall.svg",
                "A person leaning on a wall with the {side} leg straight behind, heel down.",
            ),
            *_pair(
                "hamstring",
                "Hamstring stretch",
                _HAMSTRING_STANDING,
                "hamstring-step.svg",
                "A person with the {side} heel on a low step, knee straight, leaning forward.",
            ),
        ),
        citations=("hallegraeff2012",),
        grade="weak",
        evidence_slug="bedtime-stretching",
    ),
    Routine(
        slug="seated",
        name="Seated bedtime stretches",
        summary="The same calf and hamstring stretches done sitting down, for when standing is "
        "hard (the trial offered a seated version).",
        stretches=(
            *_pair(
                "calf-seated",
                "Seated calf stretch",
                _CALF_SEATED,
                "calf-towel.svg",
                "A person sitting with the {side} leg straight, pulling a towel looped round "
                "the foot.",
            ),
            *_pair(
                "hamstring-seated",
                "Seated hamstring stretch",
                _HAMSTRING_SEATED,
                "hamstring-seated.svg",
                "A person sitting on the edge of a chair with the {side} leg straight out, "
                "leaning forward.",
            ),
        ),
        citations=("hallegraeff2012",),
        grade="weak",
        evidence_slug="bedtime-stretching",
    ),
    Routine(
        slug="nhs-wall",
        name="NHS wall calf stretch",
        summary="Lean on a wall with both feet flat for 2 to 3 seconds, stand up, and repeat for "
        "5 minutes. The NHS suggests it three times a day, the last just before bed.",
        stretches=(
            Stretch(
                key="wall-both",
                title="Wall calf stretch, both legs",
                side="both",
                how=(
                    "Stand facing a wall with your arms out in front and your hands on it.",
                    "Keep both feet flat on the floor and lean forward until you feel your "
                    "calves stretch.",
                    "Hold for a moment, then stand up straight. Repeat each time the timer says "
                    "lean.",
                ),
                illustration="nhs-wall.svg",
                alt="A person leaning forward on a wall with both feet flat on the floor.",
                hold_s=NHS_HOLD_S,
                rest_s=NHS_UPRIGHT_S,
                reps=(NHS_TOTAL_S + NHS_UPRIGHT_S) // (NHS_HOLD_S + NHS_UPRIGHT_S),
            ),
        ),
        citations=("nhs",),
        grade="weak",
        evidence_slug="bedtime-stretching",
    ),
)

BY_SLUG: dict[str, Routine] = {r.slug: r for r in ROUTINES}


def get_routine(slug: str) -> Routine:
    """The routine called ``slug``.

    Raises:
        NotFound: there is no such routine (the message lists the ones there are).
    """
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise NotFound(
            f"There is no routine called {slug!r}; choose one of {', '.join(BY_SLUG)}."
        ) from None

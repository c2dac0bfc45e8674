"""Example nights for `nightcramps demo`, so a newcomer sees a populated diary."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from sqlalchemy.orm import Session

from nightcramps import timing
from nightcramps.diary import service as diary_service
from nightcramps.diary.schemas import CrampCreate, NightCreate
from nightcramps.owner import Owner


def demo_cramp(rng: random.Random, day: date, owner: Owner) -> CrampCreate:
    """A plausible cramp in night ``day``: mostly the calf, a few minutes, in the small hours."""
    clock = time(rng.choice((23, 0, 1, 2, 3, 4, 5)), rng.randrange(0, 60, 5))
    return CrampCreate(
        at=timing.moment_in_night(day, clock, owner),
        muscle=rng.choices(("calf", "foot", "thigh", "hamstring"), (75, 15, 5, 5))[0],
        side=rng.choice(("left", "right", "right", "left", "both")),
        severity_0_10=min(10, max(1, round(rng.gauss(6, 2)))),
        duration_min=round(max(0.25, min(9.5, rng.lognormvariate(0.8, 0.6))), 1),
        relief=rng.sample(("stretch", "massage", "walking", "heat"), rng.randint(1, 2)),
        relief_effect=rng.choice(("a_little", "mostly", "mostly", "completely")),
    )


def log_demo_night(
    *, session: Session, owner: Owner, day: date, cramps: int, rng: random.Random
) -> None:
    """Log night ``day`` with ``cramps`` cramps (0: a cramp-free night) and a sleep rating."""
    for _ in range(cramps):
        cramp_in = demo_cramp(rng, day, owner)
        diary_service.log_cramp(session=session, owner=owner, cramp_in=cramp_in)
    disturbance = rng.randint(3, 8) if cramps else rng.randint(0, 2)
    night_in = NightCreate(night_of=day, no_cramps=cramps == 0, sleep_disturbance_0_10=disturbance)
    diary_service.record_night(session=session, owner=owner, night_in=night_in)


def fill_demo_nights(
    *, session: Session, owner: Owner, last: date, nights: int = 90, seed: int = 2026
) -> int:
    """Log ``nights`` nights ending with ``last``: some skipped, most calm, cramps in spells.

    About one night in ten is left unlogged (real diaries have gaps) and a cramp night makes the
    next one likelier. Returns the number of nights logged. (`nightcramps demo` uses
    ``nightcramps.demo``, which adds the days before the nights; this diary-only filler serves the
    page benchmarks.)
    """
    rng = random.Random(seed)
    logged = 0
    cramped_yesterday = False
    for offset in range(nights - 1, -1, -1):
        day = last - timedelta(days=offset)
        if rng.random() < 0.1:
            continue
        cramped_yesterday = rng.random() < (0.45 if cramped_yesterday else 0.22)
        count = rng.choice((1, 1, 1, 2, 2, 3)) if cramped_yesterday else 0
        log_demo_night(session=session, owner=owner, day=day, cramps=count, rng=rng)
        logged += 1
    return logged

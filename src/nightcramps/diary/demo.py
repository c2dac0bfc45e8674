"""Example nights for `nightcramps demo`, so a newcomer sees a populated diary."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from sqlalchemy.orm import Session

from nightcramps.diary import service as diary_service
from nightcramps.diary import timing
from nightcramps.diary.schemas import CrampCreate, NightCreate
from nightcramps.owner import Owner


def fill_demo_nights(
    *, session: Session, owner: Owner, last: date, nights: int = 90, seed: int = 2026
) -> int:
    """Log ``nights`` nights ending with ``last``: some skipped, most calm, clusters of cramps.

    About one night in ten is left unlogged (real diaries have gaps), cramps come in spells (a
    cramp night makes the next one likelier) and are mostly in the calf, a few minutes long.
    Returns the number of nights logged.
    """
    rng = random.Random(seed)
    logged = 0
    cramped_yesterday = False
    for offset in range(nights - 1, -1, -1):
        day = last - timedelta(days=offset)
        if rng.random() < 0.1:
            continue
        chance = 0.45 if cramped_yesterday else 0.22
        cramped_yesterday = rng.random() < chance
        disturbance = rng.randint(3, 8) if cramped_yesterday else rng.randint(0, 2)
        if not cramped_yesterday:
            night_in = NightCreate(night_of=day, no_cramps=True, sleep_disturbance_0_10=disturbance)
            diary_service.record_night(session=session, owner=owner, night_in=night_in)
        else:
            for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
                clock = time(rng.choice((23, 0, 1, 2, 3, 4, 5)), rng.randrange(0, 60, 5))
                cramp_in = CrampCreate(
                    at=timing.moment_in_night(
                        day, clock, tz=owner.tz, cutover_hour=owner.cutover_hour
                    ),
                    muscle=rng.choices(("calf", "foot", "thigh", "hamstring"), (75, 15, 5, 5))[0],
                    side=rng.choice(("left", "right", "right", "left", "both")),
                    severity_0_10=min(10, max(1, round(rng.gauss(6, 2)))),
                    duration_min=round(max(0.25, rng.lognormvariate(0.8, 0.7)), 1),
                    relief=rng.sample(("stretch", "massage", "walking", "heat"), rng.randint(1, 2)),
                    relief_effect=rng.choice(("a_little", "mostly", "mostly", "completely")),
                )
                diary_service.log_cramp(session=session, owner=owner, cramp_in=cramp_in)
            diary_service.record_night(
                session=session,
                owner=owner,
                night_in=NightCreate(night_of=day, sleep_disturbance_0_10=disturbance),
            )
        logged += 1
    return logged

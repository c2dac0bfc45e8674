"""intake days start at four

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Food and drink used to be dated by the local calendar date, while the day log counted anything
before 04:00 for the day before: a coffee at 00:30 landed on different days depending on which
log it was typed into. Both now use the one calendar (``nightcramps.timing.day_of``). This re-dates
the food and drink entries eaten between midnight and 04:00 local time (the default day start) to
the day before; nothing else changes. The downgrade dates them by the calendar again.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DAY_START_HOUR = 4

_person = sa.table("person", sa.column("id", sa.Integer), sa.column("timezone", sa.String))
_intake = sa.table(
    "intake_entry",
    sa.column("id", sa.Integer),
    sa.column("person_id", sa.Integer),
    sa.column("day", sa.Date),
    sa.column("eaten_at", sa.DateTime(timezone=True)),
)


def _redate(day_start_hour: int) -> None:
    bind = op.get_bind()
    zones = {row.id: ZoneInfo(row.timezone) for row in bind.execute(sa.select(_person))}
    rows = bind.execute(
        sa.select(_intake.c.id, _intake.c.person_id, _intake.c.day, _intake.c.eaten_at)
    )
    for row in rows.all():
        eaten_at: datetime = row.eaten_at
        if eaten_at.tzinfo is None:  # SQLite hands back naive UTC
            eaten_at = eaten_at.replace(tzinfo=UTC)
        wall = eaten_at.astimezone(zones.get(row.person_id, ZoneInfo("UTC")))
        day: date = wall.date() - timedelta(days=1) if wall.hour < day_start_hour else wall.date()
        if day != row.day:
            bind.execute(sa.update(_intake).where(_intake.c.id == row.id).values(day=day))


def upgrade() -> None:
    _redate(DAY_START_HOUR)


def downgrade() -> None:
    _redate(0)

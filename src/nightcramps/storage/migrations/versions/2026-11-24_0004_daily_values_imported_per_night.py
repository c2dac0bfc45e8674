"""daily values imported per night

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nightcramps.storage.base

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "daily_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("factor", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column(
            "created_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_daily_value_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_value")),
        sa.UniqueConstraint(
            "person_id",
            "day",
            "factor",
            "source",
            name=op.f("uq_daily_value_person_id_day_factor_source"),
        ),
    )
    with op.batch_alter_table("daily_value", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_daily_value_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("daily_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_daily_value_person_id"))

    op.drop_table("daily_value")

"""day log activity, stretching, medicines, sleep

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nightcramps.storage.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "day_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("steps", sa.Integer(), nullable=True),
        sa.Column("standing_h", sa.Numeric(precision=4, scale=2), nullable=True),
        sa.Column("sitting_h", sa.Numeric(precision=4, scale=2), nullable=True),
        sa.Column("massage_used", sa.Boolean(), nullable=True),
        sa.Column("heat_used", sa.Boolean(), nullable=True),
        sa.Column("no_stretching", sa.Boolean(), nullable=False),
        sa.Column("no_exercise", sa.Boolean(), nullable=False),
        sa.Column("no_alcohol", sa.Boolean(), nullable=False),
        sa.Column("no_caffeine", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("deleted_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_day_record_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_record")),
        sa.UniqueConstraint("person_id", "day", name=op.f("uq_day_record_person_id_day")),
    )
    with op.batch_alter_table("day_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_day_record_person_id"), ["person_id"], unique=False)

    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("started_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("activity_type", sa.String(length=50), nullable=False),
        sa.Column("duration_min", sa.Numeric(precision=6, scale=1), nullable=False),
        sa.Column("intensity_0_10", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("deleted_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_activity_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ix_activity_person_id_day", ["person_id", "day"], unique=False)

    op.create_table(
        "stretch_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("routine", sa.String(length=100), nullable=False),
        sa.Column("duration_min", sa.Numeric(precision=5, scale=1), nullable=True),
        sa.Column(
            "created_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("deleted_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_stretch_session_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stretch_session")),
    )
    with op.batch_alter_table("stretch_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stretch_session_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            "ix_stretch_session_person_id_day", ["person_id", "day"], unique=False
        )

    op.create_table(
        "alcohol_intake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("drinks", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("standard_units", sa.Numeric(precision=6, scale=2), nullable=True),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column(
            "created_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("deleted_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_alcohol_intake_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alcohol_intake")),
    )
    with op.batch_alter_table("alcohol_intake", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_alcohol_intake_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index("ix_alcohol_intake_person_id_day", ["person_id", "day"], unique=False)

    op.create_table(
        "caffeine_intake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("caffeine_mg", sa.Numeric(precision=7, scale=1), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column(
            "created_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("deleted_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_caffeine_intake_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_caffeine_intake")),
    )
    with op.batch_alter_table("caffeine_intake", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_caffeine_intake_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            "ix_caffeine_intake_person_id_day", ["person_id", "day"], unique=False
        )

    op.create_table(
        "sleep_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("bed_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("wake_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("deleted_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_sleep_period_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sleep_period")),
    )
    with op.batch_alter_table("sleep_period", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sleep_period_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ix_sleep_period_person_id_day", ["person_id", "day"], unique=False)

    op.create_table(
        "medicine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("dose", sa.String(length=100), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("deleted_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_medicine_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medicine")),
    )
    with op.batch_alter_table("medicine", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_medicine_person_id"), ["person_id"], unique=False)

    # ---- guidance (issue 4, part B): the bedtime-stretch reminder time, one row per person ----
    op.create_table(
        "guidance_reminder",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("remind_at", sa.Time(), nullable=False),
        sa.Column(
            "updated_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_guidance_reminder_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_guidance_reminder")),
    )
    # ---- end guidance ----


def downgrade() -> None:
    # ---- guidance (issue 4, part B) ----
    op.drop_table("guidance_reminder")
    # ---- end guidance ----

    with op.batch_alter_table("medicine", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_medicine_person_id"))
    op.drop_table("medicine")

    with op.batch_alter_table("sleep_period", schema=None) as batch_op:
        batch_op.drop_index("ix_sleep_period_person_id_day")
        batch_op.drop_index(batch_op.f("ix_sleep_period_person_id"))
    op.drop_table("sleep_period")

    with op.batch_alter_table("caffeine_intake", schema=None) as batch_op:
        batch_op.drop_index("ix_caffeine_intake_person_id_day")
        batch_op.drop_index(batch_op.f("ix_caffeine_intake_person_id"))
    op.drop_table("caffeine_intake")

    with op.batch_alter_table("alcohol_intake", schema=None) as batch_op:
        batch_op.drop_index("ix_alcohol_intake_person_id_day")
        batch_op.drop_index(batch_op.f("ix_alcohol_intake_person_id"))
    op.drop_table("alcohol_intake")

    with op.batch_alter_table("stretch_session", schema=None) as batch_op:
        batch_op.drop_index("ix_stretch_session_person_id_day")
        batch_op.drop_index(batch_op.f("ix_stretch_session_person_id"))
    op.drop_table("stretch_session")

    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_person_id_day")
        batch_op.drop_index(batch_op.f("ix_activity_person_id"))
    op.drop_table("activity")

    with op.batch_alter_table("day_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_day_record_person_id"))
    op.drop_table("day_record")

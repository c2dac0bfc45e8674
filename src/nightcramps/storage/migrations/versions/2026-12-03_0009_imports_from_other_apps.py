"""imports from other apps

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Issue 13: every import from Apple Health, Cronometer, MyFitnessPal, Fitbit or Garmin is an
``import_record``; the day values it adds point at it (``daily_value.import_id``) and so do its
workouts (``imported_workout``), so undoing it deletes exactly what it added. The daily CSV's
values keep ``import_id`` NULL and their one value per day, factor and source (a partial unique
index); values of imports are unique per import, so a newer import of the same app can shadow an
older one's value without losing it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nightcramps.storage.base

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

Stamp = nightcramps.storage.base.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "import_record",
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("bytes_read", sa.BigInteger(), nullable=False),
        sa.Column("bytes_total", sa.BigInteger(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("skipped", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("staged", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("finished_at", Stamp(timezone=True), nullable=True),
        sa.Column("undone_at", Stamp(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", Stamp(timezone=True), nullable=False),
        sa.Column("updated_at", Stamp(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_import_record_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_record")),
    )
    op.create_index(op.f("ix_import_record_person_id"), "import_record", ["person_id"])
    op.create_index(op.f("ix_import_record_sha256"), "import_record", ["sha256"])
    op.create_table(
        "imported_workout",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("started_at", Stamp(timezone=True), nullable=False),
        sa.Column("ended_at", Stamp(timezone=True), nullable=False),
        sa.Column("activity", sa.String(length=80), nullable=False),
        sa.Column("duration_min", sa.Float(), nullable=False),
        sa.Column("energy_kcal", sa.Float(), nullable=True),
        sa.Column("distance_km", sa.Float(), nullable=True),
        sa.Column("device", sa.String(length=120), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", Stamp(timezone=True), nullable=False),
        sa.Column("updated_at", Stamp(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["import_record.id"],
            name=op.f("fk_imported_workout_import_id_import_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_imported_workout_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_workout")),
        sa.UniqueConstraint(
            "import_id",
            "started_at",
            "activity",
            name=op.f("uq_imported_workout_import_id_started_at_activity"),
        ),
    )
    op.create_index(op.f("ix_imported_workout_day"), "imported_workout", ["day"])
    op.create_index(op.f("ix_imported_workout_import_id"), "imported_workout", ["import_id"])
    op.create_index(op.f("ix_imported_workout_person_id"), "imported_workout", ["person_id"])
    with op.batch_alter_table("daily_value", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_id", sa.Integer(), nullable=True))
        batch_op.drop_constraint("uq_daily_value_person_id_day_factor_source", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_daily_value_person_id_day_factor_source_import_id"),
            ["person_id", "day", "factor", "source", "import_id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_daily_value_import_id_import_record"),
            "import_record",
            ["import_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(batch_op.f("ix_daily_value_import_id"), ["import_id"])
    op.create_index(
        "uq_daily_value_without_import",
        "daily_value",
        ["person_id", "day", "factor", "source"],
        unique=True,
        sqlite_where=sa.text("import_id IS NULL"),
        postgresql_where=sa.text("import_id IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_daily_value_without_import", table_name="daily_value")
    op.execute("DELETE FROM daily_value WHERE import_id IS NOT NULL")
    with op.batch_alter_table("daily_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_daily_value_import_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_daily_value_import_id_import_record"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("uq_daily_value_person_id_day_factor_source_import_id"), type_="unique"
        )
        batch_op.create_unique_constraint(
            "uq_daily_value_person_id_day_factor_source", ["person_id", "day", "factor", "source"]
        )
        batch_op.drop_column("import_id")
    op.drop_table("imported_workout")
    op.drop_table("import_record")

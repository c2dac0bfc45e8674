"""personal experiments

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04

Issue 16: a personal experiment (``experiment``) and the nights of its randomised schedule
(``experiment_night``: arm, period, washout and the one-tap adherence answer), written when the
experiment is made, before night 1, with the hash of the sequence.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nightcramps.storage.base

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

Stamp = nightcramps.storage.base.UTCDateTime


def _owned(table: str) -> list[sa.schema.SchemaItem]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", Stamp(timezone=True), nullable=False),
        sa.Column("updated_at", Stamp(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f(f"fk_{table}_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade() -> None:
    op.create_table(
        "experiment",
        sa.Column("remedy", sa.String(length=20), nullable=False),
        sa.Column("blocks", sa.Integer(), nullable=False),
        sa.Column("period_nights", sa.Integer(), nullable=False),
        sa.Column("washout_nights", sa.Integer(), nullable=False),
        sa.Column("run_in_nights", sa.Integer(), nullable=False),
        sa.Column("run_in_starts_on", sa.Date(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("stop_reason", sa.Text(), nullable=False),
        sa.Column("stopped_by", sa.String(length=12), nullable=False),
        sa.Column("stopped_at", Stamp(timezone=True), nullable=True),
        sa.Column("stopped_on", sa.Date(), nullable=True),
        sa.Column("sequence_hash", sa.String(length=64), nullable=False),
        sa.Column("extension_hash", sa.String(length=64), nullable=False),
        sa.Column("extended_blocks", sa.Integer(), nullable=False),
        sa.Column("doctor_agreed", sa.Boolean(), nullable=False),
        sa.Column("run_in_cramps_per_night", sa.Float(), nullable=True),
        *_owned("experiment"),
    )
    op.create_index(op.f("ix_experiment_person_id"), "experiment", ["person_id"])
    op.create_table(
        "experiment_night",
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("arm", sa.String(length=1), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("washout", sa.Boolean(), nullable=False),
        sa.Column("adhered", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["experiment_id"],
            ["experiment.id"],
            name=op.f("fk_experiment_night_experiment_id_experiment"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "experiment_id", "day", name=op.f("uq_experiment_night_experiment_id_day")
        ),
        *_owned("experiment_night"),
    )
    op.create_index(
        op.f("ix_experiment_night_experiment_id"), "experiment_night", ["experiment_id"]
    )
    op.create_index(op.f("ix_experiment_night_person_id"), "experiment_night", ["person_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_experiment_night_person_id"), table_name="experiment_night")
    op.drop_index(op.f("ix_experiment_night_experiment_id"), table_name="experiment_night")
    op.drop_table("experiment_night")
    op.drop_index(op.f("ix_experiment_person_id"), table_name="experiment")
    op.drop_table("experiment")

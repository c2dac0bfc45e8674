"""person health conditions

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

The health questions of the profile (issue 10): kidney disease and its stage, liver disease,
diabetes, thyroid disease, heart failure, a fluid limit, the date pregnancy week 0 fell on, and
when the answers were last reviewed. Everyone starts with every answer NULL ("not answered") and
not reviewed, so the pages ask each person once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nightcramps.storage.base

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kidney_disease", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("liver_disease", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("diabetes", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("thyroid_disease", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("heart_failure", sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column("fluid_limit_ml", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pregnancy_started_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "conditions_reviewed_at",
                nightcramps.storage.base.UTCDateTime(timezone=True),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("conditions_reviewed_at")
        batch_op.drop_column("pregnancy_started_on")
        batch_op.drop_column("fluid_limit_ml")
        batch_op.drop_column("heart_failure")
        batch_op.drop_column("thyroid_disease")
        batch_op.drop_column("diabetes")
        batch_op.drop_column("liver_disease")
        batch_op.drop_column("kidney_disease")

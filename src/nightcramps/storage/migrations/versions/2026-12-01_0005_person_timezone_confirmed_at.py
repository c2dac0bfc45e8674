"""person timezone confirmed at

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Existing people start unconfirmed (NULL): their zone may be the server's UTC that nobody chose,
so the pages ask each of them once. Nothing else changes: zones and logged nights stay as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nightcramps.storage.base

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "timezone_confirmed_at",
                nightcramps.storage.base.UTCDateTime(timezone=True),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("timezone_confirmed_at")

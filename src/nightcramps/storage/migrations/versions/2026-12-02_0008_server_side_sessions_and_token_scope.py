"""server-side sessions and token scope

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

Issue 11 (security hardening, audit findings M3 and L5):

- ``browser_session``: browser sessions move from a signed cookie (readable by anyone holding
  it, valid until it expired however often the person signed out) into the database; the cookie
  keeps only a random id, this table its SHA-256 digest. Sessions go with their person.
- ``api_token.scope`` and ``api_token.expires_at``: tokens become read-only or read-write and
  expire. Tokens made before this revision keep working as they did (scope ``write``) for 90
  days from the upgrade, then are refused like any expired token. The downgrade drops both
  columns (tokens then never expire again) and the sessions (everyone signs in again).
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

import nightcramps.storage.base
from nightcramps import timing

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

EXISTING_TOKEN_DAYS = 90
"""How long a token made before expiry existed lasts from the upgrade."""


def upgrade() -> None:
    op.create_table(
        "browser_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("user_agent", sa.String(length=100), nullable=False),
        sa.Column(
            "created_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "last_seen_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "expires_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_browser_session_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_browser_session")),
        sa.UniqueConstraint("digest", name=op.f("uq_browser_session_digest")),
    )
    with op.batch_alter_table("browser_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_browser_session_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_browser_session_person_id"), ["person_id"], unique=False
        )

    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scope", sa.String(length=10), nullable=False, server_default="write")
        )
        batch_op.add_column(
            sa.Column(
                "expires_at", nightcramps.storage.base.UTCDateTime(timezone=True), nullable=True
            )
        )
    # The moment of the upgrade, on the clock the caller runs on (nightcramps.timing).
    expires = timing.utcnow() + timedelta(days=EXISTING_TOKEN_DAYS)
    token = sa.table(
        "api_token", sa.column("expires_at", nightcramps.storage.base.UTCDateTime(timezone=True))
    )
    op.execute(token.update().where(token.c.expires_at.is_(None)).values(expires_at=expires))
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.alter_column("scope", server_default=None)
        batch_op.alter_column(
            "expires_at",
            existing_type=nightcramps.storage.base.UTCDateTime(timezone=True),
            nullable=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
        batch_op.drop_column("scope")
    with op.batch_alter_table("browser_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_browser_session_person_id"))
        batch_op.drop_index(batch_op.f("ix_browser_session_expires_at"))
    op.drop_table("browser_session")

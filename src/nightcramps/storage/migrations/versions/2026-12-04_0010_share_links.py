"""share links

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04

Issue 15: read-only, time-limited, revocable links to the report (and the diary) for a clinician
or a carer. ``share_link`` keeps only the SHA-256 digest of each link's token; ``share_view``
notes every page served through a link (when, and which page), for the person to see.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nightcramps.storage.base

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

Stamp = nightcramps.storage.base.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "share_link",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("expires_at", Stamp(timezone=True), nullable=False),
        sa.Column("revoked_at", Stamp(timezone=True), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", Stamp(timezone=True), nullable=False),
        sa.Column("updated_at", Stamp(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_share_link_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_link")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_share_link_token_hash")),
    )
    op.create_index(op.f("ix_share_link_person_id"), "share_link", ["person_id"])
    op.create_table(
        "share_view",
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("viewed_at", Stamp(timezone=True), nullable=False),
        sa.Column("path", sa.String(length=40), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", Stamp(timezone=True), nullable=False),
        sa.Column("updated_at", Stamp(timezone=True), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["share_link.id"],
            name=op.f("fk_share_view_link_id_share_link"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_share_view_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_share_view")),
    )
    op.create_index(op.f("ix_share_view_link_id"), "share_view", ["link_id"])
    op.create_index(op.f("ix_share_view_person_id"), "share_view", ["person_id"])


def downgrade() -> None:
    op.drop_table("share_view")
    op.drop_table("share_link")

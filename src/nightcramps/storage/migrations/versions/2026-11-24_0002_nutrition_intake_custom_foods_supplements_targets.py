"""nutrition intake, custom foods, supplements, targets

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import nightcramps.storage.base

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NUTRIENTS = (
    "energy_kcal",
    "water_g",
    "magnesium_mg",
    "potassium_mg",
    "calcium_mg",
    "sodium_mg",
    "caffeine_mg",
    "alcohol_g",
    "protein_g",
    "carbohydrate_g",
    "fat_g",
)


def _nutrient_columns() -> list[sa.Column[object]]:
    """The eleven nullable nutrient columns (NULL = unknown) shared by four tables."""
    return [sa.Column(name, sa.Numeric(precision=12, scale=3), nullable=True) for name in NUTRIENTS]


def _stamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, nightcramps.storage.base.UTCDateTime(timezone=True), nullable=nullable)


def _person(table: str) -> list[sa.schema.SchemaItem]:
    return [
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
        "intake_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        _stamp("eaten_at"),
        sa.Column("meal", sa.String(length=20), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("food_ref", sa.String(length=40), nullable=False),
        sa.Column("food_name", sa.String(length=300), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=True),
        sa.Column("unit", sa.String(length=80), nullable=True),
        sa.Column("grams", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("volume_ml", sa.Numeric(precision=12, scale=2), nullable=True),
        _stamp("created_at"),
        _stamp("updated_at"),
        _stamp("deleted_at", nullable=True),
        *_nutrient_columns(),
        *_person("intake_entry"),
    )
    with op.batch_alter_table("intake_entry", schema=None) as batch_op:
        batch_op.create_index("ix_intake_entry_person_id_day", ["person_id", "day"], unique=False)

    op.create_table(
        "custom_food",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("basis", sa.String(length=12), nullable=False),
        sa.Column("serving_name", sa.String(length=60), nullable=False),
        sa.Column("serving_g", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("serving_ml", sa.Numeric(precision=10, scale=2), nullable=True),
        _stamp("created_at"),
        _stamp("updated_at"),
        _stamp("deleted_at", nullable=True),
        *_nutrient_columns(),
        *_person("custom_food"),
    )
    with op.batch_alter_table("custom_food", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_custom_food_person_id"), ["person_id"], unique=False)

    op.create_table(
        "supplement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit_name", sa.String(length=40), nullable=False),
        sa.Column("volume_ml_per_unit", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        _stamp("created_at"),
        _stamp("updated_at"),
        _stamp("deleted_at", nullable=True),
        *_nutrient_columns(),
        *_person("supplement"),
    )
    with op.batch_alter_table("supplement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supplement_person_id"), ["person_id"], unique=False)

    op.create_table(
        "intake_favourite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("food_ref", sa.String(length=40), nullable=False),
        sa.Column("food_name", sa.String(length=300), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=12, scale=3), nullable=True),
        sa.Column("unit", sa.String(length=80), nullable=True),
        sa.Column("grams", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("volume_ml", sa.Numeric(precision=12, scale=2), nullable=True),
        _stamp("created_at"),
        *_nutrient_columns(),
        *_person("intake_favourite"),
    )
    with op.batch_alter_table("intake_favourite", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_intake_favourite_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "target_override",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nutrient", sa.String(length=30), nullable=False),
        sa.Column("value", sa.Numeric(precision=10, scale=1), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        _stamp("created_at"),
        _stamp("updated_at"),
        *_person("target_override"),
        sa.UniqueConstraint(
            "person_id", "nutrient", name=op.f("uq_target_override_person_id_nutrient")
        ),
    )
    with op.batch_alter_table("target_override", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_target_override_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("target_override", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_override_person_id"))
    op.drop_table("target_override")
    with op.batch_alter_table("intake_favourite", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intake_favourite_person_id"))
    op.drop_table("intake_favourite")
    with op.batch_alter_table("supplement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_supplement_person_id"))
    op.drop_table("supplement")
    with op.batch_alter_table("custom_food", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_custom_food_person_id"))
    op.drop_table("custom_food")
    with op.batch_alter_table("intake_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_intake_entry_person_id_day")
    op.drop_table("intake_entry")

"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from nightcramps.storage.engine import make_engine
from nightcramps.storage.migrate import alembic_config, upgrade
from nightcramps.storage.registry import Base


def test_migrated_schema_equals_models(engine: Engine) -> None:
    """Autogenerate finds no difference between the migrated database and the models."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_history_is_one_linear_chain(engine: Engine) -> None:
    """There is exactly one head and every revision has at most one parent."""
    script = ScriptDirectory.from_config(alembic_config(engine))
    assert len(script.get_heads()) == 1
    for revision in script.walk_revisions():
        assert not isinstance(revision.down_revision, tuple | list)


def test_sqlite_runs_with_foreign_keys_and_wal(engine: Engine) -> None:
    """SQLite connections enforce foreign keys and use write-ahead logging."""
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_every_model_table_exists(engine: Engine) -> None:
    """All tables of the models are in the migrated database."""
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())


def test_intake_after_midnight_is_redated_to_the_day_before(tmp_path: Path) -> None:
    """Migration 0006 moves food eaten at 00:30 local time to the day before (the one calendar),
    keeps a 08:00 breakfast where it was, and its downgrade puts the calendar date back."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, is_local, display_name, pregnant, lactating, timezone, "
                "created_at) VALUES (1, 1, '', 0, 0, :tz, '2026-11-01 00:00:00')"
            ),
            {"tz": "America/New_York"},
        )
        for entry_id, day, eaten_at in (
            (1, "2026-11-24", "2026-11-24 05:30:00"),  # 00:30 in New York
            (2, "2026-11-24", "2026-11-24 13:00:00"),  # 08:00 in New York
        ):
            conn.execute(
                text(
                    "INSERT INTO intake_entry (id, person_id, day, eaten_at, kind, description, "
                    "source, food_ref, food_name, created_at, updated_at) VALUES (:id, 1, :day, "
                    ":at, 'food', 'milk', 'manual', 'usda:01077', 'Milk', :at, :at)"
                ),
                {"id": entry_id, "day": day, "at": eaten_at},
            )

    def days() -> list[str]:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT day FROM intake_entry ORDER BY id"))
            return [str(day) for (day,) in rows]

    upgrade(engine, "0006")
    assert days() == ["2026-11-23", "2026-11-24"]
    command.downgrade(alembic_config(engine), "0005")
    assert days() == ["2026-11-24", "2026-11-24"]
    engine.dispose()


def test_health_conditions_start_not_answered(tmp_path: Path) -> None:
    """Migration 0007 gives an existing person every health answer NULL ("not answered") and no
    review time, so the pages ask them once; its downgrade drops the columns again."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0006")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO person (id, is_local, display_name, pregnant, lactating, timezone, "
                "created_at) VALUES (1, 1, '', 0, 0, 'Europe/London', '2026-11-01 00:00:00')"
            )
        )
    upgrade(engine, "0007")
    columns = (
        "kidney_disease, liver_disease, diabetes, thyroid_disease, heart_failure, "
        "fluid_limit_ml, pregnancy_started_on, conditions_reviewed_at"
    )
    with engine.connect() as conn:
        row = conn.execute(text(f"SELECT {columns} FROM person")).one()
    assert tuple(row) == (None,) * 8
    command.downgrade(alembic_config(engine), "0006")
    names = {c["name"] for c in inspect(engine).get_columns("person")}
    assert "kidney_disease" not in names and "conditions_reviewed_at" not in names
    engine.dispose()

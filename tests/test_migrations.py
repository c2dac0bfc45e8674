"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from nightcramps.storage.migrate import alembic_config
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

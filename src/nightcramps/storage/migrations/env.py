"""Alembic environment: batch mode for SQLite, the engine handed in by ``storage.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from nightcramps.storage.registry import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine: Engine | None = config.attributes.get("engine")
    if engine is None:
        from nightcramps.config import Settings
        from nightcramps.storage.engine import make_engine

        engine = make_engine(Settings().database_url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()

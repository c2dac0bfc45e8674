"""Alembic environment: batch mode for SQLite, the engine handed in by ``storage.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, text

from nightcramps.storage.registry import Base

config = context.config
target_metadata = Base.metadata
LOCK_KEY = 0x4E69676874437261  # "NightCra": this app's PostgreSQL advisory lock for migrations


def run_migrations_online() -> None:
    engine: Engine | None = config.attributes.get("engine")
    if engine is None:
        from nightcramps.config import get_settings
        from nightcramps.storage.engine import make_engine

        engine = make_engine(get_settings().database_url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
            compare_type=True,
        )
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                # Processes starting at once take turns: the first migrates, the others wait for
                # it here and then find nothing to do (held until this transaction ends).
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            context.run_migrations()
        connection.commit()


run_migrations_online()

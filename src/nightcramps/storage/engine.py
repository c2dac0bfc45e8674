"""Engines for SQLite (WAL, foreign keys on) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url


@dataclass(frozen=True, slots=True)
class PoolSize:
    """The connection pool of a server process (the ``NIGHTCRAMPS_DATABASE_POOL_*`` settings)."""

    size: int
    max_overflow: int
    timeout_s: float


def make_engine(database_url: str, *, pool: PoolSize | None = None, **kwargs: Any) -> Engine:
    """Create an engine for ``database_url``, preparing SQLite files and pragmas.

    A SQLite file's folder is created if missing. Every SQLite connection gets foreign keys on
    (off by default in SQLite) and write-ahead logging, so the web server can read while the CLI
    writes. ``pool`` sizes the connection pool (SQLAlchemy's defaults without it: 5 + 10
    overflow, 30 s); an in-memory SQLite database keeps its one connection per thread.
    """
    url = make_url(database_url)
    in_memory = url.drivername.startswith("sqlite") and url.database in (None, "", ":memory:")
    if pool is not None and not in_memory:
        kwargs = {
            "pool_size": pool.size,
            "max_overflow": pool.max_overflow,
            "pool_timeout": pool.timeout_s,
            **kwargs,
        }
    if url.drivername.startswith("sqlite"):
        if not in_memory and url.database:
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()

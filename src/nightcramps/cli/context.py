"""What every command needs: the settings, a migrated database, and the person acting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from nightcramps.config import Settings

if TYPE_CHECKING:  # the database modules load when a command first opens it
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from nightcramps.owner import Owner


@dataclass
class CliState:
    """Held in ``typer.Context.obj``; the database is opened (and migrated) on first use."""

    settings: Settings
    user_email: str | None = None
    _engine: Engine | None = field(default=None, repr=False)
    _factory: sessionmaker[Session] | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from nightcramps.housekeeping import purge_expired
            from nightcramps.storage.engine import make_engine
            from nightcramps.storage.migrate import upgrade

            self._engine = make_engine(self.settings.database_url)
            upgrade(self._engine)
            purge_expired(self._engine, self.settings)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        from nightcramps.storage.session import make_sessionmaker, session_scope

        if self._factory is None:
            self._factory = make_sessionmaker(self.engine)
        with session_scope(self._factory) as session:
            yield session

    def person_id(self, session: Session) -> int:
        """The acting person: ``--user EMAIL`` in accounts mode, else the local person."""
        from nightcramps.accounts import service as accounts_service

        if self.user_email:
            return accounts_service.find_person_by_email(session=session, email=self.user_email).id
        person = accounts_service.get_local_person(
            session=session, timezone=self.settings.default_timezone
        )
        return person.id

    def owner(self, session: Session) -> Owner:
        from nightcramps.accounts import service as accounts_service

        person = accounts_service.get_person(session=session, person_id=self.person_id(session))
        return accounts_service.owner_of(
            person,
            cutover_hour=self.settings.night_cutover_hour,
            day_start_hour=self.settings.day_start_hour,
        )

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def state(ctx: typer.Context) -> CliState:
    """The ``CliState`` of the running command."""
    root = ctx.find_root()
    assert isinstance(root.obj, CliState)
    return root.obj

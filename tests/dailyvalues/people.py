"""Extra people for isolation tests (the local person is the ``owner`` fixture)."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from nightcramps.accounts import service as accounts_service
from nightcramps.accounts.models import Person
from nightcramps.owner import Owner

_numbers = itertools.count()


def make_owner(session: Session, name: str = "other") -> Owner:
    """A new person in London with the default noon cut-over."""
    person = Person(display_name=f"{name} {next(_numbers)}", timezone="Europe/London")
    session.add(person)
    session.flush()
    return accounts_service.owner_of(person, cutover_hour=12)

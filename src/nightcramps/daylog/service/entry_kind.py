"""What declaring a kind of day-log entry takes: :class:`EntryKind` (its table, its schemas, its
names and what it counts toward) and :class:`Contribution` (how its entries add up into one of the
day's factors). The declarations themselves are in ``kinds``.

A kind whose declaration gives no ``custom_*`` behaviour is a *dated entry*: its model has a
``day`` and a time column (``time_attr``), its create schema takes ``at`` and/or ``day``, and it
is logged on the day of its time (or the day given) and changed field by field
(``entries``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from nightcramps.inputs import Input
from nightcramps.owner import Owner
from nightcramps.storage.owned import SoftDeletable

M = TypeVar("M", bound=SoftDeletable)
C = TypeVar("C", bound=Input)
U = TypeVar("U", bound=Input)
P = TypeVar("P", bound=BaseModel)
C_in = TypeVar("C_in", bound=Input, contravariant=True)
U_in = TypeVar("U_in", bound=Input, contravariant=True)
M_in = TypeVar("M_in", bound=SoftDeletable, contravariant=True)
P_out = TypeVar("P_out", bound=BaseModel, covariant=True)


class Logs(Protocol[C_in, P_out]):
    """Logs a new entry from its create schema (a kind's own way: a sleep, a medicine)."""

    def __call__(
        self, *, session: Session, owner: Owner, entry_in: C_in, now: datetime | None = None
    ) -> P_out: ...


class Updates(Protocol[M_in, U_in, P_out]):
    """Applies a change to a stored entry (the person's, live: the caller found it)."""

    def __call__(
        self,
        *,
        session: Session,
        owner: Owner,
        entry: M_in,
        entry_in: U_in,
        now: datetime | None = None,
    ) -> P_out: ...


class ListsAll(Protocol[P]):
    """Lists every live entry of a kind that has no days (medicines), in the kind's own order."""

    def __call__(self, *, session: Session, owner: Owner) -> list[P]: ...


@dataclass(frozen=True)
class Contribution:
    """How a kind's entries count toward one of the day's factors (``daily_factors``): the
    amounts of a day's entries are added up; no entry is unknown, unless the day has the kind's
    "none today" answer, which makes it 0."""

    factor: str
    """The factor's name, a key of ``DayFactorsPublic`` (``alcohol_drinks``)."""
    columns: tuple[Any, ...] = ()
    """The model's columns an entry's amount is read from."""
    amount: Callable[[Any], float] | None = None
    """What one entry adds, from a row ``(day, *columns)``. None: the factor says only whether
    there was an entry that day (1), not how much."""
    load: Callable[[Any], float] | None = None
    """An entry's share of the day's training load, for the exertion ratio (``exertion``);
    None when the kind is not exercise."""


@dataclass(frozen=True, eq=False)
class EntryKind(Generic[M, C, U, P]):
    """One kind of day-log entry, declared once: the API, the CLI, the pages' delete and undo,
    the day's log and its factors are built from this.

    ``M`` is its model, ``C``, ``U`` and ``P`` its create, update and public schemas, so that
    the kind-generic service functions (``log_entry``, ``get_entry``, …) return ``P``.
    """

    key: str
    """The kind's name in code and in page addresses (``/entries/activity/3/delete``)."""
    model: type[M]
    create: type[C]
    update: type[U]
    public: type[P]
    list_public: type[BaseModel]
    """The API's list answer, ``{data: [P], count}``."""
    noun: str
    """An entry in words, as messages say it: "workout", "alcohol entry"."""
    plural: str
    """The plural of ``noun``: "workouts"."""
    path: str
    """Its API addresses, ``/api/v1/{path}``, and its field in the day's log (``DayLogPublic``)."""
    cli_group: str
    """Its CLI group: ``nightcramps {cli_group} list``."""
    cli_help: str
    """The group's help in ``nightcramps --help``."""
    describe: Callable[[P], str]
    """An entry in a few words, for "Logged: …" messages ("95 mg caffeine")."""
    cli_columns: tuple[tuple[str, str], ...] = ()
    """The table ``{cli_group} list`` prints: (heading, attribute of ``P``)."""
    none_flag: str | None = None
    """The ``DayRecord`` answer an entry contradicts ("no_alcohol"): logging one withdraws it."""
    contribution: Contribution | None = None
    """What its entries count toward in the day's factors; None: nothing (medicines)."""
    time_attr: str = "at"
    """The model's column for the entry's time (``at`` in the schemas)."""
    log_verb: str = "log"
    """What logging one is called in the API's operation names (``api_log_activity``)."""
    api_docs: Mapping[str, str] = field(default_factory=dict)
    """API operation descriptions where the usual ones (:meth:`api_doc`) do not fit."""
    home_page: str | None = None
    """The page an undated kind's entries are on; a dated entry's is the Today page of its day."""
    custom_log: Logs[C, P] | None = None
    custom_update: Updates[M, U, P] | None = None
    custom_list: ListsAll[P] | None = None
    """Required for a kind without days; a dated kind lists by date range."""
    custom_public: Callable[[M], P] | None = None
    """For a public schema with fields not read from the row (a medicine's matches)."""
    check_restore: Callable[[Session, Owner, M], None] | None = None
    """Refuses restoring an entry that would contradict what was logged since (raises)."""

    def __post_init__(self) -> None:
        """Refuse a declaration that cannot work: a kind without days has no usual behaviour."""
        if not self.dated and None in (self.custom_log, self.custom_update, self.custom_list):
            raise TypeError(f"{self.key}: a kind without days needs its own log, update, list")

    @property
    def dated(self) -> bool:
        """Whether its entries belong to a day (every kind but medicines)."""
        return hasattr(self.model, "day")

    def public_of(self, row: M) -> P:
        """A stored entry as its public schema."""
        if self.custom_public is not None:
            return self.custom_public(row)
        return self.public.model_validate(row)

    def missing(self, *, deleted: bool = False) -> str:
        """The "not found" message for ``owned.get_owned`` (``{id}`` is the number asked for)."""
        what = "deleted " if deleted else ""
        return f"There is no {what}{self.noun} number {{id}} in your log."

    def api_doc(self, operation: str) -> str:
        """The OpenAPI description of one of its operations (list, log, get, update, delete,
        restore)."""
        a_noun = f"{'an' if self.noun[0] in 'aeiou' else 'a'} {self.noun}"
        usual = {
            "list": f"{self.plural.capitalize()} in a date range, newest first.",
            "log": f"Log {a_noun}.",
            "get": f"One {self.noun}.",
            "update": f"Change {a_noun}.",
            "delete": f"Delete {a_noun} (restorable within the undo window).",
            "restore": f"Undo the deletion of {a_noun}.",
        }
        return self.api_docs.get(operation, usual[operation])


AnyKind = EntryKind[Any, Any, Any, Any]
"""A kind not known until run time (one picked by its key)."""

"""The rows of the test database, read with SQLAlchemy before and after a sweep and compared.

The tables are reflected from the migrated database (not taken from the models), so a table
added by a new migration is compared too.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from sqlalchemy import Engine, MetaData, Table, select

Rows = dict[tuple[str, str], tuple[str, ...]]
"""(table, primary key) → the row's values (as text, so that they compare and print)."""


@cache
def _tables(engine: Engine) -> tuple[Table, ...]:
    metadata = MetaData()
    metadata.reflect(engine)
    return tuple(metadata.sorted_tables)


def tables_of_people(engine: Engine) -> list[str]:
    """The tables that hold people's data: ``person`` and every table with a ``person_id``."""
    return [t.name for t in _tables(engine) if t.name == "person" or "person_id" in t.c]


def dump(
    engine: Engine, people: Collection[int] | None = None, *, leave_out: Collection[str] = ()
) -> Rows:
    """Every row of the people's tables (``person`` and those with a ``person_id``) that belongs
    to one of ``people``, or every row of every table when ``people`` is None; without the
    tables and the ``table.column`` named in ``leave_out``."""
    rows: Rows = {}
    with engine.connect() as conn:
        for table in _tables(engine):
            if table.name in leave_out:
                continue
            query = select(table)
            if people is not None:
                if table.name == "person":
                    query = query.where(table.c.id.in_(people))
                elif "person_id" in table.c:
                    query = query.where(table.c.person_id.in_(people))
                else:
                    continue
            key_columns = list(table.primary_key.columns) or list(table.columns)
            for row in conn.execute(query).mappings():
                key = ",".join(f"{c.name}={row[c.name]}" for c in key_columns)
                kept = [c for c in table.columns.keys() if f"{table.name}.{c}" not in leave_out]
                rows[(table.name, key)] = tuple(f"{c}={row[c]!r}" for c in kept)
    return rows


def differences(before: Rows, after: Rows, limit: int = 20) -> list[str]:
    """What changed, row by row: added, removed, and each changed column."""
    said = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        where = f"{key[0]} {key[1]}"
        if old is None:
            said.append(f"added {where}")
        elif new is None:
            said.append(f"removed {where}")
        else:
            changed = [f"{a} → {b}" for a, b in zip(old, new, strict=True) if a != b]
            said.append(f"changed {where}: {'; '.join(changed)}")
    return said[:limit]


def columns_changed(before: Rows, after: Rows) -> set[str]:
    """``table.column`` of every value that differs (every column of an added or removed row
    counts as its table)."""
    changed = {key[0] for key in before.keys() ^ after.keys()}
    for key in before.keys() & after.keys():
        for old, new in zip(before[key], after[key], strict=True):
            if old != new:
                changed.add(f"{key[0]}.{old.split('=', 1)[0]}")
    return changed

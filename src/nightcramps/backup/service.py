"""A whole diary in one zip, back into an empty diary exactly, and "delete everything".

The backup is built from the schema, not from a list kept by hand: every table with a
``person_id`` column is a kind of entry, so a feature that adds a table is backed up, restored and
deleted without a change here (``tests/backup`` walks the schema to keep that true). Sign-in
tokens and browser sessions are credentials, not data: they are deleted with everything else but
never written to a file.

The zip holds, for each kind, ``json/<kind>.json`` (every column of every row, deleted rows
awaiting their undo included) and ``csv/<kind>.csv`` for spreadsheets, ``profile.json``, and
``manifest.json`` with the schema version, the counts and a SHA-256 of every file. Row numbers in
the files are the backup's own (1, 2, … in the order the rows were made), and references between
kinds use them, so a restore into any database, whose own numbers differ, exports the same files
byte for byte.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Column, Table, UniqueConstraint, delete, func, insert, select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import Session

from nightcramps import __version__
from nightcramps.errors import Conflict, Invalid
from nightcramps.owner import Owner
from nightcramps.storage.migrate import current_revision
from nightcramps.storage.registry import Base

FORMAT = "nightcramps-backup"
FORMAT_VERSION = 1
MAX_BACKUP_BYTES = 512 * 1024 * 1024
"""Largest backup read, zipped or unzipped (ten years of imported days are well under 100 MB)."""

CREDENTIALS = frozenset({"api_token", "browser_session", "share_link", "share_view"})
"""A person's tables never written to a backup (a restored token would be a leaked one): sign-in
tokens, browser sessions, and share links (their token digests) with the views noted of them."""

PROFILE_LEFT_OUT = frozenset({"id", "email", "password_hash", "is_local", "created_at"})
"""Columns of ``person`` that are the account, not the profile: kept where the backup lands."""

CONFIRMATION = "delete everything"
"""What a person types to confirm that everything goes."""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every member's timestamp, so that the same diary gives the same bytes."""


@dataclass(frozen=True)
class Summary:
    """What a restore or a deletion did: rows per kind, and for a merge the backup's rows left
    out because the diary already had them (``kept``)."""

    counts: dict[str, int]
    kept: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def owned_tables() -> list[Table]:
    """Every table that holds a person's rows, parents before children."""
    return [
        table
        for table in Base.metadata.sorted_tables
        if "person_id" in table.c and table.name != "person"
    ]


def backed_up_tables() -> list[Table]:
    """The tables a backup holds: every owned table but the credentials."""
    return [table for table in owned_tables() if table.name not in CREDENTIALS]


def _person() -> Table:
    return Base.metadata.tables["person"]


def schema_version(session: Session) -> str:
    """The database's migration revision, which a backup must match to be restored."""
    return current_revision(session.connection())


# ---------------------------------------------------------------------------- export


def _references(table: Table) -> dict[str, Table]:
    """Each column of ``table`` that points at another backed-up table, with that table."""
    found = {}
    for column in table.c:
        for key in column.foreign_keys:
            if key.column.table.name != "person":
                found[column.name] = key.column.table
    return found


def _plain(value: Any) -> Any:
    """A stored value as JSON: times in ISO 8601 with their offset, decimals as numbers."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _csv_cell(value: Any, column: Column[Any]) -> str:
    """A value as a spreadsheet cell; text that a spreadsheet would run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(column.type, JSON):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    return str(value)


def _kind_files(session: Session, owner: Owner) -> dict[str, tuple[bytes, bytes, int]]:
    """Each backed-up table's JSON and CSV, and how many rows it has."""
    numbers: dict[str, dict[int, int]] = {}
    files = {}
    for table in backed_up_tables():
        columns = [c for c in table.c if c.name != "person_id"]
        order = [table.c.id] if "id" in table.c else list(table.primary_key)
        rows = session.execute(
            select(*columns).where(table.c.person_id == owner.person_id).order_by(*order)
        ).all()
        if "id" in table.c:
            numbers[table.name] = {row.id: n for n, row in enumerate(rows, start=1)}
        refs = _references(table)
        records = []
        for row in rows:
            record = {}
            for column in columns:
                value = getattr(row, column.name)
                if column.name == "id":
                    value = numbers[table.name][value]
                elif column.name in refs and value is not None:
                    value = numbers[refs[column.name].name][value]
                record[column.name] = value
            records.append(record)
        plain = [{name: _plain(value) for name, value in r.items()} for r in records]
        document = {"kind": table.name, "rows": plain}
        text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
        sheet = io.StringIO()
        writer = csv.writer(sheet, lineterminator="\r\n")
        writer.writerow([c.name for c in columns])
        for record in records:
            writer.writerow([_csv_cell(_plain(record[c.name]), c) for c in columns])
        files[table.name] = (text.encode(), sheet.getvalue().encode(), len(records))
    return files


def _profile(session: Session, owner: Owner) -> dict[str, Any]:
    person = _person()
    columns = [c for c in person.c if c.name not in PROFILE_LEFT_OUT]
    row = session.execute(select(*columns).where(person.c.id == owner.person_id)).one()
    return {c.name: _plain(getattr(row, c.name)) for c in columns}


def export_all(session: Session, owner: Owner, *, now: datetime) -> bytes:
    """The person's whole diary as a zip (see the module's description)."""
    members: dict[str, bytes] = {}
    counts = {}
    for kind, (as_json, as_csv, count) in _kind_files(session, owner).items():
        members[f"json/{kind}.json"] = as_json
        members[f"csv/{kind}.csv"] = as_csv
        counts[kind] = count
    profile = _profile(session, owner)
    members["profile.json"] = (json.dumps(profile, indent=1, ensure_ascii=False) + "\n").encode()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": schema_version(session),
        "app_version": __version__,
        "exported_at": now.isoformat(),
        "time_zone": profile["timezone"],
        "counts": counts,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    members["manifest.json"] = (json.dumps(manifest, indent=1) + "\n").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["manifest.json", *sorted(set(members) - {"manifest.json"})]:
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), members[name])
    return out.getvalue()


# ---------------------------------------------------------------------------- restore


def _open(data: bytes) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The members of a backup and its manifest, checked against each other, or ``Invalid``
    saying what is wrong."""
    if len(data) > MAX_BACKUP_BYTES:
        raise Invalid(f"The file is over {MAX_BACKUP_BYTES // 2**20} MB; it is not a backup.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if "manifest.json" not in names:
            raise Invalid(
                "This zip has no manifest.json, so it is not a NightCramps backup. Make one "
                "with `nightcramps export all -o backup.zip`."
            )
        if sum(info.file_size for info in archive.infolist()) > MAX_BACKUP_BYTES:
            raise Invalid(f"The backup unpacks to over {MAX_BACKUP_BYTES // 2**20} MB.")
        members = {name: archive.read(name) for name in names}
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise Invalid(
            "This file is not a zip file, or it is damaged; choose the backup.zip that "
            "`nightcramps export all` (or the Backup page) made."
        ) from None
    manifest = _json(members["manifest.json"], "manifest.json")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise Invalid("manifest.json does not describe a NightCramps backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise Invalid(
            f"This backup is format {manifest.get('format_version')!r}; this version of "
            f"NightCramps reads format {FORMAT_VERSION}. Update NightCramps and try again."
        )
    sums = manifest.get("files")
    if not isinstance(sums, dict):
        raise Invalid("manifest.json has no list of files.")
    for name, digest in sums.items():
        if name not in members:
            raise Invalid(f"The backup is missing {name}; it is incomplete.")
        if hashlib.sha256(members[name]).hexdigest() != digest:
            raise Invalid(f"{name} does not match its checksum: the backup was changed or damaged.")
    return members, manifest


def _json(data: bytes, name: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid(f"{name} is not valid JSON ({exc}).") from None


def _stored(value: Any, column: Column[Any], where: str) -> Any:
    """A JSON value as the column stores it, or ``Invalid`` naming the file, row and column."""
    if value is None:
        if not column.nullable:
            raise Invalid(f"{where}: {column.name} may not be empty.")
        return None
    if isinstance(column.type, JSON):
        return value
    kind = getattr(column.type, "impl", column.type).python_type
    wrong = Invalid(f"{where}: {column.name} should be {kind.__name__}, not {value!r}.")
    try:
        if kind is datetime:
            parsed = datetime.fromisoformat(value)
            if parsed.tzinfo is None:
                raise Invalid(f"{where}: {column.name} {value!r} has no UTC offset.")
            return parsed
        if kind is date:
            return date.fromisoformat(value)
        if kind is time:
            return time.fromisoformat(value)
        if kind is Decimal:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise wrong
            return Decimal(str(value))
        if kind is bool or kind is str:
            if not isinstance(value, kind):
                raise wrong
            return value
        if kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise wrong
            return value
        if kind is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise wrong
            return float(value)
    except (TypeError, ValueError, InvalidOperation):
        raise wrong from None
    return value


def has_entries(session: Session, owner: Owner) -> dict[str, int]:
    """How many rows of each backed-up kind the person has (kinds with none left out)."""
    found = {}
    for table in backed_up_tables():
        count = session.scalar(
            select(func.count()).select_from(table).where(table.c.person_id == owner.person_id)
        )
        if count:
            found[table.name] = int(count)
    return found


def _rows(members: Mapping[str, bytes], table: Table) -> list[dict[str, Any]]:
    name = f"json/{table.name}.json"
    if name not in members:
        return []
    document = _json(members[name], name)
    rows = document.get("rows") if isinstance(document, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise Invalid(f"{name} should hold an object with a list of rows.")
    return rows


def restore(session: Session, owner: Owner, data: bytes, *, merge: bool = False) -> Summary:
    """Put a backup into this person's empty diary, exactly as it was exported.

    Nothing is written unless all of it can be: a wrong cell anywhere refuses the whole file,
    naming where. A diary that already has entries is left alone (``Conflict``) unless ``merge``
    is asked for: then only what the diary lacks is added, and what it has wins (see
    :class:`_Merge`); the profile stays as it is.
    """
    members, manifest = _open(data)
    current = schema_version(session)
    if manifest.get("schema_version") != current:
        raise Invalid(
            f"This backup was made by a NightCramps with database version "
            f"{manifest.get('schema_version')!r}; this one is {current!r}. Restore it with the "
            "version that made it, or update NightCramps first."
        )
    present = has_entries(session, owner)
    if present and not merge:
        listed = ", ".join(f"{count} {kind}" for kind, count in sorted(present.items()))
        raise Conflict(
            f"Your diary is not empty ({listed}); a backup is restored exactly only into an "
            "empty diary, so nothing was changed. Merge it to add only what your diary lacks "
            '(--merge, or tick "merge" on the page), or export what you have, delete '
            "everything and restore."
        )
    known = {table.name for table in backed_up_tables()}
    for name in members:
        kind = name.removeprefix("json/").removesuffix(".json")
        if name.startswith("json/") and kind not in known:
            raise Invalid(f"The backup holds {name}, a kind this NightCramps does not know.")
    profile = _json(members.get("profile.json", b"{}"), "profile.json")
    if not isinstance(profile, dict):
        raise Invalid("profile.json should be an object.")

    numbers: dict[str, dict[int, int]] = {}
    counts = {}
    prepared = []
    for table in backed_up_tables():
        refs = _references(table)
        columns = {c.name: c for c in table.c if c.name != "person_id"}
        values = []
        for n, row in enumerate(_rows(members, table), start=1):
            where = f"json/{table.name}.json row {n}"
            unknown = set(row) - set(columns)
            if unknown:
                raise Invalid(f"{where}: unknown column {sorted(unknown)[0]!r}.")
            record = {"person_id": owner.person_id}
            for name, column in columns.items():
                if name not in row:
                    raise Invalid(f"{where}: {name} is missing.")
                record[name] = _stored(row[name], column, where)
            values.append(record)
        prepared.append((table, refs, values))
        counts[table.name] = len(values)

    person = _person()
    profile_columns = {c.name: c for c in person.c if c.name not in PROFILE_LEFT_OUT}
    unknown = set(profile) - set(profile_columns)
    if unknown:
        raise Invalid(f"profile.json: unknown field {sorted(unknown)[0]!r}.")
    settings = {
        name: _stored(value, profile_columns[name], "profile.json")
        for name, value in profile.items()
    }
    merging = _Merge(session, owner) if merge else None
    try:
        if settings and merging is None:
            session.execute(person.update().where(person.c.id == owner.person_id).values(settings))
        for table, refs, values in prepared:
            if merging is not None:
                values = merging.new_rows(table, refs, values, numbers)
                counts[table.name] = len(values)
            _insert(session, table, refs, values, numbers)
        session.flush()
    except StatementError as exc:
        session.rollback()
        raise Invalid(
            f"The backup does not fit this diary ({type(exc.orig).__name__}); nothing was restored."
        ) from None
    if merging is not None:
        return Summary(
            {kind: n for kind, n in counts.items() if n},
            {kind: n for kind, n in merging.kept.items() if n},
        )
    return Summary(counts)


class _Merge:
    """Which of a backup's rows a diary already has, so that a merge adds only the others.

    A row is already there when it has the same key as one of the diary's (a table's unique
    constraint: the night of a date, the day record of a day, a target's nutrient) or, in a table
    with no such key, when every column but its number is the same. What the diary has wins
    whole: a row already there is kept as the diary has it, and so are the rows that belong to
    it (a night's cramps come with the night, or not at all), so an entry is never half one
    version and half the other. Merging the same backup twice adds nothing the second time.
    """

    def __init__(self, session: Session, owner: Owner) -> None:
        self.session = session
        self.owner = owner
        self.kept: dict[str, int] = {}
        self.matched: dict[str, set[int]] = {}
        """Per kind, the backup's row numbers the diary already had."""

    def _existing(self, table: Table, keys: list[list[str]]) -> list[dict[tuple[Any, ...], Any]]:
        rows = self.session.execute(
            select(table).where(table.c.person_id == self.owner.person_id)
        ).mappings()
        found: list[dict[tuple[Any, ...], Any]] = [{} for _ in keys]
        for row in rows:
            for index, key in enumerate(keys):
                found[index].setdefault(_key(dict(row), key), row.get("id"))
        return found

    def new_rows(
        self,
        table: Table,
        refs: Mapping[str, Table],
        values: list[dict[str, Any]],
        numbers: dict[str, dict[int, int]],
    ) -> list[dict[str, Any]]:
        """The rows of ``values`` the diary lacks; the others' numbers are mapped to the diary's
        rows so that what refers to them follows."""
        unique = [
            [c.name for c in constraint.columns]
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint)
        ]
        keys = unique or [[c.name for c in table.c if c.name != "id"]]
        existing = self._existing(table, keys)
        matched = self.matched.setdefault(table.name, set())
        fresh = []
        for record in values:
            number = record.get("id")
            parent_kept = any(
                record[name] in self.matched.get(target.name, ())
                for name, target in refs.items()
                if record[name] is not None
            )
            mapped = {
                name: numbers.get(target.name, {}).get(record[name], record[name])
                if record[name] is not None
                else None
                for name, target in refs.items()
            }
            candidate = record | mapped | {"person_id": self.owner.person_id}
            hit: Any = next(
                (
                    found[_key(candidate, key)]
                    for key, found in zip(keys, existing, strict=True)
                    if _key(candidate, key) in found
                ),
                _MISSING,
            )
            if parent_kept or hit is not _MISSING:
                self.kept[table.name] = self.kept.get(table.name, 0) + 1
                if number is not None:
                    matched.add(number)
                    if hit is not _MISSING and hit is not None:
                        numbers.setdefault(table.name, {})[number] = hit
                continue
            fresh.append(record)
        return fresh


_MISSING = object()


def _key(row: Mapping[str, Any], columns: list[str]) -> tuple[Any, ...]:
    """The row's values in ``columns``, JSON lists and objects as their canonical text."""
    return tuple(
        json.dumps(row[c], sort_keys=True) if isinstance(row[c], list | dict) else row[c]
        for c in columns
    )


def _insert(
    session: Session,
    table: Table,
    refs: Mapping[str, Table],
    values: list[dict[str, Any]],
    numbers: dict[str, dict[int, int]],
) -> None:
    """Insert ``values`` in order, mapping the backup's row numbers to the database's."""
    if not values:
        return
    for record in values:
        for name, target in refs.items():
            if record[name] is not None:
                try:
                    record[name] = numbers[target.name][record[name]]
                except KeyError:
                    raise Invalid(
                        f"json/{table.name}.json: {name} {record[name]} is not a row of "
                        f"json/{target.name}.json."
                    ) from None
    if "id" not in table.c:
        session.execute(insert(table), values)
        return
    local = [record.pop("id") for record in values]
    if len(set(local)) != len(local):
        raise Invalid(f"json/{table.name}.json: a row number appears twice.")
    new_ids = session.scalars(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), values
    ).all()
    numbers.setdefault(table.name, {}).update(zip(local, new_ids, strict=True))


# ---------------------------------------------------------------------------- delete


def delete_everything(session: Session, owner: Owner) -> Summary:
    """Remove every row of the person in every table, children first, and then the person: the
    profile, and with accounts the account. Local mode starts afresh on the next use.

    The sign-in limits keep only hashed counters that expire on their own; the one counter
    keyed by the person's number (wrong current passwords) goes too.
    """
    counts = {}
    for table in reversed(owned_tables()):
        result: Any = session.execute(delete(table).where(table.c.person_id == owner.person_id))
        counts[table.name] = result.rowcount or 0
    attempts = Base.metadata.tables["login_attempt"]
    session.execute(delete(attempts).where(attempts.c.key == f"password-change:{owner.person_id}"))
    person = _person()
    session.execute(delete(person).where(person.c.id == owner.person_id))
    session.flush()
    return Summary({kind: n for kind, n in counts.items() if n})


def check_confirmation(typed: str) -> None:
    """Refuse unless the person typed the confirmation phrase."""
    if " ".join(typed.lower().split()) != CONFIRMATION:
        raise Invalid(
            f'To delete everything, type "{CONFIRMATION}" to confirm.',
            fields={"confirm": f'type "{CONFIRMATION}"'},
        )

"""The one import pipeline: read a file of another app, preview it, store it, undo it.

No HTTP and no terminal here. Every door (``nightcramps import``, ``POST /api/v1/imports``, the
page ``/data/import``) goes through these steps:

1. :func:`begin` records the import (``reading``) with the file's name, size and checksum. A file
   already imported (same checksum, not undone) is not read again: the import it came with is
   answered, and nothing changes.
2. :func:`read` opens the file (a zip is looked into in place), finds the app it comes from
   (or takes the one the person named) and has that app's parser turn it into an
   :class:`~nightcramps.imports.extract.Extract`, reporting the bytes read as it goes.
3. :func:`stage` checks every value against the factors' limits, keeps the values on the record
   (``preview``) and counts what storing them would do: per factor the days added, changed,
   already there, and those where the person's own entry is kept.
4. :func:`confirm` stores them in one transaction, or nothing: day values as
   ``dailyvalues.DailyValue`` rows and workouts as ``ImportedWorkout`` rows, each pointing back
   at the import. :func:`undo` deletes exactly those rows.

What the person typed always wins: imported values are stored beside the detailed logs and used
only for what no entry made by hand gives (``dailyvalues.frame``); they never overwrite one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from nightcramps import factors, timing
from nightcramps.dailyvalues import service as dailyvalues_service
from nightcramps.dailyvalues.models import DailyValue, ImportedWorkout, ImportRecord
from nightcramps.errors import Conflict, Invalid
from nightcramps.imports import sources
from nightcramps.imports.bundle import Bundle, open_bundle
from nightcramps.imports.extract import LABELS, SOURCES, BadFile, Extract, SourceName, Workout
from nightcramps.imports.schemas import FactorCounts, ImportList, ImportPublic
from nightcramps.owner import Owner
from nightcramps.storage.owned import get_owned

logger = logging.getLogger(__name__)

UNEXPECTED = "an unexpected problem in the reader"
"""Said when a parser fails in a way it does not know (the fuzz tests check no file gets this)."""

BATCH_ROWS = 5_000
"""Rows written per statement (one ``executemany``): few round trips, bounded memory, and far
below SQLite's limit on variables (healthkit-to-sqlite's "too many SQL variables", #9)."""

HASH_CHUNK_BYTES = 1 << 20

IMPORTED_FACTORS = frozenset(
    f.name for f in factors.ALL if {"food", "day log", "import"} & set(f.origins)
)
"""The factors an import may bring: what the food log, the day log and watches measure (never
a night's outcome: no app records leg cramps)."""


# ---------------------------------------------------------------------------- reading


def checksum(path: Path) -> tuple[int, str]:
    """The size and SHA-256 of a file, or of a folder's files (names and contents, sorted)."""
    digest = hashlib.sha256()
    size = 0
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        with file.open("rb") as stream:
            while chunk := stream.read(HASH_CHUNK_BYTES):
                size += len(chunk)
                digest.update(chunk)
    return size, digest.hexdigest()


def detect(bundle: Bundle) -> tuple[SourceName, list[str]]:
    """The app the file comes from and the members its parser reads.

    Raises:
        BadFile: no parser recognises it (the message lists what each app's export looks like).
    """
    for source in SOURCES:
        members: list[str] = sources.module(source).detect(bundle)
        if members:
            return source, members
    raise BadFile(
        "this is not an export NightCramps can read. It takes Apple Health's export.zip (or "
        "export.xml), Cronometer's CSV exports (servings.csv, dailysummary.csv, biometrics.csv, "
        "exercises.csv), MyFitnessPal's File-Export zip, a Fitbit or Google Takeout folder or "
        "zip, and Garmin's data export zip or Activities.csv."
    )


def read(
    path: Path,
    *,
    owner: Owner,
    source: SourceName | None = None,
    progress: Callable[[int, int], None] | None = None,
    file_name: str | None = None,
) -> Extract:
    """Open ``path`` and read it with its app's parser.

    ``progress(read, total)`` is called as bytes are read, with the total the parser will read.
    ``file_name`` is the name the person's file had (``path`` may be where an upload was saved).

    Raises:
        BadFile: the file cannot be opened or read; the message says what and where.
    """
    done = 0
    total = 0

    def count(size: int) -> None:
        nonlocal done
        done += size
        if progress is not None:
            progress(done, total)

    bundle = open_bundle(path, progress=count, name=file_name)
    try:
        if source is None:
            source, members = detect(bundle)
        else:
            members = sources.module(source).detect(bundle)
            if not members:
                raise BadFile(
                    f"this does not look like an export of {LABELS[source]}; check the file, or "
                    "leave the source out to have it recognised."
                )
        total = bundle.total(members)
        extract: Extract = sources.module(source).parse(bundle, members, owner)
    except (BadFile, MemoryError):
        raise
    except Exception as exc:  # a reader's own mistake: said plainly, never a traceback
        logger.exception("reading %s failed", path.name)
        raise BadFile(
            f"the file could not be read ({UNEXPECTED}: {type(exc).__name__}). Nothing was "
            "stored. Check that it is the export as the app made it; if it is, please report "
            "this."
        ) from exc
    finally:
        bundle.close()
    if progress is not None:
        progress(total, total)
    return extract


# ---------------------------------------------------------------------------- the record


def begin(
    session: Session,
    owner: Owner,
    *,
    path: Path,
    file_name: str,
    source: SourceName | None = None,
) -> tuple[ImportRecord, bool]:
    """Record an import about to be read, or find the import that already brought this file.

    A file whose checksum matches an import that is done (or still waiting in preview) is not
    read again: that import is returned, with True.
    """
    size, sha256 = checksum(path)
    existing = session.scalars(
        select(ImportRecord)
        .where(
            ImportRecord.person_id == owner.person_id,
            ImportRecord.sha256 == sha256,
            ImportRecord.status.in_(("done", "preview")),
        )
        .order_by(ImportRecord.id.desc())
    ).first()
    if existing is not None:
        return existing, True
    record = ImportRecord(
        person_id=owner.person_id,
        source=source or "",
        file_name=Path(file_name).name[:255] or "upload",
        size_bytes=size,
        sha256=sha256,
        status="reading",
        bytes_total=size,
        counts={},
        skipped={},
        warnings=[],
        profile={},
        error="",
    )
    session.add(record)
    session.flush()
    return record, False


def fail(record: ImportRecord, problem: BadFile | str, now: datetime | None = None) -> None:
    """Mark an import as failed, with the message that says what is wrong; nothing is stored."""
    record.status = "failed"
    record.error = str(problem)
    record.staged = None
    record.finished_at = now or timing.utcnow()


def _checked(extract: Extract, owner: Owner, now: datetime | None) -> dict[tuple[date, str], float]:
    """The extract's values that can be stored; the rest are counted in ``extract.skipped``."""
    latest = timing.today(owner, now) + timedelta(days=1)
    kept: dict[tuple[date, str], float] = {}
    for (day, name), value in extract.values.items():
        factor = factors.BY_NAME.get(name)
        if factor is None or name not in IMPORTED_FACTORS:
            extract.skip(f"{name}: not a value NightCramps keeps")
        elif not factor.low <= value <= factor.high:
            extract.skip(f"{factor.help}: outside {factor.low:g} to {factor.high:g}, not stored")
        elif not timing.EARLIEST_YEAR <= day.year or day > latest:
            extract.skip("values dated in the future or before 1900")
        else:
            kept[(day, name)] = round(value, 3)
    return kept


def stage(
    session: Session,
    owner: Owner,
    record: ImportRecord,
    extract: Extract,
    now: datetime | None = None,
) -> ImportRecord:
    """Keep what the file gave on the record and count what storing it would do (``preview``)."""
    values = _checked(extract, owner, now)
    record.source = extract.source
    record.records = extract.records
    record.skipped = dict(extract.skipped.most_common())
    record.warnings = list(extract.warnings)
    record.profile = dict(extract.profile)
    days = [d for d, _ in values] + [w.day for w in extract.workouts]
    record.first_day = min(days, default=None)
    record.last_day = max(days, default=None)
    record.staged = {
        "values": [[d.isoformat(), name, v] for (d, name), v in sorted(values.items())],
        "workouts": [_workout_json(w) for w in extract.workouts],
    }
    record.counts = _counts(session, owner, record)
    record.status = "preview"
    record.bytes_read = record.bytes_total
    session.flush()
    return record


def _workout_json(workout: Workout) -> dict[str, Any]:
    data = asdict(workout)
    data["day"] = workout.day.isoformat()
    data["started_at"] = workout.started_at.isoformat()
    data["ended_at"] = workout.ended_at.isoformat()
    return data


def _staged_values(record: ImportRecord) -> Iterator[tuple[date, str, float]]:
    for day, name, value in (record.staged or {}).get("values", []):
        yield date.fromisoformat(day), name, float(value)


def _staged_workouts(record: ImportRecord) -> list[dict[str, Any]]:
    workouts: list[dict[str, Any]] = (record.staged or {}).get("workouts", [])
    return workouts


def _current_values(
    session: Session, owner: Owner, source: str, start: date, end: date, except_id: int | None
) -> dict[tuple[date, str], float]:
    """The values this app's earlier imports give now (the newest import's per day and factor)."""
    query = (
        select(DailyValue.day, DailyValue.factor, DailyValue.value)
        .where(
            DailyValue.person_id == owner.person_id,
            DailyValue.source == source,
            DailyValue.import_id.is_not(None),
            DailyValue.day >= start,
            DailyValue.day <= end,
        )
        .order_by(DailyValue.import_id)
    )
    if except_id is not None:
        query = query.where(DailyValue.import_id != except_id)
    return {(day, factor): value for day, factor, value in session.execute(query)}


def _by_hand(session: Session, owner: Owner, start: date, end: date) -> set[tuple[date, str]]:
    """(day, factor) pairs the person's own logs know (what the person typed wins)."""
    known: set[tuple[date, str]] = set()
    chunk = timedelta(days=dailyvalues_service.DEFAULT_SPAN_DAYS)
    while start <= end:
        stop = min(end, start + chunk)
        for per_day in dailyvalues_service.detailed_values(
            session=session, owner=owner, start=start, end=stop
        ).values():
            for day, values in per_day.items():
                known.update((day, name) for name, value in values.items() if value is not None)
        start = stop + timedelta(days=1)
    return known


def _counts(session: Session, owner: Owner, record: ImportRecord) -> dict[str, Any]:
    """Per factor: the days the staged values add, change, find unchanged and leave to the
    person's own entries; and the workouts added or already there."""
    counts: dict[str, FactorCounts] = {}
    if record.first_day is None or record.last_day is None:
        return {}
    current = _current_values(
        session, owner, record.source, record.first_day, record.last_day, record.id
    )
    by_hand = _by_hand(session, owner, record.first_day, record.last_day)
    for day, name, value in _staged_values(record):
        entry = counts.setdefault(name, FactorCounts())
        before = current.get((day, name))
        if before is None:
            entry.added += 1
        elif before != value:
            entry.changed += 1
        else:
            entry.unchanged += 1
        entry.kept += (day, name) in by_hand
        entry.first_day = day if entry.first_day is None else min(entry.first_day, day)
        entry.last_day = day if entry.last_day is None else max(entry.last_day, day)
    workouts = _staged_workouts(record)
    if workouts:
        known = _known_workouts(session, owner, record)
        entry = counts.setdefault("workouts", FactorCounts())
        for workout in workouts:
            if (workout["started_at"], workout["activity"]) in known:
                entry.unchanged += 1
            else:
                entry.added += 1
            day = date.fromisoformat(workout["day"])
            entry.first_day = day if entry.first_day is None else min(entry.first_day, day)
            entry.last_day = day if entry.last_day is None else max(entry.last_day, day)
    return {name: c.model_dump(mode="json") for name, c in sorted(counts.items())}


def _known_workouts(session: Session, owner: Owner, record: ImportRecord) -> set[tuple[str, str]]:
    rows = session.execute(
        select(ImportedWorkout.started_at, ImportedWorkout.activity).where(
            ImportedWorkout.person_id == owner.person_id,
            ImportedWorkout.source == record.source,
            ImportedWorkout.import_id != record.id,
        )
    )
    return {(started.isoformat(), activity) for started, activity in rows}


def confirm(
    session: Session, owner: Owner, import_id: int, now: datetime | None = None
) -> ImportRecord:
    """Store a previewed import: all its values and workouts, or (on any error) nothing.

    Raises:
        NotFound: no such import of this person.
        Conflict: the import is not waiting in preview (already stored, undone or failed).
    """
    record = get_import(session, owner, import_id)
    if record.status != "preview":
        raise Conflict(
            f"Import {import_id} is {record.status}, not waiting for a yes; nothing changed.",
            fields={"status": record.status},
        )
    record.counts = _counts(session, owner, record)  # what is stored now may differ from then
    stamp = now or timing.utcnow()
    batch: list[dict[str, Any]] = []
    for day, name, value in _staged_values(record):
        batch.append(
            {
                "person_id": owner.person_id,
                "day": day,
                "factor": name,
                "value": value,
                "source": record.source,
                "import_id": record.id,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        if len(batch) == BATCH_ROWS:
            session.execute(insert(DailyValue), batch)
            batch.clear()
    if batch:
        session.execute(insert(DailyValue), batch)
    workouts = [
        {
            "person_id": owner.person_id,
            "import_id": record.id,
            "source": record.source,
            "day": date.fromisoformat(w["day"]),
            "started_at": datetime.fromisoformat(w["started_at"]),
            "ended_at": datetime.fromisoformat(w["ended_at"]),
            "activity": w["activity"][:80],
            "duration_min": w["duration_min"],
            "energy_kcal": w["energy_kcal"],
            "distance_km": w["distance_km"],
            "device": w["device"][:120],
            "created_at": stamp,
            "updated_at": stamp,
        }
        for w in {(w["started_at"], w["activity"]): w for w in _staged_workouts(record)}.values()
    ]
    for start in range(0, len(workouts), BATCH_ROWS):
        session.execute(insert(ImportedWorkout), workouts[start : start + BATCH_ROWS])
    record.status = "done"
    record.staged = None
    record.finished_at = stamp
    session.flush()
    return record


def discard(session: Session, owner: Owner, import_id: int) -> None:
    """Forget an import waiting in preview (or one that failed): nothing was stored.

    Raises:
        NotFound: no such import of this person.
        Conflict: the import is stored; undo it instead.
    """
    record = get_import(session, owner, import_id)
    if record.status in ("done", "undone"):
        raise Conflict(
            f"Import {import_id} is {record.status}; use undo to remove what it added.",
            fields={"status": record.status},
        )
    session.delete(record)
    session.flush()


def undo(
    session: Session, owner: Owner, import_id: int, now: datetime | None = None
) -> ImportRecord:
    """Remove exactly what an import added: its day values and its workouts, nothing else.

    The record stays (``undone``), so the list shows what was imported and undone. Values of
    the same days from another import, and everything the person logged, are untouched.

    Raises:
        NotFound: no such import of this person.
        Conflict: the import is not stored (in preview, failed or already undone).
    """
    record = get_import(session, owner, import_id)
    if record.status != "done":
        raise Conflict(
            f"Import {import_id} is {record.status}; only a stored import can be undone.",
            fields={"status": record.status},
        )
    session.execute(delete(DailyValue).where(DailyValue.import_id == record.id))
    session.execute(delete(ImportedWorkout).where(ImportedWorkout.import_id == record.id))
    record.status = "undone"
    record.undone_at = now or timing.utcnow()
    session.flush()
    return record


def get_import(session: Session, owner: Owner, import_id: int) -> ImportRecord:
    """This person's import numbered ``import_id``.

    Raises:
        NotFound: there is none (or it is someone else's).
    """
    return get_owned(
        session, ImportRecord, import_id, owner, missing="There is no import number {id}."
    )


def list_imports(session: Session, owner: Owner) -> list[ImportRecord]:
    """The person's imports, newest first."""
    return list(
        session.scalars(
            select(ImportRecord)
            .where(ImportRecord.person_id == owner.person_id)
            .order_by(ImportRecord.id.desc())
        )
    )


def to_public(record: ImportRecord, *, already: bool = False) -> ImportPublic:
    """The public view of an import (``already_imported`` when the file came in before)."""
    public = ImportPublic.model_validate(record)
    if already:
        public.already_imported = record.id
    return public


def to_list(records: list[ImportRecord]) -> ImportList:
    data = [to_public(r) for r in records]
    return ImportList(data=data, count=len(data))


def import_file(
    session: Session,
    owner: Owner,
    path: Path,
    *,
    file_name: str | None = None,
    source: SourceName | None = None,
    store: bool = True,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
) -> tuple[ImportRecord, bool]:
    """Read a file and store it (``store=False``: stop at the preview), in the caller's
    transaction: if anything fails, the caller rolls back and nothing is left. True with the
    import that already brought the same file (then nothing was read or changed).

    Raises:
        Invalid: the file cannot be read (the message says what is wrong and where); nothing
            was stored.
    """
    record, already = begin(
        session, owner, path=path, file_name=file_name or path.name, source=source
    )
    if already:
        return record, True
    try:
        extract = read(path, owner=owner, source=source, progress=progress, file_name=file_name)
    except BadFile as exc:
        raise bad_file(exc, file_name or path.name) from None
    stage(session, owner, record, extract, now)
    if store:
        confirm(session, owner, record.id, now)
    return record, False


def bad_file(exc: BadFile, file_name: str) -> Invalid:
    """The error every door shows for a file that cannot be read."""
    fields = {"file": exc.message}
    if exc.field:
        fields[exc.field] = exc.message
    return Invalid(
        f"{file_name} was not imported, and nothing was changed: {exc}",
        fields=fields,
        member=exc.member,
        line=exc.line,
        record=exc.record,
    )


def staging_path(directory: Path | None = None) -> Path:
    """A new, private file for an upload to be streamed into (deleted once read)."""
    handle, name = tempfile.mkstemp(prefix="nightcramps-import-", dir=directory)
    os.close(handle)
    return Path(name)


__all__ = [
    "begin",
    "checksum",
    "confirm",
    "discard",
    "fail",
    "get_import",
    "import_file",
    "list_imports",
    "read",
    "stage",
    "to_public",
    "undo",
]

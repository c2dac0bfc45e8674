"""Reading a large file while the page stays usable: a thread per import, progress in the
database.

The page's upload is streamed to a private file first; :func:`start` records the import and
hands the file to a thread, which reads it with its app's parser and keeps the bytes read on the
record (so any page, or any worker of a server, can show the progress), then stages the preview.
The person then confirms or discards it on the page. The file is deleted once read.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from nightcramps.dailyvalues.models import ImportRecord
from nightcramps.imports import service
from nightcramps.imports.extract import BadFile, SourceName
from nightcramps.owner import Owner
from nightcramps.storage.session import session_scope
from nightcramps.timing import Clock, use_clock

PROGRESS_EVERY_S = 0.5
"""How often the bytes read are written to the record while a file is read."""


def start(
    factory: sessionmaker[Session],
    owner: Owner,
    path: Path,
    *,
    file_name: str,
    source: SourceName | None,
    clock: Clock,
) -> tuple[int, bool]:
    """Record the import and start reading ``path`` in a thread; its id (True: the same file
    was imported before, and nothing is read). ``path`` is deleted once read."""
    with use_clock(clock), session_scope(factory) as session:
        record, already = service.begin(
            session, owner, path=path, file_name=file_name, source=source
        )
        import_id = record.id
    if already:
        path.unlink(missing_ok=True)
        return import_id, True
    thread = threading.Thread(
        target=_read,
        args=(factory, owner, path, import_id, source, clock, file_name),
        name=f"import-{import_id}",
        daemon=True,
    )
    thread.start()
    return import_id, False


def _read(
    factory: sessionmaker[Session],
    owner: Owner,
    path: Path,
    import_id: int,
    source: SourceName | None,
    clock: Clock,
    file_name: str,
) -> None:
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last < PROGRESS_EVERY_S and done < total:
            return
        last = now
        with session_scope(factory) as session:
            session.execute(
                update(ImportRecord)
                .where(ImportRecord.id == import_id)
                .values(bytes_read=done, bytes_total=max(total, 1))
            )

    with use_clock(clock):
        try:
            extract = service.read(
                path, owner=owner, source=source, progress=progress, file_name=file_name
            )
        except BadFile as exc:
            with session_scope(factory) as session:
                service.fail(service.get_import(session, owner, import_id), exc)
            return
        except Exception as exc:  # the database went away: never leave the import "reading"
            with session_scope(factory) as session:
                service.fail(
                    service.get_import(session, owner, import_id),
                    f"the file could not be read ({type(exc).__name__}); nothing was stored.",
                )
            raise
        finally:
            path.unlink(missing_ok=True)
        with session_scope(factory) as session:
            service.stage(session, owner, service.get_import(session, owner, import_id), extract)

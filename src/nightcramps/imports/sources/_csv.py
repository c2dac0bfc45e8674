"""Reading the CSV files of other apps (Cronometer, MyFitnessPal): streamed, checked, plain text.

One member is read row by row in constant memory. The bytes are split into physical lines first
and each line is decoded as UTF-8 on its own (a BOM at the start is dropped, CRLF and LF both
work): a decoding error can then name the exact line, where a text wrapper that decodes 8 KB
ahead could only say "somewhere". Splitting on ``\\n`` is safe in UTF-8, whose multi-byte
sequences never contain that byte. The lines go to :func:`csv.reader`, so quoted fields with
commas, doubled quotes and line breaks inside work as the CSV standard says.

Limits keep a hostile or broken file from filling memory: a line longer than
:data:`MAX_LINE_BYTES` or a field longer than :data:`MAX_FIELD_CHARS` (an unclosed quote that
swallows the rest of the file) stops the import with :class:`BadFile`.

Cells are only ever text or numbers here: a cell that looks like a spreadsheet formula
(``=HYPERLINK(…)``, ``+1``, ``@SUM``) is read as the plain text it is, never evaluated, and is a
bad number where a number is expected.

Columns are looked up by :func:`column_key` (case and spacing folded), so ``Sodium (mg)`` and
``sodium  (MG)`` are the same column, and never by position.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, time
from typing import TYPE_CHECKING, BinaryIO, TypeVar

if TYPE_CHECKING:
    from _csv import Reader as _Reader

from nightcramps import factors
from nightcramps.imports.bundle import Bundle
from nightcramps.imports.extract import BadFile, Extract
from nightcramps.timing import EARLIEST_YEAR, LATEST_YEAR

MAX_FIELD_CHARS = 1024 * 1024
"""The longest field read (1 MiB). Real exports' longest cells are food names and notes of a few
hundred characters; a longer field is an unclosed quote or not a CSV export at all."""

MAX_LINE_BYTES = 4 * 1024 * 1024
"""The longest physical line read (4 MiB); real rows are under 2 KB even with 73 columns."""

BOM = b"\xef\xbb\xbf"

UNKNOWN = frozenset({"", "--", "-", "n/a", "N/A", "NA"})
"""Cells that mean "not known": blank, or the dashes some apps write for no value. Never 0."""

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$")

NOT_UTF8 = (
    "the file is not UTF-8 text; open it in a spreadsheet or text editor, save it as UTF-8 "
    '("CSV UTF-8"), and import it again.'
)


def column_key(name: str) -> str:
    """A column name or cell folded for comparing: no BOM, case folded, spaces collapsed."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def has_columns(header: tuple[str, ...] | None, *columns: str) -> bool:
    """Whether ``header`` has all of ``columns`` (compared by :func:`column_key`)."""
    if not header:
        return False
    keys = {column_key(name) for name in header}
    return all(column_key(column) in keys for column in columns)


def parse_number(value: str, *, member: str, line: int, field: str) -> float | None:
    """``value`` as a finite number; ``None`` when unknown (blank, a dash); ``1,234.5`` is read.

    Raises:
        BadFile: not a number (a word, a formula, ``nan``), naming ``member``, ``line`` and
            ``field``.
    """
    cleaned = value.strip()
    if cleaned in UNKNOWN:
        return None
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    try:
        number = float(cleaned)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        shown = cleaned if len(cleaned) <= 40 else cleaned[:40] + "…"
        raise BadFile(
            f"'{shown}' is not a number; correct the cell, or leave it blank if it is unknown.",
            member=member,
            line=line,
            field=field,
        )
    return number


def clean(value: str) -> str:
    """A cell stripped of spaces and of the literal quotes some exports wrap names in."""
    value = value.strip()
    while len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].strip()
    return value


def parse_day(value: str, *, member: str, line: int, field: str) -> date:
    """``value`` (a cleaned cell) as an ISO date, ``YYYY-MM-DD``, the only shape these exports
    write.

    Raises:
        BadFile: blank, another shape, or a year no diary has, naming ``member``, ``line`` and
            ``field``.
    """
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadFile(
            f"'{value}' is not a date written YYYY-MM-DD; export the file again without "
            "editing this column.",
            member=member,
            line=line,
            field=field,
        ) from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise BadFile(
            f"the year {day.year} is not plausible; correct the date.",
            member=member,
            line=line,
            field=field,
        )
    return day


class Row:
    """One record of a CSV member: its cells by column and the line it starts on."""

    __slots__ = ("cells", "line", "member")

    def __init__(self, member: str, line: int, cells: dict[str, str]) -> None:
        self.member = member
        self.line = line
        self.cells = cells
        """Cells by :func:`column_key` of their column."""

    def bad(self, message: str, column: str | None = None) -> BadFile:
        """The error for this row (raise it), naming member, line and column."""
        return BadFile(message, member=self.member, line=self.line, field=column)

    def text(self, column: str) -> str:
        """The cell, stripped of spaces and of the literal quotes some exports wrap names in;
        ``""`` when the column is absent or the row is short."""
        return clean(self.cells.get(column_key(column), ""))

    def number(self, column: str) -> float | None:
        """The cell as a number; ``None`` when blank or absent (unknown, never 0).

        Raises:
            BadFile: the cell holds something else, naming the member, line and column.
        """
        return parse_number(self.text(column), member=self.member, line=self.line, field=column)

    def day(self, column: str) -> date:
        """The cell as an ISO date (``YYYY-MM-DD``, the only shape these exports write).

        Raises:
            BadFile: blank, another shape, or a year no diary has.
        """
        return parse_day(self.text(column), member=self.member, line=self.line, field=column)

    def clock(self, column: str) -> time | None:
        """The cell as a wall-clock time: ``9:51 AM`` (Cronometer), ``21:51`` or ``21:51:07``;
        ``None`` when the column is absent or blank (the time is not known).

        Raises:
            BadFile: another shape, or an hour or minute out of range.
        """
        value = self.text(column)
        if value in UNKNOWN:
            return None
        found = _CLOCK.match(value)
        if found is not None:
            hour, minute, second = int(found[1]), int(found[2]), int(found[3] or 0)
            meridiem = (found[4] or "").replace(".", "").casefold()
            if meridiem and 1 <= hour <= 12:
                hour = hour % 12 + (12 if meridiem == "pm" else 0)
            elif meridiem:
                hour = 99
            if hour < 24 and minute < 60 and second < 60:
                return time(hour, minute, second)
        raise self.bad(
            f"'{value}' is not a time of day (such as 9:51 AM or 21:51); correct it or leave it "
            "blank.",
            column,
        )


def _lines(stream: BinaryIO, member: str) -> Iterator[str]:
    """The decoded physical lines of ``stream``, line endings kept (as ``csv`` wants them)."""
    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            raise BadFile(
                f"the line is longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB, which no export "
                "writes; this is not a CSV export, or it is damaged. Export it again.",
                member=member,
                line=number,
            )
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadFile(NOT_UTF8, member=member, line=number) from None


class Table:
    """The rows of one CSV member, header first; iterate it once, either for its :class:`Row` s
    or, where speed matters, for its plain :meth:`records`."""

    def __init__(self, stream: BinaryIO, member: str) -> None:
        self.member = member
        self._reader = csv.reader(_lines(stream, member))
        self.line = 0
        """The line the record last given starts on (a quoted field may span lines)."""
        first = next(self.records(), None)
        self.columns: tuple[str, ...] = tuple(name.strip() for name in first or [])
        """The header's column names, as the file writes them."""
        self._keys = [column_key(name) for name in self.columns]

    def records(self) -> Iterator[list[str]]:
        """The records that are not blank lines, each a list of its cells as the file writes
        them (not stripped); :attr:`line` is the line the one just given starts on.

        Raises:
            BadFile: a field over :data:`MAX_FIELD_CHARS` or a broken record, naming its line.
        """
        reader = self.reader
        before = reader.line_num
        try:
            for record in reader:
                if any(map(str.strip, record)):
                    self.line = before + 1
                    yield record
                before = reader.line_num
        except csv.Error as exc:
            raise self.broken(exc, before + 1) from None

    @property
    def reader(self) -> _Reader:
        """The :func:`csv.reader` of the records after the header, for a loop that keeps its
        own line numbers (its ``line_num`` after the record before, plus one) and skips blank
        records itself; :meth:`broken` turns its :class:`csv.Error` into the error to raise."""
        return self._reader

    def broken(self, error: csv.Error, line: int) -> BadFile:
        """The error for a record :mod:`csv` cannot read, starting on ``line``."""
        problem = (
            f"a field is longer than {MAX_FIELD_CHARS // (1024 * 1024)} MiB (a quote "
            "that is never closed?)"
            if "field limit" in str(error)
            else f"the CSV cannot be read ({error})"
        )
        return BadFile(f"{problem}; export the file again.", member=self.member, line=line)

    def row(self, record: list[str], line: int | None = None) -> Row:
        """``record`` as a :class:`Row` starting on ``line`` (by default the line of the record
        :meth:`records` gave last); a short record's missing cells are blank."""
        cells = dict(zip(self._keys, record, strict=False))
        return Row(self.member, self.line if line is None else line, cells)

    def __iter__(self) -> Iterator[Row]:
        for record in self.records():
            yield self.row(record)

    def has(self, column: str) -> bool:
        """Whether the header has ``column`` (compared by :func:`column_key`)."""
        return column_key(column) in self._keys

    def index(self, column: str) -> int | None:
        """The position of ``column`` in a record, ``None`` when the header lacks it (of two
        columns with one name, the last, as a :class:`Row` reads it)."""
        key = column_key(column)
        found = [i for i, name in enumerate(self._keys) if name == key]
        return found[-1] if found else None


@contextmanager
def read_table(bundle: Bundle, member: str) -> Iterator[Table]:
    """Stream one CSV member of ``bundle`` as a :class:`Table`.

    Raises:
        BadFile: not UTF-8, a line or field over the limits, or a broken CSV record.
    """
    # The limit is module-wide; it is only ever raised to ours, never lowered for others.
    if csv.field_size_limit() < MAX_FIELD_CHARS:
        csv.field_size_limit(MAX_FIELD_CHARS)
    with bundle.open(member) as stream:
        yield Table(stream, member)


def header_of(bundle: Bundle, member: str) -> tuple[str, ...] | None:
    """A member's column names from its first bytes only (for detection); ``None`` when the
    start is not UTF-8 CSV text."""
    head = bundle.head(member, 16_384)
    if head.startswith(BOM):
        head = head[len(BOM) :]
    try:
        first = head.split(b"\n", 1)[0].decode("utf-8")
        names = next(csv.reader([first]), [])
    except (UnicodeDecodeError, csv.Error):
        return None
    return tuple(name.strip() for name in names) or None


def drop_implausible(extract: Extract) -> None:
    """Remove day values outside their factor's plausible range, counting each as skipped.

    A day total beyond the limit is a unit slip or a logging error in the other app (a food
    logged as 100 servings); storing it would mislead more than leaving the day unknown.
    """
    for key, value in list(extract.values.items()):
        factor = factors.BY_NAME[key[1]]
        if not factor.low <= value <= factor.high:
            del extract.values[key]
            extract.skip(f"{factor.name}: a day's total outside {factor.low:g}-{factor.high:g}")


K = TypeVar("K", bound=str)


def read_kinds(
    bundle: Bundle,
    kinds: Mapping[str, K | None],
    order: Sequence[K],
    read: Callable[[K, Table], None],
    extract: Extract,
) -> Extract:
    """Read each member that has a kind, the kinds in ``order`` (one app's files depend on
    each other: servings before the daily summary that only fills their gaps), then drop the
    day totals outside the factors' limits."""
    known = {member: kind for member, kind in kinds.items() if kind is not None}
    for member in sorted(known, key=lambda m: order.index(known[m])):
        extract.members.append(member)
        with read_table(bundle, member) as table:
            read(known[member], table)
    drop_implausible(extract)
    return extract

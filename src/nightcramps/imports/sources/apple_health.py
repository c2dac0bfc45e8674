"""Apple Health's ``export.zip`` (or its ``export.xml``): steps, energy, exercise, fluids,
minerals, caffeine, alcohol, body mass, sleep and workouts (``formats.md`` §1, memo 4).

**Safety.** The file may come from anyone, so the parser never sees its internal DTD: the bytes
from ``<!DOCTYPE`` to the first ``]>`` are replaced by as many blank lines (line numbers stay
true), which leaves no entity declarations, so no billion laughs, no quadratic blow-up and no
external entity can be expanded. It also removes the broken ``<!ATTLIST VisionPrescription`` of
iOS 16 (export version 12) that makes expat fail. C0 control characters other than tab, LF and
CR (``\\x0b`` is seen in real exports) are dropped. lxml runs with ``resolve_entities=False``,
``load_dtd=False``, ``no_network=True`` and its default size limits (no ``huge_tree``). An entity
that is then undefined, or any malformed XML, is a :class:`BadFile` with the line.

**Speed.** Exports reach 2–8 GB, and Apple writes one element per line. The fast path scans each
256 KiB chunk with one regex (:data:`_FAST`) that picks out, in Apple's attribute order, every
self-closing record of a wanted type and the type of every other record; such runs of records are
read in arrays (dates and days with numpy, :mod:`._apple_time`), and the records of unwanted types
are only counted. Any line the regex does not vouch for goes to the line reader (:class:`_Lines`)
exactly as before: records with children (``MetadataEntry``, e.g. ``HKWasUserEntered``,
``HKTimeZone``) are gathered to ``</Record>`` and parsed by lxml, and so are workouts (their
inline ``<Location>`` lines are dropped, they are not used). A file that is not
one-element-per-line is read by the slow path instead: plain lxml ``iterparse`` over the whole
document. Both feed the same :class:`_Reader`, and tests check they give identical extracts.

**Memory.** Samples of the cumulative types are kept as four long arrays per (factor, source)
(18 bytes a sample, with the day) and merged as soon as the export moves on to the next type
(Apple writes one type after another); a file in another order is read again without that early
merge. A day's merge runs in arrays (:mod:`._apple_merge`), bit for bit the same as
:func:`~nightcramps.imports.intervals.merge_by_priority`.

**Duplicates** (memo 4.3). Every source's raw samples are in the file. Per day and factor the
sources are walked in priority order (Apple Watch, then iPhone, then other apps, then values typed
by hand in Health), keeping the union of time already covered; each sample adds its value times
the fraction of its interval not yet covered. A source is its normalised ``sourceName`` plus the
``name:`` and ``model:`` of its ``device``, never the ``0x…`` address (which changes).

**Days.** A sample counts for :func:`~nightcramps.timing.day_of` its start, in the zone of its
``HKTimeZone`` metadata when it has one (the file's offsets are those of the export). Sleep counts
for the day it ends on (:func:`~nightcramps.timing.morning_of`). Sleep intervals closer than two
hours form one sleep; only the longest sleep ending on a day gives that day's ``sleep_h``, the
others (an afternoon nap) are counted as skipped with their reason.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from operator import itemgetter
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, BinaryIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lxml import etree

from nightcramps import factors, timing
from nightcramps.imports.bundle import Bundle
from nightcramps.imports.extract import BadFile, Extract, SourceName, Workout
from nightcramps.imports.intervals import clusters, merge_by_priority, union
from nightcramps.owner import Owner

if TYPE_CHECKING:
    from nightcramps.imports.sources import _apple_time

SOURCE: SourceName = "apple-health"

HEAD_BYTES = 65_536
"""How far into a file its ``<HealthData`` root is looked for (it follows a DTD of ~10 KB)."""

DTD_MAX_BYTES = 1 << 20
"""The internal DTD must end within this many bytes; Apple's is about 10 KB."""

CHUNK_BYTES = 1 << 18
"""Read at a time: 256 KiB (about 1,000 lines) keeps each scan's matches small in memory."""
MAX_LINE_BYTES = 16 << 20
"""A longer line means the file is not one element per line: the slow path reads it."""

MAX_BLOCK_BYTES = 16 << 20
"""The most one record or workout may hold once its ``<Location>`` lines are dropped."""

IGNORED_FOLDERS = frozenset({"workout-routes", "electrocardiograms", "clinical-records"})
"""Parts of the export that hold no day values (GPX routes, ECG CSVs, FHIR JSON)."""

SLEEP_GAP_S = 2 * 3600
"""Asleep intervals less than two hours apart are one sleep (a night with a long wake in it)."""

CUMULATIVE: dict[str, tuple[str, str]] = {
    "HKQuantityTypeIdentifierStepCount": ("steps", "count"),
    "HKQuantityTypeIdentifierDistanceWalkingRunning": ("distance_km", "km"),
    "HKQuantityTypeIdentifierActiveEnergyBurned": ("active_energy_kcal", "kcal"),
    "HKQuantityTypeIdentifierAppleExerciseTime": ("exercise_min", "min"),
    "HKQuantityTypeIdentifierDietaryWater": ("fluid_ml", "mL"),
    "HKQuantityTypeIdentifierDietaryMagnesium": ("magnesium_mg", "mg"),
    "HKQuantityTypeIdentifierDietaryPotassium": ("potassium_mg", "mg"),
    "HKQuantityTypeIdentifierDietaryCalcium": ("calcium_mg", "mg"),
    "HKQuantityTypeIdentifierDietarySodium": ("sodium_mg", "mg"),
    "HKQuantityTypeIdentifierDietaryCaffeine": ("caffeine_mg", "mg"),
    "HKQuantityTypeIdentifierNumberOfAlcoholicBeverages": ("alcohol_drinks", "count"),
}
"""HealthKit type → (factor, the unit its values are converted to). Summed per day, merged
across sources by priority."""

BODY_MASS = "HKQuantityTypeIdentifierBodyMass"
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
WANTED = frozenset({*CUMULATIVE, BODY_MASS, SLEEP})

UNITS: dict[str, dict[str, float]] = {
    "count": {"count": 1.0},
    "mg": {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "µg": 0.001, "ug": 0.001, "kg": 1e6},
    "mL": {
        "mL": 1.0,
        "ml": 1.0,
        "cL": 10.0,
        "dL": 100.0,
        "L": 1000.0,
        "fl_oz_us": 29.5735295625,
        "fl_oz_imp": 28.4130625,
        "cup_us": 236.5882365,
        "cup_imp": 284.130625,
        "pt_us": 473.176473,
        "pt_imp": 568.26125,
    },
    "kcal": {"kcal": 1.0, "Cal": 1.0, "cal": 0.001, "kJ": 1 / 4.184, "J": 1 / 4184},
    "kg": {"kg": 1.0, "g": 0.001, "lb": 0.45359237, "st": 6.35029318, "oz": 0.028349523125},
    "km": {"km": 1.0, "m": 0.001, "cm": 1e-5, "mi": 1.609344, "yd": 0.0009144, "ft": 0.0003048},
    "min": {"min": 1.0, "h": 60.0, "hr": 60.0, "s": 1 / 60},
}
"""HealthKit unit strings → factor of the target unit (the exact international definitions:
1 lb = 0.45359237 kg, 1 mi = 1.609344 km, 1 US fl oz = 29.5735295625 mL, 1 kcal = 4.184 kJ).
``Cal`` is the food Calorie, a kilocalorie. A small table is enough: Apple writes few units."""

ASLEEP, STAGE, AWAKE, IN_BED = 0, 1, 2, 3
SLEEP_VALUES: dict[str, int] = {
    "HKCategoryValueSleepAnalysisInBed": IN_BED,
    "HKCategoryValueSleepAnalysisAsleep": ASLEEP,
    "HKCategoryValueSleepAnalysisAsleepUnspecified": ASLEEP,
    "HKCategoryValueSleepAnalysisAwake": AWAKE,
    "HKCategoryValueSleepAnalysisAsleepCore": STAGE,
    "HKCategoryValueSleepAnalysisAsleepDeep": STAGE,
    "HKCategoryValueSleepAnalysisAsleepREM": STAGE,
    "0": IN_BED,
    "1": ASLEEP,
    "2": AWAKE,
    "3": STAGE,
    "4": STAGE,
    "5": STAGE,
}
"""Sleep category values, by name (iOS 16+ and legacy ``…Asleep``) and by raw number."""

WATCH, PHONE, APP, BY_HAND = 0, 1, 2, 3
"""Source priority ranks: Apple Watch before iPhone before other apps, the Health app's own
default; values typed by hand in Health come last, filling only time nothing else covered."""

OTHER_ELEMENTS: dict[str, str] = {
    "Correlation": "food and blood-pressure groups: their samples are read one by one",
    "ActivitySummary": "activity rings (daily summaries): not used, days come from the samples",
    "ClinicalRecord": "clinical records: not used",
    "Audiogram": "hearing tests: not used",
    "VisionPrescription": "vision prescriptions: not used",
}
"""Top-level elements other than records and workouts: counted as read, not imported."""
_OTHER_STARTS = tuple(f"<{tag}".encode() for tag in OTHER_ELEMENTS)

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_INFINITY = float("inf")
_DAY_SHIFT = 2
"""Added to days since 1970 when stored unsigned: a sample after 1970 counts for 1969-12-31 at the
earliest (or the day before, in a zone east of the owner's)."""
_CONTROL = bytes([*range(0, 9), 11, 12, *range(14, 32)])
_ROOT = re.compile(rb"<HealthData[\s>/]")
_ATTR_TEXT = re.compile(r'([\w:.-]+)="([^"]*)"')
_SELF_CLOSING = re.compile(rb'\s*<Record(?:\s+[\w:.-]+\s*=\s*"[^"<]*")*\s*/>\s*')
"""A well-formed one-line record; anything else (a lost quote) goes to lxml, which refuses it."""
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_DEVICE_FIELD = re.compile(r"\b(name|model):([^,>]*)")
_WORDS = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_TYPE_PREFIXES = (
    "HKQuantityTypeIdentifier",
    "HKCategoryTypeIdentifier",
    "HKCorrelationTypeIdentifier",
    "HKDataType",
    "HK",
)


class _NotLineShaped(Exception):
    """The file is not one element per line: read it with the slow path."""


class _Unordered(Exception):
    """A type came back after the export had moved on: read again without merging early."""


# ---------------------------------------------------------------------------- detect


def detect(bundle: Bundle) -> list[str]:
    """The export's main XML (the one whose root is ``<HealthData``), or [].

    The name is localised (``export.xml``, ``Export.xml``, ``导出.xml``), so every ``.xml``
    member is a candidate except ``export_cda.xml`` and the route, ECG and clinical folders; the
    root is looked for in the first 64 KiB, past the DTD. With several, the shallowest wins.
    """
    candidates = [m for m in bundle.find(lambda name: name.endswith(".xml")) if _candidate(m)]
    for member in sorted(candidates, key=lambda m: (m.count("/"), m))[:50]:
        if _has_root(bundle.head(member, HEAD_BYTES)):
            return [member]
    return []


def _candidate(member: str) -> bool:
    path = PurePosixPath(member)
    folders = {part.lower() for part in path.parts[:-1]}
    return path.name.lower() != "export_cda.xml" and not folders & IGNORED_FOLDERS


def _has_root(head: bytes) -> bool:
    return _ROOT.search(_cut_dtd(head)) is not None


def _cut_dtd(data: bytes) -> bytes:
    """``data`` with its DOCTYPE replaced by the same number of newlines (unchanged if none or if
    it does not end within ``data``)."""
    start = data.find(b"<!DOCTYPE")
    if start < 0:
        return data
    end = _dtd_end(data, start)
    if end < 0:
        return data
    return data[:start] + b"\n" * data.count(b"\n", start, end) + data[end:]


def _dtd_end(data: bytes, start: int) -> int:
    """The offset just after the DOCTYPE that begins at ``start``; -1 when not in ``data``."""
    bracket, close = data.find(b"[", start), data.find(b">", start)
    if close >= 0 and (bracket < 0 or close < bracket):  # no internal subset
        return close + 1
    end = data.find(b"]>", start)
    return end + 2 if end >= 0 else -1


# ---------------------------------------------------------------------------- parse


def parse(bundle: Bundle, members: list[str], owner: Owner, *, fast: bool = True) -> Extract:
    """Read the export's main XML into day values, workouts and the profile.

    ``fast=False`` reads with plain lxml only (the reference the fast path is tested against).

    Raises:
        BadFile: the XML is malformed, has an undefined entity, or has no ``<HealthData`` root.
    """
    early = True
    while True:
        sink = _Reader(owner, merge_early=early)
        try:
            for member in members:
                _read_member(bundle, member, sink, fast=fast)
        except _NotLineShaped:
            fast = False
        except _Unordered:
            early = False
        else:
            extract = sink.finish()
            extract.members = list(members)
            return extract


def _read_member(bundle: Bundle, member: str, sink: _Reader, *, fast: bool) -> None:
    with bundle.open(member) as stream:
        reader = _CleanReader(stream, member)
        if fast:
            _read_fast(reader, sink)
        else:
            _read_slow(reader, sink)


def _bad(member: str, detail: str, line: int | None) -> BadFile:
    name = PurePosixPath(member).name
    return BadFile(
        f"{name} is not a valid Apple Health export: {detail}. Export it again from the Health "
        "app (your picture, then Export All Health Data) and bring the new export.zip.",
        member=member,
        line=line,
    )


class _CleanReader:
    """The member as the parsers see it: DTD blanked out, C0 control characters removed.

    Raises:
        BadFile: the DTD does not end, or no ``<HealthData`` root follows it.
    """

    def __init__(self, stream: BinaryIO, member: str) -> None:
        self.member = member
        self._stream = stream
        head = stream.read(HEAD_BYTES)
        start = head.find(b"<!DOCTYPE")
        while start >= 0 and _dtd_end(head, start) < 0 and len(head) < DTD_MAX_BYTES:
            more = stream.read(HEAD_BYTES)
            if not more:
                break
            head += more
        if start >= 0 and _dtd_end(head, start) < 0:
            raise _bad(member, "its document type declaration (DTD) never ends", None)
        head = _cut_dtd(head)
        if _ROOT.search(head) is None:
            raise _bad(member, "there is no <HealthData> element at its start", None)
        self._pending = head.translate(None, _CONTROL)

    def read(self, size: int = CHUNK_BYTES) -> bytes:
        if self._pending:
            data, self._pending = self._pending, b""
            return data
        return self._stream.read(max(size, 1)).translate(None, _CONTROL)


# ---------------------------------------------------------------------------- fast path


def _wanted_pattern() -> bytes:
    quantities = sorted(
        (k.removeprefix("HKQuantityTypeIdentifier") for k in [*CUMULATIVE, BODY_MASS]),
        key=len,
        reverse=True,
    )
    return (
        b"HK(?:QuantityTypeIdentifier(" + "|".join(quantities).encode() + b")"
        b'|CategoryTypeIdentifier(SleepAnalysis))"'
    )


_ASCII = rb'[^"<&\t\r\n\x80-\xff]*'
_TEXT = rb'[^"<\t\r\n]*'
_STAMP = rb"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}"
_FAST = re.compile(
    b'<(?:(?<=\n <)Record type="(?:'
    + _wanted_pattern()
    + b' sourceName="('
    + _TEXT
    + b')"(?: sourceVersion="'
    + _ASCII
    + b'")?(?: device="(?:(&)lt;&lt;HKDevice: 0x[0-9a-fA-F]*&gt;)?('
    + _TEXT
    + b')")?(?: unit="('
    + _TEXT
    + b')")?(?: creationDate="'
    + _ASCII
    + b'")? startDate="('
    + _STAMP
    + b')" endDate="('
    + _STAMP
    + b')" value="('
    + _ASCII
    + rb')"/>[ \t\r]*(?=\n)|([^"\n]*)")'
    + rb"|(Record|Workout|Me |/HealthData>|Correlation|ActivitySummary|ClinicalRecord|Audiogram"
    + rb"|VisionPrescription))"
)
"""Every ``<`` the fast path must look at, in one scan of a chunk, as one of three kinds:

1. (groups 1–9) a self-closing record of a wanted type, on its own line at Apple's indentation,
   with Apple's attributes in Apple's order (``type``, ``sourceName``, ``sourceVersion``?,
   ``device``?, ``unit``?, ``creationDate``?, ``startDate``, ``endDate``, ``value``), fixed-width
   dates, no tab or CR inside a value, and every byte outside ``sourceName``, ``device`` and
   ``unit`` ASCII (so the line is valid UTF-8 when those three decode);
2. (group 10) any other record line at Apple's indentation: its type, counted when not wanted;
3. (group 11) anything else that the line reader acts on: a record elsewhere, a workout, ``<Me``,
   the end of the document, the other top-level elements.

``<`` of anything else (``MetadataEntry``, ``</Record>``, a heart rate's beats) does not match:
the line reader ignores those lines too, outside a record or workout being gathered. A wanted
record of kind 2 and every kind 3 go to the line reader, which decides exactly as before.
"""


_KIND, _START, _OTHER = itemgetter(9), itemgetter(6), itemgetter(10)


def _chunks(reader: _CleanReader) -> Iterator[tuple[bytes, int]]:
    """The member as (text, number of its first line): each text is whole lines, each line
    preceded and followed by ``\\n`` (so that every line looks the same to :data:`_FAST`;
    the ``\\n`` between two texts ends one and starts the next)."""
    rest, lineno = b"\n", 1
    while chunk := reader.read(CHUNK_BYTES):
        data = rest + chunk
        cut = data.rfind(b"\n")
        if cut > 0:
            yield data[: cut + 1], lineno
            lineno += data.count(b"\n", 0, cut)
            data = data[cut:]
        if len(data) > MAX_LINE_BYTES:
            raise _NotLineShaped
        rest = data
    if len(rest) > 1:
        yield rest + b"\n", lineno


def _read_fast(reader: _CleanReader, sink: _Reader) -> None:
    """One element per line: whole chunks scanned by one regex, records of wanted types read in
    runs; anything unusual is handed line by line to :class:`_Lines`."""
    lines = _Lines(reader.member, sink)
    wanted = frozenset(t.encode() for t in WANTED)
    text, first = b"", 1
    for text, first in _chunks(reader):
        _read_chunk(text, first, lines, wanted)
    lines.finish(max(first + text.count(b"\n") - 2, 0))


def _read_chunk(text: bytes, lineno: int, lines: _Lines, wanted: frozenset[bytes]) -> None:
    """``text[pos]`` is always the ``\\n`` before line ``lineno``; ``text[size]`` ends the
    last line."""
    pos, size = 0, len(text) - 1
    unwanted = lines.unwanted
    if lines.neutral:  # the usual chunk, nothing unusual in it: all in one call
        found = _FAST.findall(text)
        if not any(map(_OTHER, found)) and wanted.isdisjoint(map(_KIND, found)):
            run = list(filter(_START, found))
            if run and not lines.sink.records_fast(run):
                for line in text[1:size].split(b"\n"):
                    lines.feed(line, lineno)  # raises the error at its line
                    lineno += 1
            unwanted.update(filter(None, map(_KIND, found)))
            return
    while pos < size:
        if lines.neutral:
            rows: list[tuple[bytes, ...]] = []
            stop, counted, kind = size, -1, b""
            for match in _FAST.finditer(text, pos):
                last = match.lastindex
                if last == 9:
                    rows.append(match.groups(b""))
                elif last == 10 and match.group(10) not in wanted:
                    kind, counted = match.group(10), match.start()
                    unwanted[kind] += 1
                else:
                    stop = text.rfind(b"\n", pos, match.start())
                    if counted > stop:  # that record's line goes to the line reader, whole
                        unwanted[kind] -= 1
                    break
            if rows and not lines.sink.records_fast(rows):
                # a name that does not decode, or an undefined entity: let the line reader
                # read the same lines, it raises the error with the line number
                for line in text[pos + 1 : stop].split(b"\n"):
                    lines.feed(line, lineno)
                    lineno += 1
            else:
                lineno += text.count(b"\n", pos + 1, stop + 1)
            pos = stop
            if pos >= size:
                return
        end = text.find(b"\n", pos + 1)
        end = size if end < 0 else end
        lines.feed(text[pos + 1 : end], lineno)
        lineno += 1
        pos = end


class _Lines:
    """The line reader: what the fast path does with each line that is not read in a run."""

    def __init__(self, member: str, sink: _Reader) -> None:
        self.member = member
        self.sink = sink
        self.unwanted: Counter[bytes] = Counter()
        self.wanted = frozenset(t.encode() for t in WANTED)
        self.block: list[bytes] | None = None
        self.block_end = b""
        self.block_line = self.block_size = 0
        self.in_group = self.ended = False
        self.lineno = 0

    @property
    def neutral(self) -> bool:
        """Between top-level elements: no record, workout or group being gathered."""
        return self.block is None and not self.in_group

    def feed(self, line: bytes, lineno: int) -> None:
        """One line (without its ``\\n``), numbered from 1."""
        self.lineno = lineno
        member, sink = self.member, self.sink
        if self.block is not None:
            if b"<Location " in line:
                return
            self.block.append(line)
            self.block_size += len(line)
            if self.block_size > MAX_BLOCK_BYTES:
                raise _NotLineShaped
            if self.block_end in line:
                _parse_block(b"\n".join(self.block), member, self.block_line, sink)
                self.block = None
            return
        if self.in_group:
            self.in_group = b"</Correlation>" not in line
            return
        at = line.find(b"<")
        if at < 0:
            return
        if line.startswith(b"<Record ", at):
            if line.count(b"<Record") != 1:
                raise _NotLineShaped
            one_line = line.count(b"<") == 1
            if not one_line and not line.rstrip().endswith(b"</Record>"):
                raise _NotLineShaped
            start = line.find(b'type="', at) + 6
            kind = line[start : line.find(b'"', start)] if start > 5 else b""
            if kind not in self.wanted:
                self.unwanted[kind] += 1
            elif one_line and line.rstrip().endswith(b"/>"):
                _parse_line(line, member, lineno, sink)
            elif one_line:
                self._gather(line, b"</Record>", lineno)
            else:
                _parse_block(line, member, lineno, sink)
        elif line.startswith(b"<Workout ", at) or line.startswith(b"<Workout>", at):
            if line.rstrip().endswith((b"/>", b"</Workout>")):
                _parse_block(line, member, lineno, sink)
            else:
                self._gather(line, b"</Workout>", lineno)
        elif line.startswith(b"<Me ", at):
            _parse_block(line, member, lineno, sink)
        elif line.startswith(b"</HealthData>", at):
            self.ended = True
        elif line.startswith(_OTHER_STARTS, at):
            tag = _tag_at(line, at)
            if tag in OTHER_ELEMENTS:
                sink.other(tag)
                if tag == "Correlation":
                    closed = line.rstrip().endswith(b"/>") or b"</Correlation>" in line
                    self.in_group = not closed
        elif b"<Record " in line or b"<Workout " in line:
            raise _NotLineShaped

    def _gather(self, line: bytes, end: bytes, lineno: int) -> None:
        self.block, self.block_end, self.block_line, self.block_size = [line], end, lineno, 0

    def finish(self, lineno: int) -> None:
        """The member has ended (``lineno`` its last line): it must have been complete."""
        if self.block is not None or not self.ended:
            raise _bad(self.member, "it ends before </HealthData> (the file is incomplete)", lineno)
        self.sink.unwanted_counts(self.unwanted)


def _tag_at(line: bytes, at: int) -> str:
    end = at + 1
    while end < len(line) and line[end : end + 1].isalnum():
        end += 1
    return line[at + 1 : end].decode("ascii", "replace")


def _parse_line(line: bytes, member: str, lineno: int, sink: _Reader) -> None:
    """A self-closing record: its attributes by regex, unescaped as XML does."""
    if not _SELF_CLOSING.fullmatch(line):  # unusual quoting or a broken tag: lxml decides
        _parse_block(line, member, lineno, sink)
        return
    try:
        text = line.decode("utf-8")
        pairs = _ATTR_TEXT.findall(text)
        if "\t" in text or "\r" in text:
            attrs = {key: _attribute(value) for key, value in pairs}
        else:
            attrs = {key: _attribute(value) if "&" in value else value for key, value in pairs}
    except (ValueError, UnicodeDecodeError) as exc:
        raise _bad(member, str(exc), lineno) from None
    if {"type", "startDate", "endDate"} <= attrs.keys():
        sink.record(attrs, {}, lineno)
    else:
        _parse_block(line, member, lineno, sink)


def _attribute(text: str) -> str:
    """An attribute value as an XML parser reads it: whitespace normalised, the five predefined
    entities and character references replaced, anything else refused.

    ``html.unescape`` is not used: it knows HTML's entities (``&nbsp;``), which XML does not,
    so it would accept files lxml refuses.
    """
    if "\t" in text or "\r" in text or "\n" in text:
        text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    if "&" not in text:
        return text
    if "&#" not in text:  # the usual case, device strings full of &lt; and &gt;: no regex
        plain = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        plain = plain.replace("&apos;", "'")
        if plain.count("&") == plain.count("&amp;"):
            return plain.replace("&amp;", "&")  # last, so that &amp;lt; stays &lt;
    found = 0

    def replace_one(match: re.Match[str]) -> str:
        nonlocal found
        found += 1
        hexa, decimal, name = match.groups()
        if name:
            return _NAMED[name]
        point = int(hexa, 16) if hexa else int(decimal)
        if not _xml_char(point):
            raise ValueError(f"the character reference {match.group()} is not allowed in XML")
        return chr(point)

    result = _ENTITY.sub(replace_one, text)
    if found != text.count("&"):
        bad = text[text.find("&") :].split(";")[0][:40]
        raise ValueError(f"the entity {bad}; is not defined (entities are never expanded)")
    return result


def _xml_char(point: int) -> bool:
    return point in (9, 10, 13) or 0x20 <= point <= 0xD7FF or 0xE000 <= point <= 0x10FFFF


def _parse_block(data: bytes, member: str, lineno: int, sink: _Reader) -> None:
    """A record with children, a workout or ``<Me>``: parsed by lxml on its own."""
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    try:
        element = etree.fromstring(data.strip(), parser)
    except etree.XMLSyntaxError as exc:
        line = lineno + (exc.lineno or 1) - 1
        raise _bad(member, exc.msg or "malformed XML", line) from None
    _dispatch(element, lineno, sink)


# ---------------------------------------------------------------------------- slow path


def _read_slow(reader: _CleanReader, sink: _Reader) -> None:
    """Plain lxml over the whole document, top-level elements cleared as soon as they end."""
    depth = 0
    events = etree.iterparse(
        reader,
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
    )
    try:
        for event, element in events:
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if depth != 1:
                continue
            _dispatch(element, element.sourceline or 0, sink)
            element.clear(keep_tail=True)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        detail, line = _syntax_error(exc)
        raise _bad(reader.member, detail, line) from None
    sink.unwanted_counts(Counter())


def _syntax_error(exc: etree.XMLSyntaxError) -> tuple[str, int]:
    """The fatal error and its line: with ``resolve_entities=False`` lxml's iterparse
    raises a bare "no element found" at line 0, and keeps the real cause in its error log (the
    last entry: that log also holds the errors of earlier parses in the thread)."""
    fatal = [entry for entry in exc.error_log if entry.level_name == "FATAL"]
    if exc.lineno or not fatal:
        return exc.msg or "malformed XML", exc.lineno or 0
    return fatal[-1].message.strip(), fatal[-1].line


def _dispatch(element: etree._Element, lineno: int, sink: _Reader) -> None:
    """Hand one top-level element to the reader, the same way from both paths."""
    tag = element.tag
    attrs = {str(k): str(v) for k, v in element.attrib.items()}
    if tag == "Record":
        kind = attrs.get("type", "")
        if kind in WANTED and {"startDate", "endDate"} <= attrs.keys():
            sink.record(attrs, _metadata(element), lineno)
        elif kind in WANTED:
            sink.extract.records += 1
            sink.extract.skip(f"{_type_words(kind)}: a record without its dates")
        else:
            sink.unwanted_one(kind)
    elif tag == "Workout":
        stats = [
            {str(k): str(v) for k, v in child.attrib.items()}
            for child in element
            if child.tag == "WorkoutStatistics"
        ]
        sink.workout(attrs, _metadata(element), stats, lineno)
    elif tag == "Me":
        sink.me(attrs)
    elif isinstance(tag, str) and tag in OTHER_ELEMENTS:
        sink.other(tag)


def _metadata(element: etree._Element) -> dict[str, str]:
    return {
        str(child.get("key", "")): str(child.get("value", ""))
        for child in element
        if child.tag == "MetadataEntry"
    }


# ---------------------------------------------------------------------------- the reader


@dataclass
class _Samples:
    """One source's samples of one factor, in file order: 18 bytes a sample.

    Four long arrays per source rather than three short ones per day: thousands of small
    arrays growing side by side left the heap about twice the size of their contents.
    """

    starts: array[int] = field(default_factory=lambda: array("I"))
    ends: array[int] = field(default_factory=lambda: array("I"))
    values: array[float] = field(default_factory=lambda: array("d"))
    days: array[int] = field(default_factory=lambda: array("H"))
    """The day each counts for, as days since 1970 plus :data:`_DAY_SHIFT` (never negative)."""


@dataclass(frozen=True, slots=True)
class _Source:
    name: str
    device: str
    model: str
    rank: int
    label: str


class _Reader:
    """What both paths feed: keeps the samples compactly and turns them into an Extract."""

    def __init__(self, owner: Owner, *, merge_early: bool) -> None:
        self.owner = owner
        self.merge_early = merge_early
        self.extract = Extract(source=SOURCE)
        self.sources: list[_Source] = []
        self._source_ids: dict[tuple[str, str, bool], int] = {}
        self._source_keys: dict[tuple[str, str, int], int] = {}
        self.samples: dict[str, dict[int, _Samples]] = {}
        """factor → source → its samples."""
        self.merged_types: set[str] = set()
        self.current_type = ""
        self.body_mass: dict[date, tuple[int, int, float]] = {}
        self.sleep = array("I")
        """Flattened (start, end, kind, zone) per sleep sample."""
        self.zones: list[str] = [""]
        self.workouts: list[tuple[Workout, int]] = []
        self.by_hand = 0
        self.travel_days: set[date] = set()
        self.used_sources: dict[str, set[int]] = {}
        self._days: _apple_time.Calendar | None = None
        self._texts: dict[bytes, str] = {}
        self._fast_sources: dict[tuple[bytes, bool, bytes], int] = {}
        self._scales: dict[tuple[bytes, str], float] = {}

    # -- records

    def record(self, attrs: Mapping[str, str], meta: Mapping[str, str], lineno: int) -> None:
        """One record of a wanted type (``type``, ``startDate``, ``endDate`` present)."""
        self.extract.records += 1
        kind = attrs["type"]
        if kind != self.current_type:
            self._switch_type(kind)
        try:
            start, end = _epoch(attrs["startDate"]), _epoch(attrs["endDate"])
        except ValueError:
            self.extract.skip(f"{_type_words(kind)}: a record whose date cannot be read")
            return
        by_hand = meta.get("HKWasUserEntered") == "1"
        zone = _zone(meta.get("HKTimeZone", ""))
        if kind == SLEEP:
            self._sleep(attrs.get("value", ""), start, end, zone, by_hand)
            return
        factor, unit = CUMULATIVE.get(kind) or ("body_mass_kg", "kg")
        amount = _convert(attrs.get("value", ""), attrs.get("unit", ""), unit)
        if isinstance(amount, str):
            self.extract.skip(f"{factor}: {amount}")
            return
        self.by_hand += by_hand
        day = self._day(start, zone)
        source = self._source(attrs.get("sourceName", ""), attrs.get("device", ""), by_hand)
        if kind == BODY_MASS:
            rank = -self.sources[source].rank
            if (end, rank) >= self.body_mass.get(day, (-1, -99, 0.0))[:2]:
                self.body_mass[day] = (end, rank, amount)
            return
        samples = self.samples.setdefault(factor, {})
        bucket = samples.get(source)
        if bucket is None:
            bucket = samples[source] = _Samples()
        bucket.starts.append(start)
        bucket.ends.append(max(end, start))
        bucket.values.append(amount)
        bucket.days.append(day.toordinal() - _EPOCH_ORDINAL + _DAY_SHIFT)

    def records_fast(self, rows: list[tuple[bytes, ...]]) -> bool:
        """Records of wanted types as the fast path's pattern split them, in file order:
        (quantity type or b"", b"SleepAnalysis" or b"", sourceName, b"&" when the device starts
        with ``&lt;&lt;HKDevice: 0x…&gt;`` (the address, which is left out), the rest of the
        device, unit, startDate, endDate, value), raw bytes. The same as :meth:`record` on
        each, in arrays.

        Returns False, having changed nothing, when a name, device or unit does not decode or
        holds an undefined entity (the line reader then raises the error with its line).
        """
        texts = self._texts
        if len(texts) > 10_000:
            texts.clear()
        if len(self._scales) > 1_000:
            self._scales.clear()
        try:
            for raw in {r[2] for r in rows} | {r[4] for r in rows} | {r[5] for r in rows}:
                if raw not in texts:
                    texts[raw] = _attribute(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return False
        begin = 0
        for end in range(1, len(rows) + 1):
            if end == len(rows) or rows[end][:2] != rows[begin][:2]:
                quantity, sleep = rows[begin][:2]
                if quantity:
                    kind = "HKQuantityTypeIdentifier" + quantity.decode()
                else:
                    kind = "HKCategoryTypeIdentifier" + sleep.decode()
                if kind in CUMULATIVE:
                    self._cumulative_run(kind, rows[begin:end])
                else:
                    for row in rows[begin:end]:
                        self.record(self._attrs(kind, row), {}, 0)
                begin = end
        return True

    def _attrs(self, kind: str, row: tuple[bytes, ...]) -> dict[str, str]:
        texts = self._texts
        device = ("<<HKDevice>" if row[3] else "") + texts[row[4]]
        return {
            "type": kind,
            "sourceName": texts[row[2]],
            "device": device,
            "unit": texts[row[5]],
            "startDate": row[6].decode(),
            "endDate": row[7].decode(),
            "value": row[8].decode(),
        }

    def _cumulative_run(self, kind: str, rows: list[tuple[bytes, ...]]) -> None:
        """Self-closing records of one cumulative type, without metadata (so in the owner's
        zone, never by hand)."""
        from nightcramps.imports.sources import _apple_time

        self.extract.records += len(rows)
        if kind != self.current_type:
            self._switch_type(kind)
        starts, good_starts = _apple_time.epochs([r[6] for r in rows])
        ends, good_ends = _apple_time.epochs([r[7] for r in rows])
        good = good_starts & good_ends
        kept = int(good.sum())
        if kept < len(rows):
            self.extract.skip(
                f"{_type_words(kind)}: a record whose date cannot be read", len(rows) - kept
            )
            rows = [row for row, ok in zip(rows, good.tolist(), strict=True) if ok]
            starts, ends = starts[good], ends[good]
        if not rows:
            return
        days = self._calendar().day_numbers(starts).tolist()
        factor, target = CUMULATIVE[kind]
        samples = self.samples.setdefault(factor, {})
        sources, texts, scales = self._fast_sources, self._texts, self._scales
        reasons: Counter[str] = Counter()
        bucket, last_source = _Samples(), -1
        for row, start, end, number in zip(rows, starts.tolist(), ends.tolist(), days, strict=True):
            try:
                amount = float(row[8])
            except ValueError:
                reasons[f"{factor}: a value that is not a number"] += 1
                continue
            if not 0 <= amount < _INFINITY:
                reasons[f"{factor}: a value that is not a number"] += 1
                continue
            scale = scales.get((row[5], target))
            if scale is None:
                unit = texts[row[5]]
                found = UNITS[target].get(unit.strip() or target)
                if found is None:
                    reasons[f"{factor}: values in '{unit}', a unit not understood"] += 1
                    continue
                scale = scales[(row[5], target)] = found
            key = (row[2], row[3] != b"", row[4])
            source = sources.get(key)
            if source is None:
                if len(sources) > 10_000:
                    sources.clear()
                device = ("<<HKDevice>" if row[3] else "") + texts[row[4]]
                source = sources[key] = self._source(texts[row[2]], device, False)
            if source != last_source:
                found_bucket = samples.get(source)
                if found_bucket is None:
                    found_bucket = samples[source] = _Samples()
                bucket, last_source = found_bucket, source
            bucket.starts.append(start)
            bucket.ends.append(end if end > start else start)
            bucket.values.append(amount * scale)
            bucket.days.append(number + _DAY_SHIFT)
        for reason, count in reasons.items():
            self.extract.skip(reason, count)

    def _calendar(self) -> _apple_time.Calendar:
        if self._days is None:
            from nightcramps.imports.sources import _apple_time

            self._days = _apple_time.Calendar(self.owner)
        return self._days

    def unwanted_one(self, kind: str) -> None:
        self.extract.records += 1
        self.extract.skip(f"{_type_words(kind)}: not used")

    def unwanted_counts(self, counts: Counter[bytes]) -> None:
        for kind, count in counts.items():
            self.extract.records += count
            self.extract.skip(f"{_type_words(kind.decode('utf-8', 'replace'))}: not used", count)

    def other(self, tag: str) -> None:
        self.extract.records += 1
        self.extract.skip(OTHER_ELEMENTS[tag])

    def me(self, attrs: Mapping[str, str]) -> None:
        birth = attrs.get("HKCharacteristicTypeIdentifierDateOfBirth", "")
        try:
            self.extract.profile["birth_date"] = date.fromisoformat(birth).isoformat()
        except ValueError:
            pass
        sex = attrs.get("HKCharacteristicTypeIdentifierBiologicalSex", "")
        words = {"HKBiologicalSexFemale": "female", "HKBiologicalSexMale": "male"}
        if sex in words:
            self.extract.profile["sex"] = words[sex]

    def _switch_type(self, kind: str) -> None:
        if self.merge_early and kind in self.merged_types:
            raise _Unordered
        previous = CUMULATIVE.get(self.current_type)
        if self.merge_early and previous is not None:
            self._merge_factor(previous[0])
            self.merged_types.add(self.current_type)
        self.current_type = kind

    def _day(self, moment: int, zone: ZoneInfo | None) -> date:
        """The day a sample counts for; in the zone it was recorded in when it says so."""
        if zone is not None and zone.key != self.owner.tz.key:
            when = datetime.fromtimestamp(moment, UTC)
            day = timing.day_of(when, replace(self.owner, tz=zone))
            if (
                timing.local(when, zone).utcoffset()
                != timing.local(when, self.owner.tz).utcoffset()
            ):
                self.travel_days.add(day)
            return day
        return self._calendar().day(moment)

    def _source(self, name: str, device: str, by_hand: bool) -> int:
        """The index of the source, the same for every ``0x…`` address of one device."""
        # The cache is keyed without the address, which can differ on every record: keyed with
        # it, the cache alone grew by 400 bytes a sample.
        device = device[device.find(">") + 1 :] if device.startswith("<<") else device
        cached = self._source_ids.get((name, device, by_hand))
        if cached is not None:
            return cached
        if len(self._source_ids) > 10_000:
            self._source_ids.clear()
        norm, device_name, model = source_key(name, device)
        rank = BY_HAND if by_hand else _rank(norm, device_name, model)
        key = (f"{norm}\0{device_name}", model, rank)
        index = self._source_keys.get(key)
        if index is None:
            index = self._source_keys[key] = len(self.sources)
            label = name.strip() + (" (entered by hand)" if by_hand else "")
            self.sources.append(_Source(norm, device_name, model, rank, label))
        self._source_ids[(name, device, by_hand)] = index
        return index

    # -- sleep

    def _sleep(
        self, value: str, start: int, end: int, zone: ZoneInfo | None, by_hand: bool
    ) -> None:
        kind = SLEEP_VALUES.get(value)
        if kind is None:
            self.extract.skip("sleep: a sleep stage not known to NightCramps")
            return
        if end <= start:
            self.extract.skip("sleep: a sample that ends before it starts")
            return
        self.by_hand += by_hand
        zone_index = 0
        if zone is not None:
            if zone.key not in self.zones:
                self.zones.append(zone.key)
            zone_index = self.zones.index(zone.key)
        self.sleep.extend((start, end, kind, zone_index))

    # -- workouts

    def workout(
        self,
        attrs: Mapping[str, str],
        meta: Mapping[str, str],
        stats: list[dict[str, str]],
        lineno: int,
    ) -> None:
        self.extract.records += 1
        try:
            started = _moment(attrs.get("startDate", ""))
            ended = _moment(attrs.get("endDate", ""))
        except ValueError:
            self.extract.skip("workout: a workout whose date cannot be read")
            return
        zone = _zone(meta.get("HKTimeZone", ""))
        source = self._source(attrs.get("sourceName", ""), attrs.get("device", ""), False)
        workout = Workout(
            day=self._day(int(started.timestamp()), zone),
            started_at=started,
            ended_at=ended,
            activity=_activity(attrs.get("workoutActivityType", "")),
            duration_min=_workout_minutes(attrs, started, ended),
            energy_kcal=_workout_total(attrs, stats, "totalEnergyBurned", "ActiveEnergyBurned"),
            distance_km=_workout_total(attrs, stats, "totalDistance", "Distance"),
            device=attrs.get("sourceName", "").strip(),
        )
        self.workouts.append((workout, self.sources[source].rank))

    # -- the end

    def finish(self) -> Extract:
        """Merge what is left and return the Extract (values in a stable order)."""
        for factor in list(self.samples):
            self._merge_factor(factor)
        for day, (_, _, mass) in sorted(self.body_mass.items()):
            self._store(day, "body_mass_kg", mass)
        self._finish_sleep()
        self._finish_workouts()
        self._finish_warnings()
        return self.extract

    def _merge_factor(self, factor: str) -> None:
        from nightcramps.imports.sources import _apple_merge

        days = _apple_merge.by_day(self.samples.pop(factor, {}))
        for number in sorted(days):
            by_source = days[number]
            order = sorted(by_source, key=lambda i: _source_order(self.sources[i]))
            self.used_sources.setdefault(factor, set()).update(order)
            groups = [by_source[i] for i in order]
            if sum(len(values) for _, _, values in groups) < _apple_merge.SMALL:
                total = merge_by_priority(
                    [
                        (array("I", s.tolist()), array("I", e.tolist()), array("d", v.tolist()))
                        for s, e, v in groups
                    ]
                )
            else:  # the same total, bit for bit, in arrays
                total = _apple_merge.merged_total(groups)
            day = date.fromordinal(_EPOCH_ORDINAL + number - _DAY_SHIFT)
            self._store(day, factor, float(round(total)) if factor == "steps" else total)

    def _store(self, day: date, factor: str, value: float) -> None:
        spec = factors.BY_NAME[factor]
        if spec.low <= value <= spec.high:
            self.extract.put(day, factor, value)
        else:
            self.extract.skip(f"{factor}: a day's value outside the plausible range")

    def _finish_sleep(self) -> None:
        from nightcramps.imports.sources import _apple_merge

        samples = [tuple(self.sleep[i : i + 4]) for i in range(0, len(self.sleep), 4)]
        stages = union([(s, e) for s, e, k, _ in samples if k == STAGE])
        generic = [(s, e) for s, e, k, _ in samples if k == ASLEEP]
        stage_ends = [e for _, e in stages]
        kept = [iv for iv in generic if not _overlaps(iv, stages, stage_ends)]
        if len(kept) < len(generic):
            self.extract.skip(
                "sleep: 'asleep' samples overlapping sleep stages (already counted)",
                len(generic) - len(kept),
            )
        asleep = _apple_merge.subtract(
            union(stages + kept), union([(s, e) for s, e, k, _ in samples if k == AWAKE])
        )
        zoned = [(s, e, z) for s, e, k, z in samples if k != IN_BED and z]
        main = self._main_sleeps(asleep, zoned, "sleep")
        for day, hours in sorted(main.items()):
            self._store(day, "sleep_h", hours)
        in_bed = union([(s, e) for s, e, k, _ in samples if k == IN_BED])
        zoned_bed = [(s, e, z) for s, e, k, z in samples if k == IN_BED and z]
        for day, hours in sorted(self._main_sleeps(in_bed, zoned_bed, "").items()):
            self._store(day, "in_bed_h", hours)

    def _main_sleeps(
        self, intervals: list[tuple[int, int]], zoned: list[tuple[int, int, int]], what: str
    ) -> dict[date, float]:
        """Hours of the longest cluster ending on each day; shorter ones are skipped."""
        best: dict[date, float] = {}
        shorter = 0
        zones = _ClusterZones(zoned, self.zones)
        for start, end, seconds in clusters(intervals, SLEEP_GAP_S):
            zone = zones.zone(start, end)
            when = datetime.fromtimestamp(end, UTC)
            owner = self.owner if zone is None else replace(self.owner, tz=zone)
            day = timing.morning_of(when, owner)
            if (
                zone is not None
                and timing.local(when, zone).utcoffset()
                != timing.local(when, self.owner.tz).utcoffset()
            ):
                self.travel_days.add(day)
            hours = seconds / 3600
            if day in best:
                shorter += 1
            best[day] = max(best.get(day, 0.0), hours)
        if what and shorter:
            self.extract.skip(
                "sleep: a shorter sleep on a day with a longer one (a nap), not counted", shorter
            )
        return best

    def _finish_workouts(self) -> None:
        """Workouts by start; one recorded by two apps is kept once, from the higher priority."""
        kept: list[tuple[Workout, int]] = []
        # Kept workouts that still run when this one starts, in kept order: only they can be its
        # twin, now or later (workouts come by start). Without this, years of workouts were
        # compared each with all others.
        running: list[int] = []
        for workout, rank in sorted(self.workouts, key=lambda w: (w[0].started_at, w[1])):
            running = [i for i in running if kept[i][0].ended_at > workout.started_at]
            twin = next((i for i in running if _same_workout(kept[i][0], workout)), None)
            if twin is None:
                running.append(len(kept))
                kept.append((workout, rank))
                continue
            self.extract.skip("workout: the same workout recorded by two apps (kept once)")
            if rank < kept[twin][1]:
                kept[twin] = (workout, rank)
        self.extract.workouts = [w for w, _ in kept]

    def _finish_warnings(self) -> None:
        warnings = self.extract.warnings
        if self.by_hand:
            warnings.append(f"{self.by_hand:,} values entered by hand in Health")
        if self.travel_days:
            count = len(self.travel_days)
            warnings.append(
                f"{count:,} days recorded in another time zone (travel): attribution uncertain"
            )
        for factor, used in sorted(self.used_sources.items()):
            if len(used) > 1:
                labels = [self.sources[i].label for i in sorted(used, key=self._order_of)]
                warnings.append(
                    f"{factor}: {len(used)} sources merged by priority ({', '.join(labels)}); "
                    "time covered by one is not counted again"
                )

    def _order_of(self, index: int) -> tuple[int, str, str, str]:
        return _source_order(self.sources[index])


def _source_order(source: _Source) -> tuple[int, str, str, str]:
    return (source.rank, source.name, source.device, source.model)


def _same_workout(a: Workout, b: Workout) -> bool:
    if a.activity != b.activity or a.device == b.device:
        return False
    overlap = (min(a.ended_at, b.ended_at) - max(a.started_at, b.started_at)).total_seconds()
    shorter = min(
        (a.ended_at - a.started_at).total_seconds(), (b.ended_at - b.started_at).total_seconds()
    )
    return shorter > 0 and overlap >= shorter / 2


class _ClusterZones:
    """The zone named by the last-ending sample inside a cluster, if any names one.

    Samples are sorted by start once, with the running latest (end, zone): of those starting
    before the cluster ends, the latest-ending one is inside exactly when it ends after the
    cluster starts (one bisection a cluster, not a scan of every sample).
    """

    def __init__(self, zoned: list[tuple[int, int, int]], zones: list[str]) -> None:
        ordered = sorted(zoned)
        self.starts = [s for s, _, _ in ordered]
        self.latest: list[tuple[int, int]] = []
        for _, e, z in ordered:
            self.latest.append(max(self.latest[-1], (e, z)) if self.latest else (e, z))
        self.zones = zones

    def zone(self, start: int, end: int) -> ZoneInfo | None:
        at = bisect_left(self.starts, end) - 1
        if at < 0 or self.latest[at][0] <= start:
            return None
        return ZoneInfo(self.zones[self.latest[at][1]])


def _overlaps(interval: tuple[int, int], joined: list[tuple[int, int]], ends: list[int]) -> bool:
    """:func:`~nightcramps.imports.intervals.overlaps` with the ends of ``joined`` listed once."""
    start, end = interval
    at = bisect_right(ends, start)
    return at < len(joined) and joined[at][0] < end


# ---------------------------------------------------------------------------- small parts


def source_key(source_name: str, device: str) -> tuple[str, str, str]:
    """(normalised source name, device name, device model): what identifies a source.

    ``device`` looks like ``<<HKDevice: 0x283a4c300>, name:Apple Watch, model:Watch, …>``; the
    ``0x…`` address changes between records of one device, so only ``name:`` and ``model:``
    count. Names are compared after NFKC, case folding, curly quotes made straight and runs of
    spaces made one.
    """
    fields = dict(_DEVICE_FIELD.findall(device))
    return (
        _normalise(source_name),
        _normalise(fields.get("name", "")),
        _normalise(fields.get("model", "")),
    )


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.casefold().split())


def _rank(name: str, device_name: str, model: str) -> int:
    words = f"{name} {device_name} {model}"
    if model == "watch" or "apple watch" in words:
        return WATCH
    if model == "iphone" or "iphone" in words:
        return PHONE
    return APP


def _epoch(text: str) -> int:
    """Seconds since 1970 of ``2019-05-14 19:05:29 -0400`` (fast: no strptime per sample).

    Raises:
        ValueError: not in that form, or outside 1970–2105 (the compact arrays' range).
    """
    if len(text) != 25 or text[4] != "-" or text[19] != " " or text[20] not in "+-":
        return _epoch_slow(text)
    day = date(int(text[0:4]), int(text[5:7]), int(text[8:10])).toordinal() - 719_163
    clock = int(text[11:13]) * 3600 + int(text[14:16]) * 60 + int(text[17:19])
    offset = int(text[21:23]) * 3600 + int(text[23:25]) * 60
    value = day * 86_400 + clock - (offset if text[20] == "+" else -offset)
    if not 0 <= value < 1 << 32:
        raise ValueError(f"{text} is outside the years a health export can hold")
    return value


def _epoch_slow(text: str) -> int:
    value = int(_moment(text).timestamp())
    if not 0 <= value < 1 << 32:
        raise ValueError(f"{text} is outside the years a health export can hold")
    return value


def _moment(text: str) -> datetime:
    """An aware datetime from Apple's timestamp (an offset is required)."""
    return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S %z")


def _zone(name: str) -> ZoneInfo | None:
    if not name or "/" not in name and name != "UTC":
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _convert(value: str, unit: str, target: str) -> float | str:
    """``value`` in ``target`` units, or the reason it cannot be read."""
    try:
        amount = float(value)
    except ValueError:
        return "a value that is not a number"
    if amount != amount or amount in (float("inf"), float("-inf")) or amount < 0:
        return "a value that is not a number"
    factor = UNITS[target].get(unit.strip() or target)
    if factor is None:
        return f"values in '{unit}', a unit not understood"
    return amount * factor


def _type_words(kind: str) -> str:
    """``HKQuantityTypeIdentifierHeartRate`` → ``heart rate``."""
    for prefix in _TYPE_PREFIXES:
        if kind.startswith(prefix):
            kind = kind[len(prefix) :]
            break
    return _WORDS.sub(" ", kind).lower() or "records without a type"


def _activity(kind: str) -> str:
    """``HKWorkoutActivityTypeFunctionalStrengthTraining`` → ``Functional strength training``."""
    words = _WORDS.sub(" ", kind.removeprefix("HKWorkoutActivityType")).lower()
    return words[:1].upper() + words[1:] if words else "Workout"


def _workout_minutes(attrs: Mapping[str, str], started: datetime, ended: datetime) -> float:
    minutes = _convert(attrs.get("duration", ""), attrs.get("durationUnit", "min"), "min")
    if isinstance(minutes, float):
        return minutes
    return max((ended - started).total_seconds(), 0.0) / 60


def _workout_total(
    attrs: Mapping[str, str], stats: list[dict[str, str]], attribute: str, statistic: str
) -> float | None:
    """Energy (kcal) or distance (km) from the attributes (older exports) or, in v13/14, the
    ``WorkoutStatistics`` of that kind (any distance: walking, cycling, swimming …)."""
    target = "kcal" if statistic == "ActiveEnergyBurned" else "km"
    if attrs.get(attribute):
        amount = _convert(attrs[attribute], attrs.get(f"{attribute}Unit", target), target)
        if isinstance(amount, float):
            return amount
    for stat in stats:
        kind = stat.get("type", "").removeprefix("HKQuantityTypeIdentifier")
        if kind.startswith(statistic) and stat.get("sum"):
            amount = _convert(stat["sum"], stat.get("unit", target), target)
            if isinstance(amount, float):
                return amount
    return None

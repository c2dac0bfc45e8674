"""What the wearable exports (Fitbit, Garmin) share: reading one JSON member safely, reading a
number out of a record, and keeping only plausible day values.

A Fitbit or Garmin export is thousands of small JSON files (a Fitbit steps file is 30 days of
minutes, a few MB), never one huge document, so each member is decoded on its own and memory
stays bounded by the largest single file, which is capped.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

from nightcramps.factors import BY_NAME
from nightcramps.imports.bundle import Bundle
from nightcramps.imports.extract import BadFile, Extract

MAX_JSON_BYTES = 200 * 1024**2
"""The largest JSON member decoded (200 MB): real members are at most tens of MB, and a whole
file is held in memory while it is decoded."""

UNKNOWN_TEXT = frozenset({"", "--", "null", "none", "n/a"})
"""Cell texts that mean "not known" (Garmin writes ``--``)."""


def read_json(bundle: Bundle, member: str) -> Any:
    """Decode one member (UTF-8, with or without a byte-order mark).

    Raises:
        BadFile: the member is too large, is not UTF-8 text, or is not valid JSON (with the line
            and column where decoding stopped).
    """
    size = bundle.sizes.get(member, 0)
    if size > MAX_JSON_BYTES:
        raise BadFile(
            f"this file is {size:,} bytes, more than the {MAX_JSON_BYTES // 1024**2} MB one JSON "
            "file of an export may have; it is not a file the app wrote. Export the data again.",
            member=member,
        )
    with bundle.open(member) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig")
        try:
            return json.load(text)
        except json.JSONDecodeError as exc:
            raise BadFile(
                f"this is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                "the file may be cut short or edited. Export the data again, or put back the "
                "original file.",
                member=member,
                line=exc.lineno,
            ) from None
        except UnicodeDecodeError:
            raise BadFile(
                "this is not UTF-8 text; it may have been re-saved by another program. Put back "
                "the original file from the export.",
                member=member,
            ) from None
        finally:
            text.detach()


def entries(data: Any, member: str, what: str) -> list[Any]:
    """The top-level list of a member that must hold a list of records."""
    if not isinstance(data, list):
        raise BadFile(
            f"this file should hold a list of {what}, but it holds a JSON "
            f"{type(data).__name__}; put back the original file from the export.",
            member=member,
        )
    return data


def record(entry: Any, member: str, where: str, what: str) -> dict[str, Any]:
    """One record of a list, which must be a JSON object."""
    if not isinstance(entry, dict):
        raise BadFile(
            f"this should be one {what} (a JSON object); the file may have been edited. Put back "
            "the original file from the export.",
            member=member,
            record=where,
        )
    return entry


def number(value: Any, *, member: str, where: str, field: str, what: str) -> float | None:
    """The number in a field (a JSON number or a numeric string), ``None`` when it is unknown.

    Raises:
        BadFile: the field holds something that is not a number.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadFile(
            f"'{value}' is not {what}; the file may have been edited. Put back the original file.",
            member=member,
            record=where,
            field=field,
        )
    if isinstance(value, int | float):
        result = float(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if text.lower() in UNKNOWN_TEXT:
            return None
        try:
            result = float(text)
        except ValueError:
            raise BadFile(
                f"'{value}' is not {what}; the file may have been edited. Put back the original "
                "file from the export.",
                member=member,
                record=where,
                field=field,
            ) from None
    else:
        raise BadFile(
            f"this should be {what}, not a JSON {type(value).__name__}; put back the original "
            "file from the export.",
            member=member,
            record=where,
            field=field,
        )
    if not math.isfinite(result):
        raise BadFile(
            f"'{value}' is not {what}; put back the original file from the export.",
            member=member,
            record=where,
            field=field,
        )
    return result


def keep_plausible(extract: Extract, label: str) -> None:
    """Drop the day values outside their factor's plausible range (a unit slip or a glitch),
    counting each under a reason the preview shows."""
    for key, value in list(extract.values.items()):
        factor = BY_NAME[key[1]]
        if not factor.low <= value <= factor.high:
            del extract.values[key]
            extract.skip(
                f"{label} {factor.name}: a day's value outside {factor.low:,g}–{factor.high:,g} "
                "(not plausible)"
            )

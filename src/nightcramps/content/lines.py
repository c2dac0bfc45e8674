"""Where a key sits in a TOML text: the line of every table header and ``key =``, by location.

Pydantic says *what* is wrong as a location (``("drug", 3, "classes", 0)``); this finds the
line an editor should go to. It is a reader's approximation of TOML, not a parser: the text has
already been parsed by ``tomllib`` when it is used, so only headers, keys, strings, comments
and brackets need to be told apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

Loc = tuple[str | int, ...]
"""Where a value sits in a file: keys and list positions, as pydantic reports it."""

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
_BARE_OR_QUOTED = r"(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')"
_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(rf"^\s*({_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*)\s*=")
_PART = re.compile(_BARE_OR_QUOTED)
_MULTILINE_QUOTES = ('"""', "'''")
"""The quotes of TOML's multi-line strings."""


def _parts(dotted: str) -> tuple[str, ...]:
    """``a."b c".d`` → ``("a", "b c", "d")``."""
    return tuple(p.strip("\"'") for p in _PART.findall(dotted))


def _structure(line: str) -> tuple[str, str]:
    """The part of a TOML line that is structure (its strings blanked, its comment and any
    multi-line string it opens cut off), and the quote of the multi-line string it opens ("" if
    none)."""
    out: list[str] = []
    i = 0
    while i < len(line):
        if line.startswith(_MULTILINE_QUOTES, i):
            quote = line[i : i + 3]
            close = line.find(quote, i + 3)
            if close < 0:
                return "".join(out), quote
            out.append('""')
            i = close + 3
            continue
        if line[i] in "\"'":
            found = _STRING.match(line, i)
            i = found.end() if found else len(line)
            out.append('""')
            continue
        if line[i] == "#":
            break
        out.append(line[i])
        i += 1
    return "".join(out), ""


def index_lines(text: str, first_line: int = 1) -> dict[Loc, int]:
    """The line of every table header and ``key =`` in a TOML text, by its location.

    ``[[drug]]`` tables are numbered as pydantic numbers list items; lines inside multi-line
    strings and arrays are skipped. This is a reader's approximation of TOML, enough to point
    at a line: the text has already been parsed by ``tomllib`` when it is used.
    """
    index: dict[Loc, int] = {}
    arrays: dict[Loc, int] = {}
    table: Loc = ()
    depth, in_string = 0, ""
    for number, line in enumerate(text.splitlines(), start=first_line):
        if in_string:
            in_string = "" if line.count(in_string) % 2 else in_string
            continue
        if depth == 0 and (header := _HEADER.match(line)):
            table = _table_loc(_parts(header.group(2)), header.group(1) == "[[", arrays)
            index.setdefault(table, number)
            continue
        if depth == 0 and (key := _KEY.match(line)):
            index.setdefault((*table, *_parts(key.group(1))), number)
        code, in_string = _structure(line)
        depth += code.count("[") + code.count("{") - code.count("]") - code.count("}")
    return index


def _table_loc(parts: tuple[str, ...], is_array: bool, arrays: dict[Loc, int]) -> Loc:
    """The location of a table header, counting ``[[array]]`` items as they come."""
    loc: Loc = ()
    for i, part in enumerate(parts):
        loc = (*loc, part)
        if is_array and i == len(parts) - 1:
            arrays[loc] = arrays.get(loc, -1) + 1
        if loc in arrays:
            loc = (*loc, arrays[loc])
    return loc


def line_of(index: Mapping[Loc, int], loc: Loc, default: int) -> int:
    """The line of ``loc``, or of the nearest enclosing key or table that has one."""
    for end in range(len(loc), 0, -1):
        if loc[:end] in index:
            return index[loc[:end]]
    return default

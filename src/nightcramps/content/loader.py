"""Reading content files: TOML, and Markdown with a TOML front matter, validated by pydantic.

Content is what people who are not programmers edit: medical prose, tables of medicines, lists
of sources. It lives in data files next to the code that shows it and is read once, when the
module that needs it is imported, so a wrong entry stops the app (and fails the tests) at
start-up rather than on the page that shows it.

Every problem raises one :class:`ContentError`. Its message has one line per problem, written
as ``path:line: what is wrong and how to fix it``, so an editor can jump to the line:

* a TOML syntax error gives the line ``tomllib`` reports;
* a value the schema refuses gives the line of its ``key =`` (or, for a key that is missing,
  the header of the table it belongs in; in a Markdown file, the front matter's first line).

A Markdown entry looks like this (``sections`` maps each heading to a field of the model)::

    +++
    slug = "magnesium"
    grade = "contradicted"
    +++

    ## What the evidence says

    A Cochrane review of 11 trials ... (lines are joined with single spaces)

The loader itself is pure: a path in, a validated model out. Caching is the caller's (a
module-level constant).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ValidationError

from nightcramps.content.lines import Loc, index_lines, line_of

M = TypeVar("M", bound=BaseModel)

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
"""Where ``tomllib`` (Python 3.11) puts the line of a syntax error: in its message."""

FRONT_MATTER = "+++"
"""The line that opens and closes a Markdown file's TOML front matter (as in Hugo and Zola)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a content file."""

    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


class ContentError(Exception):
    """A content file is wrong. ``str(error)`` is one ``path:line: problem`` line per problem."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: Path, line: int, text: str) -> ContentError:
        """The error of one problem."""
        return cls([Problem(path, line, text)])


def _one_paragraph(text: str) -> str:
    """The text as one line; refused if it holds a blank line or nothing."""
    if re.search(r"\n\s*\n", text.strip()):
        raise ValueError("write it as one paragraph: remove the blank line (it is shown as one)")
    text = " ".join(text.split())
    if not text:
        raise ValueError("it is empty: write the text")
    return text


Prose = Annotated[str, AfterValidator(_one_paragraph)]
"""One paragraph of text shown to people. Wrap it anywhere: runs of spaces and line breaks
become one space (in a multi-line TOML string as in a Markdown section); a blank line or an empty
text is refused."""


# ---------------------------------------------------------------------------- messages


def _where(loc: Loc) -> str:
    """``("drug", 3, "classes", 0)`` → ``drug[3].classes[0]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _missing(loc: Loc, sections: Mapping[str, str] | None) -> str:
    """What to add for a missing key or section, and where."""
    headings = {field: title for title, field in (sections or {}).items()}
    if len(loc) == 1 and loc[0] in headings:
        return f"the section '## {headings[str(loc[0])]}' is missing: add it, with its text"
    where = "to this table" if len(loc) > 1 else "at the top of the file"
    if len(loc) == 1 and sections is not None:
        where = "to the front matter"
    return f"`{_where(loc)}` is missing: add `{loc[-1]} = …` {where}"


def _message(error: Mapping[str, Any], sections: Mapping[str, str] | None) -> str:
    """A pydantic error as a sentence that says how to fix it."""
    loc: Loc = tuple(error["loc"])
    if error["type"] == "missing":
        return _missing(loc, sections)
    if error["type"] == "extra_forbidden":
        return f"`{_where(loc)}` is not a field of this file: remove it or correct its spelling"
    text = str(error["msg"]).removeprefix("Value error, ")
    text = text[:1].lower() + text[1:]
    if loc and loc[-1] == "[key]":
        return f"the key {loc[-2]!r}: {text}"
    value = repr(error.get("input"))
    value = value if len(value) <= 60 else value[:57] + "..."
    return f"`{_where(loc)}` = {value}: {text}"


def _validation_problems(
    path: Path,
    error: ValidationError,
    index: Mapping[Loc, int],
    sections: Mapping[str, str] | None,
) -> list[Problem]:
    """One problem per error pydantic found, in the order of the file; a key that has no line
    of its own (it is missing) is placed at the table it belongs in, or at the top of the file."""
    problems = [
        Problem(path, line_of(index, tuple(e["loc"]), 1), _message(e, sections))
        for e in error.errors()
    ]
    return sorted(problems, key=lambda p: p.line)


def _toml_problem(path: Path, error: tomllib.TOMLDecodeError, first_line: int) -> Problem:
    """A TOML syntax error at its line (Python 3.11 gives the line only in the message)."""
    text = str(error)
    found = _TOML_LINE.search(text)
    line = int(found.group(1)) if found else 1
    reason = _TOML_LINE.sub("", text).strip()
    fix = (
        "a key or table is given twice: keep one"
        if reason.startswith(("Cannot overwrite", "Cannot declare"))
        else "check the quotes, brackets and commas on this line"
    )
    return Problem(path, first_line + line - 1, f"not valid TOML ({reason}): {fix}")


# ---------------------------------------------------------------------------- loading


def _parse_toml(path: Path, text: str, first_line: int = 1) -> dict[str, Any]:
    """The parsed TOML text, or its syntax error at its line in the file (the text starts at
    the file's ``first_line``: 2 for a front matter)."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError([_toml_problem(path, error, first_line)]) from None


def _validate(
    path: Path,
    model: type[M],
    data: dict[str, Any],
    index: Mapping[Loc, int],
    *,
    context: Mapping[str, Any] | None,
    sections: Mapping[str, str] | None = None,
) -> M:
    """``data`` validated by ``model``; each error at its line in ``index``."""
    try:
        return model.model_validate(data, context={"path": path, **(context or {})})
    except ValidationError as error:
        raise ContentError(_validation_problems(path, error, index, sections)) from None


def load_toml(path: Path, model: type[M], *, context: Mapping[str, Any] | None = None) -> M:
    """The TOML file at ``path``, validated by ``model``.

    ``context`` is passed to the model's validators (with ``path`` added), e.g. the keys a
    field may refer to.

    Raises:
        ContentError: the file is not valid TOML, or ``model`` refuses a value in it.
    """
    text = path.read_text(encoding="utf-8")
    data = _parse_toml(path, text)
    return _validate(path, model, data, index_lines(text), context=context)


@dataclass(frozen=True, slots=True)
class _Markdown:
    """A Markdown file split into its front matter and its sections."""

    data: dict[str, Any]
    index: dict[Loc, int]


def _front_matter_end(path: Path, lines: list[str]) -> int:
    """The index of the line that closes the front matter."""
    if not lines or lines[0].strip() != FRONT_MATTER:
        raise ContentError.at(
            path, 1, f"the file must start with a '{FRONT_MATTER}' line that opens its front matter"
        )
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER:
            return i
    raise ContentError.at(
        path, 1, f"the front matter is not closed: add a '{FRONT_MATTER}' line after it"
    )


def _sections(
    path: Path, lines: list[str], start: int, sections: Mapping[str, str]
) -> Iterator[tuple[str, int, str]]:
    """(field, line of its heading, its text) for each ``## heading`` after line ``start``."""
    field, heading_line = "", 0
    body: list[str] = []
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.startswith("## "):
            if field:
                yield field, heading_line, _paragraphs(body)
            field, heading_line, body = _section_field(path, number, line, sections), number, []
        elif field:
            body.append(line)
        elif line.strip():
            raise ContentError.at(
                path,
                number,
                "text before the first section: put it under one of the '## …' headings",
            )
    if field:
        yield field, heading_line, _paragraphs(body)


def _section_field(path: Path, number: int, line: str, sections: Mapping[str, str]) -> str:
    """The field a ``## heading`` line holds."""
    title = line[3:].strip()
    if title not in sections:
        known = ", ".join(f"'## {t}'" for t in sections)
        raise ContentError.at(
            path, number, f"unknown section '## {title}': the sections are {known}"
        )
    return sections[title]


def _paragraphs(lines: list[str]) -> str:
    """The lines of a section, each paragraph joined with spaces, paragraphs by a blank line."""
    text = "\n".join(line.strip() for line in lines).strip()
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())


def _read_markdown(path: Path, sections: Mapping[str, str]) -> _Markdown:
    """The front matter and sections of a Markdown file, with the line of every key and heading."""
    lines = path.read_text(encoding="utf-8").splitlines()
    end = _front_matter_end(path, lines)
    front = "\n".join(lines[1:end])
    data = _parse_toml(path, front, first_line=2)
    index = index_lines(front, first_line=2)
    for field, number, text in _sections(path, lines, end + 1, sections):
        if field in data:
            raise ContentError.at(
                path, number, f"`{field}` is given twice (front matter or section): keep one"
            )
        data[field], index[(field,)] = text, number
    return _Markdown(data, index)


def load_markdown(
    path: Path,
    model: type[M],
    *,
    sections: Mapping[str, str],
    context: Mapping[str, Any] | None = None,
) -> M:
    """The Markdown file at ``path``: its TOML front matter and its ``## …`` sections (heading →
    field, from ``sections``) validated together by ``model``.

    A section's lines are joined with single spaces, so prose may be wrapped anywhere; a blank
    line starts a new paragraph (kept as a blank line in the text, for the model to accept or
    refuse).

    Raises:
        ContentError: no front matter, invalid TOML, an unknown or repeated section, or a value
            ``model`` refuses.
    """
    markdown = _read_markdown(path, sections)
    return _validate(path, model, markdown.data, markdown.index, context=context, sections=sections)


def load_markdown_entries(
    folder: Path,
    model: type[M],
    *,
    sections: Mapping[str, str],
    context: Mapping[str, Any] | None = None,
) -> list[M]:
    """Every ``*.md`` file in ``folder``, by file name, loaded with :func:`load_markdown`.

    Raises:
        ContentError: every problem of every file at once (or that the folder has no entries).
    """
    entries: list[M] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        try:
            entries.append(load_markdown(path, model, sections=sections, context=context))
        except ContentError as error:
            problems += error.problems
    if problems:
        raise ContentError(problems)
    if not entries:
        raise ContentError.at(folder, 1, "no *.md entries found in this folder")
    return entries


def error_at(path: Path, loc: Loc, problem: str) -> ContentError:
    """An error at the line of ``loc`` in the TOML (or Markdown front matter) file at ``path``,
    for checks across entries or files that a model cannot make on its own (a key used twice,
    a reference to another file).

    Example: ``raise error_at(path, ("drug", "lasix", "classes"), "unknown class 'x': …")``.
    """
    text = path.read_text(encoding="utf-8")
    first_line = 1
    if path.suffix == ".md":
        lines = text.splitlines()
        text, first_line = "\n".join(lines[1 : _front_matter_end(path, lines)]), 2
    return ContentError.at(path, line_of(index_lines(text, first_line), loc, 1), problem)

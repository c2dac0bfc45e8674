"""The content loader: a wrong TOML or Markdown file fails with its path and the offending line,
and the one citation registry refuses incomplete sources and keys used twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from nightcramps.content import (
    ContentError,
    Prose,
    error_at,
    load_markdown,
    load_markdown_entries,
    load_toml,
)
from nightcramps.content.citations import CITATIONS, CITATIONS_FILE, load_citations
from nightcramps.content.lines import index_lines


class Drug(BaseModel):
    model_config = ConfigDict(extra="forbid")

    classes: list[str] = Field(min_length=1)
    grade: str = Field(pattern="^(weak|strong)$")


class Table(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: Prose
    drug: list[Drug]


class Page(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str
    body: Prose
    advice: Prose


SECTIONS = {"What it says": "body", "What to do": "advice"}

GOOD_TABLE = '''note = """
A note wrapped
over two lines."""

[[drug]]
classes = ["statin"]
grade = "weak"

[[drug]]
classes = ["laba"]
grade = "strong"
'''

GOOD_PAGE = """+++
title = "Magnesium"
+++

## What it says

No better than
placebo.

## What to do

Eat well.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(call: object) -> str:
    assert callable(call)
    with pytest.raises(ContentError) as caught:
        call()
    return str(caught.value)


def test_a_good_table_loads_with_its_prose_joined(tmp_path: Path) -> None:
    """A wrapped multi-line string becomes one line of prose; array tables keep their order."""
    table = load_toml(_write(tmp_path, "t.toml", GOOD_TABLE), Table)
    assert table.note == "A note wrapped over two lines."
    assert [d.classes for d in table.drug] == [["statin"], ["laba"]]


def test_a_toml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    """A missing closing quote is reported at its line, with what to check."""
    path = _write(tmp_path, "t.toml", GOOD_TABLE.replace('grade = "strong"', 'grade = "strong'))
    message = _error(lambda: load_toml(path, Table))
    assert message.startswith(f"{path}:11: not valid TOML")
    assert "quotes" in message


def test_a_refused_value_names_the_line_of_its_key(tmp_path: Path) -> None:
    """A value the schema refuses in the second [[drug]] is placed on that drug's line."""
    path = _write(tmp_path, "t.toml", GOOD_TABLE.replace('"strong"', '"medium"'))
    message = _error(lambda: load_toml(path, Table))
    assert message.startswith(f"{path}:11: `drug[1].grade` = 'medium': ")


def test_a_missing_key_names_the_table_it_belongs_in(tmp_path: Path) -> None:
    """A key left out is placed at its table's header, and the message says what to add."""
    path = _write(tmp_path, "t.toml", GOOD_TABLE.replace('classes = ["laba"]\n', ""))
    message = _error(lambda: load_toml(path, Table))
    assert message == f"{path}:9: `drug[1].classes` is missing: add `classes = …` to this table"


def test_an_unknown_key_is_refused_at_its_line(tmp_path: Path) -> None:
    """A misspelt key is not silently ignored."""
    path = _write(tmp_path, "t.toml", GOOD_TABLE.replace('grade = "weak"', 'grde = "weak"'))
    message = _error(lambda: load_toml(path, Table))
    assert f"{path}:7: `drug[0].grde` is not a field of this file" in message
    assert f"{path}:5: `drug[0].grade` is missing" in message


def test_prose_with_a_blank_line_is_refused(tmp_path: Path) -> None:
    """Prose is one paragraph: a blank line inside it is refused with the reason."""
    path = _write(tmp_path, "t.toml", GOOD_TABLE.replace("wrapped\n", "wrapped\n\n"))
    assert "write it as one paragraph" in _error(lambda: load_toml(path, Table))


def test_line_index_skips_multiline_strings_and_arrays() -> None:
    """Lines inside a multi-line string or array are never taken for keys or tables."""
    text = (
        '# a comment with """ in it\n'
        'a = """\n[fake]\nb = 1\n"""\nc = [\n  "d = 2", # ]\n]\n[t."x y"]  # [x]\ne = """e"""\n'
        "[[u]]\n[[u]]\nf = 1\n"
    )
    assert index_lines(text) == {
        ("a",): 2,
        ("c",): 6,
        ("t", "x y"): 9,
        ("t", "x y", "e"): 10,
        ("u", 0): 11,
        ("u", 1): 12,
        ("u", 1, "f"): 13,
    }


def test_a_good_page_loads_its_sections(tmp_path: Path) -> None:
    """The front matter and the sections are validated together; lines are joined."""
    page = load_markdown(_write(tmp_path, "p.md", GOOD_PAGE), Page, sections=SECTIONS)
    assert page == Page(title="Magnesium", body="No better than placebo.", advice="Eat well.")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("+++\ntitle", "title"), ":1: the file must start with a '+++' line"),
        (('"Magnesium"', '"Magnesium'), ":2: not valid TOML"),
        (("## What to do", "## What next"), ":10: unknown section '## What next'"),
        (("## What it says\n", "Intro.\n\n## What it says\n"), ":5: text before the first section"),
        (("No better than\n", "No better than\n\n"), ":5: `body` = "),
        (("## What to do\n\nEat well.\n", ""), ":1: the section '## What to do' is missing"),
        (('title = "Magnesium"\n', ""), ":1: `title` is missing"),
        (("Eat well.", "Eat well.\n\n## What it says\n\nAgain."), ":14: `body` is given twice"),
    ],
)
def test_a_wrong_page_names_the_file_and_line(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    """Each kind of mistake in a Markdown entry is reported at the line to fix."""
    path = _write(tmp_path, "p.md", GOOD_PAGE.replace(*change))
    message = _error(lambda: load_markdown(path, Page, sections=SECTIONS))
    assert message.startswith(f"{path}{expected}"), message


def test_every_wrong_entry_of_a_folder_is_reported_at_once(tmp_path: Path) -> None:
    """A folder's problems come together, one line each, so an editor fixes them in one go."""
    _write(tmp_path, "a.md", GOOD_PAGE)
    _write(tmp_path, "b.md", GOOD_PAGE.replace('"Magnesium"', "3"))
    _write(tmp_path, "c.md", GOOD_PAGE.replace("## What to do", "## Advice"))
    message = _error(lambda: load_markdown_entries(tmp_path, Page, sections=SECTIONS))
    assert message.splitlines()[0].startswith(f"{tmp_path / 'b.md'}:2: `title` = 3")
    assert message.splitlines()[1].startswith(f"{tmp_path / 'c.md'}:10: unknown section")


def test_error_at_finds_a_front_matter_key(tmp_path: Path) -> None:
    """A check across files places its error at the key's line in the front matter."""
    path = _write(tmp_path, "p.md", GOOD_PAGE)
    assert str(error_at(path, ("title",), "taken")) == f"{path}:2: taken"


# ---------------------------------------------------------------------------- citations

SOURCE = """[nhs]
authors = "NHS"
title = "Leg cramps"
source = "NHS"
year = 2026
kind = "consumer"
corporate = true
accessed = true
"""


def test_the_registry_file_reads_back_as_the_registry() -> None:
    """citations.toml is the registry: loading it again gives the same sources."""
    assert load_citations(CITATIONS_FILE) == CITATIONS


def test_a_source_is_shaped_into_its_short_form(tmp_path: Path) -> None:
    """A table of the file becomes a citation with its key and its short form."""
    citations = load_citations(_write(tmp_path, "c.toml", SOURCE))
    assert citations["nhs"].short == "NHS, accessed 2026: Leg cramps"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('kind = "consumer"', 'kind = "blog"', ":6: `nhs.kind` = 'blog': input should be"),
        ("year = 2026", "year = 2062", ":5: `nhs.year` = 2062: input should be less than"),
        ('authors = "NHS"\n', "", ":1: `nhs.authors` is missing"),
        ("[nhs]", "[NHS]", ":1: the key 'NHS': write keys in lower case"),
        (
            "accessed = true",
            'accessed = true\n[nhs]\nauthors = "x"',
            ":9: not valid TOML (Cannot declare ('nhs',) twice): a key or table is given twice",
        ),
    ],
)
def test_a_wrong_source_names_its_line(tmp_path: Path, old: str, new: str, expected: str) -> None:
    """An unknown kind, an implausible year, a missing author, a bad key and a key used twice
    are each refused at their line."""
    path = _write(tmp_path, "c.toml", SOURCE.replace(old, new))
    message = _error(lambda: load_citations(path))
    assert message.startswith(f"{path}{expected}"), message

"""The knowledge base and the check-up as data files: each entry file becomes its page, and a
wrong entry (unknown source, grade or factor, a missing field or section, a number used twice)
fails with the file name and the line to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from nightcramps.content import ContentError
from nightcramps.guidance import knowledge, redflags

MAGNESIUM = knowledge.ENTRIES_DIR / "magnesium.md"


def _entries(tmp_path: Path, text: str | None = None, name: str = "magnesium.md") -> Path:
    """A folder holding the magnesium entry, as it is or with ``text`` instead."""
    folder = tmp_path / "entries"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(
        MAGNESIUM.read_text(encoding="utf-8") if text is None else text, encoding="utf-8"
    )
    return folder


def _changed(old: str, new: str) -> str:
    text = MAGNESIUM.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def _line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_an_entry_file_is_the_entry_the_pages_show(tmp_path: Path) -> None:
    """The magnesium file loads into the same entry as the knowledge base holds, its wrapped
    lines joined into one paragraph."""
    (entry,) = knowledge.load_entries(_entries(tmp_path))
    assert entry == knowledge.BY_SLUG["magnesium"]
    assert entry.evidence.startswith("A Cochrane review of 11 trials (735 people) found that")
    assert "\n" not in entry.evidence


def test_every_file_in_the_folder_is_an_entry() -> None:
    """No entry file is skipped, and the reading order is the files' ``order``."""
    assert len(knowledge.ENTRIES) == len(list(knowledge.ENTRIES_DIR.glob("*.md")))
    assert knowledge.ENTRIES[0].slug == "electrolytes"
    assert knowledge.ENTRIES[-1].slug == "see-a-doctor"


@pytest.mark.parametrize(
    ("old", "new", "key", "expected"),
    [
        ('"iom1997"]', '"iom1979"]', "citations", "no source has the key 'iom1979'"),
        ('grade = "contradicted"', 'grade = "disproved"', "grade", "input should be 'strong'"),
        ('kind = "cause"', 'kind = "myth"', "kind", "input should be 'cause'"),
        ('["magnesium_mg"]', '["magnesium"]', "factors", "'magnesium' is not a logged factor"),
        ('slug = "magnesium"', 'slug = "magnesia"', "slug", "make the slug and the file name"),
        ("order = 20", "order = 0", "order", "input should be greater than 0"),
        ("citations = [", "sources = [", "sources", "`sources` is not a field of this file"),
    ],
)
def test_a_wrong_value_names_the_file_and_its_line(
    tmp_path: Path, old: str, new: str, key: str, expected: str
) -> None:
    """An unknown source, grade, kind or factor, a slug that is not the file's name, a bad order
    or a misspelt field: the message has the file and the line of that key, and what is wrong."""
    text = _changed(old, new)
    folder = _entries(tmp_path, text)
    with pytest.raises(ContentError) as caught:
        knowledge.load_entries(folder)
    where = f"{folder / 'magnesium.md'}:{_line_of(text, f'{key} =')}: "
    problems = str(caught.value).splitlines()
    assert any(p.startswith(where) and expected in p for p in problems), problems


def test_a_missing_field_says_what_to_add(tmp_path: Path) -> None:
    """A front-matter field left out is reported at the front matter, with the key to add."""
    folder = _entries(tmp_path, _changed('kind = "cause"\n', ""))
    with pytest.raises(ContentError, match=r"magnesium.md:1: `kind` is missing: add `kind = …`"):
        knowledge.load_entries(folder)


def test_a_missing_section_says_which(tmp_path: Path) -> None:
    """A section left out is named by its heading."""
    text = MAGNESIUM.read_text(encoding="utf-8")
    text = text[: text.index("## Why this grade")] + text[text.index("## What this means") :]
    with pytest.raises(ContentError, match=r":1: the section '## Why this grade' is missing"):
        knowledge.load_entries(_entries(tmp_path, text))


def test_a_toml_error_in_the_front_matter_is_at_its_line_in_the_file(tmp_path: Path) -> None:
    """The front matter starts on the file's second line; the error is counted from the file."""
    text = _changed('title = "Magnesium"', 'title = "Magnesium')
    with pytest.raises(ContentError) as caught:
        knowledge.load_entries(_entries(tmp_path, text))
    assert f"magnesium.md:{_line_of(text, 'title =')}: not valid TOML" in str(caught.value)


def test_two_entries_may_not_share_an_order_or_a_factor(tmp_path: Path) -> None:
    """Checks across files point at the second file's line."""
    copy = _changed('slug = "magnesium"', 'slug = "magnesium-again"')
    folder = _entries(tmp_path)
    _entries(tmp_path, copy, "magnesium-again.md")
    with pytest.raises(ContentError) as caught:
        knowledge.load_entries(folder)
    assert str(caught.value).startswith(
        f"{folder / 'magnesium.md'}:{_line_of(copy, 'order =')}: order 20 is also that of "
        "magnesium-again.md"
    )
    (folder / "magnesium-again.md").write_text(copy.replace("order = 20", "order = 25"))
    with pytest.raises(ContentError, match=r"'magnesium_mg' is already explained by"):
        knowledge.load_entries(folder)


# ---------------------------------------------------------------------------- the check-up

CHECKUP = redflags.CHECKUP_FILE.read_text(encoding="utf-8")


def _checkup_error(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    assert old in CHECKUP
    text = CHECKUP.replace(old, new, 1)
    path = tmp_path / "checkup.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        redflags.load_questions(path)
    return text, str(caught.value)


def test_the_checkup_file_is_the_questions_asked(tmp_path: Path) -> None:
    """The file loads into the questions the check-up asks, with their profile rules."""
    path = tmp_path / "checkup.toml"
    path.write_text(CHECKUP, encoding="utf-8")
    questions = redflags.load_questions(path)
    assert [q.key for q in questions] == [q.key for q in redflags.QUESTIONS]
    assert redflags.QUESTIONS_BY_KEY["yellow_skin"].asked_when == (
        "Unless liver disease is on the profile."
    )
    assert redflags.QUESTIONS_BY_KEY["calf_swelling"].adapt is redflags.ADAPTS["clot_note"]


@pytest.mark.parametrize(
    ("old", "new", "key", "expected"),
    [
        ('applies = "unless:liver_disease"', 'applies = "unless:liver"', "applies", "unless:<"),
        ('adapt = "clot_note"', 'adapt = "blood_clot"', "adapt", "use one of diuretic_note"),
        ('urgency = "emergency"', 'urgency = "now"', "urgency", "input should be 'emergency'"),
        ('key = "saddle_numbness"', 'key = "cold_pale_leg"', "key", "the key of an earlier"),
        ('only_if = "takes_quinine"', 'only_if = "quinine"', "only_if", "names no earlier"),
        ('"nice_cg147", "nice_cks"', '"nice_cg147", "nice"', "citations", "no source has"),
    ],
)
def test_a_wrong_question_names_its_line(
    tmp_path: Path, old: str, new: str, key: str, expected: str
) -> None:
    """A profile rule or sentence that does not exist, an unknown urgency, a key used twice, a
    follow-up of no question, an unknown source: each at the line of its key."""
    text, message = _checkup_error(tmp_path, old, new)
    changed = next(
        i
        for i, (a, b) in enumerate(zip(CHECKUP.splitlines(), text.splitlines(), strict=True), 1)
        if a != b
    )
    assert message.startswith(f"{tmp_path / 'checkup.toml'}:{changed}: "), message
    assert expected in message
    assert text.splitlines()[changed - 1].startswith(f"{key} =")

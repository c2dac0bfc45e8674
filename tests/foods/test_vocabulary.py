"""The food vocabulary file (foods/data/vocabulary.toml): it loads, and a wrong entry is refused
with the file's name and the line to fix."""

from __future__ import annotations

import pytest

from nightcramps.foods import rich_in, vocabulary

TEXT = vocabulary.VOCABULARY_FILE.read_text(encoding="utf-8")


def test_the_packaged_file_is_valid() -> None:
    """The file in the package passes the schema, and its lists reach the code."""
    loaded = vocabulary.load()
    assert loaded.search.synonyms["oj"] == "orange juice"
    assert vocabulary.COUNT_MEASURE_WORDS[0] == "medium"
    assert "glass" in vocabulary.HOUSEHOLD_WORDS
    assert vocabulary.PORTION_LIMITS_G["cheese, cottage"] == 250.0
    assert (rich_in.MIN_PORTION_G, rich_in.MAX_PORTION_G) == (20.0, 300.0)


@pytest.mark.parametrize(
    ("good", "bad", "problem"),
    [
        ('"oj" = "orange juice"', '"OJ" = "orange juice"', "lower case"),
        ('"oj" = "orange juice"', '"oj" = "orange  juice"', "single spaces"),
        ('"usda:09200",  # Oranges', '"usda:9200",  # Oranges', "pattern"),
        ('"nuts" = 60.0', '"nuts" = 600.0', "20-300 g"),
        ('"nuts" = 60.0', '"nuts" = "60"', "valid number"),
        ('"kefir",\n  "cheese, cheddar"', '"kefir",\n  "kefir"', "listed twice"),
        ('beverage_group = "14"', 'beverage_group = "1"', "pattern"),
        ('beverage_group = "14"', "beverage_group = 14", "valid string"),
        ('raw_not_eaten_groups = ["05"', 'raw_not_eaten_groups = ["5"', "pattern"),
        ("[drinks]", "[drink]", "drink: Extra inputs"),
        ('beverage_group = "14"', 'beverage_groups = "14"', "beverage_groups: Extra"),
        ('"strip" = "slice"', '"strip" = "slice"\n"strip" = "rasher"', "overwrite"),
    ],
)
def test_a_wrong_entry_names_the_file_and_line(good: str, bad: str, problem: str) -> None:
    """Each kind of mistake (case, spacing, a food id or group code, a limit outside the
    portion range, a duplicate, a misnamed table, a key twice) fails with ``file:line:`` at
    the line to fix."""
    assert TEXT.count(good) == 1
    text = TEXT.replace(good, bad)
    wrong_line = text[: TEXT.index(good) + len(bad)].count("\n") + 1  # the bad text's last line
    with pytest.raises(vocabulary.VocabularyError) as caught:
        vocabulary.parse(text, "vocabulary.toml")
    message = str(caught.value)
    source, line, reason = message.split(":", 2)
    assert source == "vocabulary.toml"
    assert int(line) == wrong_line
    assert problem in reason


def test_a_missing_table_points_at_the_file_start_or_its_parent() -> None:
    """A whole table left out is reported at the top of the file."""
    start = TEXT.index("[drinks]")
    end = TEXT.index("# ------", start)
    with pytest.raises(vocabulary.VocabularyError, match=r"^vocabulary.toml:1: drinks: Field"):
        vocabulary.parse(TEXT[:start] + TEXT[end:], "vocabulary.toml")

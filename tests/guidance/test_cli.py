"""`nightcramps guidance ...` through the CLI runner."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from nightcramps.guidance import knowledge, redflags
from tests.factories import TEST_NOW

Cli = Callable[..., Any]


def test_list_as_json_and_as_a_table(cli: Cli) -> None:
    """`guidance list` shows every entry; --kind narrows it; --json is machine-readable."""
    listed = json.loads(cli("guidance", "list", "--json").stdout)
    assert len(listed) == len(knowledge.ENTRIES)
    table = cli("guidance", "list", "--kind", "relief")
    assert table.exit_code == 0 and "massage" in table.stdout and "magnesium" not in table.stdout
    bad = cli("guidance", "list", "--kind", "magic")
    assert bad.exit_code == 1 and "cause" in bad.stderr


def test_show_an_entry(cli: Cli) -> None:
    """`guidance show magnesium` prints the claim, the evidence, the grade and the sources."""
    shown = cli("guidance", "show", "magnesium")
    assert shown.exit_code == 0
    assert "[evidence: contradicted]" in shown.stdout and "Garrison SR et al." in shown.stdout
    assert json.loads(cli("guidance", "show", "heat", "--json").stdout)["grade"] == "weak"
    missing = cli("guidance", "show", "unicorn")
    assert missing.exit_code == 1 and "/guidance" in missing.stderr


def test_factor(cli: Cli) -> None:
    """`guidance factor KEY` names the entry; an unknown key lists the keys."""
    assert (
        json.loads(cli("guidance", "factor", "stretched", "--json").stdout)["slug"]
        == "bedtime-stretching"
    )
    assert "Stretching before bed" in cli("guidance", "factor", "stretched").stdout
    bad = cli("guidance", "factor", "iron_mg")
    assert bad.exit_code == 1 and "fluid_ml" in bad.stderr


def test_checkup_reports_a_long_cramp(cli: Cli) -> None:
    """`guidance checkup` is quiet for an empty diary and flags a 15-minute cramp."""
    assert "No warning signs" in cli("guidance", "checkup").stdout
    at = (
        (TEST_NOW - timedelta(hours=2))
        .astimezone(ZoneInfo("Europe/London"))
        .strftime("%Y-%m-%d %H:%M")
    )
    added = cli(
        "cramp",
        "add",
        "--muscle",
        "calf",
        "--side",
        "left",
        "--severity",
        "6",
        "--at",
        at,
        "--duration-min",
        "15",
    )
    assert added.exit_code == 0, added.stderr
    body = json.loads(cli("guidance", "checkup", "--json").stdout)
    assert body["urgency"] == "soon"
    text = cli("guidance", "checkup").stdout
    assert "A cramp lasted more than 10 minutes" in text and "does not diagnose" in text


def test_checkup_without_a_terminal_reports_the_diary_and_says_how_to_answer(cli: Cli) -> None:
    """Piped with no --answer, checkup reports at once and says the questions were not asked."""
    result = cli("guidance", "checkup", input="")
    assert result.exit_code == 0, result.stderr
    assert "No warning signs in your diary" in result.stdout
    assert "questions were not asked" in result.stdout and "--answer KEY=yes|no" in result.stdout
    assert redflags.SAFETY_NET in result.stdout


def test_checkup_answers_from_options_give_findings_with_urgency(cli: Cli) -> None:
    """`--answer calf_swelling=yes --json` gives the same-day finding; the note goes to stderr."""
    result = cli(
        "guidance", "checkup", "--answer", "calf_swelling=yes", "--answer", "numbness=no", "--json"
    )
    assert result.exit_code == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["urgency"] == "today" and "NHS 111" in body["action"]
    assert [(f["key"], f["urgency"], f["source"]) for f in body["findings"]] == [
        ("calf_swelling", "today", "checkup")
    ]
    assert "calf_swelling_breathless" in body["unanswered"]
    listed = result.stderr.split("Not answered: ")[1].split(" (give")[0].split(", ")
    assert "numbness" not in listed and "saddle_numbness" in listed
    text = cli("guidance", "checkup", "--answer", "calf_swelling=yes").stdout
    assert "Get medical help today" in text and "blood clot" in text
    assert redflags.SAFETY_NET in text


def test_checkup_refuses_an_unknown_key_or_value_naming_the_valid_ones(cli: Cli) -> None:
    """A wrong key lists every valid key; a wrong value asks for yes or no."""
    bad_key = cli("guidance", "checkup", "--answer", "dvt=yes")
    assert bad_key.exit_code == 1
    assert "'dvt'" in bad_key.stderr
    assert all(q.key in bad_key.stderr for q in redflags.QUESTIONS)
    bad_value = cli("guidance", "checkup", "--answer", "numbness=maybe")
    assert bad_value.exit_code == 1 and "yes or no" in bad_value.stderr


def test_checkup_asks_every_question_of_the_page(cli: Cli) -> None:
    """With --ask it asks the page's questions in order; the quinine follow-up only after a yes."""
    asked = [q for q in redflags.questions_for() if q.only_if is None]
    result = cli("guidance", "checkup", "--ask", input="maybe\n" + "no\n" * len(asked))
    assert result.exit_code == 0, result.stderr
    for question in asked:
        assert question.label in result.stdout
    assert redflags.QUESTIONS_BY_KEY["quinine_bleeding"].label not in result.stdout
    assert "Please answer yes or no." in result.stdout
    assert "No warning signs in your answers or in your diary" in result.stdout
    assert "not asked" not in result.stdout and redflags.SAFETY_NET in result.stdout
    answers = ["no"] * (len(asked) - 1) + ["yes", "yes"]
    followed = cli("guidance", "checkup", "--ask", "--json", input="\n".join(answers) + "\n")
    assert followed.exit_code == 0, followed.stderr
    body = json.loads(followed.stdout[followed.stdout.index("{") :])
    assert body["urgency"] == "today"
    assert {f["key"] for f in body["findings"]} == {"takes_quinine", "quinine_bleeding"}
    assert redflags.QUESTIONS_BY_KEY["preeclampsia"].label not in followed.stdout


def test_questions_lists_the_keys_asked_of_you(cli: Cli) -> None:
    """`guidance questions --json` lists the questions for this profile, in order."""
    result = cli("guidance", "questions", "--json")
    assert result.exit_code == 0, result.stderr
    keys = [q["key"] for q in json.loads(result.stdout)]
    assert keys == [q.key for q in redflags.questions_for()]
    table = cli("guidance", "questions").stdout
    assert "cold_pale_leg" in table and "emergency" in table


def test_reminder_set_write_and_clear(cli: Cli, tmp_path: Path) -> None:
    """`guidance reminder --at 21:30 --ics FILE` stores it and writes a calendar file."""
    target = tmp_path / "stretch.ics"
    done = cli("guidance", "reminder", "--at", "21:30", "--ics", str(target))
    assert done.exit_code == 0 and "21:30" in done.stdout
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART").strftime("%H:%M") == "21:30"
    assert json.loads(cli("guidance", "reminder", "--json").stdout)["remind_at"] == "21:30"
    assert "No bedtime reminder" in cli("guidance", "reminder", "--clear").stdout
    bad = cli("guidance", "reminder", "--at", "9pm")
    assert bad.exit_code == 1 and "HH:MM" in bad.stderr
    assert cli("guidance", "reminder", "--ics", str(target)).exit_code == 1

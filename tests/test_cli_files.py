"""CLI commands that write files say clearly when they cannot, and `-` means the terminal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from nightcramps.dailyvalues.columns import CSV_HEADER


def test_export_to_a_missing_folder_is_a_clear_error(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    """An impossible --output is exit 1 with the reason, not a traceback; `-o -` prints."""
    target = tmp_path / "no-such-folder" / "daily.csv"
    answer = cli("export", "daily-csv", "-o", str(target))
    assert answer.exit_code == 1
    assert f"Cannot write {target}: No such file or directory" in answer.output
    assert "Traceback" not in answer.output
    printed = cli("export", "daily-csv", "-o", "-")
    assert printed.exit_code == 0 and printed.output == ",".join(CSV_HEADER) + "\n"
    assert not Path("-").exists()


def test_reminder_calendar_to_a_missing_folder(cli: Callable[..., Any], tmp_path: Path) -> None:
    """The reminder is set, and the calendar file that cannot be written is a clear error."""
    target = tmp_path / "missing" / "reminder.ics"
    answer = cli("guidance", "reminder", "--at", "21:30", "--ics", str(target))
    assert answer.exit_code == 1 and f"Cannot write {target}" in answer.output
    assert "21:30" in cli("guidance", "reminder").output
    good = tmp_path / "reminder.ics"
    assert cli("guidance", "reminder", "--ics", str(good)).exit_code == 0
    assert good.read_text().startswith("BEGIN:VCALENDAR")

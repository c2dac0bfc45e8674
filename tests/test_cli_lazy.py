"""The root command loads each command's package only when that command is used."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict

from nightcramps.cli import main


def test_the_command_table_names_exactly_what_each_package_registers() -> None:
    """A command added to a package's ``register`` but not to ``COMMANDS`` would be unreachable;
    one named in ``COMMANDS`` but not registered would be a dead entry."""
    by_package: defaultdict[str, set[str]] = defaultdict(set)
    for name, package in main.COMMANDS.items():
        by_package[package].add(name)
    for package, names in by_package.items():
        assert set(main._registered(package)) == names, package


def _modules_after(*argv: str) -> set[str]:
    """The modules loaded by a fresh interpreter that ran ``nightcramps ARGV``."""
    script = (
        "import sys\n"
        "from nightcramps.cli.main import app\n"
        "try:\n"
        f"    app({list(argv)!r}, prog_name='nightcramps')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stderr.split())


def test_a_command_does_not_load_the_web_app_or_the_statistics() -> None:
    loaded = _modules_after("import", "--help")
    assert "nightcramps.imports.cli" in loaded
    assert (
        not {"fastapi", "statsmodels", "nightcramps.insights.cli", "nightcramps.web.app"} & loaded
    )


def test_help_lists_every_command() -> None:
    loaded = _modules_after("--help")
    assert {f"nightcramps.{package}.cli" for package in main.COMMANDS.values()} <= loaded


def test_an_import_does_not_load_the_backup_or_the_daily_csv() -> None:
    """``import backup`` and ``import daily-csv`` belong to other features and load with their
    command only; help still lists them."""
    loaded = _modules_after("import", "list", "--help")
    assert not {"nightcramps.backup.service", "nightcramps.dailyvalues.cli"} & loaded
    assert "nightcramps.backup.cli" in _modules_after("import", "backup", "--help")

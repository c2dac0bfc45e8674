"""The long fuzz campaign over every import parser (``tests/imports/fuzzing.py``)."""

from __future__ import annotations

import sys

from tests.imports.fuzzing import campaign

EXAMPLES_PER_SOURCE = 3000


def main() -> None:
    report = campaign(EXAMPLES_PER_SOURCE, run_seed=2026)
    sys.stdout.write(
        f"import fuzzing: {report.inputs:,} damaged files in {report.seconds:.0f} s "
        f"({dict(report.per_source)}); {report.imported:,} imported, {report.refused:,} refused "
        f"with a clear error, {len(report.failures)} failures\n"
    )
    for failure in report.failures[:20]:
        sys.stdout.write(f"  {failure}\n")


if __name__ == "__main__":
    main()

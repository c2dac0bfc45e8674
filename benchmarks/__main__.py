"""Run every benchmark module in this folder (each has a ``main()`` that prints its results)."""

from __future__ import annotations

import importlib
import pkgutil
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path


def machine() -> str:
    """The CPU model, core count and Python version, for the record in docs/performance.md."""
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next(
            (line.split(":", 1)[1].strip() for line in lscpu.splitlines() if "Model name" in line),
            platform.processor() or "unknown CPU",
        )
    except OSError:
        model = platform.processor() or "unknown CPU"
    import os

    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    only = set(sys.argv[1:])
    print(f"# Benchmarks {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}\n")
    here = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda m: m.name):
        if info.name.startswith("_") or (only and info.name not in only):
            continue
        module = importlib.import_module(f"benchmarks.{info.name}")
        if hasattr(module, "main"):
            print(f"## {info.name}\n")
            module.main()
            print()


if __name__ == "__main__":
    main()

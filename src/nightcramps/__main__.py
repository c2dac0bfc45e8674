"""Allow ``python -m nightcramps``."""

from __future__ import annotations

from nightcramps.cli.main import main

main()

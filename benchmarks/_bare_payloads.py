"""What the bare apps serve: the same bytes NightCramps answered, captured by server_load.py.

``NIGHTCRAMPS_BARE_PAYLOADS`` names a JSON file ``{"nights": ..., "checkin": "<html>", "cramp":
...}``; without it a small stand-in is served (enough to try the apps by hand).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

PAYLOADS_ENV = "NIGHTCRAMPS_BARE_PAYLOADS"


def load_payloads() -> dict[str, Any]:
    """The payloads named by ``NIGHTCRAMPS_BARE_PAYLOADS``, or a stand-in."""
    path = os.environ.get(PAYLOADS_ENV)
    if path:
        payloads: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
        return payloads
    return {
        "nights": {"nights": [], "from": "2026-11-01", "to": "2026-11-30"},
        "checkin": "<!doctype html><title>Check-in</title><p>How was last night?</p>",
        "cramp": {"id": 1, "muscle": "calf", "side": "left", "severity_0_10": 5},
    }

#!/usr/bin/env bash
# Build the wheel and run a smoke test against the INSTALLED wheel (not the source tree), so that a
# template, static file or data file missing from the package fails CI. Run by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/pip wheel --quiet --no-deps --wheel-dir "$work/dist" . >/dev/null
.venv/bin/pip install --quiet --no-deps --target "$work/site" "$work"/dist/nightcramps-*.whl
export PYTHONPATH="$work/site"
export NIGHTCRAMPS_DATABASE_URL="sqlite:///$work/smoke.sqlite3"
cd "$work"  # away from src/, so only the installed copy can be imported
"$OLDPWD/.venv/bin/python" - "$work" <<'PY'
import json
import subprocess
import sys

import nightcramps

work = sys.argv[1]
assert nightcramps.__file__.startswith(work + "/site/"), nightcramps.__file__
from importlib.resources import files

for data in ("foods/data/foods.sqlite3", "foods/data/vocabulary.toml"):  # read at import/first use
    assert files("nightcramps").joinpath(data).is_file(), f"{data} is missing from the wheel"

from fastapi.testclient import TestClient

from nightcramps.config import Settings
from nightcramps.web.app import create_app

def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "nightcramps", *args], capture_output=True, text=True, check=True
    )
    return done.stdout

run("night", "no-cramps", "--night-of", "2026-11-20")
assert json.loads(run("night", "list", "--json"))[0]["status"] == "no_cramps"
banana = json.loads(run("foods", "lookup", "1 medium banana", "--json"))
assert banana["food"]["name"] in ("Banana, raw", "Bananas, raw"), banana
assert banana["nutrients"]["potassium_mg"] > 300, banana
with TestClient(create_app(Settings()), base_url="http://127.0.0.1") as client:
    for path in ("/", "/diary", "/static/app.css", "/static/vendor/htmx-2.0.11.min.js"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    # The content data files (Markdown entries, TOML tables) ship and are read from the wheel.
    assert "350 mg a day" in client.get("/guidance/magnesium").text
    assert "cold, pale or blue" in client.get("/checkup").text
    lasix = client.get("/api/v1/medicines/check", params={"name": "Lasix"}).json()
    assert lasix["matches"][0]["class_key"] == "loop_diuretic", lasix
print("wheel smoke test passed:", nightcramps.__file__)
PY

"""Fixtures for the food database tests: a small jar built from real SR24 files."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

DATA = Path(__file__).parent / "data"
SR24_FILES = DATA / "sr24"
ROOT = Path(__file__).resolve().parents[2]


def load_build_script() -> ModuleType:
    """scripts/build_food_db.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "build_food_db", ROOT / "scripts" / "build_food_db.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def small_jar(tmp_path: Path) -> Path:
    """A usda_sr24.jar with seven real food files (copied from Debian's cronometer package)."""
    jar = tmp_path / "usda_sr24.jar"
    with zipfile.ZipFile(jar, "w") as out:
        out.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        for path in sorted(SR24_FILES.iterdir()):
            out.write(path, f"usda_sr24/{path.name}")
    return jar

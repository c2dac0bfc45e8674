"""Fixtures for the food database tests: the build script, and a small sample of the USDA
tables (real rows of FNDDS 2021-2023 and SR28, cut by data/make_usda_sample.py)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest

DATA = Path(__file__).parent / "data"
USDA_SAMPLE = DATA / "usda-fdc-sample"
ROOT = Path(__file__).resolve().parents[2]
USDA_SOURCES = ROOT.parent / "shared" / "data" / "usda-fdc"
"""The full tables the packaged database is built from (absent on machines without them)."""


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
def usda_sample(tmp_path: Path) -> Path:
    """A copy of the sample folder (fndds-2021-2023/, sr28-2016/) that a test may change."""
    folder = tmp_path / "usda-fdc"
    shutil.copytree(USDA_SAMPLE, folder)
    return folder

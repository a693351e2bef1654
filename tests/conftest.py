"""Shared fixtures: paths to the shared peer data (never copied into the project)."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = SHARED / "data" / "switch_examples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    if not EXAMPLES.is_dir():
        pytest.skip(f"SWITCH's example cases are not at {EXAMPLES} (the shared folder is absent)")
    return EXAMPLES


def china_generator() -> ModuleType:
    """scripts/make_china_case.py loaded as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("make_china_case", REPO / "scripts" / "make_china_case.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod

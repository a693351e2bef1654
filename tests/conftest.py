"""Shared fixtures: paths to the shared peer data (never copied into the project)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = SHARED / "data" / "switch_examples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    if not EXAMPLES.is_dir():
        pytest.skip(f"SWITCH's example cases are not at {EXAMPLES} (the shared folder is absent)")
    return EXAMPLES

"""Fixtures of the sweep tests: the small cases of ``cases.py``, each written once per session."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:          # `tests.peer` / `tests.sweep` imports, whatever pytest's import mode
    sys.path.insert(0, str(_ROOT))

from tests.sweep.cases import chain_case, no_tie_case, tie_case  # noqa: E402


@pytest.fixture(scope="session")
def chain_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return chain_case(tmp_path_factory.mktemp("chain") / "inputs")


@pytest.fixture(scope="session")
def tie_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tie_case(tmp_path_factory.mktemp("tie") / "inputs")


@pytest.fixture(scope="session")
def no_tie_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return no_tie_case(tmp_path_factory.mktemp("no_tie") / "inputs")


@pytest.fixture(scope="session")
def serial_all(chain_inputs: Path, tmp_path_factory: pytest.TempPathFactory):
    """All 24 scenarios of the chain case, solved serially (warm chains): (out folder, catalog)."""
    from batteryplan.sweep import sweep
    out = tmp_path_factory.mktemp("serial_all")
    return out, sweep(chain_inputs, "all", out=out, workers=1, quiet=True)

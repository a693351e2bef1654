"""switch-model 2.0.9 loads and solves a 3-province, 1-period slice of the bundled China case."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from batteryplan.io.slice_case import slice_case

REPO = Path(__file__).resolve().parents[1]
CASE = REPO / "batteryplan" / "cases" / "china" / "inputs"

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("switch_model") is None, reason="switch-model is not installed"),
    pytest.mark.skipif(not CASE.is_dir(), reason="the bundled China case has not been generated"),
]


def test_switch_solves_north_china_slice(tmp_path: Path) -> None:
    from tests.peer.run_switch import run_switch

    inputs = tmp_path / "slice" / "inputs"
    slice_case(CASE, inputs, ["Beijing", "Tianjin", "Hebei"], [2023])
    run = run_switch(inputs, tmp_path / "run")
    assert run.objective > 0
    unserved = pd.read_csv(run.outputs / "UnservedLoad.csv").iloc[:, -1].sum()
    assert unserved == pytest.approx(0.0, abs=1e-6)
    # every battery technology was offered to the solver
    build = pd.read_csv(run.outputs / "BuildGen.csv")
    for h in (1, 4, 10):
        assert build.iloc[:, 0].str.endswith(f"Battery_{h}h").any()

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


@pytest.mark.peer
@pytest.mark.parametrize("strategy", ["Grid", "Demand", "Mixed"])
def test_switch_and_batteryplan_agree_on_strategy_slice(tmp_path: Path, strategy: str) -> None:
    """A 3-province, 1-period slice under a strategy: switch-model and batteryplan give the same
    optimum, and batteryplan's in-memory strategy (Mixed: without its dominated -re copies) reaches the
    optimum of the folder written for switch (Mixed: with every copy)."""
    import batteryplan
    from batteryplan.scenarios import Scenario, read_scenario
    from batteryplan.strategy import write_strategy_case
    from tests.peer.run_switch import switch_objective

    sliced = tmp_path / "slice" / "inputs"
    slice_case(CASE, sliced, ["Chongqing", "Sichuan", "Guizhou"], [2033])
    written = write_strategy_case(sliced, tmp_path / strategy / "inputs", strategy)
    ours = batteryplan.solve(batteryplan.build(batteryplan.read_case(written))).objective
    theirs = switch_objective(written, tmp_path / "run")
    assert ours == pytest.approx(theirs, rel=1e-6)
    in_memory = batteryplan.solve(batteryplan.build(read_scenario(sliced, Scenario(strategy, "Low", "B")))).objective
    assert in_memory == pytest.approx(ours, rel=1e-9)

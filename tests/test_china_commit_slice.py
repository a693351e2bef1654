"""A slice of the complete SWITCH-China folder (shared/tools/complete_switch_china.py) under unit commitment:
three provinces, one period, SWITCH-China's linear modules with no_commit replaced by commit.operate +
commit.fuel_use. switch-model 2.0.9 and batteryplan reach the same optimum (about 45 s in switch-model,
0.7 GB). The real inputs give coal a 0.4, gas 0.45, hydro 0.3 and pumped storage 0.4 minimum load and
nuclear 1.0, and no startup costs, so only storage with a minimum load keeps commitment columns."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from batteryplan.io.slice_case import slice_case

from .conftest import SHARED, complete_view

TOOL = SHARED / "tools" / "complete_switch_china.py"

pytestmark = [
    pytest.mark.peer,
    pytest.mark.skipif(importlib.util.find_spec("switch_model") is None, reason="switch-model is not installed"),
    pytest.mark.skipif(not TOOL.is_file(), reason="the SWITCH-China completion tool is absent"),
]


def test_switch_and_batteryplan_agree_on_commitment_slice(tmp_path: Path, complete_switch_china: Path) -> None:
    import batteryplan
    from tests.peer.run_switch import switch_objective

    mods = (complete_switch_china / "modules_stage1.txt").read_text().replace(
        "switch_model.generators.core.no_commit",
        "switch_model.generators.core.commit.operate\nswitch_model.generators.core.commit.fuel_use")
    source = complete_view(complete_switch_china, tmp_path / "full" / "inputs", mods)
    sliced = tmp_path / "slice" / "inputs"
    slice_case(source, sliced, ["Tibet", "Qinghai", "Ningxia"], [2028])
    lp = batteryplan.build(batteryplan.read_case(sliced))
    ours = batteryplan.solve(lp).objective
    theirs = switch_objective(sliced, tmp_path / "run")
    assert ours == pytest.approx(theirs, rel=1e-6)
    m, case = lp.space.m, lp.case
    # no startup costs: only storage with a minimum load (pumped hydro) keeps commit columns
    committed = np.unique(m.gt_gen[m.cm_gt])
    assert np.all(case.gen_is_storage[committed])
    limit = lp.space.rows["uncommitted_dispatch_limit"]                      # baseload nuclear: D = avail * Cap
    baseload = case.gen_is_baseload[m.gt_gen[m.uc_gt]]
    assert baseload.any() and np.array_equal(lp.row_lower[limit.start:limit.stop] == 0.0, baseload)
    assert lp.space.cols["startup_gen_capacity"].size == 0 and lp.space.cols["gen_fuel_use_rate"].size == 0

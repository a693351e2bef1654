"""SWITCH-China's own capacity plans and planning reserves on a slice of its completed inputs folder.

The completed SWITCH-China folder (shared/tools/complete_switch_china.py; about 2.5 minutes to write) is cut to
Hainan, Guangxi and Hunan in 2023 and 2028 (373 projects, 144 timepoints) and solved with the linear stage-1
module list plus ``switch_model.balancing.planning_reserves`` and ``china_modules.tech_plans``, reading the
study's own capacity_plans.csv (Uranium minimums), total_capacity_limits.csv and 15 % peak-load margins.
switch-model (with tests/peer/switch_ext for the capacity-plan module, about 70 s and 0.7 GB) and batteryplan
agree within 1e-6, and each of the two families raises batteryplan's optimum on this slice.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from batteryplan.io.slice_case import slice_case

from ..conftest import SHARED
from .test_live_peer import HAVE_SWITCH

TOOL = SHARED / "tools" / "complete_switch_china.py"
ZONES, PERIODS = ["Hainan", "Guangxi", "Hunan"], [2023, 2028]
FAMILY_MODULES = ("switch_model.balancing.planning_reserves", "china_modules.tech_plans")

pytestmark = [
    pytest.mark.peer,
    pytest.mark.skipif(not HAVE_SWITCH, reason="switch_model is not importable"),
    pytest.mark.skipif(not TOOL.is_file(), reason=f"the SWITCH-China completion tool is not at {TOOL}"),
]


@pytest.fixture(scope="module")
def china_slice(tmp_path_factory: pytest.TempPathFactory, complete_switch_china: Path) -> Path:
    """The slice's inputs folder, with the stage-1 modules and the two capacity families."""
    root = tmp_path_factory.mktemp("switch_china")
    inputs = root / "slice" / "inputs"
    slice_case(complete_switch_china / "inputs", inputs, ZONES, PERIODS)
    stage1 = (complete_switch_china / "modules_stage1.txt").read_text().splitlines()
    (inputs / "modules.txt").write_text("\n".join([*stage1, *FAMILY_MODULES]) + "\n")
    return inputs


def _without(inputs: Path, dst: Path, module: str) -> Path:
    shutil.copytree(inputs, dst)
    lines = (inputs / "modules.txt").read_text().splitlines()
    (dst / "modules.txt").write_text("\n".join(m for m in lines if m.strip() != module) + "\n")
    return dst


def test_slice_matches_switch_and_both_families_bind(china_slice: Path, tmp_path: Path) -> None:
    import batteryplan
    from tests.peer.run_switch import switch_objective

    case = batteryplan.read_case(china_slice)
    assert len(case.ext["tech_plans"].plan_mw) == 6 and len(case.ext["tech_plans"].limit_mw) == 2
    assert len(case.ext["planning_reserves"].row_prr) == len(ZONES) * len(PERIODS)
    ours = batteryplan.solve(batteryplan.build(case)).objective
    assert ours == pytest.approx(switch_objective(china_slice, tmp_path / "switch"), rel=1e-6)
    for module in FAMILY_MODULES:
        without = batteryplan.read_case(_without(china_slice, tmp_path / module, module))
        assert batteryplan.solve(batteryplan.build(without)).objective < ours * (1 - 1e-3), module

"""A slice of the complete SWITCH-China folder (shared/tools/complete_switch_china.py) with SWITCH-China's own
module list: three provinces in two balancing areas (Tibet; Qinghai and Ningxia in North_West_Grid), periods 2028
and 2033, commit.operate + commit.fuel_use, balancing areas, spinning reserves, planning reserves and the
capacity plans; the real gen_info.csv reserve flags (TRUE / FALSE).

    modules_full  the repository's current list (the tool's modules_full.txt)
    study_era     the same with the study-era quickstart reserves (switch-model gets
                  tests/peer/switch_ext/quickstart_reserves.py in its place)

switch-model 2.0.9 and batteryplan reach the same optimum (about 50 s each in switch-model; measured 5e-14
apart). Spinning reserves run as SWITCH-China ran them: no rule and no contingency option.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from batteryplan.io.slice_case import slice_case

from .conftest import complete_view

from .test_china_commit_slice import TOOL, pytestmark  # noqa: F401  (the same tool and skip conditions)

SPINNING = "switch_model.balancing.operating_reserves.spinning_reserves"
QUICKSTART = "switch_model.balancing.operating_reserves.quickstart"


@pytest.fixture(scope="module")
def full(complete_switch_china: Path) -> Path:
    return complete_switch_china


@pytest.mark.parametrize("variant", ["modules_full", "study_era"])
def test_switch_and_batteryplan_agree_on_full_module_list(full: Path, tmp_path: Path, variant: str) -> None:
    import batteryplan
    from tests.peer.reserve_cases import modules_for
    from tests.peer.run_switch import switch_objective

    mods = (full / "modules_full.txt").read_text()
    assert SPINNING in mods and QUICKSTART not in mods
    if variant == "study_era":
        mods = mods.replace(f"{SPINNING}\n", f"{SPINNING}\n{QUICKSTART}\n")
    source = complete_view(full, tmp_path / "full_inputs", mods)
    sliced = tmp_path / "ours" / "inputs"
    slice_case(source, sliced, ["Tibet", "Qinghai", "Ningxia"], [2028, 2033])
    case = batteryplan.read_case(sliced)
    assert set(case.ext["reserve_areas"].names) == {"North_West_Grid", "Tibet"}
    lp = batteryplan.build(case)
    assert not any(lp.space.cols[b].size for b in ("spinning_up", "spinning_down", "max_contingency"))
    if variant == "study_era":                      # quickstart provision projected out: no limit rows
        assert lp.space.rows["quickstart_requirement"].size > 0 and lp.space.rows["quickstart_limit"].size == 0
    ours = batteryplan.solve(lp).objective
    from batteryplan.csc_builder.reductions import all_off, switched
    with switched(**all_off()):                     # SWITCH's shape of the commitment and reserve rows ...
        lp_off = batteryplan.build(case)
    assert lp_off.shape[0] > lp.shape[0] and lp_off.shape[1] > lp.shape[1]
    if variant == "study_era":
        assert lp_off.space.rows["quickstart_limit"].size > 0
    assert batteryplan.solve(lp_off).objective == pytest.approx(ours, rel=1e-9)   # ... the same optimum
    assert case.fleet is not None                   # plant-level units merged (batteryplan/aggregate.py) ...
    unmerged = batteryplan.solve(batteryplan.build(batteryplan.read_case(sliced, aggregate=False))).objective
    assert ours == pytest.approx(unmerged, rel=1e-9)  # ... exactly
    shutil.copytree(sliced.parent, tmp_path / "theirs")
    modules_for(tmp_path / "theirs" / "inputs", peer=True)
    theirs = switch_objective(tmp_path / "theirs" / "inputs", tmp_path / "run")
    assert ours == pytest.approx(theirs, rel=1e-6)

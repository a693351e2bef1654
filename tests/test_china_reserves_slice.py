"""A slice of the complete SWITCH-China folder (shared/tools/complete_switch_china.py) with operating reserves:
three provinces in two balancing areas (Tibet; Qinghai and Ningxia in North_West_Grid), one period, SWITCH-China's
linear modules with commit.operate + commit.fuel_use, the balancing areas, spinning reserves and the study-era
quickstart reserves (switch-model gets tests/peer/switch_ext/quickstart_reserves.py in its place). The real
gen_info.csv flags (TRUE / FALSE) decide which projects may provide each product.

Spinning reserves as the study ran them (no rule, no contingency: vacuous) plus quickstart reserves; about
a minute in switch-model. (With --spinning-requirement-rule 3+5 --project-contingency as well, run once by
hand: batteryplan 14,769,235,097.3787, switch-model 14,769,235,097.3779, 5e-14 apart; about two minutes in
switch-model, so not in the suite.)
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from batteryplan.io.slice_case import slice_case

from .test_china_commit_slice import TOOL, pytestmark  # noqa: F401  (the same tool and skip conditions)

RESERVES = ("switch_model.balancing.operating_reserves.areas",
            "switch_model.balancing.operating_reserves.spinning_reserves",
            "switch_model.balancing.operating_reserves.quickstart")
OPTIONS = {"study": ""}


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("china") / "full"
    subprocess.run([sys.executable, str(TOOL), "--out", str(out / "inputs")], check=True, capture_output=True)
    mods = (out / "modules_stage1.txt").read_text().replace(
        "switch_model.generators.core.no_commit",
        "switch_model.generators.core.commit.operate\nswitch_model.generators.core.commit.fuel_use")
    (out / "inputs" / "modules.txt").write_text(mods + "".join(f"{m}\n" for m in RESERVES))
    return out


@pytest.mark.parametrize("variant", list(OPTIONS))
def test_switch_and_batteryplan_agree_on_reserves_slice(full: Path, tmp_path: Path, variant: str) -> None:
    import batteryplan
    from tests.peer.reserve_cases import modules_for
    from tests.peer.run_switch import switch_objective

    sliced = tmp_path / "ours" / "inputs"
    slice_case(full / "inputs", sliced, ["Tibet", "Qinghai", "Ningxia"], [2028])
    if OPTIONS[variant]:
        (sliced.parent / "options.txt").write_text(OPTIONS[variant])
    case = batteryplan.read_case(sliced)
    assert set(case.ext["reserve_areas"].names) == {"North_West_Grid", "Tibet"}
    ours = batteryplan.solve(batteryplan.build(case)).objective
    shutil.copytree(sliced.parent, tmp_path / "theirs")
    modules_for(tmp_path / "theirs" / "inputs", peer=True)
    theirs = switch_objective(tmp_path / "theirs" / "inputs", tmp_path / "run")
    assert ours == pytest.approx(theirs, rel=1e-6)

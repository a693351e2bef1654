"""A scenario is a pure transform of the case: the cost paths are read with the case, once, and
``apply_costs`` turns them into a scenario's costs without reading anything."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

import batteryplan
from batteryplan.io.switch_reader import read_case
from batteryplan.scenarios import all_names, apply_costs, parse, read_scenario

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.sweep.cases import chain_case  # noqa: E402


def test_the_reader_loads_the_paths(tmp_path: Path) -> None:
    """chain_case writes low 30, 45 $/t and high = 2 x low for its periods 2030, 2040; battery paths B 1,
    M 1/3, R 1/5."""
    case = read_case(chain_case(tmp_path / "inputs"))
    np.testing.assert_array_equal(case.paths["carbon_price"]["Low"], [30.0, 45.0])
    np.testing.assert_array_equal(case.paths["carbon_price"]["High"], [60.0, 90.0])
    assert case.paths["battery_cost"] == {"B": 1.0, "M": pytest.approx(1 / 3), "R": 0.2}


def test_apply_costs_reads_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The case folder is gone after reading; every scenario still gets its costs, equal to those of a case read
    under the scenario from a copy of the folder, and no file is opened."""
    inputs = chain_case(tmp_path / "inputs")
    keep = tmp_path / "copy" / "inputs"
    shutil.copytree(inputs, keep)
    base = read_case(inputs)
    shutil.rmtree(inputs)
    opened: list[str] = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(str(a[0])) or real_open(*a, **k))
    scenarios = [parse(n, m) for n in all_names() if n.startswith("Grid-") for m in (1.0, 2.5)]
    cases = [apply_costs(base, sc) for sc in scenarios]
    monkeypatch.undo()
    assert opened == []
    for sc, case in zip(scenarios, cases):
        ref = read_scenario(keep, sc)
        np.testing.assert_array_equal(case.carbon_price, ref.carbon_price)
        np.testing.assert_array_equal(case.bld_overnight, ref.bld_overnight)
        np.testing.assert_array_equal(case.bld_e_overnight, ref.bld_e_overnight)
        np.testing.assert_array_equal(case.bld_fixed_om, ref.bld_fixed_om)
        np.testing.assert_array_equal(case.bld_e_fixed_om, ref.bld_e_fixed_om)
        assert case.scenario == ref.scenario
    high = cases[scenarios.index(parse("Grid-High-B", 2.5))]
    np.testing.assert_array_equal(high.carbon_price, [150.0, 225.0])           # 2.5 x (60, 90)
    np.testing.assert_array_equal(base.carbon_price, read_case(keep).carbon_price)   # the base is not changed


def test_a_case_without_paths_has_only_the_low_b_scenario(tmp_path: Path) -> None:
    inputs = chain_case(tmp_path / "inputs")
    (inputs / "carbon_price_paths.csv").unlink()
    (inputs / "battery_cost_paths.csv").unlink()
    base = read_case(inputs)
    assert base.paths == {}
    np.testing.assert_array_equal(apply_costs(base, parse("Grid-Low-B")).carbon_price, base.carbon_price)
    for name, file in (("Grid-High-B", "carbon_price_paths.csv"), ("Grid-Low-M", "battery_cost_paths.csv")):
        with pytest.raises(batteryplan.CaseError) as info:
            apply_costs(base, parse(name))
        assert info.value.file == file

"""The storage catalog is off by default and switched on per run (--battery-tech NAME)."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import batteryplan
from batteryplan.io.slice_case import slice_case
from batteryplan.scenarios import parse, read_scenario

CASE = Path(__file__).resolve().parents[2] / "batteryplan" / "cases" / "china" / "inputs"
ZONES = ["Chongqing", "Sichuan", "Guizhou"]


@pytest.fixture(scope="module")
def sliced(tmp_path_factory) -> Path:
    dst = tmp_path_factory.mktemp("catalog") / "inputs"
    slice_case(CASE, dst, ZONES, [2033])
    shutil.copy(CASE / "storage_catalog.csv", dst / "storage_catalog.csv")
    return dst


def test_catalog_off_by_default(sliced):
    case = read_scenario(sliced, "Grid-Low-B")
    catalog = set(pd.read_csv(sliced / "storage_catalog.csv")["gen_tech"])
    assert not catalog & set(case.gen_tech.astype(str))


def test_catalog_tech_switched_on(sliced):
    cat = pd.read_csv(sliced / "storage_catalog.csv").set_index("gen_tech").loc["Flow_Vanadium"]
    case = read_scenario(sliced, parse("Mixed-Low-B", battery_techs=["Flow_Vanadium"]), full_mixed=True)
    flow = case.gen_tech.astype(str) == "Flow_Vanadium"
    assert flow.sum() == 3 * len(ZONES)                     # Mixed: -grid, -re, -demand per zone
    assert set(case.zones[case.gen_zone[flow]]) == set(ZONES)
    assert np.allclose(case.gen_sto_eff[flow], cat["round_trip_efficiency"])
    assert np.allclose(case.gen_sto_ratio[flow], cat["duration_h"])
    assert np.allclose(case.gen_max_age[flow], cat["life_years"])
    b = flow[case.bld_gen]
    assert np.allclose(case.bld_overnight[b], cat["power_cost_usd_per_kw"] * 1000)
    assert np.allclose(case.bld_e_overnight[b], cat["energy_cost_usd_per_kwh"] * 1000)
    assert case.gen_is_battery[flow].all() and sorted(set(case.gen_attachment[flow])) == [0, 1, 2]
    # the Li-ion projects are not the strategy's batteries in this run
    assert not case.gen_is_battery[np.char.find(case.gen_tech.astype(str), "Battery") >= 0].any()
    assert batteryplan.solve(batteryplan.build(case)).status == "Optimal"


def test_battery_cost_path_scales_catalog_tech(sliced):
    b = read_scenario(sliced, parse("Grid-Low-B", battery_techs=["Flow_Vanadium"]))
    r = read_scenario(sliced, parse("Grid-Low-R", battery_techs=["Flow_Vanadium"]))
    flow = (b.gen_tech.astype(str) == "Flow_Vanadium")[b.bld_gen]
    assert np.allclose(r.bld_overnight[flow], b.bld_overnight[flow] * 0.2)


def test_unknown_battery_tech_names_the_catalog(sliced):
    with pytest.raises(batteryplan.CaseError) as err:
        read_scenario(sliced, parse("Grid-Low-B", battery_techs=["Unobtainium"]))
    assert "Unobtainium" in str(err.value) and "Flow_Vanadium" in str(err.value)

"""Whole solves against optima worked out by hand (STYLE.md §9).

Both cases: one period 2030 with period_start = period_end = 2030 (SWITCH adds one year: length
1), discount and interest rate 0, so BAC = 1 and crf(0, n) = 1/n; one timeseries of two
1-hour timepoints with ts_scale_to_period = 4383, so each timepoint weighs 4383 h/yr
(Σ = 8766 h, SWITCH's hours per year). Objective = 4383 · Σ_t (cost rate in $/h) + fixed $/yr.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import batteryplan

from tests.unit._cases import CORE, SIMPLE_FUEL, STORAGE, TX, battery, gen, timescales, write

W = 4383.0          # h/yr per timepoint
REL = 1e-9


def _idx(labels, name) -> int:
    return int(np.flatnonzero(np.asarray(labels).astype(str) == name)[0])


def _arbitrage(dst: Path) -> Path:
    tables = timescales()
    tables.update({
        "load_zones.csv": [{"LOAD_ZONE": "A"}],
        "loads.csv": [{"LOAD_ZONE": "A", "TIMEPOINT": "t1", "zone_demand_mw": 50.0},
                      {"LOAD_ZONE": "A", "TIMEPOINT": "t2", "zone_demand_mw": 150.0}],
        "fuels.csv": [{"fuel": "Coal", "co2_intensity": 0.0, "upstream_co2_intensity": 0.0},
                      {"fuel": "Oil", "co2_intensity": 0.0, "upstream_co2_intensity": 0.0}],
        "non_fuel_energy_sources.csv": [{"energy_source": "Electricity"}],
        "gen_info.csv": [
            gen("A-Cheap", "Coal", "A", "Coal", heat_rate=1.0),
            gen("A-Peaker", "Oil", "A", "Oil", heat_rate=1.0),
            battery("A-Battery", "A", eff=0.8, ratio=None),
        ],
        "gen_build_costs.csv": [
            {"GENERATION_PROJECT": g, "build_year": 2020, "gen_overnight_cost": 0.0, "gen_fixed_om": 0.0,
             "gen_storage_energy_overnight_cost": 0.0 if g == "A-Battery" else None}
            for g in ("A-Cheap", "A-Peaker", "A-Battery")
        ],
        "gen_build_predetermined.csv": [
            {"GENERATION_PROJECT": "A-Cheap", "build_year": 2020, "build_gen_predetermined": 100.0},
            {"GENERATION_PROJECT": "A-Peaker", "build_year": 2020, "build_gen_predetermined": 1000.0},
            {"GENERATION_PROJECT": "A-Battery", "build_year": 2020, "build_gen_predetermined": 40.0,
             "build_gen_energy_predetermined": 1000.0},
        ],
        "fuel_cost.csv": [{"load_zone": "A", "fuel": "Coal", "period": 2030, "fuel_cost": 10.0},
                          {"load_zone": "A", "fuel": "Oil", "period": 2030, "fuel_cost": 100.0}],
    })
    return write(dst, tables, CORE + [SIMPLE_FUEL, STORAGE])


def _transfer(dst: Path) -> Path:
    tables = timescales()
    tables.update({
        "load_zones.csv": [{"LOAD_ZONE": "A"}, {"LOAD_ZONE": "B"}],
        "loads.csv": [{"LOAD_ZONE": z, "TIMEPOINT": t, "zone_demand_mw": mw}
                      for z, t, mw in (("A", "t1", 30.0), ("A", "t2", 30.0), ("B", "t1", 90.0), ("B", "t2", 45.0))],
        "fuels.csv": [{"fuel": "Gas", "co2_intensity": 0.0, "upstream_co2_intensity": 0.0}],
        "non_fuel_energy_sources.csv": [{"energy_source": "Wind"}],
        "gen_info.csv": [gen("A-Gas", "Gas", "A", "Gas", heat_rate=1.0)],
        "gen_build_costs.csv": [{"GENERATION_PROJECT": "A-Gas", "build_year": 2020, "gen_overnight_cost": 0.0,
                                 "gen_fixed_om": 0.0}],
        "gen_build_predetermined.csv": [{"GENERATION_PROJECT": "A-Gas", "build_year": 2020,
                                         "build_gen_predetermined": 1000.0}],
        "fuel_cost.csv": [{"load_zone": "A", "fuel": "Gas", "period": 2030, "fuel_cost": 20.0}],
        "transmission_lines.csv": [{"TRANSMISSION_LINE": "A-B", "trans_lz1": "A", "trans_lz2": "B",
                                    "trans_length_km": 100.0, "trans_efficiency": 0.9, "existing_trans_cap": 200.0,
                                    "trans_new_build_allowed": 0}],
    })
    return write(dst, tables, CORE + [SIMPLE_FUEL] + TX)


# Each hand optimum is solved as the LP stands and with batteryplan's row/column scaling forced on
# (it is automatic only on big LPs): primal values and prices must come back unscaled.
SCALING = ["off", "on"]


@pytest.fixture(scope="module", params=SCALING)
def arbitrage(tmp_path_factory, request) -> batteryplan.Result:
    d = _arbitrage(tmp_path_factory.mktemp("arbitrage") / "inputs")
    return batteryplan.solve(batteryplan.build(batteryplan.read_case(d)),
                             options={"batteryplan_scaling": request.param})


@pytest.fixture(scope="module", params=SCALING)
def transfer(tmp_path_factory, request) -> batteryplan.Result:
    d = _transfer(tmp_path_factory.mktemp("transfer") / "inputs")
    return batteryplan.solve(batteryplan.build(batteryplan.read_case(d)),
                             options={"batteryplan_scaling": request.param})


def test_battery_arbitrage_objective(arbitrage) -> None:
    """One zone; load 50 MW in t1, 150 MW in t2. Existing (sunk, cost 0): 100 MW cheap at
    10 $/MWh (heat rate 1, fuel 10 $/unit), 1000 MW peaker at 100 $/MWh, and a 40 MW battery with
    1000 MWh (not binding), round-trip efficiency 0.8 applied on charging, no new builds allowed.

    Cyclic SoC over the timeseries: 0.8 · Charge[t1] · 1 h = Discharge[t2] · 1 h. Charging 1 MW of
    cheap power in t1 (10 $) displaces 0.8 MW of peaker in t2 (80 $), so the battery charges at its
    40 MW limit (the cheap plant has 50 MW spare in t1) and discharges 32 MW in t2.
      t1: cheap 50 + 40 = 90 MW                       -> 900 $/h
      t2: cheap 100 MW, battery 32 MW, peaker 18 MW   -> 1000 + 1800 = 2800 $/h
    Objective = 4383 · (900 + 2800) = 16,217,100 $.
    Prices: t1 the cheap plant is marginal (90 < 100 MW) -> 10 $/MWh; t2 the peaker -> 100 $/MWh.
    """
    res = arbitrage
    assert res.status == "Optimal"
    assert res.objective == pytest.approx(W * (900.0 + 2800.0), rel=REL)
    d = res.arrays["dispatch_mw"]
    cheap, peaker, bat = (_idx(res.index["projects"], n) for n in ("A-Cheap", "A-Peaker", "A-Battery"))
    np.testing.assert_allclose(d[cheap], [90.0, 100.0], atol=1e-6)
    np.testing.assert_allclose(d[peaker], [0.0, 18.0], atol=1e-6)
    np.testing.assert_allclose(d[bat], [0.0, 32.0], atol=1e-6)
    np.testing.assert_allclose(res.arrays["charge_mw"][bat], [40.0, 0.0], atol=1e-6)
    soc = res.arrays["state_of_charge_mwh"][bat]
    assert soc[0] - soc[1] == pytest.approx(32.0, abs=1e-6)         # the level itself is not unique
    np.testing.assert_allclose(res.arrays["price_per_mwh"][0], [10.0, 100.0], rtol=1e-7)


def test_two_zone_transfer_with_losses(transfer) -> None:
    """Zone A: 1000 MW of existing gas at 20 $/MWh, load 30 MW. Zone B: load 90 MW (t1), 45 MW (t2),
    no generation. Line A-B: efficiency 0.9 (loss at the receiving end), 200 MW existing, no new
    builds; default line costs (trans_params.csv absent): 1000 $/MW-km, 20-year life, O&M 3 %.

    Flow A->B = load_B / 0.9 = 100 MW (t1), 50 MW (t2); gas = 30 + flow = 130, 80 MW.
      energy: 4383 h · 20 $/MWh · (130 + 80) MW   = 18,408,600 $
      line:   200 MW · 1000 $/MW-km · 100 km · (1/20 + 0.03) = 1,600,000 $/yr (charged on existing)
    Objective = 20,008,600 $. Prices: A 20 $/MWh; B 20 / 0.9 = 22.2222 $/MWh.
    """
    res = transfer
    assert res.status == "Optimal"
    assert res.objective == pytest.approx(W * 20.0 * (130.0 + 80.0) + 200 * 1000 * 100 * (1 / 20 + 0.03), rel=REL)
    np.testing.assert_allclose(res.arrays["dispatch_mw"][0], [130.0, 80.0], atol=1e-6)
    flow = res.arrays["tx_flow_mw"]                                # (lines, directions, timepoints)
    assert list(res.index["directions"]) == ["lz1_to_lz2", "lz2_to_lz1"]
    np.testing.assert_allclose(flow[0, 0], [100.0, 50.0], atol=1e-6)
    np.testing.assert_allclose(flow[0, 1], [0.0, 0.0], atol=1e-6)
    a, b = _idx(res.index["zones"], "A"), _idx(res.index["zones"], "B")
    np.testing.assert_allclose(res.arrays["price_per_mwh"][a], [20.0, 20.0], rtol=1e-7)
    np.testing.assert_allclose(res.arrays["price_per_mwh"][b], [20.0 / 0.9, 20.0 / 0.9], rtol=1e-7)
    np.testing.assert_allclose(res.summary["tx_cost_usd_per_yr"], [[1_600_000.0]], rtol=1e-12)


def test_hand_optima_summary_adds_up(arbitrage, transfer) -> None:
    """The summary's cost components, discounted by BAC, add up to the objective."""
    for res in (arbitrage, transfer):
        total = res.summary["cost_by_component_usd_per_yr"].sum(axis=0) @ res.index["bac"]
        assert total == pytest.approx(res.objective, rel=REL)

"""Battery deployment strategies and scenario costs (MODEL.md §2-3)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import batteryplan
from batteryplan.io.switch_reader import read_case
from batteryplan.scenarios import PAPER, all_names, parse, read_scenario
from batteryplan.strategy import strategy_hook

from tests.unit._cases import CORE, SIMPLE_FUEL, STORAGE, base_modules, base_tables, battery, gen, timescales, write

BATTERIES = ("A-Battery", "B-Battery")
OTHERS = ("A-Gas", "A-Wind", "B-Gas", "A-PumpedHydro")


def _tables() -> dict:
    """The base case plus a new-only battery in B, a non-battery storage project (pumped hydro,
    which no strategy may touch) and a non-battery project flagged distributed."""
    t = base_tables()
    t["gen_info.csv"].append(battery("B-Battery", "B"))
    t["gen_info.csv"].append(gen("A-PumpedHydro", "PumpedHydro", "A", "Electricity", 60,
                                 gen_storage_efficiency=0.75, gen_storage_energy_to_power_ratio=8.0))
    for row in t["gen_info.csv"]:
        row["gen_is_distributed"] = 1 if row["GENERATION_PROJECT"] == "B-Gas" else 0
    t["gen_build_costs.csv"] += [
        {"GENERATION_PROJECT": "B-Battery", "build_year": 2030, "gen_overnight_cost": 210_000.0,
         "gen_fixed_om": 5_500.0, "gen_storage_energy_overnight_cost": 160_000.0},
        {"GENERATION_PROJECT": "A-PumpedHydro", "build_year": 2030, "gen_overnight_cost": 2_000_000.0,
         "gen_fixed_om": 15_000.0, "gen_storage_energy_overnight_cost": 10_000.0},
    ]
    t["battery_cost_paths.csv"] = [{"path": "B", "multiplier": 1.0}, {"path": "M", "multiplier": 1 / 3},
                                   {"path": "R", "multiplier": 0.2}]
    return t


@pytest.fixture()
def case_dir(tmp_path: Path) -> Path:
    return write(tmp_path / "c" / "inputs", _tables(), base_modules())


def _read(d: Path, strategy: str, full_mixed: bool = True):
    return read_case(d, hook=strategy_hook(strategy, full_mixed=full_mixed))


def _pos(case, name: str) -> int:
    return int(np.flatnonzero(case.gen_names.astype(str) == name)[0])


@pytest.mark.parametrize("strategy, dist, re, attach", [("Grid", 0, 0, 0), ("RE", 0, 1, 1), ("Demand", 1, 0, 2)])
def test_uniform_strategy_sets_flags_on_batteries_only(case_dir: Path, strategy, dist, re, attach) -> None:
    plain = read_case(case_dir)
    case = _read(case_dir, strategy)
    assert list(case.gen_names) == list(plain.gen_names)
    for name in BATTERIES:
        g = _pos(case, name)
        assert (case.gen_is_distributed[g], case.gen_is_re_connect[g], case.gen_attachment[g]) == (dist, re, attach)
    for name in OTHERS:
        g, g0 = _pos(case, name), _pos(plain, name)
        assert case.gen_is_distributed[g] == plain.gen_is_distributed[g0]
        assert case.gen_is_re_connect[g] == plain.gen_is_re_connect[g0]
        assert case.gen_attachment[g] == plain.gen_attachment[g0]
    assert case.gen_is_distributed[_pos(case, "B-Gas")]                 # untouched, still 1
    assert case.gen_attachment[_pos(case, "A-PumpedHydro")] == 0        # storage, but not a battery
    # builds and their costs are those of the plain read
    np.testing.assert_array_equal(case.bld_gen, plain.bld_gen)
    np.testing.assert_array_equal(case.bld_overnight, plain.bld_overnight)
    np.testing.assert_array_equal(case.bld_fixed, plain.bld_fixed)


def _builds(case, name: str) -> dict[float, tuple]:
    g = _pos(case, name)
    sel = np.flatnonzero(case.bld_gen == g)
    return {float(case.bld_year[b]): (bool(case.bld_fixed[b]), float(case.bld_fixed_mw[b]),
                                      float(case.bld_overnight[b]), float(case.bld_fixed_om[b]),
                                      float(case.bld_e_overnight[b]), float(case.bld_e_fixed_om[b]))
            for b in sel}


def test_mixed_makes_three_copies(case_dir: Path) -> None:
    plain = read_case(case_dir)
    case = _read(case_dir, "Mixed")
    names = sorted(case.gen_names.astype(str))
    expect = sorted(list(OTHERS) + [f"{b}-{s}" for b in BATTERIES for s in ("grid", "re", "demand")])
    assert names == expect
    for b in BATTERIES:
        orig = _pos(plain, b)
        new_only = {y: v for y, v in _builds(plain, b).items() if not v[0]}
        for suffix, (dist, re, attach) in {"grid": (0, 0, 0), "re": (0, 1, 1), "demand": (1, 0, 2)}.items():
            g = _pos(case, f"{b}-{suffix}")
            assert (case.gen_is_distributed[g], case.gen_is_re_connect[g], case.gen_attachment[g]) == (dist, re, attach)
            assert case.gen_tech[g] == plain.gen_tech[orig]
            assert case.gen_zone[g] == plain.gen_zone[orig]
            assert case.gen_sto_eff[g] == plain.gen_sto_eff[orig]
            builds = _builds(case, f"{b}-{suffix}")
            if suffix == "grid":
                assert builds == _builds(plain, b)                      # existing capacity stays here
            else:
                assert builds == new_only                               # same costs, new builds only
                assert not any(v[0] for v in builds.values())
    assert _builds(case, "A-Battery-grid")[2020.0][:2] == (True, 10.0)
    for name in OTHERS:
        g, g0 = _pos(case, name), _pos(plain, name)
        assert _builds(case, name) == _builds(plain, name)
        assert case.gen_is_distributed[g] == plain.gen_is_distributed[g0]
        assert case.gen_attachment[g] == plain.gen_attachment[g0]
        np.testing.assert_array_equal(case.cf[g], plain.cf[g0])


@pytest.mark.parametrize("name", ["Grid-Low", "Foo-Low-B", "Grid-Medium-B", "Grid-Low-X", "grid-lo-b",
                                  "Grid-Low-B-x", "", "Mixed_High_R"])
def test_parse_rejects_bad_names(name: str) -> None:
    with pytest.raises(batteryplan.CaseError, match="unknown scenario"):
        parse(name)


def test_parse_matches_names_in_any_case() -> None:
    assert parse("grid-low-b") == parse("Grid-Low-B") and parse("MIXED-HIGH-r").name == "Mixed-High-R"


def test_parse_and_names() -> None:
    sc = parse("Mixed-High-R", carbon_multiplier=66.0)
    assert (sc.strategy, sc.carbon, sc.battery_cost, sc.carbon_multiplier) == ("Mixed", "High", "R", 66.0)
    assert sc.name == "Mixed-High-R-x66"
    names = all_names()
    assert len(names) == len(set(names)) == 24
    assert len(PAPER) == 20 and set(PAPER) <= set(names)
    assert all(parse(n).name == n for n in names)


def test_unknown_strategy_is_a_case_error() -> None:
    with pytest.raises(batteryplan.CaseError, match="unknown strategy"):
        strategy_hook("Everywhere")


@pytest.mark.parametrize("path, mult", [("B", 1.0), ("M", 1 / 3), ("R", 0.2)])
def test_battery_cost_path_scales_battery_capital_and_fixed_om(tmp_path: Path, path: str, mult: float) -> None:
    """The path scales battery costs as a whole (MODEL.md §3): power and energy capital, gen_fixed_om and
    gen_storage_energy_fixed_om; every other project's costs (pumped hydro's too) stay as they are."""
    t = _tables()
    for row in t["gen_build_costs.csv"]:
        if row["GENERATION_PROJECT"] in BATTERIES + ("A-PumpedHydro",):
            row["gen_storage_energy_fixed_om"] = 1_500.0 if "Battery" in row["GENERATION_PROJECT"] else 700.0
            row["gen_fixed_om"] = row["gen_fixed_om"] or 4_000.0          # the predetermined A battery too
    case_dir = write(tmp_path / "fom" / "inputs", t, base_modules())
    base = read_scenario(case_dir, "Grid-Low-B")
    case = read_scenario(case_dir, f"Grid-Low-{path}")
    bat = np.isin(case.gen_names[case.bld_gen].astype(str), BATTERIES)
    assert bat.sum() == 3                                                  # A: 2020 + 2030, B: 2030
    assert (base.bld_fixed_om[bat] > 0).all() and (base.bld_e_fixed_om[bat] == 1_500.0).all()
    assert (base.bld_fixed_om[~bat] > 0).all() and (base.bld_e_fixed_om[~bat] > 0).any()   # pumped hydro 700
    for field in ("bld_overnight", "bld_e_overnight", "bld_fixed_om", "bld_e_fixed_om"):
        np.testing.assert_allclose(getattr(case, field)[bat], getattr(base, field)[bat] * mult, rtol=1e-15,
                                   err_msg=field)
        np.testing.assert_array_equal(getattr(case, field)[~bat], getattr(base, field)[~bat], err_msg=field)
    assert case.scenario["battery_cost"] == path


def test_battery_cost_path_applies_to_mixed_copies(case_dir: Path) -> None:
    base = read_scenario(case_dir, "Mixed-Low-B", full_mixed=True)
    case = read_scenario(case_dir, "Mixed-Low-R", full_mixed=True)
    bat = np.char.find(case.gen_names[case.bld_gen].astype(str), "Battery-") >= 0
    assert bat.sum() == 2 + 1 + 1 + 3                                      # A-grid 2, A-re/-demand 1 each, B 3
    np.testing.assert_allclose(case.bld_overnight[bat], 0.2 * base.bld_overnight[bat], rtol=1e-15)


def _with_carbon(tmp_path: Path, rows: list[dict]) -> Path:
    t = _tables()
    t["carbon_price_paths.csv"] = rows
    return write(tmp_path / "carbon" / "inputs", t, base_modules())


@pytest.mark.parametrize("rows, low, high", [
    ([{"PERIOD": 2030, "low": 30.0}], 30.0, 60.0),                              # no 'high' column: 2 x low
    ([{"PERIOD": 2030, "low": 30.0, "high": None}], 30.0, 60.0),                # '.' : 2 x low
    ([{"PERIOD": 2030, "low": 30.0, "high": 75.0}], 30.0, 75.0),                # given
])
def test_carbon_price_from_paths(tmp_path: Path, rows, low, high) -> None:
    d = _with_carbon(tmp_path, rows)
    np.testing.assert_array_equal(read_scenario(d, "Grid-Low-B").carbon_price, [low])
    np.testing.assert_array_equal(read_scenario(d, "Grid-High-B").carbon_price, [high])
    np.testing.assert_array_equal(read_scenario(d, parse("RE-High-M", carbon_multiplier=3.0)).carbon_price,
                                  [3.0 * high])


def test_high_carbon_needs_price_paths(case_dir: Path) -> None:
    with pytest.raises(batteryplan.CaseError) as info:
        read_scenario(case_dir, "Grid-High-B")
    assert info.value.file == "carbon_price_paths.csv"


def test_carbon_paths_with_unknown_period(tmp_path: Path) -> None:
    d = _with_carbon(tmp_path, [{"PERIOD": 2030, "low": 30.0}, {"PERIOD": 2040, "low": 40.0}])
    with pytest.raises(batteryplan.CaseError) as info:
        read_scenario(d, "Grid-Low-B")
    assert (info.value.file, info.value.line, info.value.column) == ("carbon_price_paths.csv", 3, "PERIOD")


def _re_binding(dst: Path) -> Path:
    tables = timescales()
    tables.update({
        "load_zones.csv": [{"LOAD_ZONE": "A"}],
        "loads.csv": [{"LOAD_ZONE": "A", "TIMEPOINT": "t1", "zone_demand_mw": 50.0},
                      {"LOAD_ZONE": "A", "TIMEPOINT": "t2", "zone_demand_mw": 150.0}],
        "fuels.csv": [{"fuel": "Coal", "co2_intensity": 0.0}, {"fuel": "Oil", "co2_intensity": 0.0}],
        "non_fuel_energy_sources.csv": [{"energy_source": "Wind"}, {"energy_source": "Electricity"}],
        "gen_info.csv": [gen("A-Cheap", "Coal", "A", "Coal", heat_rate=1.0),
                         gen("A-Peaker", "Oil", "A", "Oil", heat_rate=1.0),
                         gen("A-Wind", "Wind", "A", "Wind", 25, variable=1),
                         battery("A-Battery", "A", eff=0.8, ratio=None)],
        "gen_build_costs.csv": [{"GENERATION_PROJECT": g, "build_year": 2020, "gen_overnight_cost": 0.0,
                                 "gen_fixed_om": 0.0, "gen_storage_energy_overnight_cost": 0.0 if "Bat" in g else None}
                                for g in ("A-Cheap", "A-Peaker", "A-Wind", "A-Battery")],
        "gen_build_predetermined.csv": [
            {"GENERATION_PROJECT": g, "build_year": 2020, "build_gen_predetermined": mw,
             "build_gen_energy_predetermined": 1000.0 if g == "A-Battery" else None}
            for g, mw in (("A-Cheap", 100.0), ("A-Peaker", 1000.0), ("A-Wind", 10.0), ("A-Battery", 40.0))],
        "variable_capacity_factors.csv": [{"GENERATION_PROJECT": "A-Wind", "timepoint": t,
                                           "gen_max_capacity_factor": 0.5} for t in ("t1", "t2")],
        "fuel_cost.csv": [{"load_zone": "A", "fuel": "Coal", "period": 2030, "fuel_cost": 10.0},
                          {"load_zone": "A", "fuel": "Oil", "period": 2030, "fuel_cost": 100.0}],
    })
    return write(dst, tables, CORE + [SIMPLE_FUEL, STORAGE])


def test_re_connected_charging_costs_more_when_it_binds(tmp_path: Path) -> None:
    """One zone, two 4383-h timepoints, BAC 1; load 50 / 150 MW; existing (sunk): cheap 100 MW at
    10 $/MWh, peaker at 100 $/MWh, wind 10 MW at cf 0.5 (5 MW, free), battery 40 MW, eff 0.8.
    Grid: charge 40 in t1, discharge 32 in t2:
        t1 wind 5 + cheap 85 (850 $/h); t2 wind 5 + battery 32 + cheap 100 + peaker 13 (2300 $/h).
    RE: charge ≤ wind dispatch = 5 MW, discharge 4:
        t1 wind 5 + cheap 50 (500 $/h); t2 wind 5 + battery 4 + cheap 100 + peaker 41 (5100 $/h).
    Grid = 4383 · 3150 = 13,806,450 $ ≤ RE = 4383 · 5600 = 24,544,800 $.
    """
    d = _re_binding(tmp_path / "re" / "inputs")
    grid = batteryplan.solve(batteryplan.build(read_scenario(d, "Grid-Low-B")))
    re = batteryplan.solve(batteryplan.build(read_scenario(d, "RE-Low-B")))
    assert re.objective >= grid.objective
    assert grid.objective == pytest.approx(4383.0 * 3150.0, rel=1e-9)
    assert re.objective == pytest.approx(4383.0 * 5600.0, rel=1e-9)
    bat, wind = (list(re.index["projects"]).index(n) for n in ("A-Battery", "A-Wind"))
    assert np.all(re.arrays["charge_mw"][bat] <= re.arrays["dispatch_mw"][wind] + 1e-6)
    assert re.arrays["charge_mw"][bat].max() == pytest.approx(5.0, abs=1e-6)
    assert list(re.index["project_attachment"])[bat] == "re"


def test_mixed_leaves_out_dominated_re_copies(case_dir: Path) -> None:
    """Without capacity limits an -re copy is its -grid copy with one more constraint: left out."""
    case = _read(case_dir, "Mixed", full_mixed=False)
    names = sorted(case.gen_names.astype(str))
    assert names == sorted(list(OTHERS) + [f"{b}-{s}" for b in BATTERIES for s in ("grid", "demand")])
    full = _read(case_dir, "Mixed")
    for b in BATTERIES:
        for suffix in ("grid", "demand"):
            assert _builds(case, f"{b}-{suffix}") == _builds(full, f"{b}-{suffix}")
    assert read_scenario(case_dir, "Mixed-Low-B").scenario["re_copies_dropped"] == 2
    assert read_scenario(case_dir, "Mixed-Low-B", full_mixed=True).scenario["re_copies_dropped"] == 0
    assert "re_copies_dropped" not in read_scenario(case_dir, "Grid-Low-B").scenario


@pytest.mark.parametrize("column, value", [("gen_capacity_limit_mw", 40.0), ("gen_min_build_capacity", 5.0),
                                           ("gen_unit_size", 10.0)])
def test_mixed_keeps_re_copy_that_is_not_dominated(tmp_path: Path, column: str, value: float) -> None:
    """A capacity limit on the battery (which each copy gets on its own) or an integer build makes the
    -re copy more than a constrained -grid copy: it stays, for that battery only."""
    t = _tables()
    for row in t["gen_info.csv"]:
        if row["GENERATION_PROJECT"] == "A-Battery":
            row[column] = value
    d = write(tmp_path / "c" / "inputs", t, base_modules())
    case = _read(d, "Mixed", full_mixed=False)
    names = set(case.gen_names.astype(str))
    assert "A-Battery-re" in names and "B-Battery-re" not in names

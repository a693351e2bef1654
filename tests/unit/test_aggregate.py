"""Fleet aggregation (batteryplan/aggregate.py): which projects merge, and the same optimum with and without.

The fleet case (``fleet_tables``): zones A and B, periods 2030 and 2040 (ten years each, two 1-hour timepoints
per period), and pairs or triples of projects that differ only in what is extensive:

- Coal-1/2/3: existing, built 2000 (100 MW, retires 2035), 2010 (200 MW) and 2010 (300 MW), life 35 years;
- Gas-1/2: new-build candidates with limits 50 and 150 MW; Wind-1/2: limits 100 and 300 MW, one profile;
- Battery-1/2: candidates without limit; Hydro-1/2: existing 50 and 100 MW with flows 20 and 40 MW (the same
  per MW); Gas-Old: existing with another heat rate (alone); B-Gas: a candidate in zone B.

Demand (5,000 MW in A) is far above what can be built, with unserved load at 10,000 $/MWh, so every project
runs at its limit: coal at availability x capacity, gas and wind built to their limits in 2030 and run at
them, hydro at its flow (min = average), no battery. That optimum is unique per project, so the merged run,
given back per project, must equal the run without merging.
"""
from __future__ import annotations

import copy
import re
import dataclasses
from pathlib import Path

import numpy as np
import pytest

import batteryplan
from batteryplan.aggregate import aggregate, is_extensive

from tests.unit._cases import CORE, SIMPLE_FUEL, STORAGE, battery, gen, write

HYDRO = "switch_model.generators.extensions.hydro_simple"
UNSERVED = "switch_model.balancing.unserved_load"
MODULES = CORE + [SIMPLE_FUEL, STORAGE, HYDRO, UNSERVED]
TPS = [("t1", "ts2030", 2030), ("t2", "ts2030", 2030), ("t3", "ts2040", 2040), ("t4", "ts2040", 2040)]


def _build(g: str, year: int, cost: float = 0.0, fom: float = 0.0, e_cost: float | None = None) -> dict:
    return {"GENERATION_PROJECT": g, "build_year": year, "gen_overnight_cost": cost, "gen_fixed_om": fom,
            "gen_storage_energy_overnight_cost": e_cost}


def fleet_tables() -> dict[str, list[dict]]:
    """The case of the module docstring."""
    coal = dict(heat_rate=9.5, vom=4.5, gen_forced_outage_rate=0.1)
    gas = dict(heat_rate=7.0, vom=2.0)
    gens = [gen(f"A-Coal-{k}", "Coal", "A", "Coal", 35, **coal) for k in (1, 2, 3)]
    gens += [gen("A-Gas-1", "Gas", "A", "NaturalGas", 30, gen_capacity_limit_mw=50, **gas),
             gen("A-Gas-2", "Gas", "A", "NaturalGas", 30, gen_capacity_limit_mw=150, **gas),
             gen("A-Gas-Old", "Gas", "A", "NaturalGas", 60, heat_rate=9.0, vom=2.0),
             gen("B-Gas", "Gas", "B", "NaturalGas", 30, **gas)]
    gens += [gen(f"A-Wind-{k}", "Wind", "A", "Wind", 25, variable=1, gen_capacity_limit_mw=mw)
             for k, mw in ((1, 100), (2, 300))]
    gens += [battery(f"A-Battery-{k}", "A") for k in (1, 2)]
    gens += [gen(f"A-Hydro-{k}", "Hydro", "A", "Water", 100, vom=1.0) for k in (1, 2)]
    pre = [("A-Coal-1", 2000, 100.0), ("A-Coal-2", 2010, 200.0), ("A-Coal-3", 2010, 300.0),
           ("A-Gas-Old", 2000, 80.0), ("A-Hydro-1", 2000, 50.0), ("A-Hydro-2", 2000, 100.0)]
    costs = [_build(g, y, 0.0, 1_000.0) for g, y, _ in pre]
    for p in (2030, 2040):
        costs += [_build(g, p, 500_000.0, 10_000.0) for g in ("A-Gas-1", "A-Gas-2", "B-Gas")]
        costs += [_build(g, p, 900_000.0, 20_000.0) for g in ("A-Wind-1", "A-Wind-2")]
        costs += [_build(g, p, 200_000.0, 5_000.0, 150_000.0) for g in ("A-Battery-1", "A-Battery-2")]
    return copy.deepcopy({
        "periods.csv": [{"INVESTMENT_PERIOD": p, "period_start": p, "period_end": p + 9} for p in (2030, 2040)],
        "timeseries.csv": [{"TIMESERIES": f"ts{p}", "ts_period": p, "ts_duration_of_tp": 1, "ts_num_tps": 2,
                            "ts_scale_to_period": 43830} for p in (2030, 2040)],
        "timepoints.csv": [{"timepoint_id": t, "timeseries": ts} for t, ts, _ in TPS],
        "financials.csv": [{"base_financial_year": 2030, "interest_rate": 0.05, "discount_rate": 0.05}],
        "load_zones.csv": [{"LOAD_ZONE": "A"}, {"LOAD_ZONE": "B"}],
        "loads.csv": [{"LOAD_ZONE": z, "TIMEPOINT": t, "zone_demand_mw": 5000.0 if z == "A" else 10.0}
                      for z in "AB" for t, _, _ in TPS],
        "lost_load_cost.csv": [{"unserved_load_penalty": 10_000.0}],
        "fuels.csv": [{"fuel": "Coal", "co2_intensity": 0.09}, {"fuel": "NaturalGas", "co2_intensity": 0.05}],
        "non_fuel_energy_sources.csv": [{"energy_source": s} for s in ("Wind", "Water", "Electricity")],
        "fuel_cost.csv": [{"load_zone": z, "fuel": f, "period": p, "fuel_cost": c}
                          for z in "AB" for f, c in (("Coal", 2.0), ("NaturalGas", 6.0)) for p in (2030, 2040)],
        "gen_info.csv": gens,
        "gen_build_predetermined.csv": [{"GENERATION_PROJECT": g, "build_year": y, "build_gen_predetermined": mw}
                                        for g, y, mw in pre],
        "gen_build_costs.csv": costs,
        "variable_capacity_factors.csv": [{"GENERATION_PROJECT": g, "timepoint": t, "gen_max_capacity_factor": cf}
                                          for g in ("A-Wind-1", "A-Wind-2")
                                          for (t, _, _), cf in zip(TPS, (0.5, 0.25, 0.375, 0.125))],
        "hydro_timeseries.csv": [{"hydro_project": g, "timeseries": f"ts{p}", "hydro_min_flow_mw": f,
                                  "hydro_avg_flow_mw": f}
                                 for g, f in (("A-Hydro-1", 20.0), ("A-Hydro-2", 40.0)) for p in (2030, 2040)],
    })


def _read(tmp_path: Path, tables: dict, aggregate_fleet: bool = True) -> batteryplan.case.Case:
    return batteryplan.read_case(write(tmp_path / "case", tables, MODULES), aggregate=aggregate_fleet)


def _groups(case) -> list[list[str]]:
    """Names of the projects as read, per merged project (each list in reading order)."""
    names = np.asarray(case.fleet.names)
    return [list(names[case.fleet.group == k]) for k in range(case.n_gen)]


def test_merges_what_differs_only_in_extensive_parameters(tmp_path: Path) -> None:
    case = _read(tmp_path, fleet_tables())
    assert case.fleet is not None and case.fleet.n_orig == 13
    assert sorted(_groups(case)) == sorted([
        ["A-Coal-1", "A-Coal-2", "A-Coal-3"], ["A-Gas-1", "A-Gas-2"], ["A-Gas-Old"], ["B-Gas"],
        ["A-Wind-1", "A-Wind-2"], ["A-Battery-1", "A-Battery-2"], ["A-Hydro-1", "A-Hydro-2"]])
    k = int(case.fleet.group[0])                          # the coal fleet: predetermined MW summed per year
    b = case.bld_gen == k
    assert sorted(zip(case.bld_year[b], case.bld_fixed_mw[b])) == [(2000.0, 100.0), (2010.0, 500.0)]
    np.testing.assert_allclose(case.fleet.share[:3], [[1 / 6, 0.0], [1 / 3, 0.4], [1 / 2, 0.6]])
    gas = int(case.fleet.group[3])
    assert case.gen_cap_limit[gas] == 200.0
    np.testing.assert_allclose(case.fleet.share[3:5], [[0.25, 0.25], [0.75, 0.75]])
    hydro = int(case.fleet.group[-1])
    np.testing.assert_array_equal(case.hydro_min_mw[hydro], [60.0, 60.0])
    assert case.gen_active[k].tolist() == [True, True]


def test_same_optimum_and_per_project_results(tmp_path: Path) -> None:
    """Unique optimum (module docstring): every per-project array equal with and without merging."""
    merged = batteryplan.solve(batteryplan.build(_read(tmp_path / "m", fleet_tables())))
    plain = batteryplan.solve(batteryplan.build(_read(tmp_path / "p", fleet_tables(), False)))
    assert merged.lp.case.n_gen == 7 and plain.lp.case.n_gen == 13
    assert merged.objective == pytest.approx(plain.objective, rel=1e-9)
    assert list(merged.index["projects"]) == list(plain.index["projects"])
    for key in ("project_tech", "project_zone", "project_is_storage", "project_is_battery"):
        assert list(merged.index[key]) == list(plain.index[key])
    for name in ("build_mw", "capacity_mw", "energy_capacity_mwh", "dispatch_mw", "charge_mw", "fuel_use",
                 "co2_t_per_h"):
        np.testing.assert_allclose(merged[name], plain[name], rtol=1e-7, atol=1e-6, err_msg=name)
    # the expected optimum: gas built to its limits in 2030 (250 + 750 of 200 MW split 1:3), coal at 0.9 x C
    np.testing.assert_allclose(merged["build_mw"][3:5], [[50.0, 0.0], [150.0, 0.0]], atol=1e-6)
    np.testing.assert_allclose(merged["dispatch_mw"][:3, [0, 2]], [[90.0, 0.0], [180.0, 180.0], [270.0, 270.0]],
                               atol=1e-6)
    for name in ("co2_t_per_yr", "generation_mwh_per_yr", "system_cost_npv_usd"):
        np.testing.assert_allclose(merged[name], plain[name], rtol=1e-9, err_msg=name)


def test_per_project_results_sum_to_the_merged_project(tmp_path: Path) -> None:
    case = _read(tmp_path, fleet_tables())
    res = batteryplan.solve(batteryplan.build(case))
    from batteryplan.solver import solution
    a = solution.arrays(res.lp, *_solution_of(res))
    g = case.fleet.group
    for name in ("capacity_mw", "dispatch_mw", "charge_mw", "state_of_charge_mwh", "energy_capacity_mwh"):
        total = np.zeros_like(a[name])
        np.add.at(total, g, res[name])
        np.testing.assert_allclose(total, a[name], rtol=1e-12, atol=1e-9, err_msg=name)


def _solution_of(res) -> tuple[np.ndarray, np.ndarray]:
    from batteryplan.solver.highs import solve_lp
    sol, _ = solve_lp(res.lp, None, None)
    return sol.x, sol.row_dual


def _set(tables: dict, file: str, project: str, column: str, value: object, key: str = "GENERATION_PROJECT",
         where: dict | None = None) -> None:
    rows = [r for r in tables[file] if r[key] == project and all(r.get(k) == v for k, v in (where or {}).items())]
    assert rows, (file, project, where)
    for r in rows[:1] if where else rows:
        r[column] = value


# one parameter of one project changed; True: it still merges (the parameter is extensive or does not reach
# the LP for that project), False: it stands alone
CHANGES = [
    ("gen_info.csv", "A-Gas-2", "gen_tech", "Gas_CC", None, False),
    ("gen_info.csv", "A-Gas-2", "gen_load_zone", "B", None, False),
    ("gen_info.csv", "A-Gas-2", "gen_energy_source", "Coal", None, False),
    ("gen_info.csv", "A-Gas-2", "gen_max_age", 31, None, False),
    ("gen_info.csv", "A-Gas-2", "gen_full_load_heat_rate", 7.000001, None, False),
    ("gen_info.csv", "A-Gas-2", "gen_variable_om", 2.5, None, False),
    ("gen_info.csv", "A-Gas-2", "gen_connect_cost_per_mw", 1.0, None, False),
    ("gen_info.csv", "A-Gas-2", "gen_forced_outage_rate", 0.01, None, False),
    ("gen_info.csv", "A-Gas-2", "gen_ccs_capture_efficiency", 0.5, None, False),
    ("gen_info.csv", "A-Gas-2", "gen_min_build_capacity", 10, None, False),
    ("gen_info.csv", "A-Gas-2", "gen_capacity_limit_mw", 151, None, True),
    ("gen_info.csv", "A-Coal-2", "gen_is_baseload", 1, None, False),
    ("gen_info.csv", "A-Coal-2", "gen_scheduled_outage_rate", 0.2, None, True),    # not baseload: unused
    ("gen_info.csv", "A-Coal-2", "gen_capacity_limit_mw", 100, None, False),      # below its fleet: infeasible
    ("gen_info.csv", "A-Wind-2", "gen_is_variable", 0, None, False),
    ("gen_info.csv", "A-Battery-2", "gen_storage_efficiency", 0.85, None, False),
    ("gen_info.csv", "A-Battery-2", "gen_storage_energy_to_power_ratio", 2.0, None, False),
    ("gen_info.csv", "A-Battery-2", "gen_store_to_release_ratio", 0.5, None, False),
    ("gen_info.csv", "A-Battery-2", "gen_storage_max_cycles_per_year", 300, None, False),
    ("gen_info.csv", "A-Battery-2", "gen_is_distributed", 1, None, False),
    ("gen_info.csv", "A-Battery-2", "gen_is_re_connect", 1, None, False),
    ("gen_build_costs.csv", "A-Gas-2", "gen_overnight_cost", 500_001.0, {"build_year": 2040}, False),
    ("gen_build_costs.csv", "A-Gas-2", "gen_fixed_om", 10_001.0, {"build_year": 2030}, False),
    ("gen_build_costs.csv", "A-Battery-2", "gen_storage_energy_overnight_cost", 1.0, {"build_year": 2030}, False),
    ("gen_build_costs.csv", "A-Coal-2", "gen_fixed_om", 1_001.0, None, True),    # a predetermined build's cost
    ("gen_build_predetermined.csv", "A-Coal-2", "build_gen_predetermined", 250.0, None, True),
    ("gen_build_predetermined.csv", "A-Hydro-2", "build_gen_predetermined", 90.0, None, False),
    ("variable_capacity_factors.csv", "A-Wind-2", "gen_max_capacity_factor", 0.3750001, {"timepoint": "t3"}, False),
    ("hydro_timeseries.csv", "A-Hydro-2", "hydro_min_flow_mw", 39.0, {"timeseries": "ts2040"}, False),
    ("hydro_timeseries.csv", "A-Hydro-2", "hydro_avg_flow_mw", 41.0, {"timeseries": "ts2030"}, False),
]


@pytest.mark.parametrize("file, project, column, value, where, merges", CHANGES,
                         ids=[f"{c[0].split('.')[0]}:{c[2]}:{c[1]}" for c in CHANGES])
def test_nothing_merges_when_one_parameter_differs(tmp_path: Path, file, project, column, value, where,
                                                   merges) -> None:
    t = fleet_tables()
    if column == "gen_min_build_capacity":
        _set(t, file, "A-Gas-1", column, value)         # both with a minimum build: each alone (a MIP)
    if column == "gen_is_variable":
        t["variable_capacity_factors.csv"] = [r for r in t["variable_capacity_factors.csv"]
                                              if r["GENERATION_PROJECT"] != project]
    key = "hydro_project" if file == "hydro_timeseries.csv" else "GENERATION_PROJECT"
    _set(t, file, project, column, value, key, where)
    case = _read(tmp_path, t)
    groups = _groups(case)
    together = any(project in g and len(g) > 1 for g in groups)
    assert together == merges
    assert case.n_gen == 7 + (not merges)


def test_no_aggregate_and_nothing_to_merge(tmp_path: Path) -> None:
    plain = _read(tmp_path / "p", fleet_tables(), False)
    assert plain.fleet is None and plain.n_gen == 13
    merged, fleet = aggregate(plain)
    assert merged.fleet is fleet and merged.n_gen == 7
    again, none = aggregate(merged)
    assert none is None and again is merged


def test_units_decide_what_is_shared_out() -> None:
    assert is_extensive("MW") and is_extensive("t CO2 per h") and is_extensive("heat units per h")
    assert not is_extensive("$/MWh") and not is_extensive("fraction") and not is_extensive("$ per MW")


@dataclasses.dataclass(slots=True)
class _FamilyData:
    """A constraint family's data as the family protocol lays it out (case.ext[NAME])."""
    gen_min_load: np.ndarray        # (n_gen,) intensive
    gen_credit: np.ndarray          # (n_gen, n_tp)
    bld_flag: np.ndarray            # (n_bld,)
    zone_margin: np.ndarray         # (n_zone,): not per project, passes through


def _with_family(case, **change) -> batteryplan.case.Case:
    data = _FamilyData(np.full(case.n_gen, 0.4), np.tile([0.1, 0.2, 0.3, 0.4], (case.n_gen, 1)),
                       np.zeros(case.n_bld), np.array([0.15, 0.2]))
    for name, (project, value) in change.items():
        getattr(data, name)[project] = value
    return dataclasses.replace(case, ext={**case.ext, "fam": data})


def test_family_data_merges_like_case_fields(tmp_path: Path) -> None:
    plain = _read(tmp_path, fleet_tables(), False)
    names = list(plain.gen_names)
    merged, fleet = aggregate(_with_family(plain))
    assert merged.n_gen == 7
    fam = merged.ext["fam"]
    assert fam.gen_min_load.shape == (7,) and fam.gen_credit.shape == (7, 4) and fam.bld_flag.shape == (merged.n_bld,)
    np.testing.assert_array_equal(fam.zone_margin, [0.15, 0.2])
    gas2 = names.index("A-Gas-2")
    for name, value in (("gen_min_load", 0.5), ("gen_credit", 0.25)):
        assert aggregate(_with_family(plain, **{name: (gas2, value)}))[0].n_gen == 8, name
    # a family's per-build field: on a new build it keeps the project apart; on a predetermined build it only
    # keeps that build apart within the merged project
    new_b = int(np.flatnonzero((plain.bld_gen == gas2) & ~plain.bld_fixed)[0])
    assert aggregate(_with_family(plain, bld_flag=(new_b, 1.0)))[0].n_gen == 8
    coal3 = names.index("A-Coal-3")
    pre_b = int(np.flatnonzero(plain.bld_gen == coal3)[0])
    m = aggregate(_with_family(plain, bld_flag=(pre_b, 1.0)))[0]
    k = m.fleet.group[coal3]
    assert m.n_gen == 7 and sorted(zip(m.bld_year[m.bld_gen == k], m.bld_fixed_mw[m.bld_gen == k],
                                       m.ext["fam"].bld_flag[m.bld_gen == k])) == \
        [(2000.0, 100.0, 0.0), (2010.0, 200.0, 0.0), (2010.0, 300.0, 1.0)]


def test_a_family_can_keep_projects_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _read(tmp_path, fleet_tables(), False)

    class LargestProjectContingency:
        NAME, MODULES = "contingency", ()

        @staticmethod
        def fleet_mergeable(case) -> bool:
            return False

    families = batteryplan.aggregate.FAMILIES + (LargestProjectContingency,)
    monkeypatch.setattr(batteryplan.aggregate, "FAMILIES", families)
    same, none = aggregate(plain)
    assert none is None and same is plain


def test_every_project_field_of_the_case_is_classified() -> None:
    """A new per-project or per-build Case field must be placed in one of the aggregation's lists."""
    from batteryplan import aggregate as agg
    from batteryplan.case import Case
    names = {f.name for f in dataclasses.fields(Case)}
    assert {n for n in names if n.startswith("gen_")} == set(agg.INTENSIVE + agg.GEN_OTHER)
    assert {n for n in names if n.startswith("bld_")} == set(agg.BUILD_COSTS + agg.BUILD_OTHER)


def test_cli_merges_by_default_and_no_aggregate_keeps_projects_apart(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from batteryplan.cli import main
    path = write(tmp_path / "fleet" / "inputs", fleet_tables(), MODULES)
    runs = {}
    for flag in ([], ["--no-aggregate"]):
        out = tmp_path / f"r{len(flag)}.h5"
        r = CliRunner().invoke(main, ["run", str(path), "--out", str(out), *flag])
        assert r.exit_code == 0, r.output
        runs[bool(flag)] = (r.stderr, batteryplan.read_result(out))
    assert "7 projects (13 as read, identical ones merged)" in runs[False][0]
    assert re.search(r", 13 projects; ", runs[True][0]) and "as read" not in runs[True][0]
    merged, plain = runs[False][1], runs[True][1]
    assert merged.objective == pytest.approx(plain.objective, rel=1e-9)
    assert list(merged.index["projects"]) == list(plain.index["projects"])
    np.testing.assert_allclose(merged["capacity_mw"], plain["capacity_mw"], rtol=1e-9, atol=1e-6)
    assert merged.index["project_fleet_group"].tolist() == [0, 0, 0, 1, 1, 2, 3, 4, 4, 5, 5, 6, 6]
    assert "project_fleet_group" not in plain.index


def test_sweep_merges_by_default_and_reports_projects_as_read(tmp_path: Path) -> None:
    path = write(tmp_path / "fleet" / "inputs", fleet_tables(), MODULES)
    res = {}
    for agg in (True, False):
        df = batteryplan.sweep(path, "Grid-Low-B,RE-Low-B", out=tmp_path / f"out{agg}", workers=1, quiet=True,
                               aggregate=agg)
        assert (df["status"] == "Optimal").all()
        result = batteryplan.read_result(tmp_path / f"out{agg}" / "RE-Low-B.h5")
        res[agg] = (df.set_index("name")["objective"], result)
    np.testing.assert_allclose(res[True][0].sort_index(), res[False][0].sort_index(), rtol=1e-9)
    merged, plain = res[True][1], res[False][1]
    assert list(merged.index["projects"]) == list(plain.index["projects"])
    np.testing.assert_allclose(merged["capacity_mw"], plain["capacity_mw"], rtol=1e-9, atol=1e-6)
    assert merged.index["project_fleet_group"].tolist() == [0, 0, 0, 1, 1, 2, 3, 4, 4, 5, 5, 6, 6]
    assert "project_fleet_group" not in plain.index

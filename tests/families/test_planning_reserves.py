"""Planning reserve margins (switch_model.balancing.planning_reserves; docs/formulation/planning_reserves.md)."""
from __future__ import annotations

import numpy as np
import pytest

import batteryplan
from batteryplan.csc_builder import FAMILIES, planning_reserves
from batteryplan.csc_builder.space import build_space

from ._extend import extended_case, extended_inputs
from ._twin import build_col, builds_online, charge_col, check_bounds, check_matrix, dense, dispatch_col, has_dispatch
from .conftest import ALL_TPS, COMMON

MODULE = "switch_model.balancing.planning_reserves"
# South takes both defaults ('.'); Empty has no zones (no rows); Other (zones file only) is ignored.
REQUIREMENTS = """\
PLANNING_RESERVE_REQUIREMENT,prr_cap_reserve_margin,prr_enforcement_timescale
North,0.15,peak_load
South,.,.
All,0.1,all_timepoints
Empty,0.2,all_timepoints
"""
PRR_ZONES = """\
PLANNING_RESERVE_REQUIREMENT,LOAD_ZONE
North,N
South,S
All,N
All,S
All,E
Other,E
"""
# Coal_N and Wind_N at one timepoint each; Roof_S is distributed (unused under local_td, used without it);
# Hydro_S credited 0 at t1.
VALUES = """\
GENERATION_PROJECT,timepoint,gen_capacity_value
Coal_N,t2,0.8
Wind_N,t5,0.2
Roof_S,t6,0.5
Hydro_S,t1,0
"""
CAN_PROVIDE = {"OldGas_S": "0", "BatRE_N": "false", "Solar_S": "."}     # others 1; '.' = default 1
# Loads with ties: N peaks at t2 = t4 in 2020 (t4 taken) and t5 = t6 in 2030 (t6 taken); S at t3 and t8.
LOADS = {"N": (400, 480, 420, 480, 500, 500, 450, 300), "S": (250, 260, 300, 270, 310, 290, 280, 320),
         "E": (60, 70, 80, 90, 60, 70, 80, 90)}


def _gen_info() -> str:
    lines = COMMON["gen_info.csv"].strip().splitlines()
    out = [lines[0] + ",gen_can_provide_cap_reserves"]
    out += [line + "," + CAN_PROVIDE.get(line.split(",")[0], "1") for line in lines[1:]]
    return "\n".join(out) + "\n"


FILES = {
    "planning_reserve_requirements.csv": REQUIREMENTS,
    "planning_reserve_requirement_zones.csv": PRR_ZONES,
    "reserve_capacity_value.csv": VALUES,
    "gen_info.csv": _gen_info(),
    "loads.csv": "LOAD_ZONE,TIMEPOINT,zone_demand_mw\n" + "".join(
        f"{z},{t},{v}\n" for z, vs in LOADS.items() for t, v in zip(ALL_TPS, vs)),
}


@pytest.fixture(scope="module", params=["everything", "markets"])
def prr_case(request, tmp_path_factory):
    """With local_td (everything) and without it (markets)."""
    root = tmp_path_factory.mktemp(f"prr_{request.param}") / "inputs"
    return extended_case(root, markets=request.param == "markets", modules=(MODULE,), files=FILES)


@pytest.fixture(scope="module")
def prr_space(prr_case):
    return build_space(prr_case, FAMILIES)


def _table(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.strip().splitlines()[1:]]


def requirements() -> list[tuple[str, float, bool]]:
    """(prr, margin, all timepoints) in file order, defaults 0.15 and peak_load."""
    return [(p, 0.15 if m == "." else float(m), s == "all_timepoints") for p, m, s in _table(REQUIREMENTS)]


def prr_timepoints(case) -> list[tuple[int, int]]:
    """(prr, t) rows from the loaded requirements: PRRs in order (those without zones have none); every
    timepoint, or per period the last timepoint of the largest total load (switch-model's loop: keep t while
    load >= best, best starting at 0)."""
    d = case.ext["planning_reserves"]
    rows = []
    for k in range(len(d.prr_names)):
        zones = [int(z) for q, z in zip(d.pair_prr, d.pair_zone) if q == k]
        if not zones:
            continue
        if d.prr_all_timepoints[k]:
            rows += [(k, t) for t in range(case.n_tp)]
            continue
        for p in range(case.n_period):
            best, peak = 0.0, None
            for t in range(case.n_tp):
                if case.tp_period[t] == p:
                    load = sum(case.demand_mw[z, t] for z in zones)
                    if load >= best:
                        best, peak = load, t
            rows.append((k, peak))
    return rows


def planning_reserves_twin(space, case) -> np.ndarray:
    """Rows (prr, t) with plain loops over the loaded requirements, zones and capacity values (which
    test_loaded_data compares with the files): storage +1 DispatchGen, -1 ChargeStorage; distributed projects
    nothing under local_td; others value * every online build; -(1 + margin) WithdrawFromCentralGrid."""
    A = dense(space)
    if "planning_reserve" not in space.rows:
        return A
    d = case.ext["planning_reserves"]
    for r, (k, t) in enumerate(prr_timepoints(case)):
        row = space.rows["planning_reserve"].flat(r)
        for z in [int(z) for q, z in zip(d.pair_prr, d.pair_zone) if q == k]:
            for g in range(case.n_gen):
                if case.gen_zone[g] != z or not has_dispatch(case, g, t) or not d.gen_can_provide[g]:
                    continue
                if case.gen_is_storage[g]:
                    A[row, dispatch_col(space, case, g, t)] += 1.0
                    A[row, charge_col(space, case, g, t)] -= 1.0
                elif case.has_local_td and case.gen_is_distributed[g]:
                    continue
                else:
                    for b in builds_online(case, g, int(case.tp_period[t])):
                        A[row, build_col(space, b)] += d.gen_capacity_value[g, t]
            if case.has_local_td:
                A[row, space.cols["withdraw_from_central_grid"].flat(z, t)] -= 1.0 + d.prr_margin[k]
    return A


def test_loaded_data(prr_case):
    """Requirements with their defaults, the pairs of known PRRs, and each capacity value: 0 where the project
    may not provide, else the file's value, else min(1, cf) for a variable project and 1 for any other."""
    d = prr_case.ext["planning_reserves"]
    reqs = requirements()
    assert list(d.prr_names) == [p for p, _, _ in reqs]
    assert d.prr_margin.tolist() == [m for _, m, _ in reqs] and d.prr_all_timepoints.tolist() == [a for *_, a in reqs]
    known = [(p, z) for p, z in _table(PRR_ZONES) if p in d.prr_names]
    assert [(d.prr_names[p], prr_case.zones[z]) for p, z in zip(d.pair_prr, d.pair_zone)] == known
    given = {(g, t): float(v) for g, t, v in _table(VALUES)}
    for g in range(prr_case.n_gen):
        name = str(prr_case.gen_names[g])
        can = CAN_PROVIDE.get(name, "1") not in ("0", "false")
        assert d.gen_can_provide[g] == can, name
        for t in range(prr_case.n_tp):
            if not can:
                want = 0.0
            elif (name, str(prr_case.tp_ids[t])) in given:
                want = given[name, str(prr_case.tp_ids[t])]
            else:
                want = min(1.0, prr_case.cf[g, t]) if prr_case.gen_is_variable[g] else 1.0
            assert d.gen_capacity_value[g, t] == want, (name, t)


def test_rows(prr_space, prr_case):
    rows = prr_timepoints(prr_case)
    tp = lambda name: list(prr_case.tp_ids).index(name)      # noqa: E731
    assert rows[:4] == [(0, tp("t4")), (0, tp("t6")), (1, tp("t3")), (1, tp("t8"))]      # ties go to the later
    assert len(rows) == 4 + prr_case.n_tp == prr_space.rows["planning_reserve"].size
    d = prr_case.ext["planning_reserves"]
    assert list(zip(d.row_prr.tolist(), d.row_tp.tolist())) == rows


def test_matrix(prr_space, prr_case):
    check_matrix(prr_space, prr_case, planning_reserves, planning_reserves_twin(prr_space, prr_case))


def test_bounds(prr_space, prr_case):
    lo = np.full(prr_space.n_rows, np.nan)
    hi = np.full(prr_space.n_rows, np.nan)
    reqs = requirements()
    for r, (k, t) in enumerate(prr_timepoints(prr_case)):
        i = prr_space.rows["planning_reserve"].flat(r)
        zones = [list(prr_case.zones).index(z) for p, z in _table(PRR_ZONES) if p == reqs[k][0]]
        demand = sum(prr_case.demand_mw[z, t] for z in zones)
        lo[i] = 0.0 if prr_case.has_local_td else (1.0 + reqs[k][1]) * demand
        hi[i] = np.inf
    check_bounds(prr_space, prr_case, planning_reserves, ("planning_reserve",), lo, hi)


def test_whole_matrix_with_reserves(prr_space, prr_case):
    """With planning reserves on, the whole matrix is still the sum of every family's twin."""
    from batteryplan.csc_builder.assemble import assemble

    from .test_all_families import TWINS
    A = assemble(prr_space, prr_case, FAMILIES)
    np.testing.assert_allclose(A.toarray(), sum(f(prr_space, prr_case) for f in TWINS), rtol=1e-12, atol=0)


def test_without_requirements_file_no_rows(tmp_path):
    files = {k: v for k, v in FILES.items() if k != "planning_reserve_requirements.csv"}
    case = extended_case(tmp_path / "inputs", markets=False, modules=(MODULE,), files=files)
    assert build_space(case, FAMILIES).rows["planning_reserve"].size == 0


def _replace(file: str, old: str, new: str) -> dict[str, str]:
    assert old in FILES[file]
    return {file: FILES[file].replace(old, new)}


BAD = [
    (_replace("planning_reserve_requirement_zones.csv", "South,S", "South,W"), 3, "LOAD_ZONE", "unknown load zone"),
    (_replace("planning_reserve_requirements.csv", "North,0.15", "North,1.5"), 2, "prr_cap_reserve_margin", "≤ 1"),
    (_replace("planning_reserve_requirements.csv", "0.1,all_timepoints", "0.1,weekly"), 4,
     "prr_enforcement_timescale", "expected all_timepoints or peak_load"),
    (_replace("planning_reserve_requirements.csv", "Empty,", "North,"), 5, "PLANNING_RESERVE_REQUIREMENTS",
     "duplicate key"),
    (_replace("reserve_capacity_value.csv", "Coal_N,t2,0.8", "Coal_N,t2,-0.8"), 2, "gen_capacity_value", "≥ 0"),
    (_replace("reserve_capacity_value.csv", "Coal_N,t2,0.8", "OldGas_S,t2,0.8"), 2, "gen_capacity_value",
     "gen_can_provide_cap_reserves = 0"),
    (_replace("reserve_capacity_value.csv", "Roof_S,t6", "Roof_S,t1"), 4, "timepoint", "no capacity online"),
    (_replace("reserve_capacity_value.csv", "Wind_N,t5", "Wind_X,t5"), 3, "GENERATION_PROJECT",
     "unknown generation project"),
    (_replace("gen_info.csv", "gen_can_provide_cap_reserves\nCoal_N,Coal,Coal,N,40,0,10.5,3.0,0,0,0.05,0.08,.,.,.,.,0,0,.,.,.,.,1",
              "gen_can_provide_cap_reserves\nCoal_N,Coal,Coal,N,40,0,10.5,3.0,0,0,0.05,0.08,.,.,.,.,0,0,.,.,.,.,2"),
     2, "gen_can_provide_cap_reserves", "expected 0 or 1"),
]


@pytest.mark.parametrize("change, line, column, what", BAD, ids=[f"{next(iter(b[0]))}:{b[2]}:{b[1]}" for b in BAD])
def test_bad_input(tmp_path, change, line, column, what):
    path = extended_inputs(tmp_path / "inputs", markets=False, modules=(MODULE,), files={**FILES, **change})
    with pytest.raises(batteryplan.CaseError) as err:
        batteryplan.read_case(path)
    e = err.value
    assert (e.file, e.line, e.column) == (next(iter(change)), line, column)
    assert what in str(e) and "\n" not in str(e)


def test_zones_file_is_required(tmp_path):
    path = extended_inputs(tmp_path / "inputs", markets=False, modules=(MODULE,), files=FILES)
    (path / "planning_reserve_requirement_zones.csv").unlink()
    with pytest.raises(batteryplan.CaseError) as err:
        batteryplan.read_case(path)
    assert err.value.file == "planning_reserve_requirement_zones.csv" and "missing file" in str(err.value)


def test_negative_capacity_factor_as_credit(tmp_path):
    """A variable project's default credit min(1, cf) must be >= 0 where a row uses it (NonNegativeReals)."""
    cf = COMMON["variable_capacity_factors.csv"].replace("Wind_N,t6,0.27", "Wind_N,t6,-0.1")
    path = extended_inputs(tmp_path / "inputs", markets=False, modules=(MODULE,),
                           files={**FILES, "variable_capacity_factors.csv": cf})
    with pytest.raises(batteryplan.CaseError) as err:
        batteryplan.read_case(path)
    assert err.value.file == "variable_capacity_factors.csv" and "'Wind_N'" in str(err.value)
    assert "'t6'" in str(err.value)

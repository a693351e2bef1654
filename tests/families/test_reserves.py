"""Operating reserves (docs/formulation/operating_reserves.md): balancing areas, spinning reserves with each
rule and contingency, quickstart reserves; each against a dense twin written from the formulation with plain
loops over the case's arrays, on the small peer cases of tests/peer/reserve_cases.py (read, not solved).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import batteryplan
from batteryplan.csc_builder import FAMILIES, quickstart_reserves, spinning_reserves
from batteryplan.csc_builder.reductions import all_off, switched
from batteryplan.csc_builder.space import build_space
from batteryplan.errors import CaseError

from ..peer.reserve_cases import RESERVE_CASES, modules_for
from ._twin import block_rows, build_col, charge_col, check_bounds, check_matrix, dense, dispatch_col, \
    has_dispatch, tps_in_period

BIG_M = 1e5                                   # SWITCH's _gen_max_cap_for_binary_constraints
HAWAII_LIMIT = {"Solar": 0.21288916, "Wind": 0.21624407}


def write(name: str, root: Path, *, local_td: bool = True) -> Path:
    """The peer case `name` under root/name, with SWITCH-China's quickstart module name; without its
    local_td module if not `local_td` (a case switch-model 2.0.9 cannot build with a requirement rule)."""
    inputs = RESERVE_CASES[name](root / name)
    modules_for(inputs, peer=False)
    if not local_td:
        path = inputs / "modules.txt"
        path.write_text("".join(f"{m}\n" for m in path.read_text().split() if not m.endswith("local_td")))
    return inputs


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("reserve_cases")
    out = {name: write(name, root) for name in RESERVE_CASES}
    out["spinning_project_areas_no_td"] = write("spinning_project_areas", root / "no_td", local_td=False)
    out["quickstart_study_no_td"] = write("quickstart_study", root / "no_td", local_td=False)
    return out


@pytest.fixture(scope="module")
def built(folders):
    """Case name -> (space, case); a name ending in ':off' is built with every reduction of
    batteryplan/csc_builder/reductions.py switched off (SWITCH's shape of the commitment and reserve rows)."""
    cache = {}

    def get(name):
        if name not in cache:
            base, _, off = name.partition(":")
            case = batteryplan.read_case(folders[base])
            with switched(**(all_off() if off else {})):
                cache[name] = (build_space(case, FAMILIES), case)
        return cache[name]
    return get


# ---------------------------------------------------------------------------------------------------------
# facts recomputed from the case's arrays


def area_of(case, g: int) -> int:
    return int(case.ext["reserve_areas"].zone_area[case.gen_zone[g]])


def pairs(case, can) -> list[tuple[int, int]]:
    """(g, t) of GEN_TPS with can[g], project-major."""
    return [(g, t) for g in range(case.n_gen) if can[g] for t in range(case.n_tp) if has_dispatch(case, g, t)]


def add_commit(A, space, case, row: int, g: int, t: int, coef: float) -> None:
    """coef * CommitGen[g,t] in `row`: on its commit column; where commit.operate set the commitment to its
    dispatch (docs/formulation/commit.md §3, reduction 7), on the dispatch column; where it put the commitment
    at its bound (reductions 5 and 6), on avail * max_commit * the builds online."""
    k = int(space.m.gt_of[g * case.n_tp + t])
    j = int(space.m.cm_of[k])
    if j >= 0:
        A[row, int(space.cols["commit_gen"].flat(j))] += coef
        return
    if space.m.cd[k]:
        A[row, dispatch_col(space, case, g, t)] += coef
        return
    assert space.m.cb[k], "a reserve pair without a commitment"
    for b in builds_online(case, g, int(case.tp_period[t])):
        A[row, build_col(space, b)] += coef * case.gen_avail[g] * case.ext["commit"].gen_max_commit[g, t]


def builds_online(case, g: int, p: int) -> list[int]:
    return [b for b in range(case.n_bld) if case.bld_gen[b] == g and case.bld_online[b, p]]


def add_load(A, space, case, row: int, zone_area, a: int, t: int, share: float) -> None:
    """share * load of the zones of area a at t: WithdrawFromCentralGrid columns with local_td."""
    if case.has_local_td:
        for z in range(case.n_zone):
            if zone_area[z] == a:
                A[row, space.cols["withdraw_from_central_grid"].flat(z, t)] += share


def load_bound(case, zone_area, a: int, t: int, share: float) -> float:
    """-share * zone_demand_mw of area a at t when the load is a constant (no local_td)."""
    if case.has_local_td:
        return 0.0
    return -share * sum(case.demand_mw[z, t] for z in range(case.n_zone) if zone_area[z] == a)


def add_3_5(A, space, case, row: int, a: int, t: int) -> None:
    add_load(A, space, case, row, case.ext["reserve_areas"].zone_area, a, t, 0.03)
    for g in range(case.n_gen):
        if case.gen_is_variable[g] and area_of(case, g) == a and has_dispatch(case, g, t):
            A[row, dispatch_col(space, case, g, t)] += 0.05


# ---------------------------------------------------------------------------------------------------------
# the twins


def spinning_twin(space, case) -> np.ndarray:
    d = case.ext["spinning_reserves"]
    commit = case.ext["commit"]
    areas = case.ext["reserve_areas"]
    # Up reserve only matters with a contingency (else the up requirement is vacuous), down only with a rule.
    has_up, has_down = d.unit_contingency or d.project_contingency, d.rule is not None
    slack = has_up and "switch_model.balancing.operating_reserves.quickstart" in case.modules
    A = dense(space)
    c, r = space.cols, space.rows
    sr = pairs(case, d.gen_can_provide)
    for i, (g, t) in enumerate(sr):
        cfv = case.cf[g, t] if case.gen_is_variable[g] else 1.0
        if has_up:
            # Up + [SlackUp] == DispatchSlackUp + [Charge] = cfv Commit - Dispatch + [Charge]
            up = r["spinning_up_limit"].flat(i)
            A[up, c["spinning_up"].flat(i)] += 1.0
            if slack:
                A[up, c["spinning_slack_up"].flat(i)] += 1.0
            add_commit(A, space, case, up, g, t, -cfv)
            A[up, dispatch_col(space, case, g, t)] += 1.0
            if case.gen_is_storage[g]:
                A[up, charge_col(space, case, g, t)] -= 1.0
        if has_down:
            # Down <= Dispatch - mlf Commit + [r cfv Commit - Charge]
            down = r["spinning_down_limit"].flat(i)
            A[down, c["spinning_down"].flat(i)] += 1.0
            A[down, dispatch_col(space, case, g, t)] -= 1.0
            add_commit(A, space, case, down, g, t, commit.gen_min_load_tp[g, t])
            if case.gen_is_storage[g]:
                add_commit(A, space, case, down, g, t, -case.gen_sto_s2r[g] * cfv)
                A[down, charge_col(space, case, g, t)] += 1.0
    kinds = []
    if d.unit_contingency:
        kinds.append("unit_largest_contingency")
        for j, (g, t) in enumerate(pairs(case, ~np.isnan(d.gen_unit_size))):
            big_m = case.gen_cap_limit[g] if np.isfinite(case.gen_cap_limit[g]) else BIG_M
            add_commit(A, space, case, r["unit_commit_link"].flat(j), g, t, 1.0)
            A[r["unit_commit_link"].flat(j), c["unit_is_committed"].flat(j)] -= big_m
            A[r["unit_contingency"].flat(j), c["unit_is_committed"].flat(j)] += d.gen_unit_size[g]
            A[r["unit_contingency"].flat(j), c["unit_largest_contingency"].flat(area_of(case, g), t)] -= 1.0
    if d.project_contingency:
        kinds.append("project_largest_contingency")
        for k, (g, t) in enumerate(pairs(case, np.ones(case.n_gen, bool))):
            row = r["project_contingency"].flat(k)
            A[row, dispatch_col(space, case, g, t)] += 1.0
            if d.gen_can_provide[g]:
                A[row, c["spinning_up"].flat(sr.index((g, t)))] += 1.0
            A[row, c["project_largest_contingency"].flat(area_of(case, g), t)] -= 1.0
    for j, name in enumerate(kinds):
        for a in range(areas.n_area):
            for t in range(case.n_tp):
                A[r["max_contingency_limit"].flat(j, a, t), c[name].flat(a, t)] += d.safety
                A[r["max_contingency_limit"].flat(j, a, t), c["max_contingency"].flat(a, t)] -= 1.0
    # Up: rule + MaxContingency <= sum Up. MaxContingency is free unless a contingency bounds it, so the
    # up rows exist only with one; down: rule <= sum Down, only with a rule.
    for a in range(areas.n_area):
        for t in range(case.n_tp):
            if d.rule is not None:
                down = r["spinning_down_requirement"].flat(a, t)
                for i, (g, tp) in enumerate(sr):
                    if tp == t and area_of(case, g) == a:
                        A[down, c["spinning_down"].flat(i)] -= 1.0
                if d.rule == "3+5":
                    add_3_5(A, space, case, down, a, t)
                else:
                    add_load(A, space, case, down, areas.zone_area, a, t, 0.10)
            if not kinds:
                continue
            up = r["spinning_up_requirement"].flat(a, t)
            for i, (g, tp) in enumerate(sr):
                if tp == t and area_of(case, g) == a:
                    A[up, c["spinning_up"].flat(i)] -= 1.0
            A[up, c["max_contingency"].flat(a, t)] += 1.0
            if d.rule == "3+5":
                add_3_5(A, space, case, up, a, t)
            elif d.rule == "Hawaii":
                for g in range(case.n_gen):
                    if case.gen_is_variable[g] and area_of(case, g) == a and has_dispatch(case, g, t):
                        share = min(case.cf[g, t], HAWAII_LIMIT[str(case.gen_source[g])])
                        for b in builds_online(case, g, int(case.tp_period[t])):
                            A[up, build_col(space, b)] += share
    return A


def quickstart_twin(space, case) -> np.ndarray:
    q = case.ext["quickstart_reserves"]
    commit = case.ext["commit"]
    areas = case.ext["reserve_areas"]
    spinning = "switch_model.balancing.operating_reserves.spinning_reserves" in case.modules
    sr = pairs(case, case.ext["spinning_reserves"].gen_can_provide) if spinning else []
    d = case.ext.get("spinning_reserves")
    slack = spinning and (d.unit_contingency or d.project_contingency)      # else no up reserve columns
    A = dense(space)
    c, r = space.cols, space.rows
    qs = pairs(case, q.gen_can_provide)
    out = space.m.qs_out           # provision projected out: the requirement reads the headroom (§3.4)
    for i, (g, t) in enumerate(qs):
        # Q <= avail max_commit Cap - Commit + [SlackUp], as Q + (minus headroom) <= 0, or the minus headroom
        # alone in the area's requirement row
        row = r["quickstart_requirement"].flat(area_of(case, g), t) if out else r["quickstart_limit"].flat(i)
        if not out:
            A[row, c["quickstart"].flat(i)] += 1.0
        add_commit(A, space, case, row, g, t, 1.0)
        for b in builds_online(case, g, int(case.tp_period[t])):
            A[row, build_col(space, b)] -= case.gen_avail[g] * commit.gen_max_commit[g, t]
        if (g, t) in sr and slack:
            A[row, c["spinning_slack_up"].flat(sr.index((g, t)))] -= 1.0
        elif (g, t) in sr:
            # SlackUp = the whole headroom cfv Commit - Dispatch + [Charge] (Up = 0)
            add_commit(A, space, case, row, g, t, -(case.cf[g, t] if case.gen_is_variable[g] else 1.0))
            A[row, dispatch_col(space, case, g, t)] += 1.0
            if case.gen_is_storage[g]:
                A[row, charge_col(space, case, g, t)] -= 1.0
    for a in range(areas.n_area):
        for t in range(case.n_tp):
            row = r["quickstart_requirement"].flat(a, t)
            add_3_5(A, space, case, row, a, t)
            for i, (g, tp) in enumerate(qs):
                if tp == t and area_of(case, g) == a and not out:
                    A[row, c["quickstart"].flat(i)] -= 1.0
    return A


SPINNING = ["spinning_35_storage", "spinning_default", "spinning_hawaii", "spinning_unit_contingency",
            "spinning_project_areas", "spinning_project_areas_no_td", "quickstart_study", "quickstart_study_no_td",
            "quickstart_contingency"]
QUICKSTART = ["quickstart_study", "quickstart_study_no_td", "quickstart_contingency", "quickstart_alone"]
SPINNING_COLS = ("spinning_up", "spinning_down", "spinning_slack_up", "unit_is_committed", "unit_largest_contingency",
                 "project_largest_contingency", "max_contingency")
SPINNING_ROWS = ("spinning_up_limit", "spinning_down_limit", "unit_commit_link", "unit_contingency",
                 "project_contingency", "max_contingency_limit", "spinning_up_requirement",
                 "spinning_down_requirement")


@pytest.mark.parametrize("name", SPINNING + [f"{n}:off" for n in SPINNING])
def test_spinning_matrix(name, built):
    space, case = built(name)
    check_matrix(space, case, spinning_reserves, spinning_twin(space, case))


@pytest.mark.parametrize("name", SPINNING)
def test_spinning_bounds(name, built):
    space, case = built(name)
    d, areas = case.ext["spinning_reserves"], case.ext["reserve_areas"]
    lo, hi = np.full(space.n_rows, -np.inf), np.zeros(space.n_rows)
    if "switch_model.balancing.operating_reserves.quickstart" in case.modules:
        b = space.rows["spinning_up_limit"]
        lo[b.start:b.stop] = 0.0
    share = {None: (0.0, 0.0), "3+5": (0.03, 0.03), "Hawaii": (0.0, 0.10)}[d.rule]
    for name_, s in zip(("spinning_up_requirement", "spinning_down_requirement"), share):
        if space.rows[name_].size:
            for a in range(areas.n_area):
                for t in range(case.n_tp):
                    hi[space.rows[name_].flat(a, t)] = load_bound(case, areas.zone_area, a, t, s)
    check_bounds(space, case, spinning_reserves, SPINNING_ROWS, lo, hi)


@pytest.mark.parametrize("name", QUICKSTART + [f"{n}:off" for n in QUICKSTART])
def test_quickstart_matrix(name, built):
    space, case = built(name)
    check_matrix(space, case, quickstart_reserves, quickstart_twin(space, case))


@pytest.mark.parametrize("name", QUICKSTART + [f"{n}:off" for n in QUICKSTART])
def test_quickstart_bounds(name, built):
    space, case = built(name)
    areas = case.ext["reserve_areas"]
    lo, hi = np.full(space.n_rows, -np.inf), np.zeros(space.n_rows)
    for a in range(areas.n_area):
        for t in range(case.n_tp):
            hi[space.rows["quickstart_requirement"].flat(a, t)] = load_bound(case, areas.zone_area, a, t, 0.03)
    check_bounds(space, case, quickstart_reserves, ("quickstart_limit", "quickstart_requirement"), lo, hi)


@pytest.mark.parametrize("name", ["quickstart_study", "quickstart_contingency", "spinning_project_areas_no_td",
                                  "spinning_unit_contingency", "spinning_hawaii"])
def test_whole_matrix_with_reserves(name, built):
    """assemble(FAMILIES) equals the sum of the twins of the families that are on (no_commit's dispatch_limit
    and baseload are off; these cases have no carbon or market rows), except for the commitment families'
    rows: their twins (test_commit.py) are written for their own fixture, so those rows are taken from the
    engine here and checked on these cases by the live peer tests."""
    from batteryplan.csc_builder import commit_fuel_use, commit_operate
    from batteryplan.csc_builder.assemble import assemble

    from ._twin import assert_canonical
    from .test_all_families import TWINS
    from .test_baseload import baseload_twin
    from .test_carbon_cap import carbon_twin
    from .test_dispatch_limit import dispatch_limit_twin
    from .test_fuel_markets import fuel_markets_twin
    space, case = built(name)
    off = (baseload_twin, dispatch_limit_twin, carbon_twin, fuel_markets_twin)
    twins = [f for f in TWINS if f not in off] + [spinning_twin]
    if "switch_model.balancing.operating_reserves.quickstart" in case.modules:
        twins.append(quickstart_twin)
    A = assemble(space, case, FAMILIES)
    assert_canonical(A)
    commit = assemble(space, case, [commit_operate, commit_fuel_use]).toarray()
    np.testing.assert_allclose(A.toarray() - commit, sum(f(space, case) for f in twins), rtol=1e-12, atol=0)


# ---------------------------------------------------------------------------------------------------------
# what exists


def test_balancing_areas(built):
    """Zones North and Middle share area 'NM', South has its own; the default puts every zone in one area."""
    _, case = built("spinning_project_areas")
    areas = case.ext["reserve_areas"]
    assert areas.names == ("NM", "S")
    assert [areas.names[a] for a in areas.zone_area] == ["NM", "NM", "S"]
    _, case = built("spinning_35_storage")
    assert case.ext["reserve_areas"].names == ("system_wide_balancing_area",)


def test_vacuous_requirements_are_not_built(built):
    """Vacuous requirements get no rows: up without a contingency (MaxContingency is free), down without a
    rule; and then the reserve columns of that direction are not built either."""
    space, case = built("spinning_default")
    d = case.ext["spinning_reserves"]
    assert d.rule is None and not d.has_contingency
    for name in ("spinning_up_requirement", "spinning_down_requirement", "max_contingency_limit"):
        assert space.rows[name].size == 0
    assert space.n_cols == sum(b.size for n, b in space.cols.items() if n not in SPINNING_COLS)
    assert space.n_rows == sum(b.size for n, b in space.rows.items() if n not in SPINNING_ROWS)  # nothing at all
    space, case = built("spinning_35_storage")          # a rule but no contingency: only the down side
    n_sr = len(pairs(case, case.ext["spinning_reserves"].gen_can_provide))
    assert {n: space.rows[n].size for n in SPINNING_ROWS if space.rows[n].size} == {
        "spinning_down_limit": n_sr, "spinning_down_requirement": case.n_tp}
    assert {n: space.cols[n].size for n in SPINNING_COLS if space.cols[n].size} == {"spinning_down": n_sr}
    space, case = built("quickstart_study")             # SWITCH-China's configuration: spinning adds nothing
    assert not any(space.rows[n].size for n in SPINNING_ROWS) and not any(space.cols[n].size for n in SPINNING_COLS)


def test_options_and_flags_as_read(built):
    """The options of each case's options.txt, the flags and defaults of its gen_info.csv."""
    _, case = built("spinning_unit_contingency")
    d = case.ext["spinning_reserves"]
    assert (d.rule, d.unit_contingency, d.project_contingency, d.safety) == ("3+5", True, False, 2.0)
    names = list(case.gen_names)
    assert d.gen_unit_size[names.index("E-Gas_CC")] == 250.0 and np.isnan(d.gen_unit_size[names.index("E-Gas_GT")])
    assert not d.gen_can_provide[names.index("E-Coal")] and d.gen_can_provide[names.index("E-Battery")]
    _, case = built("spinning_project_areas")
    d = case.ext["spinning_reserves"]
    assert (d.rule, d.unit_contingency, d.project_contingency, d.safety) == ("3+5", False, True, 1.5)
    _, case = built("quickstart_study")
    q, names = case.ext["quickstart_reserves"].gen_can_provide, list(case.gen_names)
    # coal and GT given 0; CC and battery default 1; wind and solar default 0 (variable)
    assert {g: bool(q[names.index(g)]) for g in names} == {
        "E-Coal": False, "E-Gas_CC": True, "E-Gas_GT": False, "E-Wind": False, "E-Solar": False, "E-Battery": True}


def test_unit_contingency_columns_are_binary(built):
    space, case = built("spinning_unit_contingency")
    lp = batteryplan.build(case)
    b = lp.space.cols["unit_is_committed"]
    assert b.size == 2 * case.n_tp                       # gas CC and coal, every timepoint
    assert np.all(lp.integrality[b.start:b.stop] == 1) and np.count_nonzero(lp.integrality) == b.size
    assert np.all(lp.col_upper[b.start:b.stop] == 1.0)
    free = lp.space.cols["unit_largest_contingency"]
    assert np.all(lp.col_lower[free.start:free.stop] == -np.inf)


@pytest.mark.parametrize("name", ["spinning_35_storage", "quickstart_study"])
def test_results_meet_the_requirements(name, built, tmp_path):
    """The reported reserves (projects x timepoints, NaN where a project may not provide them) meet each
    area's requirement, recomputed from reported dispatch and withdrawal, and survive the HDF5 file."""
    _, case = built(name)
    res = batteryplan.solve(batteryplan.build(case))
    a = res.arrays
    w = a["local_td_withdraw_mw"]                                    # one zone, one area
    var = np.nansum(np.where(case.gen_is_variable[:, None], a["dispatch_mw"], 0.0), axis=0)
    need = 0.03 * w.sum(axis=0) + 0.05 * var
    key = "spinning_reserve_down_mw" if name.startswith("spinning") else "quickstart_reserve_mw"
    have = np.nansum(a[key], axis=0)
    assert np.all(have >= need - 1e-6) and need.min() > 10.0
    can = case.ext["spinning_reserves" if key.startswith("spinning") else "quickstart_reserves"].gen_can_provide
    assert np.all(np.isnan(a[key][~can])) and not np.isnan(a[key][can]).any()
    back = batteryplan.read_result(res.to_hdf5(tmp_path / "r.h5"))
    np.testing.assert_array_equal(back.arrays[key], a[key])


@pytest.mark.parametrize("name, block, key", [
    ("quickstart_study_no_td", "quickstart_requirement", "quickstart_reserve_price"),
    ("spinning_35_storage", "spinning_down_requirement", "spinning_reserve_down_price")])
def test_reserve_price_is_the_cost_of_one_more_mw(name, block, key, built):
    """The reported price ($ per MW per h) of the dearest requirement, times BAC(p) * tp_weight_in_year, is
    the objective's increase per MW of extra requirement there (a small step, same basis)."""
    _, case = built(name)
    lp = batteryplan.build(case)
    base = batteryplan.solve(lp)
    price = base.arrays[key]
    assert np.all(price >= -1e-9)
    z, t = np.unravel_index(int(np.argmax(price)), price.shape)
    assert price[z, t] > 0
    row = lp.space.rows[block].flat(int(case.ext["reserve_areas"].zone_area[z]), t)
    step = 1e-3
    lp.row_upper[row] -= step                     # requirement - provision <= bound: the requirement rises
    again = batteryplan.solve(lp)
    scale = case.bac[case.tp_period[t]] * case.tp_weight_in_year[t]
    assert (again.objective - base.objective) / step == pytest.approx(price[z, t] * scale, rel=1e-4)


def test_contingencies_keep_projects_apart(folders):
    """A contingency covers the largest single unit or project, so no projects are merged under one; the rules
    alone are sums of per-MW terms and do not stop merging (batteryplan/aggregate.py)."""
    for options, mergeable in (([], True), (["--spinning-requirement-rule", "Hawaii"], True),
                               (["--project-contingency"], False), (["--unit-contingency"], False)):
        case = batteryplan.read_case(folders["spinning_default"], options=options, aggregate=False)
        assert spinning_reserves.fleet_mergeable(case) is mergeable, options


# ---------------------------------------------------------------------------------------------------------
# bad input


def _copy(folder: Path, tmp_path: Path) -> Path:
    """A copy of the case folder holding `folder` (inputs and options.txt); returns the copy's inputs."""
    shutil.copytree(folder.parent, tmp_path / "case")
    return tmp_path / "case" / "inputs"


def _edit(folder: Path, tmp_path: Path, file: str, old: str, new: str) -> Path:
    inputs = _copy(folder, tmp_path)
    path = inputs / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return inputs


def test_spinning_reserves_need_commit_operate(folders, tmp_path):
    inputs = _edit(folders["spinning_35_storage"], tmp_path, "modules.txt",
                   "switch_model.generators.core.commit.operate\nswitch_model.generators.core.commit.fuel_use",
                   "switch_model.generators.core.no_commit")
    with pytest.raises(CaseError, match="needs switch_model.generators.core.commit.operate") as err:
        batteryplan.read_case(inputs)
    assert err.value.file == "modules.txt"


def test_spinning_reserves_need_areas(folders, tmp_path):
    inputs = _edit(folders["spinning_35_storage"], tmp_path, "modules.txt",
                   "switch_model.balancing.operating_reserves.areas\n", "")
    with pytest.raises(CaseError, match="needs switch_model.balancing.operating_reserves.areas"):
        batteryplan.read_case(inputs)


def test_bad_flag_names_file_line_column(folders, tmp_path):
    inputs = _copy(folders["spinning_35_storage"], tmp_path)
    gi = (inputs / "gen_info.csv").read_text().splitlines()
    head = gi[0].split(",")
    col = head.index("gen_can_provide_spinning_reserves")
    row = next(k for k, line in enumerate(gi) if line.startswith("E-Coal,"))
    cells = gi[row].split(",")
    cells[col] = "2"
    gi[row] = ",".join(cells)
    (inputs / "gen_info.csv").write_text("\n".join(gi) + "\n")
    with pytest.raises(CaseError) as err:
        batteryplan.read_case(inputs)
    e = err.value
    assert (e.file, e.line, e.column) == ("gen_info.csv", row + 1, "gen_can_provide_spinning_reserves")


def test_bad_safety_factor(folders, tmp_path):
    inputs = _edit(folders["spinning_project_areas"], tmp_path, "spinning_reserve_params.csv", "1.5", "-1")
    with pytest.raises(CaseError) as err:
        batteryplan.read_case(inputs)
    assert (err.value.file, err.value.line, err.value.column) == (
        "spinning_reserve_params.csv", 2, "contingency_safety_factor")


def test_bad_rule_option(folders, tmp_path):
    inputs = _copy(folders["spinning_35_storage"], tmp_path)
    (inputs.parent / "options.txt").write_text("--spinning-requirement-rule 4+6\n")
    with pytest.raises(CaseError, match="expected one of Hawaii, 3\\+5, got '4\\+6'") as err:
        batteryplan.read_case(inputs)
    assert err.value.file == "options.txt"


def test_hawaii_rule_needs_solar_or_wind(folders, tmp_path):
    inputs = _edit(folders["spinning_hawaii"], tmp_path, "gen_info.csv", "E-Wind,Wind,Wind,East", "E-Wind,Wind,Water,East")
    with pytest.raises(CaseError, match="only for variable projects of energy source Solar or Wind") as err:
        batteryplan.read_case(inputs)
    assert (err.value.file, err.value.column) == ("gen_info.csv", "gen_energy_source")


def test_options_argument_overrides_the_file(folders):
    case = batteryplan.read_case(folders["spinning_default"], options=["--spinning-requirement-rule=Hawaii",
                                                                       "--project-contingency"])
    d = case.ext["spinning_reserves"]
    assert (d.rule, d.project_contingency, d.unit_contingency) == ("Hawaii", True, False)

"""The switchable exact reductions (batteryplan/csc_builder/reductions.py; docs/formulation/commit.md §3
reductions 5 and 6, docs/formulation/operating_reserves.md §3.4): on small commitment and reserve cases, every
switch gives the same optimum on and off, and each one removes the rows and columns it should.

Counts are derived from the cases (tests/peer/reserve_cases.py, tests/peer/commit_cases.py): one period of two
4-timepoint days, so a project has 8 dispatch pairs per period.
"""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

import batteryplan
from batteryplan.csc_builder.reductions import SWITCHES, all_off, switched

from ..peer.commit_cases import COMMIT_CASES
from ..peer.reserve_cases import RESERVE_CASES, modules_for


def fixed_battery(dst: Path) -> Path:
    """quickstart_contingency with the battery's commitment fixed: min = max commitment 0.8 and min load 0.3 in
    every timepoint. Reduction 5 does not apply (min load > 0); reduction 6 does, with both reserve families
    and the 3+5 down rule reading its commitment, and a charge limit at 0.8 of capacity."""
    inputs = RESERVE_CASES["quickstart_contingency"](dst)
    with open(inputs / "timepoints.csv") as f:
        tps = [row["timepoint_id"] for row in csv.DictReader(f)]
    with open(inputs / "gen_timepoint_commit_bounds.csv", "w") as f:
        f.write("GENERATION_PROJECT,TIMEPOINT,gen_min_commit_fraction,gen_max_commit_fraction,"
                "gen_min_load_fraction_TP\n")
        f.writelines(f"E-Battery,{t},0.8,0.8,0.3\n" for t in tps)
    return inputs


BUILDERS = {**RESERVE_CASES, **COMMIT_CASES, "fixed_battery": fixed_battery}
LP_CASES = ["quickstart_study", "quickstart_contingency", "quickstart_alone", "spinning_35_storage",
            "spinning_project_areas", "spinning_hawaii", "commit_min_load_startup", "commit_no_fuel_use",
            "fixed_battery"]


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    root = tmp_path_factory.mktemp("reductions")
    cache = {}

    def get(name):
        if name not in cache:
            inputs = BUILDERS[name](root / name)
            if name in RESERVE_CASES or name == "fixed_battery":
                modules_for(inputs, peer=False)
            cache[name] = batteryplan.read_case(inputs)
        return cache[name]
    return get


def build(case, **flags):
    with switched(**flags):
        return batteryplan.build(case)


def sizes(lp) -> dict[str, int]:
    return {**{f"col {n}": b.size for n, b in lp.space.cols.items()},
            **{f"row {n}": b.size for n, b in lp.space.rows.items()}}


def drop(off, on) -> dict[str, int]:
    """Blocks whose size differs: size with the reduction off minus size with it on."""
    a, b = sizes(off), sizes(on)
    return {k: a.get(k, 0) - b.get(k, 0) for k in a.keys() | b.keys() if a.get(k, 0) != b.get(k, 0)}


@pytest.mark.parametrize("name", LP_CASES)
def test_every_switch_keeps_the_optimum(name, cases):
    """All on, all off, and each switch alone on: the same optimal objective (relative 1e-9), and all on is
    the smallest LP."""
    case = cases(name)
    base = batteryplan.solve(build(case, **all_off()))
    lps = {"all on": build(case)} | {s: build(case, **{**all_off(), s: True}) for s in SWITCHES}
    for label, lp in lps.items():
        assert batteryplan.solve(lp).objective == pytest.approx(base.objective, rel=1e-9), label
    assert lps["all on"].shape[0] <= min(lp.shape[0] for lp in lps.values())
    assert lps["all on"].shape[1] <= min(lp.shape[1] for lp in lps.values())


def test_commit_at_bound_sizes(cases):
    """quickstart_study: wind, solar, the battery and the gas GT (min load 0, no startup cost, no fuel intercept;
    the GT is a non-provider, the battery provides both reserves with cfv = 1) lose their 4 x 8 commit columns,
    commit_upper rows and the battery's 8 commit_charge_upper rows (max_commit 1: the storage charge limit is the
    same row); their 32 dispatch upper limits read the capacity instead (commit_dispatch_upper ->
    uncommitted_dispatch_limit). quickstart_alone: the battery keeps its column (without spinning reserves its
    quickstart headroom is capacity - CommitGen, which a larger CommitGen tightens)."""
    case = cases("quickstart_study")
    assert drop(build(case, **all_off()), build(case, **{**all_off(), "commit_at_bound": True})) == {
        "col commit_gen": 32, "row commit_upper": 32, "row commit_dispatch_upper": 32, "row commit_charge_upper": 8,
        "row uncommitted_dispatch_limit": -32}
    case = cases("quickstart_alone")
    lp = build(case, **{**all_off(), "commit_at_bound": True})
    names = {str(case.gen_names[g]) for g in np.unique(lp.space.m.gt_gen[lp.space.m.cb])}
    assert names == {"E-Wind", "E-Solar"}


def test_fixed_commit_sizes(cases):
    """fixed_battery: the battery's 8 pairs (min = max commitment) lose their commit column, commit_upper,
    commit_lower and commit_charge_upper rows and keep a dispatch limit (0.8 of capacity), a floor (0.3 x 0.8)
    and a charge limit at 0.8 of capacity (uncommitted_charge_limit); the dispatch lower row becomes the
    floor. commit_min_load_startup: baseload nuclear's floor equals its limit (min load 1 x min commitment 1 =
    1 x max commitment 1): 8 pairs x 2 periods of floor rows become equalities."""
    case = cases("fixed_battery")
    assert drop(build(case, **all_off()), build(case, **{**all_off(), "fixed_commit": True})) == {
        "col commit_gen": 8, "row commit_upper": 8, "row commit_lower": 8, "row commit_dispatch_upper": 8,
        "row commit_dispatch_lower": 8, "row commit_charge_upper": 8, "row uncommitted_dispatch_limit": -8,
        "row uncommitted_dispatch_floor": -8, "row uncommitted_charge_limit": -8}
    case = cases("commit_min_load_startup")
    on = build(case, **{**all_off(), "fixed_commit": True})
    assert drop(build(case, **all_off()), on) == {"row uncommitted_dispatch_floor": 16}
    m, b = on.space.m, on.space.rows["uncommitted_dispatch_limit"]
    nuclear = case.gen_names[m.gt_gen[m.uc_gt]] == "R-Nuclear"
    np.testing.assert_array_equal(on.row_lower[b.start:b.stop] == 0.0, nuclear)
    assert nuclear.sum() == 16


def test_quickstart_out_sizes(cases):
    """quickstart_study: the gas CC and the battery may provide quickstart reserves, 2 x 8 pairs: 16 quickstart
    columns and limit rows go; the requirement rows stay (one area, 8 timepoints)."""
    case = cases("quickstart_study")
    on = build(case, **{**all_off(), "quickstart_out": True})
    assert drop(build(case, **all_off()), on) == {"col quickstart": 16, "row quickstart_limit": 16}
    assert on.space.rows["quickstart_requirement"].size == 8


def test_project_unread_sizes(cases):
    """quickstart_study: no reserve row reads the commitment of wind, solar (no quickstart flag; spinning
    reserves without rule or contingency read nothing) or the gas GT (flag 0), 3 x 8 pairs: projected out as
    without reserve modules."""
    case = cases("quickstart_study")
    assert drop(build(case, **all_off()), build(case, **{**all_off(), "project_unread": True})) == {
        "col commit_gen": 24, "row commit_upper": 24, "row commit_dispatch_upper": 24,
        "row uncommitted_dispatch_limit": -24}


def test_reported_quickstart_meets_the_requirement(cases):
    """With the provision projected out, the reported per-project quickstart reserve (headroom pro rata) stays
    within each pair's headroom and sums to the requirement where it binds; the same objective as SWITCH's form."""
    case = cases("quickstart_contingency")
    on, off = batteryplan.solve(build(case)), batteryplan.solve(build(case, quickstart_out=False))
    assert on.objective == pytest.approx(off.objective, rel=1e-9)
    q = on.arrays["quickstart_reserve_mw"]
    can = case.ext["quickstart_reserves"].gen_can_provide
    assert not np.isnan(q[can]).any() and np.isnan(q[~can]).all() and (q[can] >= 0).all()
    a = on.arrays
    var = np.nansum(np.where(case.gen_is_variable[:, None], a["dispatch_mw"], 0.0), axis=0)
    need = 0.03 * a["local_td_withdraw_mw"].sum(axis=0) + 0.05 * var
    np.testing.assert_allclose(np.nansum(q, axis=0), need, rtol=1e-7, atol=1e-6)


def test_follow_dispatch_sizes(cases):
    """quickstart_study: coal (a fuel line with intercept 1 per MW committed, min load > 0, not a reserve
    provider) and the gas GT (intercept 0, min load 0; a spinning provider, but spinning reserves have no up side
    there) commit exactly their dispatch: 2 x 8 commit columns, commit_upper and commit_dispatch_upper rows and
    coal's 8 commit_dispatch_lower rows go, 16 dispatch limits remain. quickstart_contingency: the GT keeps its
    column, since its spinning up limit (project contingency) reads -CommitGen, which a smaller one tightens."""
    case = cases("quickstart_study")
    on = build(case, **{**all_off(), "follow_dispatch": True})
    assert drop(build(case, **all_off()), on) == {
        "col commit_gen": 16, "row commit_upper": 16, "row commit_dispatch_upper": 16, "row commit_dispatch_lower": 8,
        "row uncommitted_dispatch_limit": -16}
    names = lambda lp, case: {str(case.gen_names[g]) for g in np.unique(lp.space.m.gt_gen[lp.space.m.cd])}
    assert names(on, case) == {"E-Coal", "E-Gas_GT"}
    case = cases("quickstart_contingency")
    assert names(build(case, **{**all_off(), "follow_dispatch": True}), case) == {"E-Coal"}

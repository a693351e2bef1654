"""Unit commitment (commit.operate) and part-load fuel use (commit.fuel_use): dense twins written from
docs/formulation/commit.md with plain loops, on the families' 'everything' and 'markets' cases switched
to commitment.

Edits to those cases (all on purpose):
- Coal_N: min load 0.4, a two-segment curve (40 MW at 430, 9.5 then 11.17 per MWh: full-load 10.501 vs
  10.5 in gen_info, within 1 %), startup fuel 15 and O&M 20, min uptime 8 h (2 timepoints of the 4 h day;
  4 of the 2 h day, longer than its 3, so the window wraps; 1 in the peaks), min downtime 6 h (round(1.5) = 2,
  3, round(0.5) = 0: no row, round(1.0) = 1).
- OldGas_S: a point-only curve (1 MW at 7.5: min load 1 implied), startup O&M 5.
- GasCCS_N: one segment with a negative intercept ((420 - 480) / 100); no gas price in N for 2030 (simple).
- Wind_N: min load 0.1 (a committed variable project). BatGrid_N: startup O&M 1 (committed storage).
- gen_timepoint_commit_bounds.csv: Coal_N max 0.8 at t2, min load 0.5 at t3, min commitment 0.3 at t5;
  Hydro_S max 0.9 at t2.
- Nuclear_S is baseload (min commitment = max, min load 1): projected out to avail * Cap <= DispatchGen <=
  avail * Cap. Hydro_S (max commitment 0.9 at t2), solar, rooftop PV and the other two batteries are
  projected out too.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import batteryplan
from batteryplan.csc_builder import FAMILIES, commit_discrete, commit_fuel_use, commit_operate
from batteryplan.csc_builder.bounds import column_bounds
from batteryplan.csc_builder.objective import cost_vector
from batteryplan.csc_builder.reductions import all_off, switched
from batteryplan.csc_builder.space import build_space

from ._twin import build_col, builds_online, check_bounds, check_matrix, dense, has_dispatch, prev_tp
from .conftest import BOUNDS, COMMIT_INFO, CURVES, UNIT_SIZE, write_commit_inputs

OPERATE, FUEL_USE, DISCRETE = commit_operate.MODULES[0], commit_fuel_use.MODULES[0], commit_discrete.MODULES[0]
assert CURVES and BOUNDS
@pytest.fixture(scope="module", params=["simple", "markets", "discrete", "simple_reductions_off", "simple_follow",
                                        "simple_follow_reductions_off", "markets_follow"])
def ccase(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"commit_{request.param}") / "inputs"
    follow = "follow" in request.param
    case = batteryplan.read_case(write_commit_inputs(root, markets=request.param.startswith("markets"),
                                                     discrete=request.param == "discrete", follow=follow))
    REDUCTIONS[id(case)] = all_off() if request.param.endswith("reductions_off") else {}
    if follow:
        FOLLOW.add(id(case))
    return case


REDUCTIONS: dict[int, dict[str, bool]] = {}
"""The reduction switches each fixture case is built and checked with (batteryplan/csc_builder/reductions.py)."""
FOLLOW: set[int] = set()
"""Fixture cases of the 'follow' variant (tests/families/conftest.py FOLLOW_CURVE): OldGas_S without startup
O&M and with a positive-intercept curve, so its commitment follows its dispatch (commit.md §3, reduction 7)."""


@pytest.fixture(autouse=True)
def _reductions(request):
    """Every test of a fixture case runs with that case's switches, so the twins see what the build saw."""
    case = request.getfixturevalue("ccase") if "ccase" in request.fixturenames else None
    with switched(**REDUCTIONS.get(id(case), {})):
        yield


@pytest.fixture(scope="module")
def cspace(ccase):
    with switched(**REDUCTIONS[id(ccase)]):
        return build_space(ccase, FAMILIES)


# ------------------------------------------------------------------------------------------------
# SWITCH's parameters, written out for the fixture (not read from the engine)

def curve_lines(case, g):
    """Lines (a, b) of project g's fuel-use curve (fuel_use.py:352-356), or the default (0, heat rate)."""
    name = case.gen_names[g]
    if name == "Coal_N":
        f70 = 430 + 30 * 9.5
        return [((430 - 9.5 * 40) / 100, 9.5), ((f70 - 11.17 * 70) / 100, 11.17)]
    if name == "OldGas_S":
        return [((4.0 - 6.5 * 0.5) / 1, 6.5), ((4.0 + 0.25 * 6.5 - 7.5 * 0.75) / 1, 7.5)] if id(case) in FOLLOW \
            else [(0.0, 7.5)]
    if name == "GasCCS_N":
        return [((420 - 9.6 * 50) / 100, 9.6)]
    return [(0.0, case.gen_heat_rate[g])] if case.gen_fuel[g] >= 0 else []


def params(case, g, t):
    """(min_commit, max_commit, min_load_TP) of (g, t) after the files and SWITCH's defaults."""
    name, tp = case.gen_names[g], case.tp_ids[t]
    info = COMMIT_INFO.get(name, (None,) * 5)
    min_load = {"OldGas_S": 0.5 if id(case) in FOLLOW else 1.0, "GasCCS_N": 0.5}.get(name, info[0])   # curves
    if min_load is None:
        min_load = 1.0 if case.gen_is_baseload[g] else 0.0
    max_c = {("Coal_N", "t2"): 0.8, ("Hydro_S", "t2"): 0.9}.get((name, tp), 1.0)
    min_c = {("Coal_N", "t5"): 0.3}.get((name, tp), max_c if case.gen_is_baseload[g] else 0.0)
    ml = {("Coal_N", "t3"): 0.5}.get((name, tp), min_load)
    return min_c, max_c, ml


def startup_cost(case, g):
    if id(case) in FOLLOW and case.gen_names[g] == "OldGas_S":
        return False
    info = COMMIT_INFO.get(case.gen_names[g], (None,) * 5)
    return (info[2] or 0.0) > 0 or (info[1] or 0.0) > 0


def n_window(case, g, t, which):
    hours = COMMIT_INFO.get(case.gen_names[g], (None,) * 5)[3 if which == "up" else 4] or 0.0
    return int(round(hours / case.tp_duration_h[t])) if hours > 0 else 0


def window(case, t, n):
    """SWITCH's time_window: t and the n-1 timepoints before it, circularly in t's timeseries."""
    out, cur = [], t
    for _ in range(n):
        out.append(cur)
        cur = prev_tp(case, cur)
    return out


def pairs(case):
    return [(g, t) for g in range(case.n_gen) for t in range(case.n_tp) if has_dispatch(case, g, t)]


def at_bound(case, g, t):
    """CommitGen put at avail * max_commit * Cap (commit.md §3): reduction 5 (min load 0, min_commit <= max_commit,
    cf >= 0; no reserve module here) or 6 (min_commit = max_commit), each where its switch is on; never where
    fuel use reads CommitGen (a line with an intercept)."""
    min_c, max_c, ml = params(case, g, t)
    if any(a != 0 for a, _ in curve_lines(case, g)):
        return False
    return ((commit_operate.COMMIT_AT_BOUND and ml == 0 and min_c <= max_c and case.cf[g, t] >= 0)
            or (commit_operate.FIXED_COMMIT and min_c == max_c))


def follows(case, g, t):
    """CommitGen = DispatchGen (reduction 7): a thermal project (not variable, not storage) with min_commit 0,
    min load <= 1 and fuel-use intercepts >= 0, where the switch is on."""
    min_c, max_c, ml = params(case, g, t)
    return bool(commit_operate.FOLLOW_DISPATCH and not case.gen_is_variable[g] and not case.gen_is_storage[g]
                and min_c == 0 and ml <= 1 and all(a >= 0 for a, _ in curve_lines(case, g)))


def committed(case):
    """Projects whose commitment can matter (docs/formulation/commit.md §3, reductions 1, 5, 6, 7)."""
    out = set()
    for g, t in pairs(case):
        min_c, max_c, ml = params(case, g, t)
        cf = case.cf[g, t]
        if case.gen_is_variable[g]:
            shape = ml != 0 or cf < 0
        elif case.gen_is_storage[g]:
            shape = ml != 0 or max_c != 1
        else:
            shape = ml > 1
        projected = not (shape or min_c > max_c) and not any(a != 0 for a, _ in curve_lines(case, g))
        discrete = DISCRETE in case.modules and case.gen_names[g] in UNIT_SIZE
        if (not (projected or at_bound(case, g, t) or follows(case, g, t)) or discrete or startup_cost(case, g)
                or n_window(case, g, t, "up") or n_window(case, g, t, "down")):
            out.add(g)
    return out


def collapses(case, g, t):
    """DispatchGen's floor avail * ml * min_c * Cap equals its limit avail * cf * max_c * Cap (reduction 6)."""
    min_c, max_c, ml = params(case, g, t)
    return commit_operate.FIXED_COMMIT and ml * min_c > 0 and ml * min_c == case.cf[g, t] * max_c


def with_startup(case):
    return {g for g in committed(case) if startup_cost(case, g)
            or any(n_window(case, g, t, w) for t in range(case.n_tp) if has_dispatch(case, g, t) for w in ("up", "down"))}


class Layout:
    """Row and column positions from the twin's own lists of (g, t) keys, in project-major order."""

    def __init__(self, space, case):
        self.space, self.case = space, case
        ps = pairs(case)
        cm, su = committed(case), with_startup(case)
        self.cm = [(g, t) for g, t in ps if g in cm]
        self.su = [(g, t) for g, t in ps if g in su]
        self.uc = [(g, t) for g, t in ps if g not in cm]
        self.floor = [(g, t) for g, t in self.uc
                      if params(case, g, t)[2] * params(case, g, t)[0] > 0 and not collapses(case, g, t)]
        self.fixed = [(g, t) for g, t in self.uc if collapses(case, g, t)]
        self.uc_sto = [(g, t) for g, t in self.uc if case.gen_is_storage[g] and params(case, g, t)[1] < 1]
        self.cd = {(g, t) for g, t in self.uc if follows(case, g, t) and not at_bound(case, g, t)}
        self.sto = [(g, t) for g, t in self.cm if case.gen_is_storage[g]]
        self.lo = [(g, t) for g, t in self.cm if params(case, g, t)[0] > 0]
        self.dlo = [(g, t) for g, t in self.cm if params(case, g, t)[2] > 0]
        self.up = [(g, t) for g, t in self.su if n_window(case, g, t, "up") > 0]
        self.dn = [(g, t) for g, t in self.su if n_window(case, g, t, "down") > 0]
        self.disp = {p: i for i, p in enumerate(ps)}

    def col(self, block, keys, key):
        return self.space.cols[block].start + keys.index(key)

    def row(self, block, keys, key):
        b = self.space.rows[block]
        assert b.size == len(keys), (block, b.size, len(keys))
        return b.start + keys.index(key)

    def commit(self, g, t):
        """The column carrying CommitGen[g,t]: its own, or its dispatch column where CommitGen = DispatchGen."""
        if (g, t) in self.cd:
            return self.dispatch(g, t)
        return self.col("commit_gen", self.cm, (g, t))

    def dispatch(self, g, t):
        return self.space.cols["dispatch_gen"].start + self.disp[(g, t)]

    def start(self, g, t):
        return self.col("startup_gen_capacity", self.su, (g, t))

    def shut(self, g, t):
        return self.col("shutdown_gen_capacity", self.su, (g, t))

    def charge(self, g, t):
        st = [(u, s) for u, s in self.disp if self.case.gen_is_storage[u]]
        return self.space.cols["charge_storage"].start + st.index((g, t))


def capacity(A, r, space, case, g, t, coef):
    for b in builds_online(case, g, int(case.tp_period[t])):
        A[r, build_col(space, b)] -= coef


def operate_twin(space, case):
    A, L = dense(space), Layout(space, case)
    av = case.gen_avail
    for g, t in L.cm:
        min_c, max_c, ml = params(case, g, t)
        r = L.row("commit_upper", L.cm, (g, t))                   # Enforce_Commit_Upper_Limit
        A[r, L.commit(g, t)] += 1
        capacity(A, r, space, case, g, t, av[g] * max_c)
        r = L.row("commit_dispatch_upper", L.cm, (g, t))          # Enforce_Dispatch_Upper_Limit
        A[r, L.dispatch(g, t)] += 1
        A[r, L.commit(g, t)] -= case.cf[g, t] if case.gen_is_variable[g] else 1.0
        if min_c > 0:                                              # Enforce_Commit_Lower_Limit
            r = L.row("commit_lower", L.lo, (g, t))
            A[r, L.commit(g, t)] += 1
            capacity(A, r, space, case, g, t, av[g] * min_c)
        if ml > 0:                                                 # Enforce_Dispatch_Lower_Limit
            r = L.row("commit_dispatch_lower", L.dlo, (g, t))
            A[r, L.dispatch(g, t)] += 1
            A[r, L.commit(g, t)] -= ml
        if case.gen_is_storage[g]:                                 # Charge_Storage_Upper_Limit
            r = L.row("commit_charge_upper", L.sto, (g, t))
            A[r, L.charge(g, t)] += 1
            A[r, L.commit(g, t)] -= case.gen_sto_s2r[g]
    for g, t in L.uc:                      # projected out: avail * ml * min_c * Cap <= DispatchGen <= avail * cf * max_c * Cap
        min_c, max_c, ml = params(case, g, t)
        r = L.row("uncommitted_dispatch_limit", L.uc, (g, t))
        A[r, L.dispatch(g, t)] += 1
        capacity(A, r, space, case, g, t, av[g] * (case.cf[g, t] if case.gen_is_variable[g] else 1.0) * max_c)
        if (g, t) in L.floor:
            r = L.row("uncommitted_dispatch_floor", L.floor, (g, t))
            A[r, L.dispatch(g, t)] += 1
            capacity(A, r, space, case, g, t, av[g] * ml * min_c)
        if (g, t) in L.uc_sto:                # at its bound with max_commit < 1: Charge <= s2r * cf * avail * max_c * Cap
            r = L.row("uncommitted_charge_limit", L.uc_sto, (g, t))
            A[r, L.charge(g, t)] += 1
            capacity(A, r, space, case, g, t, av[g] * case.gen_sto_s2r[g] * case.cf[g, t] * max_c)
    for g, t in L.su:                                              # consistency
        r = L.row("startup_shutdown", L.su, (g, t))
        A[r, L.commit(g, prev_tp(case, t))] += 1
        A[r, L.start(g, t)] += 1
        A[r, L.shut(g, t)] -= 1
        A[r, L.commit(g, t)] -= 1
    for g, t in L.up:                                              # Enforce_Min_Uptime
        r = L.row("min_uptime", L.up, (g, t))
        A[r, L.commit(g, t)] += 1
        for s in window(case, t, n_window(case, g, t, "up")):
            A[r, L.start(g, s)] -= 1
    for g, t in L.dn:                                              # Enforce_Min_Downtime
        r = L.row("min_downtime", L.dn, (g, t))
        n = n_window(case, g, t, "down")
        A[r, L.commit(g, t)] += 1
        for s in window(case, t, n):
            A[r, L.shut(g, s)] += 1
        capacity(A, r, space, case, g, t, av[g] * max(params(case, g, s)[1] for s in window(case, t, n + 1)))
    return A


def fuel_blocked(case, g, t):
    p = case.tp_period[t]
    if case.fuel_mode == "simple":
        return bool(np.isnan(case.fuel_cost[case.gen_zone[g], case.gen_fuel[g], p]))
    return bool(case.zone_fuel_rfm[case.gen_zone[g], case.gen_fuel[g]] < 0)


def substituted(case, g, t):
    """Reduction 4: one line with a, b >= 0, fuel available, more fuel never helps (co2 >= 0, tiers >= 0)."""
    lines = curve_lines(case, g)
    if len(lines) != 1 or lines[0][0] < 0 or lines[0][1] < 0 or fuel_blocked(case, g, t):
        return False
    if case.gen_co2_per_heat[g] < 0:
        return False
    if case.fuel_mode == "markets":
        rfm = case.zone_fuel_rfm[case.gen_zone[g], case.gen_fuel[g]]
        return all(case.tier_cost[k] >= 0 for k in range(case.n_tier) if case.tier_rfm[k] == rfm)
    return True


def fuel_layout(case):
    """Pairs with a fuel-use column, and their rows (one per line)."""
    fu = [(g, t) for g, t in pairs(case) if case.gen_fuel[g] >= 0 and not substituted(case, g, t)]
    rows = [(g, t, q) for g, t in fu for q in range(len(curve_lines(case, g)))]
    return fu, rows


def startup_fuel(case, g):
    return COMMIT_INFO.get(case.gen_names[g], (None,) * 5)[1] or 0.0


def fuel_use_twin(space, case):
    """GenFuelUseRate_Calculate: F - a * CommitGen - b * DispatchGen - startup_fuel / dur * Startup >= 0."""
    A, L = dense(space), Layout(space, case)
    fu, rows = fuel_layout(case)
    b = space.rows["fuel_use"]
    assert b.size == len(rows)
    for i, (g, t, q) in enumerate(rows):
        r = b.start + i
        a, slope = curve_lines(case, g)[q]
        A[r, space.cols["gen_fuel_use_rate"].start + fu.index((g, t))] += 1
        A[r, L.dispatch(g, t)] -= slope
        if a:
            A[r, L.commit(g, t)] -= a
        if startup_fuel(case, g):
            A[r, L.start(g, t)] -= startup_fuel(case, g) / case.tp_duration_h[t]
    return A


def fuel_use_terms(space, case):
    """{column: (pair, heat units per hour per unit)}: fuel use in SWITCH's terms, from the twin's layout."""
    L = Layout(space, case)
    fu, _ = fuel_layout(case)
    terms = []
    for g, t in pairs(case):
        if case.gen_fuel[g] < 0:
            continue
        if (g, t) in fu:
            terms.append((space.cols["gen_fuel_use_rate"].start + fu.index((g, t)), g, t, 1.0))
            continue
        a, slope = curve_lines(case, g)[0]
        terms.append((L.dispatch(g, t), g, t, slope))
        if a:
            terms.append((L.commit(g, t), g, t, a))
        if startup_fuel(case, g):
            terms.append((L.start(g, t), g, t, startup_fuel(case, g) / case.tp_duration_h[t]))
    return terms


# ------------------------------------------------------------------------------------------------

def discrete_twin(space, case):
    """Commit_Units_Consistency: CommitGen - gen_unit_size * avail * CommitGenUnits = 0, per pair of a sized project."""
    A, L = dense(space), Layout(space, case)
    if DISCRETE not in case.modules:
        return A
    keys = [(g, t) for g, t in L.cm if case.gen_names[g] in UNIT_SIZE]
    for i, (g, t) in enumerate(keys):
        r = L.row("commit_units", keys, (g, t))
        A[r, L.commit(g, t)] += 1
        A[r, space.cols["commit_gen_units"].start + i] -= UNIT_SIZE[case.gen_names[g]] * case.gen_avail[g]
    return A


@pytest.mark.parametrize("ccase", ["discrete"], indirect=True)     # commit.discrete is loaded there only
def test_discrete_matrix_and_integrality(cspace, ccase):
    assert DISCRETE in ccase.modules
    check_matrix(cspace, ccase, commit_discrete, discrete_twin(cspace, ccase))
    lp = batteryplan.build(ccase)
    b = cspace.cols["commit_gen_units"]
    assert b.size == 2 * ccase.n_tp                         # Coal_N and Solar_S run in both periods
    assert np.all(lp.integrality[b.start:b.stop] == 1) and lp.integrality.sum() == b.size + lp.space.cols[
        "build_min_gen_cap"].size


def test_commit_matrix(cspace, ccase):
    check_matrix(cspace, ccase, commit_operate, operate_twin(cspace, ccase))


def test_fuel_use_matrix(cspace, ccase):
    check_matrix(cspace, ccase, commit_fuel_use, fuel_use_twin(cspace, ccase))


def test_commit_row_bounds(cspace, ccase):
    lo, hi = np.full(cspace.n_rows, np.nan), np.full(cspace.n_rows, np.nan)
    for name in commit_operate.ROW_BLOCKS:
        b = cspace.rows[name]
        ge = name in ("commit_lower", "commit_dispatch_lower", "uncommitted_dispatch_floor", "min_uptime")
        lo[b.start:b.stop] = 0.0 if ge or name == "startup_shutdown" else -np.inf
        hi[b.start:b.stop] = np.inf if ge else 0.0
    L = Layout(cspace, ccase)
    for key in L.fixed:                                  # the floor collapsed onto the limit: an equality
        lo[L.row("uncommitted_dispatch_limit", L.uc, key)] = 0.0
    check_bounds(cspace, ccase, commit_operate, commit_operate.ROW_BLOCKS, lo, hi)
    b = cspace.rows["fuel_use"]
    lo[b.start:b.stop], hi[b.start:b.stop] = 0.0, np.inf
    check_bounds(cspace, ccase, commit_fuel_use, ("fuel_use",), lo, hi)


def test_layout_covers_the_edge_cases(cspace, ccase):
    """The fixture reaches what it is for: wrapping and zero-length windows, committed storage, variable and
    hydro projects, reduced ones, fuel-use columns for the two-segment, negative-intercept and (simple mode)
    unavailable-fuel pairs, and a substituted point-only curve."""
    c, L = ccase, Layout(cspace, ccase)
    name = lambda keys: {str(c.gen_names[g]) for g, _ in keys}
    discrete = {"Solar_S"} if DISCRETE in c.modules else set()
    follow = {"OldGas_S"} if id(c) in FOLLOW and commit_operate.FOLLOW_DISPATCH else set()   # reduction 7
    assert name(L.uc) == {"Solar_S", "Roof_S", "BatDemand_S", "BatRE_N", "Nuclear_S", "Hydro_S"} - discrete | follow
    assert name(L.cd) == follow and set(np.unique(cspace.m.gt_gen[cspace.m.cd])) == {
        list(c.gen_names).index(n) for n in follow}
    # baseload: min load 1 x min commitment 1; with reduction 6 the floor collapses onto the limit
    assert name(L.fixed if commit_operate.FIXED_COMMIT else L.floor) == {"Nuclear_S"}
    assert name(L.sto) == {"BatGrid_N"} and "Wind_N" in name(L.cm)
    coal = list(c.gen_names).index("Coal_N")
    ups = [n_window(c, coal, t, "up") for t in range(c.n_tp)]
    downs = [n_window(c, coal, t, "down") for t in range(c.n_tp)]
    assert ups == [2, 2, 2, 1, 4, 4, 4, 1] and downs == [2, 2, 2, 0, 3, 3, 3, 1]
    fu, _ = fuel_layout(c)
    assert {"Coal_N", "GasCCS_N"} <= name(fu) and ("OldGas_S" in name(fu)) == (id(c) in FOLLOW)
    assert len(cspace.rows["fuel_use"].shape) == 1 and cspace.rows["fuel_use"].size > len(fu)


def test_fuel_column_bounds(cspace, ccase):
    """F >= 0, and fixed at 0 where the fuel is unavailable (Enforce_Fuel_Unavailability)."""
    lo, hi = column_bounds(cspace, ccase)
    fu, _ = fuel_layout(ccase)
    b = cspace.cols["gen_fuel_use_rate"]
    want = [0.0 if fuel_blocked(ccase, g, t) else np.inf for g, t in fu]
    np.testing.assert_array_equal(b.view(hi), want)
    np.testing.assert_array_equal(b.view(lo), 0.0)
    if ccase.fuel_mode == "simple":
        assert 0.0 in want


def test_costs(cspace, ccase):
    """Startup O&M BAC * w * om / dur; fuel and carbon on every fuel term; variable O&M only on DispatchGen."""
    c, L = ccase, Layout(cspace, ccase)
    cost, _ = cost_vector(cspace, c)
    want = np.zeros(cspace.n_cols)
    for g, t in pairs(c):
        p = c.tp_period[t]
        want[L.dispatch(g, t)] += c.bac[p] * c.tp_weight_in_year[t] * c.gen_vom[g]
    for g, t in L.su:
        p = c.tp_period[t]
        om = COMMIT_INFO[c.gen_names[g]][2] or 0.0
        want[L.start(g, t)] += c.bac[p] * c.tp_weight_in_year[t] * om / c.tp_duration_h[t]
    for col, g, t, coef in fuel_use_terms(cspace, c):
        p = c.tp_period[t]
        price = c.fuel_cost[c.gen_zone[g], c.gen_fuel[g], p] if c.fuel_mode == "simple" else np.nan
        per_heat = (0.0 if np.isnan(price) else price) + c.carbon_price[p] * c.gen_co2_per_heat[g]
        want[col] += c.bac[p] * c.tp_weight_in_year[t] * coef * per_heat
    mine = np.zeros(cspace.n_cols, bool)
    for name in ("dispatch_gen", "commit_gen", "startup_gen_capacity", "shutdown_gen_capacity", "gen_fuel_use_rate"):
        mine[cspace.cols[name].start:cspace.cols[name].stop] = True
    np.testing.assert_allclose(cost[mine], want[mine], rtol=1e-12, atol=0)


def test_carbon_and_market_rows_use_fuel_terms(cspace, ccase):
    """Enforce_Carbon_Cap and Enforce_Fuel_Consumption read GenFuelUseRate: under commitment, the fuel terms."""
    from batteryplan.csc_builder import carbon_cap, fuel_markets
    c, A = ccase, dense(cspace)
    for col, g, t, coef in fuel_use_terms(cspace, c):
        p = int(c.tp_period[t])
        if np.isfinite(c.carbon_cap[p]):
            row = cspace.rows["carbon_cap"].start + list(np.flatnonzero(np.isfinite(c.carbon_cap))).index(p)
            A[row, col] += c.tp_weight_in_year[t] * coef * c.gen_co2_per_heat[g]
    check_matrix(cspace, c, carbon_cap, A)
    if c.fuel_mode != "markets":
        return
    A = dense(cspace)
    rows = cspace.rows["fuel_market"]
    for col, g, t, coef in fuel_use_terms(cspace, c):
        rfm = c.zone_fuel_rfm[c.gen_zone[g], c.gen_fuel[g]]
        if rfm >= 0:
            A[rows.flat(rfm, c.tp_period[t]), col] -= c.tp_weight_in_year[t] * coef
    for k in range(c.n_tier):
        A[rows.flat(c.tier_rfm[k], c.tier_period[k]), cspace.cols["consume_fuel_tier"].flat(k)] += 1.0
    check_matrix(cspace, c, fuel_markets, A)


def test_whole_matrix_under_commitment(cspace, ccase):
    """assemble(FAMILIES) equals the twins of the families that are on: no_commit's dispatch_limit and
    baseload are off, the storage charge limit stays (implied for committed storage, exact for the rest),
    and carbon and market rows read the fuel terms."""
    from batteryplan.csc_builder import carbon_cap, fuel_markets
    from batteryplan.csc_builder.assemble import assemble

    from ._twin import assert_canonical
    from .test_all_families import TWINS
    from .test_baseload import baseload_twin
    from .test_carbon_cap import carbon_twin
    from .test_dispatch_limit import dispatch_limit_twin
    from .test_fuel_markets import fuel_markets_twin
    assert "dispatch_limit" not in cspace.rows and "baseload" not in cspace.rows
    others = [f for f in TWINS if f not in (baseload_twin, dispatch_limit_twin, carbon_twin, fuel_markets_twin)]
    twin = (sum(f(cspace, ccase) for f in others) + operate_twin(cspace, ccase) + fuel_use_twin(cspace, ccase)
            + discrete_twin(cspace, ccase))
    A = assemble(cspace, ccase, FAMILIES)
    fuel_rows = assemble(cspace, ccase, [carbon_cap, fuel_markets]).toarray()
    A = A.toarray() - fuel_rows                        # checked against the fuel terms just above
    assert_canonical(assemble(cspace, ccase, FAMILIES))
    np.testing.assert_allclose(A, twin, rtol=1e-12, atol=0)


BAD = {  # what to change -> (file, line, column) the CaseError must name
    "max_commit_above_one": ("gen_timepoint_commit_bounds.csv", lambda s: s.replace("Coal_N,t2,.,0.8,.", "Coal_N,t2,.,1.2,."),
                             ("gen_timepoint_commit_bounds.csv", 2, "gen_max_commit_fraction")),
    "unknown_timepoint": ("gen_timepoint_commit_bounds.csv", lambda s: s.replace("Hydro_S,t2", "Hydro_S,t99"),
                          ("gen_timepoint_commit_bounds.csv", 5, "TIMEPOINT")),
    "inactive_pair": ("gen_timepoint_commit_bounds.csv", lambda s: s + "Roof_S,t1,.,0.5,.\n",
                      ("gen_timepoint_commit_bounds.csv", 6, "TIMEPOINT")),
    "segment_off_the_curve": ("gen_inc_heat_rates.csv", lambda s: s.replace("Coal_N,70,100", "Coal_N,71,100"),
                              ("gen_inc_heat_rates.csv", 3, "power_start_mw")),
    "not_convex": ("gen_inc_heat_rates.csv", lambda s: s.replace("11.17", "9.0"),
                   ("gen_inc_heat_rates.csv", 3, "incremental_heat_rate_mbtu_per_mwhr")),
    "two_points": ("gen_inc_heat_rates.csv", lambda s: s + "Coal_N,30,.,.,300\n",
                   ("gen_inc_heat_rates.csv", 8, "fuel_use_rate_mmbtu_per_h")),
    "curve_for_wind": ("gen_inc_heat_rates.csv", lambda s: s + "Wind_N,30,.,.,300\n",
                       ("gen_inc_heat_rates.csv", 8, "GENERATION_PROJECT")),
    "min_load_disagrees": ("gen_info.csv", lambda s: s.replace("Coal_N,Coal,Coal,N,40,0,10.5", "Coal_N,Coal,Coal,N,40,0,10.5")
                           .replace(",0.4,15.0,20.0,8.0,6.0", ",0.45,15.0,20.0,8.0,6.0"),
                           ("gen_inc_heat_rates.csv", 2, "power_start_mw")),
    "heat_rate_disagrees": ("gen_info.csv", lambda s: s.replace("Coal_N,Coal,Coal,N,40,0,10.5", "Coal_N,Coal,Coal,N,40,0,10.7"),
                            ("gen_inc_heat_rates.csv", 2, "GENERATION_PROJECT")),
    "startup_fuel_for_wind": ("gen_info.csv", lambda s: s.replace(",0.1,.,.,.,.", ",0.1,3.0,.,.,."),
                              ("gen_info.csv", 6, "gen_startup_fuel")),
}


@pytest.mark.parametrize("what", list(BAD))
def test_bad_input_names_file_line_column(what, tmp_path):
    path = write_commit_inputs(tmp_path / "inputs", markets=False)
    file, edit, (efile, eline, ecol) = BAD[what]
    text = (path / file).read_text()
    assert edit(text) != text, "the edit must change the file"
    (path / file).write_text(edit(text))
    with pytest.raises(batteryplan.CaseError) as err:
        batteryplan.read_case(path)
    assert (err.value.file, err.value.line, err.value.column) == (efile, eline, ecol), str(err.value)


def test_fuel_use_needs_operate(tmp_path):
    path = write_commit_inputs(tmp_path / "inputs", markets=False)
    mods = (path / "modules.txt").read_text().replace(OPERATE, "switch_model.generators.core.no_commit")
    (path / "modules.txt").write_text(mods)
    with pytest.raises(batteryplan.CaseError, match="commit.operate"):
        batteryplan.read_case(path)

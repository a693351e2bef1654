"""Enforce_Dispatch_Upper_Limit (no_commit, SWITCH_FORMULATION.md §6)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import dispatch_limit

from ._twin import builds_online, build_col, check_bounds, check_matrix, dense, dispatch_col, has_dispatch


def dispatch_limit_twin(space, case) -> np.ndarray:
    """One row per DispatchGen column (g, t), in column order:

        DispatchGen[g,t] - gen_availability[g] * (cf[g,t] if variable) * sum_{b online in p(t)} BuildGen[g,b] <= 0

    gen_availability = (1-FOR)(1-SOR) for baseload, 1-FOR otherwise; storage discharge included.
    """
    A = dense(space)
    rows = space.rows["dispatch_limit"]
    for g in range(case.n_gen):
        for t in range(case.n_tp):
            if not has_dispatch(case, g, t):
                continue
            j = dispatch_col(space, case, g, t)
            r = rows.flat(j - space.cols["dispatch_gen"].start)
            A[r, j] += 1.0
            coef = case.gen_avail[g] * (case.cf[g, t] if case.gen_is_variable[g] else 1.0)
            for b in builds_online(case, g, int(case.tp_period[t])):
                A[r, build_col(space, b)] -= coef
    return A


def test_dispatch_limit_matrix(space, case):
    check_matrix(space, case, dispatch_limit, dispatch_limit_twin(space, case))


def test_dispatch_limit_bounds(space, case):
    lo = np.full(space.n_rows, -np.inf)
    hi = np.zeros(space.n_rows)
    check_bounds(space, case, dispatch_limit, ("dispatch_limit",), lo, hi)


def test_availability_and_cf(everything):
    """gen_availability from the fixture's outage rates (§6); cf = 1 for non-variable projects."""
    c = everything
    avail = dict(zip(c.gen_names, c.gen_avail))
    assert avail["Nuclear_S"] == (1 - 0.05) * (1 - 0.1)       # baseload: both outage rates
    assert avail["Coal_N"] == 1 - 0.08                         # not baseload: SOR ignored
    assert avail["Wind_N"] == 1 - 0.02 and avail["BatGrid_N"] == 1 - 0.02
    g = list(c.gen_names).index("Wind_N")
    np.testing.assert_allclose(c.cf[g], [0.41, 0.35, 0.52, 0.3, 0.44, 0.27, 0.6, 0.38])
    assert np.all(c.cf[~c.gen_is_variable] == 1.0)


def test_dispatch_columns_follow_online_builds(space, case):
    """OldGas_S (1995 build, 30 years) runs in 2020 only; Roof_S (2030 build) in 2030 only."""
    names = list(case.gen_names)
    for name, periods in (("OldGas_S", {0}), ("Roof_S", {1}), ("Coal_N", {0, 1}), ("BatRE_N", {0, 1})):
        g = names.index(name)
        got = {int(case.tp_period[t]) for t in range(case.n_tp) if space.m.gt_of[g * case.n_tp + t] >= 0}
        assert got == periods, name
    assert len(space.m.gt_gen) == sum(has_dispatch(case, g, t) for g in range(case.n_gen) for t in range(case.n_tp))

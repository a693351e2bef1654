"""The live-model paths that sweeps and split-range use, run on two models of one LP that must agree
(one with an engine transformation on, one without): a cost change with a warm re-solve, then an added
cost-bounding row and a new objective, as split-range does."""
from __future__ import annotations

import numpy as np
import pytest


def check_live_paths(lp, live_on, live_off) -> None:
    cost2 = lp.cost * np.where(np.arange(lp.A.shape[1]) % 3 == 0, 1.5, 1.0)
    for live in (live_on, live_off):
        first = live.solve()
        assert float(lp.cost @ first.x) + lp.offset == pytest.approx(first.objective, rel=1e-9)
        live.set_costs(cost2, lp.offset)
        live.set_options({"solver": "simplex", "simplex_strategy": 0})
    a, b = live_on.solve(), live_off.solve()
    assert a.status == b.status == "Optimal" and live_on.has_basis()
    assert a.objective == pytest.approx(b.objective, rel=1e-9)
    assert float(cost2 @ a.x) + lp.offset == pytest.approx(a.objective, rel=1e-9)
    lo, hi = lp.row_lower, lp.row_upper
    act = lp.A @ a.x
    assert np.all(act >= lo - 1e-6 * (1 + np.abs(lo))) and np.all(act <= hi + 1e-6 * (1 + np.abs(hi)))
    # as split-range does: a row keeps the cost within 0.1 % of this optimum, then the largest
    # possible value of one used column is sought (the basis survives the added row)
    nz = np.flatnonzero(cost2)
    bound = a.objective - lp.offset + 1e-3 * abs(a.objective)
    j = int(np.flatnonzero((cost2 > 0) & (a.x > 1e-3))[0])
    for live in (live_on, live_off):
        assert live.add_row(-np.inf, bound, nz, cost2[nz]) == lp.A.shape[0]
        live.set_costs(-(np.arange(lp.A.shape[1]) == j).astype(float), 0.0)
    c, d = live_on.solve(), live_off.solve()
    assert c.status == d.status == "Optimal"
    assert c.objective == pytest.approx(d.objective, rel=1e-9) and -c.objective >= a.x[j] * (1 - 1e-9)
    assert float(cost2 @ c.x) <= bound * (1 + 1e-9)
    assert c.row_dual.shape == d.row_dual.shape == (lp.A.shape[0] + 1,)
    assert c.row_dual[-1] == pytest.approx(d.row_dual[-1], rel=1e-6, abs=1e-9)

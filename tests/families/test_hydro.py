"""Enforce_Hydro_Avg_Flow / Enforce_Hydro_Min_Flow (hydro_simple, SWITCH_FORMULATION.md §9)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import hydro

from ._twin import check_bounds, check_matrix, dense, dispatch_col, is_active, tps_in_ts


def hydro_pairs(case) -> list[tuple[int, int]]:
    """(g, ts) with hydro data for a project active in ts's period."""
    return [(g, ts) for g in range(case.n_gen) for ts in range(case.n_ts)
            if not np.isnan(case.hydro_avg_mw[g, ts]) and is_active(case, g, int(case.ts_period[ts]))]


def hydro_row(space, case, g: int, ts: int) -> int:
    i = int(space.m.hydro_row_of[g * case.n_ts + ts])
    assert i >= 0
    return int(space.rows["hydro_flow"].flat(i))


def hydro_twin(space, case) -> np.ndarray:
    """Rows (g, ts), SpillHydro >= 0 substituted out:

        sum_{t in ts} DispatchGen[g,t] <= hydro_avg_flow_mw[g,ts] * ts_num_tps[ts]
    """
    A = dense(space)
    for g, ts in hydro_pairs(case):
        r = hydro_row(space, case, g, ts)
        for t in tps_in_ts(case, ts):
            A[r, dispatch_col(space, case, g, t)] += 1.0
    return A


def test_hydro_matrix(space, case):
    assert len(hydro_pairs(case)) == space.rows["hydro_flow"].size == 4
    check_matrix(space, case, hydro, hydro_twin(space, case))


def test_hydro_bounds(space, case):
    lo = np.full(space.n_rows, -np.inf)
    hi = np.full(space.n_rows, np.nan)
    for g, ts in hydro_pairs(case):
        hi[hydro_row(space, case, g, ts)] = case.hydro_avg_mw[g, ts] * case.ts_num_tps[ts]
    check_bounds(space, case, hydro, ("hydro_flow",), lo, hi)
    g = list(case.gen_names).index("Hydro_S")
    np.testing.assert_allclose(case.hydro_avg_mw[g], [80, 100, 70, 90])
    np.testing.assert_array_equal(case.ts_num_tps, [3, 1, 3, 1])

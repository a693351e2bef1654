"""Enforce_Local_TD_Capacity_Limit and Meet_Local_TD (local_td.py:133-180, SWITCH_FORMULATION.md §11)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import local_td

from ._twin import check_bounds, check_matrix, dense


def peak_pairs(case) -> list[tuple[int, int]]:
    return [(z, p) for z in range(case.n_zone) for p in range(case.n_period) if not np.isnan(case.td_peak[z, p])]


def peak_row(space, z: int, p: int) -> int:
    m = space.m
    i = [k for k in range(len(m.peak_zone)) if m.peak_zone[k] == z and m.peak_period[k] == p]
    assert len(i) == 1
    return int(space.rows["td_peak"].flat(i[0]))


def local_td_twin(space, case) -> np.ndarray:
    """With LocalTDCapacity[z,p] = existing_local_td[z] + sum_{b <= p} BuildLocalTD[z,b]:

        rows (z, t):  WithdrawFromCentralGrid[z,t] - sum_{b <= p(t)} BuildLocalTD[z,b] <= existing[z]
        rows (z, p) with a coincident peak:
                      (1 - loss[z]) sum_{b <= p} BuildLocalTD[z,b] >= peak[z,p] - (1 - loss[z]) existing[z]
    Nothing without local_td.
    """
    A = dense(space)
    if not case.has_local_td:
        return A
    for z in range(case.n_zone):
        for t in range(case.n_tp):
            r = space.rows["td_limit"].flat(z, t)
            A[r, space.cols["withdraw_from_central_grid"].flat(z, t)] += 1.0
            for b in range(int(case.tp_period[t]) + 1):
                A[r, space.cols["build_local_td"].flat(z, b)] -= 1.0
    for z, p in peak_pairs(case):
        for b in range(p + 1):
            A[peak_row(space, z, p), space.cols["build_local_td"].flat(z, b)] += 1.0 - case.td_loss[z]
    return A


def test_local_td_matrix(space, case):
    if case.has_local_td:
        assert len(peak_pairs(case)) == space.rows["td_peak"].size == 3
    else:
        assert "td_limit" not in space.rows and space.cols["build_local_td"].size == 0
    check_matrix(space, case, local_td, local_td_twin(space, case))


def test_local_td_bounds(space, case):
    lo = np.full(space.n_rows, np.nan)
    hi = np.full(space.n_rows, np.nan)
    if case.has_local_td:
        for z in range(case.n_zone):
            for t in range(case.n_tp):
                lo[space.rows["td_limit"].flat(z, t)] = -np.inf
                hi[space.rows["td_limit"].flat(z, t)] = case.td_existing[z]
        for z, p in peak_pairs(case):
            keep = 1.0 - case.td_loss[z]
            lo[peak_row(space, z, p)] = case.td_peak[z, p] - keep * case.td_existing[z]
            hi[peak_row(space, z, p)] = np.inf
    check_bounds(space, case, local_td, ("td_limit", "td_peak"), lo, hi)

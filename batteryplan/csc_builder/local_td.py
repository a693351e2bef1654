"""Local T&D (§11): Enforce_Local_TD_Capacity_Limit rows (z, t) and Meet_Local_TD rows (z, p):

    WithdrawFromCentralGrid[z,t] - sum_{b <= p(t)} BuildLocalTD[z,b] <= existing_local_td[z]
    (1 - loss[z]) * sum_{b <= p} BuildLocalTD[z,b] >= peak[z,p] - (1 - loss[z]) * existing_local_td[z]
"""
from __future__ import annotations

import numpy as np

from ..kernels.network import local_td_put

ROWS = "td_limit"


def row_blocks(case, m):
    if not case.has_local_td:
        return []
    return [(ROWS, (case.n_zone, case.n_tp)), ("td_peak", (len(m.peak_zone),))]


def put(fill, col_pos, indices, data, space, case):
    if not case.has_local_td:
        return
    c, m = space.cols, space.m
    local_td_put(fill, col_pos, indices, data, space.rows[ROWS].start, space.rows["td_peak"].start,
                 c["withdraw_from_central_grid"].start, c["build_local_td"].start, case.n_zone, case.n_tp,
                 case.n_period, case.tp_period, m.peak_zone, m.peak_period, 1.0 - case.td_loss)


def bounds(space, case, lo, hi):
    if not case.has_local_td:
        return
    m = space.m
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = np.repeat(case.td_existing, case.n_tp)
    b = space.rows["td_peak"]
    keep = 1.0 - case.td_loss[m.peak_zone]
    lo[b.start:b.stop] = case.td_peak[m.peak_zone, m.peak_period] - keep * case.td_existing[m.peak_zone]
    hi[b.start:b.stop] = np.inf

"""Local T&D (transmission.local_td, §11): BuildLocalTD[z, p] >= 0 and WithdrawFromCentralGrid[z, t] >= 0
(empty blocks without the module), the fixed cost of all local T&D capacity (existing included: a
constant), BAC(p) * local_td_annual_cost_per_mw[z] * (existing[z] + sum_{b <= p} BuildLocalTD[z, b]), and
Enforce_Local_TD_Capacity_Limit rows (z, t) and Meet_Local_TD rows (z, p):

    WithdrawFromCentralGrid[z,t] - sum_{b <= p(t)} BuildLocalTD[z,b] <= existing_local_td[z]
    (1 - loss[z]) * sum_{b <= p} BuildLocalTD[z,b] >= peak[z,p] - (1 - loss[z]) * existing_local_td[z]
"""
from __future__ import annotations

import numpy as np

from ..kernels.network import local_td_put

NAME = "local_td"
MODULES = ()          # without the module both column blocks are empty (the balance refers to them)
ROWS = "td_limit"
RESULTS = {
    "local_td_build_mw": (("zones", "periods"), "MW"),
    "local_td_withdraw_mw": (("zones", "timepoints"), "MW"),
}


def index(case, m):
    if case.has_local_td:
        m.peak_zone, m.peak_period = (a.astype(np.int64) for a in np.nonzero(~np.isnan(case.td_peak)))
    else:
        m.peak_zone = m.peak_period = np.zeros(0, np.int64)


def columns(case, m):
    n = case.n_zone if case.has_local_td else 0
    return [("build_local_td", (n, case.n_period)), ("withdraw_from_central_grid", (n, case.n_tp))]


def costs(space, case, cost):
    if not case.has_local_td:
        return 0.0
    later = np.cumsum(case.bac[::-1])[::-1]                        # sum_{p >= b} BAC(p)
    b = space.cols["build_local_td"]
    cost[b.start:b.stop] = np.outer(case.td_cost, later).ravel()
    return float(case.bac.sum() * np.dot(case.td_existing, case.td_cost))


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


def results(space, case, x, row_dual, out):
    if case.has_local_td:
        out["local_td_build_mw"] = space.cols["build_local_td"].view(x)
        out["local_td_withdraw_mw"] = space.cols["withdraw_from_central_grid"].view(x)


def annual_costs(space, case, x, a):
    if not case.has_local_td:
        return {"local_td": np.zeros(case.n_period)}
    return {"local_td": (case.td_existing[:, None] + np.cumsum(a["local_td_build_mw"], axis=1)).T @ case.td_cost}

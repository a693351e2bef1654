"""Transport transmission (transport.build + .dispatch, §10): BuildTx[l, p] >= 0 for lines that allow new
builds, DispatchTx[l, d, t] >= 0 in both directions, the fixed cost of all capacity (existing included:
a constant) in every period, BAC(p) * trans_cost_annual[l] * (existing[l] + sum_{b <= p} BuildTx[l, b]), and
Maximum_DispatchTx; rows (l, d, t):

    DispatchTx[l,d,t] - derate[l] * sum_{b <= p(t)} BuildTx[l,b] <= derate[l] * existing_trans_cap[l]
"""
from __future__ import annotations

import numpy as np

from ..kernels.network import tx_limit_put

NAME = "transmission"
MODULES = ()
ROWS = "tx_limit"
RESULTS = {
    "tx_build_mw": (("lines", "periods"), "MW"),
    "tx_capacity_mw": (("lines", "periods"), "MW"),
    "tx_flow_mw": (("lines", "directions", "timepoints"), "MW sent"),
}


def index(case, m):
    m.tx_new = np.flatnonzero(case.tx_new).astype(np.int64)
    m.tx_new_of = np.full(case.n_tx, -1, np.int64)
    m.tx_new_of[m.tx_new] = np.arange(len(m.tx_new))


def columns(case, m):
    return [("build_tx", (len(m.tx_new), case.n_period)), ("dispatch_tx", (case.n_tx, 2, case.n_tp))]


def costs(space, case, cost):
    later = np.cumsum(case.bac[::-1])[::-1]                        # sum_{p >= b} BAC(p)
    b = space.cols["build_tx"]
    cost[b.start:b.stop] = np.outer(case.tx_cost_annual[space.m.tx_new], later).ravel()
    return float(case.bac.sum() * np.dot(case.tx_existing, case.tx_cost_annual))


def row_blocks(case, m):
    return [(ROWS, (case.n_tx, 2, case.n_tp))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    tx_limit_put(fill, col_pos, indices, data, space.rows[ROWS].start, c["dispatch_tx"].start,
                 c["build_tx"].start, case.n_tx, case.n_tp, case.n_period, case.tp_period, m.tx_new_of,
                 case.tx_derate)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = np.repeat(case.tx_derate * case.tx_existing, 2 * case.n_tp)


def results(space, case, x, row_dual, out):
    btx = np.zeros((case.n_tx, case.n_period))
    btx[space.m.tx_new] = space.cols["build_tx"].view(x)
    out["tx_build_mw"] = btx
    out["tx_capacity_mw"] = case.tx_existing[:, None] + np.cumsum(btx, axis=1)
    out["tx_flow_mw"] = space.cols["dispatch_tx"].view(x)


def annual_costs(space, case, x, a):
    tx = a["tx_capacity_mw"].T @ case.tx_cost_annual if case.n_tx else np.zeros(case.n_period)
    return {"transmission": tx}

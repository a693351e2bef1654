"""Maximum_DispatchTx (transport.dispatch, §10); rows (l, d, t):

    DispatchTx[l,d,t] - derate[l] * sum_{b <= p(t)} BuildTx[l,b] <= derate[l] * existing_trans_cap[l]
"""
from __future__ import annotations

import numpy as np

from ..kernels.network import tx_limit_put

ROWS = "tx_limit"


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

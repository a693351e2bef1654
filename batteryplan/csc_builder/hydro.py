"""Enforce_Hydro_Avg_Flow (hydro_simple, §9) with SpillHydro substituted out; rows (g, ts):

    sum_{t in ts} DispatchGen[g,t] <= hydro_avg_flow_mw[g,ts] * ts_num_tps[ts]

Enforce_Hydro_Min_Flow is a column lower bound (bounds.py).
"""
from __future__ import annotations

import numpy as np

from ..kernels.dispatch_rows import hydro_put

ROWS = "hydro_flow"


def row_blocks(case, m):
    return [(ROWS, (len(m.hydro_gen),))]


def put(fill, col_pos, indices, data, space, case):
    m = space.m
    hydro_put(fill, col_pos, indices, data, space.rows[ROWS].start, space.cols["dispatch_gen"].start,
              m.gt_gen, m.gt_tp, case.tp_ts, m.hydro_row_of, case.n_ts)


def bounds(space, case, lo, hi):
    b, m = space.rows[ROWS], space.m
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = case.hydro_avg_mw[m.hydro_gen, m.hydro_ts] * case.ts_num_tps[m.hydro_ts]

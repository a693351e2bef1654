"""Enforce_Hydro_Avg_Flow (hydro_simple, §9) with SpillHydro substituted out; rows (g, ts):

    sum_{t in ts} DispatchGen[g,t] <= hydro_avg_flow_mw[g,ts] * ts_num_tps[ts]

Enforce_Hydro_Min_Flow is a column lower bound (dispatch.py).
"""
from __future__ import annotations

import numpy as np

from ..kernels.dispatch_rows import hydro_put

NAME = "hydro"
MODULES = ()          # without hydro_simple no project has flows
ROWS = "hydro_flow"


def index(case, m):
    hydro = ~np.isnan(case.hydro_avg_mw) & case.gen_active[:, case.ts_period]
    m.hydro_gen, m.hydro_ts = (a.astype(np.int64) for a in np.nonzero(hydro))
    m.hydro_row_of = np.full(case.n_gen * case.n_ts, -1, np.int64)
    m.hydro_row_of[m.hydro_gen * case.n_ts + m.hydro_ts] = np.arange(len(m.hydro_gen))


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

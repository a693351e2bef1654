"""Battery_Cycle_Limit (storage, §8); rows per storage with a finite cycle limit and period (u, p):

    sum_{t in p} dur_h[t] DispatchGen[u,t] - cycles[u] * length[p] * sum_{b online} BuildStorageEnergy[u,b] <= 0
"""
from __future__ import annotations

import numpy as np

from ..kernels.storage import cycle_put

NAME = "cycle_limit"
MODULES = ()
ROWS = "cycle_limit"


def index(case, m):
    cyc = case.gen_active & (case.gen_is_storage & np.isfinite(case.gen_sto_cycles))[:, None]
    m.cyc_gen, m.cyc_period = (a.astype(np.int64) for a in np.nonzero(cyc))


def row_blocks(case, m):
    return [(ROWS, (len(m.cyc_gen),))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    cycle_put(fill, col_pos, indices, data, space.rows[ROWS].start, c["dispatch_gen"].start,
              c["build_storage_energy"].start, m.cyc_gen, m.cyc_period, m.gt_of, case.n_tp, case.tp_period,
              case.tp_duration_h, case.gen_sto_cycles, case.period_length, m.bld_ptr, m.bld_idx, m.online,
              case.n_period, m.ebld_of)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = 0.0

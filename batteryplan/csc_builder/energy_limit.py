"""State_Of_Charge_Upper_Limit (storage, §8); rows per storage (u, t):

    StateOfCharge[u,t] - sum_{b online in p(t)} BuildStorageEnergy[u,b] <= 0
"""
from __future__ import annotations

import numpy as np

from ..kernels.capacity import link_put

NAME = "energy_limit"
MODULES = ()
ROWS = "energy_limit"


def row_blocks(case, m):
    return [(ROWS, (len(m.st_gt),))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    g, t = m.gt_gen[m.st_gt], m.gt_tp[m.st_gt]
    x_col = c["state_of_charge"].start + np.arange(len(m.st_gt), dtype=np.int64)
    col_of_bld = np.where(m.ebld_of >= 0, c["build_storage_energy"].start + m.ebld_of, -1)
    link_put(fill, col_pos, indices, data, space.rows[ROWS].start, x_col, g, case.tp_period[t],
             np.ones(len(g)), m.bld_ptr, m.bld_idx, m.online, case.n_period, col_of_bld)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = 0.0

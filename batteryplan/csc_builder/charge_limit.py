"""Charge_Storage_Upper_Limit (storage, §8); rows per storage (u, t):

    ChargeStorage[u,t] - store_to_release[u] * availability[u] * cf[u,t] * sum_{b online} BuildGen[u,b] <= 0
"""
from __future__ import annotations

import numpy as np

from ..kernels.capacity import link_put

NAME = "charge_limit"
MODULES = ()
ROWS = "charge_limit"


def row_blocks(case, m):
    return [(ROWS, (len(m.st_gt),))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    g, t = m.gt_gen[m.st_gt], m.gt_tp[m.st_gt]
    coef = case.gen_sto_s2r[g] * case.gen_avail[g] * case.cf[g, t]
    x_col = c["charge_storage"].start + np.arange(len(m.st_gt), dtype=np.int64)
    col_of_bld = c["build_gen"].start + np.arange(case.n_bld, dtype=np.int64)
    link_put(fill, col_pos, indices, data, space.rows[ROWS].start, x_col, g, case.tp_period[t], coef,
             m.bld_ptr, m.bld_idx, m.online, case.n_period, col_of_bld)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = 0.0

"""Enforce_Dispatch_Upper_Limit (no_commit, §6); rows per DispatchGen column (g, t):

    DispatchGen[g,t] - availability[g] * cf[g,t] * sum_{b online in p(t)} BuildGen[g,b] <= 0
"""
from __future__ import annotations

import numpy as np

from ..kernels.capacity import link_put

NAME = "dispatch_limit"
MODULES = ("switch_model.generators.core.no_commit",)
ROWS = "dispatch_limit"


def row_blocks(case, m):
    return [(ROWS, (len(m.gt_gen),))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    coef = case.gen_avail[m.gt_gen] * case.cf[m.gt_gen, m.gt_tp]
    x_col = c["dispatch_gen"].start + np.arange(len(m.gt_gen), dtype=np.int64)
    col_of_bld = c["build_gen"].start + np.arange(case.n_bld, dtype=np.int64)
    link_put(fill, col_pos, indices, data, space.rows[ROWS].start, x_col, m.gt_gen,
             case.tp_period[m.gt_tp], coef, m.bld_ptr, m.bld_idx, m.online, case.n_period, col_of_bld)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = 0.0

"""Enforce_Dispatch_Baseload_Flat (no_commit, §6): a free DispatchBaseloadByPeriod[g, p] column per baseload
project and active period, and rows per baseload (g, t), equality:

    DispatchGen[g,t] - DispatchBaseloadByPeriod[g,p(t)] = 0
"""
from __future__ import annotations

import numpy as np

from ..kernels.dispatch_rows import baseload_put

NAME = "baseload"
MODULES = ("switch_model.generators.core.no_commit",)
ROWS = "baseload"


def index(case, m):
    base = case.gen_active & case.gen_is_baseload[:, None]
    m.base_gen, m.base_period = (a.astype(np.int64) for a in np.nonzero(base))
    m.base_of = np.full(case.n_gen * case.n_period, -1, np.int64)
    m.base_of[m.base_gen * case.n_period + m.base_period] = np.arange(len(m.base_gen))
    m.base_gt = np.flatnonzero(case.gen_is_baseload[m.gt_gen]).astype(np.int64)


def columns(case, m):
    return [("dispatch_baseload", (len(m.base_gen),))]


def col_bounds(space, case, lo, hi):
    b = space.cols["dispatch_baseload"]
    lo[b.start:b.stop] = -np.inf


def row_blocks(case, m):
    return [(ROWS, (len(m.base_gt),))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    baseload_put(fill, col_pos, indices, data, space.rows[ROWS].start, c["dispatch_gen"].start,
                 c["dispatch_baseload"].start, m.base_gt, m.gt_gen, m.gt_tp, case.tp_period, m.base_of,
                 case.n_period)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = 0.0
    hi[b.start:b.stop] = 0.0

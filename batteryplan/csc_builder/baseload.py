"""Enforce_Dispatch_Baseload_Flat (no_commit, §6); rows per baseload (g, t), equality:

    DispatchGen[g,t] - DispatchBaseloadByPeriod[g,p(t)] = 0
"""
from __future__ import annotations

from ..kernels.dispatch_rows import baseload_put

ROWS = "baseload"


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

"""RE-connected charging limit (MODEL.md §2); rows (z, t) for zones with an RE-connected battery:

    sum_{u in z, RE-connected} ChargeStorage[u,t] - sum_{g in z, variable} DispatchGen[g,t] <= 0
"""
from __future__ import annotations

import numpy as np

from ..kernels.dispatch_rows import re_charging_put

NAME = "re_charging"
MODULES = ()          # applies wherever gen_is_re_connect = 1 (MODEL.md §2)
ROWS = "re_charging"


def index(case, m):
    re_gen = case.gen_is_re_connect & case.gen_is_storage & case.gen_active.any(axis=1)
    m.re_zone = np.unique(case.gen_zone[re_gen]).astype(np.int64)
    m.re_row_of = np.full(case.n_zone, -1, np.int64)
    m.re_row_of[m.re_zone] = np.arange(len(m.re_zone))


def row_blocks(case, m):
    return [(ROWS, (len(m.re_zone), case.n_tp))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    re_charging_put(fill, col_pos, indices, data, space.rows[ROWS].start, c["dispatch_gen"].start,
                    c["charge_storage"].start, m.gt_gen, m.gt_tp, m.st_gt, case.gen_zone,
                    case.gen_is_variable, case.gen_is_re_connect, m.re_row_of, case.n_tp)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = 0.0

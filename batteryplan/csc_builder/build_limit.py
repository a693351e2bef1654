"""Max_Build_Potential (build, §5); rows per capacity-limited project and active period (g, p):

    sum_{b online in p} BuildGen[g,b] <= gen_capacity_limit_mw[g]
"""
from __future__ import annotations

import numpy as np

from ..kernels.capacity import link_put

NAME = "build_limit"
MODULES = ()
ROWS = "build_limit"


def index(case, m):
    lim = case.gen_active & np.isfinite(case.gen_cap_limit)[:, None]
    m.gp_limit_gen, m.gp_limit_period = (a.astype(np.int64) for a in np.nonzero(lim))


def row_blocks(case, m):
    return [(ROWS, (len(m.gp_limit_gen),))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    n = len(m.gp_limit_gen)
    col_of_bld = c["build_gen"].start + np.arange(case.n_bld, dtype=np.int64)
    link_put(fill, col_pos, indices, data, space.rows[ROWS].start, np.full(n, -1, np.int64),
             m.gp_limit_gen, m.gp_limit_period, np.full(n, -1.0), m.bld_ptr, m.bld_idx, m.online,
             case.n_period, col_of_bld)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = case.gen_cap_limit[space.m.gp_limit_gen]

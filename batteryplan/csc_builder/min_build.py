"""Minimum build sizes (build, §5): a binary BuildMinGenCap per new build of a project with
gen_min_build_capacity > 0, which makes the model a MIP exactly as in SWITCH; rows (i, 2):

    gen_min_build_capacity[g] * BuildMinGenCap[g,b] - BuildGen[g,b] <= 0
    BuildGen[g,b] - 1e5 * BuildMinGenCap[g,b] <= 0          (SWITCH's _gen_max_cap_for_binary_constraints)
"""
from __future__ import annotations

import numpy as np

from ..kernels.min_build import min_build_put

NAME = "min_build"
MODULES = ()
ROWS = "min_build"
BIG_M = 1e5
INTEGER = ("build_min_gen_cap",)      # column blocks that are binary (with bounds 0 and 1)


def index(case, m):
    m.mb_bld = np.flatnonzero(~case.bld_fixed & (case.gen_min_build[case.bld_gen] > 0)).astype(np.int64)


def columns(case, m):
    return [("build_min_gen_cap", (len(m.mb_bld),))]


def col_bounds(space, case, lo, hi):
    b = space.cols["build_min_gen_cap"]
    hi[b.start:b.stop] = 1.0


def row_blocks(case, m):
    return [(ROWS, (len(m.mb_bld), 2))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    min_build_put(fill, col_pos, indices, data, space.rows[ROWS].start, c["build_gen"].start,
                  c["build_min_gen_cap"].start, m.mb_bld, case.bld_gen, case.gen_min_build, BIG_M)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = 0.0

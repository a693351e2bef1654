"""Enforce_Carbon_Cap (carbon_policies, §12); rows per period with a cap:

    sum_{t in p} w_year[t] sum_g heat_rate[g] * co2_per_heat[g] * DispatchGen[g,t] <= cap[p]
"""
from __future__ import annotations

import numpy as np

from ..kernels.dispatch_rows import carbon_put

NAME = "carbon_cap"
MODULES = ()          # without carbon_policies no period has a cap
ROWS = "carbon_cap"


def index(case, m):
    m.cap_period = np.flatnonzero(np.isfinite(case.carbon_cap)).astype(np.int64)
    m.cap_row_of = np.full(case.n_period, -1, np.int64)
    m.cap_row_of[m.cap_period] = np.arange(len(m.cap_period))


def row_blocks(case, m):
    return [(ROWS, (len(m.cap_period),))]


def put(fill, col_pos, indices, data, space, case):
    m = space.m
    carbon_put(fill, col_pos, indices, data, space.rows[ROWS].start, space.cols["dispatch_gen"].start,
               m.gt_gen, m.gt_tp, case.tp_period, case.tp_weight_in_year,
               case.gen_heat_rate * case.gen_co2_per_heat, m.cap_row_of)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = case.carbon_cap[space.m.cap_period]

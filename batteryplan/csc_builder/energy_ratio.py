"""Enforce_Fixed_Energy_Storage_Ratio (storage, §8); rows per storage build with a ratio, equality:

    BuildStorageEnergy[u,b] - gen_storage_energy_to_power_ratio[u] * BuildGen[u,b] = 0
"""
from __future__ import annotations

import numpy as np

from ..kernels.storage import ratio_put

NAME = "energy_ratio"
MODULES = ()
ROWS = "energy_ratio"


def index(case, m):
    m.ratio_bld = m.ebld[~np.isnan(case.gen_sto_ratio[case.bld_gen[m.ebld]])]


def row_blocks(case, m):
    return [(ROWS, (len(m.ratio_bld),))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    ratio_put(fill, col_pos, indices, data, space.rows[ROWS].start, c["build_gen"].start,
              c["build_storage_energy"].start, m.ratio_bld, m.ebld_of, case.bld_gen, case.gen_sto_ratio)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = 0.0
    hi[b.start:b.stop] = 0.0

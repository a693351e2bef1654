"""Column bounds (SWITCH variable domains and fixed predetermined builds)."""
from __future__ import annotations

import numpy as np

from .space import IndexSpace


def column_bounds(space: IndexSpace, case) -> tuple[np.ndarray, np.ndarray]:
    c, m = space.cols, space.m
    lo = np.zeros(space.n_cols)
    hi = np.full(space.n_cols, np.inf)
    b = c["build_gen"]
    lo[b.start:b.stop] = np.where(case.bld_fixed, case.bld_fixed_mw, 0.0)
    hi[b.start:b.stop] = np.where(case.bld_fixed, case.bld_fixed_mw, case.gen_cap_limit[case.bld_gen])
    b = c["build_storage_energy"]
    e = case.bld_e_fixed_mwh[m.ebld]
    lo[b.start:b.stop] = np.where(np.isnan(e), 0.0, e)
    hi[b.start:b.stop] = np.where(np.isnan(e), np.inf, e)
    b = c["dispatch_gen"]
    # Enforce_Hydro_Min_Flow as a lower bound; fuel unavailable -> DispatchGen fixed at 0.
    hmin = case.hydro_min_mw[m.gt_gen, case.tp_ts[m.gt_tp]]
    lo[b.start:b.stop] = np.where(np.isnan(hmin), 0.0, hmin)
    hi[b.start:b.stop] = np.where(m.fuel_blocked, 0.0, np.inf)
    b = c["dispatch_baseload"]
    lo[b.start:b.stop] = -np.inf
    b = c["consume_fuel_tier"]
    hi[b.start:b.stop] = case.tier_limit
    return lo, hi

"""Build the LP of a case: index space, one module per constraint family, one CSC matrix."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from . import (balance, baseload, build_limit, carbon_cap, charge_limit, cycle_limit, dispatch_limit,
               energy_limit, energy_ratio, fuel_markets, hydro, local_td, min_build, re_charging, soc,
               transmission)
from .assemble import assemble
from .bounds import column_bounds
from .objective import cost_vector
from .space import IndexSpace, build_space

# Fixed order: rows follow it.
FAMILIES = (balance, dispatch_limit, build_limit, charge_limit, soc, energy_limit, energy_ratio, cycle_limit,
            hydro, baseload, transmission, local_td, fuel_markets, carbon_cap, re_charging, min_build)


@dataclass(slots=True)
class LP:
    """min cost @ x + offset  s.t.  row_lower <= A x <= row_upper, col_lower <= x <= col_upper."""
    case: object
    space: IndexSpace
    A: sp.csc_array
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    cost: np.ndarray
    offset: float
    integrality: np.ndarray | None = None      # int32 per column (1 = integer) or None for an LP
    seconds: dict = field(default_factory=dict)

    @property
    def shape(self) -> tuple[int, int]:
        return self.A.shape

    def set_costs(self, case) -> None:
        """Costs of a scenario of the same strategy (same matrix and bounds)."""
        self.cost, self.offset = cost_vector(self.space, case)
        self.case = case


def row_bounds(space: IndexSpace, case) -> tuple[np.ndarray, np.ndarray]:
    lo = np.full(space.n_rows, np.nan)
    hi = np.full(space.n_rows, np.nan)
    for fam in FAMILIES:
        fam.bounds(space, case, lo, hi)
    return lo, hi


def build(case) -> LP:
    """The LP of `case`, with SWITCH's objective in NPV dollars."""
    t0 = time.perf_counter()
    space = build_space(case, FAMILIES)
    A = assemble(space, case, FAMILIES)
    lo, hi = column_bounds(space, case)
    rlo, rhi = row_bounds(space, case)
    cost, offset = cost_vector(space, case)
    integrality = None
    b = space.cols["build_min_gen_cap"]
    if b.size:
        integrality = np.zeros(space.n_cols, np.int32)
        integrality[b.start:b.stop] = 1
        hi[b.start:b.stop] = 1.0
    lp = LP(case, space, A, lo, hi, rlo, rhi, cost, offset, integrality)
    lp.seconds["build"] = time.perf_counter() - t0
    return lp

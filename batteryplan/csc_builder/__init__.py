"""Build the LP of a case: index space, one module per constraint family, one CSC matrix.

The families and their order are in ``registry.py``; docs/architecture.md shows how to add one.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .assemble import assemble
from .bounds import column_bounds, row_bounds
from .objective import cost_vector
from .registry import FAMILIES, on
from .space import IndexSpace, build_space


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


def integrality(space: IndexSpace, case) -> np.ndarray | None:
    """1 for the columns of the families' INTEGER blocks, or None when there are none (an LP)."""
    blocks = [space.cols[name] for fam in on(FAMILIES, case) for name in getattr(fam, "INTEGER", ())]
    if not any(b.size for b in blocks):
        return None
    out = np.zeros(space.n_cols, np.int32)
    for b in blocks:
        out[b.start:b.stop] = 1
    return out


def build(case) -> LP:
    """The LP of `case`, with SWITCH's objective in NPV dollars."""
    t0 = time.perf_counter()
    space = build_space(case, FAMILIES)
    A = assemble(space, case, FAMILIES)
    lo, hi = column_bounds(space, case)
    rlo, rhi = row_bounds(space, case)
    cost, offset = cost_vector(space, case)
    lp = LP(case, space, A, lo, hi, rlo, rhi, cost, offset, integrality(space, case))
    lp.seconds["build"] = time.perf_counter() - t0
    return lp

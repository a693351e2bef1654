"""Column and row bounds of the families' blocks: columns default to [0, +inf), rows to nothing."""
from __future__ import annotations

import numpy as np

from .registry import FAMILIES, on
from .space import IndexSpace


def column_bounds(space: IndexSpace, case, families=FAMILIES) -> tuple[np.ndarray, np.ndarray]:
    """SWITCH's variable domains: each family bounds its own columns (``col_bounds``)."""
    lo = np.zeros(space.n_cols)
    hi = np.full(space.n_cols, np.inf)
    for fam in on(families, case):
        if hasattr(fam, "col_bounds"):
            fam.col_bounds(space, case, lo, hi)
    return lo, hi


def row_bounds(space: IndexSpace, case, families=FAMILIES) -> tuple[np.ndarray, np.ndarray]:
    lo = np.full(space.n_rows, np.nan)
    hi = np.full(space.n_rows, np.nan)
    for fam in on(families, case):
        if hasattr(fam, "bounds"):
            fam.bounds(space, case, lo, hi)
    return lo, hi

"""The cost vector and constant of SWITCH's objective (SWITCH_FORMULATION.md §13), in NPV dollars.

Scenarios of one strategy differ only here: carbon price and battery costs enter the costs,
never the matrix. Each family prices its own columns; this module sums them.
"""
from __future__ import annotations

import numpy as np

from .space import IndexSpace


def crf(i: float, n: np.ndarray) -> np.ndarray:
    n = np.asarray(n, dtype=np.float64)
    return i / (1.0 - (1.0 + i) ** -n) if i != 0 else 1.0 / n


def cost_vector(space: IndexSpace, case, families=None) -> tuple[np.ndarray, float]:
    """(costs per column, constant) so that objective = costs @ x + constant: each family prices its own
    columns (``costs``) and returns its constant."""
    from .registry import FAMILIES, on
    cost = np.zeros(space.n_cols)
    constant = 0.0
    for fam in on(FAMILIES if families is None else families, case):
        if hasattr(fam, "costs"):
            constant += fam.costs(space, case, cost)
    return cost, float(constant)

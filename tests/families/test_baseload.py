"""Enforce_Dispatch_Baseload_Flat (no_commit.py:87-118 of switch-model 2.0.9, SWITCH_FORMULATION.md §6)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import baseload

from ._twin import check_bounds, check_matrix, dense, dispatch_col, has_dispatch


def baseload_twin(space, case) -> np.ndarray:
    """Rows per baseload (g, t) with g active at t, in DispatchGen column order, equality:

        DispatchGen[g,t] - DispatchBaseloadByPeriod[g, p(t)] = 0
    """
    A = dense(space)
    m = space.m
    k = 0
    for g in range(case.n_gen):
        if not case.gen_is_baseload[g]:
            continue
        for t in range(case.n_tp):
            if not has_dispatch(case, g, t):
                continue
            r = space.rows["baseload"].flat(k)
            k += 1
            p = int(case.tp_period[t])
            A[r, dispatch_col(space, case, g, t)] += 1.0
            A[r, space.cols["dispatch_baseload"].flat(int(m.base_of[g * case.n_period + p]))] -= 1.0
    assert k == space.rows["baseload"].size
    return A


def test_baseload_matrix(space, case):
    assert space.rows["baseload"].size == 8 and space.cols["dispatch_baseload"].size == 2   # Nuclear_S
    check_matrix(space, case, baseload, baseload_twin(space, case))


def test_baseload_bounds(space, case):
    check_bounds(space, case, baseload, ("baseload",), np.zeros(space.n_rows), np.zeros(space.n_rows))

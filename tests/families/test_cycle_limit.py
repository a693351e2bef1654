"""Battery_Cycle_Limit (storage.py:309-326 of switch-model 2.0.9, SWITCH_FORMULATION.md §8)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import cycle_limit

from ._twin import (builds_online, check_bounds, check_matrix, dense, dispatch_col, energy_build_col, is_active,
                    tps_in_period)


def cycle_pairs(case) -> list[tuple[int, int]]:
    return [(g, p) for g in range(case.n_gen) if case.gen_is_storage[g] and np.isfinite(case.gen_sto_cycles[g])
            for p in range(case.n_period) if is_active(case, g, p)]


def cycle_limit_twin(space, case) -> np.ndarray:
    """Rows (u, p) for storage with a finite gen_storage_max_cycles_per_year:

        sum_{t in p} DispatchGen[u,t] tp_duration_hrs[t]
          - cycles[u] * period_length_years[p] * sum_{b online in p} BuildStorageEnergy[u,b] <= 0
    """
    A = dense(space)
    m = space.m
    for g, p in cycle_pairs(case):
        i = [k for k in range(len(m.cyc_gen)) if m.cyc_gen[k] == g and m.cyc_period[k] == p]
        assert len(i) == 1
        r = space.rows["cycle_limit"].flat(i[0])
        for t in tps_in_period(case, p):
            A[r, dispatch_col(space, case, g, t)] += case.tp_duration_h[t]
        for b in builds_online(case, g, p):
            A[r, energy_build_col(space, case, b)] -= case.gen_sto_cycles[g] * case.period_length[p]
    return A


def test_cycle_limit_matrix(space, case):
    assert len(cycle_pairs(case)) == space.rows["cycle_limit"].size == 2
    np.testing.assert_allclose(case.period_length, [10.0, 10.0])
    check_matrix(space, case, cycle_limit, cycle_limit_twin(space, case))


def test_cycle_limit_bounds(space, case):
    check_bounds(space, case, cycle_limit, ("cycle_limit",), np.full(space.n_rows, -np.inf), np.zeros(space.n_rows))

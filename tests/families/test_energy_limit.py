"""State_Of_Charge_Upper_Limit (storage, SWITCH_FORMULATION.md §8)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import energy_limit

from ._twin import (builds_online, check_bounds, check_matrix, dense, energy_build_col, soc_col, storage_gt,
                    storage_row)


def energy_limit_twin(space, case) -> np.ndarray:
    """Rows (u, t): StateOfCharge[u,t] - sum_{b online in p(t)} BuildStorageEnergy[u,b] <= 0."""
    A = dense(space)
    for g, t in storage_gt(space, case):
        r = storage_row(space, case, "energy_limit", g, t)
        A[r, soc_col(space, case, g, t)] += 1.0
        for b in builds_online(case, g, int(case.tp_period[t])):
            A[r, energy_build_col(space, case, b)] -= 1.0
    return A


def test_energy_limit_matrix(space, case):
    check_matrix(space, case, energy_limit, energy_limit_twin(space, case))


def test_energy_limit_bounds(space, case):
    check_bounds(space, case, energy_limit, ("energy_limit",),
                 np.full(space.n_rows, -np.inf), np.zeros(space.n_rows))


def test_retired_storage_build_leaves_period_two(everything):
    """BatRE_N's 2015 build (15 years) counts in 2020, not in 2030."""
    c = everything
    g = list(c.gen_names).index("BatRE_N")
    years = lambda p: sorted(c.bld_year[b] for b in builds_online(c, g, p))
    assert years(0) == [2015, 2020] and years(1) == [2020, 2030]

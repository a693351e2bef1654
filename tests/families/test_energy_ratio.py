"""Enforce_Fixed_Energy_Storage_Ratio (storage, SWITCH_FORMULATION.md §8)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import energy_ratio

from ._twin import build_col, check_bounds, check_matrix, dense, energy_build_col


def ratio_builds(case) -> list[int]:
    """Storage builds of projects with gen_storage_energy_to_power_ratio given, in build order."""
    return [b for b in range(case.n_bld) if case.gen_is_storage[case.bld_gen[b]]
            and not np.isnan(case.gen_sto_ratio[case.bld_gen[b]])]


def energy_ratio_twin(space, case) -> np.ndarray:
    """Rows (u, b) for builds with a fixed ratio, equality:

        BuildStorageEnergy[u,b] - gen_storage_energy_to_power_ratio[u] * BuildGen[u,b] = 0
    """
    A = dense(space)
    rows = space.rows["energy_ratio"]
    assert list(space.m.ratio_bld) == ratio_builds(case)
    for i, b in enumerate(ratio_builds(case)):
        r = rows.flat(i)
        A[r, energy_build_col(space, case, b)] += 1.0
        A[r, build_col(space, b)] -= case.gen_sto_ratio[case.bld_gen[b]]
    return A


def test_energy_ratio_matrix(space, case):
    assert len(ratio_builds(case)) == 2                          # BatGrid_N 2020 and 2030
    check_matrix(space, case, energy_ratio, energy_ratio_twin(space, case))


def test_energy_ratio_bounds(space, case):
    check_bounds(space, case, energy_ratio, ("energy_ratio",), np.zeros(space.n_rows), np.zeros(space.n_rows))

"""Charge_Storage_Upper_Limit (storage, SWITCH_FORMULATION.md §8)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import charge_limit

from ._twin import (builds_online, build_col, charge_col, check_bounds, check_matrix, dense, storage_gt,
                    storage_row)


def charge_limit_twin(space, case) -> np.ndarray:
    """Rows (u, t) for active storage:

        ChargeStorage[u,t] - gen_store_to_release_ratio[u] * DispatchUpperLimit[u,t] <= 0,
        DispatchUpperLimit = gen_availability[u] * (cf if variable) * sum_{b online in p(t)} BuildGen[u,b]
    """
    A = dense(space)
    for g, t in storage_gt(space, case):
        r = storage_row(space, case, "charge_limit", g, t)
        A[r, charge_col(space, case, g, t)] += 1.0
        coef = case.gen_sto_s2r[g] * case.gen_avail[g] * (case.cf[g, t] if case.gen_is_variable[g] else 1.0)
        for b in builds_online(case, g, int(case.tp_period[t])):
            A[r, build_col(space, b)] -= coef
    return A


def test_charge_limit_matrix(space, case):
    assert space.rows["charge_limit"].size == len(storage_gt(space, case)) == 24
    check_matrix(space, case, charge_limit, charge_limit_twin(space, case))


def test_charge_limit_bounds(space, case):
    check_bounds(space, case, charge_limit, ("charge_limit",),
                 np.full(space.n_rows, -np.inf), np.zeros(space.n_rows))


def test_store_to_release_defaults_to_one(everything):
    s2r = dict(zip(everything.gen_names, everything.gen_sto_s2r))
    assert s2r["BatDemand_S"] == 0.5 and s2r["BatRE_N"] == 1.0 and s2r["BatGrid_N"] == 1.0

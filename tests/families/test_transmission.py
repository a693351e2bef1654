"""Maximum_DispatchTx (transport.build + .dispatch, SWITCH_FORMULATION.md §10)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import transmission

from ._twin import check_bounds, check_matrix, dense


def transmission_twin(space, case) -> np.ndarray:
    """Rows (l, d, t), both directions:

        DispatchTx[l,d,t] - derate[l] * sum_{b <= p(t)} BuildTx[l,b] <= derate[l] * existing_trans_cap[l]

    BuildTx exists only for lines with trans_new_build_allowed; builds never retire.
    """
    A = dense(space)
    for l in range(case.n_tx):
        for d in range(2):
            for t in range(case.n_tp):
                r = space.rows["tx_limit"].flat(l, d, t)
                A[r, space.cols["dispatch_tx"].flat(l, d, t)] += 1.0
                if case.tx_new[l]:
                    j = int(space.m.tx_new_of[l])
                    for b in range(int(case.tp_period[t]) + 1):
                        A[r, space.cols["build_tx"].flat(j, b)] -= case.tx_derate[l]
    return A


def test_transmission_matrix(space, case):
    assert list(case.tx_new) == [True, False] and list(case.tx_derate) == [0.9, 1.0]
    assert space.cols["build_tx"].shape == (1, case.n_period)
    check_matrix(space, case, transmission, transmission_twin(space, case))


def test_transmission_bounds(space, case):
    lo = np.full(space.n_rows, -np.inf)
    hi = np.full(space.n_rows, np.nan)
    for l in range(case.n_tx):
        for d in range(2):
            for t in range(case.n_tp):
                hi[space.rows["tx_limit"].flat(l, d, t)] = case.tx_derate[l] * case.tx_existing[l]
    check_bounds(space, case, transmission, ("tx_limit",), lo, hi)

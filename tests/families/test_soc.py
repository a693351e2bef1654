"""Track_State_Of_Charge (storage, SWITCH_FORMULATION.md §8)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import soc

from ._twin import (charge_col, check_bounds, check_matrix, dense, dispatch_col, prev_tp, soc_col,
                    storage_gt, storage_row)


def soc_twin(space, case) -> np.ndarray:
    """Rows (u, t), equality:

        SoC[u,t] - SoC[u,prev(t)] - dur_h[t] eta[u] ChargeStorage[u,t] + dur_h[t] DispatchGen[u,t] = 0

    prev(t) wraps inside t's timeseries (recomputed here from tp_ts); for a 1-timepoint timeseries
    prev(t) == t, the SoC terms cancel and the row holds only charge and discharge.
    """
    A = dense(space)
    for g, t in storage_gt(space, case):
        r = storage_row(space, case, "soc", g, t)
        A[r, soc_col(space, case, g, t)] += 1.0
        A[r, soc_col(space, case, g, prev_tp(case, t))] -= 1.0
        A[r, charge_col(space, case, g, t)] -= case.tp_duration_h[t] * case.gen_sto_eff[g]
        A[r, dispatch_col(space, case, g, t)] += case.tp_duration_h[t]
    return A


def test_soc_matrix(space, case):
    check_matrix(space, case, soc, soc_twin(space, case))


def test_soc_one_timepoint_timeseries_has_no_soc_entry(space, case):
    """t4 and t8 are alone in their timeseries: their SoC rows have no SoC column."""
    from batteryplan.csc_builder.assemble import assemble
    A = assemble(space, case, [soc]).toarray()
    socs = space.cols["state_of_charge"]
    for g, t in storage_gt(space, case):
        row = A[storage_row(space, case, "soc", g, t), socs.start:socs.stop]
        if case.tp_ids[t] in ("t4", "t8"):
            assert not row.any()
        else:
            assert np.count_nonzero(row) == 2


def test_tp_prev_is_circular(everything):
    assert [prev_tp(everything, t) for t in range(everything.n_tp)] == [2, 0, 1, 3, 6, 4, 5, 7]
    np.testing.assert_array_equal(everything.tp_prev, [2, 0, 1, 3, 6, 4, 5, 7])
    np.testing.assert_allclose(everything.tp_duration_h, [4, 4, 4, 12, 2, 2, 2, 6])


def test_soc_bounds(space, case):
    check_bounds(space, case, soc, ("soc",), np.zeros(space.n_rows), np.zeros(space.n_rows))

"""RE-connected charging limit (MODEL.md §2)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import re_charging

from ._twin import charge_col, check_bounds, check_matrix, dense, dispatch_col, has_dispatch


def re_zones(case) -> list[int]:
    """Zones holding an RE-connected storage project with capacity in some period."""
    return sorted({int(case.gen_zone[g]) for g in range(case.n_gen)
                   if case.gen_is_storage[g] and case.gen_is_re_connect[g]
                   and any(has_dispatch(case, g, t) for t in range(case.n_tp))})


def re_charging_twin(space, case) -> np.ndarray:
    """Rows (z, t) for zones with an RE-connected battery (no battery, no row):

        sum_{u in z, RE-connected} ChargeStorage[u,t] - sum_{g in z, variable} DispatchGen[g,t] <= 0
    """
    A = dense(space)
    for z in re_zones(case):
        for t in range(case.n_tp):
            r = space.rows["re_charging"].flat(int(space.m.re_row_of[z]), t)
            for g in range(case.n_gen):
                if case.gen_zone[g] != z or not has_dispatch(case, g, t):
                    continue
                if case.gen_is_storage[g] and case.gen_is_re_connect[g]:
                    A[r, charge_col(space, case, g, t)] += 1.0
                if case.gen_is_variable[g]:
                    A[r, dispatch_col(space, case, g, t)] -= 1.0
    return A


def test_re_charging_matrix(space, case):
    assert re_zones(case) == [list(case.zones).index("N")]
    assert space.rows["re_charging"].shape == (1, case.n_tp)
    check_matrix(space, case, re_charging, re_charging_twin(space, case))


def test_re_charging_bounds(space, case):
    check_bounds(space, case, re_charging, ("re_charging",), np.full(space.n_rows, -np.inf), np.zeros(space.n_rows))


def test_attachments(everything):
    att = dict(zip(everything.gen_names, everything.gen_attachment))
    assert att["BatGrid_N"] == 0 and att["BatRE_N"] == 1 and att["BatDemand_S"] == 2

"""Enforce_Carbon_Cap (carbon_policies, SWITCH_FORMULATION.md §6 emissions and §12)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import carbon_cap

from ._twin import check_bounds, check_matrix, dense, dispatch_col, has_dispatch, tps_in_period


def co2_per_mwh(case, g: int) -> float:
    """heat_rate * (co2_intensity * (1 - ccs_capture) + upstream_co2_intensity), t CO2 per MWh (dispatch.py:353-364)."""
    f = case.gen_fuel[g]
    if f < 0:
        return 0.0
    return case.gen_heat_rate[g] * (case.fuel_co2[f] * (1.0 - case.gen_ccs_eff[g]) + case.fuel_upstream_co2[f])


def carbon_twin(space, case) -> np.ndarray:
    """Rows per period with a cap (cap_row_of):

        AnnualEmissions[p] = sum_{t in p} tp_weight_in_year[t] sum_g DispatchGen[g,t] co2_per_mwh[g] <= cap[p]
    """
    A = dense(space)
    for p in range(case.n_period):
        if not np.isfinite(case.carbon_cap[p]):
            continue
        r = space.rows["carbon_cap"].flat(int(space.m.cap_row_of[p]))
        for t in tps_in_period(case, p):
            for g in range(case.n_gen):
                if has_dispatch(case, g, t) and co2_per_mwh(case, g) != 0.0:
                    A[r, dispatch_col(space, case, g, t)] += case.tp_weight_in_year[t] * co2_per_mwh(case, g)
    return A


def test_carbon_cap_matrix(space, case):
    assert space.rows["carbon_cap"].size == 1                     # a cap in 2030 only
    check_matrix(space, case, carbon_cap, carbon_twin(space, case))


def test_carbon_cap_bounds(space, case):
    lo = np.full(space.n_rows, np.nan)
    hi = np.full(space.n_rows, np.nan)
    r = space.rows["carbon_cap"].flat(0)
    lo[r], hi[r] = -np.inf, 2_000_000.0
    check_bounds(space, case, carbon_cap, ("carbon_cap",), lo, hi)


def test_carbon_inputs(everything):
    c = everything
    np.testing.assert_array_equal(c.carbon_cap, [np.inf, 2e6])
    np.testing.assert_array_equal(c.carbon_price, [20.0, 40.0])
    g = list(c.gen_names).index("GasCCS_N")
    assert np.isclose(co2_per_mwh(c, g), 9.0 * 0.053 * 0.1)       # '.' upstream reads as 0

"""Enforce_Fuel_Consumption (fuel_costs.markets, markets.py:355-362 of switch-model 2.0.9, §4)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import fuel_markets

from ._twin import check_bounds, check_matrix, dense, dispatch_col, has_dispatch, tps_in_period


def fuel_markets_twin(space, case) -> np.ndarray:
    """Rows (rfm, p), equality (FuelConsumptionInMarket = sum of its tiers, single-fuel projects):

        sum_{tiers k of (rfm, p)} ConsumeFuelTier[k]
          - sum_{g whose zone buys g's fuel in rfm} sum_{t in p} tp_weight_in_year[t] heat_rate[g] DispatchGen[g,t] = 0
    Nothing unless fuel_costs.markets.
    """
    A = dense(space)
    if case.fuel_mode != "markets":
        return A
    rows = space.rows["fuel_market"]
    for k in range(case.n_tier):
        A[rows.flat(case.tier_rfm[k], case.tier_period[k]), space.cols["consume_fuel_tier"].flat(k)] += 1.0
    for g in range(case.n_gen):
        f = case.gen_fuel[g]
        if f < 0:
            continue
        rfm = case.zone_fuel_rfm[case.gen_zone[g], f]
        if rfm < 0:
            continue
        for p in range(case.n_period):
            for t in tps_in_period(case, p):
                if has_dispatch(case, g, t):
                    A[rows.flat(rfm, p), dispatch_col(space, case, g, t)] -= \
                        case.tp_weight_in_year[t] * case.gen_heat_rate[g]
    return A


def test_fuel_markets_matrix(space, case):
    check_matrix(space, case, fuel_markets, fuel_markets_twin(space, case))


def test_fuel_markets_bounds(space, case):
    lo = np.full(space.n_rows, np.nan)
    if case.fuel_mode == "markets":
        b = space.rows["fuel_market"]
        lo[b.start:b.stop] = 0.0
    check_bounds(space, case, fuel_markets, ("fuel_market",), lo, lo.copy())


def test_markets_case_tables(markets):
    """Two-tier gas curves and the simple-cost uranium market, as written by the fixture."""
    c = markets
    assert list(c.rfm_names) == ["Coal_all", "Gas_N", "Gas_S", "S_Uranium"]
    fuels = list(c.fuel_names)
    zones = list(c.zones)
    assert c.zone_fuel_rfm[zones.index("N"), fuels.index("Gas")] == 1
    assert c.zone_fuel_rfm[zones.index("S"), fuels.index("Uranium")] == 3
    assert c.zone_fuel_rfm[zones.index("E"), fuels.index("Coal")] == -1
    gas_n = [(int(p), cost, lim) for r, p, cost, lim in zip(c.tier_rfm, c.tier_period, c.tier_cost, c.tier_limit)
             if r == 1]
    assert gas_n == [(0, 4.0, 1e6), (0, 6.0, np.inf), (1, 4.5, 2e6), (1, 7.0, np.inf)]

"""Regional fuel markets (fuel_costs.markets, §4): ConsumeFuelTier[k] in [0, max_avail_at_cost] per supply tier
(an empty block in other fuel modes), at BAC(p) * unit_cost, and Enforce_Fuel_Consumption; rows (rfm, p),
equality:

    sum_{tiers of rfm, p} ConsumeFuelTier - sum_{g buying in rfm} sum_{t in p} w_year[t] heat_rate[g] DispatchGen[g,t] = 0
"""
from __future__ import annotations

import numpy as np

from ..kernels.dispatch_rows import fuel_market_put

NAME = "fuel_markets"
MODULES = ()          # without the module the tier block is empty
ROWS = "fuel_market"


def columns(case, m):
    return [("consume_fuel_tier", (case.n_tier,))]


def col_bounds(space, case, lo, hi):
    b = space.cols["consume_fuel_tier"]
    hi[b.start:b.stop] = case.tier_limit


def costs(space, case, cost):
    b = space.cols["consume_fuel_tier"]
    cost[b.start:b.stop] = case.bac[case.tier_period] * case.tier_cost
    return 0.0


def annual_costs(space, case, x, a):
    if case.fuel_mode != "markets":
        return {}
    fuel = np.zeros(case.n_period)
    np.add.at(fuel, case.tier_period, space.cols["consume_fuel_tier"].view(x) * case.tier_cost)
    return {"fuel": fuel}


def row_blocks(case, m):
    if case.fuel_mode != "markets":
        return []
    return [(ROWS, (len(case.rfm_names), case.n_period))]


def put(fill, col_pos, indices, data, space, case):
    if case.fuel_mode != "markets":
        return
    c, m = space.cols, space.m
    fuel_market_put(fill, col_pos, indices, data, space.rows[ROWS].start, c["dispatch_gen"].start,
                    c["consume_fuel_tier"].start, m.gt_rfm, m.gt_gen, m.gt_tp, case.tp_period,
                    case.tp_weight_in_year, case.gen_heat_rate, case.n_period, case.tier_rfm, case.tier_period)


def bounds(space, case, lo, hi):
    if case.fuel_mode != "markets":
        return
    b = space.rows[ROWS]
    lo[b.start:b.stop] = 0.0
    hi[b.start:b.stop] = 0.0

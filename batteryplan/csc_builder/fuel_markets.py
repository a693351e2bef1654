"""Enforce_Fuel_Consumption (fuel_costs.markets, §4); rows (rfm, p), equality:

    sum_{tiers of rfm, p} ConsumeFuelTier - sum_{g buying in rfm} sum_{t in p} w_year[t] heat_rate[g] DispatchGen[g,t] = 0
"""
from __future__ import annotations

from ..kernels.dispatch_rows import fuel_market_put

ROWS = "fuel_market"


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

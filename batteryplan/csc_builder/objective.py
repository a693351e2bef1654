"""The cost vector and constant of SWITCH's objective (SWITCH_FORMULATION.md §13), in NPV dollars.

Scenarios of one strategy differ only here: carbon price and battery costs enter the costs,
never the matrix.
"""
from __future__ import annotations

import numpy as np

from .space import IndexSpace


def crf(i: float, n: np.ndarray) -> np.ndarray:
    n = np.asarray(n, dtype=np.float64)
    return i / (1.0 - (1.0 + i) ** -n) if i != 0 else 1.0 / n


def cost_vector(space: IndexSpace, case) -> tuple[np.ndarray, float]:
    """(costs per column, constant) so that objective = costs @ x + constant."""
    c, m = space.cols, space.m
    bac = case.bac
    cost = np.zeros(space.n_cols)
    g = case.bld_gen
    gen_crf = crf(case.interest_rate, case.gen_max_age)
    npv_online = case.bld_online @ bac                                  # sum of BAC over online periods
    b = c["build_gen"]
    cost[b.start:b.stop] = npv_online * ((case.bld_overnight + case.gen_connect[g]) * gen_crf[g]
                                         + case.bld_fixed_om)
    b = c["build_storage_energy"]
    e = m.ebld
    cost[b.start:b.stop] = npv_online[e] * (case.bld_e_overnight[e] * gen_crf[g[e]] + case.bld_e_fixed_om[e])
    b = c["dispatch_gen"]
    gg, t = m.gt_gen, m.gt_tp
    p = case.tp_period[t]
    per_mwh = case.gen_vom[gg] + case.carbon_price[p] * case.gen_heat_rate[gg] * case.gen_co2_per_heat[gg]
    if case.fuel_mode == "simple":
        price = case.fuel_cost[case.gen_zone[gg], np.maximum(case.gen_fuel[gg], 0), p]
        per_mwh = per_mwh + np.where((case.gen_fuel[gg] >= 0) & ~np.isnan(price),
                                     case.gen_heat_rate[gg] * np.nan_to_num(price), 0.0)
    cost[b.start:b.stop] = bac[p] * case.tp_weight_in_year[t] * per_mwh
    b = c["consume_fuel_tier"]
    cost[b.start:b.stop] = bac[case.tier_period] * case.tier_cost
    later = np.cumsum(bac[::-1])[::-1]                                  # sum_{p >= b} BAC(p)
    b = c["build_tx"]
    cost[b.start:b.stop] = np.outer(case.tx_cost_annual[m.tx_new], later).ravel()
    b = c["build_local_td"]
    if b.size:
        cost[b.start:b.stop] = np.outer(case.td_cost, later).ravel()
    b = c["unserved_load"]
    if b.size:
        cost[b.start:b.stop] = np.tile(bac[case.tp_period] * case.tp_weight_in_year * case.unserved_penalty,
                                       case.n_zone)
    constant = float(bac.sum() * (np.dot(case.tx_existing, case.tx_cost_annual)
                                  + (np.dot(case.td_existing, case.td_cost) if case.has_local_td else 0.0)))
    return cost, constant

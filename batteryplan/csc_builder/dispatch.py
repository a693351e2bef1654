"""Dispatch (generators.core.dispatch, §6): one DispatchGen column per active (project, timepoint), with

    DispatchGen[g, t] >= hydro_min_flow_mw[g, ts(t)] (Enforce_Hydro_Min_Flow, §9, as a bound)
    DispatchGen[g, t] = 0 where the project's fuel has no price or market in its zone (§4)

and its per-MWh costs, in NPV dollars (§13):
    BAC(p) * tp_weight_in_year[t] * (variable_om[g] + heat_rate[g] * (fuel_cost[z, f, p] + carbon_price[p] * co2[g]))
(the fuel price only with fuel_costs.simple; markets price fuel through ConsumeFuelTier). SWITCH's fuel use
(GenFuelUseRate = heat_rate * DispatchGen) is substituted out (MODEL.md §4) and reported back here.
"""
from __future__ import annotations

import numpy as np

NAME = "dispatch"
MODULES = ()
RESULTS = {
    "dispatch_mw": (("projects", "timepoints"), "MW"),
    "fuel_use": (("projects", "timepoints"), "heat units per h"),
    "co2_t_per_h": (("projects", "timepoints"), "t CO2 per h"),
    "demand_mw": (("zones", "timepoints"), "MW"),
}


def columns(case, m):
    return [("dispatch_gen", (len(m.gt_gen),))]


def col_bounds(space, case, lo, hi):
    m = space.m
    b = space.cols["dispatch_gen"]
    hmin = case.hydro_min_mw[m.gt_gen, case.tp_ts[m.gt_tp]]
    lo[b.start:b.stop] = np.where(np.isnan(hmin), 0.0, hmin)
    hi[b.start:b.stop] = np.where(m.fuel_blocked, 0.0, np.inf)


def _simple_fuel_price(case, g, p):
    """$ per heat unit of project g's fuel in period p (fuel_costs.simple); 0 where none or not a fuel."""
    price = case.fuel_cost[case.gen_zone[g], np.maximum(case.gen_fuel[g], 0), p]
    return np.where((case.gen_fuel[g] >= 0) & ~np.isnan(price), np.nan_to_num(price), 0.0)


def costs(space, case, cost):
    m = space.m
    g, t = m.gt_gen, m.gt_tp
    p = case.tp_period[t]
    per_mwh = case.gen_vom[g] + case.carbon_price[p] * case.gen_heat_rate[g] * case.gen_co2_per_heat[g]
    if case.fuel_mode == "simple":
        per_mwh = per_mwh + case.gen_heat_rate[g] * _simple_fuel_price(case, g, p)
    b = space.cols["dispatch_gen"]
    cost[b.start:b.stop] = case.bac[p] * case.tp_weight_in_year[t] * per_mwh
    return 0.0


def results(space, case, x, row_dual, out):
    m = space.m
    disp = np.zeros((case.n_gen, case.n_tp))
    disp[m.gt_gen, m.gt_tp] = space.cols["dispatch_gen"].view(x)
    out["dispatch_mw"] = disp
    out["demand_mw"] = case.demand_mw
    out["fuel_use"] = disp * case.gen_heat_rate[:, None]            # SWITCH's GenFuelUseRate
    out["co2_t_per_h"] = out["fuel_use"] * case.gen_co2_per_heat[:, None]


def annual(case, v):
    """(..., n_tp) MW -> (..., n_period) MWh per year."""
    P = np.zeros((case.n_tp, case.n_period))
    P[np.arange(case.n_tp), case.tp_period] = 1.0
    return (v * case.tp_weight_in_year) @ P


def annual_costs(space, case, x, a):
    """Variable O&M, fuel (simple prices) and carbon cost, $/yr in each period."""
    out = {"variable_om": annual(case, (a["dispatch_mw"] * case.gen_vom[:, None]).sum(axis=0))}
    if case.fuel_mode == "simple":
        price = np.nan_to_num(case.fuel_cost[case.gen_zone, np.maximum(case.gen_fuel, 0)][:, case.tp_period])
        out["fuel"] = annual(case, (a["fuel_use"] * price).sum(axis=0))
    else:
        out["fuel"] = np.zeros(case.n_period)
    out["carbon"] = annual(case, a["co2_t_per_h"].sum(axis=0)) * case.carbon_price
    return out

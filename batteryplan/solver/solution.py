"""Split the solution by block into arrays in SWITCH's terms, and the /summary tables (numpy only)."""
from __future__ import annotations

import numpy as np

from ..csc_builder.objective import crf


def _block(v, space, name):
    b = space.cols[name]
    return v[b.start:b.stop].reshape(b.shape)


def _rows(v, space, name):
    b = space.rows[name]
    return v[b.start:b.stop].reshape(b.shape)


def arrays(lp, x: np.ndarray, row_dual: np.ndarray) -> dict[str, np.ndarray]:
    """Primal values and prices as dense labelled arrays (see MODEL.md §5 for the layout)."""
    case, space = lp.case, lp.space
    m = space.m
    n_gen, n_tp, n_period, n_zone = case.n_gen, case.n_tp, case.n_period, case.n_zone
    out: dict[str, np.ndarray] = {}
    bg = _block(x, space, "build_gen")
    new = ~case.bld_fixed
    period_of_bld = np.searchsorted(case.periods, case.bld_year)
    is_period = (period_of_bld < n_period) & (case.periods[np.minimum(period_of_bld, n_period - 1)] == case.bld_year)
    build = np.zeros((n_gen, n_period))
    sel = new & is_period
    np.add.at(build, (case.bld_gen[sel], period_of_bld[sel]), bg[sel])
    out["build_mw"] = build
    out["capacity_mw"] = np.zeros((n_gen, n_period))
    np.add.at(out["capacity_mw"], case.bld_gen, bg[:, None] * case.bld_online)
    be = _block(x, space, "build_storage_energy")
    out["energy_capacity_mwh"] = np.zeros((n_gen, n_period))
    np.add.at(out["energy_capacity_mwh"], case.bld_gen[m.ebld], be[:, None] * case.bld_online[m.ebld])
    disp = np.zeros((n_gen, n_tp))
    disp[m.gt_gen, m.gt_tp] = _block(x, space, "dispatch_gen")
    out["dispatch_mw"] = disp
    chg = np.zeros((n_gen, n_tp))
    soc = np.zeros((n_gen, n_tp))
    chg[m.gt_gen[m.st_gt], m.gt_tp[m.st_gt]] = _block(x, space, "charge_storage")
    soc[m.gt_gen[m.st_gt], m.gt_tp[m.st_gt]] = _block(x, space, "state_of_charge")
    out["charge_mw"], out["state_of_charge_mwh"] = chg, soc
    btx = np.zeros((case.n_tx, n_period))
    btx[m.tx_new] = _block(x, space, "build_tx")
    out["tx_build_mw"] = btx
    out["tx_capacity_mw"] = case.tx_existing[:, None] + np.cumsum(btx, axis=1)
    out["tx_flow_mw"] = _block(x, space, "dispatch_tx")
    out["demand_mw"] = case.demand_mw
    out["unserved_mw"] = (_block(x, space, "unserved_load") if case.has_unserved else np.zeros((n_zone, n_tp)))
    if case.has_local_td:
        out["local_td_build_mw"] = _block(x, space, "build_local_td")
        out["local_td_withdraw_mw"] = _block(x, space, "withdraw_from_central_grid")
    scale = case.bac[case.tp_period] * case.tp_weight_in_year
    out["price_per_mwh"] = _rows(row_dual, space, "balance") / scale[None, :]
    # fuel use and emissions, SWITCH's GenFuelUseRate and DispatchEmissions
    out["fuel_use"] = disp * case.gen_heat_rate[:, None]
    out["co2_t_per_h"] = out["fuel_use"] * case.gen_co2_per_heat[:, None]
    return out


def summary(lp, a: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per-period tables: cost by component ($/yr, undiscounted), CO2, generation, transmission,
    battery charge and discharge by zone and attachment."""
    case, space = lp.case, lp.space
    n_period, n_zone = case.n_period, case.n_zone
    w = case.tp_weight_in_year                                     # h/yr
    P = np.zeros((case.n_tp, n_period)); P[np.arange(case.n_tp), case.tp_period] = 1.0
    annual = lambda v: (v * w) @ P                                 # (.., n_tp) MW -> (.., n_period) MWh/yr
    s: dict[str, np.ndarray] = {}
    s["co2_t_per_yr"] = annual(a["co2_t_per_h"].sum(axis=0))
    gen_mwh = annual(a["dispatch_mw"])                             # (n_gen, n_period)
    is_sto = case.gen_is_storage
    s["generation_mwh_per_yr"] = gen_mwh.sum(axis=0) - gen_mwh[is_sto].sum(axis=0)
    techs, tech_of = np.unique(case.gen_tech.astype(str), return_inverse=True)
    gt = np.zeros((len(techs), n_period)); np.add.at(gt, tech_of, gen_mwh)
    s["generation_by_tech_mwh_per_yr"] = gt
    gz = np.zeros((n_zone, n_period)); np.add.at(gz, case.gen_zone[~is_sto], gen_mwh[~is_sto])
    s["generation_by_zone_mwh_per_yr"] = gz
    # costs per component, $/yr in each period (multiply by BAC for NPV)
    gcrf = crf(case.interest_rate, case.gen_max_age)
    bg = a["_build_gen"]
    cap_cost = np.zeros(n_period)
    cap_cost += (bg * ((case.bld_overnight + case.gen_connect[case.bld_gen]) * gcrf[case.bld_gen]
                       + case.bld_fixed_om)) @ case.bld_online
    be = a["_build_storage_energy"]; e = space.m.ebld
    cap_cost += (be * (case.bld_e_overnight[e] * gcrf[case.bld_gen[e]] + case.bld_e_fixed_om[e])) @ case.bld_online[e]
    vom = annual((a["dispatch_mw"] * case.gen_vom[:, None]).sum(axis=0))
    if case.fuel_mode == "simple":
        price = np.nan_to_num(case.fuel_cost[case.gen_zone, np.maximum(case.gen_fuel, 0)][:, case.tp_period])
        fuel = annual((a["fuel_use"] * price).sum(axis=0))
    elif case.fuel_mode == "markets":
        fuel = np.zeros(n_period); np.add.at(fuel, case.tier_period, a["_consume_fuel_tier"] * case.tier_cost)
    else:
        fuel = np.zeros(n_period)
    carbon = s["co2_t_per_yr"] * case.carbon_price
    tx = a["tx_capacity_mw"].T @ case.tx_cost_annual if case.n_tx else np.zeros(n_period)
    td = ((case.td_existing[:, None] + np.cumsum(a["local_td_build_mw"], axis=1)).T @ case.td_cost
          if case.has_local_td else np.zeros(n_period))
    unserved = annual(a["unserved_mw"].sum(axis=0)) * (case.unserved_penalty if case.has_unserved else 0.0)
    comps = np.vstack([cap_cost, vom, fuel, carbon, tx, td, unserved])
    s["cost_components"] = np.array(["generation_and_storage_fixed", "variable_om", "fuel", "carbon",
                                      "transmission", "local_td", "unserved_load"], dtype=object)
    s["cost_by_component_usd_per_yr"] = comps
    s["system_cost_usd_per_yr"] = comps.sum(axis=0)
    s["system_cost_npv_usd"] = comps.sum(axis=0) * case.bac
    with np.errstate(divide="ignore", invalid="ignore"):
        s["electricity_cost_usd_per_mwh"] = s["system_cost_usd_per_yr"] / s["generation_mwh_per_yr"]
    s["tx_capacity_mw"] = a["tx_capacity_mw"]
    s["tx_energy_sent_mwh_per_yr"] = annual(a["tx_flow_mw"].sum(axis=1))
    s["tx_cost_usd_per_yr"] = a["tx_capacity_mw"] * case.tx_cost_annual[:, None]
    bat = case.gen_is_battery
    for name, key in (("charge", "charge_mw"), ("discharge", "dispatch_mw")):
        arr = np.zeros((n_zone, 3, n_period))
        np.add.at(arr, (case.gen_zone[bat], case.gen_attachment[bat]), annual(a[key][bat]))
        s[f"storage_{name}_by_zone_attachment_mwh_per_yr"] = arr
    return s

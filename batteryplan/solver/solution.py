"""Split the solution by block into arrays in SWITCH's terms, and the /summary tables (numpy only)."""
from __future__ import annotations

import numpy as np

from ..csc_builder.registry import FAMILIES, on


# The cost components of /summary, in this order; a family's new component follows them.
COMPONENTS = ("generation_and_storage_fixed", "variable_om", "fuel", "carbon", "transmission", "local_td",
              "unserved_load")


def arrays(lp, x: np.ndarray, row_dual: np.ndarray) -> dict[str, np.ndarray]:
    """Primal values and prices as dense labelled arrays (MODEL.md §5): each family reports its own."""
    out: dict[str, np.ndarray] = {}
    for fam in on(FAMILIES, lp.case):
        if hasattr(fam, "results"):
            fam.results(lp.space, lp.case, x, row_dual, out)
    return out


def cost_components(lp, x: np.ndarray, a: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Annual cost ($/yr, undiscounted) per component and period, summed over the families' ``annual_costs``."""
    comps = {name: np.zeros(lp.case.n_period) for name in COMPONENTS}
    for fam in on(FAMILIES, lp.case):
        if hasattr(fam, "annual_costs"):
            for name, v in fam.annual_costs(lp.space, lp.case, x, a).items():
                comps[name] = comps.get(name, 0.0) + v
    return comps


def summary(lp, a: dict[str, np.ndarray], x: np.ndarray) -> dict[str, np.ndarray]:
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
    by_name = cost_components(lp, x, a)
    comps = np.vstack(list(by_name.values()))
    s["cost_components"] = np.array(list(by_name), dtype=object)
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

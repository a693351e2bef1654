"""The cost vector and constant (objective.cost_vector) against SWITCH_FORMULATION.md §13 (and §4 markets)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import FAMILIES
from batteryplan.csc_builder.objective import cost_vector
from batteryplan.csc_builder.space import build_space

from .conftest import (BASE_YEAR, DISCOUNT, INTEREST, PENALTY, TX_COST_PER_MW_KM, TX_LENGTH, TX_LIFE, TX_OM,
                       TX_TERRAIN)
from ._twin import build_col, dispatch_col, energy_build_col, has_dispatch, tps_in_period
from .test_carbon_cap import co2_per_mwh


def crf(i: float, n: float) -> float:
    """Capital recovery factor, financials.py:39."""
    return i / (1.0 - (1.0 + i) ** -n)


def bac(case, p: int) -> float:
    """bring_annual_costs_to_base_year: sum_{y = start+1}^{start+L} (1+r)^-(y - base), end-of-year discounting."""
    start = float(case.periods[p])                     # the fixture's period_start equals the label
    return sum((1.0 + DISCOUNT) ** -(start + k - BASE_YEAR) for k in range(1, 11))   # L = 10 years


def tx_cost_annual(case, l: int) -> float:
    """trans_capital_cost_per_mw_km * terrain * length * (crf(i, life) + fixed O&M fraction), build.py:236-245."""
    name = case.tx_names[l]
    return TX_COST_PER_MW_KM * TX_TERRAIN[name] * TX_LENGTH[name] * (crf(INTEREST, TX_LIFE) + TX_OM)


def fuel_price(case, g: int, p: int) -> float:
    """$/heat unit under fuel_costs.simple; 0 when the zone has no price (fuel use is then forced to 0)."""
    if case.fuel_mode != "simple" or case.gen_fuel[g] < 0:
        return 0.0
    v = case.fuel_cost[case.gen_zone[g], case.gen_fuel[g], p]
    return 0.0 if np.isnan(v) else float(v)


def objective_twin(space, case) -> tuple[np.ndarray, float]:
    """Per-column NPV coefficients of §13, BAC(p) times:

    BuildGen[g,b]:             sum over online p of (overnight + connect) crf(i, age) + fixed_om (per vintage)
    BuildStorageEnergy[g,b]:   sum over online p of energy_overnight crf(i, age) + energy_fixed_om
    DispatchGen[g,t]:          w(t) (vom + heat_rate fuel_cost[z,f,p] + carbon_cost[p] heat_rate co2)
    BuildTx[l,b]:              sum_{p >= b} trans_cost_annual[l]    (builds never retire)
    BuildLocalTD[z,b]:         sum_{p >= b} local_td_annual_cost_per_mw[z]
    UnservedLoad[z,t]:         w(t) penalty
    ConsumeFuelTier[k]:        unit_cost[k] in its period (markets: a per-period $/yr component)
    constant:                  sum_p BAC(p) (sum_l existing_tx trans_cost_annual + sum_z existing_local_td cost)
    """
    cost = np.zeros(space.n_cols)
    for b in range(case.n_bld):
        g = case.bld_gen[b]
        for p in range(case.n_period):
            if not case.bld_online[b, p]:
                continue
            cost[build_col(space, b)] += bac(case, p) * (
                (case.bld_overnight[b] + case.gen_connect[g]) * crf(INTEREST, case.gen_max_age[g])
                + case.bld_fixed_om[b])
            if case.gen_is_storage[g]:
                cost[energy_build_col(space, case, b)] += bac(case, p) * (
                    case.bld_e_overnight[b] * crf(INTEREST, case.gen_max_age[g]) + case.bld_e_fixed_om[b])
    for p in range(case.n_period):
        for t in tps_in_period(case, p):
            w = bac(case, p) * case.tp_weight_in_year[t]
            for g in range(case.n_gen):
                if has_dispatch(case, g, t):
                    cost[dispatch_col(space, case, g, t)] += w * (
                        case.gen_vom[g] + case.gen_heat_rate[g] * fuel_price(case, g, p)
                        + case.carbon_price[p] * co2_per_mwh(case, g))
            if case.has_unserved:
                for z in range(case.n_zone):
                    cost[space.cols["unserved_load"].flat(z, t)] += w * PENALTY
    for l in range(case.n_tx):
        if case.tx_new[l]:
            for b in range(case.n_period):
                for p in range(b, case.n_period):
                    cost[space.cols["build_tx"].flat(int(space.m.tx_new_of[l]), b)] += bac(case, p) * tx_cost_annual(case, l)
    if case.has_local_td:
        for z in range(case.n_zone):
            for b in range(case.n_period):
                for p in range(b, case.n_period):
                    cost[space.cols["build_local_td"].flat(z, b)] += bac(case, p) * case.td_cost[z]
    for k in range(case.n_tier):
        cost[space.cols["consume_fuel_tier"].flat(k)] += bac(case, int(case.tier_period[k])) * case.tier_cost[k]
    constant = 0.0
    for p in range(case.n_period):
        constant += bac(case, p) * sum(case.tx_existing[l] * tx_cost_annual(case, l) for l in range(case.n_tx))
        if case.has_local_td:
            constant += bac(case, p) * sum(case.td_existing[z] * case.td_cost[z] for z in range(case.n_zone))
    return cost, constant


def test_cost_vector(space, case):
    cost, constant = cost_vector(space, case)
    twin, twin_constant = objective_twin(space, case)
    assert cost.shape == (space.n_cols,) and cost.dtype == np.float64
    np.testing.assert_allclose(cost, twin, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(constant, twin_constant, rtol=1e-12)


def test_discounting_and_weights(case):
    """BAC, period lengths and tp_weight_in_year recomputed from the fixture's files."""
    np.testing.assert_allclose(case.bac, [bac(case, p) for p in range(case.n_period)], rtol=1e-14)
    np.testing.assert_allclose(case.period_length, [10.0, 10.0])
    np.testing.assert_allclose(case.tp_weight_in_year,
                               np.array([4 * 5000] * 3 + [12 * 2305] + [2 * 10000] * 3 + [6 * 4610]) / 10.0)
    np.testing.assert_allclose(case.tx_cost_annual, [tx_cost_annual(case, l) for l in range(case.n_tx)], rtol=1e-14)


def test_markets_fuel_cost_only_in_tiers(markets):
    """Under fuel_costs.markets the dispatch columns carry no fuel price: it sits on ConsumeFuelTier."""
    space = build_space(markets, FAMILIES)
    cost, _ = cost_vector(space, markets)
    b = space.cols["consume_fuel_tier"]
    assert b.size == markets.n_tier == 10 and np.all(cost[b.start:b.stop] > 0)
    g = list(markets.gen_names).index("Coal_N")
    t = 0
    j = dispatch_col(space, markets, g, t)
    w = bac(markets, 0) * markets.tp_weight_in_year[t]
    np.testing.assert_allclose(cost[j], w * (3.0 + 20.0 * co2_per_mwh(markets, g)), rtol=1e-12)

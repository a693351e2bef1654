"""Column bounds (bounds.column_bounds): SWITCH's variable domains (§5, §6, §8-§11, §4 markets)."""
from __future__ import annotations

import numpy as np

from batteryplan.csc_builder import FAMILIES, row_bounds
from batteryplan.csc_builder.bounds import column_bounds
from batteryplan.csc_builder.registry import on

from ._twin import build_col, dispatch_col, energy_build_col, has_dispatch


def fuel_unavailable(case, g: int, p: int) -> bool:
    """SWITCH forces fuel use (so dispatch) to 0: simple, no (zone, fuel, period) price (simple.py:60-69);
    markets, the zone buys the fuel in no market (Enforce_Fuel_Unavailability)."""
    f = case.gen_fuel[g]
    if f < 0:
        return False
    if case.fuel_mode == "simple":
        return bool(np.isnan(case.fuel_cost[case.gen_zone[g], f, p]))
    if case.fuel_mode == "markets":
        return bool(case.zone_fuel_rfm[case.gen_zone[g], f] < 0)
    return False


def column_bounds_twin(space, case) -> tuple[np.ndarray, np.ndarray]:
    """Every column >= 0 and unbounded above, except:

    BuildGen: predetermined -> fixed at build_gen_predetermined; else <= gen_capacity_limit_mw (build.py:503-516)
    BuildStorageEnergy: predetermined energy -> fixed at build_gen_energy_predetermined (storage.py:175-188)
    DispatchGen: >= hydro_min_flow_mw[g, ts(t)] for hydro (Enforce_Hydro_Min_Flow); fixed at 0 without fuel
    DispatchBaseloadByPeriod: free (a Var with no domain)
    ConsumeFuelTier: <= max_avail_at_cost
    BuildMinGenCap: binary, so <= 1 (build.py's Binary domain)
    """
    lo = np.zeros(space.n_cols)
    hi = np.full(space.n_cols, np.inf)
    for b in range(case.n_bld):
        g = case.bld_gen[b]
        j = build_col(space, b)
        if case.bld_fixed[b]:
            lo[j] = hi[j] = case.bld_fixed_mw[b]
        elif np.isfinite(case.gen_cap_limit[g]):
            hi[j] = case.gen_cap_limit[g]
        if case.gen_is_storage[g] and not np.isnan(case.bld_e_fixed_mwh[b]):
            j = energy_build_col(space, case, b)
            lo[j] = hi[j] = case.bld_e_fixed_mwh[b]
    for g in range(case.n_gen):
        for t in range(case.n_tp):
            if not has_dispatch(case, g, t):
                continue
            j = dispatch_col(space, case, g, t)
            h = case.hydro_min_mw[g, case.tp_ts[t]]
            if not np.isnan(h):
                lo[j] = h
            if fuel_unavailable(case, g, int(case.tp_period[t])):
                hi[j] = 0.0
    b = space.cols["dispatch_baseload"]
    lo[b.start:b.stop] = -np.inf
    for k in range(case.n_tier):
        hi[space.cols["consume_fuel_tier"].flat(k)] = case.tier_limit[k]
    b = space.cols["build_min_gen_cap"]
    hi[b.start:b.stop] = 1.0
    return lo, hi


def test_column_bounds(space, case):
    lo, hi = column_bounds(space, case)
    tlo, thi = column_bounds_twin(space, case)
    assert lo.shape == hi.shape == (space.n_cols,)
    np.testing.assert_array_equal(lo, tlo)
    np.testing.assert_array_equal(hi, thi)


def test_fixture_edge_cases_reach_the_bounds(everything):
    """GasCCS_N has no gas price in N for 2030; BatRE_N's 2015 build fixes 10 MW and 40 MWh."""
    c = everything
    names = list(c.gen_names)
    g = names.index("GasCCS_N")
    assert [fuel_unavailable(c, g, p) for p in range(c.n_period)] == [False, True]
    b = [k for k in range(c.n_bld) if c.bld_gen[k] == names.index("BatRE_N") and c.bld_year[k] == 2015]
    assert len(b) == 1 and c.bld_fixed[b[0]] and c.bld_fixed_mw[b[0]] == 10 and c.bld_e_fixed_mwh[b[0]] == 40
    assert not np.any((c.bld_gen == names.index("Coal_N")) & (c.bld_year == 1970))   # retired before 2020


def test_every_row_gets_bounds(space, case):
    """Each family writes its own rows only, and all rows together get bounds, lo <= hi."""
    lo, hi = row_bounds(space, case)
    assert not np.isnan(lo).any() and not np.isnan(hi).any()
    assert np.all(lo <= hi)
    seen = np.zeros(space.n_rows, int)
    for fam in [f for f in on(FAMILIES, case) if hasattr(f, "bounds")]:      # a family that is off has no rows
        flo = np.full(space.n_rows, np.nan)
        fam.bounds(space, case, flo, flo.copy())
        seen += ~np.isnan(flo)
    assert np.all(seen == 1)

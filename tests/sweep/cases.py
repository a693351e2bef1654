"""Small cases for the sweep tests, written with the peer-case helpers (tests/peer/cases.py).

    tie_case      one zone, no local T&D, solar far above load at midday: batteries charge from
                  curtailed solar, so under Mixed a grid, an RE-connected and a demand-side battery
                  (no local T&D: a grid battery too) can do each other's work at equal cost.
    no_tie_case   one zone, local T&D with 5.3 % loss, no wind or solar: an RE-connected battery
                  cannot charge at all, and a demand-side battery saves the T&D loss on every MWh a
                  grid battery would discharge, so the optimal split is unique (demand 1, others 0).
    chain_case    two zones, two periods, `days` days of hourly timepoints: big enough that one
                  solve takes a noticeable time (resume test), small enough for a test.

Every case carries ``carbon_price_paths.csv`` and ``battery_cost_paths.csv`` (B 1, M 1/3, R 1/5), so
all 24 scenarios exist. Battery projects are those whose gen_tech contains "Battery".
"""
from __future__ import annotations

import math
from pathlib import Path

from tests.peer.cases import (CORE_MODULES, FUELS, HEAT_RATE, NON_FUEL, RE_MODULE, SIMPLE_FUEL, STORAGE,
                              TX_BUILD, TX_DISPATCH, VOM, _existing, assemble, battery, financials, gen, tech_costs,
                              write_case)

BATTERY_PATHS = [{"path": "B", "multiplier": 1.0}, {"path": "M", "multiplier": 1 / 3},
                 {"path": "R", "multiplier": 0.2}]


def carbon_paths(periods: list[int], low: float = 30.0) -> list[dict]:
    return [{"PERIOD": p, "low": low * (1 + 0.5 * k), "high": 2 * low * (1 + 0.5 * k)} for k, p in enumerate(periods)]


def tie_case(dst: Path) -> Path:
    """1 zone, 1 period (2030); 2,500 MW of existing solar against a 1,000 MW load; gas CC and GT."""
    z, periods = "Sunny", [2030]
    gens = [
        gen("S-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"], f_or=0.04),
        gen("S-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"], f_or=0.03),
        gen("S-Solar", "Solar", z, "Solar", 25, variable=True, limit_mw=2500.0),
        battery("S-Battery", z, ratio=4.0),
    ]
    costs, predet = [], []
    for g, tech, year, mw in [("S-Gas_CC", "Gas_CC", 2015, 700.0), ("S-Solar", "Solar", 2022, 2500.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    costs += tech_costs("S-Gas_GT", "Gas_GT", periods)
    costs += tech_costs("S-Battery", "Battery_Storage", periods)
    return assemble(dst, zones={z: 1000.0}, periods=periods, gens=gens, costs=costs, predet=predet,
                    variable={"S-Solar": "solar"}, extra_modules=[STORAGE, RE_MODULE], fuels=("NaturalGas",),
                    extra_tables={"carbon_price_paths": carbon_paths(periods),
                                  "battery_cost_paths": BATTERY_PATHS})


def no_tie_case(dst: Path) -> Path:
    """1 zone, 1 period; local T&D (5.3 % loss); gas CC (cheap fuel, existing) and GT only."""
    z, periods = "Inland", [2030]
    gens = [
        gen("I-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"], f_or=0.04,
            gen_is_distributed=0),
        gen("I-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"], f_or=0.03,
            gen_is_distributed=0),
        battery("I-Battery", z, ratio=4.0, gen_is_distributed=0),
    ]
    costs, predet = _existing("I-Gas_CC", "Gas_CC", 2015, 800.0)
    costs += tech_costs("I-Gas_GT", "Gas_GT", periods)
    costs += tech_costs("I-Battery", "Battery_Storage", periods)
    return assemble(dst, zones={z: 1000.0}, periods=periods, gens=gens, costs=costs, predet=predet, variable={},
                    extra_modules=[STORAGE, RE_MODULE], fuels=("NaturalGas",),
                    local_td={z: (900.0, 68_000.0, 0.053)},
                    extra_tables={"carbon_price_paths": carbon_paths(periods),
                                  "battery_cost_paths": BATTERY_PATHS})


def chain_case(dst: Path, days: int = 6) -> Path:
    """2 zones (North: wind, coal; South: solar, gas), 2 periods of 10 years, `days` days of 24 hourly
    timepoints per period, a line between the zones, one battery project per zone; no randomness."""
    periods = [2030, 2040]
    zones = {"North": 1400.0, "South": 1800.0}
    per, tss, tps, loads, cfs = [], [], [], [], []
    tp_id = 1
    for k, p in enumerate(periods):
        per.append({"INVESTMENT_PERIOD": p, "period_start": p - 4, "period_end": p + 5})
        for d in range(days):
            ts = f"{p}_d{d}"
            tss.append({"TIMESERIES": ts, "ts_period": p, "ts_duration_of_tp": 1, "ts_num_tps": 24,
                        "ts_scale_to_period": 365.25 / days * 10})
            season = math.cos(2 * math.pi * d / days)
            for h in range(24):
                tps.append({"timepoint_id": tp_id, "timestamp": f"{p}{d:03d}{h:02d}", "timeseries": ts})
                shape = 0.8 + 0.25 * math.sin(math.pi * (h - 6) / 12) + 0.08 * season
                for z, base in zones.items():
                    loads.append({"LOAD_ZONE": z, "TIMEPOINT": tp_id,
                                  "zone_demand_mw": round(base * shape * 1.15 ** k, 3)})
                sun = max(0.0, math.sin(math.pi * (h - 6) / 12)) * (0.75 + 0.15 * season)
                wind = 0.35 + 0.2 * math.cos(2 * math.pi * (h + 3 * d) / 24) - 0.1 * season
                cfs += [{"GENERATION_PROJECT": "S-Solar", "timepoint": tp_id, "gen_max_capacity_factor": round(sun, 4)},
                        {"GENERATION_PROJECT": "N-Wind", "timepoint": tp_id,
                         "gen_max_capacity_factor": round(max(wind, 0.02), 4)}]
                tp_id += 1
    gens = [
        gen("N-Coal", "Coal", "North", "Coal", 40, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06),
        gen("N-Wind", "Wind", "North", "Wind", 25, variable=True, limit_mw=3000.0),
        gen("S-Gas_CC", "Gas_CC", "South", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
            f_or=0.04),
        gen("S-Gas_GT", "Gas_GT", "South", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
            f_or=0.03),
        gen("S-Solar", "Solar", "South", "Solar", 25, variable=True, limit_mw=3000.0),
        battery("N-Battery", "North", ratio=4.0),
        battery("S-Battery", "South", ratio=None),
    ]
    costs, predet = [], []
    for g, tech, year, mw in [("N-Coal", "Coal", 2010, 1200.0), ("S-Gas_CC", "Gas_CC", 2012, 1000.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    for g, tech in [("N-Coal", "Coal"), ("N-Wind", "Wind"), ("S-Gas_CC", "Gas_CC"), ("S-Gas_GT", "Gas_GT"),
                    ("S-Solar", "Solar"), ("N-Battery", "Battery_Storage"), ("S-Battery", "Battery_Storage")]:
        costs += tech_costs(g, tech, periods)
    fuel_cost = [{"load_zone": z, "fuel": f, "period": p, "fuel_cost": round(price * 1.1 ** k, 4)}
                 for z in zones for f, price in (("Coal", 2.6), ("NaturalGas", 7.5)) for k, p in enumerate(periods)]
    tables = {
        "periods": per, "timeseries": tss, "timepoints": tps, "financials": financials(),
        "load_zones": [{"LOAD_ZONE": z} for z in zones], "loads": loads, "fuels": FUELS,
        "non_fuel_energy_sources": NON_FUEL, "gen_info": gens, "gen_build_costs": costs,
        "gen_build_predetermined": predet, "variable_capacity_factors": cfs, "fuel_cost": fuel_cost,
        "transmission_lines": [{"TRANSMISSION_LINE": "N-S", "trans_lz1": "North", "trans_lz2": "South",
                                "trans_length_km": 600.0, "trans_efficiency": 0.96, "existing_trans_cap": 300.0,
                                "trans_new_build_allowed": 1}],
        "trans_params": [{"trans_capital_cost_per_mw_km": 900.0, "trans_lifetime_yrs": 40,
                          "trans_fixed_om_fraction": 0.025}],
        "carbon_price_paths": carbon_paths(periods),
        "battery_cost_paths": BATTERY_PATHS,
    }
    modules = list(CORE_MODULES) + [SIMPLE_FUEL, STORAGE, TX_BUILD, TX_DISPATCH, RE_MODULE]
    return write_case(dst, tables, modules)


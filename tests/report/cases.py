"""A two-province case for the report tests, written with the peer-case helpers (tests/peer/cases.py).

    two_provinces   "West_Inner_Mongolia" (cheap wind and solar, existing coal, small load) and "Chongqing"
                    (existing coal, gas, little solar, large load) joined by one lossy line (eff 0.95, new
                    build allowed); a Battery_Storage project in each; local T&D (5.3 % loss) so demand-side
                    batteries differ; carbon price paths (Low, High = 2 x Low) and battery cost paths (B, M, R),
                    so every study scenario (``<Strategy>-<Carbon>-<Cost>``) reads.

The zone names are the report's default provinces.
"""
from __future__ import annotations

from pathlib import Path

from tests.peer.cases import (
    CARBON,
    HEAT_RATE,
    STORAGE,
    TX_BUILD,
    TX_DISPATCH,
    VOM,
    _existing,
    assemble,
    battery,
    gen,
    tech_costs,
)

WIM, CQ = "West_Inner_Mongolia", "Chongqing"
PERIODS = [2030, 2040]


def two_provinces(dst: Path) -> Path:
    gens = [
        gen("W-Coal", "Coal", WIM, "Coal", 40, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06),
        gen("W-Wind", "Wind", WIM, "Wind", 25, variable=True, limit_mw=1500.0),
        gen("W-Solar", "Solar", WIM, "Solar", 25, variable=True, limit_mw=800.0),
        battery("W-Battery", WIM, ratio=4.0),
        gen("C-Coal", "Coal", CQ, "Coal", 40, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06),
        gen("C-Gas_GT", "Gas_GT", CQ, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"], f_or=0.03),
        gen("C-Solar", "Solar", CQ, "Solar", 25, variable=True, limit_mw=250.0),
        battery("C-Battery", CQ, ratio=4.0),
    ]
    for g in gens:
        g.setdefault("gen_is_distributed", 0)
        g.setdefault("gen_is_re_connect", 0)
    costs, predet = [], []
    for g, tech, year, mw in [("W-Coal", "Coal", 2010, 500.0), ("C-Coal", "Coal", 2012, 600.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    for g, tech in [("W-Wind", "Wind"), ("W-Solar", "Solar"), ("C-Gas_GT", "Gas_GT"), ("C-Solar", "Solar"),
                    ("W-Battery", "Battery_Storage"), ("C-Battery", "Battery_Storage")]:
        costs += tech_costs(g, tech, PERIODS)
    lines = [{"TRANSMISSION_LINE": "W-C", "trans_lz1": WIM, "trans_lz2": CQ, "trans_length_km": 900.0,
              "trans_efficiency": 0.95, "existing_trans_cap": 300.0, "trans_derating_factor": 1.0,
              "trans_terrain_multiplier": 1.0, "trans_new_build_allowed": 1}]
    params = [{"trans_capital_cost_per_mw_km": 900.0, "trans_lifetime_yrs": 40, "trans_fixed_om_fraction": 0.025}]
    policy = [{"PERIOD": 2030, "carbon_cap_tco2_per_yr": None, "carbon_cost_dollar_per_tco2": 20.0},
              {"PERIOD": 2040, "carbon_cap_tco2_per_yr": None, "carbon_cost_dollar_per_tco2": 40.0}]
    paths = [{"PERIOD": 2030, "low": 20.0, "high": 40.0}, {"PERIOD": 2040, "low": 40.0, "high": 80.0}]
    cost_paths = [{"path": "B", "multiplier": 1.0}, {"path": "M", "multiplier": 1 / 3}, {"path": "R", "multiplier": 0.2}]
    return assemble(
        dst, zones={WIM: 350.0, CQ: 900.0}, periods=PERIODS, gens=gens, costs=costs, predet=predet,
        variable={"W-Wind": "wind", "W-Solar": "solar", "C-Solar": "solar"},
        extra_modules=[STORAGE, TX_BUILD, TX_DISPATCH, CARBON],
        extra_tables={"transmission_lines": lines, "trans_params": params, "carbon_policies": policy,
                      "carbon_price_paths": paths, "battery_cost_paths": cost_paths},
        local_td={WIM: (600.0, 60_000.0, 0.053), CQ: (1400.0, 60_000.0, 0.053)},
        fuels=("Coal", "NaturalGas"),
    )

"""Small SWITCH 2.0.9 cases with unit commitment (commit.operate, commit.fuel_use) for the live peer tests.

Same calendar and writer as ``tests.peer.cases`` (6 h timepoints, two 4-timepoint days per period),
with no_commit replaced by the commitment modules.

    commit_min_load_startup  min load, startup fuel and O&M, min up / down time, commit bounds per
                             timepoint, baseload nuclear under commitment, storage and wind (left
                             uncommitted by batteryplan), two periods
    commit_part_load_markets part-load heat-rate curves (two segments, a negative intercept, a
                             point-only curve), fuel markets with a limited tier, carbon price and cap
    commit_no_fuel_use       commit.operate without commit.fuel_use (switch-model then burns no fuel),
                             baseload geothermal, a min-load floor that forces curtailment of wind

``COMMIT_CASES`` maps each name to its builder.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .cases import (CARBON, HEAT_RATE, MARKETS, STORAGE, VOM, Row, _existing, assemble, battery, gen, predetermined,
                    tech_costs, cost, timescales)

OPERATE = "switch_model.generators.core.commit.operate"
FUEL_USE = "switch_model.generators.core.commit.fuel_use"
NO_COMMIT = "switch_model.generators.core.no_commit"


def use_commit(inputs: Path, fuel_use: bool = True) -> Path:
    """Replace no_commit in `inputs`/modules.txt by commit.operate (and commit.fuel_use)."""
    path = Path(inputs) / "modules.txt"
    lines = path.read_text().splitlines()
    i = lines.index(NO_COMMIT)
    lines[i:i + 1] = [OPERATE] + ([FUEL_USE] if fuel_use else [])
    path.write_text("\n".join(lines) + "\n")
    return Path(inputs)


def commit_min_load_startup(dst: Path) -> Path:
    """One zone, two periods. Existing coal (min load 50 %, startup fuel 18 MMBtu/MW, startup O&M
    40 $/MW, minimum uptime 30 h = 5 timepoints, longer than a day of 4, so the window wraps;
    minimum downtime 15 h = 2.5, rounded half to even to 2 timepoints), baseload nuclear (committed and dispatched at its
    available capacity), new gas CC (min load 35 %, startup O&M) and GT (startup O&M only), wind and
    a battery. gen_timepoint_commit_bounds.csv takes coal down to 70 % commitable capacity in three
    timepoints (a maintenance outage), asks for 10 % minimum commitment of gas CC in two and raises
    coal's minimum load to 60 % in one. Night-time wind makes coal cycle."""
    z, periods = "Ridge", [2030, 2040]
    gens = [
        gen("R-Coal", "Coal", z, "Coal", 45, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06,
            gen_min_load_fraction=0.5, gen_startup_fuel=18.0, gen_startup_om=40.0, gen_min_uptime=30.0,
            gen_min_downtime=15.0),
        gen("R-Nuclear", "Nuclear", z, "Uranium", 60, heat_rate=HEAT_RATE["Nuclear"], vom=VOM["Nuclear"],
            baseload=True, sor=0.05, f_or=0.03),
        gen("R-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"], f_or=0.04,
            gen_min_load_fraction=0.35, gen_startup_fuel=3.0, gen_startup_om=12.0, gen_min_uptime=9.0),
        gen("R-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"], f_or=0.03,
            gen_startup_om=4.0),
        gen("R-Wind", "Wind", z, "Wind", 25, variable=True, connect=60_000.0, limit_mw=1200.0),
        battery("R-Battery", z, ratio=4.0),
    ]
    costs, predet = [], []
    for g, tech, year, mw in [("R-Coal", "Coal", 2010, 700.0), ("R-Nuclear", "Nuclear", 2005, 250.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    for g, tech in [("R-Gas_CC", "Gas_CC"), ("R-Gas_GT", "Gas_GT"), ("R-Wind", "Wind")]:
        costs += tech_costs(g, tech, periods)
    costs += tech_costs("R-Battery", "Battery_Storage", periods, scale=0.2)
    _, tps = timescales(periods)
    bounds: list[Row] = []
    for t in tps:
        row: Row = {"GENERATION_PROJECT": "R-Coal", "TIMEPOINT": t.id}
        if t.period == 2030 and t.season == "jul" and t.hour_index in (0, 1, 2):
            row["gen_max_commit_fraction"] = 0.7
        if t.period == 2040 and t.season == "jan" and t.hour_index == 3:
            row["gen_min_load_fraction_TP"] = 0.6
        bounds.append(row)
    for t in tps:
        if t.season == "jan" and t.hour_index in (1, 2):
            bounds.append({"GENERATION_PROJECT": "R-Gas_CC", "TIMEPOINT": t.id, "gen_min_commit_fraction": 0.1})
    inputs = assemble(
        dst,
        zones={z: 1500.0},
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"R-Wind": "wind"},
        extra_modules=[STORAGE],
        extra_tables={"gen_timepoint_commit_bounds": bounds},
        fuels=("Coal", "NaturalGas", "Uranium"),
        cf_scale=1.4,
    )
    return use_commit(inputs)


def commit_part_load_markets(dst: Path) -> Path:
    """One zone, one period, fuel markets, carbon price and cap.

    Curves in gen_inc_heat_rates.csv (per 100 MW unit): gas CC from 40 MW at 310 MMBtu/h, then
    6.3 MMBtu/MWh to 75 MW and 7.4 to 100 MW (min load 0.4 implied, full-load heat rate filled in:
    gen_info has '.'); coal from 50 MW at 380 MMBtu/h with 8.6 to 100 MW (intercept (380 − 430)/100 < 0);
    a gas GT with a point only (1 MW at 10.9 MMBtu/h: one line, min load 1). Gas: a cheap tier limited
    to 6 million MMBtu/yr, then a dear one; coal one tier. The carbon cap binds."""
    z, periods = "Delta", [2030]
    gens = [
        gen("D-Coal", "Coal", z, "Coal", 45, heat_rate=8.15, vom=VOM["Coal"], f_or=0.06, gen_startup_om=25.0),
        gen("D-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=None, vom=VOM["Gas_CC"], f_or=0.04,
            gen_startup_fuel=4.0),
        gen("D-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=10.9, vom=VOM["Gas_GT"], f_or=0.03),
        gen("D-Solar", "Solar", z, "Solar", 25, variable=True, limit_mw=900.0),
    ]
    costs, predet = _existing("D-Coal", "Coal", 2010, 800.0)
    for g, tech in [("D-Gas_CC", "Gas_CC"), ("D-Gas_GT", "Gas_GT"), ("D-Solar", "Solar")]:
        costs += tech_costs(g, tech, periods)
    curves = [
        {"GENERATION_PROJECT": "D-Gas_CC", "power_start_mw": 40, "power_end_mw": None,
         "incremental_heat_rate_mbtu_per_mwhr": None, "fuel_use_rate_mmbtu_per_h": 310.0},
        {"GENERATION_PROJECT": "D-Gas_CC", "power_start_mw": 75, "power_end_mw": 100,
         "incremental_heat_rate_mbtu_per_mwhr": 7.4, "fuel_use_rate_mmbtu_per_h": None},
        {"GENERATION_PROJECT": "D-Gas_CC", "power_start_mw": 40, "power_end_mw": 75,
         "incremental_heat_rate_mbtu_per_mwhr": 6.3, "fuel_use_rate_mmbtu_per_h": None},
        {"GENERATION_PROJECT": "D-Coal", "power_start_mw": 50, "power_end_mw": None,
         "incremental_heat_rate_mbtu_per_mwhr": None, "fuel_use_rate_mmbtu_per_h": 380.0},
        {"GENERATION_PROJECT": "D-Coal", "power_start_mw": 50, "power_end_mw": 100,
         "incremental_heat_rate_mbtu_per_mwhr": 8.6, "fuel_use_rate_mmbtu_per_h": None},
        {"GENERATION_PROJECT": "D-Gas_GT", "power_start_mw": 1, "power_end_mw": None,
         "incremental_heat_rate_mbtu_per_mwhr": None, "fuel_use_rate_mmbtu_per_h": 10.9},
    ]
    markets = [{"regional_fuel_market": "D_NG", "fuel": "NaturalGas"},
               {"regional_fuel_market": "D_Coal", "fuel": "Coal"}]
    zone_markets = [{"load_zone": z, "regional_fuel_market": "D_NG"},
                    {"load_zone": z, "regional_fuel_market": "D_Coal"}]
    supply = [
        {"regional_fuel_market": "D_NG", "period": 2030, "tier": 0, "unit_cost": 3.9, "max_avail_at_cost": 6_000_000.0},
        {"regional_fuel_market": "D_NG", "period": 2030, "tier": 1, "unit_cost": 7.2, "max_avail_at_cost": None},
        {"regional_fuel_market": "D_Coal", "period": 2030, "tier": 0, "unit_cost": 2.4, "max_avail_at_cost": None},
    ]
    policy = [{"PERIOD": 2030, "carbon_cap_tco2_per_yr": 3_300_000.0, "carbon_cost_dollar_per_tco2": 20.0}]
    inputs = assemble(
        dst,
        zones={z: 1000.0},
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"D-Solar": "solar"},
        extra_modules=[MARKETS, CARBON],
        extra_tables={"gen_inc_heat_rates": curves, "regional_fuel_markets": markets,
                      "zone_to_regional_fuel_market": zone_markets, "fuel_supply_curves": supply,
                      "carbon_policies": policy},
        fuels=("Coal", "NaturalGas"),
    )
    return use_commit(inputs)


def commit_no_fuel_use(dst: Path) -> Path:
    """One zone, one period; commit.operate without commit.fuel_use. switch-model then leaves
    GenFuelUseRate free above 0, so fuel costs nothing. Existing baseload geothermal runs at its
    available capacity, existing gas CC has a 60 % minimum load and startup O&M, and existing wind has a
    20 % minimum load of committed capacity (gen_min_load_fraction on a variable project)."""
    z, periods = "Basin", [2030]
    gens = [
        gen("B-Geothermal", "Geothermal", z, "Geothermal", 30, vom=8.0, baseload=True, sor=0.04, f_or=0.02),
        gen("B-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"], f_or=0.04,
            gen_min_load_fraction=0.6, gen_startup_om=30.0),
        gen("B-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"], f_or=0.03),
        gen("B-Wind", "Wind", z, "Wind", 25, variable=True, limit_mw=700.0, gen_min_load_fraction=0.2),
    ]
    costs = [cost("B-Geothermal", 2000, 4_000_000.0, 90_000.0)]
    predet = [predetermined("B-Geothermal", 2000, 150.0)]
    for g, tech, year, mw in [("B-Gas_CC", "Gas_CC", 2012, 500.0), ("B-Wind", "Wind", 2022, 300.0)]:
        c, p = _existing(g, tech, year, mw)
        costs, predet = costs + c, predet + p
    for g, tech in [("B-Gas_GT", "Gas_GT"), ("B-Wind", "Wind")]:
        costs += tech_costs(g, tech, periods)
    inputs = assemble(
        dst,
        zones={z: 800.0},
        periods=periods,
        gens=gens,
        costs=costs,
        predet=predet,
        variable={"B-Wind": "wind"},
        extra_modules=[],
        extra_tables={"non_fuel_energy_sources": [{"energy_source": s} for s in ("Wind", "Geothermal")]},
        fuels=("NaturalGas",),
    )
    return use_commit(inputs, fuel_use=False)


COMMIT_CASES: dict[str, Callable[[Path], Path]] = {
    "commit_min_load_startup": commit_min_load_startup,
    "commit_part_load_markets": commit_part_load_markets,
    "commit_no_fuel_use": commit_no_fuel_use,
}
"""Case name -> builder(dst) writing the inputs folder at dst and returning it."""

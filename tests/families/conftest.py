"""Tiny SWITCH 2.0.9 inputs folders, written in code, for the family tests.

``everything`` (fuel_costs.simple, local_td on) holds, on purpose, one of each kind of thing the
constraint families treat differently:

- 3 zones N, S, E (two zones cannot hold two transmission lines: SWITCH allows one line per pair);
  periods 2020 and 2030 (period_end = label + 9, weights sum to 10 * 8766 h, so 10-year periods);
  each period has a 3-timepoint timeseries and a 1-timepoint one (SoC prev(t) == t).
- Coal_N: predetermined 2000 build (online in both periods) plus a 1970 build retired before 2020
  (dropped); FOR and SOR given but not baseload, so availability = 1 - FOR.
- OldGas_S: only a predetermined 1995 build with max age 30: online in 2020, retired before 2030.
- GasCCS_N: CCS capture 0.9, energy load 0.2, gen_min_build_capacity 100; no gas price in N for 2030
  (dispatch fixed at 0 there).
- Nuclear_S: baseload, uranium, FOR 0.05 and SOR 0.1, capacity limit 800.
- Wind_N (capacity limit 500, FOR 0.02), Solar_S: variable; Roof_S: distributed variable solar built
  only in 2030 (capacity factors only for 2030 timepoints).
- Hydro_S: predetermined build, hydro_timeseries.csv with min and average flows.
- BatGrid_N: grid battery, energy/power ratio 4, 300 cycles per year, FOR 0.02.
- BatDemand_S: gen_is_distributed = 1, free ratio, store_to_release 0.5.
- BatRE_N: gen_is_re_connect = 1, free ratio, predetermined 2015 build (10 MW, 40 MWh) that
  retires before 2030, plus new builds.
- Lines N-S (new builds allowed, derating 0.9, terrain 1.2) and E-S (lz1 = E, no new builds).
- local_td with a different loss per zone (E: 0) and coincident peaks for N (both periods) and S (2030).
- carbon_policies.csv: price in both periods, a cap only in 2030; unserved_load with penalty 1000.

``markets`` is the same system with fuel_costs.markets (regional_fuel_markets.csv,
fuel_supply_curves.csv with two tiers, zone_to_regional_fuel_market.csv, uranium through SWITCH's
simple fuel_cost.csv route) and without local_td, so distributed projects sit in the central balance.
It also loads SWITCH-China's capacity plans (a zonal minimum per source, a national maximum) and planning
reserves (a peak-load margin for N, one at every timepoint for all zones, capacity values for two projects).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import batteryplan
from batteryplan.case import Case
from batteryplan.csc_builder import FAMILIES
from batteryplan.csc_builder.space import IndexSpace, build_space

# Constants the twins need and that the fixture writes (so nobody derives them from the engine).
BASE_YEAR = 2015
INTEREST = 0.07
DISCOUNT = 0.05
TX_COST_PER_MW_KM, TX_LIFE, TX_OM = 1200.0, 30.0, 0.02
TX_LENGTH = {"N-S": 300.0, "E-S": 150.0}
TX_TERRAIN = {"N-S": 1.2, "E-S": 1.0}
PENALTY = 1000.0

BASE_MODULES = [
    "switch_model",
    "switch_model.timescales",
    "switch_model.financials",
    "switch_model.balancing.load_zones",
    "switch_model.energy_sources.properties",
    "switch_model.generators.core.build",
    "switch_model.generators.core.dispatch",
    "switch_model.generators.core.no_commit",
    "{fuel}",
    "switch_model.generators.extensions.storage",
    "switch_model.generators.extensions.hydro_simple",
    "switch_model.transmission.transport.build",
    "switch_model.transmission.transport.dispatch",
    "{local_td}",
    "switch_model.policies.carbon_policies",
    "switch_model.balancing.unserved_load",
    "re_connect_charging",
]

TPS = {  # timeseries -> its timepoints (chronological)
    "2020_day": ["t1", "t2", "t3"], "2020_peak": ["t4"],
    "2030_day": ["t5", "t6", "t7"], "2030_peak": ["t8"],
}
ALL_TPS = [t for ts in TPS.values() for t in ts]

COMMON = {
    "switch_inputs_version.txt": "2.0.9\n",
    "periods.csv": """\
INVESTMENT_PERIOD,period_start,period_end
2020,2020,2029
2030,2030,2039
""",
    # 2020: 4*3*5000 + 12*2305 = 87660 h; 2030: 2*3*10000 + 6*4610 = 87660 h (10 years of 8766 h)
    "timeseries.csv": """\
TIMESERIES,ts_period,ts_duration_of_tp,ts_num_tps,ts_scale_to_period
2020_day,2020,4,3,5000
2020_peak,2020,12,1,2305
2030_day,2030,2,3,10000
2030_peak,2030,6,1,4610
""",
    "timepoints.csv": "timepoint_id,timestamp,timeseries\n" + "".join(
        f"{t},{ts}.{t},{ts}\n" for ts, tps in TPS.items() for t in tps),
    "financials.csv": f"base_financial_year,interest_rate,discount_rate\n{BASE_YEAR},{INTEREST},{DISCOUNT}\n",
    "load_zones.csv": """\
LOAD_ZONE,existing_local_td,local_td_annual_cost_per_mw,local_td_loss_rate
N,500,20000,0.05
S,300,25000,0.053
E,100,15000,0
""",
    "loads.csv": "LOAD_ZONE,TIMEPOINT,zone_demand_mw\n" + "".join(
        f"{z},{t},{base + 10 * k + (25 if t in ('t4', 't8') else 0)}\n"
        for z, base in (("N", 400), ("S", 250), ("E", 60)) for k, t in enumerate(ALL_TPS)),
    "zone_coincident_peak_demand.csv": """\
LOAD_ZONE,PERIOD,zone_expected_coincident_peak_demand
N,2020,600
N,2030,700
S,2030,400
""",
    "fuels.csv": """\
fuel,co2_intensity,upstream_co2_intensity
Coal,0.095,0.005
Gas,0.053,.
Uranium,0,0
""",
    "non_fuel_energy_sources.csv": "energy_source\nWind\nSolar\nWater\nElectricity\n",
    "gen_info.csv": """\
GENERATION_PROJECT,gen_tech,gen_energy_source,gen_load_zone,gen_max_age,gen_is_variable,gen_full_load_heat_rate,gen_variable_om,gen_connect_cost_per_mw,gen_is_baseload,gen_scheduled_outage_rate,gen_forced_outage_rate,gen_capacity_limit_mw,gen_ccs_capture_efficiency,gen_ccs_energy_load,gen_min_build_capacity,gen_is_distributed,gen_is_re_connect,gen_storage_efficiency,gen_store_to_release_ratio,gen_storage_energy_to_power_ratio,gen_storage_max_cycles_per_year
Coal_N,Coal,Coal,N,40,0,10.5,3.0,0,0,0.05,0.08,.,.,.,.,0,0,.,.,.,.
OldGas_S,CCGT,Gas,S,30,0,7.5,2.5,0,0,.,0.04,.,.,.,.,0,0,.,.,.,.
GasCCS_N,CCGT_CCS,Gas,N,30,0,9.0,4.0,50000,0,.,0.05,.,0.9,0.2,100,0,0,.,.,.,.
Nuclear_S,Nuclear,Uranium,S,60,0,10.4,1.5,20000,1,0.1,0.05,800,.,.,.,0,0,.,.,.,.
Wind_N,Wind,Wind,N,25,1,.,0,30000,0,.,0.02,500,.,.,.,0,0,.,.,.,.
Solar_S,Solar,Solar,S,25,1,.,0,10000,0,.,0,.,.,.,.,0,0,.,.,.,.
Roof_S,Solar_Distributed,Solar,S,25,1,.,0.5,0,0,.,0,.,.,.,.,1,0,.,.,.,.
Hydro_S,Hydro,Water,S,100,0,.,1.0,0,0,.,0,.,.,.,.,0,0,.,.,.,.
BatGrid_N,Battery,Electricity,N,15,0,.,0,5000,0,.,0.02,.,.,.,.,0,0,0.85,1.0,4,300
BatDemand_S,Battery,Electricity,S,15,0,.,0,5000,0,.,0,.,.,.,.,1,0,0.9,0.5,.,.
BatRE_N,Battery,Electricity,N,15,0,.,0,5000,0,.,0,.,.,.,.,0,1,0.88,.,.,.
""",
    "gen_build_predetermined.csv": """\
GENERATION_PROJECT,build_year,build_gen_predetermined,build_gen_energy_predetermined
Coal_N,1970,50,.
Coal_N,2000,400,.
OldGas_S,1995,200,.
Hydro_S,2010,150,.
BatRE_N,2015,10,40
""",
    "gen_build_costs.csv": """\
GENERATION_PROJECT,build_year,gen_overnight_cost,gen_fixed_om,gen_storage_energy_overnight_cost,gen_storage_energy_fixed_om
Coal_N,1970,0,31000,.,.
Coal_N,2000,0,30000,.,.
OldGas_S,1995,0,12000,.,.
GasCCS_N,2020,2000000,40000,.,.
GasCCS_N,2030,1800000,38000,.,.
Nuclear_S,2020,5000000,100000,.,.
Nuclear_S,2030,4800000,95000,.,.
Wind_N,2020,1500000,35000,.,.
Wind_N,2030,1200000,30000,.,.
Solar_S,2020,1000000,15000,.,.
Solar_S,2030,700000,12000,.,.
Roof_S,2030,1500000,20000,.,.
Hydro_S,2010,0,25000,.,.
BatGrid_N,2020,300000,10000,250000,2000
BatGrid_N,2030,200000,8000,150000,1500
BatDemand_S,2020,350000,12000,300000,2500
BatDemand_S,2030,250000,9000,200000,2000
BatRE_N,2015,0,5000,0,1000
BatRE_N,2020,300000,10000,250000,.
BatRE_N,2030,200000,8000,150000,.
""",
    "variable_capacity_factors.csv": "GENERATION_PROJECT,timepoint,gen_max_capacity_factor\n" + "".join(
        f"{g},{t},{cf}\n" for g, cfs in (
            ("Wind_N", (0.41, 0.35, 0.52, 0.3, 0.44, 0.27, 0.6, 0.38)),
            ("Solar_S", (0.0, 0.62, 0.31, 0.21, 0.05, 0.7, 0.4, 0.25)),
            ("Roof_S", (None, None, None, None, 0.03, 0.58, 0.36, 0.22)))
        for t, cf in zip(ALL_TPS, cfs) if cf is not None),
    "hydro_timeseries.csv": """\
hydro_project,timeseries,hydro_min_flow_mw,hydro_avg_flow_mw
Hydro_S,2020_day,20,80
Hydro_S,2020_peak,30,100
Hydro_S,2030_day,15,70
Hydro_S,2030_peak,0,90
""",
    "transmission_lines.csv": f"""\
TRANSMISSION_LINE,trans_lz1,trans_lz2,trans_length_km,trans_efficiency,existing_trans_cap,trans_derating_factor,trans_terrain_multiplier,trans_new_build_allowed
N-S,N,S,{TX_LENGTH['N-S']},0.95,100,0.9,{TX_TERRAIN['N-S']},1
E-S,E,S,{TX_LENGTH['E-S']},0.97,50,1,.,0
""",
    "trans_params.csv": f"trans_capital_cost_per_mw_km,trans_lifetime_yrs,trans_fixed_om_fraction\n"
                        f"{TX_COST_PER_MW_KM},{TX_LIFE},{TX_OM}\n",
    "carbon_policies.csv": """\
PERIOD,carbon_cap_tco2_per_yr,carbon_cost_dollar_per_tco2
2020,.,20
2030,2000000,40
""",
    "lost_load_cost.csv": f"unserved_load_penalty\n{PENALTY}\n",
}

SIMPLE = {
    # no Gas price in N for 2030: GasCCS_N cannot burn fuel there; nothing for zone E
    "fuel_cost.csv": """\
load_zone,fuel,period,fuel_cost
N,Coal,2020,2.0
N,Coal,2030,2.2
N,Gas,2020,5.0
S,Gas,2020,5.5
S,Gas,2030,6.0
S,Uranium,2020,0.8
S,Uranium,2030,0.9
""",
}

MARKETS = {
    "regional_fuel_markets.csv": """\
regional_fuel_market,fuel
Coal_all,Coal
Gas_N,Gas
Gas_S,Gas
""",
    "zone_to_regional_fuel_market.csv": """\
load_zone,regional_fuel_market
N,Coal_all
S,Coal_all
N,Gas_N
S,Gas_S
""",
    # two tiers for the gas markets; Gas_S has no tier in 2030 (its row holds dispatch only)
    "fuel_supply_curves.csv": """\
regional_fuel_market,period,tier,unit_cost,max_avail_at_cost
Coal_all,2020,1,2.0,.
Coal_all,2030,1,2.2,.
Gas_N,2020,1,4.0,1000000
Gas_N,2020,2,6.0,.
Gas_N,2030,1,4.5,2000000
Gas_N,2030,2,7.0,.
Gas_S,2020,1,5.0,500000
Gas_S,2020,2,7.5,.
""",
    # SWITCH's simple route inside markets: becomes the one-tier market 'S_Uranium'
    "fuel_cost.csv": """\
load_zone,fuel,period,fuel_cost
S,Uranium,2020,0.8
S,Uranium,2030,0.9
""",
}


# Capacity families, loaded by the markets case (their own tests vary these files further).
CAPACITY_MODULES = ("china_modules.tech_plans", "switch_model.balancing.planning_reserves")
CAPACITY = {
    "capacity_plans.csv": """\
energy_sources,load_zones,period,planned_capacity_mw
Gas,N,2030,150
Solar,S,2020,50
Electricity,N,2020,20
""",
    "total_capacity_limits.csv": """\
energy_sources,period,total_capacity_limit_mw
Gas,2020,900
Electricity,2030,500
""",
    "planning_reserve_requirements.csv": """\
PLANNING_RESERVE_REQUIREMENTS,prr_cap_reserve_margin,prr_enforcement_timescale
North,0.15,peak_load
All,.,all_timepoints
""",
    "planning_reserve_requirement_zones.csv": """\
PLANNING_RESERVE_REQUIREMENTS,LOAD_ZONE
North,N
All,N
All,S
All,E
""",
    "reserve_capacity_value.csv": """\
GENERATION_PROJECT,timepoint,gen_capacity_value
Coal_N,t2,0.8
Wind_N,t5,0.2
""",
}


def write_inputs(root: Path, *, markets: bool) -> Path:
    """Write one tiny inputs folder under `root` and return its path."""
    root.mkdir(parents=True, exist_ok=True)
    files = dict(COMMON)
    files.update(MARKETS if markets else SIMPLE)
    if markets:
        files.pop("zone_coincident_peak_demand.csv")
        files.update(CAPACITY)
    modules = "\n".join(BASE_MODULES + (list(CAPACITY_MODULES) if markets else [])).format(
        fuel="switch_model.energy_sources.fuel_costs." + ("markets" if markets else "simple"),
        local_td="" if markets else "switch_model.transmission.local_td")
    files["modules.txt"] = "\n".join(line for line in modules.splitlines() if line) + "\n"
    for name, text in files.items():
        (root / name).write_text(text)
    return root


# ---- the same cases under unit commitment (commit.operate + commit.fuel_use [+ commit.discrete])
COMMIT_INFO = {  # project: (min load, startup fuel, startup O&M, min uptime, min downtime)
    "Coal_N": (0.4, 15.0, 20.0, 8.0, 6.0),
    "OldGas_S": (None, None, 5.0, None, None),
    "Wind_N": (0.1, None, None, None, None),
    "BatGrid_N": (None, None, 1.0, None, None),
}
CURVES = """\
GENERATION_PROJECT,power_start_mw,power_end_mw,incremental_heat_rate_mbtu_per_mwhr,fuel_use_rate_mmbtu_per_h
Coal_N,40,.,.,430
Coal_N,70,100,11.17,.
Coal_N,40,70,9.5,.
OldGas_S,1,.,.,7.5
GasCCS_N,50,.,.,420
GasCCS_N,50,100,9.6,.
"""
BOUNDS = """\
GENERATION_PROJECT,TIMEPOINT,gen_min_commit_fraction,gen_max_commit_fraction,gen_min_load_fraction_TP
Coal_N,t2,.,0.8,.
Coal_N,t3,.,.,0.5
Coal_N,t5,0.3,.,.
Hydro_S,t2,.,0.9,.
"""


UNIT_SIZE = {"Coal_N": 50.0, "Solar_S": 10.0}      # commit.discrete: whole units (Solar_S is then committed)
FOLLOW_CURVE = """\
OldGas_S,0.5,.,.,4.0
OldGas_S,0.5,0.75,6.5,.
OldGas_S,0.75,1,7.5,.
"""
"""The 'follow' variant's curve for OldGas_S (no startup O&M there): min load 0.5, two lines with intercepts
(4.0 - 6.5 * 0.5) / 1 = 0.75 and (5.625 - 7.5 * 0.75) / 1 = 0 (so a fuel-use column and two rows), full load 7.5
as in gen_info: its commitment follows its dispatch (docs/formulation/commit.md §3, reduction 7)."""


def write_commit_inputs(root: Path, *, markets: bool, discrete: bool = False, follow: bool = False) -> Path:
    """The tiny case switched to unit commitment (see tests/families/test_commit.py for what it holds)."""
    path = write_inputs(root, markets=markets)
    commit = "switch_model.generators.core.commit."
    mods = (path / "modules.txt").read_text().replace(
        "switch_model.generators.core.no_commit",
        f"{commit}operate\n{commit}fuel_use" + (f"\n{commit}discrete" if discrete else ""))
    (path / "modules.txt").write_text(mods)
    gi = pd.read_csv(path / "gen_info.csv", dtype=str)
    names = ("gen_min_load_fraction", "gen_startup_fuel", "gen_startup_om", "gen_min_uptime", "gen_min_downtime")
    for j, col in enumerate(names):
        gi[col] = [("." if COMMIT_INFO.get(g, (None,) * 5)[j] is None else str(COMMIT_INFO[g][j]))
                   for g in gi["GENERATION_PROJECT"]]
    if discrete:
        gi["gen_unit_size"] = [str(UNIT_SIZE[g]) if g in UNIT_SIZE else "." for g in gi["GENERATION_PROJECT"]]
    if follow:
        gi.loc[gi["GENERATION_PROJECT"] == "OldGas_S", "gen_startup_om"] = "."
    gi.to_csv(path / "gen_info.csv", index=False)
    curves = CURVES.replace("OldGas_S,1,.,.,7.5\n", FOLLOW_CURVE) if follow else CURVES
    (path / "gen_inc_heat_rates.csv").write_text(curves)
    (path / "gen_timepoint_commit_bounds.csv").write_text(BOUNDS)
    return path


@pytest.fixture(scope="session")
def everything(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """The 'everything' case (fuel_costs.simple, local T&D), read by batteryplan.read_case."""
    return batteryplan.read_case(write_inputs(tmp_path_factory.mktemp("everything") / "inputs", markets=False))


@pytest.fixture(scope="session")
def markets(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """The same system with fuel_costs.markets and without local T&D."""
    return batteryplan.read_case(write_inputs(tmp_path_factory.mktemp("markets") / "inputs", markets=True))


@pytest.fixture(scope="session", params=["everything", "markets"])
def case(request: pytest.FixtureRequest) -> Case:
    """Both tiny cases, one after the other."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="session")
def space(case: Case) -> IndexSpace:
    """The index space of `case` with every family's rows."""
    return build_space(case, FAMILIES)

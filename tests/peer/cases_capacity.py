"""Small SWITCH 2.0.9 cases for the capacity families: SWITCH-China's capacity plans and planning reserves.

Built from the same calendar and cost sheet as ``tests/peer/cases.py``; each builder writes one inputs
folder and returns its path. ``without`` drops the family under test (module and files), so a test can
show that the family changes the optimum (binds).

    tech_plans_binding         two zones, two periods: a zonal Uranium minimum and a national
                               NaturalGas maximum, both binding (``china_modules.tech_plans``)
    planning_reserves_zones    two zones joined by a line, no local T&D: zonal peak-load margins and a
                               system-wide all-timepoints margin; storage, a project that may not
                               provide reserves, capacity values from reserve_capacity_value.csv,
                               capacity factors above 1 (credited at 1)
    planning_reserves_local_td one zone with local T&D: requirement on WithdrawFromCentralGrid,
                               distributed rooftop PV (not credited) and a distributed battery (credited
                               with its net discharge)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .cases import (
    HEAT_RATE,
    STORAGE,
    TX_BUILD,
    TX_DISPATCH,
    VOM,
    Row,
    _existing,
    assemble,
    battery,
    gen,
    tech_costs,
    timescales,
)

TECH_PLANS = "china_modules.tech_plans"
"""Module name of tests/peer/switch_ext/china_modules/tech_plans.py (on PYTHONPATH when switch runs)."""
PLANNING_RESERVES = "switch_model.balancing.planning_reserves"

# Binding levels of tech_plans_binding (MW), chosen above / below the optimum without them.
URANIUM_NORTH_MIN = {2030: 250.0, 2040: 400.0}
WIND_NORTH_MIN_2040 = 100.0          # below the optimum: a plan row that does not bind
GAS_NATIONAL_MAX = {2040: 800.0}
URANIUM_NATIONAL_MAX_2040 = 5000.0   # far above: never binds


def tech_plans_binding(dst: Path, without: bool = False) -> Path:
    """Two unconnected zones, two periods, new nuclear far dearer than gas or coal.

    Plans: at least 250 MW (2030) and 400 MW (2040) of Uranium online in the North, which the optimum
    would not build; at most 800 MW of NaturalGas online nationally in 2040, below what it would hold
    (the existing 400 MW Gas_CC in the South counts towards it). A Wind minimum below the optimum and a
    national Uranium maximum far above it are rows that do not bind.
    """
    periods = [2030, 2040]
    zones = {"North": 900.0, "South": 1100.0}
    gens: list[Row] = []
    costs: list[Row] = []
    predet: list[Row] = []
    for z in zones:
        k = z[0]
        gens += [
            gen(f"{k}-Coal", "Coal", z, "Coal", 40, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06),
            gen(f"{k}-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
                f_or=0.04),
            gen(f"{k}-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
                f_or=0.03),
            gen(f"{k}-Nuclear", "Nuclear", z, "Uranium", 60, heat_rate=HEAT_RATE["Nuclear"], vom=VOM["Nuclear"],
                f_or=0.05),
        ]
        for tech in ("Coal", "Gas_CC", "Gas_GT", "Nuclear"):
            costs += tech_costs(f"{k}-{tech}", tech, periods)
    gens.append(gen("N-Wind", "Wind", "North", "Wind", 25, variable=True, connect=60_000.0, limit_mw=1500.0))
    gens.append(gen("S-Solar", "Solar", "South", "Solar", 25, variable=True, limit_mw=1200.0))
    costs += tech_costs("N-Wind", "Wind", periods) + tech_costs("S-Solar", "Solar", periods)
    for g, tech, year, mw in [("N-Coal", "Coal", 2010, 600.0), ("S-Gas_CC", "Gas_CC", 2012, 400.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    tables: dict[str, list[Row] | str] = {}
    modules: list[str] = []
    if not without:
        modules = [TECH_PLANS]
        tables["capacity_plans"] = [
            *({"energy_sources": "Uranium", "load_zones": "North", "period": p, "planned_capacity_mw": mw}
              for p, mw in URANIUM_NORTH_MIN.items()),
            {"energy_sources": "Wind", "load_zones": "North", "period": 2040,
             "planned_capacity_mw": WIND_NORTH_MIN_2040},
        ]
        tables["total_capacity_limits"] = [
            {"energy_sources": "NaturalGas", "period": 2040, "total_capacity_limit_mw": GAS_NATIONAL_MAX[2040]},
            {"energy_sources": "Uranium", "period": 2040, "total_capacity_limit_mw": URANIUM_NATIONAL_MAX_2040},
        ]
    return assemble(dst, zones=zones, periods=periods, gens=gens, costs=costs, predet=predet,
                    variable={"N-Wind": "wind", "S-Solar": "solar"}, extra_modules=modules, extra_tables=tables)


def _reserve_values(projects: dict[str, float], periods: list[int]) -> list[Row]:
    """reserve_capacity_value.csv rows: a flat credit per project at every timepoint of `periods`."""
    _, tps = timescales(periods)
    return [{"GENERATION_PROJECT": g, "timepoint": t.id, "gen_capacity_value": v}
            for g, v in projects.items() for t in tps]


def planning_reserves_zones(dst: Path, without: bool = False) -> Path:
    """Two zones joined by a lossy line, two periods, no local T&D.

    PRRs: ``North`` (peak load, margin 0.15), ``South`` (peak load, margin '.' = default 0.15, timescale
    '.' = default peak_load), ``System`` (North + South, every timepoint, margin 0.10). Cheap wind in the
    North may not provide reserves (gen_can_provide_cap_reserves = 0); South solar's capacity factors are
    scaled by 1.35 (above 1 at the July noon, credited at 1); the South Gas_GT is credited 0.9 through
    reserve_capacity_value.csv; a South battery is credited with its net discharge. The margins force
    more firm capacity than dispatch alone needs.
    """
    periods = [2030, 2040]
    zones = {"North": 700.0, "South": 1300.0}
    gens = [
        gen("N-Gas_CC", "Gas_CC", "North", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
            f_or=0.04),
        gen("N-Gas_GT", "Gas_GT", "North", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
            f_or=0.03),
        gen("N-Wind", "Wind", "North", "Wind", 25, variable=True, connect=50_000.0, limit_mw=1800.0,
            gen_can_provide_cap_reserves=0),
        gen("S-Coal", "Coal", "South", "Coal", 40, heat_rate=HEAT_RATE["Coal"], vom=VOM["Coal"], f_or=0.06),
        gen("S-Gas_GT", "Gas_GT", "South", "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
            f_or=0.03),
        gen("S-Solar", "Solar", "South", "Solar", 25, variable=True, limit_mw=900.0),
        battery("S-Battery", "South", ratio=4.0),
    ]
    for g in gens:
        g.setdefault("gen_can_provide_cap_reserves", 1)
    costs: list[Row] = []
    predet: list[Row] = []
    for g, tech, year, mw in [("N-Gas_CC", "Gas_CC", 2010, 500.0), ("S-Coal", "Coal", 2012, 900.0)]:
        c, p = _existing(g, tech, year, mw)
        costs += c
        predet += p
    for g, tech in [("N-Gas_CC", "Gas_CC"), ("N-Gas_GT", "Gas_GT"), ("N-Wind", "Wind"), ("S-Coal", "Coal"),
                    ("S-Gas_GT", "Gas_GT"), ("S-Solar", "Solar")]:
        costs += tech_costs(g, tech, periods)
    costs += tech_costs("S-Battery", "Battery_Storage", periods, scale=1 / 3)
    tables: dict[str, list[Row] | str] = {
        "transmission_lines": [{"TRANSMISSION_LINE": "N-S", "trans_lz1": "North", "trans_lz2": "South",
                                "trans_length_km": 400.0, "trans_efficiency": 0.95, "existing_trans_cap": 300.0,
                                "trans_new_build_allowed": 1}],
    }
    modules = [STORAGE, TX_BUILD, TX_DISPATCH]
    if not without:
        modules.append(PLANNING_RESERVES)
        tables["planning_reserve_requirements"] = [
            {"PLANNING_RESERVE_REQUIREMENTS": "North", "prr_cap_reserve_margin": 0.15,
             "prr_enforcement_timescale": "peak_load"},
            {"PLANNING_RESERVE_REQUIREMENTS": "South", "prr_cap_reserve_margin": None,
             "prr_enforcement_timescale": None},
            {"PLANNING_RESERVE_REQUIREMENTS": "System", "prr_cap_reserve_margin": 0.10,
             "prr_enforcement_timescale": "all_timepoints"},
        ]
        tables["planning_reserve_requirement_zones"] = [
            {"PLANNING_RESERVE_REQUIREMENTS": prr, "LOAD_ZONE": z}
            for prr, z in [("North", "North"), ("South", "South"), ("System", "North"), ("System", "South")]
        ]
        tables["reserve_capacity_value"] = _reserve_values({"S-Gas_GT": 0.9}, periods)
    return assemble(dst, zones=zones, periods=periods, gens=gens, costs=costs, predet=predet,
                    variable={"N-Wind": "wind", "S-Solar": "solar"}, extra_modules=modules, extra_tables=tables,
                    fuels=("Coal", "NaturalGas"), cf_scale=1.35)


def planning_reserves_local_td(dst: Path, without: bool = False) -> Path:
    """One zone with local T&D, one period; the requirement is (1 + 0.2) x WithdrawFromCentralGrid.

    Rooftop PV (distributed) is not credited but lowers the withdrawal; a distributed battery is credited
    with its net discharge; a grid battery and gas are credited as usual. The margin is enforced at every
    timepoint.
    """
    periods = [2030]
    z = "Metro"
    gens = [
        gen("M-Gas_CC", "Gas_CC", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_CC"], vom=VOM["Gas_CC"],
            f_or=0.04, gen_is_distributed=0),
        gen("M-Gas_GT", "Gas_GT", z, "NaturalGas", 30, heat_rate=HEAT_RATE["Gas_GT"], vom=VOM["Gas_GT"],
            f_or=0.03, gen_is_distributed=0),
        gen("M-Rooftop_PV", "Rooftop_PV", z, "Solar", 25, variable=True, limit_mw=500.0, gen_is_distributed=1),
        battery("M-Battery-demand", z, ratio=4.0, gen_is_distributed=1),
        battery("M-Battery-grid", z, ratio=4.0, gen_is_distributed=0),
    ]
    costs, predet = _existing("M-Gas_CC", "Gas_CC", 2010, 800.0)
    for g, tech in [("M-Gas_CC", "Gas_CC"), ("M-Gas_GT", "Gas_GT"), ("M-Rooftop_PV", "Rooftop_PV")]:
        costs += tech_costs(g, tech, periods)
    costs += tech_costs("M-Battery-demand", "Battery_Storage", periods, scale=0.3)
    costs += tech_costs("M-Battery-grid", "Battery_Storage", periods, scale=0.3)
    tables: dict[str, list[Row] | str] = {}
    modules = [STORAGE]
    if not without:
        modules.append(PLANNING_RESERVES)
        tables["planning_reserve_requirements"] = [
            {"PLANNING_RESERVE_REQUIREMENTS": "Metro_all", "prr_cap_reserve_margin": 0.2,
             "prr_enforcement_timescale": "all_timepoints"}]
        tables["planning_reserve_requirement_zones"] = [{"PLANNING_RESERVE_REQUIREMENTS": "Metro_all",
                                                         "LOAD_ZONE": z}]
    return assemble(dst, zones={z: 1400.0}, periods=periods, gens=gens, costs=costs, predet=predet,
                    variable={"M-Rooftop_PV": "solar"}, extra_modules=modules, extra_tables=tables,
                    local_td={z: (1500.0, 65_000.0, 0.05)}, fuels=("NaturalGas",))


CASES: dict[str, Callable[..., Path]] = {
    "tech_plans_binding": tech_plans_binding,
    "planning_reserves_zones": planning_reserves_zones,
    "planning_reserves_local_td": planning_reserves_local_td,
}
"""Case name -> builder(dst, without=False) writing the inputs folder at dst and returning it."""

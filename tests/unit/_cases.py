"""Small SWITCH 2.0.9 inputs folders written in code, for the unit, io and hand-optimum tests.

A case is a dict ``file name -> list of row dicts`` (header = union of the keys in first-seen
order, None written as '.'), plus ``modules.txt`` as a list of module names. Row k of a table
(0-based) is on editor line k + 2 of its file (the header is line 1), which is what the
bad-input tests point at.

``base_tables()`` is one valid case: two zones A and B, one 1-year period 2030 (start = end =
label, discount rate 0, so BAC = 1), one timeseries of two 1-hour timepoints scaled by 4383
(Σ weights = 8766 h), gas in both zones, wind in A, an existing (2020) and a new battery in A,
a line A-B. Tests copy it, corrupt or change one thing, and write it with ``write`` (the peer cases'
writer, tests/peer/cases.py, which the sweep and report cases use too).
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from tests.peer.cases import CARBON, SIMPLE_FUEL, STORAGE, TX_BUILD, TX_DISPATCH
from tests.peer.cases import CORE_MODULES as CORE
from tests.peer.cases import write_case as write

Row = dict[str, Any]
Tables = dict[str, list[Row]]

TX = [TX_BUILD, TX_DISPATCH]
__all__ = ["CARBON", "CORE", "SIMPLE_FUEL", "STORAGE", "TX", "base_modules", "base_tables", "battery", "gen",
           "timescales", "write", "write_base"]


def timescales(scale: float = 4383.0, n_tp: int = 2) -> Tables:
    """One period 2030 (start = end = 2030: SWITCH adds one year, length 1) and one timeseries
    of `n_tp` 1-hour timepoints t1.. scaled by `scale` (weight per timepoint = scale h)."""
    return {
        "periods.csv": [{"INVESTMENT_PERIOD": 2030, "period_start": 2030, "period_end": 2030}],
        "timeseries.csv": [{"TIMESERIES": "ts1", "ts_period": 2030, "ts_duration_of_tp": 1,
                            "ts_num_tps": n_tp, "ts_scale_to_period": scale}],
        "timepoints.csv": [{"timepoint_id": f"t{k + 1}", "timestamp": f"2030010{k}", "timeseries": "ts1"}
                           for k in range(n_tp)],
        "financials.csv": [{"base_financial_year": 2030, "interest_rate": 0, "discount_rate": 0}],
    }


def gen(name: str, tech: str, zone: str, source: str, age: float = 30, *, heat_rate: float | None = None,
        vom: float = 0.0, variable: int = 0, **extra: Any) -> Row:
    row: Row = {"GENERATION_PROJECT": name, "gen_tech": tech, "gen_energy_source": source,
                "gen_load_zone": zone, "gen_max_age": age, "gen_is_variable": variable,
                "gen_full_load_heat_rate": heat_rate, "gen_variable_om": vom, "gen_connect_cost_per_mw": 0}
    row.update(extra)
    return row


def battery(name: str, zone: str, eff: float = 0.9, ratio: float | None = 4.0, **extra: Any) -> Row:
    return gen(name, "Battery_Storage", zone, "Electricity", 15, gen_storage_efficiency=eff,
               gen_storage_energy_to_power_ratio=ratio, **extra)


def base_tables() -> Tables:
    """The valid two-zone case described in the module docstring (a fresh deep copy)."""
    t = timescales()
    t.update({
        "load_zones.csv": [{"LOAD_ZONE": "A"}, {"LOAD_ZONE": "B"}],
        # lines 2..5
        "loads.csv": [{"LOAD_ZONE": z, "TIMEPOINT": tp, "zone_demand_mw": mw}
                      for z, tp, mw in (("A", "t1", 100.0), ("A", "t2", 120.0), ("B", "t1", 50.0), ("B", "t2", 60.0))],
        "fuels.csv": [{"fuel": "NaturalGas", "co2_intensity": 0.05, "upstream_co2_intensity": 0}],
        "non_fuel_energy_sources.csv": [{"energy_source": "Wind"}, {"energy_source": "Electricity"}],
        # lines 2..5
        "gen_info.csv": [
            gen("A-Gas", "Gas", "A", "NaturalGas", heat_rate=1.0, vom=1.0),
            gen("A-Wind", "Wind", "A", "Wind", 25, variable=1),
            gen("B-Gas", "Gas", "B", "NaturalGas", heat_rate=1.0, vom=1.0),
            battery("A-Battery", "A"),
        ],
        # lines 2..6
        "gen_build_costs.csv": [
            {"GENERATION_PROJECT": "A-Gas", "build_year": 2030, "gen_overnight_cost": 500_000.0,
             "gen_fixed_om": 10_000.0, "gen_storage_energy_overnight_cost": None},
            {"GENERATION_PROJECT": "A-Wind", "build_year": 2030, "gen_overnight_cost": 800_000.0,
             "gen_fixed_om": 20_000.0},
            {"GENERATION_PROJECT": "B-Gas", "build_year": 2030, "gen_overnight_cost": 500_000.0,
             "gen_fixed_om": 10_000.0},
            {"GENERATION_PROJECT": "A-Battery", "build_year": 2020, "gen_overnight_cost": 0.0,
             "gen_fixed_om": 0.0, "gen_storage_energy_overnight_cost": 0.0},
            {"GENERATION_PROJECT": "A-Battery", "build_year": 2030, "gen_overnight_cost": 200_000.0,
             "gen_fixed_om": 5_000.0, "gen_storage_energy_overnight_cost": 150_000.0},
        ],
        "gen_build_predetermined.csv": [
            {"GENERATION_PROJECT": "A-Battery", "build_year": 2020, "build_gen_predetermined": 10.0,
             "build_gen_energy_predetermined": 40.0},
        ],
        # lines 2..3
        "variable_capacity_factors.csv": [
            {"GENERATION_PROJECT": "A-Wind", "timepoint": "t1", "gen_max_capacity_factor": 0.5},
            {"GENERATION_PROJECT": "A-Wind", "timepoint": "t2", "gen_max_capacity_factor": 0.2},
        ],
        # lines 2..3
        "fuel_cost.csv": [
            {"load_zone": "A", "fuel": "NaturalGas", "period": 2030, "fuel_cost": 5.0},
            {"load_zone": "B", "fuel": "NaturalGas", "period": 2030, "fuel_cost": 6.0},
        ],
        "transmission_lines.csv": [
            {"TRANSMISSION_LINE": "A-B", "trans_lz1": "A", "trans_lz2": "B", "trans_length_km": 100.0,
             "trans_efficiency": 0.95, "existing_trans_cap": 50.0},
        ],
    })
    return copy.deepcopy(t)


def base_modules() -> list[str]:
    return CORE + [SIMPLE_FUEL, STORAGE] + TX


def write_base(dst: Path) -> Path:
    return write(dst, base_tables(), base_modules())

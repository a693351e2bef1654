#!/usr/bin/env python3
"""Generate the bundled China case: a SWITCH 2.0.9 inputs folder for 32 provincial zones.

Deterministic: the same data folder gives byte-identical files. Reads only ``../shared/data``
(``--data``) and writes derived tables to ``batteryplan/cases/china/inputs`` (``--out``) plus
``SOURCES.md`` one level above the inputs folder. Raw files are never copied.

Sources (see the generated SOURCES.md for the table-by-table account):
- SWITCH-China open model (CC BY-NC-SA 4.0): zones, periods, timeseries, timepoints, loads, local T&D,
  coincident peaks, unit-level existing fleet, new-build thermal options, fuel prices, corridors, financials.
- CHEER-Power (Apache-2.0): wind/solar capacity factors, hydro flows per MW, RE and pumped-hydro build limits.
- facts/ (derived by the steering side): NREL ATB 2021 costs for wind, solar, batteries; CO2 factors;
  carbon price Low path (ESTIMATE; the CALIBRATED path of ``cases/china/calibration`` where it exists).

Usage: ``python scripts/make_china_case.py [--data DIR] [--out DIR] [--plant-level]``.

``--plant-level`` writes the existing fleet unit by unit (one project per SWITCH-China unit, named as in
SWITCH-China, with the parameters of the merged cohort it belongs to and its own build and fixed O&M) instead
of merged cohorts; every other table is the same. It exists to check that merging does not change the optimum
(``tests/test_china_merge.py``); the default output does not depend on it.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from batteryplan.io.switch_reader import STAGE1_CASE_MODULES

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "batteryplan" / "cases" / "china" / "inputs"

PERIODS = [2023, 2028, 2033, 2038, 2043, 2048]
GJ_PER_MMBTU = 1.055056
#: battery durations (h) -> round-trip efficiency (study values, Peng et al. 2023)
BATTERIES = {1: 0.88, 4: 0.85, 10: 0.80}
BATTERY_LIFE = 15
#: SWITCH-China battery forced outage / connection cost (gen_info Battery_Storage)
BATTERY_FOR = 0.02
#: value of lost load, $/MWh: ESTIMATE (SWITCH default is 500; SWITCH-China inputs carry none)
UNSERVED_LOAD_PENALTY = 10000.0
#: Solar_Distributed capital = ATB utility PV x (SWITCH-China Commercial_PV / Central_PV) = 1.25: ESTIMATE
DISTRIBUTED_PV_COST_RATIO = 1500000.0 / 1200000.0
#: the stage-1 module list, written as the named variant modules_stage1.txt (``--modules stage1``)
STAGE1_MODULES = list(STAGE1_CASE_MODULES)
#: SWITCH-China's own module list as the study ran it (``study_era/modules.txt`` of the SWITCH-China open model),
#: written as modules.txt, the case's default. Two differences, both exact here or said in SOURCES.md:
#: fuel_costs.simple instead of fuel_costs.markets (SWITCH-China's supply curves have one tier per zone, period
#: and fuel, gas only, at 1e9 MMBtu/yr, so each market is a price: the tier-0 price is written to fuel_cost.csv),
#: and balancing.unserved_load is kept (as in the stage-1 list; a result reports any unserved energy).
#: the study's demand-side batteries are "attached to the local grid ... charged from the central grid but only
#: discharged to the local grid" (Peng et al. 2023, Methods): their charging is withdrawn at the distribution node,
#: through local T&D (SWITCH_FORMULATION.md §15; switch-model 2.0.9 withdraws it at the central node instead, the
#: variant modules_central_demand_charging.txt)
DEMAND_CHARGING = "batteryplan.local_demand_charging"
STUDY_MODULES = [       # the study's order (switch-model constructs components in it): local T&D and commitment
    "switch_model",     # before storage and the reserves that read them
    "switch_model.timescales",
    "switch_model.financials",
    "switch_model.balancing.load_zones",
    "switch_model.energy_sources.properties",
    "switch_model.generators.core.build",
    "switch_model.generators.core.dispatch",
    "switch_model.transmission.local_td",
    "switch_model.generators.core.commit.operate",
    "switch_model.generators.core.commit.fuel_use",
    "switch_model.generators.extensions.hydro_simple",
    "switch_model.generators.extensions.storage",
    "switch_model.energy_sources.fuel_costs.simple",
    "switch_model.balancing.operating_reserves.areas",
    "switch_model.balancing.operating_reserves.spinning_reserves",
    "switch_model.balancing.operating_reserves.quickstart",
    "switch_model.balancing.planning_reserves",
    "switch_model.transmission.transport.build",
    "switch_model.transmission.transport.dispatch",
    "switch_model.policies.carbon_policies",
    "china_modules.tech_plans",
    "switch_model.balancing.unserved_load",
    DEMAND_CHARGING,
    "switch_model.reporting",
]
assert set(STUDY_MODULES) - set(STAGE1_CASE_MODULES) == {
    "switch_model.generators.core.commit.operate", "switch_model.generators.core.commit.fuel_use",
    "switch_model.balancing.operating_reserves.areas", "switch_model.balancing.operating_reserves.spinning_reserves",
    "switch_model.balancing.operating_reserves.quickstart", "switch_model.balancing.planning_reserves",
    "china_modules.tech_plans", DEMAND_CHARGING}
assert set(STAGE1_CASE_MODULES) - set(STUDY_MODULES) == {"switch_model.generators.core.no_commit"}
#: operating parameters that SWITCH-China's gen_info gives every project and the study's modules read
#: (commit.operate: min load and baseload; operating_reserves: who may provide reserves). SWITCH-China's
#: gen_is_flexible_baseload is not a switch-model 2.0.9 parameter and is not written.
OPERATING = ("gen_min_load_fraction", "gen_is_baseload", "gen_can_provide_spinning_reserves",
             "gen_can_provide_quickstart_reserves")
#: SWITCH-China technology whose operating parameters a new project of ours takes
OPERATING_SOURCE = {"Solar_Utility": "Central_PV", "Solar_Distributed": "Commercial_PV", "Wind_Onshore": "Wind",
                    "Wind_Offshore": "Offshore_Wind", "Battery": "Battery_Storage", "Hydro_Pumped": "Hydro_Pumped"}
#: new-build thermal techs kept from SWITCH-China (Coal_300/600/IGCC new builds are dominated by
#: Coal_1000 of the same cooling type: higher heat rate and higher cost)
NEW_THERMAL = {
    "Coal_1000_RC", "Coal_1000_DRY", "Coal_1000_OT", "Coal_1000_SEA",
    "Gas_CCGT_RC", "Gas_CCGT_OT", "Gas_CCGT_SEA", "Gas_Combustion_Turbine_RC",
    "Nuclear_SEA", "Nuclear_SMR",
}
#: our variable tech -> (CHEER-Power CF project suffix, ATB cost key in facts/tech_costs.csv, cost multiplier)
NEW_VARIABLE = {
    "Solar_Utility": ("Solar_Utility", "solar_pv", 1.0, "Solar"),
    "Solar_Distributed": ("Solar_Distributed", "solar_pv", DISTRIBUTED_PV_COST_RATIO, "Solar"),
    "Wind_Onshore": ("Wind_Onshore", "onshore_wind", 1.0, "Wind"),
    "Wind_Offshore": ("Wind_Offshore_Near", "offshore_wind", 1.0, "Wind"),
}
#: existing SWITCH-China variable techs -> CHEER-Power CF profile of the same zone
EXISTING_VARIABLE_CF = {"Wind_EP": "Wind_Onshore", "Central_PV_EP": "Solar_Utility"}
#: connection cost ($/MW) for new variable projects: SWITCH-China gen_info (Central_PV/Wind/Offshore 3000,
#: Commercial/Residential PV 0)
VARIABLE_CONNECT = {"Solar_Utility": 3000.0, "Solar_Distributed": 0.0, "Wind_Onshore": 3000.0, "Wind_Offshore": 3000.0}
#: variable-tech life (years) as the source of their costs states it: NREL ATB 2021 (and ReEDS-2.0
#: inputs/plant_characteristics/maxage.csv @ 2632049e: upv, dupv, wind-ons, wind-ofs 30 years). SWITCH-China's gen_info gives
#: PV 20 years, but our PV costs are ATB's, whose annuities assume 30 years.
VARIABLE_LIFE = {"Solar_Utility": 30, "Solar_Distributed": 30, "Wind_Onshore": 30, "Wind_Offshore": 30}
#: US CPI-U, all items, U.S. city average, annual average (BLS series CUUR0000SA0, 1982-84 = 100). NREL ATB 2021
#: moves its dollar year with BLS inflation ("dollar year is updated from 2018 to 2019 with a 1.8% inflation rate
#: (BLS, 2020)", atb.nrel.gov/electricity/2021/changes_in_2021), so the same index brings its 2019 $ to the case's
#: 2010 $ (SWITCH-China financials.csv base_financial_year).
CPI_U = {2010: 218.056, 2019: 255.657}
#: multiplier from ATB 2021 dollars (2019 $) to case dollars (2010 $)
ATB_TO_CASE_DOLLARS = CPI_U[2010] / CPI_U[2019]

FLOAT_FMT = "%.10g"
#: the calibrated Low carbon-price path (scripts/calibrate_carbon_price.py); the ESTIMATE is used where it is absent
CALIBRATED_LOW = REPO / "batteryplan" / "cases" / "china" / "calibration" / "carbon_price_low.csv"


# --------------------------------------------------------------------------------------------- helpers
def _read(path: Path) -> pd.DataFrame:
    """Read a CSV (fact tables carry one leading '#' comment line)."""
    return pd.read_csv(path, comment="#") if path.parent.name == "facts" else pd.read_csv(path)


def _fmt(v: object) -> str:
    """Format one cell: '.' for missing, compact deterministic floats, ints as ints."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return "."
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if f == int(f) and abs(f) < 1e15:
            return str(int(f))
        return FLOAT_FMT % f
    s = str(v)
    return s if s != "" else "."


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write a table with '.' for empty values, LF line ends, deterministic float text."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(df.columns)
        for row in df.itertuples(index=False, name=None):
            w.writerow([_fmt(v) for v in row])


def _operating(rows: pd.DataFrame) -> dict:
    """The OPERATING parameters shared by SWITCH-China gen_info rows (asserted identical), as numbers."""
    out = {}
    for c in OPERATING:
        values = rows[c].astype(str).str.strip().str.upper().unique()
        assert len(values) == 1, (c, values)
        v = values[0]
        out[c] = float(v) if c == "gen_min_load_fraction" else int(v in ("TRUE", "1"))
    return out


def _curve_text(points: pd.DataFrame) -> str:
    """One project's SWITCH-China part-load curve as a comparable text (loading level:heat rate, by level)."""
    p = points.sort_values("gen_loading_level")
    return "|".join(f"{a}:{b}" for a, b in zip(p.gen_loading_level, p.gen_heat_rate_at_loading_level))


def inc_heat_rate_rows(project: str, curve: str) -> list[dict]:
    """switch-model 2.0.9's gen_inc_heat_rates.csv rows for a SWITCH-China part-load curve.

    SWITCH-China writes average heat rates at loading levels (``gen_part_load_heat_rates.csv``: level as a
    fraction of capacity, MMBtu/MWh at that level), a file switch-model 2.0.9 does not read; 2.0.9's
    commit.fuel_use reads incremental heat rates (``gen_inc_heat_rates.csv``). The same curve in 2.0.9's terms,
    for a unit of 1 MW (2.0.9 scales a curve by its last power_end): fuel use at the first level
    (level x heat rate, MMBtu/h), then one segment per pair of levels whose incremental heat rate is the slope
    of fuel use between them. Exact: the fuel-use line through each pair of points is the same.
    """
    pts = [tuple(float(x) for x in pair.split(":")) for pair in curve.split("|")]
    assert len(pts) >= 2 and all(b[0] > a[0] for a, b in zip(pts, pts[1:])), (project, curve)
    rows = [{"GENERATION_PROJECT": project, "power_start_mw": pts[0][0], "power_end_mw": None,
             "incremental_heat_rate_mbtu_per_mwhr": None, "fuel_use_rate_mmbtu_per_h": round(pts[0][0] * pts[0][1], 6)}]
    for (l0, h0), (l1, h1) in zip(pts, pts[1:]):
        rows.append({"GENERATION_PROJECT": project, "power_start_mw": l0, "power_end_mw": l1,
                     "incremental_heat_rate_mbtu_per_mwhr": round((l1 * h1 - l0 * h0) / (l1 - l0), 6),
                     "fuel_use_rate_mmbtu_per_h": None})
    return rows


def _ts_month(ts: pd.Series) -> pd.Series:
    """Month number of SWITCH-China timeseries labels 'YYYY.MM.DD'."""
    return ts.str.slice(5, 7).astype(int)


#: the carbon paths' dollar year in SOURCES.md, by whether the path is the CALIBRATED one
CARBON_DOLLARS = {
    True: ("The carbon price paths need no conversion: the CALIBRATED Low path is fitted in the case's own "
           "2010 $ (see the table)."),
    False: "Not converted either: the carbon price paths (an ESTIMATE, see the table).",
}


def carbon_low_path(facts: Path, calibrated: Path = CALIBRATED_LOW) -> tuple[pd.Series, str]:
    """The Low carbon-price path ($/t CO2 by period) and its SOURCES.md row: the CALIBRATED path where
    `calibrated` exists (written by scripts/calibrate_carbon_price.py), else the ESTIMATE of facts/carbon_price.csv."""
    if calibrated.is_file():
        low = pd.read_csv(calibrated, comment="#").set_index("PERIOD").low.reindex(PERIODS).astype(float)
        if low.isna().any():
            raise ValueError(f"{calibrated}: no price for period(s) {low.index[low.isna()].tolist()}")
        row = ("| carbon_price_paths.csv, carbon_policies.csv | calibration/carbon_price_low.csv (**CALIBRATED**: "
               "fitted to the study's Grid-Low-R national CO2 per period, facts/study_national_co2.csv, by "
               "scripts/calibrate_carbon_price.py; record bench/results/carbon_price_calibration.json; method in "
               "calibration/README.md) | low "
               f"{_fmt(low.iloc[0])}..{_fmt(low.iloc[-1])} $/t in 2010 $ (the case's dollars, by construction); "
               "high = 2 x low; carbon_policies carries the Low path, no cap |")
        return low, row
    cp = _read(facts / "carbon_price.csv")
    low = cp.set_index("start_year").default_low_estimate_usd_per_t.reindex(PERIODS).astype(float)
    return low, ("| carbon_price_paths.csv, carbon_policies.csv | facts/carbon_price.csv "
                 f"`default_low_estimate_usd_per_t` (**ESTIMATE**) | low {_fmt(low.iloc[0])}..{_fmt(low.iloc[-1])} "
                 "$/t; high = 2 x low; carbon_policies carries the Low path, no cap |")


# --------------------------------------------------------------------------------------------- builder
class ChinaCase:
    """Derives every table of the case from the data folder."""

    def __init__(self, data: Path, plant_level: bool = False) -> None:
        self.data = data
        #: write the existing fleet one project per SWITCH-China unit instead of merged cohorts
        self.plant_level = plant_level
        self.sc = data / "raw" / "switch-china-open-model" / "inputs"
        self.ch = data / "raw" / "CHEER-Power" / "inputs"
        self.facts = data / "facts"
        self.tables: dict[str, pd.DataFrame] = {}
        self.notes: list[str] = []

    # ---- time
    def timescales(self) -> None:
        periods = _read(self.sc / "periods.csv")
        assert list(periods.INVESTMENT_PERIOD) == PERIODS
        self.tables["periods.csv"] = pd.DataFrame({
            "INVESTMENT_PERIOD": PERIODS, "period_start": PERIODS, "period_end": [p + 4 for p in PERIODS]})
        ts = _read(self.sc / "timeseries.csv")
        ts = ts[["TIMESERIES", "ts_period", "ts_duration_of_tp", "ts_num_tps", "ts_scale_to_period"]].copy()
        # days_in_month x 5 (SWITCH-China values; recomputed as a check)
        days = ts.TIMESERIES.map(lambda s: pd.Period(s.replace(".", "-")[:7]).days_in_month)
        days = days.where(_ts_month(ts.TIMESERIES) != 2, 28)  # SWITCH-China uses 28-day Februaries
        assert np.allclose(ts.ts_scale_to_period, days * 5)
        ts["ts_scale_to_period"] = (days * 5).astype(int)
        self.tables["timeseries.csv"] = ts
        tp = _read(self.sc / "timepoints.csv")[["timepoint_id", "timestamp", "timeseries"]]
        assert len(tp) == 432
        self.tables["timepoints.csv"] = tp
        self.timeseries = ts
        self.timepoints = tp

    # ---- zones, loads, local T&D
    def zones(self) -> None:
        lz = _read(self.sc / "load_zones.csv")
        lz = lz.sort_values("LOAD_ZONE").reset_index(drop=True)
        self.zone_list = list(lz.LOAD_ZONE)
        assert len(self.zone_list) == 32
        self.tables["load_zones.csv"] = lz[["LOAD_ZONE", "zone_dbid", "existing_local_td",
                                            "local_td_annual_cost_per_mw", "local_td_loss_rate",
                                            "zone_balancing_area"]]
        loads = _read(self.sc / "loads.csv").rename(columns={"load_zone": "LOAD_ZONE"})
        order = {t: i for i, t in enumerate(self.timepoints.timepoint_id)}
        loads = loads.assign(_o=loads.TIMEPOINT.map(order)).sort_values(["LOAD_ZONE", "_o"]).drop(columns="_o")
        assert len(loads) == 32 * 432
        self.tables["loads.csv"] = loads[["LOAD_ZONE", "TIMEPOINT", "zone_demand_mw"]]
        peak = _read(self.sc / "zone_coincident_peak_demand.csv").sort_values(["LOAD_ZONE", "PERIOD"])
        self.tables["zone_coincident_peak_demand.csv"] = peak

    # ---- fuels, prices, finance, policy
    def fuels(self) -> None:
        co2 = _read(self.facts / "fuels.csv").set_index("fuel").co2_kg_per_gj
        # heat unit of the case is MMBtu (SWITCH-China heat rates and prices): t/MMBtu = kg/GJ * GJ/MMBtu / 1000
        self.tables["fuels.csv"] = pd.DataFrame({
            "fuel": ["Coal", "Gas", "Uranium"],
            "co2_intensity": [round(co2["coal"] * GJ_PER_MMBTU / 1000, 6),
                              round(co2["gas"] * GJ_PER_MMBTU / 1000, 6), 0.0],
            "upstream_co2_intensity": [0.0, 0.0, 0.0]})
        self.tables["non_fuel_energy_sources.csv"] = pd.DataFrame(
            {"energy_source": ["Electricity", "Solar", "Water", "Wind"]})
        fc = _read(self.sc / "fuel_cost.csv")
        gas = _read(self.sc / "fuel_supply_curves.csv")
        gas = gas[gas.tier == 0].rename(columns={"regional_fuel_market": "load_zone", "unit_cost": "fuel_cost"})
        gas = gas.assign(fuel="Gas")[["load_zone", "fuel", "period", "fuel_cost"]]
        fc = pd.concat([fc[["load_zone", "fuel", "period", "fuel_cost"]], gas])
        fc = fc[fc.load_zone.isin(self.zone_list)].sort_values(["load_zone", "fuel", "period"])
        self.tables["fuel_cost.csv"] = fc.reset_index(drop=True)
        self.tables["financials.csv"] = _read(self.sc / "financials.csv")
        self.tables["lost_load_cost.csv"] = pd.DataFrame({"unserved_load_penalty": [UNSERVED_LOAD_PENALTY]})
        low, self.carbon_row = carbon_low_path(self.facts)
        self.tables["carbon_price_paths.csv"] = pd.DataFrame(
            {"PERIOD": PERIODS, "low": low.values, "high": 2 * low.values})
        self.tables["carbon_policies.csv"] = pd.DataFrame(
            {"PERIOD": PERIODS, "carbon_cap_tco2_per_yr": ["."] * 6, "carbon_cost_dollar_per_tco2": low.values})
        self.tables["battery_cost_paths.csv"] = pd.DataFrame(
            {"path": ["B", "M", "R"], "multiplier": ["1", "0.3333333333", "0.2"]})

    # ---- transmission
    def transmission(self) -> None:
        """92 undirected corridors carrying the study's directed existing capacities (docs/china_case.md).

        The study ran SWITCH-China's first published inputs (``study_era/``): 184 directed rows, one per
        direction of each corridor, each with its own existing capacity (switch-model's directional
        transmission format, where new builds are symmetric and each direction carries half the line's cost).
        switch-model 2.0.9 has one undirected line per zone pair whose capacity serves both directions, so a
        corridor gets the larger of its two directed capacities: the direction the corridor was built for
        keeps its capacity exactly, the reverse direction gets more than the study had. Names, orientation
        and database ids stay those of SWITCH-China's current 92-line table (same pairs, lengths and
        efficiencies; asserted).
        """
        tl = _read(self.sc / "transmission_lines.csv")
        assert len(tl) == 92
        directed = _read(self.sc.parent / "study_era" / "transmission_lines.csv")
        assert len(directed) == 184
        a, b = directed.trans_lz_send, directed.trans_lz_receive
        directed["pair"] = np.where(a < b, a + "|" + b, b + "|" + a)
        assert (directed.groupby("pair").size() == 2).all()
        for col in ("trans_length_km", "trans_efficiency", "trans_new_build_allowed"):
            assert (directed.groupby("pair")[col].nunique() == 1).all(), col
        existing = directed.groupby("pair").existing_trans_cap.max()
        a, b = tl.trans_lz1, tl.trans_lz2
        tl["pair"] = np.where(a < b, a + "|" + b, b + "|" + a)
        assert set(tl.pair) == set(existing.index)
        first = directed.groupby("pair").first()
        assert np.allclose(tl.trans_length_km, tl.pair.map(first.trans_length_km))
        assert np.allclose(tl.trans_efficiency, tl.pair.map(first.trans_efficiency))
        tl["existing_trans_cap"] = tl.pair.map(existing)
        tl["trans_new_build_allowed"] = tl.pair.map(first.trans_new_build_allowed).astype(str).str.upper().eq(
            "TRUE").astype(int)
        tl = tl.sort_values("TRANSMISSION_LINE")
        self.tables["transmission_lines.csv"] = tl[["TRANSMISSION_LINE", "trans_lz1", "trans_lz2", "trans_length_km",
                                                     "trans_efficiency", "existing_trans_cap", "trans_dbid",
                                                     "trans_new_build_allowed"]].reset_index(drop=True)
        self.tables["trans_params.csv"] = _read(self.sc / "trans_params.csv")

    # ---- generators
    def generators(self) -> None:
        gi = _read(self.sc / "gen_info.csv")
        pre = _read(self.sc / "gen_build_predetermined.csv")
        costs = _read(self.sc / "gen_build_costs.csv")
        ch_gi = _read(self.ch / "gen_info.csv").set_index("GENERATION_PROJECT")
        plr = _read(self.sc / "gen_part_load_heat_rates.csv")
        curves = plr.groupby("GENERATION_PROJECT").apply(_curve_text, include_groups=False)
        gi["curve"] = gi.GENERATION_PROJECT.map(curves).fillna("")
        curve_rows: list[dict] = []
        info_rows: list[dict] = []
        cost_rows: list[dict] = []
        pre_rows: list[dict] = []
        cf_map: dict[str, str] = {}          # our project -> CHEER CF project
        hydro_map: dict[str, str] = {}       # our hydro project -> zone
        atb = _read(self.facts / "tech_costs.csv")
        atb = atb[atb.cost_year_basis.str.startswith("start_year")].copy()
        atb["year"] = atb.cost_year_basis.str.split().str[1].astype(int)
        atb = atb.set_index(["tech", "year"])
        # ATB rows: 2019 $ per kW (kWh) -> case dollars (2010 $) per MW (MWh)
        atb = atb[atb.dollar_year.astype(str) == "2019"]
        atb = atb[["capital_per_kw", "capital_per_kwh", "fixed_om_per_kw_yr"]] * (1000 * ATB_TO_CASE_DOLLARS)

        def base(project: str, tech: str, source: str, zone: str, age: int, variable: int, heat: object,
                 vom: float, connect: float, sor: float, forced: float, limit: object, eff: object = None,
                 ratio: object = None, distributed: int = 0, op: dict | None = None) -> dict:
            assert op is not None and set(op) == set(OPERATING), project
            return {"GENERATION_PROJECT": project, "gen_tech": tech, "gen_energy_source": source,
                    "gen_load_zone": zone, "gen_max_age": int(age), "gen_is_variable": int(variable),
                    **op, "gen_full_load_heat_rate": heat, "gen_variable_om": vom,
                    "gen_connect_cost_per_mw": connect, "gen_scheduled_outage_rate": sor,
                    "gen_forced_outage_rate": forced, "gen_capacity_limit_mw": limit,
                    "gen_storage_efficiency": eff, "gen_storage_energy_to_power_ratio": ratio,
                    "gen_is_distributed": distributed, "gen_is_re_connect": 0}

        # ---------- existing fleet: merge units with identical parameters into zone x tech cohorts
        src_map = {"Coal": "Coal", "Gas": "Gas", "Uranium": "Uranium", "Water": "Water", "Wind": "Wind",
                   "Solar": "Solar", "Storage": "Electricity"}
        ex = pre.merge(gi, on="GENERATION_PROJECT", how="left", validate="many_to_one")
        assert ex.gen_tech.notna().all()
        ex = ex.merge(costs[["GENERATION_PROJECT", "build_year", "gen_fixed_om"]],
                      on=["GENERATION_PROJECT", "build_year"], how="left")
        ex["gen_fixed_om"] = pd.to_numeric(ex.gen_fixed_om, errors="coerce").fillna(0.0)
        ex["alive_until"] = ex.build_year + ex.gen_max_age          # online while start < build+age
        ex = ex[ex.alive_until > PERIODS[0]]                        # never online in a model period -> drop
        self.existing_units = ex
        self.existing_capital(ex, costs)
        # merge key: every unit parameter that enters the LP per MW (raw values compared as text); build
        # years are not in it because each build year stays its own predetermined build (own retirement), and
        # fixed O&M is capacity-weighted per build (a constant). Exact: see docs/china_case.md.
        key = ["gen_load_zone", "gen_tech", "gen_energy_source", "gen_max_age", "gen_full_load_heat_rate",
               "gen_variable_om", "gen_scheduled_outage_rate", "gen_forced_outage_rate",
               "gen_storage_efficiency", "gen_storage_energy_to_power_ratio", *OPERATING, "curve"]
        exk = ex.copy()
        for c in key:
            exk[c] = exk[c].astype(str)
        groups = exk.groupby(key, sort=True)
        counter: dict[tuple[str, str], int] = {}
        for k, g in groups:
            zone, tech = k[0], k[1]
            n = counter.get((zone, tech), 0) + 1
            counter[(zone, tech)] = n
            project = f"{zone}-{tech}-x{n}"
            r = g.iloc[0]
            variable = tech in EXISTING_VARIABLE_CF
            storage = r.gen_storage_efficiency != "."
            heat = float(r.gen_full_load_heat_rate) if r.gen_full_load_heat_rate != "." else None
            cohort_info = base(
                project, tech, src_map[r.gen_energy_source], zone, int(float(r.gen_max_age)), variable, heat,
                0.0 if storage else float(r.gen_variable_om), 0.0, float(r.gen_scheduled_outage_rate),
                0.0 if variable else float(r.gen_forced_outage_rate), None,
                float(r.gen_storage_efficiency) if storage else None,
                float(r.gen_storage_energy_to_power_ratio) if storage else None, op=_operating(g))
            members = [(project, g)]
            if self.plant_level:   # one project per SWITCH-China unit: cohort parameters, its own builds
                members = [(str(u), gu) for u, gu in g.groupby("GENERATION_PROJECT", sort=True)]
            for name, gm in members:
                info_rows.append({**cohort_info, "GENERATION_PROJECT": name})
                if r.curve:
                    curve_rows += inc_heat_rate_rows(name, r.curve)
                if variable:
                    cf_map[name] = f"{zone}-{EXISTING_VARIABLE_CF[tech]}"
                if tech == "Hydro_NonPumped":
                    hydro_map[name] = zone
                for by, gb in gm.groupby("build_year", sort=True):
                    mw = float(gb.build_gen_predetermined.sum())
                    fom = float((gb.build_gen_predetermined * gb.gen_fixed_om).sum() / mw) if mw > 0 else 0.0
                    pre_rows.append({"GENERATION_PROJECT": name, "build_year": int(by),
                                     "build_gen_predetermined": round(mw, 6)})
                    cost_rows.append({"GENERATION_PROJECT": name, "build_year": int(by), "gen_overnight_cost": 0.0,
                                      "gen_fixed_om": round(fom, 4),
                                      "gen_storage_energy_overnight_cost": 0.0 if storage else None})
        existing_phs = {}
        for row in info_rows:
            if row["gen_tech"] == "Hydro_Pumped":
                mw = sum(p["build_gen_predetermined"] for p in pre_rows
                         if p["GENERATION_PROJECT"] == row["GENERATION_PROJECT"])
                existing_phs[row["gen_load_zone"]] = existing_phs.get(row["gen_load_zone"], 0.0) + mw

        # ---------- new thermal (SWITCH-China new-build projects, merged per zone x tech)
        new = gi[gi.gen_tech.isin(NEW_THERMAL) & ~gi.GENERATION_PROJECT.isin(pre.GENERATION_PROJECT)]
        new_costs = costs[costs.GENERATION_PROJECT.isin(new.GENERATION_PROJECT)]
        # nuclear: every SWITCH-China new-build option (Nuclear_SEA, Nuclear_SMR) with its own limits; SWITCH-China
        # bounds nuclear with its capacity-plan module (capacity_plans.csv minimums per zone,
        # total_capacity_limits.csv national maximums; capacity_plans() below), which the case's module list loads
        for (zone, tech), g in new.groupby(["gen_load_zone", "gen_tech"], sort=True):
            r = g.iloc[0]
            lim = pd.to_numeric(g.gen_capacity_limit_mw, errors="coerce")
            limit = None if lim.isna().any() else float(lim.sum())
            assert g.curve.nunique() == 1, (zone, tech)
            project = f"{zone}-{tech}"
            info_rows.append(base(project, tech, r.gen_energy_source, zone, int(r.gen_max_age), 0,
                                  float(r.gen_full_load_heat_rate), float(r.gen_variable_om),
                                  float(r.gen_connect_cost_per_mw), float(r.gen_scheduled_outage_rate),
                                  float(r.gen_forced_outage_rate), limit, op=_operating(g)))
            if r.curve:
                curve_rows += inc_heat_rate_rows(project, r.curve)
            c = new_costs[new_costs.GENERATION_PROJECT.isin(g.GENERATION_PROJECT)]
            for p in PERIODS:
                cp = c[c.build_year == p]
                assert cp.gen_overnight_cost.nunique() == 1, (zone, tech, p)
                cost_rows.append({"GENERATION_PROJECT": project, "build_year": p,
                                  "gen_overnight_cost": float(cp.gen_overnight_cost.iloc[0]),
                                  "gen_fixed_om": float(cp.gen_fixed_om.iloc[0]),
                                  "gen_storage_energy_overnight_cost": None})

        def op_of(tech: str) -> dict:
            """Operating parameters of a new project: those of its SWITCH-China technology (OPERATING_SOURCE)."""
            source_tech = OPERATING_SOURCE["Battery" if tech.startswith("Battery") else tech]
            return _operating(gi[gi.gen_tech == source_tech])

        # ---------- new wind / solar (CHEER-Power profiles & limits, ATB 2021 costs)
        for zone in self.zone_list:
            for tech, (cheer, atb_key, mult, source) in NEW_VARIABLE.items():
                cproj = f"{zone}-{cheer}"
                if cproj not in ch_gi.index:
                    continue
                lim = float(ch_gi.loc[cproj, "gen_capacity_limit_mw"])
                if not lim > 0:
                    continue
                project = f"{zone}-{tech}"
                info_rows.append(base(project, tech, source, zone, VARIABLE_LIFE[tech], 1, None, 0.0,
                                      VARIABLE_CONNECT[tech], 0.0, 0.0, round(lim, 3),
                                      distributed=0, op=op_of(tech)))
                cf_map[project] = cproj
                for p in PERIODS:
                    a = atb.loc[(atb_key, p)]
                    cost_rows.append({"GENERATION_PROJECT": project, "build_year": p,
                                      "gen_overnight_cost": round(a.capital_per_kw * mult, 2),
                                      "gen_fixed_om": round(a.fixed_om_per_kw_yr * mult, 2),
                                      "gen_storage_energy_overnight_cost": None})

        # ---------- batteries 1/4/10 h (ATB 2021) and new pumped hydro (SWITCH-China cost)
        phs = gi[gi.gen_tech == "Hydro_Pumped"].iloc[0]
        phs_cost = costs[costs.GENERATION_PROJECT == phs.GENERATION_PROJECT].iloc[0]
        for zone in self.zone_list:
            for hours, eff in BATTERIES.items():
                tech = f"Battery_{hours}h"
                project = f"{zone}-{tech}"
                info_rows.append(base(project, tech, "Electricity", zone, BATTERY_LIFE, 0, None, 0.0, 0.0, 0.0,
                                      BATTERY_FOR, None, eff, float(hours), op=op_of(tech)))
                for p in PERIODS:
                    a = atb.loc[(f"battery_{hours}h", p)]
                    cost_rows.append({"GENERATION_PROJECT": project, "build_year": p,
                                      "gen_overnight_cost": round(a.capital_per_kw, 2),
                                      "gen_fixed_om": round(a.fixed_om_per_kw_yr, 2),
                                      "gen_storage_energy_overnight_cost": round(a.capital_per_kwh, 2)})
            cproj = f"{zone}-Hydro_Pumped"
            if cproj in ch_gi.index:
                room = float(ch_gi.loc[cproj, "gen_capacity_limit_mw"]) - existing_phs.get(zone, 0.0)
                if room > 1.0:
                    project = f"{zone}-Hydro_Pumped"
                    info_rows.append(base(project, "Hydro_Pumped", "Electricity", zone, int(phs.gen_max_age), 0,
                                          None, 0.0, float(phs.gen_connect_cost_per_mw),
                                          float(phs.gen_scheduled_outage_rate), float(phs.gen_forced_outage_rate),
                                          round(room, 3), float(phs.gen_storage_efficiency),
                                          float(phs.gen_storage_energy_to_power_ratio), op=op_of("Hydro_Pumped")))
                    for p in PERIODS:
                        cost_rows.append({"GENERATION_PROJECT": project, "build_year": p,
                                          "gen_overnight_cost": float(phs_cost.gen_overnight_cost),
                                          "gen_fixed_om": float(phs_cost.gen_fixed_om),
                                          "gen_storage_energy_overnight_cost": 0.0})

        info = pd.DataFrame(info_rows).sort_values("GENERATION_PROJECT").reset_index(drop=True)
        assert info.GENERATION_PROJECT.is_unique
        self.tables["gen_info.csv"] = info
        bc = pd.DataFrame(cost_rows).sort_values(["GENERATION_PROJECT", "build_year"]).reset_index(drop=True)
        self.tables["gen_build_costs.csv"] = bc
        bp = pd.DataFrame(pre_rows).sort_values(["GENERATION_PROJECT", "build_year"]).reset_index(drop=True)
        self.tables["gen_build_predetermined.csv"] = bp
        self.tables["gen_inc_heat_rates.csv"] = pd.DataFrame(curve_rows)
        self.cf_map = cf_map
        self.hydro_map = hydro_map
        if self.plant_level:
            n_units = int(self.existing_units.GENERATION_PROJECT.nunique())
            self.notes.append(f"--plant-level: the existing fleet is written unit by unit ({n_units} projects named "
                              "as in SWITCH-China, each with its merged cohort's parameters), not merged.")

    # ---- SWITCH-China's capacity plans and planning reserves (read only by the study's module list)
    def plans_and_reserves(self) -> None:
        """capacity_plans.csv (minimum online capacity per energy source, zone and period),
        total_capacity_limits.csv (national maximum per energy source and period), and the planning reserve
        requirements (15 % over each zone's peak load), all as SWITCH-China writes them."""
        plans = _read(self.sc / "capacity_plans.csv")
        assert set(plans.load_zones) <= set(self.zone_list) and set(plans.period) <= set(PERIODS)
        self.tables["capacity_plans.csv"] = plans.sort_values(["energy_sources", "load_zones", "period"])
        limits = _read(self.sc / "total_capacity_limits.csv")
        self.tables["total_capacity_limits.csv"] = limits.sort_values(["energy_sources", "period"])
        reqs = _read(self.sc / "planning_reserve_requirements.csv")
        zones = _read(self.sc / "planning_reserve_requirement_zones.csv")
        assert sorted(zones.LOAD_ZONE) == self.zone_list
        self.tables["planning_reserve_requirements.csv"] = reqs.sort_values("PLANNING_RESERVE_REQUIREMENTS")
        self.tables["planning_reserve_requirement_zones.csv"] = zones.sort_values(
            ["PLANNING_RESERVE_REQUIREMENTS", "LOAD_ZONE"])

    # ---- capital annuities of the existing fleet (for the study's cost metric)
    def existing_capital(self, units: pd.DataFrame, costs: pd.DataFrame) -> None:
        """Capital annuities of SWITCH-China's existing units, $/yr by zone, technology and period.

        The case gives existing builds no capital cost (sunk: constants that change no decision), but SWITCH-China
        charges them in its objective, and the study's cost per MWh includes them. Per unit build, as switch-model
        2.0.9 annualises a build (``generators.core.build`` and ``generators.extensions.storage``):
        ``MW x (gen_overnight_cost + gen_connect_cost_per_mw) x crf(interest_rate, gen_max_age)`` plus, for storage,
        ``MW x energy/power ratio x gen_storage_energy_overnight_cost x crf``, charged in every period whose start
        falls in ``[build_year, build_year + gen_max_age)``. Read by ``batteryplan.report.metrics.cost_per_mwh_study``.
        """
        rate = float(self.tables["financials.csv"].interest_rate.iloc[0])
        u = units.merge(costs[["GENERATION_PROJECT", "build_year", "gen_overnight_cost",
                               "gen_storage_energy_overnight_cost"]],
                        on=["GENERATION_PROJECT", "build_year"], how="left", validate="one_to_one")
        num = lambda c: pd.to_numeric(u[c], errors="coerce").fillna(0.0).to_numpy()
        age = num("gen_max_age")
        crf = rate / (1.0 - (1.0 + rate) ** -age)
        mw = num("build_gen_predetermined")
        annual = mw * crf * (num("gen_overnight_cost") + num("gen_connect_cost_per_mw")
                             + num("gen_storage_energy_to_power_ratio") * num("gen_storage_energy_overnight_cost"))
        by = u.build_year.to_numpy()
        rows = []
        for p in PERIODS:
            alive = (by <= p) & (p < by + age)
            g = pd.DataFrame({"LOAD_ZONE": u.gen_load_zone[alive], "gen_tech": u.gen_tech[alive],
                              "capital_annuity_usd_per_yr": annual[alive]})
            g = g.groupby(["LOAD_ZONE", "gen_tech"], sort=True).capital_annuity_usd_per_yr.sum().reset_index()
            rows.append(g.assign(PERIOD=p))
        out = pd.concat(rows, ignore_index=True)[["LOAD_ZONE", "PERIOD", "gen_tech", "capital_annuity_usd_per_yr"]]
        out["capital_annuity_usd_per_yr"] = out.capital_annuity_usd_per_yr.round(0)
        self.tables["existing_capital_annuity.csv"] = out.sort_values(["LOAD_ZONE", "PERIOD", "gen_tech"]).reset_index(
            drop=True)

    # ---- capacity factors and hydro flows
    def profiles(self) -> None:
        vcf = _read(self.ch / "variable_capacity_factors.csv")
        tps = list(self.timepoints.timepoint_id)
        vcf = vcf[vcf.timepoint.isin(tps)]
        n_clip = int((vcf.gen_max_capacity_factor > 1.0).sum())
        self.notes.append(f"{n_clip} CHEER-Power capacity factors above 1 at the 432 timepoints were clipped to 1.")
        wide = vcf.pivot(index="GENERATION_PROJECT", columns="timepoint", values="gen_max_capacity_factor")
        wide = wide[tps].clip(upper=1.0, lower=0.0)
        rows = []
        for project in sorted(self.cf_map):
            src = self.cf_map[project]
            vals = wide.loc[src].to_numpy()
            assert not np.isnan(vals).any(), src
            rows.append(pd.DataFrame({"GENERATION_PROJECT": project, "timepoint": tps,
                                      "gen_max_capacity_factor": np.round(vals, 5)}))
        self.tables["variable_capacity_factors.csv"] = pd.concat(rows, ignore_index=True)

        h = _read(self.ch / "hydro_timeseries.csv")
        h = h[h.hydro_project.str.endswith("-Hydro_NonPumped")]
        h = h.assign(zone=h.hydro_project.str.rsplit("-", n=1).str[0])
        ts = list(self.timeseries.TIMESERIES)
        h = h[h.timeseries.isin(ts)].set_index(["zone", "timeseries"])
        monthly = _read(self.facts / "hydro_monthly_cf.csv").set_index("month").hydro_cf
        pre = self.tables["gen_build_predetermined.csv"]
        rows = []
        fallback = set()
        ts_period = self.timeseries.set_index("TIMESERIES").ts_period
        info = self.tables["gen_info.csv"].set_index("GENERATION_PROJECT")
        # plain dicts / arrays instead of per-row pandas look-ups (same values; fast with --plant-level)
        assert h.index.is_unique
        flow = {k: (float(a), float(m)) for k, a, m in zip(h.index, h.hydro_avg_flow_per_mw, h.hydro_min_flow_per_mw)}
        builds = {g: (b.build_year.to_numpy(), b.build_gen_predetermined.to_numpy())
                  for g, b in pre.groupby("GENERATION_PROJECT", sort=False)}
        ts_p = {t: int(ts_period[t]) for t in ts}
        for project in sorted(self.hydro_map):
            zone = self.hydro_map[project]
            age = info.loc[project, "gen_max_age"]
            by, mw = builds[project]
            for t in ts:
                p = ts_p[t]
                cap = float(mw[(by <= p) & (p < by + age)].sum())
                if (zone, t) in flow:
                    avg, mn = flow[(zone, t)]
                else:
                    fallback.add(zone)
                    avg = float(monthly[int(t[5:7])])
                    mn = 0.5 * avg
                rows.append({"hydro_project": project, "timeseries": t,
                             "hydro_min_flow_mw": round(mn * cap, 4), "hydro_avg_flow_mw": round(avg * cap, 4)})
        if fallback:
            self.notes.append("Hydro flows per MW for " + ", ".join(sorted(fallback)) +
                              " are not in CHEER-Power: ESTIMATE from the national monthly profile "
                              "(facts/hydro_monthly_cf.csv), minimum flow = 0.5 x average as CHEER-Power has it.")
        self.tables["hydro_timeseries.csv"] = pd.DataFrame(rows)

    # ---- storage catalog (off by default)
    def storage_catalog(self) -> None:
        self.tables["storage_catalog.csv"] = pd.DataFrame(STORAGE_CATALOG, columns=[
            "gen_tech", "round_trip_efficiency", "duration_h", "life_years", "power_cost_usd_per_kw",
            "energy_cost_usd_per_kwh", "fixed_om_usd_per_kw_yr", "source_name", "source_ref", "estimate"])

    def build(self) -> dict[str, pd.DataFrame]:
        """Build every table (file name -> DataFrame)."""
        self.timescales()
        self.zones()
        self.fuels()
        self.transmission()
        self.generators()
        self.plans_and_reserves()
        self.profiles()
        self.storage_catalog()
        return self.tables

    def write(self, out: Path) -> None:
        """Write the inputs folder and SOURCES.md next to it."""
        out.mkdir(parents=True, exist_ok=True)
        for name, df in sorted(self.tables.items()):
            write_csv(df, out / name)
        (out / "modules.txt").write_text("\n".join(STUDY_MODULES) + "\n", encoding="utf-8")
        (out / "modules_stage1.txt").write_text("\n".join(STAGE1_MODULES) + "\n", encoding="utf-8")
        central = [m for m in STUDY_MODULES if m != DEMAND_CHARGING]
        (out / "modules_central_demand_charging.txt").write_text("\n".join(central) + "\n", encoding="utf-8")
        (out / "switch_inputs_version.txt").write_text("2.0.9\n", encoding="utf-8")
        notes = "\n".join(f"- {n}" for n in self.notes)
        sources = (SOURCES_MD.replace("{NOTES}", notes).replace("{CARBON_ROW}", self.carbon_row)
                   .replace("{CARBON_DOLLARS}", CARBON_DOLLARS["**CALIBRATED**" in self.carbon_row]))
        (out.parent / "SOURCES.md").write_text(sources, encoding="utf-8")


#: optional storage technologies (not in gen_info by default). Cost basis: 2020-2021 US$, ~100 MW systems.
#: Values are rounded from the named public reports; every row is flagged as an estimate because the
#: reports give ranges and we picked central values (not re-checked against the PDFs in this repo).
STORAGE_CATALOG = [
    ("Flow_Vanadium", 0.70, 10, 20, 600, 300, 10,
     "PNNL Energy Storage Grand Challenge Cost and Performance Assessment 2022 (vanadium redox flow)",
     "https://www.pnnl.gov/ESGC-cost-performance (PNNL-33283)", 1),
    ("Flow_Organic", 0.65, 10, 20, 600, 250, 10,
     "PNNL Energy Storage Grand Challenge 2022 (flow batteries, organic chemistries as emerging variant)",
     "https://www.pnnl.gov/ESGC-cost-performance", 1),
    ("Sodium_Ion", 0.85, 4, 15, 250, 200, 6,
     "NREL ATB 2023 / IEA Batteries and Secure Energy Transitions 2024 (sodium-ion cell cost outlook)",
     "https://www.iea.org/reports/batteries-and-secure-energy-transitions", 1),
    ("Compressed_Air", 0.52, 24, 30, 1100, 10, 12,
     "PNNL Energy Storage Grand Challenge 2022 (CAES, cavern storage)",
     "https://www.pnnl.gov/ESGC-cost-performance", 1),
    ("Liquid_Air", 0.55, 10, 30, 1500, 60, 15,
     "Highview Power project data as summarised in IRENA Electricity Storage and Renewables 2017",
     "https://www.irena.org/publications/2017/Oct/Electricity-storage-and-renewables-costs-and-markets", 1),
    ("Hydrogen_P2G2P", 0.35, 168, 25, 2500, 2, 40,
     "PNNL Energy Storage Grand Challenge 2022 (hydrogen: electrolyser + salt-cavern storage + fuel cell/turbine)",
     "https://www.pnnl.gov/ESGC-cost-performance", 1),
]

SOURCES_MD = """# Sources of the bundled China case

Generated by `scripts/make_china_case.py` from `../shared/data` (raw snapshots with SOURCE notes under
`raw/`, derived fact tables under `facts/`). Only derived tables are stored here. Regenerate with
`python scripts/make_china_case.py`. **ESTIMATE** marks numbers we chose, not numbers a source published.

## Licences
- **SWITCH-China open model** (switch-model/switch-china-open-model @ a93a4b9): data licensed **CC BY-NC-SA 4.0**
  (Attribution-NonCommercial-ShareAlike; repository README). Cite Peng, Mauzerall, Zhong, He (2023)
  Nat. Commun. 14:4858; He et al. (2020) Nat. Commun. 11:2486. Tables derived from it inherit these terms.
- **CHEER-Power** (KennethAnn/CHEER-Power @ bde4aec8): **Apache-2.0**; attribution CHEER/Power V1.0 (Kangxin An et al.).
- **NREL ATB 2021** (via NREL/ReEDS-2.0 @ 37ba7fc4, BSD-3 repository): public data.
- **US CPI-U** (Bureau of Labor Statistics, series CUUR0000SA0, all items, U.S. city average, annual average,
  1982-84 = 100): 2010 = 218.056, 2019 = 255.657 (official statistic; values as in the BLS CPI-U table, checked
  against copies of it stored with the search corpus, since this machine cannot reach bls.gov).
- CO2 factors: Peng et al. 2023 Methods / He et al. 2020 SI (published values, facts).

## Dollar year
Every cost is in **2010 US$**, SWITCH-China's dollar basis as its inputs declare it (`financials.csv`
base_financial_year 2010; SWITCH discounts every cost to that year). NREL ATB 2021
values are 2019 $ (atb.nrel.gov/electricity/2021/changes_in_2021: "the dollar year is updated from 2018 to 2019
with a 1.8% inflation rate (BLS, 2020)"); they are multiplied by CPI-U 2010 / CPI-U 2019 = 218.056 / 255.657 =
0.85292. ReEDS-2.0's own deflator (`inputs/financials/deflator.csv` @ b1a6d9b2: 2010 0.866482174,
2019 0.738886009, to 2004 $) gives 0.85274, 0.02 % away. Not converted: the storage catalog (off by default; its report values are
2020-2021 $). {CARBON_DOLLARS}

## Tables
| file | origin | notes |
|---|---|---|
| periods.csv | SWITCH-China `periods.csv` | labels 2023..2048 = period_start, period_end = label + 4 |
| timeseries.csv, timepoints.csv | SWITCH-China | median day of each month, hours 0,4,..,20, 4 h each, scale = days x 5 (February 28 days) |
| loads.csv | SWITCH-China `loads.csv` | unchanged, 32 zones x 432 timepoints |
| load_zones.csv | SWITCH-China `load_zones.csv` | existing_local_td, local_td_annual_cost_per_mw (60,000 $/MW-yr), local_td_loss_rate (0.053), zone_balancing_area (SWITCH-China's seven regional grids: the operating-reserve areas) |
| zone_coincident_peak_demand.csv | SWITCH-China | unchanged |
| fuels.csv | facts/fuels.csv (Peng et al. 2023: coal 93.2, gas 56.2 kg/GJ) | converted to t/MMBtu (heat unit of the case); uranium 0 |
| fuel_cost.csv | SWITCH-China `fuel_cost.csv` (coal, uranium) and tier 0 of `fuel_supply_curves.csv` (gas) | $/MMBtu by zone and period |
| non_fuel_energy_sources.csv | - | Electricity (storage), Solar, Water, Wind |
| financials.csv | SWITCH-China | base year 2010, interest = discount = 8 % |
| lost_load_cost.csv | **ESTIMATE** | 10,000 $/MWh (SWITCH-China inputs carry none; SWITCH default 500) |
| transmission_lines.csv | SWITCH-China as the study ran it: `study_era/transmission_lines.csv` (commit f152c22, 184 directed rows, 515,300 MW summed over both directions); names, orientation and ids of the current 92-line table (same pairs, lengths, efficiencies) | 92 undirected corridors; existing MW = the larger of the corridor's two directed capacities (413,800 MW in all; the current table has 338,800); new-build flag (0 for Tibet links); see docs/china_case.md, "Transmission" |
| trans_params.csv | SWITCH-China `trans_params.csv` (same values at both commits) | 300 $/MW-km, 20 yr, 3 %/yr fixed O&M |
| gen_info.csv: operating parameters of every project | SWITCH-China `gen_info.csv`: gen_min_load_fraction, gen_is_baseload, gen_can_provide_spinning_reserves, gen_can_provide_quickstart_reserves | existing and new thermal projects: their own units' values; new wind, solar, batteries and pumped hydro: those of SWITCH-China's Wind, Offshore_Wind, Central_PV, Commercial_PV (distributed PV), Battery_Storage and Hydro_Pumped (coal 0.4, gas 0.45 / CT 0.4, hydro 0.3, pumped hydro 0.4, nuclear 1.0 and baseload, wind/solar/batteries 0). SWITCH-China's gen_is_flexible_baseload (coal) is not a switch-model 2.0.9 parameter and is not written. Read only by the default module list (commit.operate, operating reserves), except gen_is_baseload, which no_commit also honours. |
| gen_inc_heat_rates.csv | SWITCH-China `gen_part_load_heat_rates.csv` (average heat rate at loading levels, 3,646 coal and gas projects) | the same curves in switch-model 2.0.9's format (which does not read SWITCH-China's file): per project of 1 MW, fuel use at the first level, then one segment per pair of levels with the incremental heat rate between them (coal: 0.4 -> 1.0 of capacity); cohorts merge only units with the same curve |
| capacity_plans.csv, total_capacity_limits.csv | SWITCH-China, unchanged | minimum online capacity per energy source, zone and period (uranium in 12 zones, wind in 7), national maximum (uranium 73.9 -> 340 GW); SWITCH_FORMULATION.md §14 |
| planning_reserve_requirements.csv, planning_reserve_requirement_zones.csv | SWITCH-China, unchanged | one requirement per zone, 15 % reserve margin over peak load (`peak_load` timescale) |
| gen_info.csv, gen_build_predetermined.csv, gen_build_costs.csv: existing fleet | SWITCH-China unit list (`gen_build_predetermined.csv` x `gen_info.csv`) | units with identical parameters (zone, tech, energy source, life, heat rate, VOM, outage rates, storage parameters, operating parameters, part-load curve) merged into one project (`<zone>-<tech>-x<n>`), one build per build year (capacity summed, fixed O&M capacity-weighted so the total is unchanged); capital 0 (sunk); connection cost 0 (sunk); cohorts retired before 2023 dropped; lives as SWITCH-China `gen_info.csv` (existing PV 20, wind 30, coal 30-40, gas 20, nuclear 40, hydro 100 years). Wind/solar units stop at 2017 in the source. |
| existing_capital_annuity.csv | SWITCH-China `gen_build_costs.csv` x `gen_build_predetermined.csv` x `gen_info.csv`, unit by unit; `financials.csv` interest rate | not read by the model: the capital annuities of the existing fleet (MW x (overnight + connection cost) x crf(8 %, life), plus energy cost for storage), $/yr by zone, technology and period while the build is alive, as switch-model charges predetermined builds; read by `batteryplan.report.metrics.cost_per_mwh_study` |
| same: new thermal | SWITCH-China new-build projects | Coal_1000 (RC/DRY/OT/SEA), Gas CCGT, Gas CT, Nuclear_SEA and Nuclear_SMR wherever SWITCH-China offers them, with SWITCH-China's limits (none): nuclear is bounded, as in SWITCH-China, by its capacity-plan module (`capacity_plans.csv` minimums, `total_capacity_limits.csv` national maximums; rows below), which only the default module list loads (with `--modules stage1` new nuclear is unbounded); projects of one zone x tech merged (identical parameters; capacity limits summed); costs per period unchanged (2010 $, SWITCH-China's basis); lives as SWITCH-China `gen_info.csv` (coal 40, gas 20, nuclear SEA 60 / SMR 40 years). Coal_300/600/IGCC new builds omitted (dominated). |
| same: new wind/solar | costs: NREL ATB 2021 Moderate, start-year values (facts/tech_costs.csv, 2019 $ x 0.85292 to 2010 $, see "Dollar year"); lives: 30 years for PV, onshore and offshore wind (ATB 2021; ReEDS-2.0 `inputs/plant_characteristics/maxage.csv` @ 2632049e: upv/dupv/wind-ons/wind-ofs 30); build limits: CHEER-Power `gen_info.gen_capacity_limit_mw` | Solar_Utility (utility PV), Solar_Distributed (**ESTIMATE**: ATB utility PV x 1.25, the SWITCH-China Commercial_PV/Central_PV cost ratio), Wind_Onshore, Wind_Offshore (ATB fixed-bottom class 3; CHEER "Near" profile); connection cost SWITCH-China (3,000 $/MW, 0 for distributed PV). |
| same: batteries | NREL ATB 2021 Moderate (facts/tech_costs.csv, start-year values; 2019 $ x 0.85292 to 2010 $) | Battery_1h/4h/10h per zone; power $/kW + energy $/kWh; FOM 2.5 %/yr of total capex on the power side (scaled with capital by the battery cost path); round trip 0.88/0.85/0.80 and 15-yr life (Peng et al. 2023; ATB 2021 and ReEDS-2.0 maxage battery_* also 15); energy/power ratio fixed; forced outage 0.02 (SWITCH-China). 1 h = ATB extrapolation. |
| same: pumped hydro | SWITCH-China (cost 1,098 $/kW 2010 $, eff. 0.74, 8 h, life 100 years); new-build limit = CHEER-Power pumped-hydro limit minus existing | storage, not named Battery |
| variable_capacity_factors.csv | CHEER-Power `variable_capacity_factors.csv` at SWITCH-China's 432 timepoints (same labels) | existing Wind_EP -> zone's Wind_Onshore profile, Central_PV_EP -> Solar_Utility |
| hydro_timeseries.csv | CHEER-Power `hydro_timeseries.csv` (flow per MW) x existing hydro capacity online in the period | absolute MW as hydro_simple needs |
{CARBON_ROW}
| battery_cost_paths.csv | study (MODEL.md §3) | B 1, M 1/3, R 1/5; scales battery capital (power and energy) and fixed O&M |
| storage_catalog.csv | named public reports (see the table) | all values **ESTIMATE** (central values of published ranges; 2020-2021 $, not converted); off by default |
| modules.txt | SWITCH-China open model, `study_era/modules.txt` (the list the study ran) | the default: commit.operate, commit.fuel_use, operating_reserves (areas, spinning, quickstart), planning_reserves, china_modules.tech_plans and the stage-1 modules. Two differences: fuel_costs.simple instead of fuel_costs.markets (SWITCH-China's supply curves are one gas tier per zone and period at 1e9 MMBtu/yr, so each market is a price; the tier-0 price is in fuel_cost.csv; exact while no zone burns more than 1e9 MMBtu of gas a year), and balancing.unserved_load is kept (results report any unserved energy) |
| modules_stage1.txt, switch_inputs_version.txt | - | the stage-1 module list (`--modules stage1`); 2.0.9 |
| modules.txt: demand-side charging | the study's Methods: demand-side batteries are "attached to the local grid, which allows them to be charged from the central grid but only discharged to the local grid" | `batteryplan.local_demand_charging`: their charging is withdrawn at the distribution node, through local T&D (its loss and capacity); switch-model 2.0.9 withdraws it at the central node (SWITCH_FORMULATION.md §15), which `modules_central_demand_charging.txt` keeps (`--modules central_demand_charging`) |

## Generator notes
{NOTES}
- gen_is_baseload is SWITCH-China's (nuclear only); variable projects have gen_forced_outage_rate = 0;
  gen_is_re_connect = 0 and gen_is_distributed = 0 everywhere (strategies set them).
"""


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder (default ../shared/data)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="inputs folder to write")
    ap.add_argument("--plant-level", action="store_true",
                    help="existing fleet one project per SWITCH-China unit instead of merged cohorts "
                         "(for checking the merge; not the bundled case)")
    a = ap.parse_args(argv)
    if not (a.data / "raw" / "switch-china-open-model").is_dir():
        print(f"data folder not found: {a.data}", file=sys.stderr)
        return 2
    case = ChinaCase(a.data, plant_level=a.plant_level)
    case.build()
    case.write(a.out)
    print(f"wrote {len(case.tables) + 2} files to {a.out}")
    for n in case.notes:
        print("note:", n)
    return 0


if __name__ == "__main__":
    sys.exit(main())

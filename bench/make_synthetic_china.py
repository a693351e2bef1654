#!/usr/bin/env python3
"""Generate a deterministic, China-size SWITCH 2.0.9 inputs folder for benchmarks.

The case mimics the shape of SWITCH-China (32 zones, 6 five-year periods 2023..2048, 12 representative days of
6 four-hour timepoints per period, ``ts_scale_to_period = days_in_month * 5``) and exercises every stage-1 module
of MODEL.md §1 plus the three battery attachments of MODEL.md §2:

* coal, gas CCGT, gas CT (fuel), nuclear (fuel ``Uranium``), hydro (``hydro_simple``), wind and solar
  (variable, ``variable_capacity_factors.csv``), pumped hydro storage, and batteries attached to the grid,
  at the demand side (``gen_is_distributed = 1``) and to renewables (``gen_is_re_connect = 1``);
* existing (predetermined) and new builds, each predetermined build with its ``gen_build_costs.csv`` row;
* ~90 transmission lines with losses, ``trans_params.csv``;
* local T&D (columns in ``load_zones.csv`` and ``zone_coincident_peak_demand.csv``);
* a carbon price (``carbon_policies.csv``), ``fuel_cost.csv``, ``lost_load_cost.csv`` + ``unserved_load``.

All randomness comes from one seeded ``numpy.random.Generator``: the same arguments give byte-identical files.

Usage::

    python bench/make_synthetic_china.py --out DIR/inputs [--zones 32 --periods 6 --seed 0] [--no-re-module]
"""
from __future__ import annotations

import argparse
import csv
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from batteryplan.io.switch_reader import STAGE1_CASE_MODULES

CHINA_ZONES: tuple[str, ...] = (
    "Chongqing", "Henan", "Hubei", "Hunan", "Jiangxi", "Sichuan", "Anhui", "Fujian", "Jiangsu", "Shanghai",
    "Zhejiang", "Beijing", "Hebei", "Shandong", "Shanxi", "Tianjin", "West_Inner_Mongolia", "East_Inner_Mongolia",
    "Heilongjiang", "Jilin", "Liaoning", "Gansu", "Ningxia", "Qinghai", "Shaanxi", "Xinjiang", "Guangdong",
    "Guangxi", "Guizhou", "Hainan", "Yunnan", "Tibet",
)
DAYS_IN_MONTH: tuple[int, ...] = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
TP_HOURS: tuple[int, ...] = (0, 4, 8, 12, 16, 20)
TP_DURATION_H = 4
PERIOD_LENGTH_Y = 5
FIRST_PERIOD = 2023

BASE_MODULES: tuple[str, ...] = STAGE1_CASE_MODULES
RE_MODULE = "re_connect_charging"

GEN_INFO_COLUMNS: tuple[str, ...] = (
    "GENERATION_PROJECT", "gen_dbid", "gen_tech", "gen_energy_source", "gen_load_zone", "gen_max_age",
    "gen_is_variable", "gen_is_baseload", "gen_full_load_heat_rate", "gen_variable_om", "gen_connect_cost_per_mw",
    "gen_scheduled_outage_rate", "gen_forced_outage_rate", "gen_capacity_limit_mw", "gen_is_cogen",
    "gen_is_distributed", "gen_storage_efficiency", "gen_storage_energy_to_power_ratio", "gen_is_re_connect",
)

Cell = str | int | float


def fmt(x: Cell | None) -> str:
    """Format one CSV cell: ``None`` -> ``'.'``, floats with up to 10 significant digits."""
    if x is None:
        return "."
    if isinstance(x, float):
        return f"{x:.10g}"
    return str(x)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell | None]]) -> int:
    """Write a comma-separated file with a header; return the number of data rows written."""
    n = 0
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([fmt(c) for c in r])
            n += 1
    return n


@dataclass
class Project:
    """One SWITCH generation project with its gen_info fields, builds and cost rows."""

    name: str
    tech: str
    source: str
    zone: str
    max_age: int
    heat_rate: float | None = None
    vom: float = 0.0
    connect: float = 0.0
    sched_outage: float = 0.0
    forced_outage: float = 0.0
    limit_mw: float | None = None
    is_variable: int = 0
    is_distributed: int = 0
    is_re_connect: int = 0
    efficiency: float | None = None
    energy_ratio: float | None = None
    predetermined: list[tuple[int, float]] = field(default_factory=list)  # (build_year, MW)
    # (build_year, overnight $/MW, fixed O&M $/MW-yr, energy overnight $/MWh or None)
    costs: list[tuple[int, float, float, float | None]] = field(default_factory=list)

    @property
    def is_storage(self) -> bool:
        """True for storage projects (gen_storage_efficiency given)."""
        return self.efficiency is not None


def zone_coordinates(rng: np.random.Generator, n_zone: int) -> npt.NDArray[np.float64]:
    """Zone centroids in km on a 3000 x 2500 km map."""
    return rng.uniform([0.0, 0.0], [3000.0, 2500.0], size=(n_zone, 2))


def choose_lines(xy: npt.NDArray[np.float64], n_lines: int) -> list[tuple[int, int, float]]:
    """Minimum spanning tree (connectivity) plus the shortest remaining pairs, up to ``n_lines`` undirected lines."""
    n = xy.shape[0]
    d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
    in_tree = np.zeros(n, dtype=bool)
    in_tree[0] = True
    best = d[0].copy()
    parent = np.zeros(n, dtype=np.int64)
    edges: set[tuple[int, int]] = set()
    for _ in range(n - 1):
        cand = np.where(in_tree, np.inf, best)
        j = int(np.argmin(cand))
        edges.add((min(j, int(parent[j])), max(j, int(parent[j]))))
        in_tree[j] = True
        closer = d[j] < best
        best = np.where(closer, d[j], best)
        parent = np.where(closer, j, parent)
    iu, ju = np.triu_indices(n, k=1)
    for k in np.argsort(d[iu, ju], kind="stable"):
        if len(edges) >= n_lines:
            break
        edges.add((int(iu[k]), int(ju[k])))
    return sorted((i, j, float(d[i, j])) for i, j in edges)


def make_case(out: Path, n_zone: int = 32, n_period: int = 6, seed: int = 0, re_module: bool = True,
              n_lines: int | None = None) -> dict[str, int]:
    """Write the inputs folder ``out``; return ``{file name: data rows}``."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    rows: dict[str, int] = {}
    zones = [CHINA_ZONES[i] if i < len(CHINA_ZONES) else f"Zone_{i:02d}" for i in range(n_zone)]
    periods = [FIRST_PERIOD + PERIOD_LENGTH_Y * k for k in range(n_period)]

    # --- timescales ------------------------------------------------------------------------------------------
    (out / "switch_inputs_version.txt").write_text("2.0.9\n")
    rows["periods.csv"] = write_csv(out / "periods.csv", ["INVESTMENT_PERIOD", "period_start", "period_end"],
                                    [(p, p, p + PERIOD_LENGTH_Y - 1) for p in periods])
    ts_rows: list[tuple[str, int, int, int, float]] = []
    tp_rows: list[tuple[str, str, str]] = []
    tp_month: list[int] = []
    tp_hour: list[int] = []
    tp_period: list[int] = []
    ts_of_period: dict[int, list[str]] = {p: [] for p in periods}
    for p in periods:
        year = p + 2
        for m in range(12):
            day = int(rng.integers(5, 26))
            ts = f"{year}.{m + 1:02d}.{day:02d}"
            ts_rows.append((ts, p, TP_DURATION_H, len(TP_HOURS), float(DAYS_IN_MONTH[m] * PERIOD_LENGTH_Y)))
            ts_of_period[p].append(ts)
            for h in TP_HOURS:
                tp_rows.append((f"{ts}.{h:02d}", f"{year}-{m + 1:02d}-{day:02d}_{h:02d}:00", ts))
                tp_month.append(m)
                tp_hour.append(h)
                tp_period.append(p)
    rows["timeseries.csv"] = write_csv(
        out / "timeseries.csv", ["TIMESERIES", "ts_period", "ts_duration_of_tp", "ts_num_tps", "ts_scale_to_period"],
        ts_rows)
    rows["timepoints.csv"] = write_csv(out / "timepoints.csv", ["timepoint_id", "timestamp", "timeseries"], tp_rows)
    tps = [r[0] for r in tp_rows]
    month = np.array(tp_month)
    hour = np.array(tp_hour)
    pidx = np.array([periods.index(p) for p in tp_period])
    n_tp = len(tps)

    # --- financials, fuels, policies -------------------------------------------------------------------------
    rows["financials.csv"] = write_csv(out / "financials.csv",
                                       ["base_financial_year", "interest_rate", "discount_rate"],
                                       [(FIRST_PERIOD, 0.07, 0.05)])
    rows["fuels.csv"] = write_csv(out / "fuels.csv", ["fuel", "co2_intensity", "upstream_co2_intensity"],
                                  [("Coal", 0.09552, 0.0), ("Gas", 0.05306, 0.0), ("Uranium", 0.0, 0.0)])
    rows["non_fuel_energy_sources.csv"] = write_csv(out / "non_fuel_energy_sources.csv", ["energy_source"],
                                                    [("Wind",), ("Solar",), ("Water",), ("Electricity",)])
    rows["carbon_policies.csv"] = write_csv(
        out / "carbon_policies.csv", ["PERIOD", "carbon_cap_tco2_per_yr", "carbon_cost_dollar_per_tco2"],
        [(p, None, 10.0 + 10.0 * k) for k, p in enumerate(periods)])
    rows["lost_load_cost.csv"] = write_csv(out / "lost_load_cost.csv", ["unserved_load_penalty"], [(10000.0,)])
    rows["trans_params.csv"] = write_csv(
        out / "trans_params.csv", ["trans_capital_cost_per_mw_km", "trans_lifetime_yrs", "trans_fixed_om_fraction"],
        [(960.0, 40, 0.03)])

    # --- loads, load zones, local T&D --------------------------------------------------------------------------
    base_mw = np.round(np.exp(rng.normal(np.log(20000.0), 0.8, size=n_zone)), 1)
    growth = rng.uniform(0.015, 0.035, size=n_zone)
    seasonal = 1.0 + 0.12 * np.cos(2 * np.pi * (month - 6.5) / 12.0)           # summer and winter peaks
    diurnal = np.array([0.78, 0.74, 0.98, 1.05, 1.08, 1.12])[hour // 4]
    years = np.array(periods)[pidx] - FIRST_PERIOD
    load = np.empty((n_zone, n_tp))
    for z in range(n_zone):
        noise = rng.normal(1.0, 0.03, size=n_tp)
        load[z] = np.round(base_mw[z] * (1 + growth[z]) ** years * seasonal * diurnal * noise, 3)
    rows["loads.csv"] = write_csv(out / "loads.csv", ["LOAD_ZONE", "TIMEPOINT", "zone_demand_mw"],
                                  ((zones[z], tps[t], float(load[z, t])) for z in range(n_zone) for t in range(n_tp)))
    peak = np.array([[load[z, pidx == k].max() for k in range(n_period)] for z in range(n_zone)])
    rows["zone_coincident_peak_demand.csv"] = write_csv(
        out / "zone_coincident_peak_demand.csv", ["LOAD_ZONE", "PERIOD", "zone_expected_coincident_peak_demand"],
        ((zones[z], periods[k], float(round(peak[z, k], 3))) for z in range(n_zone) for k in range(n_period)))
    rows["load_zones.csv"] = write_csv(
        out / "load_zones.csv",
        ["LOAD_ZONE", "zone_ccs_distance_km", "zone_dbid", "existing_local_td", "local_td_annual_cost_per_mw",
         "local_td_loss_rate"],
        [(zones[z], 100.0, z + 1, float(round(0.95 * peak[z, 0], 1)), 60000.0, 0.053) for z in range(n_zone)])

    # --- fuel costs ($/GJ), by zone, fuel, period ----------------------------------------------------------------
    fuel_base = {"Coal": 3.0, "Gas": 8.5, "Uranium": 0.9}
    fuel_trend = {"Coal": 0.01, "Gas": 0.015, "Uranium": 0.0}
    fc_rows = []
    for z in range(n_zone):
        zmult = rng.uniform(0.85, 1.2, size=3)
        for k, p in enumerate(periods):
            for fi, f in enumerate(("Coal", "Gas", "Uranium")):
                fc_rows.append((zones[z], f, p, round(fuel_base[f] * zmult[fi] * (1 + fuel_trend[f]) ** (5 * k), 4)))
    rows["fuel_cost.csv"] = write_csv(out / "fuel_cost.csv", ["load_zone", "fuel", "period", "fuel_cost"], fc_rows)

    # --- projects ------------------------------------------------------------------------------------------------
    def decline(c0: float, rate: float) -> list[float]:
        return [round(c0 * (1 - rate) ** (5 * k), 1) for k in range(n_period)]

    projects: list[Project] = []
    cf_rows: list[tuple[str, str, float]] = []
    hydro_rows: list[tuple[str, str, float, float]] = []
    has_nuclear = rng.random(n_zone) < 0.5
    has_hydro = rng.random(n_zone) < 0.75
    has_phs = rng.random(n_zone) < 0.6
    wind_q = rng.uniform(0.8, 1.3, size=n_zone)
    solar_q = rng.uniform(0.75, 1.25, size=n_zone)
    for z, zn in enumerate(zones):
        b = float(base_mw[z])

        def new_costs(overnight: list[float], fom: float, energy: list[float] | None = None
                      ) -> list[tuple[int, float, float, float | None]]:
            return [(p, overnight[k], fom, None if energy is None else energy[k]) for k, p in enumerate(periods)]

        coal = Project(f"{zn}-Coal-1", "Coal_Steam", "Coal", zn, 35, heat_rate=9.4, vom=3.5, connect=20000.0,
                       sched_outage=0.06, forced_outage=0.05)
        for y, share in ((2000, 0.25), (2012, 0.35)):
            mw = round(b * share * rng.uniform(0.6, 1.4), 1)
            coal.predetermined.append((y, mw))
            coal.costs.append((y, 0.0, 40000.0, None))
        coal.costs += new_costs([2_000_000.0] * n_period, 40000.0)
        projects.append(coal)

        ccgt = Project(f"{zn}-Gas_CCGT-1", "Gas_CCGT", "Gas", zn, 30, heat_rate=6.9, vom=2.5, connect=15000.0,
                       sched_outage=0.04, forced_outage=0.04)
        mw = round(b * 0.08 * rng.uniform(0.2, 1.5), 1)
        ccgt.predetermined.append((2015, mw))
        ccgt.costs.append((2015, 0.0, 20000.0, None))
        ccgt.costs += new_costs([900_000.0] * n_period, 20000.0)
        projects.append(ccgt)

        ct = Project(f"{zn}-Gas_CT-1", "Gas_CT", "Gas", zn, 30, heat_rate=10.5, vom=4.0, connect=10000.0,
                     sched_outage=0.03, forced_outage=0.03)
        ct.costs += new_costs([600_000.0] * n_period, 10000.0)
        projects.append(ct)

        if has_nuclear[z]:
            nuc = Project(f"{zn}-Nuclear-1", "Nuclear", "Uranium", zn, 60, heat_rate=10.4, vom=2.0, connect=30000.0,
                          sched_outage=0.08, forced_outage=0.03, limit_mw=round(b * 0.4, 1))
            if rng.random() < 0.5:
                mw = round(b * 0.05 * rng.uniform(0.5, 1.5), 1)
                nuc.predetermined.append((2018, mw))
                nuc.costs.append((2018, 0.0, 100000.0, None))
            nuc.costs += new_costs([3_500_000.0] * n_period, 100000.0)
            projects.append(nuc)

        if has_hydro[z]:
            hy_mw = round(b * 0.3 * rng.uniform(0.2, 1.5), 1)
            hy = Project(f"{zn}-Hydro_NonPumped-1", "Hydro_NonPumped", "Water", zn, 80, vom=0.5, connect=0.0,
                         forced_outage=0.02)
            hy.predetermined.append((2008, hy_mw))
            hy.costs.append((2008, 0.0, 30000.0, None))
            projects.append(hy)
            wet = 0.45 + 0.25 * np.sin(2 * np.pi * (np.arange(12) - 3) / 12.0)   # wet summer
            for k, p in enumerate(periods):
                for m, ts in enumerate(ts_of_period[p]):
                    avg = round(hy_mw * wet[m] * rng.uniform(0.9, 1.1), 3)
                    hydro_rows.append((hy.name, ts, round(0.1 * hy_mw, 3), avg))

        for cls in (1, 2):
            w = Project(f"{zn}-Wind-{cls}", "Wind", "Wind", zn, 25, vom=0.0, connect=40000.0 * cls,
                        limit_mw=round(b * rng.uniform(0.5, 2.0) / cls, 1), is_variable=1)
            if cls == 1:
                mw = round(b * 0.1 * rng.uniform(0.2, 1.5), 1)
                w.predetermined.append((2018, mw))
                w.costs.append((2018, 0.0, 30000.0, None))
            w.costs += new_costs(decline(1_300_000.0, 0.012), 30000.0)
            projects.append(w)
            wq = wind_q[z] * (1.05 - 0.15 * cls)
            wshape = 0.32 + 0.08 * np.cos(2 * np.pi * month / 12.0) + 0.05 * np.cos(2 * np.pi * hour / 24.0)
            wcf = np.clip(wq * wshape * rng.lognormal(0.0, 0.35, size=n_tp), 0.0, 1.0)
            cf_rows += [(w.name, tps[t], float(round(wcf[t], 4))) for t in range(n_tp)]

            tech = "Central_PV" if cls == 1 else "Commercial_PV"
            s = Project(f"{zn}-{tech}-{cls}", tech, "Solar", zn, 25, vom=0.0, connect=30000.0 * cls,
                        limit_mw=round(b * rng.uniform(0.5, 2.5) / cls, 1), is_variable=1)
            if cls == 1:
                mw = round(b * 0.08 * rng.uniform(0.2, 1.5), 1)
                s.predetermined.append((2020, mw))
                s.costs.append((2020, 0.0, 15000.0, None))
            s.costs += new_costs(decline(900_000.0 * (1.0 + 0.2 * (cls - 1)), 0.02), 15000.0)
            projects.append(s)
            sun = np.array([0.0, 0.0, 0.45, 0.85, 0.35, 0.0])[hour // 4]
            sseason = 1.0 + 0.15 * np.cos(2 * np.pi * (month - 5.5) / 12.0)
            scf = np.clip(solar_q[z] * (1.0 - 0.05 * cls) * sun * sseason * rng.uniform(0.7, 1.1, size=n_tp),
                          0.0, 1.0)
            cf_rows += [(s.name, tps[t], float(round(scf[t], 4))) for t in range(n_tp)]

        if has_phs[z]:
            phs = Project(f"{zn}-Hydro_Pumped-1", "Hydro_Pumped", "Electricity", zn, 60, vom=0.0, connect=20000.0,
                          forced_outage=0.02, limit_mw=round(b * 0.15, 1), efficiency=0.74, energy_ratio=8.0)
            if rng.random() < 0.6:
                mw = round(b * 0.02 * rng.uniform(0.5, 1.5), 1)
                phs.predetermined.append((2010, mw))
                phs.costs.append((2010, 0.0, 15000.0, 0.0))
            phs.costs += new_costs([900_000.0] * n_period, 15000.0, [20_000.0] * n_period)
            projects.append(phs)

        batt_power = decline(150_000.0, 0.04)
        batt_energy = decline(100_000.0, 0.05)
        for suffix, dist, rec in (("grid", 0, 0), ("demand", 1, 0), ("re", 0, 1)):
            bat = Project(f"{zn}-Battery_Storage-{suffix}", "Battery_Storage", "Electricity", zn, 15, vom=0.0,
                          connect=3000.0, forced_outage=0.02, efficiency=0.85, energy_ratio=4.0,
                          is_distributed=dist, is_re_connect=rec)
            if suffix == "grid" and rng.random() < 0.5:
                mw = round(b * 0.01 * rng.uniform(0.5, 1.5), 1)
                bat.predetermined.append((2021, mw))
                bat.costs.append((2021, 0.0, 7000.0, 0.0))
            bat.costs += new_costs(batt_power, 7000.0, batt_energy)
            projects.append(bat)

    gi_rows = []
    for i, g in enumerate(projects):
        gi_rows.append((g.name, i + 1, g.tech, g.source, g.zone, g.max_age, g.is_variable, 0, g.heat_rate, g.vom,
                        g.connect, g.sched_outage, g.forced_outage, g.limit_mw, 0, g.is_distributed, g.efficiency,
                        g.energy_ratio, g.is_re_connect))
    rows["gen_info.csv"] = write_csv(out / "gen_info.csv", GEN_INFO_COLUMNS, gi_rows)
    rows["gen_build_predetermined.csv"] = write_csv(
        out / "gen_build_predetermined.csv",
        ["GENERATION_PROJECT", "build_year", "build_gen_predetermined", "build_gen_energy_predetermined"],
        [(g.name, y, mw, round(mw * g.energy_ratio, 3) if g.is_storage and g.energy_ratio else None)
         for g in projects for (y, mw) in g.predetermined])
    rows["gen_build_costs.csv"] = write_csv(
        out / "gen_build_costs.csv",
        ["GENERATION_PROJECT", "build_year", "gen_overnight_cost", "gen_fixed_om", "gen_storage_energy_overnight_cost",
         "gen_storage_energy_fixed_om"],
        [(g.name, y, oc, fom, ec, 0.0 if g.is_storage else None) for g in projects for (y, oc, fom, ec) in g.costs])
    rows["variable_capacity_factors.csv"] = write_csv(
        out / "variable_capacity_factors.csv", ["GENERATION_PROJECT", "timepoint", "gen_max_capacity_factor"], cf_rows)
    rows["hydro_timeseries.csv"] = write_csv(
        out / "hydro_timeseries.csv", ["hydro_project", "timeseries", "hydro_min_flow_mw", "hydro_avg_flow_mw"],
        hydro_rows)

    # --- transmission --------------------------------------------------------------------------------------------
    xy = zone_coordinates(rng, n_zone)
    target = n_lines if n_lines is not None else min(round(2.8 * n_zone), n_zone * (n_zone - 1) // 2)
    lines = choose_lines(xy, target)
    tx_rows = []
    for k, (i, j, dkm) in enumerate(lines):
        length = round(max(dkm, 50.0) * 1.15, 2)
        eff = round(1.0 - 0.0000625 * length, 6)        # ~6.3 % loss per 1000 km
        exist = float(round(rng.choice([0.0, 2000.0, 4000.0, 8000.0], p=[0.3, 0.3, 0.25, 0.15]), 1))
        tx_rows.append((f"{zones[i]}-{zones[j]}", k + 1, zones[i], zones[j], length, eff, exist, 1))
    rows["transmission_lines.csv"] = write_csv(
        out / "transmission_lines.csv",
        ["TRANSMISSION_LINE", "trans_dbid", "trans_lz1", "trans_lz2", "trans_length_km", "trans_efficiency",
         "existing_trans_cap", "trans_new_build_allowed"], tx_rows)

    modules = list(BASE_MODULES) + ([RE_MODULE] if re_module else [])
    (out / "modules.txt").write_text("\n".join(modules) + "\n")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path, help="inputs folder to write (created if absent)")
    ap.add_argument("--zones", type=int, default=32)
    ap.add_argument("--periods", type=int, default=6)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--lines", type=int, default=None, help="number of transmission lines (default ~2.8 x zones)")
    ap.add_argument("--no-re-module", action="store_true",
                    help=f"omit the custom '{RE_MODULE}' module from modules.txt (plain switch-model modules only)")
    a = ap.parse_args(argv)
    if a.zones < 2 or a.periods < 1:
        ap.error("need at least 2 zones and 1 period")
    rows = make_case(a.out, a.zones, a.periods, a.seed, re_module=not a.no_re_module, n_lines=a.lines)
    total = sum(os.path.getsize(a.out / f) for f in os.listdir(a.out))
    print(f"wrote {a.out}: {len(rows)} csv files, {total / 1e6:.1f} MB; "
          + ", ".join(f"{k}={v}" for k, v in rows.items() if v > 100))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

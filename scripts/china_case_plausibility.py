#!/usr/bin/env python3
"""Print the plausibility tables of docs/china_case.md (markdown) for a generated China case.

Usage: ``python scripts/china_case_plausibility.py [--case DIR] [--data DIR]``.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
PERIODS = [2023, 2028, 2033, 2038, 2043, 2048]
TECH_MAP = {"coal": "Coal", "gas": "Gas", "hydro": "Hydro_NonPumped", "nuclear": "Nuclear",
            "onshore_wind": "Wind_EP", "pumped_hydro": "Hydro_Pumped", "solar_pv": "Central_PV_EP"}


def _r(case: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(case / name, na_values=".")


def _f(data: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(data / "facts" / name, comment="#")


def demand_table(case: Path, data: Path) -> str:
    """National demand (TWh/yr) per period vs the SWITCH-China projection and 2024 actuals."""
    loads = _r(case, "loads.csv")
    tp = _r(case, "timepoints.csv").set_index("timepoint_id").timeseries
    ts = _r(case, "timeseries.csv").set_index("TIMESERIES")
    loads["ts"] = loads.TIMEPOINT.map(tp)
    loads["p"] = loads.ts.map(ts.ts_period)
    loads["e"] = loads.zone_demand_mw * loads.ts.map(ts.ts_duration_of_tp * ts.ts_scale_to_period) / 5 / 1e6
    ours = loads.groupby("p").e.sum()
    peak = _r(case, "zone_coincident_peak_demand.csv").groupby("PERIOD").zone_expected_coincident_peak_demand.sum()
    proj = _f(data, "demand_projection_switch_china.csv").groupby("start_year").energy_twh.sum()
    hist = _f(data, "demand_history.csv")
    hist = hist[hist.zone != "NATIONAL_TOTAL"]
    out = ["| period (label) | case TWh/yr | SWITCH-China projection TWh/yr | diff | sum of zone peaks GW |",
           "|---|---|---|---|---|"]
    for p in PERIODS:
        out.append(f"| {p} ({p + 2}) | {ours[p]:,.0f} | {proj[p]:,.0f} | {100 * (ours[p] / proj[p] - 1):+.2f} % "
                   f"| {peak[p] / 1e3:,.0f} |")
    out.append(f"\nActual consumption (facts/demand_history.csv): 2020 {hist.demand_twh_2020.sum():,.0f} TWh, "
               f"2024 {hist.demand_twh_2024.sum():,.0f} TWh.")
    return "\n".join(out)


def fleet_table(case: Path, data: Path) -> str:
    """Existing fleet online in the first period vs SWITCH-China's table and end-2020 statistics."""
    gi = _r(case, "gen_info.csv").set_index("GENERATION_PROJECT")
    pre = _r(case, "gen_build_predetermined.csv")
    pre["age"] = pre.GENERATION_PROJECT.map(gi.gen_max_age)
    pre["tech"] = pre.GENERATION_PROJECT.map(gi.gen_tech)
    alive = pre[(pre.build_year <= 2023) & (2023 < pre.build_year + pre.age)]
    fact = alive.tech.map(lambda t: next((k for k, v in TECH_MAP.items() if v in t), "other"))
    ours = alive.groupby(fact).build_gen_predetermined.sum()
    sc = _f(data, "existing_capacity_by_period_switch_china.csv")
    sc = sc[sc.period == 2025].groupby("tech").capacity_mw.sum()
    st = _f(data, "capacity_2020.csv").groupby("tech").capacity_mw.sum()
    stat = {"coal": st["thermal_excl_gas"], "gas": st["gas"], "hydro": st["hydro"], "nuclear": st["nuclear"],
            "onshore_wind": st["onshore_wind"] + st["offshore_wind"], "pumped_hydro": st["pumped_hydro"],
            "solar_pv": st["solar_pv"]}
    out = ["| technology | case 2025 GW | SWITCH-China table 2025 GW | end-2020 statistics GW | case / statistics |",
           "|---|---|---|---|---|"]
    for t in TECH_MAP:
        out.append(f"| {t} | {ours.get(t, 0) / 1e3:,.1f} | {sc.get(t, 0) / 1e3:,.1f} | {stat[t] / 1e3:,.1f} "
                   f"| {ours.get(t, 0) / stat[t]:.2f} |")
    out.append(f"| total | {ours.sum() / 1e3:,.1f} | {sc.sum() / 1e3:,.1f} | {sum(stat.values()) / 1e3:,.1f} "
               f"| {ours.sum() / sum(stat.values()):.2f} |")
    return "\n".join(out)


def cf_table(case: Path, data: Path) -> str:
    """Capacity-weighted annual capacity factors per technology vs the sources' values."""
    gi = _r(case, "gen_info.csv")
    tp = _r(case, "timepoints.csv").set_index("timepoint_id").timeseries
    ts = _r(case, "timeseries.csv").set_index("TIMESERIES")
    w_tp = tp.map(ts.ts_duration_of_tp * ts.ts_scale_to_period)
    vcf = _r(case, "variable_capacity_factors.csv")
    vcf["w"] = vcf.timepoint.map(w_tp)
    annual = (vcf.gen_max_capacity_factor * vcf.w).groupby(vcf.GENERATION_PROJECT).sum() / \
        vcf.w.groupby(vcf.GENERATION_PROJECT).sum()
    pre = _r(case, "gen_build_predetermined.csv")
    age = gi.set_index("GENERATION_PROJECT").gen_max_age
    pre = pre[(pre.build_year <= 2023) & (2023 < pre.build_year + pre.GENERATION_PROJECT.map(age))]
    cap_ex = pre.groupby("GENERATION_PROJECT").build_gen_predetermined.sum()
    re = _f(data, "re_resource.csv").set_index("zone")
    g = gi.set_index("GENERATION_PROJECT")
    out = ["| technology | weight | case CF | source CF (same weights) | source |", "|---|---|---|---|---|"]
    rows = [("Central_PV_EP", "existing MW", "solar_pv_cf_gcam", "GCAM-China PV CF (EF China 2011)"),
            ("Wind_EP", "existing MW", "onshore_wind_cf_estimate", "2017 utilisation hours, ESTIMATE"),
            ("Solar_Utility", "build limit MW", "solar_pv_cf_gcam", "GCAM-China PV CF (EF China 2011)"),
            ("Solar_Distributed", "build limit MW", "solar_pv_cf_gcam", "GCAM-China PV CF (EF China 2011)"),
            ("Wind_Onshore", "build limit MW", "onshore_wind_cf_estimate", "2017 utilisation hours, ESTIMATE"),
            ("Wind_Offshore", "build limit MW", "offshore_wind_cf_placeholder", "placeholder 0.33, ESTIMATE")]
    for tech, wname, col, src in rows:
        projs = g.index[g.gen_tech == tech]
        w = cap_ex.reindex(projs).fillna(0) if wname == "existing MW" else g.loc[projs, "gen_capacity_limit_mw"]
        zones = g.loc[projs, "gen_load_zone"]
        case_cf = (annual[projs] * w).sum() / w.sum()
        s = re[col].reindex(zones.to_numpy()).to_numpy()
        ok = ~pd.isna(s)
        src_cf = (s[ok] * w.to_numpy()[ok]).sum() / w.to_numpy()[ok].sum() if ok.any() else float("nan")
        out.append(f"| {tech} | {wname} | {case_cf:.3f} | {src_cf:.3f} | {src} |")
    hy = _r(case, "hydro_timeseries.csv")
    hy["p"] = hy.timeseries.map(ts.ts_period)
    hy = hy[hy.p == 2023]
    hy["w"] = hy.timeseries.map(ts.ts_scale_to_period)
    flow = (hy.hydro_avg_flow_mw * hy.w).sum() / hy.groupby("hydro_project").w.sum().iloc[0]
    cap = cap_ex.reindex(hy.hydro_project.unique()).sum()
    mcf = _f(data, "hydro_monthly_cf.csv").hydro_cf.mean()
    out.append(f"| Hydro_NonPumped (avg flow / MW) | existing MW | {flow / cap:.3f} | {mcf:.3f} "
               f"| PyPSA-China-PIK national hydro profile (~3,800 h in 2020) |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Print the three tables."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", type=Path, default=REPO / "batteryplan" / "cases" / "china" / "inputs")
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    a = ap.parse_args(argv)
    print("### National demand\n\n" + demand_table(a.case, a.data))
    print("\n### Existing fleet online in 2023-2027 (period 2023)\n\n" + fleet_table(a.case, a.data))
    print("\n### Capacity factors\n\n" + cf_table(a.case, a.data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""A small JSON record of one solved China scenario against the study: objective, national CO2 per period beside
the study's (``facts/study_national_co2.csv``), the study's cost per MWh beside ours, the batteries and coal the
study names, reverse flows on corridors whose directed capacities the case merged, and wall time and peak RSS
from the ``/usr/bin/time -v`` log of the run.

Usage: ``python bench/fidelity_record.py RESULT.h5 TIME_LOG OUT.json [--data DIR] [--note TEXT] [--commit TEXT]``.
Nothing is fitted: the study's numbers are read, ours are read, both are written side by side.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from batteryplan import metrics, read_result  # noqa: E402
from batteryplan.report.metrics import cost_per_mwh_study, period_matrix  # noqa: E402

CASE = REPO / "batteryplan" / "cases" / "china" / "inputs"


def time_log(path: Path) -> dict[str, float | str]:
    """Wall seconds, peak RSS (GiB), CPU seconds and exit status from a ``/usr/bin/time -v`` log."""
    text = path.read_text(errors="replace")
    out: dict[str, float | str] = {}
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if m:
        parts = [float(x) for x in m.group(1).split(":")]
        out["wall_s"] = round(sum(p * 60 ** i for i, p in enumerate(reversed(parts))), 1)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["peak_rss_gib"] = round(int(m.group(1)) / 2 ** 20, 3)
    cpu = [float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)]
    if cpu:
        out["cpu_s"] = round(sum(cpu), 1)
    m = re.search(r"Exit status: (\d+)", text)
    if m:
        out["exit_status"] = int(m.group(1))
    return out


def reverse_flows(res, data: Path) -> dict[str, float]:
    """Flow on the weaker direction of each corridor whose two directed capacities differ in the study's inputs,
    above what the study allowed that direction (its directed capacity + the new build, which is symmetric)."""
    study = pd.read_csv(data / "raw" / "switch-china-open-model" / "study_era" / "transmission_lines.csv")
    cap = study.set_index(["trans_lz_send", "trans_lz_receive"]).existing_trans_cap
    ix, a = res.index, res.arrays
    lines = pd.read_csv(CASE / "transmission_lines.csv").set_index("TRANSMISSION_LINE")
    flow = np.asarray(a["tx_flow_mw"], dtype=float)                      # (line, direction, tp)
    built = np.asarray(res.summary["tx_capacity_mw"], dtype=float)       # (line, period) existing + built
    tp_period = np.searchsorted(np.asarray(ix["periods"]).astype(int), np.asarray(ix["timepoint_period"]).astype(int))
    P = period_matrix(res)
    over_mwh, worst_mw = 0.0, 0.0
    for li, name in enumerate(np.asarray(ix["lines"]).astype(str)):
        z1, z2 = lines.loc[name, "trans_lz1"], lines.loc[name, "trans_lz2"]
        c12, c21 = cap[(z1, z2)], cap[(z2, z1)]
        if c12 == c21:
            continue
        weak = 1 if c12 > c21 else 0                                     # direction 0: z1 -> z2
        allowed = min(c12, c21) + built[li, tp_period] - max(c12, c21)   # new build on top of the study's capacity
        excess = np.maximum(flow[li, weak] - allowed, 0.0)
        over_mwh += float((excess @ P).sum())
        worst_mw = max(worst_mw, float(excess.max()))
    return {"reverse_flow_above_study_capacity_twh_per_yr_summed_over_periods": round(over_mwh / 1e6, 3),
            "reverse_flow_above_study_capacity_max_mw": round(worst_mw, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("result", type=Path)
    ap.add_argument("time_log", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data",
                    help="the shared data folder (default: ../shared/data beside the checkout)")
    ap.add_argument("--note", default="")
    ap.add_argument("--commit", default="", help="the commit the run used (default: this checkout's HEAD)")
    a = ap.parse_args(argv)
    res = read_result(a.result)
    m = metrics(res)
    per = m.period.set_index("period")
    study = pd.read_csv(a.data / "facts" / "study_national_co2.csv", comment="#").dropna(subset=["model_period"])
    study = study.set_index(study.model_period.astype(int))
    co2 = []
    for p, row in per.iterrows():
        ours = row.co2_t_per_yr / 1e6
        theirs = float(study.loc[p, "grid_low_r_mt"]) if p in study.index else float("nan")
        co2.append({"period": int(p), "study_label": int(study.loc[p, "year"]) if p in study.index else None,
                    "ours_mt": round(ours, 1), "study_mt": theirs, "ours_over_study": round(ours / theirs, 3)})
    cost = cost_per_mwh_study(res, CASE)
    zone = m.zone.set_index(["zone", "period"])
    commit = a.commit or subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%h %s"],
                                        capture_output=True, text=True).stdout.strip()
    record = {
        "what": f"batteryplan run --scenario {res.scenario.get('name')} on the bundled China case",
        "commit": commit, "status": res.status, "objective_npv_usd_2010": res.objective,
        "note": a.note,
        "run": time_log(a.time_log),
        "co2_national": co2,
        "co2_last_over_first_period": {
            "ours": round(float(per.co2_t_per_yr.iloc[-1] / per.co2_t_per_yr.iloc[0]), 3),
            "study": round(float(study.grid_low_r_mt.iloc[-1] / study.grid_low_r_mt.iloc[0]), 3)},
        "cost_per_mwh": [{"period": int(r.period), "ours_usd_per_mwh": round(float(r.electricity_cost_usd_per_mwh), 2),
                          "study_definition_usd_per_mwh": round(float(r.cost_per_mwh_study), 2),
                          "existing_capital_gusd_per_yr": round(float(r.existing_capital_usd_per_yr) / 1e9, 2)}
                         for r in cost.itertuples()],
        "batteries_2038": {
            "national_power_gw": round(float(per.loc[2038, "battery_power_mw"]) / 1e3, 2),
            "national_discharge_twh": round(float(per.loc[2038, "battery_discharge_mwh_per_yr"]) / 1e6, 2),
            "West_Inner_Mongolia_discharge_twh": round(
                float(zone.loc[("West_Inner_Mongolia", 2038), "battery_discharge_mwh_per_yr"]) / 1e6, 2),
            "Chongqing_discharge_twh": round(float(zone.loc[("Chongqing", 2038), "battery_discharge_mwh_per_yr"]) / 1e6, 2),
            "study_West_Inner_Mongolia_twh": 105, "study_Chongqing_twh": 23},
        "West_Inner_Mongolia_coal_2038_twh": {
            "ours": round(float(zone.loc[("West_Inner_Mongolia", 2038), "coal_generation_mwh_per_yr"]) / 1e6, 1),
            "study": 958},
        "transmission": reverse_flows(res, a.data),
        "unserved_twh_per_yr": [round(float(v) / 1e6, 4) for v in per.unserved_mwh_per_yr],
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(record, indent=1) + "\n")
    print(json.dumps(record, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Demand-side charging through local T&D or at the central node: one JSON record of the same Demand scenario
solved with both module lists (issue 18, item 6).

Usage: ``python bench/demand_charging_ab.py LOCAL.h5 LOCAL_TIME_LOG CENTRAL.h5 CENTRAL_TIME_LOG OUT.json
[--note TEXT]`` where LOCAL is solved with the case's default ``modules.txt`` (``batteryplan.local_demand_charging``)
and CENTRAL with ``--modules central_demand_charging`` (switch-model 2.0.9's central-node charging), each under
``/usr/bin/time -v``. The record holds each side's objective, cost components, national CO2, battery power and
discharge, local T&D capacity and transmission capacity per period, and the differences.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from batteryplan import metrics, read_result  # noqa: E402
from fidelity_record import time_log  # noqa: E402

PERIOD_COLUMNS = {"co2_mt_per_yr": ("co2_t_per_yr", 1e-6), "system_cost_gusd_per_yr": ("system_cost_usd_per_yr", 1e-9),
                  "battery_power_gw": ("battery_power_mw", 1e-3),
                  "battery_discharge_twh_per_yr": ("battery_discharge_mwh_per_yr", 1e-6),
                  "tx_capacity_gw": ("tx_capacity_mw", 1e-3), "coal_twh_per_yr": ("coal_generation_mwh_per_yr", 1e-6),
                  "generation_twh_per_yr": ("generation_mwh_per_yr", 1e-6)}


def side(result: Path, log: Path) -> dict:
    """One variant's numbers, per period where they have periods."""
    res = read_result(result)
    per = metrics(res).period.set_index("period")
    out: dict = {"result": result.name, "modules": res.modules_variant or "modules.txt",
                 "objective_npv_usd": float(res.objective), "periods": [int(p) for p in per.index],
                 **time_log(log)}
    for key, (col, scale) in PERIOD_COLUMNS.items():
        out[key] = [round(float(v) * scale, 3) for v in per[col]]
    comps = [str(c) for c in np.asarray(res.summary["cost_components"]).astype(str)]
    by = np.asarray(res.summary["cost_by_component_usd_per_yr"], dtype=float)
    out["cost_by_component_gusd_per_yr"] = {c: [round(v * 1e-9, 3) for v in by[i]] for i, c in enumerate(comps)}
    local_td = np.asarray(res.arrays["local_td_build_mw"], dtype=float)   # (zone, period) built in that period
    out["local_td_built_gw_per_period"] = [round(v * 1e-3, 3) for v in local_td.sum(axis=0)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("local", type=Path)
    ap.add_argument("local_log", type=Path)
    ap.add_argument("central", type=Path)
    ap.add_argument("central_log", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--note", default="")
    a = ap.parse_args(argv)
    local, central = side(a.local, a.local_log), side(a.central, a.central_log)
    diff = {"objective_local_over_central_minus_1": (local["objective_npv_usd"] / central["objective_npv_usd"] - 1)}
    for key in [*PERIOD_COLUMNS, "local_td_built_gw_per_period"]:
        diff[key + "_local_minus_central"] = [round(x - y, 3) for x, y in zip(local[key], central[key])]
    record = {"what": "Demand-side battery charging through local T&D (default) against switch-model 2.0.9's "
                      "central-node charging, same scenario and case (issue 18, item 6)",
              "command": "batteryplan run [CASE] --scenario S --out local.h5; batteryplan run [CASE] --scenario S "
                         "--modules central_demand_charging --out central.h5 (each under /usr/bin/time -v)",
              "note": a.note, "local": local, "central": central, "difference": diff}
    a.out.write_text(json.dumps(record, indent=1) + "\n")
    print(f"objective local / central - 1 = {diff['objective_local_over_central_minus_1']:.3e}; wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

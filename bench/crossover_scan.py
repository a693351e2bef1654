"""A crossover CSV (the format ``batteryplan crossover --out`` writes and ``batteryplan fidelity --crossover`` reads)
from scenarios already solved by ``batteryplan sweep``: the scan phase of the crossover search, run as a sweep.

On the full China case every point of a crossover search is a cold solve of 10-30 minutes per strategy. A sweep
over carbon multipliers solves the scan's points with the sweep's scheduling (longest first, any number of workers,
``--resume``) and reuses the 24-scenario sweep's points; ``batteryplan crossover --out CSV --resume`` (added after
this scan was started) goes on with a stopped search; given this script's CSV and a --range and --grid whose scan
asks for the same multipliers (4:16 with 3 points: 4, 8, 16), it bisects the bracket without solving the scan again.
The High carbon path is exactly twice the Low one in the bundled case (checked here), so a High scenario is the Low
scenario at multiplier 2 times its own.

    batteryplan sweep --scenarios Mixed-Low-R,RE-Low-R --carbon-multipliers 8,32,128 --out OUT --resume
    python bench/crossover_scan.py SWEEP_OUT_24 OUT --strategies Mixed,RE --out bench/results/crossover_scan_mixed_re.csv
    batteryplan fidelity SWEEP_OUT_24 --crossover bench/results/crossover_scan_mixed_re.csv

Only Optimal scenarios count; `difference` is A's metric minus B's, 0 within 1e-9 relative, as in
``batteryplan.sweep.crossover``. The search's bisection is not run: the bracket is as fine as the multipliers swept.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from batteryplan.sweep.chain import BUNDLED  # noqa: E402
from batteryplan.sweep.crossover import POINT_COLUMNS, SAID_COLUMNS, metric_difference  # noqa: E402


def high_over_low(case: Path) -> float:
    """The factor by which the case's High carbon path exceeds its Low one; an error unless it is one factor."""
    paths = pd.read_csv(case / "carbon_price_paths.csv")
    ratio = paths["high"].to_numpy(float) / paths["low"].to_numpy(float)
    if not np.allclose(ratio, ratio[0], rtol=1e-12, atol=0):
        raise SystemExit(f"{case}/carbon_price_paths.csv: High is not one multiple of Low ({ratio})")
    return float(ratio[0])


def scan(folders: list[Path], strategies: tuple[str, str], battery_cost: str, case: Path) -> pd.DataFrame:
    k = high_over_low(case)
    cat = pd.concat([pd.read_csv(f / "catalog.csv") for f in folders], ignore_index=True)
    cat = cat[(cat["status"] == "Optimal") & cat["strategy"].isin(strategies) & (cat["battery_cost"] == battery_cost)]
    cat = cat.assign(m=np.where(cat["carbon"] == "High", k, 1.0) * cat["carbon_multiplier"].astype(float))
    cat = cat.drop_duplicates(["strategy", "m"], keep="last")
    both = cat.groupby("m")["strategy"].nunique()
    ms = sorted(both[both == 2].index)
    rows = []
    for m in ms:
        a, b = (cat[(cat["m"] == m) & (cat["strategy"] == s)].iloc[0] for s in strategies)
        d = metric_difference(a.cumulative_co2_t, b.cumulative_co2_t)
        for r in (a, b):
            rows.append({"carbon_multiplier": m, "strategy": r.strategy, "scenario": r["name"],
                         "metric": r.cumulative_co2_t, "difference": d, "objective": r.objective,
                         "status": r.status, "warm": r.warm, "iterations": r.iterations, "seconds": r.seconds,
                         "error": "", "metric_name": "cumulative_co2", "carbon": "Low",
                         "battery_cost": battery_cost, "modules": r.get("modules", "")})
    return pd.DataFrame(rows, columns=[*POINT_COLUMNS, *SAID_COLUMNS])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="+", type=Path, help="sweep output folders (their catalog.csv)")
    ap.add_argument("--strategies", default="Mixed,RE")
    ap.add_argument("--battery-cost", default="R")
    ap.add_argument("--case", type=Path, default=BUNDLED)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    s = tuple(x.strip() for x in a.strategies.split(","))
    df = scan(a.folders, (s[0], s[1]), a.battery_cost, a.case)
    df.to_csv(a.out, index=False)
    print(df.pivot_table(index="carbon_multiplier", columns="strategy", values="metric").to_string(
        float_format=lambda v: f"{v / 1e6:,.0f} Mt"))


if __name__ == "__main__":
    main()

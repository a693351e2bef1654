"""Which constraint families make HiPO's factorisation expensive on the China case (issue 20).

Builds the bundled case under one scenario with SWITCH-China's module list and with lists that leave one
group of families out, and runs HiPO's analyse phase on each (``bench/hipo_analyse.py``: one factorisation's
flops and nonzeros, as HiGHS presolves the LP). Leaving a family out changes the optimum; this measures only
where the fill comes from. One JSON line per list.

    python bench/family_fill.py --out bench/results/solvers/china-family-fill.jsonl [--scenario Grid-Low-R]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import batteryplan
from batteryplan.cli import BUNDLED
from batteryplan.io.lpfile import save_lp
from batteryplan.scenarios import read_scenario

HERE = Path(__file__).resolve().parent
RESERVES = ("switch_model.balancing.operating_reserves.areas",
            "switch_model.balancing.operating_reserves.spinning_reserves",
            "switch_model.balancing.operating_reserves.quickstart")
COMMIT = ("switch_model.generators.core.commit.operate", "switch_model.generators.core.commit.fuel_use")
VARIANTS: dict[str, tuple[str, ...]] = {
    "full": (),
    "no quickstart": RESERVES[2:],
    "no operating reserves": RESERVES,
    "no planning reserves": ("switch_model.balancing.planning_reserves",),
    "no capacity plans": ("china_modules.tech_plans",),
    "no commitment, no operating reserves": COMMIT + RESERVES,
    "no demand-side charging rows": ("batteryplan.local_demand_charging",),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--scenario", default="Grid-Low-R")
    ap.add_argument("--time-limit", type=float, default=40.0)
    a = ap.parse_args()
    full = (BUNDLED / "modules.txt").read_text().split()
    with tempfile.TemporaryDirectory() as tmp, open(a.out, "a") as out:
        for name, drop in VARIANTS.items():
            mods = Path(tmp) / "modules.txt"
            keep = [m for m in full if m not in drop]
            if COMMIT[0] in drop:                      # SWITCH needs one dispatch mode: no_commit in its place
                keep.insert(full.index(COMMIT[0]), "switch_model.generators.core.no_commit")
            mods.write_text("\n".join(keep) + "\n")
            lp = batteryplan.build(read_scenario(BUNDLED, a.scenario, modules=str(mods)))
            path = save_lp(lp, Path(tmp) / "lp.npz")
            p = subprocess.run([sys.executable, str(HERE / "hipo_analyse.py"), str(path), "--time-limit",
                                str(a.time_limit), "--option", "hipo_system=augmented", "--label", name],
                               capture_output=True, text=True, check=True)
            rec = {"scenario": a.scenario, "dropped": list(drop), "rows": lp.A.shape[0], "cols": lp.A.shape[1],
                   "nnz": int(lp.A.nnz), **json.loads(p.stdout.strip().splitlines()[-1])}
            rec.pop("lp", None)
            print(json.dumps(rec), flush=True)
            out.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()

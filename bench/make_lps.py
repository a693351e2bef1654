"""Write the LPs the solver benchmarks use, as .npz: the bundled China case and an 8-province
slice of it (all six periods), under a scenario; with ``--capacity-columns`` also each LP as HiGHS gets
it with capacity columns (``batteryplan.solver.condense``), as ``<name>-<scenario>-cc.npz``.

    python bench/make_lps.py --out bench/lps [--scenario Grid-Low-R] [--capacity-columns]
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import batteryplan
from batteryplan.cli import BUNDLED
from batteryplan.solver.condense import condense
from batteryplan.io.lpfile import save_lp
from batteryplan.io.slice_case import slice_case
from batteryplan.scenarios import read_scenario

SLICE8 = ["Guangdong", "Guangxi", "Yunnan", "Guizhou", "Hainan", "Hunan", "Jiangxi", "Fujian"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="bench/lps")
    ap.add_argument("--scenario", default="Grid-Low-R")
    ap.add_argument("--capacity-columns", action="store_true")
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        sl = Path(tmp) / "slice8"
        slice_case(BUNDLED, sl, SLICE8)
        for name, path in (("slice8", sl), ("china", BUNDLED)):
            lp = batteryplan.build(read_scenario(path, a.scenario))
            p = save_lp(lp, out / f"{name}-{a.scenario}.npz")
            print(json.dumps({"lp": str(p), "rows": lp.A.shape[0], "cols": lp.A.shape[1], "nnz": int(lp.A.nnz)}))
            if a.capacity_columns:
                c = condense(lp)
                p = save_lp(c, out / f"{name}-{a.scenario}-cc.npz")
                print(json.dumps({"lp": str(p), "rows": c.A.shape[0], "cols": c.A.shape[1], "nnz": int(c.A.nnz),
                                  "capacity_columns": c.n_keys, "rows_replaced": c.rows_replaced}))


if __name__ == "__main__":
    main()

"""HiPO's factorisation statistics and seconds per IPM iteration for one saved LP (.npz), as a JSON line.

HiPO prints its analyse phase and iteration log to the console only (not to HiGHS's log file), so this
runs HiGHS with ``log_dev_level=1`` and a short time limit in a child whose standard output goes to
a file, then reads: the Newton system chosen, flops and nonzeros of one factorisation, the largest
front, and the mean seconds per iteration after the first. Issue 6's capacity-column measurement:

    python bench/make_lps.py --out bench/lps --capacity-columns
    python bench/hipo_analyse.py bench/lps/china-Grid-Low-R.npz --time-limit 100
    python bench/hipo_analyse.py bench/lps/china-Grid-Low-R-cc.npz --time-limit 100 --option hipo_system=augmented
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATS = {"Newton system": "newton_system", "Flops": "flops", "Nnz": "factor_nnz", "Largest front": "largest_front",
         "Supernodes": "supernodes", "Analyse time": "analyse_s"}
ITER = re.compile(r"^\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+([\d.]+)\s")


def parse(text: str) -> dict:
    out: dict[str, object] = {}
    its: list[tuple[int, float]] = []
    for line in text.splitlines():
        key, _, val = line.partition(":")
        if key.strip() in STATS and val.strip() and STATS[key.strip()] not in out:
            v = val.strip()
            try:
                out[STATS[key.strip()]] = float(v)
            except ValueError:
                out[STATS[key.strip()]] = v
        m = ITER.match(line)
        if m:
            its.append((int(m.group(1)), float(m.group(2))))
    if len(its) >= 3:
        (i0, t0), (i1, t1) = its[1], its[-1]
        out["iterations_seen"] = i1
        out["s_per_iteration"] = round((t1 - t0) / (i1 - i0), 3)
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("lp")
    ap.add_argument("--option", action="append", default=[])
    ap.add_argument("--time-limit", type=float, default=100.0)
    ap.add_argument("--label", default="")
    a = ap.parse_args(argv)
    opts = ["solver=hipo", "run_crossover=on", "threads=1", "log_dev_level=1", f"time_limit={a.time_limit}",
            "output_flag=true", *a.option]
    with tempfile.TemporaryFile("w+") as log:
        args = [sys.executable, str(HERE / "solver_run.py"), a.lp]
        for kv in opts:
            args += ["--option", kv]
        subprocess.run(args, stdout=log, stderr=subprocess.STDOUT, check=False)
        log.seek(0)
        text = log.read()
    rec = {"label": a.label or Path(a.lp).stem, "lp": a.lp, "options": a.option, "time_limit": a.time_limit,
           **parse(text)}
    print(json.dumps(rec))
    return rec


if __name__ == "__main__":
    main()

"""One scenario of a case through the engine (read, build, solve as ``batteryplan run`` does), as a JSON line:
status, objective, LP size, seconds per stage, solver iterations, peak RSS. Issue 6's per-scenario figures
(``docs/solver_profiles.md``); solver options as KEY=VALUE, e.g. ``batteryplan_capacity_columns=off``.

    python bench/scenario_run.py Grid-Low-R [--case DIR] [--threads 1] [KEY=VALUE ...]
"""
from __future__ import annotations

import argparse
import json
import resource
import time

import batteryplan
from batteryplan.cli import BUNDLED
from batteryplan.scenarios import read_scenario


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("options", nargs="*", help="solver options KEY=VALUE")
    ap.add_argument("--case", default=str(BUNDLED))
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args(argv)
    opts = dict(kv.split("=", 1) for kv in a.options)
    t = time.perf_counter()
    lp = batteryplan.build(read_scenario(a.case, a.scenario))
    res = batteryplan.solve(lp, options=opts or None, threads=a.threads)
    rec = {"scenario": a.scenario, "options": opts, "threads": a.threads, "status": res.status,
           "objective": res.objective, "rows": lp.A.shape[0], "cols": lp.A.shape[1], "nnz": int(lp.A.nnz),
           "seconds": res.seconds, "iterations": res.solver["iterations"], "quality": res.solver["quality"],
           "wall_s": time.perf_counter() - t,
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    print(json.dumps(rec), flush=True)
    return rec


if __name__ == "__main__":
    main()

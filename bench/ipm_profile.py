"""One scenario of the bundled China case solved by HiPO with its iteration log on standard output (HiPO writes
its per-iteration log to the console only), then one JSON line: status, objective, IPM iterations, seconds.
Issue 20: where the interior point's time goes, iteration by iteration, under a given option set.

    python bench/ipm_profile.py --scenario Grid-Low-R --option run_crossover=off --option batteryplan_scaling=on > LOG
    python bench/ipm_profile.py --parse LOG      # seconds per iteration over the run, in tenths
"""
from __future__ import annotations

import argparse
import json
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from hipo_analyse import ITER  # noqa: E402
from solver_run import _value  # noqa: E402


def parse(path: str) -> dict:
    """Iterations, seconds, and per tenth of the run the seconds and the linear solves (HiPO's `solv`) per iteration."""
    its = []
    for line in open(path, errors="replace"):
        m = ITER.match(line)
        if m:
            its.append((int(m.group(1)), float(m.group(2)), int(line.split()[12])))
    if not its:
        return {}
    n = len(its)
    secs, solves = [], []
    for k in range(10):
        a, b = k * n // 10, min(n - 1, (k + 1) * n // 10)
        if its[b][0] > its[a][0]:
            secs.append(round((its[b][1] - its[a][1]) / (its[b][0] - its[a][0]), 2))
            solves.append(round(sum(s for _, _, s in its[a:b]) / (b - a), 1))
    return {"iterations": its[-1][0], "ipm_s": its[-1][1], "s_per_iteration_by_tenth": secs,
            "solves_per_iteration_by_tenth": solves}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default="Grid-Low-R")
    ap.add_argument("--option", action="append", default=[])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--parse")
    a = ap.parse_args(argv)
    if a.parse:
        print(json.dumps(parse(a.parse)))
        return
    import batteryplan
    from batteryplan.cli import BUNDLED
    from batteryplan.scenarios import read_scenario
    from batteryplan.solver import policy
    from batteryplan.solver.highs import solve_lp
    lp = batteryplan.build(read_scenario(BUNDLED, a.scenario))
    opts = {**policy.auto_options(lp.A.shape[0]), "output_flag": True, "log_to_console": True, "log_dev_level": 1}
    opts.update({k: _value(v) for k, v in (kv.split("=", 1) for kv in a.option)})
    t0 = time.perf_counter()
    sol, _ = solve_lp(lp, opts, threads=a.threads)
    sys.stdout.flush()
    print(json.dumps({"scenario": a.scenario, "options": a.option, "threads": a.threads, "status": sol.status,
                      "objective": sol.objective, "wall_s": round(time.perf_counter() - t0, 1),
                      "rows": lp.A.shape[0], "cols": lp.A.shape[1], "nnz": int(lp.A.nnz)}))


if __name__ == "__main__":
    main()

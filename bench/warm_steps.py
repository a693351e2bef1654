"""Warm re-solve seconds against the size of the cost change, on one live model.

A sweep's scenario jumps (carbon Low to High, battery cost R to M) move the optimum far; a carbon
sweep or a crossover bisection moves it a little. This measures where warm simplex pays on a case:
one cold solve of the base scenario (IPM + crossover, as the sweep's cold solve), then, for each
carbon multiplier, the costs of that multiplier, the base's optimal basis, and a warm simplex solve
capped at ``--limit`` times the cold seconds. ``--check M`` also solves multiplier M cold and
compares objectives.

    python bench/warm_steps.py batteryplan/cases/china/inputs --base Grid-Low-R \
        --multipliers 1.01,1.05,1.2 --limit 0.34 --check 1.05 --out bench/results/warm_steps_china_grid.json
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from batteryplan.scenarios import parse  # noqa: E402
from batteryplan.sweep.chain import Chain, SolvePlan  # noqa: E402


def _cpu() -> float:
    return time.process_time()


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("case")
    ap.add_argument("--base", default="Grid-Low-R")
    ap.add_argument("--multipliers", default="1.01,1.05,1.2")
    ap.add_argument("--limit", type=float, default=1 / 3, help="cap a warm solve at this multiple of the cold one")
    ap.add_argument("--check", type=float, default=None, help="also solve this multiplier cold")
    ap.add_argument("--out", default="")
    a = ap.parse_args(argv)
    base = parse(a.base)
    chain = Chain(a.case, base.strategy, SolvePlan(method="ipm", warm=True, warm_limit=None, threads=1))
    c0 = _cpu()
    sol0, _, _ = chain.solve(base)
    rep: dict = {"case": a.case, "base": a.base, "rows": int(chain.lp.A.shape[0]), "cols": int(chain.lp.A.shape[1]),
                 "cold": {"seconds": sol0.seconds, "cpu_s": _cpu() - c0, "status": sol0.status,
                          "objective": sol0.objective, "iterations": dict(sol0.iterations)},
                 "limit": a.limit, "load_average_start": os.getloadavg(), "steps": []}
    print(json.dumps(rep["cold"]), flush=True)
    live = chain.live
    b0 = live.get_basis()
    for m in (float(v) for v in a.multipliers.split(",")):
        sc = dataclasses.replace(base, carbon_multiplier=m)
        case = chain.case_for(sc)
        chain.lp.set_costs(case)
        live.set_costs(chain.lp.cost, chain.lp.offset)
        live.set_basis(b0)
        chain.set_mode("warm")
        live.set_options({"time_limit": live.run_time() + a.limit * sol0.seconds})
        c0 = _cpu()
        sol = live.solve()
        live.set_options({"time_limit": math.inf})
        step = {"multiplier": m, "seconds": sol.seconds, "cpu_s": _cpu() - c0, "status": sol.status,
                "objective": sol.objective, "iterations": dict(sol.iterations),
                "cold_over_warm": sol0.seconds / sol.seconds, "finished": sol.status == "Optimal"}
        if a.check is not None and math.isclose(m, a.check):
            live.clear_basis()
            chain.set_mode("cold")
            c0 = _cpu()
            cold = live.solve()
            step["check_cold"] = {"seconds": cold.seconds, "cpu_s": _cpu() - c0, "status": cold.status,
                                  "objective": cold.objective, "iterations": dict(cold.iterations)}
            if sol.status == "Optimal":
                step["rel_objective_diff"] = abs(sol.objective - cold.objective) / abs(cold.objective)
        print(json.dumps(step), flush=True)
        rep["steps"].append(step)
    rep["load_average_end"] = os.getloadavg()
    if a.out:
        Path(a.out).write_text(json.dumps(rep, indent=1) + "\n")
    return rep


if __name__ == "__main__":
    main()

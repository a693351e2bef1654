"""The complete plant-level SWITCH-China folder with its own module list: read, build and solve, one record.

    python ../shared/tools/complete_switch_china.py --out DIR/inputs      # then modules_full.txt as modules.txt
    python bench/complete_china_solve.py DIR/inputs --out bench/results/complete_china_full.json [--threads 2]

Writes a JSON record as each phase ends (so a solve cut short still leaves read and build): the modules, the
projects as read and after fleet aggregation, rows, columns and nonzeros, seconds and peak RSS per phase, the
solver and its options, status, objective and iterations. Solves with the package's own policy (interior
point above 40,000 rows, with crossover, as `batteryplan run` does).
"""
from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import time
from pathlib import Path


def peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", type=Path, help="the complete SWITCH-China inputs folder (modules_full.txt as modules.txt)")
    ap.add_argument("--out", type=Path, required=True, help="JSON record")
    ap.add_argument("--threads", type=int, default=None, help="HiGHS threads (default: the package's choice)")
    ap.add_argument("--no-aggregate", action="store_true", help="keep identical projects apart")
    ap.add_argument("--note", default="", help="free text for the record (e.g. what else ran on the machine)")
    args = ap.parse_args()
    import batteryplan
    rec: dict = {"inputs": str(args.inputs), "note": args.note, "machine": platform.node(),
                 "package": batteryplan.__file__,
                 "commit": subprocess.run(["git", "-C", str(Path(batteryplan.__file__).parents[1]), "rev-parse",
                                           "--short", "HEAD"], capture_output=True, text=True).stdout.strip()}

    def save() -> None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rec, indent=2, default=str) + "\n")

    t0 = time.perf_counter()
    case = batteryplan.read_case(args.inputs, aggregate=not args.no_aggregate)
    t1 = time.perf_counter()
    rec.update(modules=list(case.modules), projects=case.n_gen,
               projects_as_read=case.fleet.n_orig if case.fleet is not None else case.n_gen,
               zones=case.n_zone, periods=case.n_period, timepoints=case.n_tp,
               read_s=t1 - t0, peak_rss_gib_after_read=peak_gib())
    save()
    lp = batteryplan.build(case)
    t2 = time.perf_counter()
    rec.update(rows=lp.A.shape[0], cols=lp.A.shape[1], nnz=int(lp.A.nnz), build_s=t2 - t1,
               read_build_s=t2 - t0, peak_rss_gib_after_build=peak_gib(),
               mip=lp.integrality is not None)
    save()
    print(json.dumps(rec), flush=True)
    res = batteryplan.solve(lp, threads=args.threads)
    t3 = time.perf_counter()
    rec.update(status=res.status, objective=res.objective, solve_s=t3 - t2, total_s=t3 - t0,
               peak_rss_gib=peak_gib(), solver=res.solver, seconds=res.seconds)
    save()
    print(json.dumps({k: rec[k] for k in ("status", "objective", "solve_s", "peak_rss_gib")}), flush=True)


if __name__ == "__main__":
    main()

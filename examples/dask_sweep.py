"""Run a sweep of scenarios on a Dask LocalCluster and read its catalog.

``batteryplan.sweep`` groups the scenarios by battery strategy; each group is one task that builds its LP once
and solves the group's scenarios one after the other, warm started. With ``scheduler=`` the tasks run on a
Dask cluster: here a ``LocalCluster`` this script starts (as a model that already uses Dask would have one), with
one thread per worker process, since HiGHS is safest as one instance per process. ``local_cluster=True``
instead of ``scheduler=`` lets the sweep start and stop a LocalCluster of ``workers`` processes itself (the
CLI's ``batteryplan sweep --local-cluster``). Workers must see the case and the output folder at the same
paths.

    python examples/dask_sweep.py [CASE_DIR] [--scenarios Grid-Low-B,Demand-Low-B]
                                  [--carbon-multipliers 1,2] [--workers 2] [--out DIR]

CASE_DIR is a SWITCH inputs folder (default: three provinces of the bundled China case in one period).
DIR (default ``dask-sweep``) gets one HDF5 result file per scenario, ``catalog.csv`` / ``catalog.parquet``
and ``solves.jsonl`` (one line per solve, with the process id of the worker that solved it). The script
prints its own process id and the catalog's main columns.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from distributed import LocalCluster

import batteryplan

from _small_case import case_folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("case", nargs="?", help="SWITCH inputs folder (default: the small example case)")
    ap.add_argument("--scenarios", default="Grid-Low-B,Demand-Low-B", help="comma-separated scenario names")
    ap.add_argument("--carbon-multipliers", default="1,2", help="each scenario under each of these carbon prices")
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes")
    ap.add_argument("--out", type=Path, default=Path("dask-sweep"), help="folder for results and catalog")
    args = ap.parse_args()

    case = case_folder(args.case)
    multipliers = [float(v) for v in args.carbon_multipliers.split(",")]
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        catalog = batteryplan.sweep(case, scenarios=args.scenarios, carbon_multipliers=multipliers, out=args.out,
                                    scheduler=cluster.scheduler_address, quiet=True)
    print(f"script process id {os.getpid()}")
    columns = ["name", "status", "objective", "cumulative_co2_t", "warm", "file"]
    print(catalog[columns].to_string(index=False))


if __name__ == "__main__":
    main()

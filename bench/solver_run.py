"""Solve one saved LP (.npz from batteryplan.io.lpfile.save_lp) with HiGHS and print a JSON line.

Depends on numpy and highspy only, so it runs in any environment (for HiPO: a venv with
highspy 1.15.1 + highspy-extras 1.15.1). Reports status, objective, iterations, wall and CPU
seconds, peak RSS, and the coefficient ranges.

    python bench/solver_run.py LP.npz --option solver=ipx --option run_crossover=on [--scale-cost 1e-6]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import highspy
import numpy as np


def _value(v: str):
    for conv in (int, float):
        try:
            return conv(v)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(v.lower(), v)


def make_highs(log: str, options: list[str]) -> tuple[highspy.Highs, dict]:
    """A Highs instance logging to `log` (silent if empty) with the KEY=VALUE `options` applied."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", bool(log))
    if log:
        h.setOptionValue("log_file", log)
        h.setOptionValue("log_to_console", False)
    opts = {}
    for kv in options:
        k, v = kv.split("=", 1)
        opts[k] = _value(v)
        h.setOptionValue(k, opts[k])
    return h, opts


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("lp")
    ap.add_argument("--option", action="append", default=[])
    ap.add_argument("--scale-cost", type=float, default=1.0, help="multiply costs (reported back unscaled)")
    ap.add_argument("--log", default="")
    ap.add_argument("--label", default="")
    a = ap.parse_args(argv)
    z = np.load(a.lp)
    n_row, n_col = (int(v) for v in z["shape"])
    h, opts = make_highs(a.log, a.option)
    cost = z["cost"] * a.scale_cost
    t0, c0 = time.perf_counter(), time.process_time()
    st = h.passModel(n_col, n_row, len(z["data"]), int(highspy.MatrixFormat.kColwise), int(highspy.ObjSense.kMinimize),
                     float(z["offset"][0]) * a.scale_cost, cost, z["col_lower"], z["col_upper"], z["row_lower"],
                     z["row_upper"], z["indptr"], z["indices"], z["data"], np.zeros(n_col, np.int32))
    assert st != highspy.HighsStatus.kError
    t1 = time.perf_counter()
    h.run()
    t2, c2 = time.perf_counter(), time.process_time()
    info = h.getInfo()
    out = {
        "label": a.label, "lp": a.lp, "options": opts, "scale_cost": a.scale_cost,
        "status": h.modelStatusToString(h.getModelStatus()),
        "objective": float(info.objective_function_value) / a.scale_cost,
        "simplex_iterations": int(info.simplex_iteration_count), "ipm_iterations": int(info.ipm_iteration_count),
        "crossover_iterations": int(info.crossover_iteration_count),
        "pdlp_iterations": int(getattr(info, "pdlp_iteration_count", -1)),
        "handover_s": t1 - t0, "solve_wall_s": t2 - t1, "cpu_s": c2 - c0,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "basis_valid": bool(h.getBasis().valid), "highspy": f"{h.versionMajor()}.{h.versionMinor()}.{h.versionPatch()}",
        "rows": n_row, "cols": n_col, "nnz": int(len(z["data"])),
    }
    print(json.dumps(out), flush=True)
    return out


if __name__ == "__main__":
    sys.exit(0 if main()["status"] == "Optimal" else 1)

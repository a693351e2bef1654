"""Issue 6's solver study: one saved LP solved under every option set, one JSON line per run.

Each run is a fresh process (``scaling_run.py``), so peak memory is the solve's own. HiGHS is
deterministic, so iteration counts repeat exactly; seconds depend on what else the machine runs,
hence ``--jobs`` (default 1: one run at a time; the table in docs/solver_profiles.md used 2, each run
pinned to one HiGHS thread, except the threads=2 rows, which ran alone).

    python bench/make_lps.py --out bench/lps
    python bench/solver_study.py bench/lps/slice8-Grid-Low-R.npz --out bench/results/solvers/slice8-study.jsonl
    python bench/solver_study.py bench/lps/china-Grid-Low-R.npz --only hipo,hipo-t2 --out china-study.jsonl
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HIPO = ["--option", "solver=hipo", "--option", "run_crossover=on"]
T1 = ["--option", "threads=1"]

# label -> scaling_run.py arguments
RUNS: dict[str, list[str]] = {
    "hipo": HIPO + T1,
    "hipo-obj1e-6": HIPO + T1 + ["--cost", "1e-6"],
    "hipo-gw": HIPO + T1 + ["--units-gw"],
    "hipo-equilibrate4": HIPO + T1 + ["--equilibrate", "4"],
    "hipo-gw-equilibrate4": HIPO + T1 + ["--units-gw", "--equilibrate", "4"],
    "hipo-user_bound_scale-10": HIPO + T1 + ["--option", "user_bound_scale=-10"],
    "hipo-ipm_tol1e-6": HIPO + T1 + ["--option", "ipm_optimality_tolerance=1e-6"],
    "hipo-ipm_tol1e-6-gw-equilibrate4": HIPO + T1 + ["--option", "ipm_optimality_tolerance=1e-6", "--units-gw",
                                                    "--equilibrate", "4"],
    "hipo-augmented": HIPO + T1 + ["--option", "hipo_system=augmented"],
    "hipo-normaleq": HIPO + T1 + ["--option", "hipo_system=normaleq"],
    "hipo-amd": HIPO + T1 + ["--option", "hipo_ordering=amd"],
    "hipo-metis": HIPO + T1 + ["--option", "hipo_ordering=metis"],
    "hipo-metis-gw-equilibrate4": HIPO + T1 + ["--option", "hipo_ordering=metis", "--units-gw", "--equilibrate", "4"],
    "hipo-nopresolve": HIPO + T1 + ["--option", "presolve=off"],
    "hipo-nocross": ["--option", "solver=hipo", "--option", "run_crossover=off"] + T1,
    "hipo-t2": HIPO + ["--option", "threads=2"],
    "hipo-t2-gw-equilibrate4": HIPO + ["--option", "threads=2", "--units-gw", "--equilibrate", "4"],
    "ipx": ["--option", "solver=ipx", "--option", "run_crossover=on"] + T1,
    "dual-simplex": ["--option", "solver=simplex", "--option", "simplex_strategy=1"] + T1,
    "pdlp": ["--option", "solver=pdlp"] + T1,
}


def one(lp: str, label: str, time_limit: float, log_dir: Path | None) -> dict:
    args = [sys.executable, str(HERE / "scaling_run.py"), lp, "--label", label, *RUNS[label],
            "--option", f"time_limit={time_limit}"]
    if log_dir:
        args += ["--log", str(log_dir / f"{label}.log")]
    out = subprocess.run(args, capture_output=True, text=True)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]   # PDLP prints its own log to stdout
    if not lines:
        return {"label": label, "status": "error", "stderr": out.stderr[-2000:]}
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("lp")
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", default="", help="comma-separated labels (default: all)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=1800)
    ap.add_argument("--log-dir", default="")
    a = ap.parse_args(argv)
    labels = a.only.split(",") if a.only else list(RUNS)
    log_dir = Path(a.log_dir) if a.log_dir else None
    if log_dir:
        log_dir.mkdir(parents=True, exist_ok=True)
    with cf.ThreadPoolExecutor(a.jobs) as ex, open(a.out, "a") as f:
        for res in ex.map(lambda lb: one(a.lp, lb, a.time_limit, log_dir), labels):
            f.write(json.dumps(res) + "\n")
            f.flush()
            print(res["label"], res["status"], res.get("objective"), res.get("ipm_iterations"),
                  res.get("crossover_iterations"), res.get("simplex_iterations"), res.get("cpu_s"), flush=True)


if __name__ == "__main__":
    main()

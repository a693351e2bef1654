"""The exact reductions of batteryplan/csc_builder/reductions.py, each off and on: LP sizes of the bundled China
case, and solve times on a small slice of it.

    python bench/reductions_ab.py [--repeats 3] --out bench/results/reductions_ab.json

Sizes (rows, columns, nonzeros, and the blocks that change) of the bundled case (batteryplan/cases/china,
SWITCH-China's own module list) under Grid-Low-R, built (not solved) with: every reduction on, every one off,
each one off alone and each one on alone (the reductions overlap: nuclear is covered by fixed_commit and, with
that off, by project_unread). Solve: a slice of the bundled case (four North_West_Grid provinces, periods 2023 and
2028; batteryplan.io.slice_case), Grid-Low-R, all on vs all off, alternating on and off, median of `repeats`
HiGHS solves each (build not counted); the objectives must agree to 1e-9. Run from the repository root so
that this tree's batteryplan is imported. Times from a shared machine are indicative only.
"""
from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import highspy  # noqa: E402
import numpy as np  # noqa: E402

import batteryplan  # noqa: E402
from batteryplan.csc_builder.reductions import SWITCHES, all_off, switched  # noqa: E402
from batteryplan.io.slice_case import slice_case  # noqa: E402
from batteryplan.scenarios import parse, read_scenario  # noqa: E402

CHINA = Path(batteryplan.__file__).parent / "cases" / "china" / "inputs"
SCENARIO = "Grid-Low-R"
SLICE_ZONES = ["Gansu", "Ningxia", "Qinghai", "Shaanxi"]
SLICE_PERIODS = [2023, 2028]


def variants() -> dict[str, dict[str, bool]]:
    """Label -> switches: all on, all off, each one off alone, each one on alone."""
    return {"all on": {}, "all off": all_off(), **{f"{name} off": {name: False} for name in SWITCHES},
            **{f"only {name}": {**all_off(), name: True} for name in SWITCHES}}


def sizes(case, flags: dict[str, bool]) -> dict:
    with switched(**flags):
        lp = batteryplan.build(case)
    blocks = {**{f"col {n}": b.size for n, b in lp.space.cols.items() if b.size},
              **{f"row {n}": b.size for n, b in lp.space.rows.items() if b.size}}
    out = {"rows": lp.A.shape[0], "cols": lp.A.shape[1], "nnz": int(lp.A.nnz), "blocks": blocks}
    del lp
    gc.collect()
    return out


def solve_times(case, repeats: int) -> dict:
    out: dict = {"all on": [], "all off": []}
    objective: dict = {}
    for _ in range(repeats):
        for label in ("all on", "all off"):
            with switched(**variants()[label]):
                lp = batteryplan.build(case)
            t0 = time.perf_counter()
            res = batteryplan.solve(lp)
            out[label].append(time.perf_counter() - t0)
            objective[label] = res.objective
            shape = (lp.A.shape[0], lp.A.shape[1], int(lp.A.nnz))
            out[f"{label} size"] = dict(zip(("rows", "cols", "nnz"), shape))
            del lp, res
            gc.collect()
    rel = abs(objective["all on"] - objective["all off"]) / abs(objective["all off"])
    if rel > 1e-9:
        raise AssertionError(f"objectives differ by {rel:.2e}: {objective}")
    return {**{f"{k} median_s": statistics.median(v) for k, v in out.items() if not k.endswith("size")},
            **{k: v for k, v in out.items()}, "objective": objective, "objective_rel_diff": rel}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    case = read_scenario(CHINA, parse(SCENARIO, 1.0, ()))
    china = {label: sizes(case, flags) for label, flags in variants().items()}
    del case
    gc.collect()
    with tempfile.TemporaryDirectory() as tmp:
        sliced = Path(tmp) / "inputs"
        slice_case(CHINA, sliced, SLICE_ZONES, SLICE_PERIODS)
        small = read_scenario(sliced, parse(SCENARIO, 1.0, ()))
        solve = solve_times(small, args.repeats)
    record = {
        "what": "exact reductions (batteryplan/csc_builder/reductions.py) off and on",
        "china_case": {"case": "batteryplan/cases/china (SWITCH-China module list)", "scenario": SCENARIO,
                       "sizes": china},
        "slice_solve": {"zones": SLICE_ZONES, "periods": SLICE_PERIODS, "scenario": SCENARIO,
                        "repeats": args.repeats, **solve},
        "note": "shared machine (2 cores, several agents working at once): solve times are indicative only; "
                "sizes are exact",
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "highspy": getattr(highspy, "__version__", "?"), "batteryplan": batteryplan.__version__
                     if hasattr(batteryplan, "__version__") else "?"},
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    args.out.write_text(json.dumps(record, indent=1) + "\n")
    for label, s in china.items():
        print(f"{label:24s} {s['rows']:>10,} rows {s['cols']:>10,} cols {s['nnz']:>11,} nnz")
    print({k: v for k, v in solve.items() if k.endswith("median_s") or k == "objective_rel_diff"})


if __name__ == "__main__":
    main()

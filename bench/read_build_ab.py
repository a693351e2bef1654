"""Read + build, before and after a change, in one run on one machine: medians of fresh processes.

    python bench/read_build_ab.py --before SNAP_DIR [--after .] [--repeats 5] --out bench/results/x.json

SNAP_DIR is a source tree of the earlier commit (``mkdir SNAP && git archive COMMIT | tar -x -C SNAP``); each
side runs in its own process with that tree first on PYTHONPATH, alternating A, B, A, B so that drift in the
machine's speed hits both. Cases: the synthetic China-size case (bench/make_synthetic_china.py, 32 zones,
6 periods) and the bundled China case under Grid-Low-R and Mixed-Low-R. The Numba cache of each tree is warmed
by one run that is not counted, so the medians are warm-cache times.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = r"""
import json, resource, sys, time
import batteryplan
from batteryplan.scenarios import parse, read_scenario
what = sys.argv[1]
t0 = time.perf_counter()
case = batteryplan.read_case(what) if sys.argv[2] == "-" else read_scenario(what, parse(sys.argv[2]))
t1 = time.perf_counter()
lp = batteryplan.build(case)
t2 = time.perf_counter()
print(json.dumps({"read_s": t1 - t0, "build_s": t2 - t1, "total_s": t2 - t0, "rows": lp.A.shape[0],
                  "cols": lp.A.shape[1], "nnz": int(lp.A.nnz), "file": batteryplan.__file__,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(tree: Path, case: str, scenario: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree.resolve())}
    out = subprocess.run([sys.executable, "-c", SCRIPT, case, scenario], env=env, cwd=tempfile.gettempdir(),
                         capture_output=True, text=True, check=True)
    rec = json.loads(out.stdout.strip().splitlines()[-1])
    assert rec["file"].startswith(str(tree.resolve())), (rec["file"], tree)
    return rec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True, help="source tree of the earlier commit")
    ap.add_argument("--after", type=Path, default=Path(__file__).resolve().parents[1], help="source tree after")
    ap.add_argument("--repeats", type=int, default=5, help="timed runs per side and case")
    ap.add_argument("--out", type=Path, required=True, help="JSON record to write")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from make_synthetic_china import make_case
    work = Path(tempfile.mkdtemp(prefix="read_build_ab_"))
    synthetic = work / "china_synthetic" / "inputs"
    make_case(synthetic)
    china = str(args.after / "batteryplan" / "cases" / "china" / "inputs")
    cases = {"synthetic-32x6": (str(synthetic), "-"), "china Grid-Low-R": (china, "Grid-Low-R"),
             "china Mixed-Low-R": (china, "Mixed-Low-R")}
    record: dict = {"before": str(args.before), "after": str(args.after), "repeats": args.repeats, "cases": {}}
    for label, (case, sc) in cases.items():
        sides: dict = {"before": [], "after": []}
        for side in sides:                                       # warm each tree's Numba cache
            run(getattr(args, side), case, sc)
        for _ in range(args.repeats):
            for side in sides:
                sides[side].append(run(getattr(args, side), case, sc))
        summary = {}
        for side, recs in sides.items():
            summary[side] = {k: statistics.median(r[k] for r in recs) for k in ("read_s", "build_s", "total_s",
                                                                                 "peak_rss_mb")}
            summary[side].update({k: recs[0][k] for k in ("rows", "cols", "nnz")})
        summary["after_over_before_total"] = summary["after"]["total_s"] / summary["before"]["total_s"]
        record["cases"][label] = summary
        print(label, json.dumps(summary), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""SWITCH's example cases solved by two source trees, with their reference objectives: one JSON record.

    python bench/examples_objectives_ab.py --before SNAP_DIR [--after .] --out bench/results/x.json

Each tree solves every case of ../shared/data/switch_examples (inputs/ with expected/total_cost.txt) in its own
process; a case that a tree does not support is recorded with its one-line error. Shows that a change kept
every objective (and which cases it made supported).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPT = r"""
import json, sys
import batteryplan
out = {}
for path in sys.argv[1:]:
    try:
        res = batteryplan.solve(batteryplan.build(batteryplan.read_case(path)))
        out[path] = {"objective": res.objective}
    except Exception as exc:
        out[path] = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"}
print(json.dumps(out))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, required=True)
    ap.add_argument("--after", type=Path, default=Path(__file__).resolve().parents[1])
    ap.add_argument("--examples", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "switch_examples")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    cases = sorted(p.parent for p in args.examples.glob("**/expected/total_cost.txt") if (p.parent.parent / "inputs").is_dir())
    inputs = [str(c.parent / "inputs") for c in cases]
    sides = {}
    for side in ("before", "after"):
        env = {**os.environ, "PYTHONPATH": str(getattr(args, side).resolve())}
        run = subprocess.run([sys.executable, "-c", SCRIPT, *inputs], env=env, cwd=tempfile.gettempdir(),
                             capture_output=True, text=True, check=True)
        sides[side] = json.loads(run.stdout.strip().splitlines()[-1])
    rows = []
    for c, i in zip(cases, inputs):
        expected = float((c / "total_cost.txt").read_text().split()[0])
        row = {"case": str(c.parent.relative_to(args.examples)), "expected": expected}
        for side in sides:
            r = sides[side][i]
            row[side] = r.get("objective", r.get("error"))
            if "objective" in r:
                row[f"{side}_rel_diff"] = abs(r["objective"] - expected) / abs(expected)
        rows.append(row)
        print(json.dumps(row), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"before": str(args.before), "after": str(args.after), "cases": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""Bounds on the Mixed split from one optimal result file, by relabelling, as JSON: no solve.

The argument and its conditions are in ``batteryplan/report/split_bounds.py``; ``batteryplan fidelity`` uses the
same bounds for the Mixed split finding when it is given no split-range CSV.

    python bench/mixed_split_relabel.py RUNS/Mixed-Low-R.h5 --provinces Chongqing,West_Inner_Mongolia \
        --out bench/results/mixed_split_relabel_mixed_low_r.json
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from batteryplan.report.split_bounds import relabel_bounds  # noqa: E402
from batteryplan.sweep.chain import BUNDLED  # noqa: E402

bounds = relabel_bounds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("result", type=Path)
    ap.add_argument("--provinces", default="Chongqing,West_Inner_Mongolia")
    ap.add_argument("--case", type=Path, default=BUNDLED)
    ap.add_argument("--out", type=Path, default=None)
    a = ap.parse_args()
    rec = bounds(a.result, [p.strip() for p in a.provinces.split(",")], a.case)
    text = json.dumps(rec, indent=1)
    if a.out:
        a.out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()

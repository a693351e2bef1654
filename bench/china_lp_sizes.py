#!/usr/bin/env python3
"""LP sizes (rows, columns, nonzeros) of the bundled China case for each strategy, under its default module list
(SWITCH-China's own, exact reductions on) and the stage-1 list; built, not solved, so it takes seconds.

    python bench/china_lp_sizes.py --out bench/results/china_lp_sizes.json

Scenarios of one strategy share every matrix entry and bound (MODEL.md §3), so one scenario per strategy
(Low carbon, R battery costs) gives the size of all six.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from batteryplan import build  # noqa: E402
from batteryplan.scenarios import read_scenario  # noqa: E402

CASE = REPO / "batteryplan" / "cases" / "china" / "inputs"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    rows = []
    for modules in (None, "stage1"):
        for strategy in ("Grid", "RE", "Demand", "Mixed"):
            lp = build(read_scenario(CASE, f"{strategy}-Low-R", modules=modules))
            rows.append({"modules": "modules.txt" if modules is None else f"modules_{modules}.txt",
                         "strategy": strategy, "rows": int(lp.A.shape[0]), "columns": int(lp.A.shape[1]),
                         "nonzeros": int(lp.A.nnz)})
            print(rows[-1])
    record = {"what": __doc__.splitlines()[0], "commit": commit, "case": str(CASE.relative_to(REPO)),
              "command": "python bench/china_lp_sizes.py --out " + str(a.out), "sizes": rows}
    a.out.write_text(json.dumps(record, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

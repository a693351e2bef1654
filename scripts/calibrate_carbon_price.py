#!/usr/bin/env python3
"""Calibrate the China case's Low carbon-price path to the study's Grid-Low-R national CO2 per period.

The method is in ``batteryplan/calibration.py``. Each iteration is one full solve of the scenario (30-60 min on
the bundled China case), and the record (``--record``) is written after every one: stop at any time and continue
with ``--resume``. When every reachable period is within ``--tol``, the path and a README are written to
``--out`` (default ``batteryplan/cases/china/calibration``); ``--write`` writes them from the record's best
iteration so far without solving anything, saying whether it converged. ``scripts/make_china_case.py`` then
uses the path for ``carbon_price_paths.csv`` (High = 2 x Low) and ``carbon_policies.csv``.

    python scripts/calibrate_carbon_price.py [--case DIR] [--target CSV] [--record FILE.json]
        [--max-iterations N] [--tol 0.02] [--resume] [--write] [--modules NAME]
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from batteryplan import calibration as cal

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CASE = REPO / "batteryplan" / "cases" / "china" / "inputs"
DEFAULT_TARGET = REPO.parent / "shared" / "data" / "facts" / "study_national_co2.csv"
DEFAULT_RECORD = REPO / "bench" / "results" / "carbon_price_calibration.json"
DEFAULT_OUT = REPO / "batteryplan" / "cases" / "china" / "calibration"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--case", type=Path, default=DEFAULT_CASE, help="SWITCH inputs folder (default: bundled China)")
    ap.add_argument("--target", type=Path, default=DEFAULT_TARGET,
                    help=f"national CO2 per period, Mt/yr in column {cal.TARGET_COLUMN} (default: the study's)")
    ap.add_argument("--record", type=Path, default=DEFAULT_RECORD, help="JSON record of every iteration")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for carbon_price_low.csv and README.md")
    ap.add_argument("--max-iterations", type=int, default=20, help="iterations in the record, over all sessions")
    ap.add_argument("--tol", type=float, default=cal.Settings().tol, help="relative CO2 error per period")
    ap.add_argument("--resume", action="store_true", help="continue the record")
    ap.add_argument("--write", action="store_true",
                    help="only write the outputs from the record's best iteration so far; solve nothing")
    ap.add_argument("--cold", action="store_true", help="solve every iteration cold (no warm start)")
    ap.add_argument("--modules", help="module list to read the case with (where read_case takes one)")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    if a.write:
        record = cal.load_record(a.record)
    else:
        record = cal.calibrate(a.case, cal.read_target(a.target), a.record, settings=cal.Settings(tol=a.tol),
                               max_iterations=a.max_iterations, resume=a.resume, warm=not a.cold,
                               modules=a.modules)
    converged = cal.is_converged(record)
    if converged or a.write:
        csv = cal.write_outputs(record, a.out, cal.label(a.record))
        print(f"wrote {csv} and README.md ({'converged' if converged else 'NOT CONVERGED: best iteration so far'})")
    else:
        print(f"not converged after {len(record['iterations'])} iterations; continue with --resume "
              f"(or --write for the best so far)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

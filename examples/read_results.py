"""Read a batteryplan result file with h5py and pandas alone, as a model in another language would.

A result file is self-describing HDF5 (MODEL.md section 5): the root's attributes hold the case, the scenario
(as JSON), the status and the objective; ``/index/*`` the labels (zones, periods, timepoints with their hours
per year, projects with zone, technology and attachment, transmission lines); ``/results/*`` the arrays and
``/summary/*`` the per-period tables, each with a ``units`` attribute and a ``dims`` attribute naming its axes
(``projects,timepoints``) after datasets in ``/index``. No batteryplan import is needed to read one.

    python examples/read_results.py [CASE_DIR] [--result FILE] [--out DIR]

Without ``--result`` the script solves scenario Grid-Low-B of CASE_DIR (default: three provinces of the
bundled China case in one period) and writes ``DIR/Grid-Low-B.h5`` (DIR default ``read-results``) first.
Then it prints the root attributes and every dataset with its shape, dims and units, and computes the annual
generation by zone from ``/results/dispatch_mw`` (storage left out, each timepoint weighted by its hours per
year), writes it to ``DIR/generation_by_zone.csv`` and compares it with the file's own summary table
``/summary/generation_by_zone_mwh_per_yr``.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

from _small_case import case_folder


def labels(f: h5py.File, dims: str) -> list[np.ndarray]:
    """The label arrays of a dataset's axes, from its ``dims`` attribute (names of datasets in /index)."""
    return [f["index"][d].asstr()[...] if h5py.check_string_dtype(f["index"][d].dtype) else f["index"][d][...]
            for d in dims.split(",")]


def frame(f: h5py.File, path: str) -> pd.DataFrame:
    """A 2-D dataset as a labelled DataFrame (rows and columns from /index)."""
    ds = f[path]
    rows, cols = labels(f, ds.attrs["dims"])
    return pd.DataFrame(ds[...], index=pd.Index(rows, name=ds.attrs["dims"].split(",")[0]),
                        columns=pd.Index(cols, name=ds.attrs["dims"].split(",")[1]))


def solve_into(case: Path, out: Path) -> Path:
    """Solve Grid-Low-B of `case` with batteryplan and write its result file into `out`."""
    import batteryplan
    from batteryplan.scenarios import read_scenario
    res = batteryplan.solve(batteryplan.build(read_scenario(case, "Grid-Low-B")))
    return res.to_hdf5(out / "Grid-Low-B.h5")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("case", nargs="?", help="SWITCH inputs folder (default: the small example case)")
    ap.add_argument("--result", type=Path, help="an existing result file (then nothing is solved)")
    ap.add_argument("--out", type=Path, default=Path("read-results"), help="folder for what the script writes")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.result or solve_into(case_folder(args.case), args.out)

    with h5py.File(path, "r") as f:
        a = f.attrs
        scenario = json.loads(a["scenario"])
        print(f"{path}: case {a['case']}, scenario {scenario.get('name', '')}, status {a['status']}, "
              f"objective {a['objective']:.6e} {a['objective_units']}")
        for group in ("index", "results", "summary"):
            for name, ds in f[group].items():
                units = ds.attrs.get("units", "")
                print(f"  /{group}/{name:<48} {str(ds.shape):<14} {ds.attrs.get('dims', ''):<28} {units}")

        dispatch = frame(f, "results/dispatch_mw")                                # MW, projects x timepoints
        hours = pd.Series(f["index/timepoint_weight_in_year_h"][...], index=dispatch.columns)
        period = pd.Series(f["index/timepoint_period"][...], index=dispatch.columns)
        project = pd.DataFrame({"zone": f["index/project_zone"].asstr()[...],
                                "is_storage": f["index/project_is_storage"][...]}, index=dispatch.index)
        mwh = dispatch.mul(hours, axis=1).T.groupby(period).sum().T             # MWh per year, projects x periods
        generated = mwh[~project["is_storage"]].groupby(project["zone"]).sum()  # zones x periods
        summary = frame(f, "summary/generation_by_zone_mwh_per_yr")
    generated = generated.loc[summary.index, summary.columns]
    generated.to_csv(args.out / "generation_by_zone.csv")
    print("annual generation by zone, MWh (from /results/dispatch_mw):")
    print(generated.to_string())
    gap = float(np.max(np.abs(generated.to_numpy() - summary.to_numpy())))
    print(f"largest difference from /summary/generation_by_zone_mwh_per_yr: {gap:.3g} MWh")


if __name__ == "__main__":
    main()

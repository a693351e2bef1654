"""Discrete unit commitment (switch_model.generators.core.commit.discrete, 2.0.9): for every active (g, t) of a
project with ``gen_unit_size`` (gen_info.csv; DISCRETELY_SIZED_GENS, build.py:325-326), an integer
CommitGenUnits[g, t] >= 0 (discrete.py:62) and

    Commit_Units_Consistency (discrete.py:63-69)   CommitGen[g,t] - gen_unit_size[g] * avail[g] * CommitGenUnits[g,t] = 0

Column block ``commit_gen_units`` (integer) over ``m.dc_cm`` (positions in commit_gen); such projects always
keep their commit columns (commit_operate asks ``needs_commit``). The model is then a MIP.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..errors import CaseError
from ..io.schema import TableSpec
from ..kernels.commit import pair_put

NAME = "commit_discrete"
MODULES = ("switch_model.generators.core.commit.discrete",)
# gen_unit_size (PositiveReals, build.py:326) is declared and checked with gen_info.csv's stage-1 columns.
INPUTS = (TableSpec("gen_info.csv", keys=("GENERATION_PROJECT",)),)
INTEGER = ("commit_gen_units",)
RESULTS = {"commit_units": (("projects", "timepoints"), "units")}


@dataclass(slots=True)
class DiscreteData:
    gen_unit_size: npt.NDArray[np.float64]     # (n_gen,) MW per unit; nan where the project is not discrete


def load(t, case) -> DiscreteData:
    if "commit" not in case.ext:
        raise CaseError("commit.discrete needs switch_model.generators.core.commit.operate", case.modules_file)
    gi = t["gen_info.csv"]
    at = np.empty(case.n_gen, np.int64)
    at[gi.ref("GENERATION_PROJECT", case.gen_names, "generation project", "gen_info.csv")] = np.arange(case.n_gen)
    return DiscreteData(gen_unit_size=gi.number("gen_unit_size", float("nan"))[at])


def needs_commit(case) -> npt.NDArray[np.bool_]:
    """(n_gen,) projects whose CommitGen counts whole units."""
    if NAME not in case.ext:
        return np.zeros(case.n_gen, bool)
    return ~np.isnan(case.ext[NAME].gen_unit_size)


def index(case, m) -> None:
    m.dc_cm = np.flatnonzero(needs_commit(case)[m.gt_gen[m.cm_gt]]).astype(np.int64)


def columns(case, m):
    return [("commit_gen_units", (len(m.dc_cm),))]


def row_blocks(case, m):
    return [("commit_units", (len(m.dc_cm),))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    g = m.gt_gen[m.cm_gt[m.dc_cm]]
    pair_put(fill, col_pos, indices, data, space.rows["commit_units"].start, c["commit_gen"].start + m.dc_cm,
             c["commit_gen_units"].start + np.arange(len(m.dc_cm), dtype=np.int64),
             case.ext[NAME].gen_unit_size[g] * case.gen_avail[g])


def bounds(space, case, lo, hi):
    if "commit_units" not in space.rows:                # commit.discrete not loaded
        return
    b = space.rows["commit_units"]
    lo[b.start:b.stop], hi[b.start:b.stop] = 0.0, 0.0


def results(space, case, x, row_dual, out):
    m = space.m
    k = m.cm_gt[m.dc_cm]
    units = np.zeros((case.n_gen, case.n_tp))
    units[m.gt_gen[k], m.gt_tp[k]] = space.cols["commit_gen_units"].view(x)
    out["commit_units"] = units

"""Save an LP as one .npz (CSC arrays, bounds, costs): for solver benchmarks that run
HiGHS in another process (bench/solver_run.py reads it with numpy alone) or another highspy version without rebuilding the case."""
from __future__ import annotations

from pathlib import Path

import numpy as np


def save_lp(lp, path: str | Path) -> Path:
    path = Path(path)
    A = lp.A
    np.savez(path, indptr=A.indptr.astype(np.int32), indices=A.indices.astype(np.int32), data=A.data,
             shape=np.array(A.shape, np.int64), col_lower=lp.col_lower, col_upper=lp.col_upper,
             row_lower=lp.row_lower, row_upper=lp.row_upper, cost=lp.cost, offset=np.array([lp.offset]))
    return path if path.suffix == ".npz" else path.with_suffix(path.suffix + ".npz")


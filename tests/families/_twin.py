"""Helpers shared by the dense twins: positions looked up through the space, and a few facts
(which builds are online, which timepoints a timeseries holds) recomputed with plain loops from
the case's arrays, never from the kernels.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from batteryplan.case import Case
from batteryplan.csc_builder.space import IndexSpace


def dense(space: IndexSpace) -> np.ndarray:
    """An all-zero n_rows x n_cols matrix for a twin to fill."""
    return np.zeros((space.n_rows, space.n_cols))


def builds_online(case: Case, g: int, p: int) -> list[int]:
    """Builds b of project g online in period p (SWITCH's BLD_YRS_FOR_GEN_PERIOD)."""
    return [b for b in range(case.n_bld) if case.bld_gen[b] == g and case.bld_online[b, p]]


def is_active(case: Case, g: int, p: int) -> bool:
    """Project g has capacity online in period p, so DispatchGen[g, t in p] exists."""
    return len(builds_online(case, g, p)) > 0


def tps_in_period(case: Case, p: int) -> list[int]:
    return [t for t in range(case.n_tp) if case.tp_period[t] == p]


def tps_in_ts(case: Case, ts: int) -> list[int]:
    """Timepoints of timeseries ts in chronological (file) order."""
    return [t for t in range(case.n_tp) if case.tp_ts[t] == ts]


def prev_tp(case: Case, t: int) -> int:
    """SWITCH's tp_previous: the previous timepoint of t's timeseries, the last one for the first."""
    tps = tps_in_ts(case, int(case.tp_ts[t]))
    k = tps.index(t)
    return tps[k - 1]          # k == 0 wraps to tps[-1]


def dispatch_col(space: IndexSpace, case: Case, g: int, t: int) -> int:
    """Column of DispatchGen[g, t]; asserts it exists exactly when g is active in p(t)."""
    j = int(space.m.gt_of[g * case.n_tp + t])
    assert (j >= 0) == is_active(case, g, int(case.tp_period[t])), (case.gen_names[g], t)
    assert j >= 0
    return int(space.cols["dispatch_gen"].flat(j))


def has_dispatch(case: Case, g: int, t: int) -> bool:
    return is_active(case, g, int(case.tp_period[t]))


def charge_col(space: IndexSpace, case: Case, g: int, t: int) -> int:
    j = int(space.m.st_of[g * case.n_tp + t])
    assert j >= 0 and case.gen_is_storage[g] and has_dispatch(case, g, t)
    return int(space.cols["charge_storage"].flat(j))


def soc_col(space: IndexSpace, case: Case, g: int, t: int) -> int:
    j = int(space.m.st_of[g * case.n_tp + t])
    assert j >= 0
    return int(space.cols["state_of_charge"].flat(j))


def build_col(space: IndexSpace, b: int) -> int:
    return int(space.cols["build_gen"].flat(b))


def energy_build_col(space: IndexSpace, case: Case, b: int) -> int:
    j = int(space.m.ebld_of[b])
    assert j >= 0 and case.gen_is_storage[case.bld_gen[b]]
    return int(space.cols["build_storage_energy"].flat(j))


def storage_gt(space: IndexSpace, case: Case) -> list[tuple[int, int]]:
    """(u, t) pairs of storage projects active at t, in project-major order."""
    return [(g, t) for g in range(case.n_gen) if case.gen_is_storage[g]
            for t in range(case.n_tp) if has_dispatch(case, g, t)]


def storage_row(space: IndexSpace, case: Case, block: str, g: int, t: int) -> int:
    """Row (u, t) of a per-storage-timepoint family (rows follow the ChargeStorage columns)."""
    return int(space.rows[block].flat(int(space.m.st_of[g * case.n_tp + t])))


def assert_canonical(A: sp.csc_array) -> None:
    """CSC with int32 indices, strictly increasing rows within each column, no stored zeros.

    Checked from the arrays themselves: assemble() sets has_canonical_format by assignment.
    """
    assert A.format == "csc"
    assert A.indices.dtype == np.int32 and A.indptr.dtype == np.int32
    assert A.has_canonical_format
    assert A.indptr[0] == 0 and A.indptr[-1] == A.nnz == len(A.data) == len(A.indices)
    for j in range(A.shape[1]):
        rows = A.indices[A.indptr[j]:A.indptr[j + 1]]
        assert np.all(np.diff(rows) > 0), f"column {j}: rows {rows} not strictly increasing"
    assert np.all((A.indices >= 0) & (A.indices < A.shape[0]))
    assert not np.any(A.data == 0), "stored zeros"
    assert np.all(np.isfinite(A.data))


def family_bounds(space: IndexSpace, case: Case, family) -> tuple[np.ndarray, np.ndarray]:
    """Row bounds written by one family; rows it does not own stay NaN."""
    lo = np.full(space.n_rows, np.nan)
    hi = np.full(space.n_rows, np.nan)
    family.bounds(space, case, lo, hi)
    return lo, hi


def block_rows(space: IndexSpace, *names: str) -> np.ndarray:
    """Mask of the rows of the named row blocks."""
    mask = np.zeros(space.n_rows, bool)
    for n in names:
        if n in space.rows:
            b = space.rows[n]
            mask[b.start:b.stop] = True
    return mask


def check_bounds(space: IndexSpace, case: Case, family, names: tuple[str, ...],
                 lo_twin: np.ndarray, hi_twin: np.ndarray) -> None:
    """The family sets exactly its own rows, to the twin's bounds."""
    lo, hi = family_bounds(space, case, family)
    mine = block_rows(space, *names)
    assert np.all(np.isnan(lo[~mine])) and np.all(np.isnan(hi[~mine])), "bounds written outside the family"
    np.testing.assert_allclose(lo[mine], lo_twin[mine], rtol=1e-12)
    np.testing.assert_allclose(hi[mine], hi_twin[mine], rtol=1e-12)
    assert np.all(lo[mine] <= hi[mine])


def check_matrix(space: IndexSpace, case: Case, family, twin: np.ndarray) -> None:
    """assemble() of this one family equals the dense twin, and is canonical."""
    from batteryplan.csc_builder.assemble import assemble
    A = assemble(space, case, [family])
    assert A.shape == (space.n_rows, space.n_cols)
    assert_canonical(A)
    np.testing.assert_allclose(A.toarray(), twin, rtol=1e-12, atol=0)

"""Capacity columns: the LP HiGHS gets, with repeated sums of builds replaced by one column each.

SWITCH ties every operating quantity to the capacity online in its period, a sum of builds:
``DispatchGen[g,t] <= avail * cf[g,t] * sum_{b online in p(t)} BuildGen[g,b]``, and likewise for charging,
state of charge, transmission and local T&D. The builder writes those sums out (one entry per online
build in every one of the 432 rows of a period), so each build column reaches every later period. For
HiPO's factorisation that makes all builds of the case one dense block: on the China Grid LP the
largest front has 3,214 rows and one factorisation 2.9e10 flops.

Here each distinct sum gets one column ``K``, and each row that holds the sum holds ``K`` instead. ``K``
is defined by one equality row; the sums of one project (line, zone) form a chain, period after period,
so that a ``K`` only reaches its neighbour:

    K_first = sum of its builds;   K_next = K_prev + (builds that come online) - (builds that retire).

This is an exact change of variables (``K >= 0`` is implied by the builds' own bounds): every original
row and column keeps its position, the new columns come after them and the new rows after theirs,
so the solution, the row duals and the objective of the original LP are read off directly (a zero
reduced cost on ``K`` or one at ``K = 0`` both leave the original duals optimal: ``docs/engine.md``).

``batteryplan_capacity_columns`` in the solver options: ``off`` (the default, see ``solver/policy.py`` and
``docs/solver_profiles.md`` for the measurements), ``on``, or ``auto`` (on from ``policy.AUTO_IPM_ROWS`` rows).
"""
from __future__ import annotations

import dataclasses

import numpy as np
import scipy.sparse as sp

from ..kernels.condense import capacity_slices, definition_rows, key_ids

# column blocks whose sums are condensed, and how the owner of a column (the chain it belongs to) is found
BLOCKS = ("build_gen", "build_storage_energy", "build_tx", "build_local_td")


@dataclasses.dataclass(slots=True)
class Condensed:
    """An LP with the interface the solve layer reads (A, costs, bounds, offset, integrality), whose
    first ``n_col`` columns and ``n_row`` rows are those of `source`."""
    A: sp.csc_array
    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    offset: float
    integrality: None
    n_row: int
    n_col: int
    rows_replaced: int

    @property
    def n_keys(self) -> int:
        return self.A.shape[1] - self.n_col


def groups_and_owners(lp) -> tuple[np.ndarray, np.ndarray]:
    """Per column of `lp`: its group (index in BLOCKS, or -1) and its owner (project, line or zone)."""
    space, case = lp.space, lp.case
    n_col = lp.A.shape[1]
    group = np.full(n_col, -1, np.int64)
    owner = np.full(n_col, -1, np.int64)
    for gi, name in enumerate(BLOCKS):
        b = space.cols[name]
        if not b.size:
            continue
        group[b.start:b.stop] = gi
        if name == "build_gen":
            own = case.bld_gen
        elif name == "build_storage_energy":
            own = case.bld_gen[space.m.ebld]
        else:                                     # (line or zone, period), laid out C-order
            own = np.repeat(np.arange(b.shape[0]), b.shape[1])
        owner[b.start:b.stop] = own
    return group, owner


def condense(lp) -> Condensed:
    """`lp` with capacity columns (module docstring). An LP without such sums comes back unchanged in
    shape (no new columns)."""
    A = lp.A
    n_row, n_col = A.shape
    group, owner = groups_and_owners(lp)
    R = sp.csr_array(A)
    R.sort_indices()
    cols = R.indices.astype(np.int64)
    rows, start, length, coef, hashes = capacity_slices(R.indptr.astype(np.int64), cols, R.data, group)
    order = np.lexsort((rows, length, hashes))
    key, first = key_ids(order, start, length, hashes, cols)
    n_key = len(first)
    # chains: keys of one owner (and group) in the order of their first row, i.e. period after period;
    # the keys are renumbered in that order, so the columns of one chain are neighbours
    k_col = cols[start[first]]
    chain = np.lexsort((rows[first], owner[k_col], group[k_col]))
    renum = np.empty(n_key, np.int64)
    renum[chain] = np.arange(n_key)
    key = renum[key]
    first, k_col = first[chain], k_col[chain]
    k_start, k_length = start[first], length[first]
    pred = np.full(n_key, -1, np.int64)
    same = (group[k_col[1:]] == group[k_col[:-1]]) & (owner[k_col[1:]] == owner[k_col[:-1]])
    pred[1:][same] = np.arange(n_key - 1)[same]
    d_ptr, d_col, d_val = definition_rows(pred, k_start, k_length, cols, n_col)
    # the original entries minus the replaced slices, plus one K entry per replaced row, plus the definitions
    keep = np.ones(R.nnz, bool)
    drop = np.repeat(start, length) + (np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length))
    keep[drop] = False
    r_all = np.repeat(np.arange(n_row, dtype=np.int64), np.diff(R.indptr))
    r = np.concatenate([r_all[keep], rows, n_row + np.repeat(np.arange(n_key, dtype=np.int64), np.diff(d_ptr))])
    c = np.concatenate([cols[keep], n_col + key, d_col])
    v = np.concatenate([R.data[keep], coef, d_val])
    del R, cols, r_all, keep, drop
    B = sp.csc_array((v, (r, c)), shape=(n_row + n_key, n_col + n_key))
    B.sum_duplicates()
    B = sp.csc_array((B.data, B.indices.astype(np.int32), B.indptr.astype(np.int32)), shape=B.shape)
    z = np.zeros(n_key)
    return Condensed(B, np.r_[lp.cost, z], np.r_[lp.col_lower, z], np.r_[lp.col_upper, np.full(n_key, np.inf)],
                     np.r_[lp.row_lower, z], np.r_[lp.row_upper, z], float(lp.offset), None, n_row, n_col, len(rows))

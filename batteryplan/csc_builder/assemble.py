"""Count, prefix sum, fill, canonicalise: one CSC matrix for all families."""
from __future__ import annotations

from typing import Sequence

import numpy as np
import scipy.sparse as sp

from ..kernels.csc import csc_canonicalize
from .registry import on
from .space import IndexSpace

NO_INT = np.zeros(0, np.int32)
NO_FLOAT = np.zeros(0, np.float64)


def assemble(space: IndexSpace, case, families: Sequence) -> sp.csc_array:
    """The constraint matrix of `families` (rows of other families stay empty)."""
    families = tuple(f for f in on(families, case) if hasattr(f, "put"))
    col_pos = np.zeros(space.n_cols, np.int64)
    for fam in families:                               # pass 1: count entries per column
        fam.put(False, col_pos, NO_INT, NO_FLOAT, space, case)
    indptr = np.zeros(space.n_cols + 1, np.int64)
    np.cumsum(col_pos, out=indptr[1:])
    if indptr[-1] > np.iinfo(np.int32).max:
        raise OverflowError(f"{indptr[-1]:,} nonzeros exceed HiGHS's 32-bit indices")
    indices = np.empty(indptr[-1], np.int32)
    data = np.empty(indptr[-1], np.float64)
    col_pos[:] = indptr[:-1]
    for fam in families:                               # pass 2: write in place
        fam.put(True, col_pos, indices, data, space, case)
    if not np.array_equal(col_pos, indptr[1:]):
        raise AssertionError("a family wrote a different number of entries than it counted")
    nnz = csc_canonicalize(indptr, indices, data)      # sort rows, sum duplicates, drop zeros
    A = sp.csc_array((data[:nnz], indices[:nnz], indptr.astype(np.int32)),
                     shape=(space.n_rows, space.n_cols))
    A.has_canonical_format = True      # true by construction: csc_canonicalize sorted and summed
    return A

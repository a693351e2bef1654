"""Row and column scale factors for HiGHS (``batteryplan_scaling``): geometric-mean equilibration in powers of two."""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def equilibrate(indptr, indices, data, n_rows, rounds):
    """Factors r (n_rows,) and s (n_cols,) with r_i |a_ij| s_j near 1.

    Each round divides every row, then every column, by the geometric mean of its largest and
    smallest absolute entry (as scaled so far). Factors are rounded to powers of two at the end, so
    that scaling and unscaling are exact in floating point. Empty rows and columns keep factor 1.
    """
    n_cols = indptr.shape[0] - 1
    r = np.ones(n_rows)
    s = np.ones(n_cols)
    big = np.empty(n_rows)
    small = np.empty(n_rows)
    for _ in range(rounds):
        big[:] = 0.0
        small[:] = np.inf
        for j in range(n_cols):
            for k in range(indptr[j], indptr[j + 1]):
                i = indices[k]
                v = abs(data[k]) * r[i] * s[j]
                if v > 0.0:
                    if v > big[i]:
                        big[i] = v
                    if v < small[i]:
                        small[i] = v
        for i in range(n_rows):
            if big[i] > 0.0:
                r[i] /= np.sqrt(big[i] * small[i])
        for j in range(n_cols):
            cbig = 0.0
            csmall = np.inf
            for k in range(indptr[j], indptr[j + 1]):
                v = abs(data[k]) * r[indices[k]] * s[j]
                if v > 0.0:
                    if v > cbig:
                        cbig = v
                    if v < csmall:
                        csmall = v
            if cbig > 0.0:
                s[j] /= np.sqrt(cbig * csmall)
    for i in range(n_rows):
        r[i] = 2.0 ** np.round(np.log2(r[i]))
    for j in range(n_cols):
        s[j] = 2.0 ** np.round(np.log2(s[j]))
    return r, s


@njit(cache=True)
def scale_csc(indptr, indices, data, r, s):
    """The entries of diag(r) A diag(s), in A's CSC layout."""
    out = np.empty_like(data)
    for j in range(indptr.shape[0] - 1):
        for k in range(indptr[j], indptr[j + 1]):
            out[k] = data[k] * r[indices[k]] * s[j]
    return out

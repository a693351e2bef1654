"""Shared kernel pieces: the count-or-write primitive and CSC canonicalisation."""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, inline="always")
def put(fill, col_pos, indices, data, col, row, value):
    """Count (fill=False) or write (fill=True) the entry A[row, col] = value."""
    if fill:
        p = col_pos[col]
        indices[p] = row
        data[p] = value
    col_pos[col] += 1


@njit(cache=True)
def csc_canonicalize(indptr, indices, data):
    """Sort row indices inside each column, sum duplicates, drop zeros; in place.

    indptr (n_col+1,) int64 is rewritten to the compacted layout; returns the new nnz.
    Columns are short (a handful of entries), so an insertion sort per column is fastest.
    """
    n_col = indptr.shape[0] - 1
    out = 0
    start = indptr[0]
    for j in range(n_col):
        stop = indptr[j + 1]
        # insertion sort of indices[start:stop] carrying data
        for a in range(start + 1, stop):
            r = indices[a]
            v = data[a]
            b = a - 1
            while b >= start and indices[b] > r:
                indices[b + 1] = indices[b]
                data[b + 1] = data[b]
                b -= 1
            indices[b + 1] = r
            data[b + 1] = v
        col_start = out
        a = start
        while a < stop:
            r = indices[a]
            v = data[a]
            a += 1
            while a < stop and indices[a] == r:
                v += data[a]
                a += 1
            if v != 0.0:
                indices[out] = r
                data[out] = v
                out += 1
        indptr[j] = col_start
        start = stop
    indptr[n_col] = out
    return out


@njit(cache=True)
def entries_put(fill, col_pos, indices, data, rows, cols, values):
    """Count or write the listed entries A[rows[k], cols[k]] = values[k] (duplicates are summed later by
    csc_canonicalize). For rows whose terms are single columns, listed once in numpy.
    Shapes: rows, cols (n,) int64; values (n,) float64."""
    for k in range(rows.shape[0]):
        put(fill, col_pos, indices, data, cols[k], rows[k], values[k])

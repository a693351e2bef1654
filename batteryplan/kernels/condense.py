"""Kernels of the capacity-column condensation (``batteryplan.solver.condense``), over a CSR matrix."""
from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def _scan(indptr, indices, data, col_group, fill, rows, start, length, coef, hashes):
    n = 0
    for i in range(indptr.shape[0] - 1):
        s = -1
        c = 0
        g = -1
        ok = True
        for k in range(indptr[i], indptr[i + 1]):
            gk = col_group[indices[k]]
            if gk < 0:
                continue
            if s < 0:
                s, g = k, gk
            elif gk != g or data[k] != data[s] or k != s + c:
                ok = False
                break
            c += 1
        if not ok or c < 2:
            continue
        if fill:
            h = np.uint64(14695981039346656037)
            for k in range(s, s + c):
                h = (h ^ np.uint64(indices[k])) * np.uint64(1099511628211)
            rows[n] = i
            start[n] = s
            length[n] = c
            coef[n] = data[s]
            hashes[n] = h
        n += 1
    return n


@njit(cache=True)
def capacity_slices(indptr, indices, data, col_group):
    """The rows whose capacity entries can be replaced by one column.

    A row qualifies when its entries in capacity columns (``col_group >= 0``) all lie in one group,
    number two or more and share one coefficient. Columns of a group are contiguous and CSR rows are
    sorted, so those entries are the slice ``indices[start:start + length]``. Returns, per qualifying
    row: row, start, length, coefficient and a 64-bit (FNV-1a) hash of the slice's columns.
    """
    ni = np.zeros(0, np.int64)
    n = _scan(indptr, indices, data, col_group, False, ni, ni, ni, np.zeros(0), np.zeros(0, np.uint64))
    rows, start, length = np.empty(n, np.int64), np.empty(n, np.int64), np.empty(n, np.int64)
    coef, hashes = np.empty(n, np.float64), np.empty(n, np.uint64)
    _scan(indptr, indices, data, col_group, True, rows, start, length, coef, hashes)
    return rows, start, length, coef, hashes


@njit(cache=True)
def key_ids(order, start, length, hashes, indices):
    """Key of each qualifying row: rows with the same column set share one key.

    `order` sorts the rows by (hash, length, row); a row joins the key of the row before it in that
    order when their slices are equal, and starts a new key otherwise (a hash collision can only give
    one set two keys, which is still exact). Returns key (per row) and, per key, the position in the
    row arrays of its first row (the lowest row number, by the sort)."""
    n = order.shape[0]
    key = np.empty(n, np.int64)
    first = np.empty(n, np.int64)
    n_key = 0
    prev = -1
    for q in range(n):
        j = order[q]
        same = False
        if prev >= 0 and hashes[j] == hashes[prev] and length[j] == length[prev]:
            same = True
            for a in range(length[j]):
                if indices[start[j] + a] != indices[start[prev] + a]:
                    same = False
                    break
        if same:
            key[j] = key[prev]
        else:
            key[j] = n_key
            first[n_key] = j
            n_key += 1
            prev = j
    return key, first[:n_key]


@njit(cache=True)
def _definitions(pred, k_start, k_length, indices, n_col, fill, ptr, cols, vals):
    for k in range(pred.shape[0]):
        at = ptr[k]
        cnt = 0
        if fill:
            cols[at] = n_col + k
            vals[at] = 1.0
        cnt += 1
        p = pred[k]
        if p < 0:
            for a in range(k_length[k]):
                if fill:
                    cols[at + cnt] = indices[k_start[k] + a]
                    vals[at + cnt] = -1.0
                cnt += 1
        else:
            if fill:
                cols[at + cnt] = n_col + p
                vals[at + cnt] = -1.0
            cnt += 1
            a, b = k_start[k], k_start[p]
            a_end, b_end = a + k_length[k], b + k_length[p]
            while a < a_end or b < b_end:          # merge of the two sorted sets
                if b >= b_end or (a < a_end and indices[a] < indices[b]):
                    if fill:
                        cols[at + cnt] = indices[a]
                        vals[at + cnt] = -1.0
                    cnt += 1
                    a += 1
                elif a >= a_end or indices[b] < indices[a]:
                    if fill:
                        cols[at + cnt] = indices[b]
                        vals[at + cnt] = 1.0
                    cnt += 1
                    b += 1
                else:
                    a += 1
                    b += 1
        if not fill:
            ptr[k + 1] = cnt


@njit(cache=True)
def definition_rows(pred, k_start, k_length, indices, n_col):
    """CSR arrays of the rows that define the new columns K (one row per key, ``= 0``):

        K_k - sum_{b in S_k} x_b                                          (no predecessor)
        K_k - K_p - sum_{b in S_k \\ S_p} x_b + sum_{b in S_p \\ S_k} x_b    (predecessor p)

    S_k = ``indices[k_start[k]:k_start[k] + k_length[k]]`` (sorted); K_k is column ``n_col + k``.
    Either form makes K_k equal to the sum over S_k. Count, then fill."""
    n_key = pred.shape[0]
    ptr = np.zeros(n_key + 1, np.int64)
    _definitions(pred, k_start, k_length, indices, n_col, False, ptr, np.zeros(0, np.int64), np.zeros(0))
    for k in range(n_key):
        ptr[k + 1] += ptr[k]
    cols = np.empty(ptr[n_key], np.int64)
    vals = np.empty(ptr[n_key], np.float64)
    _definitions(pred, k_start, k_length, indices, n_col, True, ptr, cols, vals)
    return ptr, cols, vals

"""Rows that tie an operating quantity to the capacity built and online in its period."""
from numba import njit

from .csc import put


@njit(cache=True)
def link_put(fill, col_pos, indices, data, row0, x_col, item_gen, item_period, coef,
             bld_ptr, bld_idx, online, n_period, col_of_bld):
    """Row row0 + i:  x[x_col[i]] - coef[i] * sum_{b of item_gen[i] online in item_period[i]} y[col_of_bld[b]].

    x_col[i] < 0 means the row has no own column (Max_Build_Potential: coef = -1 gives +build).
    Serves Enforce_Dispatch_Upper_Limit (coef = availability * cf), Charge_Storage_Upper_Limit
    (coef = availability * cf * store_to_release), State_Of_Charge_Upper_Limit (y = energy
    builds) and Max_Build_Potential. Shapes: item arrays (n_items,); bld_ptr (n_gen+1,);
    bld_idx, col_of_bld (n_bld,); online (n_bld*n_period,) uint8.
    """
    for i in range(item_gen.shape[0]):
        r = row0 + i
        if x_col[i] >= 0:
            put(fill, col_pos, indices, data, x_col[i], r, 1.0)
        g = item_gen[i]
        p = item_period[i]
        for q in range(bld_ptr[g], bld_ptr[g + 1]):
            b = bld_idx[q]
            if online[b * n_period + p] != 0 and col_of_bld[b] >= 0:
                put(fill, col_pos, indices, data, col_of_bld[b], r, -coef[i])


@njit(cache=True)
def capacity_sum_put(fill, col_pos, indices, data, item_row, item_gen, item_period, coef,
                     bld_ptr, bld_idx, online, n_period, col_of_bld):
    """Adds coef[i] * GenCapacity[item_gen[i], item_period[i]] to row item_row[i], for every item i:

        A[item_row[i], col_of_bld[b]] += coef[i]   for each build b of project item_gen[i] online in item_period[i]

    The form of link_put for rows that sum the capacity of several projects (many items share a row;
    item_row holds absolute row numbers). A project with no build online in the period adds nothing.
    Serves the capacity-plan rows (coef 1) and planning-reserve rows (coef = capacity value).
    Shapes: item arrays (n_items,) int64 / float64; bld_ptr (n_gen+1,); bld_idx, col_of_bld (n_bld,);
    online (n_bld*n_period,) uint8. Touches one entry per (item, online build).
    """
    for i in range(item_gen.shape[0]):
        g = item_gen[i]
        p = item_period[i]
        for q in range(bld_ptr[g], bld_ptr[g + 1]):
            b = bld_idx[q]
            if online[b * n_period + p] != 0:
                put(fill, col_pos, indices, data, col_of_bld[b], item_row[i], coef[i])

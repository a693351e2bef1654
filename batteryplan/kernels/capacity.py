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

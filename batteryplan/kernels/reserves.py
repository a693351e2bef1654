"""Operating-reserve kernels (csc_builder/spinning_reserves.py, csc_builder/quickstart_reserves.py).

A reserve row is a short sum of terms whose columns come from several blocks (a project's reserve, its
dispatch, commitment and charging; an area's requirement collects many projects), so the builders hand
over one term at a time as flat (column, row, coefficient) arrays made with numpy.
"""
from numba import njit

from .csc import put


@njit(cache=True)
def scatter_put(fill, col_pos, indices, data, cols, rows, coef):
    """Entries A[rows[i], cols[i]] += coef[i] for every i with cols[i] >= 0 (a negative column: no term).

    Shapes: cols, rows (n,) int64 (flat positions); coef (n,) float64. Touches at most n entries; two
    entries of one (row, column) are summed by csc_canonicalize.
    """
    for i in range(cols.shape[0]):
        if cols[i] >= 0:
            put(fill, col_pos, indices, data, cols[i], rows[i], coef[i])


@njit(cache=True)
def capacity_rows_put(fill, col_pos, indices, data, rows, item_gen, item_period, coef,
                      bld_ptr, bld_idx, online, n_period, build0):
    """Entries coef[i] * GenCapacity[item_gen[i], item_period[i]] in row rows[i]: coef[i] on the BuildGen
    column (build0 + b) of every build b of the project online in that period.

    Unlike kernels/capacity.py's link_put, rows may repeat (several projects' capacities in one area row).
    Shapes: rows, item_gen, item_period (n,) int64; coef (n,) float64; bld_ptr (n_gen+1,); bld_idx (n_bld,);
    online (n_bld*n_period,) uint8.
    """
    for i in range(item_gen.shape[0]):
        g = item_gen[i]
        for q in range(bld_ptr[g], bld_ptr[g + 1]):
            b = bld_idx[q]
            if online[b * n_period + item_period[i]] != 0:
                put(fill, col_pos, indices, data, build0 + b, rows[i], coef[i])

"""Minimum build size kernels (SWITCH's Enforce_Min_Build_Lower / _Upper)."""
from numba import njit

from .csc import put


@njit(cache=True)
def min_build_put(fill, col_pos, indices, data, row0, build0, flag0, mb_bld, bld_gen, min_mw, big_m):
    """Rows (i, 0) and (i, 1) at row0 + 2*i + {0, 1} for the new build b = mb_bld[i]:
    min_mw[g] * BuildMinGenCap[i] - BuildGen[b] <= 0 and BuildGen[b] - big_m * BuildMinGenCap[i] <= 0."""
    for i in range(mb_bld.shape[0]):
        b = mb_bld[i]
        r = row0 + 2 * i
        put(fill, col_pos, indices, data, flag0 + i, r, min_mw[bld_gen[b]])
        put(fill, col_pos, indices, data, build0 + b, r, -1.0)
        put(fill, col_pos, indices, data, build0 + b, r + 1, 1.0)
        put(fill, col_pos, indices, data, flag0 + i, r + 1, -big_m)

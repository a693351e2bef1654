"""Transmission capacity and local T&D kernels."""
from numba import njit

from .csc import put


@njit(cache=True)
def tx_limit_put(fill, col_pos, indices, data, row0, flow0, build0, n_tx, n_tp, n_period, tp_period,
                 tx_new_of, derate):
    """Row (l, d, t) at row0 + (l*2+d)*n_tp + t:
    DispatchTx[l,d,t] - derate[l] * sum_{b <= p(t)} BuildTx[l,b] <= derate[l]*existing[l]."""
    for l in range(n_tx):
        j = tx_new_of[l]
        for d in range(2):
            for t in range(n_tp):
                r = row0 + (l * 2 + d) * n_tp + t
                put(fill, col_pos, indices, data, flow0 + (l * 2 + d) * n_tp + t, r, 1.0)
                if j >= 0:
                    for b in range(tp_period[t] + 1):
                        put(fill, col_pos, indices, data, build0 + j * n_period + b, r, -derate[l])


@njit(cache=True)
def local_td_put(fill, col_pos, indices, data, row0, prow0, wd0, build0, n_zone, n_tp, n_period, tp_period,
                 peak_zone, peak_period, td_keep):
    """Rows (z, t) at row0 + z*n_tp + t (Enforce_Local_TD_Capacity_Limit):
    Withdraw[z,t] - sum_{b <= p(t)} BuildLocalTD[z,b] <= existing[z];
    rows i at prow0 + i for (z, p) = peak pairs (Meet_Local_TD):
    (1 - loss[z]) * sum_{b <= p} BuildLocalTD[z,b] >= peak - (1 - loss)*existing."""
    for z in range(n_zone):
        for t in range(n_tp):
            r = row0 + z * n_tp + t
            put(fill, col_pos, indices, data, wd0 + z * n_tp + t, r, 1.0)
            for b in range(tp_period[t] + 1):
                put(fill, col_pos, indices, data, build0 + z * n_period + b, r, -1.0)
    for i in range(peak_zone.shape[0]):
        z = peak_zone[i]
        for b in range(peak_period[i] + 1):
            put(fill, col_pos, indices, data, build0 + z * n_period + b, prow0 + i, td_keep[z])

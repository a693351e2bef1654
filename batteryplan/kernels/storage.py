"""State of charge, fixed energy/power ratio and cycle-limit kernels (SWITCH storage)."""
from numba import njit

from .csc import put


@njit(cache=True)
def soc_put(fill, col_pos, indices, data, row0, soc0, chg0, disp0, st_gt, gt_gen, gt_tp, st_of, n_tp,
            tp_prev, dur_h, eta):
    """Row row0 + s for storage item s = (u, t):
    SoC[u,t] - SoC[u,prev(t)] - dur_h[t]*eta[u]*Charge[u,t] + dur_h[t]*Discharge[u,t] = 0.
    prev(t) wraps inside the timeseries; a one-timepoint timeseries gives +1 and -1 on the same
    entry, which canonicalisation removes. Shapes: st_gt (n_st,); st_of (n_gen*n_tp,);
    tp_prev, dur_h (n_tp,); eta (n_gen,)."""
    for s in range(st_gt.shape[0]):
        k = st_gt[s]
        u = gt_gen[k]
        t = gt_tp[k]
        r = row0 + s
        put(fill, col_pos, indices, data, soc0 + s, r, 1.0)
        put(fill, col_pos, indices, data, soc0 + st_of[u * n_tp + tp_prev[t]], r, -1.0)
        put(fill, col_pos, indices, data, chg0 + s, r, -dur_h[t] * eta[u])
        put(fill, col_pos, indices, data, disp0 + k, r, dur_h[t])


@njit(cache=True)
def ratio_put(fill, col_pos, indices, data, row0, build0, ebuild0, ratio_bld, ebld_of, bld_gen, ratio):
    """Row row0 + i for storage build b = ratio_bld[i]:  BuildStorageEnergy[b] - ratio[g] * BuildGen[b] = 0."""
    for i in range(ratio_bld.shape[0]):
        b = ratio_bld[i]
        put(fill, col_pos, indices, data, ebuild0 + ebld_of[b], row0 + i, 1.0)
        put(fill, col_pos, indices, data, build0 + b, row0 + i, -ratio[bld_gen[b]])


@njit(cache=True)
def cycle_put(fill, col_pos, indices, data, row0, disp0, ebuild0, cyc_gen, cyc_period, gt_of, n_tp,
              tp_period, dur_h, cycles, length, bld_ptr, bld_idx, online, n_period, ebld_of):
    """Row row0 + i for (u, p):  sum_{t in p} dur_h[t]*Discharge[u,t]
    - cycles[u]*length[p]*sum_{b online} BuildStorageEnergy[b] <= 0 (Battery_Cycle_Limit)."""
    for i in range(cyc_gen.shape[0]):
        u = cyc_gen[i]
        p = cyc_period[i]
        r = row0 + i
        for t in range(n_tp):
            if tp_period[t] == p:
                put(fill, col_pos, indices, data, disp0 + gt_of[u * n_tp + t], r, dur_h[t])
        for q in range(bld_ptr[u], bld_ptr[u + 1]):
            b = bld_idx[q]
            if online[b * n_period + p] != 0:
                put(fill, col_pos, indices, data, ebuild0 + ebld_of[b], r, -cycles[u] * length[p])

"""Zone energy balance (central node) and distributed-node balance kernels."""
from numba import njit

from .csc import put


@njit(cache=True)
def balance_put(fill, col_pos, indices, data, row0, drow0, n_tp,
                disp0, gt_gen, gt_tp, gen_zone, central_coef, dist_coef,
                chg0, st_gt, chg_dist,
                txf0, n_tx, tx_from, tx_to, tx_eff,
                wd0, td_keep, unserved0, has_unserved, has_td):
    """Rows (z, t) at row0 + z*n_tp + t (central) and drow0 + z*n_tp + t (distribution node).

    DispatchGen[k] -> central row with central_coef[g] (1 - ccs_load, or -ccs_load when the
    project sits at the distribution node) and distribution row with dist_coef[g] (0 or 1);
    ChargeStorage[s] -> central row, -1 (distribution row where chg_dist[g]); DispatchTx[l, d, t] (col txf0 + (l*2+d)*n_tp + t):
    -1 at the sending zone, +eff at the receiving one (d = 0: lz1 -> lz2);
    WithdrawFromCentralGrid[z, t]: -1 central, +(1 - loss) = td_keep[z] distributed;
    UnservedLoad[z, t]: +1 at the distribution row if has_td else the central row.
    Shapes: gt_* (n_gt,), st_gt (n_st,), per-gen arrays (n_gen,), tx_* (n_tx,), td_keep (n_zone,).
    """
    for k in range(gt_gen.shape[0]):
        g = gt_gen[k]
        t = gt_tp[k]
        z = gen_zone[g]
        if central_coef[g] != 0.0:
            put(fill, col_pos, indices, data, disp0 + k, row0 + z * n_tp + t, central_coef[g])
        if dist_coef[g] != 0.0:
            put(fill, col_pos, indices, data, disp0 + k, drow0 + z * n_tp + t, dist_coef[g])
    for s in range(st_gt.shape[0]):
        k = st_gt[s]
        g = gt_gen[k]
        r0 = drow0 if chg_dist[g] else row0
        put(fill, col_pos, indices, data, chg0 + s, r0 + gen_zone[g] * n_tp + gt_tp[k], -1.0)
    for l in range(n_tx):
        for d in range(2):
            a = tx_from[l] if d == 0 else tx_to[l]
            b = tx_to[l] if d == 0 else tx_from[l]
            for t in range(n_tp):
                c = txf0 + (l * 2 + d) * n_tp + t
                put(fill, col_pos, indices, data, c, row0 + a * n_tp + t, -1.0)
                put(fill, col_pos, indices, data, c, row0 + b * n_tp + t, tx_eff[l])
    n_zone = td_keep.shape[0]
    for z in range(n_zone):
        for t in range(n_tp):
            r = row0 + z * n_tp + t
            if has_td:
                put(fill, col_pos, indices, data, wd0 + z * n_tp + t, r, -1.0)
                put(fill, col_pos, indices, data, wd0 + z * n_tp + t, drow0 + z * n_tp + t, td_keep[z])
            if has_unserved:
                put(fill, col_pos, indices, data, unserved0 + z * n_tp + t,
                    (drow0 if has_td else row0) + z * n_tp + t, 1.0)

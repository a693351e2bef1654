"""Unit commitment rows (commit.operate) and part-load fuel-use rows (commit.fuel_use).

The equations are in csc_builder/commit_operate.py and csc_builder/commit_fuel_use.py; the
capacity terms of commit_upper / commit_lower / min_downtime / uncommitted_dispatch_limit are
written by capacity.link_put. Every array is 1-D and contiguous; positions are int64.
"""
from numba import njit

from .csc import put


@njit(cache=True)
def pair_put(fill, col_pos, indices, data, row0, a_col, b_col, coef):
    """Row row0 + i:  x[a_col[i]] - coef[i] * x[b_col[i]].

    Serves DispatchGen - cf * CommitGen (dispatch upper limit), DispatchGen - min_load * CommitGen
    (lower limit) and ChargeStorage - s2r * cf * CommitGen. Shapes: a_col, b_col, coef (n_rows,).
    Touches 2 entries per row; a zero coef is written and dropped by canonicalisation.
    """
    for i in range(a_col.shape[0]):
        put(fill, col_pos, indices, data, a_col[i], row0 + i, 1.0)
        put(fill, col_pos, indices, data, b_col[i], row0 + i, -coef[i])


@njit(cache=True)
def startup_put(fill, col_pos, indices, data, row0, commit0, start0, shut0, su_cm, cm_gt, gt_gen, gt_tp,
                tp_prev, gt_of, cm_of, n_tp):
    """Row row0 + s (Commit_StartupGenCapacity_ShutdownGenCapacity_Consistency), equality = 0:

        CommitGen[g, prev(t)] + Startup[g,t] - Shutdown[g,t] - CommitGen[g,t]

    for startup pair s = (g, t) = the commit pair su_cm[s]. Startup/Shutdown columns are
    start0 + s / shut0 + s; CommitGen[g, t'] is commit0 + cm_of[gt_of[g*n_tp + t']] (every
    timepoint of t's timeseries is active for g, and committed when t is).
    A one-timepoint timeseries (prev(t) == t) writes +1 and -1 on one entry; they cancel.
    Shapes: su_cm (n_su,); cm_gt (n_cm,); gt_gen, gt_tp, cm_of (n_gt,); tp_prev (n_tp,); gt_of (n_gen*n_tp,).
    """
    for s in range(su_cm.shape[0]):
        c = su_cm[s]
        k = cm_gt[c]
        g = gt_gen[k]
        r = row0 + s
        c_prev = cm_of[gt_of[g * n_tp + tp_prev[gt_tp[k]]]]
        put(fill, col_pos, indices, data, commit0 + c_prev, r, 1.0)
        put(fill, col_pos, indices, data, start0 + s, r, 1.0)
        put(fill, col_pos, indices, data, shut0 + s, r, -1.0)
        put(fill, col_pos, indices, data, commit0 + c, r, -1.0)


@njit(cache=True)
def window_put(fill, col_pos, indices, data, row0, commit0, win0, sign, rows_su, n_win, su_cm, cm_gt, gt_gen,
               gt_tp, tp_prev, gt_of, cm_of, su_of, n_tp):
    """Row row0 + i for startup pair s = rows_su[i] = (g, t):

        CommitGen[g,t] + sign * sum_{j < n_win[i]} X[g, prev^j(t)]

    with X at column win0 + (startup position of (g, prev^j(t))). prev^0(t) = t and prev steps back
    circularly within t's timeseries, so a window longer than the timeseries repeats timepoints
    and their entries add up (summed by canonicalisation), as SWITCH's prevw does.
    Enforce_Min_Uptime: X = Startup, sign = -1 (row >= 0). Enforce_Min_Downtime: X = Shutdown,
    sign = +1 (row <= capacity term written by capacity.link_put with a negative coefficient).
    Shapes: rows_su, n_win (n_rows,); su_of (n_cm,); the rest as in startup_put.
    """
    for i in range(rows_su.shape[0]):
        s = rows_su[i]
        c = su_cm[s]
        k = cm_gt[c]
        g = gt_gen[k]
        r = row0 + i
        put(fill, col_pos, indices, data, commit0 + c, r, 1.0)
        t = gt_tp[k]
        for _ in range(n_win[i]):
            sp = su_of[cm_of[gt_of[g * n_tp + t]]]
            put(fill, col_pos, indices, data, win0 + sp, r, sign)
            t = tp_prev[t]


@njit(cache=True)
def window_max(out, rows_su, n_win, su_cm, cm_gt, gt_gen, gt_tp, tp_prev, max_commit, n_tp):
    """out[i] = max over the n_win[i] timepoints t' of the window ending at t (prev^0 .. prev^(n-1))
    of max_commit[g*n_tp + t'], for startup pair rows_su[i] = (g, t). (Enforce_Min_Downtime's
    window of n_down + 1 timepoints.) Shapes: out, rows_su, n_win (n_rows,); max_commit (n_gen*n_tp,)."""
    for i in range(rows_su.shape[0]):
        k = cm_gt[su_cm[rows_su[i]]]
        g = gt_gen[k]
        t = gt_tp[k]
        best = max_commit[g * n_tp + t]
        for _ in range(n_win[i] - 1):
            t = tp_prev[t]
            v = max_commit[g * n_tp + t]
            if v > best:
                best = v
        out[i] = best


@njit(cache=True)
def fuel_use_put(fill, col_pos, indices, data, row0, fuel0, disp0, commit_col, start0, fu_gt, fu_row_ptr, gt_gen,
                 seg_a, seg_b, n_seg_max, cm_of, su_of, startup_per_mw_h):
    """Rows of GenFuelUseRate_Calculate for fuel-use pair f = (g, t) = dispatch position fu_gt[f],
    one per segment q < fu_row_ptr[f+1] - fu_row_ptr[f], row row0 + fu_row_ptr[f] + q, >= 0:

        F[f] - seg_a[g, q] * CommitGen[g,t] - seg_b[g, q] * DispatchGen[g,t] - startup_per_mw_h[f] * Startup[g,t]

    F is fuel0 + f, DispatchGen disp0 + k, CommitGen the column commit_col[k] (its commit column, or its
    dispatch column where CommitGen = DispatchGen; absent when < 0: then seg_a is 0 by construction), Startup
    start0 + su_of[cm_of[k]] (absent when < 0: then the startup fuel is 0). startup_per_mw_h[f] =
    gen_startup_fuel[g] / tp_duration_hrs[t]. Shapes: fu_gt, startup_per_mw_h (n_fu,); fu_row_ptr (n_fu+1,);
    seg_a, seg_b (n_gen*n_seg_max,); commit_col, cm_of (n_gt,). A commit term on the dispatch column is a
    second entry in that place, summed by csc_canonicalize.
    """
    for f in range(fu_gt.shape[0]):
        k = fu_gt[f]
        g = gt_gen[k]
        c = cm_of[k]
        s = su_of[c] if c >= 0 else -1
        for q in range(fu_row_ptr[f + 1] - fu_row_ptr[f]):
            r = row0 + fu_row_ptr[f] + q
            put(fill, col_pos, indices, data, fuel0 + f, r, 1.0)
            put(fill, col_pos, indices, data, disp0 + k, r, -seg_b[g * n_seg_max + q])
            if commit_col[k] >= 0:
                put(fill, col_pos, indices, data, commit_col[k], r, -seg_a[g * n_seg_max + q])
            if s >= 0:
                put(fill, col_pos, indices, data, start0 + s, r, -startup_per_mw_h[f])

"""Per-dispatch-column rows: hydro average flow, baseload flatness, fuel markets, carbon cap,
RE-connected charging."""
from numba import njit

from .csc import put


@njit(cache=True)
def hydro_put(fill, col_pos, indices, data, row0, disp0, gt_gen, gt_tp, tp_ts, hydro_row_of, n_ts):
    """Row row0 + hydro_row_of[g*n_ts+ts]:  sum_{t in ts} DispatchGen[g,t] <= avg_flow*n_tps
    (Enforce_Hydro_Avg_Flow with SpillHydro >= 0 substituted out)."""
    for k in range(gt_gen.shape[0]):
        h = hydro_row_of[gt_gen[k] * n_ts + tp_ts[gt_tp[k]]]
        if h >= 0:
            put(fill, col_pos, indices, data, disp0 + k, row0 + h, 1.0)


@njit(cache=True)
def baseload_put(fill, col_pos, indices, data, row0, disp0, base0, base_gt, gt_gen, gt_tp, tp_period,
                 base_of, n_period):
    """Row row0 + i for baseload item k = base_gt[i]:  DispatchGen[g,t] - DispatchBaseloadByPeriod[g,p(t)] = 0."""
    for i in range(base_gt.shape[0]):
        k = base_gt[i]
        g = gt_gen[k]
        put(fill, col_pos, indices, data, disp0 + k, row0 + i, 1.0)
        put(fill, col_pos, indices, data, base0 + base_of[g * n_period + tp_period[gt_tp[k]]], row0 + i, -1.0)


@njit(cache=True)
def fuel_market_put(fill, col_pos, indices, data, row0, tier0, term_col, term_gt, term_coef, gt_rfm, gt_tp,
                    tp_period, w_year, n_period, tier_rfm, tier_period):
    """Row row0 + rfm*n_period + p (Enforce_Fuel_Consumption):
    sum_tiers ConsumeFuelTier - sum_{fuel terms j of pairs k in rfm, t in p} w_year[t] * coef[j] * x[col[j]] = 0.
    Fuel terms (csc_builder/fuel_use.py): term_col, term_gt (dispatch position k), term_coef (n_terms,)."""
    for j in range(term_col.shape[0]):
        k = term_gt[j]
        m = gt_rfm[k]
        if m >= 0:
            t = gt_tp[k]
            v = -w_year[t] * term_coef[j]
            if v != 0.0:
                put(fill, col_pos, indices, data, term_col[j], row0 + m * n_period + tp_period[t], v)
    for j in range(tier_rfm.shape[0]):
        put(fill, col_pos, indices, data, tier0 + j, row0 + tier_rfm[j] * n_period + tier_period[j], 1.0)


@njit(cache=True)
def carbon_put(fill, col_pos, indices, data, row0, term_col, term_gt, term_coef, gt_gen, gt_tp, tp_period, w_year,
               co2_per_heat, cap_row_of):
    """Row row0 + cap_row_of[p] (Enforce_Carbon_Cap):
    sum_{fuel terms j, t in p} w_year[t] * (coef[j] * co2_per_heat[g]) * x[col[j]] <= cap[p]."""
    for j in range(term_col.shape[0]):
        k = term_gt[j]
        t = gt_tp[k]
        c = cap_row_of[tp_period[t]]
        v = w_year[t] * (term_coef[j] * co2_per_heat[gt_gen[k]])
        if c >= 0 and v != 0.0:
            put(fill, col_pos, indices, data, term_col[j], row0 + c, v)


@njit(cache=True)
def re_charging_put(fill, col_pos, indices, data, row0, disp0, chg0, gt_gen, gt_tp, st_gt, gen_zone,
                    is_variable, is_re, re_row_of, n_tp):
    """Row row0 + re_row_of[z]*n_tp + t:  sum ChargeStorage[RE-connected u in z, t]
    - sum DispatchGen[variable g in z, t] <= 0 (MODEL.md §2)."""
    for k in range(gt_gen.shape[0]):
        g = gt_gen[k]
        r = re_row_of[gen_zone[g]]
        if r >= 0 and is_variable[g]:
            put(fill, col_pos, indices, data, disp0 + k, row0 + r * n_tp + gt_tp[k], -1.0)
    for s in range(st_gt.shape[0]):
        k = st_gt[s]
        g = gt_gen[k]
        if is_re[g]:
            put(fill, col_pos, indices, data, chg0 + s, row0 + re_row_of[gen_zone[g]] * n_tp + gt_tp[k], 1.0)

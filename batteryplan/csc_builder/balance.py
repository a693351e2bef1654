"""Zone_Energy_Balance (SWITCH_FORMULATION.md §3) and, with local T&D, Distributed_Energy_Balance (§11).

Rows (z, t), equalities in MW:
    sum_{g in z, central} (1 - ccs_load_g) DispatchGen - sum_{g in z, distributed} ccs_load_g DispatchGen
      + sum_in eff DispatchTx - sum_out DispatchTx [+ UnservedLoad]  - sum_{u in z} ChargeStorage
      [- WithdrawFromCentralGrid]  =  demand[z, t]  (0 with local T&D)
    WithdrawFromCentralGrid (1 - loss) + sum_{g in z, distributed} DispatchGen [+ UnservedLoad] = demand[z, t]
With batteryplan.local_demand_charging (demand_charging.py), distributed storage charges at the second row.
"""
from __future__ import annotations

import numpy as np

from ..kernels.balance import balance_put
from .demand_charging import at_distribution

NAME = "balance"
MODULES = ()
ROWS = "balance"


def row_blocks(case, m):
    blocks = [(ROWS, (case.n_zone, case.n_tp))]
    if case.has_local_td:
        blocks.append(("distributed_balance", (case.n_zone, case.n_tp)))
    return blocks


def coefficients(case):
    at_dist = case.gen_is_distributed & case.has_local_td
    central = np.where(at_dist, 0.0, 1.0) - case.gen_ccs_load
    dist = np.where(at_dist, 1.0, 0.0)
    return central, dist


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    central, dist = coefficients(case)
    drow0 = space.rows["distributed_balance"].start if case.has_local_td else 0
    balance_put(fill, col_pos, indices, data, space.rows[ROWS].start, drow0, case.n_tp,
                c["dispatch_gen"].start, m.gt_gen, m.gt_tp, case.gen_zone, central, dist,
                c["charge_storage"].start, m.st_gt, at_distribution(case),
                c["dispatch_tx"].start, case.n_tx, case.tx_from, case.tx_to, case.tx_eff,
                c["withdraw_from_central_grid"].start, 1.0 - case.td_loss, c["unserved_load"].start,
                case.has_unserved, case.has_local_td)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    d = case.demand_mw.ravel()
    lo[b.start:b.stop] = 0.0 if case.has_local_td else d
    hi[b.start:b.stop] = lo[b.start:b.stop]
    if case.has_local_td:
        b = space.rows["distributed_balance"]
        lo[b.start:b.stop] = d
        hi[b.start:b.stop] = d


RESULTS = {"price_per_mwh": (("zones", "timepoints"), "$/MWh (base-year dollars)")}


def results(space, case, x, row_dual, out):
    """Zone prices: the balance duals brought back to $/MWh of the timepoint's period."""
    scale = case.bac[case.tp_period] * case.tp_weight_in_year
    out["price_per_mwh"] = space.rows[ROWS].view(row_dual) / scale[None, :]

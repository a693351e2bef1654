"""Storage dispatch (storage, §8): ChargeStorage[u, t] >= 0 and StateOfCharge[u, t] >= 0 for every storage
pair of the dispatch columns, and Track_State_Of_Charge; rows per storage (u, t), equality:

    SoC[u,t] - SoC[u,prev(t)] - dur_h[t]*eta[u]*ChargeStorage[u,t] + dur_h[t]*DispatchGen[u,t] = 0
"""
from __future__ import annotations

import numpy as np

from ..kernels.storage import soc_put

NAME = "storage"
MODULES = ()          # without the storage module the storage sets are empty
ROWS = "soc"
RESULTS = {
    "charge_mw": (("projects", "timepoints"), "MW"),
    "state_of_charge_mwh": (("projects", "timepoints"), "MWh"),
}


def columns(case, m):
    return [("charge_storage", (len(m.st_gt),)), ("state_of_charge", (len(m.st_gt),))]


def row_blocks(case, m):
    return [(ROWS, (len(m.st_gt),))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    soc_put(fill, col_pos, indices, data, space.rows[ROWS].start, c["state_of_charge"].start,
            c["charge_storage"].start, c["dispatch_gen"].start, m.st_gt, m.gt_gen, m.gt_tp, m.st_of,
            case.n_tp, case.tp_prev, case.tp_duration_h, case.gen_sto_eff)


def bounds(space, case, lo, hi):
    b = space.rows[ROWS]
    lo[b.start:b.stop] = 0.0
    hi[b.start:b.stop] = 0.0


def results(space, case, x, row_dual, out):
    m = space.m
    g, t = m.gt_gen[m.st_gt], m.gt_tp[m.st_gt]
    for key, block in (("charge_mw", "charge_storage"), ("state_of_charge_mwh", "state_of_charge")):
        out[key] = np.zeros((case.n_gen, case.n_tp))
        out[key][g, t] = space.cols[block].view(x)

"""Track_State_Of_Charge (storage, §8); rows per storage (u, t), equality:

    SoC[u,t] - SoC[u,prev(t)] - dur_h[t]*eta[u]*ChargeStorage[u,t] + dur_h[t]*DispatchGen[u,t] = 0
"""
from __future__ import annotations

from ..kernels.storage import soc_put

ROWS = "soc"


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

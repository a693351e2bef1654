"""Quickstart reserves: SWITCH-China's switch_model.balancing.operating_reserves.quickstart
(docs/formulation/operating_reserves.md §3; line numbers of quickstart.py at commit 14ce29f4 of
switch-model/switch, branch quickstart_reserves, which no switch-model release contains).

Needs commit.operate and the balancing areas. For every pair (g, t) of a project that may provide quickstart
reserves (gen_can_provide_quickstart_reserves; default 1 unless baseload or variable, 127-144):

    Q[g,t] <= CommitSlackUp[g,t] + [CommitGenSpinningReservesSlackUp[g,t]]                         149-163
    CommitSlackUp = avail[g] * gen_max_commit_fraction[g,t] * GenCapacity[g,p(t)] - CommitGen[g,t]

(the bracket where spinning reserves are loaded and g may provide them; where spinning reserves have no up
reserve columns, spinning_reserves.py, the slack is the whole headroom cfv*CommitGen - DispatchGen +
[ChargeStorage]), and for every balancing area a and
timepoint t (71-95, 184-201), load = WithdrawFromCentralGrid with local_td, else zone_demand_mw:

    0.03 * sum_{z in a} load[z,t] + 0.05 * sum_{g variable in a} DispatchGen[g,t] <= sum_{g in a} Q[g,t]

The flag is read from gen_info.csv (the module read generation_projects_info.csv, the name switch-model 2.0.7
changed to gen_info.csv). No costs.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..io.schema import Col, TableSpec
from ..kernels.capacity import link_put
from ..kernels.reserves import scatter_put
from .spinning_reserves import MODULE as SPINNING
from .spinning_reserves import (commit_cols, commit_input, has_slack, load_constant, put_3_5_rule, put_minus_headroom,
                                put_provision, require_modules, requirement_price)

NAME = "quickstart_reserves"
MODULE = "switch_model.balancing.operating_reserves.quickstart"
MODULES = (MODULE,)
INPUTS = (TableSpec("gen_info.csv", keys=("GENERATION_PROJECT",), columns=(
    Col("gen_can_provide_quickstart_reserves", kind="flag", domain="Boolean", default=0),)),)
RESULTS = {"quickstart_reserve_mw": (("projects", "timepoints"), "MW"),
           "quickstart_reserve_price": (("zones", "timepoints"), "$ per MW per h")}


@dataclass(frozen=True, slots=True)
class Quickstart:
    gen_can_provide: npt.NDArray[np.bool_]      # (n_gen,) gen_can_provide_quickstart_reserves


def load(t, case) -> Quickstart:
    require_modules(case, MODULE)
    gi = t["gen_info.csv"]
    g = gi.ref("GENERATION_PROJECT", case.gen_names, "project", "gen_info.csv")
    col = "gen_can_provide_quickstart_reserves"
    given_no, given_yes = gi.flag(col, False), gi.flag(col, True)     # differ exactly where the cell is '.'
    can = ~(case.gen_is_baseload | case.gen_is_variable)              # the default
    can[g] = np.where(given_no == given_yes, given_no, can[g])
    return Quickstart(can)


def index(case, m):
    m.qs_gt = np.flatnonzero(case.ext[NAME].gen_can_provide[m.gt_gen]).astype(np.int64)


def columns(case, m):
    return [("quickstart", (len(m.qs_gt),))]


def row_blocks(case, m):
    return [("quickstart_limit", (len(m.qs_gt),)),
            ("quickstart_requirement", (case.ext["reserve_areas"].n_area, case.n_tp))]


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    k = m.qs_gt
    n = len(k)
    own = np.arange(n, dtype=np.int64)
    g, tp = m.gt_gen[k], m.gt_tp[k]
    limit = space.rows["quickstart_limit"]
    coef = case.gen_avail[g] * commit_input(case, "gen_max_commit", m, k)
    link_put(fill, col_pos, indices, data, limit.start, c["quickstart"].start + own, g, case.tp_period[tp],
             coef, m.bld_ptr, m.bld_idx, m.online, case.n_period, c["build_gen"].start + np.arange(case.n_bld))
    scatter_put(fill, col_pos, indices, data, commit_cols(space, case, k), limit.start + own,
                np.ones(n))
    if SPINNING in case.modules:
        sr = m.sr_of[k]
        if has_slack(case):               # - CommitGenSpinningReservesSlackUp
            slack = np.where(sr >= 0, c["spinning_slack_up"].start + sr, -1)
            scatter_put(fill, col_pos, indices, data, slack, limit.start + own, np.full(n, -1.0))
        else:                                      # no up reserve columns: the slack is the whole headroom
            has = sr >= 0
            put_minus_headroom(fill, col_pos, indices, data, space, case, limit.start + own[has], k[has])
    need = space.rows["quickstart_requirement"]
    put_provision(fill, col_pos, indices, data, space, case, need, c["quickstart"], k)
    put_3_5_rule(fill, col_pos, indices, data, space, case, need, 0.03, 0.05)


def bounds(space, case, lo, hi):
    if MODULE not in case.modules:                   # off: no rows
        return
    for name in ("quickstart_limit", "quickstart_requirement"):
        b = space.rows[name]
        lo[b.start:b.stop] = -np.inf
        hi[b.start:b.stop] = 0.0
    b = space.rows["quickstart_requirement"]
    hi[b.start:b.stop] = -load_constant(case, 0.03)


def results(space, case, x, row_dual, out):
    m = space.m
    v = np.full((case.n_gen, case.n_tp), np.nan)
    v[m.gt_gen[m.qs_gt], m.gt_tp[m.qs_gt]] = space.cols["quickstart"].view(x)
    out["quickstart_reserve_mw"] = v
    out["quickstart_reserve_price"] = requirement_price(space, case, row_dual, "quickstart_requirement")

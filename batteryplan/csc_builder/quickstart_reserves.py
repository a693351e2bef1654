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

By default (PROJECT_OUT; docs/formulation/operating_reserves.md §3.4) Q is projected out: Q appears only in its
limit and its area's sum, and the headroom on the right of the limit is >= 0 by commit.operate's rows, so the
requirement becomes 0.03 * load + 0.05 * variable dispatch <= sum_{g in a} headroom[g,t], with no quickstart
column or limit row. Results report the headroom pro rata to the requirement (provision_values).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..io.schema import Col, TableSpec
from ..kernels.reserves import capacity_rows_put, scatter_put
from .spinning_reserves import MODULE as SPINNING
from .spinning_reserves import (area_rows, commit_input, has_slack, load_constant, put_3_5_rule, put_commit,
                                put_minus_headroom, put_provision, require_modules, requirement_price)

NAME = "quickstart_reserves"
PROJECT_OUT = True
"""Project the quickstart provision out (docs/formulation/operating_reserves.md §3.4): the requirement reads
the areas' headroom, and no quickstart column or limit row is built. False builds SWITCH's form."""
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
    m.qs_out = PROJECT_OUT                         # read once, so the space keeps the shape it was built with


def commit_use(case, m) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per dispatch pair: (the limit row reads CommitGen, a larger CommitGen loosens it, a smaller one does).
    The row reads CommitGen - SlackUp, and SlackUp is the spinning headroom cfv * CommitGen - ... (or a slack
    column that grows with it) for a pair that may provide spinning reserves: net coefficient 1 - cfv, else 1."""
    g, tp = m.gt_gen, m.gt_tp
    reads = case.ext[NAME].gen_can_provide[g]
    net = np.ones(len(g))
    if SPINNING in case.modules:
        sr = case.ext["spinning_reserves"].gen_can_provide[g]
        net -= np.where(sr, np.where(case.gen_is_variable[g], case.cf[g, tp], 1.0), 0.0)
    return reads, net <= 0, net >= 0


def columns(case, m):
    return [("quickstart", (0 if m.qs_out else len(m.qs_gt),))]


def row_blocks(case, m):
    return [("quickstart_limit", (0 if m.qs_out else len(m.qs_gt),)),
            ("quickstart_requirement", (case.ext["reserve_areas"].n_area, case.n_tp))]


def put_minus_quickstart_headroom(fill, col_pos, indices, data, space, case, rows, k) -> None:
    """-(CommitSlackUp + [SlackUp]) of dispatch pairs k in `rows`: CommitGen - avail * max_commit * GenCapacity,
    minus the spinning slack column, or minus the whole headroom where spinning reserves have no up columns."""
    c, m = space.cols, space.m
    n = len(k)
    g, tp = m.gt_gen[k], m.gt_tp[k]
    put_commit(fill, col_pos, indices, data, space, case, rows, k, np.ones(n))
    capacity_rows_put(fill, col_pos, indices, data, rows, g, case.tp_period[tp],
                      -case.gen_avail[g] * commit_input(case, "gen_max_commit", m, k), m.bld_ptr, m.bld_idx,
                      m.online, case.n_period, c["build_gen"].start)
    if SPINNING not in case.modules:
        return
    sr = m.sr_of[k]
    if has_slack(case):                            # - CommitGenSpinningReservesSlackUp
        slack = np.where(sr >= 0, c["spinning_slack_up"].start + sr, -1)
        scatter_put(fill, col_pos, indices, data, slack, rows, np.full(n, -1.0))
    else:                                          # no up reserve columns: the slack is the whole headroom
        has = sr >= 0
        put_minus_headroom(fill, col_pos, indices, data, space, case, np.ascontiguousarray(rows[has]), k[has])


def put(fill, col_pos, indices, data, space, case):
    c, m = space.cols, space.m
    k = m.qs_gt
    need = space.rows["quickstart_requirement"]
    if m.qs_out:                                   # sum_{g in a} headroom[g,t] >= requirement[a,t]
        put_minus_quickstart_headroom(fill, col_pos, indices, data, space, case, area_rows(need, case, m, k), k)
    else:                                          # Q + (minus headroom) <= 0, and the provision in the requirement
        rows = space.rows["quickstart_limit"].start + np.arange(len(k), dtype=np.int64)
        scatter_put(fill, col_pos, indices, data, c["quickstart"].start + np.arange(len(k), dtype=np.int64), rows,
                    np.ones(len(k)))
        put_minus_quickstart_headroom(fill, col_pos, indices, data, space, case, rows, k)
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


def headroom_values(space, case, x) -> npt.NDArray[np.float64]:
    """(len(m.qs_gt),) each quickstart pair's headroom at solution x, MW: avail * max_commit * GenCapacity -
    CommitGen + [SlackUp, or the spinning headroom cfv * CommitGen - DispatchGen + [ChargeStorage]]; >= 0 at
    every feasible point (rounded up to 0 where the solver leaves a tiny negative)."""
    from .commit_operate import capacity_values, commit_values
    c, m = space.cols, space.m
    k = m.qs_gt
    g, tp = m.gt_gen[k], m.gt_tp[k]
    commit = commit_values(space, case, x)[g, tp]
    h = (case.gen_avail[g] * commit_input(case, "gen_max_commit", m, k) * capacity_values(space, case, x)[
        g, case.tp_period[tp]] - commit)
    if SPINNING in case.modules:
        sr = m.sr_of[k]
        has = sr >= 0
        if has_slack(case):
            h[has] += c["spinning_slack_up"].view(x)[sr[has]]
        else:
            cfv = np.where(case.gen_is_variable[g], case.cf[g, tp], 1.0)
            st = m.st_of[g * case.n_tp + tp]
            charge = np.where(st >= 0, c["charge_storage"].view(x)[np.maximum(st, 0)], 0.0)
            h[has] += (cfv * commit - c["dispatch_gen"].view(x)[k] + charge)[has]
    return np.maximum(h, 0.0)


def requirement_values(space, case, x) -> npt.NDArray[np.float64]:
    """(n_area, n_tp) NREL35QuickstartRequirement at solution x, MW: 3 % of the load (WithdrawFromCentralGrid
    with local_td, else zone_demand_mw) + 5 % of variable dispatch, in each balancing area."""
    areas, m = case.ext["reserve_areas"], space.m
    load = space.cols["withdraw_from_central_grid"].view(x) if case.has_local_td else case.demand_mw
    out = np.zeros((areas.n_area, case.n_tp))
    np.add.at(out, areas.zone_area, 0.03 * load)
    k = np.flatnonzero(case.gen_is_variable[m.gt_gen])
    np.add.at(out, (areas.zone_area[case.gen_zone[m.gt_gen[k]]], m.gt_tp[k]), 0.05 * space.cols["dispatch_gen"].view(x)[k])
    return out


def provision_values(space, case, x) -> npt.NDArray[np.float64]:
    """(len(m.qs_gt),) CommitQuickstartReserves: the columns, or, with the provision projected out, each pair's
    headroom scaled pro rata to meet its area's requirement (share requirement / total headroom, at most 1):
    a value of SWITCH's variables that meets every limit and requirement row, at the same objective."""
    if not space.m.qs_out:
        return space.cols["quickstart"].view(x).copy()
    m = space.m
    k = m.qs_gt
    h = headroom_values(space, case, x)
    at = (case.ext["reserve_areas"].zone_area[case.gen_zone[m.gt_gen[k]]], m.gt_tp[k])
    total = np.zeros((case.ext["reserve_areas"].n_area, case.n_tp))
    np.add.at(total, at, h)
    share = np.divide(requirement_values(space, case, x), total, out=np.zeros_like(total), where=total > 0)
    return h * np.minimum(share, 1.0)[at]


def results(space, case, x, row_dual, out):
    m = space.m
    v = np.full((case.n_gen, case.n_tp), np.nan)
    v[m.gt_gen[m.qs_gt], m.gt_tp[m.qs_gt]] = provision_values(space, case, x)
    out["quickstart_reserve_mw"] = v
    out["quickstart_reserve_price"] = requirement_price(space, case, row_dual, "quickstart_requirement")

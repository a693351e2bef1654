"""Planning reserve margins (switch_model.balancing.planning_reserves, docs/formulation/planning_reserves.md;
line numbers are switch-model 2.0.9's balancing/planning_reserves.py). One row per (prr, t) of
PRR_TIMEPOINTS (:173-196: every timepoint, or per period the last timepoint of the largest total
zone_demand_mw of the PRR's zones), Enforce_Planning_Reserve_Margin (:277-295):

    sum_{z in prr} sum_{g in z, active at t, gen_can_provide_cap_reserves[g]} credit[g,t]
        >= (1 + prr_cap_reserve_margin[prr]) * sum_{z in prr} L[z,t]

    credit = DispatchGen[g,t] - ChargeStorage[g,t]             storage (:239-240)
           = 0                                                 distributed, with local_td (:244-245)
           = gen_capacity_value[g,t] * GenCapacity[g,p(t)]     otherwise (:247; default :205-213)
    L[z,t] = WithdrawFromCentralGrid[z,t] with local_td, else zone_demand_mw[z,t] (:258-269; a constant,
             moved to the row's lower bound)

Transmission imports are not credited: 2.0.9 adds TXPowerNet only if ``"TXPowerNet" in model`` (:255), which
Pyomo evaluates as index membership, so never. A PRR with no zones has only rows 0 >= 0, left out.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..case import B, F, I, S
from ..errors import CaseError
from ..io.schema import Col, TableSpec, value
from ..kernels.capacity import capacity_sum_put
from ..kernels.csc import entries_put

NAME = "planning_reserves"
MODULES = ("switch_model.balancing.planning_reserves",)
ZONES, REQS, VALUES = ("planning_reserve_requirement_zones.csv", "planning_reserve_requirements.csv",
                       "reserve_capacity_value.csv")
PRR = "PLANNING_RESERVE_REQUIREMENTS"
MARGIN = Col("prr_cap_reserve_margin", domain="PercentFraction", default=0.15)
TIMESCALE = "prr_enforcement_timescale"          # text with a default: read in load()
TIMESCALES = ("all_timepoints", "peak_load")
CAN_PROVIDE = Col("gen_can_provide_cap_reserves", kind="flag", default=1)
INPUTS = (
    TableSpec(ZONES, keys=(PRR, "LOAD_ZONE")),
    TableSpec(REQS, keys=(PRR,), optional=True, columns=(MARGIN,)),
    TableSpec(VALUES, keys=("GENERATION_PROJECT", "timepoint"), optional=True,
              columns=(Col("gen_capacity_value", domain="NonNegativeReals"),)),
    TableSpec("gen_info.csv", columns=(CAN_PROVIDE,)),
)
ROWS = "planning_reserve"


@dataclass(slots=True)
class Data:
    prr_names: S
    prr_margin: F
    prr_all_timepoints: B  # prr_enforcement_timescale == all_timepoints (else peak_load)
    pair_prr: I            # PRR_ZONES pairs of known PRRs, file order
    pair_zone: I
    row_prr: I             # PRR_TIMEPOINTS, PRR-major
    row_tp: I
    row_load_mw: F         # sum of zone_demand_mw over the row's zones
    gen_can_provide: B     # (n_gen,)
    gen_capacity_value: F  # (n_gen, n_tp), switch-model's defaults where the file gives none


def _expand(start: I, count: I) -> I:
    """Concatenated ranges start[k] .. start[k] + count[k] - 1."""
    total = int(count.sum())
    shift = np.repeat(start - (np.cumsum(count) - count), count)
    return (shift + np.arange(total)).astype(np.int64)


def _members(key: I, n_key: int) -> tuple[I, I]:
    """CSR grouping of the positions of `key` (values in 0 .. n_key-1): ptr (n_key+1,), positions."""
    order = np.argsort(key, kind="stable").astype(np.int64)
    ptr = np.zeros(n_key + 1, np.int64)
    np.cumsum(np.bincount(key, minlength=n_key), out=ptr[1:])
    return ptr, order


def _row_zones(d: Data) -> tuple[I, I]:
    """(row, zone) pairs: each row of PRR_TIMEPOINTS with each zone of its PRR."""
    ptr, order = _members(d.pair_prr, len(d.prr_names))
    count = ptr[d.row_prr + 1] - ptr[d.row_prr]
    rz_row = np.repeat(np.arange(len(d.row_prr), dtype=np.int64), count)
    return rz_row, d.pair_zone[order[_expand(ptr[d.row_prr], count)]]


def _items(case, d: Data) -> tuple[I, I, B, B]:
    """Every (row, project) whose project is in a zone of the row's PRR, active at its timepoint and allowed to
    provide; with masks `storage` (credited with net discharge) and `capacity` (credited with its capacity)."""
    rz_row, rz_zone = _row_zones(d)
    ptr, order = _members(case.gen_zone, case.n_zone)
    count = ptr[rz_zone + 1] - ptr[rz_zone]
    row = np.repeat(rz_row, count)
    gen = order[_expand(ptr[rz_zone], count)]
    keep = case.gen_active[gen, case.tp_period[d.row_tp[row]]] & d.gen_can_provide[gen]
    row, gen = row[keep], gen[keep]
    storage = case.gen_is_storage[gen]
    capacity = ~storage & ~(case.has_local_td & case.gen_is_distributed[gen])
    return row, gen, storage, capacity


def _timescale(table, n: int) -> B:
    """prr_enforcement_timescale as 'is all_timepoints'; '.' and an absent column mean peak_load."""
    if table is None or not table.has(TIMESCALE):
        return np.zeros(n, bool)
    raw = table.df[TIMESCALE].str.strip().to_numpy(dtype=object)
    raw = np.where((raw == ".") | (raw == ""), "peak_load", raw)
    bad = ~np.isin(raw, TIMESCALES)
    if bad.any():
        table._fail(bad, TIMESCALE, "expected all_timepoints or peak_load", table.df[TIMESCALE].to_numpy(dtype=object))
    return raw == "all_timepoints"


def _timepoints(case, names: S, all_tps: B, pair_prr: I, pair_zone: I, req_lines: I) -> tuple[I, I, F]:
    """PRR_TIMEPOINTS and each row's total zone_demand_mw (summed zone by zone in file order, as Pyomo does)."""
    n_prr = len(names)
    load = np.zeros((n_prr, case.n_tp))
    for k in range(len(pair_prr)):            # one vector add per (prr, zone) pair
        load[pair_prr[k]] += case.demand_mw[pair_zone[k]]
    has_zone = np.bincount(pair_prr, minlength=n_prr) > 0
    prr, tp = [], []
    full = np.flatnonzero(all_tps & has_zone)
    prr.append(np.repeat(full, case.n_tp))
    tp.append(np.tile(np.arange(case.n_tp), len(full)))
    peak = np.flatnonzero(~all_tps & has_zone)
    for p in range(case.n_period):
        tps = np.flatnonzero(case.tp_period == p)
        if not len(tps):
            continue
        sub = load[peak][:, tps]
        if len(peak) and np.any(sub.max(axis=1) < 0):
            k = peak[np.flatnonzero(sub.max(axis=1) < 0)[0]]
            raise CaseError(f"the zones of '{names[k]}' have a negative total load at every timepoint of period "
                            f"{case.periods[p]}, so it has no peak-load timepoint", REQS, int(req_lines[k]), TIMESCALE)
        prr.append(peak)
        tp.append(tps[len(tps) - 1 - np.argmax(sub[:, ::-1], axis=1)])     # the last of the largest loads
    row_prr, row_tp = np.concatenate(prr).astype(np.int64), np.concatenate(tp).astype(np.int64)
    order = np.argsort(row_prr, kind="stable")
    row_prr, row_tp = row_prr[order], row_tp[order]
    return row_prr, row_tp, load[row_prr, row_tp]


def _capacity_values(t, case, can: B) -> F:
    """gen_capacity_value with switch-model's defaults (:205-213) and reserve_capacity_value.csv's values."""
    cf = np.minimum(1.0, case.cf)
    v = np.where(can[:, None], np.where(case.gen_is_variable[:, None], cf, 1.0), 0.0)
    vt = t[VALUES]
    if vt is None:
        return v
    g = vt.ref("GENERATION_PROJECT", case.gen_names, "generation project", "gen_info.csv")
    tp = vt.ref("timepoint", case.tp_ids, "timepoint", "timepoints.csv")
    given = vt.number("gen_capacity_value", lo=0)
    bad = ~case.gen_active[g, case.tp_period[tp]]
    if bad.any():
        vt._fail(bad, "timepoint", "the project has no capacity online in this timepoint's period "
                 "(gen_capacity_value is indexed by SWITCH's GEN_TPS)", vt.df["timepoint"].to_numpy(dtype=object))
    bad = ~can[g] & (given != 0)
    if bad.any():
        vt._fail(bad, "gen_capacity_value", "expected 0 for a project with gen_can_provide_cap_reserves = 0 "
                 "(gen_info.csv)", vt.df["gen_capacity_value"].to_numpy(dtype=object))
    v[g, tp] = given
    return v


def load(t, case) -> Data:
    can = value(t["gen_info.csv"], CAN_PROVIDE)
    rt = t[REQS]
    if rt is None:
        names, margin, req_lines = np.zeros(0, object), np.zeros(0), np.zeros(0, np.int64)
    else:
        names, margin, req_lines = rt.text(PRR), value(rt, MARGIN), rt.lines
    all_tps = _timescale(rt, len(names))
    zt = t[ZONES]
    zone = zt.ref("LOAD_ZONE", case.zones, "load zone", "load_zones.csv")
    prr = pd.Index(list(names)).get_indexer(zt.text(PRR)).astype(np.int64)
    pair_prr, pair_zone = prr[prr >= 0], zone[prr >= 0]     # pairs of other labels: unused, as in switch-model
    row_prr, row_tp, row_load = _timepoints(case, names, all_tps, pair_prr, pair_zone, req_lines)
    d = Data(names, margin, all_tps, pair_prr, pair_zone, row_prr, row_tp, row_load, can, _capacity_values(t, case, can))
    row, gen, _, capacity = _items(case, d)
    neg = capacity & (d.gen_capacity_value[gen, d.row_tp[row]] < 0)
    if neg.any():
        k = np.flatnonzero(neg)[0]
        raise CaseError(f"capacity factor {case.cf[gen[k], d.row_tp[row[k]]]:g} of '{case.gen_names[gen[k]]}' at "
                        f"timepoint '{case.tp_ids[d.row_tp[row[k]]]}' would be its capacity value for planning "
                        f"reserves, which must be >= 0; give one in {VALUES}", "variable_capacity_factors.csv")
    return d


def index(case, m):
    d = case.ext[NAME]
    row, gen, storage, capacity = _items(case, d)
    tp = d.row_tp[row]
    coef = d.gen_capacity_value[gen, tp]
    cap = capacity & (coef != 0)
    m.prr_cap_row, m.prr_cap_gen, m.prr_cap_coef = row[cap], gen[cap], coef[cap]
    m.prr_cap_period = case.tp_period[tp[cap]].astype(np.int64)
    m.prr_sto_row = row[storage]
    key = gen[storage] * case.n_tp + tp[storage]
    m.prr_sto_gt, m.prr_sto_st = m.gt_of[key], m.st_of[key]
    if case.has_local_td:
        m.prr_wd_row, m.prr_wd_zone = _row_zones(d)
    else:
        m.prr_wd_row = m.prr_wd_zone = np.zeros(0, np.int64)


def row_blocks(case, m):
    return [(ROWS, (len(case.ext[NAME].row_prr),))]


def put(fill, col_pos, indices, data, space, case):
    d, m, c = case.ext[NAME], space.m, space.cols
    row0 = space.rows[ROWS].start
    col_of_bld = c["build_gen"].start + np.arange(case.n_bld, dtype=np.int64)
    capacity_sum_put(fill, col_pos, indices, data, row0 + m.prr_cap_row, m.prr_cap_gen, m.prr_cap_period,
                     m.prr_cap_coef, m.bld_ptr, m.bld_idx, m.online, case.n_period, col_of_bld)
    n_sto, n_wd = len(m.prr_sto_row), len(m.prr_wd_row)
    cols = [c["dispatch_gen"].start + m.prr_sto_gt, c["charge_storage"].start + m.prr_sto_st]
    if n_wd:        # - (1 + margin) * WithdrawFromCentralGrid[z, t] of each zone of the row's PRR
        cols.append(c["withdraw_from_central_grid"].flat(m.prr_wd_zone, d.row_tp[m.prr_wd_row]).astype(np.int64))
    rows = row0 + np.concatenate([m.prr_sto_row, m.prr_sto_row, m.prr_wd_row])
    vals = np.concatenate([np.ones(n_sto), -np.ones(n_sto), -(1.0 + d.prr_margin[d.row_prr[m.prr_wd_row]])])
    entries_put(fill, col_pos, indices, data, rows, np.concatenate(cols), vals)


def bounds(space, case, lo, hi):
    d = case.ext[NAME]
    b = space.rows[ROWS]
    lo[b.start:b.stop] = 0.0 if case.has_local_td else (1.0 + d.prr_margin[d.row_prr]) * d.row_load_mw
    hi[b.start:b.stop] = np.inf

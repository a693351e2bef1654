"""Unit commitment, linear relaxation (switch_model.generators.core.commit.operate, 2.0.9; docs/formulation/commit.md).

Replaces no_commit (its dispatch_limit and baseload families are off). Over SWITCH's GEN_TPS, which are the
DispatchGen columns (m.gt_gen, m.gt_tp), with Cap = sum of the builds online in p(t) and avail = gen_availability:

    Enforce_Commit_Upper_Limit (operate.py:252)   CommitGen - avail * max_commit[g,t] * Cap <= 0
    Enforce_Commit_Lower_Limit (248)              CommitGen - avail * min_commit[g,t] * Cap >= 0
    Enforce_Dispatch_Upper_Limit (400-415)        DispatchGen - cf[g,t] * CommitGen <= 0      (cf = 1 unless variable)
    Enforce_Dispatch_Lower_Limit (395-411)        DispatchGen - min_load_TP[g,t] * CommitGen >= 0
    Charge_Storage_Upper_Limit (storage.py:278)   ChargeStorage - s2r * cf * CommitGen <= 0
    Commit_..._Consistency (265-271)              CommitGen[prev(t)] + Startup - Shutdown - CommitGen[t] = 0
    Enforce_Min_Uptime (331-341)                  CommitGen[t] - sum_{window(t, n_up)} Startup >= 0
    Enforce_Min_Downtime (355-382)                CommitGen[t] + sum_{window(t, n_dn)} Shutdown
                                                      - avail * max_{window(t, n_dn + 1)} max_commit * Cap <= 0
    Total_StartupGenCapacity_OM_Costs (283-290)   BAC(p) * w[t] * gen_startup_om[g] / dur[t] per MW started

Column blocks: ``commit_gen`` over the committed pairs ``m.cm_gt`` (positions in dispatch_gen; ``m.cm_of[k]`` is
the commit position of dispatch position k, or -1), ``startup_gen_capacity`` and ``shutdown_gen_capacity`` over
``m.su_cm`` (positions in commit_gen; ``m.su_of[c]``, or -1). Both sets hold whole projects (every active
timepoint of a project, or none). Exact reductions (docs/formulation/commit.md §3; the switches below):
- a project whose commitment cannot matter gets no commit columns: no startup cost, no min up/down time, fuel
  use independent of CommitGen, min_commit <= max_commit, and either (not variable, not storage) min load <= 1,
  or (variable) min load 0 and cf >= 0, or (storage) min load 0 and max_commit 1. CommitGen then projects out
  to ``DispatchGen - avail * cf * max_commit * Cap <= 0`` (block ``uncommitted_dispatch_limit``) and, where
  min_load * min_commit > 0, ``DispatchGen - avail * min_load * min_commit * Cap >= 0``
  (``uncommitted_dispatch_floor``; one equality in the limit row where the two coincide). Only where no reserve
  row reads the pair's CommitGen (``reserve_use``), and never for whole units (commit.discrete);
- CommitGen at its bound ``avail * max_commit * Cap`` (``m.cb``; no column, no commit_upper / commit_lower row)
  where every row reading it is loosened by a larger one (min load 0, cf >= 0, reserve rows by their
  ``commit_use``; reduction 5) or where min_commit = max_commit fixes it (reduction 6). Rows as above, plus
  ``uncommitted_charge_limit`` for storage with max_commit < 1; reserve rows read the capacity expression;
- CommitGen = DispatchGen (``m.cd``; reduction 7) for a thermal project with min_commit 0, min load <= 1, fuel
  lines with intercepts >= 0 and reserve rows loosened by a smaller commitment: only the dispatch limit remains,
  and fuel-use and reserve rows read the dispatch column;
- startup / shutdown columns only for projects with a startup cost or min up/down time rows;
- lower-limit rows only where the fraction is above zero.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..case import B, F
from ..errors import CaseError
from ..io.schema import Col, TableSpec
from ..kernels.capacity import link_put
from ..kernels.commit import pair_put, startup_put, window_max, window_put


NAME = "commit"
MODULES = ("switch_model.generators.core.commit.operate",)
RESERVE_MODULES = ("switch_model.balancing.operating_reserves.areas",
                   "switch_model.balancing.operating_reserves.spinning_reserves",
                   "switch_model.balancing.operating_reserves.spinning_reserves_advanced",
                   "switch_model.balancing.operating_reserves.quickstart")
NAN = float("nan")
# Exact reductions that can be switched off for A/B measurements (docs/formulation/commit.md §3):
COMMIT_AT_BOUND = True    # 5: CommitGen = avail * max_commit * Cap where no row it is in can bind downwards
FIXED_COMMIT = True       # 6: CommitGen = avail * max_commit * Cap where min_commit = max_commit; D's bounds collapse
PROJECT_UNREAD = True     # 1 with reserve modules loaded, for the pairs whose CommitGen no reserve row reads
FOLLOW_DISPATCH = True    # 7: CommitGen = DispatchGen where every row reading it is loosened by a smaller one
INPUTS = (
    TableSpec("gen_info.csv", keys=("GENERATION_PROJECT",), columns=(
        Col("gen_min_load_fraction", domain="PercentFraction", default=NAN),
        Col("gen_startup_fuel", domain="NonNegativeReals", default=NAN),
        Col("gen_startup_om", domain="NonNegativeReals", default=0.0),
        Col("gen_min_uptime", domain="NonNegativeReals", default=0.0),
        Col("gen_min_downtime", domain="NonNegativeReals", default=0.0))),
    TableSpec("gen_timepoint_commit_bounds.csv", keys=("GENERATION_PROJECT", "TIMEPOINT"), optional=True, columns=(
        Col("gen_min_commit_fraction", domain="PercentFraction", default=NAN),
        Col("gen_max_commit_fraction", domain="PercentFraction", default=NAN),
        Col("gen_min_load_fraction_TP", domain="NonNegativeReals", default=NAN))),
)
RESULTS = {
    "commit_mw": (("projects", "timepoints"), "MW"),
    "startup_mw": (("projects", "timepoints"), "MW"),
    "shutdown_mw": (("projects", "timepoints"), "MW"),
}


@dataclass(slots=True)
class CommitData:
    """commit.operate's inputs after SWITCH's defaults. ``gen_min_load`` and ``gen_min_load_tp`` take the
    minimum load implied by a part-load curve where gen_info gives none (commit_fuel_use.load sets it)."""
    gen_min_load: F           # (n_gen,) gen_min_load_fraction
    gen_min_load_given: B     # (n_gen,) given in gen_info.csv
    gen_startup_fuel: F       # (n_gen,) heat units per MW started (0 for non-fuel projects)
    gen_startup_om: F         # (n_gen,) $ per MW started
    gen_min_uptime: F         # (n_gen,) h
    gen_min_downtime: F       # (n_gen,) h
    gen_min_commit: F         # (n_gen, n_tp) gen_min_commit_fraction
    gen_max_commit: F         # (n_gen, n_tp) gen_max_commit_fraction
    gen_min_load_tp: F        # (n_gen, n_tp) gen_min_load_fraction_TP
    gen_min_load_tp_given: B  # (n_gen, n_tp) given in gen_timepoint_commit_bounds.csv


def load(t, case) -> CommitData:
    gi = t["gen_info.csv"]
    n_gen, n_tp = case.n_gen, case.n_tp
    order = gi.ref("GENERATION_PROJECT", case.gen_names, "generation project", "gen_info.csv")
    at = np.empty(n_gen, np.int64)
    at[order] = np.arange(n_gen)                       # gen_info row of each project
    col = {c.name: gi.number(c.name, c.default)[at] for c in INPUTS[0].columns}
    fuel_based = case.gen_fuel >= 0
    bad = ~np.isnan(col["gen_startup_fuel"]) & ~fuel_based
    if bad.any():
        g = int(np.flatnonzero(bad)[0])
        raise CaseError("gen_startup_fuel is defined for fuel-based projects only; write '.' here",
                        gi.file, int(gi.lines[at[g]]), "gen_startup_fuel")
    if (case.gen_is_storage & case.gen_is_variable).any():
        g = int(np.flatnonzero(case.gen_is_storage & case.gen_is_variable)[0])
        raise CaseError("a storage project with gen_is_variable = 1 is not supported with commit.operate",
                        gi.file, int(gi.lines[at[g]]), "gen_is_variable")
    min_load = col["gen_min_load_fraction"]
    given = ~np.isnan(min_load)
    max_c = np.full((n_gen, n_tp), NAN)
    min_c = np.full((n_gen, n_tp), NAN)
    ml_tp = np.full((n_gen, n_tp), NAN)
    tb = t["gen_timepoint_commit_bounds.csv"]
    if tb is not None and len(tb):
        g = tb.ref("GENERATION_PROJECT", case.gen_names, "generation project", "gen_info.csv")
        tp = tb.ref("TIMEPOINT", case.tp_ids, "timepoint", "timepoints.csv")
        inactive = ~case.gen_active[g, case.tp_period[tp]]
        if inactive.any():
            tb._fail(inactive, "TIMEPOINT", "the project has no capacity online in this timepoint's period "
                     "(not in GEN_TPS)", tb.df["TIMEPOINT"].to_numpy(dtype=object))
        spec = INPUTS[1].columns
        min_c[g, tp], max_c[g, tp], ml_tp[g, tp] = (tb.number(c.name, c.default) for c in spec)
    max_c = np.where(np.isnan(max_c), 1.0, max_c)                                   # operate.py:222-224
    min_c = np.where(np.isnan(min_c), np.where(case.gen_is_baseload[:, None], max_c, 0.0), min_c)   # 225-231
    data = CommitData(gen_min_load=min_load, gen_min_load_given=given,
                      gen_startup_fuel=np.where(fuel_based, np.nan_to_num(col["gen_startup_fuel"]), 0.0),
                      gen_startup_om=col["gen_startup_om"], gen_min_uptime=col["gen_min_uptime"],
                      gen_min_downtime=col["gen_min_downtime"], gen_min_commit=min_c, gen_max_commit=max_c,
                      gen_min_load_tp=ml_tp, gen_min_load_tp_given=~np.isnan(ml_tp))
    set_min_load(data, case, np.where(given, min_load, np.where(case.gen_is_baseload, 1.0, 0.0)))  # 385-389
    return data


def set_min_load(data: CommitData, case, min_load: F) -> None:
    """Set gen_min_load_fraction, and gen_min_load_fraction_TP where the bounds file gives none (390-394)."""
    data.gen_min_load = min_load
    data.gen_min_load_tp = np.where(data.gen_min_load_tp_given, data.gen_min_load_tp, min_load[:, None])


def n_window(hours: F, case) -> npt.NDArray[np.int64]:
    """(n_gen, n_tp) int(round(hours / ts_duration_of_tp)) (operate.py:299-300; round half to even)."""
    return np.round(hours[:, None] / case.tp_duration_h[None, :]).astype(np.int64)


def reserve_use(case, m) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per dispatch pair: (a reserve row reads CommitGen, every reserve row that reads it is loosened by a
    larger CommitGen, every one is loosened by a smaller CommitGen), over the reserve families that are loaded
    (each family's ``commit_use``)."""
    from . import quickstart_reserves, spinning_reserves
    n = len(m.gt_gen)
    reads, up, down = np.zeros(n, bool), np.ones(n, bool), np.ones(n, bool)
    for fam in (spinning_reserves, quickstart_reserves):
        if any(mod in case.modules for mod in fam.MODULES):
            r, larger, smaller = fam.commit_use(case, m)
            reads |= r
            up &= larger | ~r
            down &= smaller | ~r
    return reads, up, down


def index(case, m) -> None:
    d: CommitData = case.ext[NAME]
    g, t = m.gt_gen, m.gt_tp
    n_gen = case.n_gen
    n_up = np.where(d.gen_min_uptime[:, None] > 0, n_window(d.gen_min_uptime, case), 0)[g, t]
    n_dn = np.where(d.gen_min_downtime[:, None] > 0, n_window(d.gen_min_downtime, case), 0)[g, t]
    from . import commit_fuel_use
    intercept = commit_fuel_use.commit_fuel_per_mw(case)                # (n_gen,) any nonzero intercept
    fuel_use = commit_fuel_use.MODULES[0] in case.modules
    startup_cost = (d.gen_startup_om > 0) | (fuel_use & (d.gen_startup_fuel > 0))
    # per pair: can CommitGen be projected out (reduction 1), put at its bound (reductions 5, 6) or set to
    # DispatchGen (7)? per project: no cross-timepoint rows, commitment not in whole units
    ml, min_c, max_c, cf = d.gen_min_load_tp[g, t], d.gen_min_commit[g, t], d.gen_max_commit[g, t], case.cf[g, t]
    variable, storage = case.gen_is_variable[g], case.gen_is_storage[g]
    from .commit_discrete import needs_commit
    tied = (n_up > 0) | (n_dn > 0) | startup_cost[g] | needs_commit(case)[g]
    fuel_reads = intercept[g]                                           # fuel use depends on CommitGen
    reads, larger_loosens, smaller_loosens = reserve_use(case, m)
    projectable = ((min_c <= max_c) & ~(variable & ((ml != 0) | (cf < 0))) & ~(storage & ((ml != 0) | (max_c != 1)))
                   & ~(~variable & ~storage & (ml > 1)))
    if any(r in case.modules for r in RESERVE_MODULES):
        projectable &= ~reads if PROJECT_UNREAD else False
    at_bound = np.zeros(len(g), bool)
    if COMMIT_AT_BOUND:                   # reduction 5: every row reading CommitGen is loosened by a larger one
        at_bound |= (ml == 0) & (min_c <= max_c) & (cf >= 0) & larger_loosens
    if FIXED_COMMIT:                      # reduction 6: min_commit = max_commit fixes CommitGen
        at_bound |= min_c == max_c
    at_bound &= ~fuel_reads
    # reduction 7: a thermal project with min_commit 0 and min load <= 1 whose every row reading CommitGen
    # (fuel lines with intercepts >= 0, reserve rows) is loosened by a smaller one commits exactly its dispatch
    follows = (FOLLOW_DISPATCH & ~variable & ~storage & (min_c == 0) & (ml <= 1) & smaller_loosens
               & commit_fuel_use.intercepts_nonnegative(case)[g])
    matters = tied | ~((projectable & ~fuel_reads) | at_bound | follows)
    has_startup = (n_up > 0) | (n_dn > 0) | startup_cost[g]
    gen_cm = np.zeros(n_gen, bool)
    np.logical_or.at(gen_cm, g, matters)
    gen_su = np.zeros(n_gen, bool)
    np.logical_or.at(gen_su, g, has_startup)
    gen_su &= gen_cm
    m.cm_gt = np.flatnonzero(gen_cm[g]).astype(np.int64)
    m.cm_of = np.full(len(g), -1, np.int64)
    m.cm_of[m.cm_gt] = np.arange(len(m.cm_gt))
    m.uc_gt = np.flatnonzero(~gen_cm[g]).astype(np.int64)
    m.cb = at_bound & ~gen_cm[g]                                        # CommitGen = avail * max_commit * Cap
    m.cd = follows & ~m.cb & ~gen_cm[g]                                 # CommitGen = DispatchGen
    floor, limit = (ml * min_c)[m.uc_gt], (cf * max_c)[m.uc_gt]
    fixed = (floor == limit) & (floor > 0) & FIXED_COMMIT                # the two bounds collapse: one equality
    m.uc_fixed = np.flatnonzero(fixed).astype(np.int64)                 # positions in uc_gt
    m.uc_floor = np.flatnonzero((floor > 0) & ~fixed).astype(np.int64)
    m.uc_sto = np.flatnonzero(storage[m.uc_gt] & (max_c[m.uc_gt] < 1)).astype(np.int64)
    cg, ct = g[m.cm_gt], t[m.cm_gt]
    m.cm_lo = np.flatnonzero(d.gen_min_commit[cg, ct] > 0).astype(np.int64)
    m.cm_dlo = np.flatnonzero(d.gen_min_load_tp[cg, ct] > 0).astype(np.int64)
    m.cm_sto = np.flatnonzero(case.gen_is_storage[cg]).astype(np.int64)
    m.su_cm = np.flatnonzero(gen_su[cg]).astype(np.int64)
    m.su_of = np.full(len(m.cm_gt), -1, np.int64)
    m.su_of[m.su_cm] = np.arange(len(m.su_cm))
    su_gt = m.cm_gt[m.su_cm]
    m.up_su = np.flatnonzero(n_up[su_gt] > 0).astype(np.int64)
    m.up_n = n_up[su_gt[m.up_su]]
    m.dn_su = np.flatnonzero(n_dn[su_gt] > 0).astype(np.int64)
    m.dn_n = n_dn[su_gt[m.dn_su]]


def columns(case, m):
    return [("commit_gen", (len(m.cm_gt),)), ("startup_gen_capacity", (len(m.su_cm),)),
            ("shutdown_gen_capacity", (len(m.su_cm),))]


def costs(space, case, cost):
    d: CommitData = case.ext[NAME]
    m = space.m
    k = m.cm_gt[m.su_cm]
    g, t = m.gt_gen[k], m.gt_tp[k]
    space.cols["startup_gen_capacity"].view(cost)[:] = (case.bac[case.tp_period[t]] * case.tp_weight_in_year[t]
                                                        * d.gen_startup_om[g] / case.tp_duration_h[t])
    return 0.0


ROW_BLOCKS = ("commit_upper", "commit_lower", "commit_dispatch_upper", "commit_dispatch_lower",
              "commit_charge_upper", "uncommitted_dispatch_limit", "uncommitted_dispatch_floor", "uncommitted_charge_limit",
              "startup_shutdown", "min_uptime", "min_downtime")


def row_blocks(case, m):
    sizes = (len(m.cm_gt), len(m.cm_lo), len(m.cm_gt), len(m.cm_dlo), len(m.cm_sto), len(m.uc_gt), len(m.uc_floor),
             len(m.uc_sto), len(m.su_cm),
             len(m.up_su), len(m.dn_su))
    return [(name, (n,)) for name, n in zip(ROW_BLOCKS, sizes)]


def _downtime_max_commit(space, case):
    m = space.m
    out = np.empty(len(m.dn_su))
    window_max(out, m.dn_su, m.dn_n + 1, m.su_cm, m.cm_gt, m.gt_gen, m.gt_tp, case.tp_prev,
               np.ascontiguousarray(case.ext[NAME].gen_max_commit).ravel(), case.n_tp)
    return out


def put(fill, col_pos, indices, data, space, case):
    d: CommitData = case.ext[NAME]
    c, r, m = space.cols, space.rows, space.m
    avail = case.gen_avail
    commit0, disp0 = c["commit_gen"].start, c["dispatch_gen"].start
    start0, shut0 = c["startup_gen_capacity"].start, c["shutdown_gen_capacity"].start
    col_of_bld = c["build_gen"].start + np.arange(case.n_bld, dtype=np.int64)
    n_period, n_tp = case.n_period, case.n_tp

    def capacity_rows(block, x_col, k, coef):
        """Rows x - coef * Cap[g(k), p(k)] for dispatch positions k (x_col < 0: no own column)."""
        link_put(fill, col_pos, indices, data, r[block].start, x_col, m.gt_gen[k], case.tp_period[m.gt_tp[k]],
                 coef, m.bld_ptr, m.bld_idx, m.online, n_period, col_of_bld)

    cm = np.arange(len(m.cm_gt), dtype=np.int64)
    k, g, t = m.cm_gt, m.gt_gen[m.cm_gt], m.gt_tp[m.cm_gt]
    capacity_rows("commit_upper", commit0 + cm, k, avail[g] * d.gen_max_commit[g, t])
    lo = m.cm_lo
    capacity_rows("commit_lower", commit0 + lo, k[lo], avail[g[lo]] * d.gen_min_commit[g[lo], t[lo]])
    pair_put(fill, col_pos, indices, data, r["commit_dispatch_upper"].start, disp0 + k, commit0 + cm,
             np.ascontiguousarray(case.cf[g, t]))
    lo = m.cm_dlo
    pair_put(fill, col_pos, indices, data, r["commit_dispatch_lower"].start, disp0 + k[lo], commit0 + lo,
             np.ascontiguousarray(d.gen_min_load_tp[g[lo], t[lo]]))
    s = m.cm_sto
    pair_put(fill, col_pos, indices, data, r["commit_charge_upper"].start,
             c["charge_storage"].start + m.st_of[g[s] * n_tp + t[s]], commit0 + s,
             case.gen_sto_s2r[g[s]] * case.cf[g[s], t[s]])
    uc = m.uc_gt
    g, t = m.gt_gen[uc], m.gt_tp[uc]
    capacity_rows("uncommitted_dispatch_limit", disp0 + uc, uc, avail[g] * case.cf[g, t] * d.gen_max_commit[g, t])
    f = m.uc_floor
    capacity_rows("uncommitted_dispatch_floor", disp0 + uc[f], uc[f],
                  avail[g[f]] * d.gen_min_load_tp[g[f], t[f]] * d.gen_min_commit[g[f], t[f]])
    s = m.uc_sto                                            # storage at its bound with max_commit < 1
    capacity_rows("uncommitted_charge_limit", c["charge_storage"].start + m.st_of[g[s] * n_tp + t[s]], uc[s],
                  case.gen_sto_s2r[g[s]] * avail[g[s]] * case.cf[g[s], t[s]] * d.gen_max_commit[g[s], t[s]])
    startup_put(fill, col_pos, indices, data, r["startup_shutdown"].start, commit0, start0, shut0, m.su_cm, m.cm_gt,
                m.gt_gen, m.gt_tp, case.tp_prev, m.gt_of, m.cm_of, n_tp)
    window_put(fill, col_pos, indices, data, r["min_uptime"].start, commit0, start0, -1.0, m.up_su, m.up_n,
               m.su_cm, m.cm_gt, m.gt_gen, m.gt_tp, case.tp_prev, m.gt_of, m.cm_of, m.su_of, n_tp)
    window_put(fill, col_pos, indices, data, r["min_downtime"].start, commit0, shut0, 1.0, m.dn_su, m.dn_n,
               m.su_cm, m.cm_gt, m.gt_gen, m.gt_tp, case.tp_prev, m.gt_of, m.cm_of, m.su_of, n_tp)
    kd = m.cm_gt[m.su_cm[m.dn_su]]
    capacity_rows("min_downtime", np.full(len(kd), -1, np.int64), kd,
                  avail[m.gt_gen[kd]] * _downtime_max_commit(space, case))


def bounds(space, case, lo, hi):
    for name in ROW_BLOCKS:
        if name not in space.rows:                      # commit.operate not loaded
            continue
        b = space.rows[name]
        if name in ("commit_lower", "commit_dispatch_lower", "uncommitted_dispatch_floor", "min_uptime"):
            lo[b.start:b.stop], hi[b.start:b.stop] = 0.0, np.inf
        elif name == "startup_shutdown":
            lo[b.start:b.stop], hi[b.start:b.stop] = 0.0, 0.0
        else:
            lo[b.start:b.stop], hi[b.start:b.stop] = -np.inf, 0.0
    if "uncommitted_dispatch_limit" in space.rows:         # floor = limit: an equality
        lo[space.rows["uncommitted_dispatch_limit"].start + space.m.uc_fixed] = 0.0


def capacity_values(space, case, x) -> F:
    """(n_gen, n_period) GenCapacity at solution x: the builds online in each period."""
    cap = np.zeros((case.n_gen, case.n_period))
    np.add.at(cap, case.bld_gen, space.cols["build_gen"].view(x)[:, None] * case.bld_online)
    return cap


def commit_values(space, case, x) -> F:
    """(n_gen, n_tp) CommitGen in SWITCH's terms: the column where one exists; avail * max_commit * Cap where
    the commitment was put at that bound (``m.cb``; docs/formulation/commit.md §3 reductions 5, 6); else (a
    project projected out, reduction 1) the least commitment that the solution allows,
    max(avail * min_commit * Cap, DispatchGen / cf, ChargeStorage / s2r), which lies in the interval of
    optimal CommitGen values that the reduction's proof gives."""
    d: CommitData = case.ext[NAME]
    m, c = space.m, space.cols
    g, t = m.gt_gen, m.gt_tp
    cap = capacity_values(space, case, x)[g, case.tp_period[t]]
    least = case.gen_avail[g] * d.gen_min_commit[g, t] * cap
    cf = case.cf[g, t]
    disp = c["dispatch_gen"].view(x)
    least = np.maximum(least, np.divide(disp, cf, out=np.zeros_like(disp), where=cf > 0))
    s2r = case.gen_sto_s2r[g[m.st_gt]]
    charge = np.divide(c["charge_storage"].view(x), s2r, out=np.zeros(len(m.st_gt)), where=s2r > 0)
    least[m.st_gt] = np.maximum(least[m.st_gt], charge)
    least = np.where(m.cb, case.gen_avail[g] * d.gen_max_commit[g, t] * cap, np.where(m.cd, disp, least))
    out = np.zeros((case.n_gen, case.n_tp))
    out[g, t] = least
    out[g[m.cm_gt], t[m.cm_gt]] = c["commit_gen"].view(x)
    return out


def results(space, case, x, row_dual, out):
    m = space.m
    commit = commit_values(space, case, x)
    out["commit_mw"] = commit
    # Startup / shutdown: the columns where they exist, else the changes of CommitGen (costless there).
    change = commit - commit[:, case.tp_prev]
    active = np.zeros((case.n_gen, case.n_tp), bool)
    active[m.gt_gen, m.gt_tp] = True
    out["startup_mw"] = np.where(active, np.maximum(change, 0.0), 0.0)
    out["shutdown_mw"] = np.where(active, np.maximum(-change, 0.0), 0.0)
    k = m.cm_gt[m.su_cm]
    out["startup_mw"][m.gt_gen[k], m.gt_tp[k]] = space.cols["startup_gen_capacity"].view(x)
    out["shutdown_mw"][m.gt_gen[k], m.gt_tp[k]] = space.cols["shutdown_gen_capacity"].view(x)


def annual_costs(space, case, x, a):
    """Startup O&M, $/yr in each period."""
    d: CommitData = case.ext[NAME]
    w = case.tp_weight_in_year / case.tp_duration_h
    per_tp = (a["startup_mw"] * d.gen_startup_om[:, None]).sum(axis=0) * w
    out = np.zeros(case.n_period)
    np.add.at(out, case.tp_period, per_tp)
    return {"startup_om": out}

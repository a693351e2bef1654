"""Spinning reserves (switch_model.balancing.operating_reserves.spinning_reserves; docs/formulation/
operating_reserves.md §2, line numbers of switch-model 2.0.9's spinning_reserves.py).

Needs commit.operate (its headroom DispatchSlackUp / Down, operate.py:416-423; with no_commit switch-model
stops with an AttributeError) and the balancing areas (reserve_areas.py). For every pair (g, t) of a project
that may provide reserves (gen_can_provide_spinning_reserves, default 1; 450-457), with cfv = cf if variable
else 1, mlf = gen_min_load_fraction_TP, r = gen_store_to_release_ratio, and [..] only for storage:

    Up + [SlackUp] - cfv*CommitGen + DispatchGen - [ChargeStorage] = 0 (<= 0 without quickstart)   470-479
    Down - DispatchGen + mlf*CommitGen - [r*cfv*CommitGen - ChargeStorage] <= 0                   480-494

and for every balancing area a and timepoint t (575-596), load = WithdrawFromCentralGrid with local_td:

    up:   rule_up[a,t] + MaxContingency[a,t] - sum_{g in a} Up[g,t] <= 0        (MaxContingency always, 573)
    down: rule_down[a,t] - sum_{g in a} Down[g,t] <= 0
    rule "3+5" (362-394), up and down: 0.03*load + 0.05*sum_{g variable in a} DispatchGen[g,t]
    rule "Hawaii" (293-359): up sum_{g variable in a} min(cf[g,t], limit[g])*GenCapacity[g,p(t)]
                             (limit 0.21288916 Solar, 0.21624407 Wind); down 0.10*load

Contingencies (only with their option; 169-290, 552-572), s = contingency_safety_factor (default 2):

    --unit-contingency (pairs of projects with gen_unit_size; IsCommitted binary, M = capacity limit or 1e5):
        CommitGen - M*IsCommitted <= 0;   gen_unit_size*IsCommitted - UnitLargest[a(g),t] <= 0
    --project-contingency (every pair): DispatchGen + [may provide] Up - ProjectLargest[a(g),t] <= 0
    each contingency c: s*c[a,t] - MaxContingency[a,t] <= 0

MaxContingency[a,t] is a free variable bounded below only by the contingency rows, so without a contingency
option the up requirement is vacuous whatever the rule (it can be met by MaxContingency -> -inf): switch-model
2.0.9's rules then bind only downwards.

Exact reductions (MODEL.md §4; docs/formulation/operating_reserves.md §2.4):
- Up, its limit rows and requirement rows and MaxContingency exist only with a contingency option. Without
  one, Up = 0 is always feasible (the headroom cfv*CommitGen - DispatchGen + [Charge] is >= 0 by
  commit.operate's dispatch and charge limits) and nothing else reads Up; SlackUp then equals the headroom,
  which quickstart reserves read directly.
- Down, its limit and requirement rows exist only with a rule: Down = 0 is always feasible (its right-hand
  side is >= 0 by the dispatch lower limit and the charge limit) and only the down requirement reads it.
- SlackUp columns exist only where Up does and quickstart reserves read them; without quickstart the up-limit
  row is an inequality.
So with no rule and no contingency (SWITCH's default, and the SWITCH-China study) the family adds nothing.
Without local_td the rules' load is zone_demand_mw (switch-model 2.0.9 reads an undefined lz_demand_mw there
and stops), a constant moved to the row bound. No costs.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..errors import CaseError
from ..io.options import option_flag, option_value
from ..io.schema import Col, TableSpec
from ..kernels.reserves import capacity_rows_put, scatter_put

NAME = "spinning_reserves"
OPERATE = "switch_model.generators.core.commit.operate"
COMMIT = "commit"                       # commit.operate's family (commit_operate.py): CommitGen and its inputs
MODULE = "switch_model.balancing.operating_reserves.spinning_reserves"
MODULES = (MODULE,)
AREAS = "switch_model.balancing.operating_reserves.areas"
QUICKSTART = "switch_model.balancing.operating_reserves.quickstart"
RULES = ("Hawaii", "3+5")
HAWAII_LIMIT = {"Solar": 0.21288916, "Wind": 0.21624407}      # var_gen_cap_reserve_limit defaults (313-326)
BIG_M = 1e5                                                     # build.py:646 _gen_max_cap_for_binary_constraints
INPUTS = (
    TableSpec("gen_info.csv", keys=("GENERATION_PROJECT",), columns=(     # gen_unit_size: io/stage1_inputs.py
        Col("gen_can_provide_spinning_reserves", kind="flag", domain="Boolean", default=1),)),
    TableSpec("spinning_reserve_params.csv", optional=True, columns=(
        Col("contingency_safety_factor", domain="NonNegativeReals", default=2.0),)),
)
INTEGER = ("unit_is_committed",)
RESULTS = {
    "spinning_reserve_up_mw": (("projects", "timepoints"), "MW"),
    "spinning_reserve_down_mw": (("projects", "timepoints"), "MW"),
    "spinning_reserve_up_price": (("zones", "timepoints"), "$ per MW per h"),
    "spinning_reserve_down_price": (("zones", "timepoints"), "$ per MW per h"),
}


@dataclass(frozen=True, slots=True)
class Spinning:
    gen_can_provide: npt.NDArray[np.bool_]       # (n_gen,) gen_can_provide_spinning_reserves
    gen_unit_size: npt.NDArray[np.float64]       # (n_gen,) MW, nan where none
    gen_hawaii_limit: npt.NDArray[np.float64]    # (n_gen,) var_gen_cap_reserve_limit (Hawaii rule), nan elsewhere
    safety: float                                # contingency_safety_factor
    rule: str | None                             # --spinning-requirement-rule: None, "3+5" or "Hawaii"
    unit_contingency: bool                       # --unit-contingency
    project_contingency: bool                    # --project-contingency

    @property
    def has_contingency(self) -> bool:
        return self.unit_contingency or self.project_contingency

    @property
    def has_up(self) -> bool:
        """Up reserve matters: a contingency option bounds MaxContingency (else the up requirement is vacuous)."""
        return self.has_contingency

    @property
    def has_down(self) -> bool:
        """Down reserve matters: a rule sets a down requirement."""
        return self.rule is not None


def require_modules(case, module: str) -> None:
    """A reserve module needs commit.operate and the balancing areas, as in switch-model."""
    for need in (OPERATE, AREAS):
        if need not in case.modules:
            raise CaseError(f"{module} needs {need} in the module list (switch-model fails without it)",
                            case.modules_file)


def load(t, case) -> Spinning:
    require_modules(case, MODULE)
    gi = t["gen_info.csv"]
    g = gi.ref("GENERATION_PROJECT", case.gen_names, "project", "gen_info.csv")
    can = np.ones(case.n_gen, bool)
    can[g] = gi.flag("gen_can_provide_spinning_reserves", True)
    unit = np.full(case.n_gen, np.nan)
    unit[g] = gi.number("gen_unit_size", np.nan, lo=0.0, lo_open=True)
    params = t["spinning_reserve_params.csv"]
    safety = 2.0
    if params is not None and len(params):
        if len(params) > 1:
            raise CaseError("expected one row of values (a single parameter)", params.file, int(params.lines[1]))
        safety = float(params.number("contingency_safety_factor", 2.0, lo=0.0)[0])
    rule = option_value(case.options, "--spinning-requirement-rule", RULES)
    limit = np.full(case.n_gen, np.nan)
    if rule == "Hawaii":
        source = case.gen_source.astype(str)
        for name, value in HAWAII_LIMIT.items():
            limit[case.gen_is_variable & (source == name)] = value
        bad = case.gen_is_variable[g] & np.isnan(limit[g])
        if bad.any():
            gi._fail(bad, "gen_energy_source", "the Hawaii spinning-reserve rule has a reserve limit only for "
                     "variable projects of energy source Solar or Wind", case.gen_source[g])
    return Spinning(can, unit, limit, safety, rule, option_flag(case.options, "--unit-contingency"),
                    option_flag(case.options, "--project-contingency"))


def fleet_mergeable(case) -> bool:
    """Whether identical projects may be merged (batteryplan/aggregate.py): not under a contingency option,
    which covers the largest single unit or project, so merging two projects would change it; the rules
    and the headroom rows are sums of per-MW terms, which merging keeps."""
    return not _data(case).has_contingency


def _data(case) -> Spinning:
    return case.ext[NAME]


def _areas(case):
    return case.ext["reserve_areas"]


def index(case, m):
    d = _data(case)
    m.sr_gt = np.flatnonzero(d.gen_can_provide[m.gt_gen]).astype(np.int64)
    m.sr_of = np.full(len(m.gt_gen), -1, np.int64)
    m.sr_of[m.sr_gt] = np.arange(len(m.sr_gt))
    unit = ~np.isnan(d.gen_unit_size[m.gt_gen]) if d.unit_contingency else np.zeros(len(m.gt_gen), bool)
    m.unit_gt = np.flatnonzero(unit).astype(np.int64)


def has_slack(case) -> bool:
    """Whether CommitGenSpinningReservesSlackUp gets columns: where Up has columns and quickstart reads it."""
    return QUICKSTART in case.modules and _data(case).has_up


def _n_contingency(d: Spinning) -> int:
    return int(d.unit_contingency) + int(d.project_contingency)


def columns(case, m):
    d, n_at = _data(case), (_areas(case).n_area, case.n_tp)
    n_sr = len(m.sr_gt)
    return [("spinning_up", (n_sr if d.has_up else 0,)), ("spinning_down", (n_sr if d.has_down else 0,)),
            ("spinning_slack_up", (n_sr if has_slack(case) else 0,)),
            ("unit_is_committed", (len(m.unit_gt),)),
            ("unit_largest_contingency", n_at if d.unit_contingency else (0, 0)),
            ("project_largest_contingency", n_at if d.project_contingency else (0, 0)),
            ("max_contingency", n_at if d.has_contingency else (0, 0))]


def col_bounds(space, case, lo, hi):
    for name in ("unit_largest_contingency", "project_largest_contingency", "max_contingency"):
        b = space.cols[name]
        lo[b.start:b.stop] = -np.inf                  # Var without a domain (223-226, 267-270, 552-558)
    b = space.cols["unit_is_committed"]
    hi[b.start:b.stop] = 1.0


def row_blocks(case, m):
    d, n_at = _data(case), (_areas(case).n_area, case.n_tp)
    n_sr, n_uc = len(m.sr_gt), len(m.unit_gt)
    return [("spinning_up_limit", (n_sr if d.has_up else 0,)), ("spinning_down_limit", (n_sr if d.has_down else 0,)),
            ("unit_commit_link", (n_uc,)), ("unit_contingency", (n_uc,)),
            ("project_contingency", (len(m.gt_gen) if d.project_contingency else 0,)),
            ("max_contingency_limit", (_n_contingency(d),) + n_at),
            ("spinning_up_requirement", n_at if d.has_up else (0, 0)),
            ("spinning_down_requirement", n_at if d.has_down else (0, 0))]


# ---------------------------------------------------------------------------------------------------------
# terms shared with quickstart reserves


def put_commit(fill, col_pos, indices, data, space, case, rows, k: npt.NDArray[np.int64],
               coef: npt.NDArray[np.float64]) -> None:
    """coef[i] * CommitGen of dispatch pair k[i] in row rows[i]: on its commit column; for a pair whose
    commitment commit.operate substituted by its bound (``m.cb``; docs/formulation/commit.md §3, reductions 5
    and 6), on the build columns of avail * max_commit * GenCapacity; for a pair whose commitment follows its
    dispatch (``m.cd``, reduction 7), on its dispatch column. Every pair that a reserve row reads has one of
    the three (commit_operate.index asks ``commit_use``)."""
    m = space.m
    pos = m.cm_of[k]
    at_bound, follows = m.cb[k], m.cd[k]
    if ((pos < 0) & ~at_bound & ~follows).any():
        raise AssertionError("a reserve pair without a CommitGen column or expression")
    col = np.where(pos >= 0, space.cols["commit_gen"].start + pos,
                   np.where(follows, space.cols["dispatch_gen"].start + k, -1))
    scatter_put(fill, col_pos, indices, data, col, rows, coef)
    b = np.flatnonzero(at_bound).astype(np.int64)
    kb = k[b]
    g = m.gt_gen[kb]
    capacity_rows_put(fill, col_pos, indices, data, np.ascontiguousarray(rows[b]), g, case.tp_period[m.gt_tp[kb]],
                      coef[b] * case.gen_avail[g] * commit_input(case, "gen_max_commit", m, kb), m.bld_ptr,
                      m.bld_idx, m.online, case.n_period, space.cols["build_gen"].start)


def commit_use(case, m) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Per dispatch pair: (a row of this family reads CommitGen, every such row is loosened by a larger
    CommitGen, every such row is loosened by a smaller one). The up limit reads -cfv * CommitGen (loosened by a
    larger one when cfv >= 0; with the slack column the equality is met by a larger slack, which quickstart reads
    with the same sign); the down limit reads (mlf - [r * cfv]) * CommitGen, loosened by a larger one when that
    is <= 0, by a smaller one when >= 0; the unit-contingency link CommitGen - M * IsCommitted <= 0 is loosened
    by a smaller one only."""
    d = _data(case)
    g, tp = m.gt_gen, m.gt_tp
    sr = d.gen_can_provide[g]
    cfv = np.where(case.gen_is_variable[g], case.cf[g, tp], 1.0)
    down = (commit_input(case, "gen_min_load_tp", m, np.arange(len(g)))
            - np.where(case.gen_is_storage[g], case.gen_sto_s2r[g] * case.cf[g, tp], 0.0))
    unit = d.unit_contingency & ~np.isnan(d.gen_unit_size[g])
    up_rows, down_rows = sr & d.has_up, sr & d.has_down
    reads = up_rows | down_rows | unit
    larger = ~unit & ~(up_rows & (cfv < 0)) & ~(down_rows & (down > 0))
    smaller = ~(up_rows & (cfv > 0)) & ~(down_rows & (down < 0))
    return reads, larger, smaller


def commit_input(case, name: str, m, k: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """commit.operate's (n_gen, n_tp) input `name` (gen_min_load_tp, gen_max_commit) at dispatch pairs k."""
    return np.ascontiguousarray(getattr(case.ext[COMMIT], name)[m.gt_gen[k], m.gt_tp[k]])


def pair_area(case, m, k: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Balancing area of dispatch pairs k."""
    return _areas(case).zone_area[case.gen_zone[m.gt_gen[k]]]


def area_rows(block, case, m, k: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Rows (area of pair k, its timepoint) of an (area, timepoint) row block."""
    return block.start + pair_area(case, m, k) * case.n_tp + m.gt_tp[k]


def put_3_5_rule(fill, col_pos, indices, data, space, case, block, load_share: float,
                 variable_share: float) -> None:
    """load_share * sum_{z in a} WithdrawFromCentralGrid[z,t] (with local_td; else a constant, see
    rule_constant) + variable_share * sum_{g variable in a} DispatchGen[g,t] in the rows of `block`."""
    m, n_tp = space.m, case.n_tp
    if case.has_local_td and load_share:
        zt = np.arange(case.n_zone * n_tp, dtype=np.int64)
        rows = block.start + _areas(case).zone_area[zt // n_tp] * n_tp + zt % n_tp
        scatter_put(fill, col_pos, indices, data, space.cols["withdraw_from_central_grid"].start + zt, rows,
                    np.full(len(zt), load_share))
    if variable_share:
        k = np.flatnonzero(case.gen_is_variable[m.gt_gen]).astype(np.int64)
        scatter_put(fill, col_pos, indices, data, space.cols["dispatch_gen"].start + k,
                    area_rows(block, case, m, k), np.full(len(k), variable_share))


def load_constant(case, share: float) -> npt.NDArray[np.float64]:
    """(n_area * n_tp,) share of the zone demand in each area and timepoint, where the load is a constant
    (no local_td); zeros otherwise."""
    areas = _areas(case)
    out = np.zeros((areas.n_area, case.n_tp))
    if not case.has_local_td:
        np.add.at(out, areas.zone_area, share * case.demand_mw)
    return out.ravel()


def put_provision(fill, col_pos, indices, data, space, case, block, col_block, pair_gt) -> None:
    """-sum_{g in a} reserve[g,t] in the (area, timepoint) rows of `block`; reserve column i is pair pair_gt[i]."""
    n = len(pair_gt)
    scatter_put(fill, col_pos, indices, data, col_block.start + np.arange(n, dtype=np.int64),
                area_rows(block, case, space.m, pair_gt), np.full(n, -1.0))


# ---------------------------------------------------------------------------------------------------------


def charge_cols(space, case, k: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """ChargeStorage columns of dispatch pairs k, -1 where the project is not storage."""
    m = space.m
    st = m.st_of[m.gt_gen[k] * case.n_tp + m.gt_tp[k]]
    return np.where(st >= 0, space.cols["charge_storage"].start + st, -1)


def put_minus_headroom(fill, col_pos, indices, data, space, case, rows, k) -> None:
    """-(DispatchSlackUp + [ChargeStorage]) = -cfv*CommitGen + DispatchGen - [ChargeStorage] of dispatch pairs
    k in `rows`: what a project could add upwards (470-479)."""
    g, tp = space.m.gt_gen[k], space.m.gt_tp[k]
    one = np.ones(len(k))
    put_commit(fill, col_pos, indices, data, space, case, rows, k, -case.cf[g, tp])
    scatter_put(fill, col_pos, indices, data, space.cols["dispatch_gen"].start + k, rows, one)
    scatter_put(fill, col_pos, indices, data, charge_cols(space, case, k), rows, -one)


def _put_limits(fill, col_pos, indices, data, space, case, d: Spinning) -> None:
    c, m = space.cols, space.m
    k = m.sr_gt
    own = np.arange(len(k), dtype=np.int64)
    one = np.ones(len(k))
    if d.has_up:                                   # Up + [SlackUp] - headroom (= 0 with SlackUp, else <= 0)
        rows = space.rows["spinning_up_limit"].start + own
        scatter_put(fill, col_pos, indices, data, c["spinning_up"].start + own, rows, one)
        if has_slack(case):
            scatter_put(fill, col_pos, indices, data, c["spinning_slack_up"].start + own, rows, one)
        put_minus_headroom(fill, col_pos, indices, data, space, case, rows, k)
    if d.has_down:                                 # Down - DispatchGen + mlf*CommitGen - [r*cfv*CommitGen - Charge]
        g, tp = m.gt_gen[k], m.gt_tp[k]
        rows = space.rows["spinning_down_limit"].start + own
        scatter_put(fill, col_pos, indices, data, c["spinning_down"].start + own, rows, one)
        scatter_put(fill, col_pos, indices, data, c["dispatch_gen"].start + k, rows, -one)
        scatter_put(fill, col_pos, indices, data, charge_cols(space, case, k), rows, one)
        storage = np.where(case.gen_is_storage[g], case.gen_sto_s2r[g] * case.cf[g, tp], 0.0)
        put_commit(fill, col_pos, indices, data, space, case, rows, k,
                   commit_input(case, "gen_min_load_tp", m, k) - storage)


def _put_contingencies(fill, col_pos, indices, data, space, case, d: Spinning) -> None:
    c, m, r = space.cols, space.m, space.rows
    n_at = _areas(case).n_area * case.n_tp
    area_tp = np.arange(n_at, dtype=np.int64)
    limit = r["max_contingency_limit"]
    kinds = [name for name, on in (("unit_largest_contingency", d.unit_contingency),
                                   ("project_largest_contingency", d.project_contingency)) if on]
    for j, name in enumerate(kinds):
        rows = limit.start + j * n_at + area_tp
        scatter_put(fill, col_pos, indices, data, c[name].start + area_tp, rows, np.full(n_at, d.safety))
        scatter_put(fill, col_pos, indices, data, c["max_contingency"].start + area_tp, rows, np.full(n_at, -1.0))
    if d.unit_contingency:
        k = m.unit_gt
        n = len(k)
        own = np.arange(n, dtype=np.int64)
        g = m.gt_gen[k]
        big_m = np.where(np.isfinite(case.gen_cap_limit[g]), case.gen_cap_limit[g], BIG_M)
        rows = r["unit_commit_link"].start + own
        put_commit(fill, col_pos, indices, data, space, case, rows, k, np.ones(n))
        scatter_put(fill, col_pos, indices, data, c["unit_is_committed"].start + own, rows, -big_m)
        rows = r["unit_contingency"].start + own
        scatter_put(fill, col_pos, indices, data, c["unit_is_committed"].start + own, rows, d.gen_unit_size[g])
        scatter_put(fill, col_pos, indices, data, c["unit_largest_contingency"].start + pair_area(case, m, k)
                    * case.n_tp + m.gt_tp[k], rows, np.full(n, -1.0))
    if d.project_contingency:
        n = len(m.gt_gen)
        k = np.arange(n, dtype=np.int64)
        rows = r["project_contingency"].start + k
        scatter_put(fill, col_pos, indices, data, c["dispatch_gen"].start + k, rows, np.ones(n))
        up = np.where(m.sr_of >= 0, c["spinning_up"].start + m.sr_of, -1)
        scatter_put(fill, col_pos, indices, data, up, rows, np.ones(n))
        scatter_put(fill, col_pos, indices, data, c["project_largest_contingency"].start + pair_area(case, m, k)
                    * case.n_tp + m.gt_tp[k], rows, np.full(n, -1.0))


def _put_requirements(fill, col_pos, indices, data, space, case, d: Spinning) -> None:
    c, m, r = space.cols, space.m, space.rows
    up, down = r["spinning_up_requirement"], r["spinning_down_requirement"]
    if d.has_up:                                      # else the up requirement is vacuous: no rows
        put_provision(fill, col_pos, indices, data, space, case, up, c["spinning_up"], m.sr_gt)
        n_at = up.size
        scatter_put(fill, col_pos, indices, data, c["max_contingency"].start + np.arange(n_at, dtype=np.int64),
                    up.start + np.arange(n_at, dtype=np.int64), np.ones(n_at))
    if d.rule is None:
        return
    put_provision(fill, col_pos, indices, data, space, case, down, c["spinning_down"], m.sr_gt)
    if d.rule == "3+5":
        for block in (up, down) if d.has_up else (down,):
            put_3_5_rule(fill, col_pos, indices, data, space, case, block, 0.03, 0.05)
        return
    put_3_5_rule(fill, col_pos, indices, data, space, case, down, 0.10, 0.0)        # Hawaii: 10 % of load down
    if not d.has_up:
        return
    k = np.flatnonzero(case.gen_is_variable[m.gt_gen]).astype(np.int64)
    g, tp = m.gt_gen[k], m.gt_tp[k]
    coef = np.minimum(1.0 * case.cf[g, tp], d.gen_hawaii_limit[g])                   # var_gen_power_reserve = 1
    capacity_rows_put(fill, col_pos, indices, data, area_rows(up, case, m, k), g, case.tp_period[tp], coef,
                      m.bld_ptr, m.bld_idx, m.online, case.n_period, c["build_gen"].start)


def put(fill, col_pos, indices, data, space, case):
    d = _data(case)
    _put_limits(fill, col_pos, indices, data, space, case, d)
    _put_contingencies(fill, col_pos, indices, data, space, case, d)
    _put_requirements(fill, col_pos, indices, data, space, case, d)


def bounds(space, case, lo, hi):
    if MODULE not in case.modules:                   # off: no rows
        return
    d, r = _data(case), space.rows
    for name in ("spinning_up_limit", "spinning_down_limit", "unit_commit_link", "unit_contingency",
                 "project_contingency", "max_contingency_limit", "spinning_up_requirement",
                 "spinning_down_requirement"):
        b = r[name]
        lo[b.start:b.stop] = -np.inf
        hi[b.start:b.stop] = 0.0
    if has_slack(case):
        b = r["spinning_up_limit"]
        lo[b.start:b.stop] = 0.0                      # an equality with the slack column (470-479)
    if d.rule is not None:
        share = {"3+5": (0.03, 0.03), "Hawaii": (0.0, 0.10)}[d.rule]
        for name, s in zip(("spinning_up_requirement", "spinning_down_requirement"), share):
            b = r[name]
            if b.size:
                hi[b.start:b.stop] = -load_constant(case, s)


def requirement_price(space, case, row_dual, block) -> npt.NDArray[np.float64]:
    """(n_zone, n_tp) price of an (area, timepoint) requirement, $ per MW held for an hour, in each zone of
    the area: -dual / (BAC(p) * tp_weight_in_year), as the balance family prices energy. 0 where the
    requirement has no rows (vacuous); NaN without duals (a MIP)."""
    b = space.rows[block]
    if not b.size:
        return np.zeros((case.n_zone, case.n_tp))
    scale = case.bac[case.tp_period] * case.tp_weight_in_year
    price = -b.view(row_dual) / scale[None, :]
    return price[_areas(case).zone_area]


def results(space, case, x, row_dual, out):
    """Up and down reserve per project and timepoint: NaN where a project may not provide reserves, 0 where
    the direction is vacuous (no columns; 0 is then an optimal value of SWITCH's variable); their prices."""
    m = space.m
    for name, block in (("spinning_reserve_up_mw", "spinning_up"), ("spinning_reserve_down_mw", "spinning_down")):
        v = np.full((case.n_gen, case.n_tp), np.nan)
        b = space.cols[block]
        v[m.gt_gen[m.sr_gt], m.gt_tp[m.sr_gt]] = b.view(x) if b.size else 0.0
        out[name] = v
    for side in ("up", "down"):
        out[f"spinning_reserve_{side}_price"] = requirement_price(space, case, row_dual,
                                                                   f"spinning_{side}_requirement")

"""Part-load fuel use (switch_model.generators.core.commit.fuel_use, 2.0.9; docs/formulation/commit.md §2-3).

``gen_inc_heat_rates.csv`` gives each project a convex curve of lines (a_s, b_s) (fuel_use.py:240-360): a_s in
heat units per hour per MW committed, b_s the incremental heat rate; a fuel-based project without a curve has
the one line (0, gen_full_load_heat_rate). For every active (g, t) of a fuel-based project and every line
(GenFuelUseRate_Calculate, fuel_use.py:130-140):

    F[g,t] - a_s * CommitGen[g,t] - b_s * DispatchGen[g,t] - gen_startup_fuel[g] / dur[t] * Startup[g,t] >= 0

F (SWITCH's GenFuelUseRate, one fuel per project) is a column (block ``gen_fuel_use_rate`` over ``m.fu_gt``,
positions in dispatch_gen, rows ``fuel_use`` at ``m.fu_row_ptr``) only where it must be. A one-line project with
a, b >= 0 whose fuel is available and for which more fuel never helps (emissions per heat unit >= 0; in
markets mode every tier of its market costs >= 0) has fuel use equal to its line at every optimum, so the line
is substituted (docs/formulation/commit.md §3, reduction 4). Fuel use then enters, as the terms of
fuel_use.fuel_terms, the fuel costs and carbon costs (priced here, on whichever columns carry them), the
carbon cap rows and the fuel-market rows. Where the fuel is unavailable F is fixed at 0 (simple.py:60-69).

Reading the curve also sets, where gen_info leaves them '.', gen_min_load_fraction (first segment start /
curve capacity; 1 for a point-only curve) and gen_full_load_heat_rate, and checks them where given
(fuel_use.py:199-235: min load within approx_equal's 1 %, heat rate within 1 % relative).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..case import F, I
from ..errors import CaseError
from ..io.schema import Col, TableSpec
from ..kernels.commit import fuel_use_put
from .fuel_use import fuel_terms


NAME = "commit_fuel_use"
MODULES = ("switch_model.generators.core.commit.fuel_use",)
CURVES = "gen_inc_heat_rates.csv"
NAN = float("nan")
INPUTS = (
    TableSpec(CURVES, optional=True, columns=(
        Col("GENERATION_PROJECT", kind="text"),
        Col("power_start_mw"),
        Col("power_end_mw", default=NAN),
        Col("incremental_heat_rate_mbtu_per_mwhr", default=NAN),
        Col("fuel_use_rate_mmbtu_per_h", default=NAN))),
)
RESULTS: dict = {}


@dataclass(slots=True)
class FuelUseData:
    """Lines of each project's fuel-use curve; rows past gen_n_seg[g] are padding (0)."""
    gen_n_seg: I     # (n_gen,) 0 for non-fuel projects
    gen_seg_a: F     # (n_gen, n_seg_max) heat units per hour per MW committed
    gen_seg_b: F     # (n_gen, n_seg_max) heat units per MWh


def _curve_error(t, row: int, column: str, what: str) -> CaseError:
    return CaseError(what, t.file, int(t.lines[row]), column)


def _parse(t, case) -> tuple[dict[int, list[tuple[float, float]]], dict[int, float], dict[int, float], dict[int, int]]:
    """switch-model's _parse_inc_heat_rate_file: lines, implied min load and full-load heat rate per project,
    and the first row of each project (for messages). A loop over a small input table, once per read."""
    g_of = t.ref("GENERATION_PROJECT", case.gen_names, "generation project", "gen_info.csv")
    start = t.number("power_start_mw")
    end = t.number("power_end_mw", NAN)
    ihr = t.number("incremental_heat_rate_mbtu_per_mwhr", NAN)
    rate = t.number("fuel_use_rate_mmbtu_per_h", NAN)
    points: dict[int, tuple[float, float]] = {}
    segs: dict[int, list[tuple[float, float, float, int]]] = {}
    first: dict[int, int] = {}
    for r in range(len(t)):
        g = int(g_of[r])
        first.setdefault(g, r)
        if case.gen_fuel[g] < 0:
            raise _curve_error(t, r, "GENERATION_PROJECT", f"project '{case.gen_names[g]}' does not burn a fuel; "
                               "a fuel-use curve is for fuel-based projects only")
        if np.isnan(end[r]) and np.isnan(ihr[r]) and not np.isnan(rate[r]):
            if g in points:
                raise _curve_error(t, r, "fuel_use_rate_mmbtu_per_h", f"a second starting point for "
                                   f"'{case.gen_names[g]}'; a curve has one row with a fuel use rate")
            points[g] = (start[r], rate[r])
        elif np.isnan(rate[r]) and not np.isnan(end[r]) and not np.isnan(ihr[r]):
            segs.setdefault(g, []).append((start[r], end[r], ihr[r], r))
        else:
            raise _curve_error(t, r, "power_end_mw", "expected either a starting point (power_end_mw and "
                               "incremental_heat_rate_mbtu_per_mwhr '.', fuel_use_rate_mmbtu_per_h given) or a "
                               "segment (fuel_use_rate_mmbtu_per_h '.', the other two given)")
    lines: dict[int, list[tuple[float, float]]] = {}
    min_load: dict[int, float] = {}
    full_hr: dict[int, float] = {}
    for g, rows in segs.items():
        if g not in points:
            raise _curve_error(t, rows[0][3], "GENERATION_PROJECT",
                               f"no starting point (a row with fuel_use_rate_mmbtu_per_h) for '{case.gen_names[g]}'")
    for g, (p0, f0) in points.items():
        if g not in segs:                           # on at full power only: one line through the point
            lines[g], min_load[g], full_hr[g] = [(0.0, f0 / p0)], 1.0, f0 / p0
            continue
        rows = sorted(segs[g])
        capacity = rows[-1][1]
        fuel_at = {p0: f0}
        prev_ihr = rows[0][2]
        lines[g] = []
        for s, e, h, r in rows:
            if h < prev_ihr:
                raise _curve_error(t, r, "incremental_heat_rate_mbtu_per_mwhr", "an incremental heat rate below "
                                   "the previous segment's; the curve must be convex")
            if s not in fuel_at:
                raise _curve_error(t, r, "power_start_mw", "a segment must start at the starting point or at the "
                                   "end of an earlier segment")
            lines[g].append(((fuel_at[s] - h * s) / capacity, h))
            fuel_at[e] = fuel_at[s] + (e - s) * h
            prev_ihr = h
        min_load[g] = rows[0][0] / capacity
        full_hr[g] = fuel_at[capacity] / capacity
    return lines, min_load, full_hr, first


def load(t, case) -> FuelUseData:
    from . import commit_operate
    if commit_operate.NAME not in case.ext:
        raise CaseError("commit.fuel_use needs switch_model.generators.core.commit.operate", case.modules_file)
    op = case.ext[commit_operate.NAME]
    curves = t[CURVES]
    lines: dict[int, list[tuple[float, float]]] = {}
    if curves is not None and len(curves):
        lines, min_load, full_hr, first = _parse(curves, case)
        ml = op.gen_min_load.copy()
        for g, v in min_load.items():
            if op.gen_min_load_given[g]:
                if not abs(v - ml[g]) <= (abs(v) + abs(ml[g])) / 2.0 * 0.01:    # utilities.approx_equal
                    raise _curve_error(curves, first[g], "power_start_mw", f"the curve's minimum load {v:g} of "
                                       f"'{case.gen_names[g]}' differs from gen_min_load_fraction {ml[g]:g} in gen_info.csv")
            else:
                ml[g] = v
        commit_operate.set_min_load(op, case, ml)
        for g, v in full_hr.items():
            hr = case.gen_heat_rate[g]
            if np.isnan(hr):
                case.gen_heat_rate[g] = v
            elif abs((v - hr) / hr) > 0.01:
                raise _curve_error(curves, first[g], "GENERATION_PROJECT", f"the curve's full-load heat rate {v:g} "
                                   f"of '{case.gen_names[g]}' differs from gen_full_load_heat_rate {hr:g} by more than 1 %")
    missing = (case.gen_fuel >= 0) & np.isnan(case.gen_heat_rate)
    if missing.any():
        g = int(np.flatnonzero(missing)[0])
        raise CaseError(f"no gen_full_load_heat_rate for fuel-based project '{case.gen_names[g]}' and no curve "
                        f"in {CURVES}", "gen_info.csv", None, "gen_full_load_heat_rate")
    fuel_based = case.gen_fuel >= 0
    n_seg = np.where(fuel_based, 1, 0).astype(np.int64)
    for g, ls in lines.items():
        n_seg[g] = len(ls)
    width = max(1, int(n_seg.max(initial=0)))
    a = np.zeros((case.n_gen, width))
    b = np.zeros((case.n_gen, width))
    b[:, 0] = np.where(fuel_based, case.gen_heat_rate, 0.0)              # default line (0, full-load heat rate)
    for g, ls in lines.items():
        a[g, :len(ls)], b[g, :len(ls)] = zip(*ls)
    return FuelUseData(gen_n_seg=n_seg, gen_seg_a=a, gen_seg_b=b)


def commit_fuel_per_mw(case) -> npt.NDArray[np.bool_]:
    """(n_gen,) whether the project's fuel use depends on CommitGen (a line with a nonzero intercept)."""
    if NAME not in case.ext:
        return np.zeros(case.n_gen, bool)
    return (case.ext[NAME].gen_seg_a != 0).any(axis=1)


def intercepts_nonnegative(case) -> npt.NDArray[np.bool_]:
    """(n_gen,) whether every fuel-use line of the project has an intercept >= 0 (fuel use never falls when
    CommitGen rises); True without commit.fuel_use."""
    if NAME not in case.ext:
        return np.ones(case.n_gen, bool)
    d: FuelUseData = case.ext[NAME]
    line = np.arange(d.gen_seg_a.shape[1])[None, :] < d.gen_n_seg[:, None]
    return np.where(line, d.gen_seg_a, 0.0).min(axis=1, initial=0.0) >= 0


def commit_col_of(space) -> I:
    """(n_gt,) the column that carries CommitGen of each dispatch pair in the fuel-use terms: its commit column,
    its dispatch column where commit.operate set CommitGen = DispatchGen (``m.cd``), else -1 (no fuel term reads
    it there: the pair's intercepts are 0)."""
    m, c = space.m, space.cols
    k = np.arange(len(m.gt_gen), dtype=np.int64)
    return np.where(m.cm_of >= 0, c["commit_gen"].start + m.cm_of,
                    np.where(m.cd, c["dispatch_gen"].start + k, -1)).astype(np.int64)


def index(case, m) -> None:
    d: FuelUseData = case.ext[NAME]
    g = m.gt_gen
    fuel = case.gen_fuel[g] >= 0
    one_line = (d.gen_n_seg[g] == 1) & (d.gen_seg_a[g, 0] >= 0) & (d.gen_seg_b[g, 0] >= 0)
    more_never_helps = case.gen_co2_per_heat[g] >= 0
    if case.fuel_mode == "markets":
        cheap = np.ones(len(case.rfm_names), bool)
        np.logical_and.at(cheap, case.tier_rfm, case.tier_cost >= 0)
        more_never_helps &= cheap[np.maximum(m.gt_rfm, 0)]
    folded = fuel & one_line & more_never_helps & ~m.fuel_blocked
    m.fs_gt = np.flatnonzero(folded).astype(np.int64)
    m.fu_gt = np.flatnonzero(fuel & ~folded).astype(np.int64)
    m.fu_row_ptr = np.zeros(len(m.fu_gt) + 1, np.int64)
    np.cumsum(d.gen_n_seg[g[m.fu_gt]], out=m.fu_row_ptr[1:])


def columns(case, m):
    return [("gen_fuel_use_rate", (len(m.fu_gt),))]


def col_bounds(space, case, lo, hi):
    m = space.m
    space.cols["gen_fuel_use_rate"].view(hi)[:] = np.where(m.fuel_blocked[m.fu_gt], 0.0, np.inf)


def row_blocks(case, m):
    return [("fuel_use", (int(m.fu_row_ptr[-1]),))]


def put(fill, col_pos, indices, data, space, case):
    d: FuelUseData = case.ext[NAME]
    c, m = space.cols, space.m
    op = case.ext["commit"]
    k = m.fu_gt
    sf = op.gen_startup_fuel[m.gt_gen[k]] / case.tp_duration_h[m.gt_tp[k]]
    fuel_use_put(fill, col_pos, indices, data, space.rows["fuel_use"].start, c["gen_fuel_use_rate"].start,
                 c["dispatch_gen"].start, commit_col_of(space), c["startup_gen_capacity"].start, k, m.fu_row_ptr,
                 m.gt_gen, np.ascontiguousarray(d.gen_seg_a).ravel(), np.ascontiguousarray(d.gen_seg_b).ravel(),
                 d.gen_seg_a.shape[1], m.cm_of, m.su_of, sf)


def bounds(space, case, lo, hi):
    if "fuel_use" not in space.rows:                    # commit.fuel_use not loaded
        return
    b = space.rows["fuel_use"]
    lo[b.start:b.stop], hi[b.start:b.stop] = 0.0, np.inf


def commit_fuel_terms(space, case) -> tuple[I, I, F]:
    """fuel_use.fuel_terms under commit.operate + commit.fuel_use (see the module docstring)."""
    d: FuelUseData = case.ext[NAME]
    c, m = space.cols, space.m
    op = case.ext["commit"]
    k = m.fs_gt
    g = m.gt_gen[k]
    cm = m.cm_of[k]
    commit = commit_col_of(space)[k]
    su = np.where(cm >= 0, m.su_of[np.maximum(cm, 0)], -1)
    a, sf = d.gen_seg_a[g, 0], op.gen_startup_fuel[g] / case.tp_duration_h[m.gt_tp[k]]
    on_c = (commit >= 0) & (a != 0)
    on_s = (su >= 0) & (sf != 0)
    cols = np.concatenate([c["gen_fuel_use_rate"].start + np.arange(len(m.fu_gt)), c["dispatch_gen"].start + k,
                           commit[on_c], c["startup_gen_capacity"].start + su[on_s]])
    ks = np.concatenate([m.fu_gt, k, k[on_c], k[on_s]])
    coef = np.concatenate([np.ones(len(m.fu_gt)), d.gen_seg_b[g, 0], a[on_c], sf[on_s]])
    return cols.astype(np.int64), ks.astype(np.int64), coef


def costs(space, case, cost):
    """Fuel (fuel_costs.simple) and carbon costs of the fuel used, on whichever columns carry it."""
    col, k, coef = fuel_terms(space, case)
    m = space.m
    g, t = m.gt_gen[k], m.gt_tp[k]
    p = case.tp_period[t]
    per_heat = case.carbon_price[p] * case.gen_co2_per_heat[g]
    if case.fuel_mode == "simple":
        price = case.fuel_cost[case.gen_zone[g], case.gen_fuel[g], p]
        per_heat = per_heat + np.nan_to_num(price)
    np.add.at(cost, col, case.bac[p] * case.tp_weight_in_year[t] * coef * per_heat)
    return 0.0

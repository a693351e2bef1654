"""Exact fleet aggregation: projects the LP cannot tell apart, merged into one project per group.

``aggregate(case) -> (merged case, FleetMap)`` is a pure transform, vectorised over the parameter arrays
(one ``np.unique`` over a key matrix, no loop over projects). Results of the merged case are handed back
per original project by ``per_project`` (``result.py`` calls it), pro rata by each project's share.

Why merging is exact. Every constraint of SWITCH that holds a project's variables is either the project's own
(dispatch, charge and state-of-charge limits, hydro flows, baseload, build limits, ...) or a sum over projects
with coefficients that are the project's per-MW parameters (energy balance, fuel, emissions, reserves, plans).
The costs are linear in the variables with per-MW coefficients. So if two projects have the same per-MW
parameters ("intensive": equal in the key below) and their own feasible sets add up to the merged project's
set (a Minkowski sum), every merged solution splits into a feasible solution of each project at the same total
cost, and every split solution sums to a merged one: the optimum is the same, to the solver's tolerance.
The split is ``x_j = share_j(p) * x_merged`` for every per-project quantity of period p.

Two kinds of groups, told apart by the key (a project with new builds never meets one without):

* **Existing fleet only** (no new build in any period). Capacity per period is a constant
  ``C_j(p) = sum of its predetermined MW online in p``. Each project's operating set in period p is
  ``C_j(p)`` times one set (dispatch ``<= avail * cf * C``, charge ``<= C``, state of charge ``<= ratio * C``,
  baseload ``= avail * cf * C``), so the sum over the group is the same set times ``sum_j C_j(p)``: units of
  different build years (and so different retirement years) merge, and ``share_j(p) = C_j(p) / C(p)``.
  Predetermined builds of one build year with identical cost rows become one build with their MW summed
  (and their predetermined MWh summed); builds of the same year with other costs stay separate builds
  of the merged project (their costs are objective constants, but they are kept rather than averaged).
  Hydro flows (``hydro_min_flow_mw``, ``hydro_avg_flow_mw``) are absolute MW, a fixed amount of water:
  the sum over projects of ``{min <= d <= avail*C, mean d <= avg}`` is in general smaller than the merged set
  (a unit without spare water cannot run on another's), but equal to it when the flows are proportional to
  the capacity; so the key holds the flows per MW online (``flow / C_j(p)``, where the project is online),
  which must be identical bit for bit (SWITCH-China's flows are written rounded to 6 decimals, so only units of the same
  size and year merge there). Storage with a free energy/power ratio never merges here (its energy and power
  would need the same share in every period). A capacity limit exceeded by predetermined capacity (an
  infeasible case) keeps the project alone, so that merging cannot hide the infeasibility; otherwise limits
  are summed (they bind nothing without new builds).
* **Projects with new builds.** The new builds (their years, overnight and fixed O&M costs, storage-energy
  costs, online periods) must be identical; the new-build decision is shared out with one constant share
  ``alpha_j``, taken from the project's size: its capacity limit where finite, else its largest
  predetermined capacity, else 1. Everything extensive must then be proportional to ``alpha_j``: the key
  holds the capacity limit, predetermined MW and MWh online per period and hydro flows, each divided by
  ``alpha_j``. Candidates of one technology in one zone with different site limits therefore merge, with
  ``gen_capacity_limit_mw`` summed (the split ``alpha_j * BuildGen`` meets every project's limit), while a
  project whose headroom over its predetermined capacity is not proportional stays alone (its builds could
  not always be split: the limit row couples periods).
* ``gen_min_build_capacity > 0`` makes the project's build a binary choice (a MIP): the sum of two
  "0 or at least m" sets is not "0 or at least 2m", so such a project never merges.

Extensive (summed): predetermined MW and MWh per build, capacity limits, hydro flows. Intensive (identical,
in the key): zone, technology, energy source, fuel, heat rate, variable O&M, connection cost, life, outage
rates (as availability), every flag (variable, baseload, distributed, RE-connected, storage, attachment),
CCS, storage efficiency, store-to-release ratio, energy/power ratio, cycle limit, capacity-factor row,
new-build cost rows. Family data in ``case.ext`` (the family protocol: fields ``gen_*`` with leading axis n_gen,
``bld_*`` with leading axis n_bld) is treated as intensive: ``gen_*`` rows join the key, ``bld_*`` rows join
the new-build rows and the predetermined-build merge key; other fields (zones, periods, ...) pass through.
Family data must not hold project or build indices in other fields (they would not be renumbered).
Results of a family that are per project follow the same rule as the stage-1 ones (``per_project``).
A family whose constraints depend on which project is which rather than on sums over projects (a reserve
covering the largest single project, say) defines ``fleet_mergeable(case) -> bool``; where it returns False,
nothing is merged. Every other family of SWITCH's commitment, reserve and planning modules is linear in
per-project quantities with per-MW coefficients (committed capacity between per-MW bounds, startups, part-load
fuel lines per MW committed, reserve provision within headroom, capacity credit per MW, plans over sums of
capacity), so the argument above covers it.

A case in which nothing merges comes back unchanged (the same object, ``fleet`` None).
"""
from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping

import numpy as np

from .case import Case, F, I
from .csc_builder.registry import FAMILIES, on

log = logging.getLogger(__name__)


# gen-level Case fields that are the same for every project of a group (the group's first project gives them)
INTENSIVE = ("gen_tech", "gen_source", "gen_zone", "gen_fuel", "gen_heat_rate", "gen_vom", "gen_connect",
             "gen_max_age", "gen_avail", "gen_is_variable", "gen_is_baseload", "gen_is_distributed",
             "gen_is_re_connect", "gen_is_storage", "gen_ccs_eff", "gen_ccs_load", "gen_sto_eff", "gen_sto_s2r",
             "gen_sto_ratio", "gen_sto_cycles", "gen_attachment", "gen_min_build")
# gen-level Case fields that are summed or derived
GEN_OTHER = ("gen_names", "gen_cap_limit", "gen_active")
# per-build cost columns (Case fields) that must be identical for builds to be one
BUILD_COSTS = ("bld_overnight", "bld_fixed_om", "bld_e_overnight", "bld_e_fixed_om")
# per-build Case fields that are summed (predetermined MW, MWh) or follow from the build's year and project
BUILD_OTHER = ("bld_gen", "bld_year", "bld_fixed", "bld_fixed_mw", "bld_e_fixed_mwh", "bld_online")


@dataclasses.dataclass(frozen=True, slots=True)
class FleetMap:
    """How the projects of a merged case stand for the projects as read."""
    names: np.ndarray          # (n_orig,) project names as read
    group: I                   # (n_orig,) merged project of each project as read
    share: F                   # (n_orig, n_period) its share of the merged project's quantities in each period

    @property
    def n_orig(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return f"FleetMap({self.n_orig} projects as read -> {int(self.group.max(initial=-1)) + 1} merged)"


def _codes(v: np.ndarray) -> F:
    """Integer codes of any 1-D array as float64 (text labels included)."""
    if v.dtype.kind in "fiub":
        return v.astype(np.float64)
    return np.unique(v.astype(str), return_inverse=True)[1].astype(np.float64)


def _rows(v: np.ndarray, n: int) -> F:
    """An array with leading axis n as (n, k) float64 rows (text as codes)."""
    v = np.asarray(v)
    if v.dtype.kind not in "fiub":
        v = _codes(v.ravel()).reshape(v.shape)
    return v.reshape(n, -1).astype(np.float64)


def _group_ids(key: F) -> tuple[I, I]:
    """(group of each row, first row of each group); groups numbered in order of their first row.
    Rows are equal when their bytes are (nan equals nan; -0.0 is made 0.0 first)."""
    key = np.ascontiguousarray(np.where(np.isnan(key), np.nan, key + 0.0))
    void = key.view(np.dtype((np.void, key.dtype.itemsize * key.shape[1]))).ravel()
    _, first, inv = np.unique(void, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[inv.ravel()].astype(np.int64), first[order].astype(np.int64)


def _ext_fields(case: Case) -> dict[str, dict[str, np.ndarray]]:
    """gen_* and bld_* arrays of each family's data in case.ext."""
    out: dict[str, dict[str, np.ndarray]] = {}
    for fam, data in (getattr(case, "ext", None) or {}).items():
        if not dataclasses.is_dataclass(data):
            continue
        out[fam] = {f.name: getattr(data, f.name) for f in dataclasses.fields(data)
                    if f.name.startswith(("gen_", "bld_")) and isinstance(getattr(data, f.name), np.ndarray)}
    return out


def _period_of_build(case: Case) -> I:
    """Period index of each build whose year is a period label, else -1."""
    pos = np.searchsorted(case.periods, case.bld_year)
    pos = np.minimum(pos, case.n_period - 1)
    return np.where(case.periods[pos] == case.bld_year, pos, -1).astype(np.int64)


def _hydro_flows(case: Case) -> tuple[F, F]:
    """Hydro min and average flows where they reach the LP (the project is online in the timeseries's period),
    nan elsewhere."""
    on_ts = case.gen_active[:, case.ts_period]
    return np.where(on_ts, case.hydro_min_mw, np.nan), np.where(on_ts, case.hydro_avg_mw, np.nan)


def _gen_key(case: Case, ext: dict[str, dict[str, np.ndarray]]) -> tuple[F, F, F]:
    """The key matrix (one row per project), each project's new-build share weight alpha (0 without new
    builds) and its predetermined MW online per period."""
    n_gen, n_period = case.n_gen, case.n_period
    new = ~case.bld_fixed
    has_new = np.zeros(n_gen, bool)
    has_new[case.bld_gen[new]] = True
    # capacity (MW, MWh) online per period from predetermined builds
    fixed_mw = np.zeros((n_gen, n_period))
    np.add.at(fixed_mw, case.bld_gen, (case.bld_fixed_mw * case.bld_fixed)[:, None] * case.bld_online)
    fixed_mwh = np.zeros((n_gen, n_period))
    e = np.nan_to_num(case.bld_e_fixed_mwh) * case.bld_fixed
    np.add.at(fixed_mwh, case.bld_gen, e[:, None] * case.bld_online)
    # new builds as (project, period) cells: 1 where one exists, then its cost rows and family rows
    p_new = _period_of_build(case)[new]
    g_new = case.bld_gen[new]
    bld_rows = np.hstack([np.ones((case.n_bld, 1))] + [getattr(case, name)[:, None] for name in BUILD_COSTS]
                         + [_rows(v, case.n_bld) for fields in ext.values() for name, v in fields.items()
                            if name.startswith("bld_")])
    new_cells = np.full((n_gen, n_period, bld_rows.shape[1]), np.nan)
    new_cells[g_new, p_new] = bld_rows[new]
    # size of a project with new builds: its limit, else its largest predetermined capacity, else 1
    limit = case.gen_cap_limit
    alpha = np.where(np.isfinite(limit) & (limit > 0), limit, fixed_mw.max(axis=1, initial=0.0))
    alpha = np.where(alpha > 0, alpha, 1.0)
    hmin, havg = _hydro_flows(case)
    cap_ts = fixed_mw[:, case.ts_period]
    with np.errstate(divide="ignore", invalid="ignore"):
        # projects with new builds: every extensive quantity per unit of alpha
        ext_new = np.hstack([limit[:, None], fixed_mw, fixed_mwh, hmin, havg]) / alpha[:, None]
        # existing fleet: hydro flows per MW online
        ext_old = np.hstack([hmin / cap_ts, havg / cap_ts])
    flows = np.hstack([hmin, havg])
    bad_flow = (~np.isnan(flows) & ~np.isfinite(ext_old)).any(axis=1)
    extensive = np.where(has_new[:, None], ext_new, np.hstack([np.zeros((n_gen, 2 * n_period + 1)), ext_old]))
    # projects that never merge: a MIP build, free-ratio storage with predetermined capacity, an infeasible
    # predetermined capacity, or flows that cannot be put per MW
    alone = case.gen_min_build > 0
    alone |= ~has_new & case.gen_is_storage & np.isnan(case.gen_sto_ratio) & (fixed_mw > 0).any(axis=1)
    alone |= ~has_new & (fixed_mw > limit[:, None]).any(axis=1)
    alone |= ~has_new & bad_flow
    parts = [np.where(alone, np.arange(n_gen) + 1.0, 0.0)[:, None], has_new[:, None].astype(np.float64)]
    parts += [_rows(getattr(case, name), n_gen) for name in INTENSIVE]
    parts += [case.cf, new_cells.reshape(n_gen, -1), extensive]
    parts += [_rows(v, n_gen) for fields in ext.values() for name, v in fields.items() if name.startswith("gen_")]
    return np.hstack(parts), np.where(has_new, alpha, 0.0), fixed_mw


def aggregate(case: Case) -> tuple[Case, FleetMap | None]:
    """The case with identical projects merged (module docstring), and the map back to the projects as read.
    Nothing to merge, or a family that tells projects apart (``fleet_mergeable``): ``(case, None)``."""
    apart = [f.NAME for f in on(FAMILIES, case) if hasattr(f, "fleet_mergeable") and not f.fleet_mergeable(case)]
    if apart:
        log.info("projects not merged: family %s depends on which project is which", ", ".join(apart))
        return case, None
    ext = _ext_fields(case)
    key, alpha, fixed_mw = _gen_key(case, ext)
    group, first = _group_ids(key)
    n_new = len(first)
    if n_new == case.n_gen:
        return case, None
    size = np.bincount(group, minlength=n_new)
    # shares: alpha for groups with new builds, predetermined capacity per period otherwise
    weight = np.where(alpha[:, None] > 0, alpha[:, None], fixed_mw)
    total = np.zeros((n_new, case.n_period))
    np.add.at(total, group, weight)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total[group] > 0, weight / total[group], 1.0 / size[group][:, None])
    names = np.asarray(case.gen_names, dtype=object)
    merged_names = names[first].astype(str).astype(object)
    many = size > 1
    merged_names[many] = np.char.add(merged_names[many].astype(str), np.char.add("+", (size[many] - 1).astype(str)))
    fields: dict[str, object] = {name: getattr(case, name)[first] for name in INTENSIVE}
    fields["gen_names"] = merged_names
    limit = np.zeros(n_new)
    np.add.at(limit, group, case.gen_cap_limit)
    fields["gen_cap_limit"] = limit
    active = np.zeros((n_new, case.n_period), bool)
    np.logical_or.at(active, group, case.gen_active)
    fields["gen_active"] = active
    fields["cf"] = case.cf[first]
    for name, v in zip(("hydro_min_mw", "hydro_avg_mw"), _hydro_flows(case)):
        s = np.zeros((n_new, case.n_ts))
        np.add.at(s, group, np.nan_to_num(v))
        hit = np.zeros((n_new, case.n_ts), bool)
        np.logical_or.at(hit, group, ~np.isnan(v))
        fields[name] = np.where(hit, s, np.nan)
    fields.update(_builds(case, ext, group, first))
    fields.update(_merged_ext(case, ext, group, first, fields["_bld_src"], n_new))
    del fields["_bld_src"]
    fleet = FleetMap(names, group, share)
    return dataclasses.replace(case, **fields, fleet=fleet), fleet


def _builds(case: Case, ext: dict[str, dict[str, np.ndarray]], group: I, first: I) -> dict[str, object]:
    """Builds of the merged projects: the first project's new builds, and predetermined builds summed per
    (merged project, build year, identical cost row)."""
    n_new = len(first)
    is_first = np.zeros(case.n_gen, bool)
    is_first[first] = True
    g_new = group[case.bld_gen]
    keep_new = ~case.bld_fixed & is_first[case.bld_gen]
    fixed = np.flatnonzero(case.bld_fixed)
    key = np.column_stack([g_new[fixed], case.bld_year[fixed], np.isnan(case.bld_e_fixed_mwh[fixed])]
                          + [getattr(case, name)[fixed] for name in BUILD_COSTS]
                          + [_rows(v, case.n_bld)[fixed] for fields in ext.values()
                             for name, v in fields.items() if name.startswith("bld_")])
    fgroup, ffirst = _group_ids(key.astype(np.float64)) if len(fixed) else (np.zeros(0, np.int64),) * 2
    n_f = len(ffirst)
    mw = np.zeros(n_f)
    np.add.at(mw, fgroup, case.bld_fixed_mw[fixed])
    mwh = np.zeros(n_f)
    np.add.at(mwh, fgroup, np.nan_to_num(case.bld_e_fixed_mwh[fixed]))
    src = np.r_[np.flatnonzero(keep_new), fixed[ffirst]].astype(np.int64)   # a source build for each new one
    fixed_mw = np.r_[case.bld_fixed_mw[keep_new], mw]
    fixed_mwh = np.r_[case.bld_e_fixed_mwh[keep_new], np.where(np.isnan(case.bld_e_fixed_mwh[fixed[ffirst]]),
                                                                np.nan, mwh)]
    order = np.lexsort((case.bld_year[src], g_new[src]))
    out: dict[str, object] = {
        "bld_gen": g_new[src][order], "bld_fixed_mw": fixed_mw[order], "bld_e_fixed_mwh": fixed_mwh[order],
        "_bld_src": src[order],
    }
    for name in ("bld_year", "bld_fixed", "bld_online") + BUILD_COSTS:
        out[name] = getattr(case, name)[src[order]]
    assert out["bld_gen"].max(initial=-1) < n_new
    return out


def _merged_ext(case: Case, ext: dict[str, dict[str, np.ndarray]], group: I, first: I, bld_src: I,
                n_new: int) -> dict[str, object]:
    """case.ext with each family's gen_* rows taken from the group's first project and bld_* rows from the
    source build of each merged build (they are identical within a group, by the key)."""
    if not ext:
        return {}
    new_ext = dict(case.ext)
    for fam, fields in ext.items():
        repl = {name: (v[first] if name.startswith("gen_") else v[bld_src]) for name, v in fields.items()}
        new_ext[fam] = dataclasses.replace(case.ext[fam], **repl)
    return {"ext": new_ext}


def is_extensive(units: str) -> bool:
    """Whether a per-project result in `units` is a quantity that adds up over projects (MW, MWh, t, $) rather
    than a rate per unit (``$/MWh``, ``per MW``, a fraction)."""
    u = units.lower()
    return not ("/" in u or "per mw" in u or "fraction" in u or u in ("", "1"))


def per_project(fleet: FleetMap, arrays: Mapping[str, np.ndarray],
                dims_of: Callable[[str], tuple[tuple[str, ...], str]], tp_period: I) -> dict[str, np.ndarray]:
    """`arrays` of the merged case with every array whose first axis is ``projects`` given per project as read:
    extensive quantities times the project's share in the period of their second axis (``periods`` or
    ``timepoints``; the first period's share where it has neither), rates copied from the merged project.
    `dims_of(name)` gives an array's (axis names, units)."""
    out = dict(arrays)
    for name, v in arrays.items():
        axes, units = dims_of(name)
        if not axes or axes[0] != "projects":
            continue
        v = np.asarray(v)[fleet.group]
        if not is_extensive(units):
            out[name] = v
            continue
        if len(axes) > 1 and axes[1] == "periods":
            s = fleet.share
        elif len(axes) > 1 and axes[1] == "timepoints":
            s = fleet.share[:, tp_period]
        else:
            s = fleet.share[:, :1]
        out[name] = v * s.reshape(s.shape + (1,) * (v.ndim - 2)) if v.ndim > 1 else v * s[:, 0]
    return out

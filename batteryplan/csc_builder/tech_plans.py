"""SWITCH-China's capacity plans (``china_modules.tech_plans``, formerly ``switch_model.china.tech_plans``;
SWITCH_FORMULATION.md §14, docs/formulation/tech_plans.md). Source: switch-model/switch-china-open-model,
china_modules/tech_plans.py, define_components (lines 22-65) and load_inputs (lines 68-90); GenCapacity is
switch-model 2.0.9's generators/core/build.py:607-614.

Rows per line of capacity_plans.csv (e, z, p), Enforce_Capacity_Plan, a minimum:

    sum_{g: source e, zone z} sum_{b of g online in p} BuildGen[g,b] >= planned_capacity_mw[e,z,p]

and per line of total_capacity_limits.csv (e, p), Enforce_Total_Capacity_Limit, a national maximum:

    sum_{g: source e} sum_{b of g online in p} BuildGen[g,b] <= total_capacity_limit_mw[e,p]

Both files are optional; no columns, no cost.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..case import F, I, S
from ..io.schema import Col, TableSpec
from ..kernels.capacity import capacity_sum_put

NAME = "tech_plans"
MODULES = ("china_modules.tech_plans", "switch_model.china.tech_plans")
PLANS, LIMITS = "capacity_plans.csv", "total_capacity_limits.csv"
INPUTS = (
    TableSpec(PLANS, keys=("energy_sources", "load_zones", "period"), optional=True,
              columns=(Col("planned_capacity_mw"),)),
    TableSpec(LIMITS, keys=("energy_sources", "period"), optional=True,
              columns=(Col("total_capacity_limit_mw"),)),
    TableSpec("non_fuel_energy_sources.csv", optional=True),       # with fuels.csv: SWITCH's ENERGY_SOURCES
)
PLAN_ROWS, LIMIT_ROWS = "capacity_plan", "total_capacity_limit"


@dataclass(slots=True)
class Data:
    """One entry per file line, in file order."""
    plan_source: S       # energy source label
    plan_zone: I
    plan_period: I
    plan_mw: F           # minimum of online capacity
    limit_source: S
    limit_period: I
    limit_mw: F          # national maximum of online capacity


def _sources(t, case, spec_file: str) -> S:
    """The energy-source column of `spec_file`, checked against fuels.csv and non_fuel_energy_sources.csv."""
    nf = t["non_fuel_energy_sources.csv"]
    non_fuel = list(nf.text(nf.df.columns[0])) if nf is not None and len(nf.df.columns) else []
    table = t[spec_file]
    src = table.text("energy_sources")
    bad = ~np.isin(src, list(case.fuel_names) + non_fuel)
    if bad.any():
        table._fail(bad, "energy_sources",
                    "unknown energy source (not in fuels.csv or non_fuel_energy_sources.csv)", src)
    return src


def load(t, case) -> Data:
    empty = (np.zeros(0, object), np.zeros(0, np.int64), np.zeros(0, np.float64))
    plan_source, plan_period, plan_mw = empty
    plan_zone = np.zeros(0, np.int64)
    if t[PLANS] is not None:
        pt = t[PLANS]
        plan_source = _sources(t, case, PLANS)
        plan_zone = pt.ref("load_zones", case.zones, "load zone", "load_zones.csv")
        plan_period = pt.period_ref("period", case.periods)
        plan_mw = pt.number("planned_capacity_mw")
        # a positive minimum with no project of that source and zone online in that period reads 0 >= planned
        online = case.gen_active[:, plan_period].T & (case.gen_zone[None, :] == plan_zone[:, None]) \
            & (case.gen_source[None, :] == plan_source[:, None])
        bad = (plan_mw > 0) & ~online.any(axis=1)
        if bad.any():
            pt._fail(bad, "planned_capacity_mw", "a minimum that no project can meet: no project of this energy "
                     "source in this zone has capacity online in this period (gen_info.csv, gen_build_costs.csv)",
                     pt.df["planned_capacity_mw"].to_numpy(dtype=object))
    limit_source, limit_period, limit_mw = empty
    if t[LIMITS] is not None:
        lt = t[LIMITS]
        limit_source = _sources(t, case, LIMITS)
        limit_period = lt.period_ref("period", case.periods)
        limit_mw = lt.number("total_capacity_limit_mw")
    return Data(plan_source, plan_zone, plan_period, plan_mw, limit_source, limit_period, limit_mw)


def _codes(case, *labels: S) -> list[I]:
    """Integer codes of energy-source labels, shared by the projects' gen_source and each of `labels`."""
    _, inv = np.unique(np.concatenate([case.gen_source, *labels]).astype(str), return_inverse=True)
    return np.split(inv.astype(np.int64), np.cumsum([case.n_gen] + [len(x) for x in labels[:-1]]))


def index(case, m):
    """Items (row, project, period): every project of the row's source (and zone, for plans)."""
    d = case.ext[NAME]
    gen_code, plan_code, limit_code = _codes(case, d.plan_source, d.limit_source)
    plan = (gen_code[None, :] == plan_code[:, None]) & (case.gen_zone[None, :] == d.plan_zone[:, None])
    limit = gen_code[None, :] == limit_code[:, None]
    m.plan_item_row, m.plan_item_gen = (a.astype(np.int64) for a in np.nonzero(plan))
    m.limit_item_row, m.limit_item_gen = (a.astype(np.int64) for a in np.nonzero(limit))


def row_blocks(case, m):
    d = case.ext[NAME]
    return [(PLAN_ROWS, (len(d.plan_mw),)), (LIMIT_ROWS, (len(d.limit_mw),))]


def put(fill, col_pos, indices, data, space, case):
    d, m = case.ext[NAME], space.m
    rows = np.concatenate([space.rows[PLAN_ROWS].start + m.plan_item_row,
                           space.rows[LIMIT_ROWS].start + m.limit_item_row])
    gens = np.concatenate([m.plan_item_gen, m.limit_item_gen])
    periods = np.concatenate([d.plan_period[m.plan_item_row], d.limit_period[m.limit_item_row]])
    col_of_bld = space.cols["build_gen"].start + np.arange(case.n_bld, dtype=np.int64)
    capacity_sum_put(fill, col_pos, indices, data, rows, gens, periods, np.ones(len(rows)),
                     m.bld_ptr, m.bld_idx, m.online, case.n_period, col_of_bld)


def bounds(space, case, lo, hi):
    d = case.ext[NAME]
    b = space.rows[PLAN_ROWS]
    lo[b.start:b.stop] = d.plan_mw
    hi[b.start:b.stop] = np.inf
    b = space.rows[LIMIT_ROWS]
    lo[b.start:b.stop] = -np.inf
    hi[b.start:b.stop] = d.limit_mw

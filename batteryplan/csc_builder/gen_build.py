"""Generator and storage builds (generators.core.build, §5; storage energy, §8): the columns

    BuildGen[g, b] >= 0 (fixed at gen_build_predetermined for predetermined builds, <= gen_capacity_limit_mw)
    BuildStorageEnergy[u, b] >= 0 (fixed where build_gen_energy_predetermined is given)

and their capital and fixed O&M costs, charged in every period the build is online (§13):
    BAC(p) * [BuildGen (overnight + connect) crf(i, max_age) + BuildGen fixed_om
              + BuildStorageEnergy (energy_overnight crf + energy_fixed_om)]
"""
from __future__ import annotations

import numpy as np

from .objective import crf

NAME = "gen_build"
MODULES = ()
RESULTS = {
    "build_mw": (("projects", "periods"), "MW"),
    "capacity_mw": (("projects", "periods"), "MW"),
    "energy_capacity_mwh": (("projects", "periods"), "MWh"),
}


def columns(case, m):
    return [("build_gen", (case.n_bld,)), ("build_storage_energy", (len(m.ebld),))]


def col_bounds(space, case, lo, hi):
    b = space.cols["build_gen"]
    lo[b.start:b.stop] = np.where(case.bld_fixed, case.bld_fixed_mw, 0.0)
    hi[b.start:b.stop] = np.where(case.bld_fixed, case.bld_fixed_mw, case.gen_cap_limit[case.bld_gen])
    b = space.cols["build_storage_energy"]
    e = case.bld_e_fixed_mwh[space.m.ebld]
    lo[b.start:b.stop] = np.where(np.isnan(e), 0.0, e)
    hi[b.start:b.stop] = np.where(np.isnan(e), np.inf, e)


def costs(space, case, cost):
    g, e = case.bld_gen, space.m.ebld
    gen_crf = crf(case.interest_rate, case.gen_max_age)
    npv_online = case.bld_online @ case.bac                          # sum of BAC over online periods
    b = space.cols["build_gen"]
    cost[b.start:b.stop] = npv_online * ((case.bld_overnight + case.gen_connect[g]) * gen_crf[g] + case.bld_fixed_om)
    b = space.cols["build_storage_energy"]
    cost[b.start:b.stop] = npv_online[e] * (case.bld_e_overnight[e] * gen_crf[g[e]] + case.bld_e_fixed_om[e])
    return 0.0


def results(space, case, x, row_dual, out):
    n_gen, n_period = case.n_gen, case.n_period
    bg = space.cols["build_gen"].view(x)
    period_of_bld = np.searchsorted(case.periods, case.bld_year)
    is_period = (period_of_bld < n_period) & (case.periods[np.minimum(period_of_bld, n_period - 1)] == case.bld_year)
    build = np.zeros((n_gen, n_period))
    sel = ~case.bld_fixed & is_period
    np.add.at(build, (case.bld_gen[sel], period_of_bld[sel]), bg[sel])
    out["build_mw"] = build
    out["capacity_mw"] = np.zeros((n_gen, n_period))
    np.add.at(out["capacity_mw"], case.bld_gen, bg[:, None] * case.bld_online)
    e = space.m.ebld
    be = space.cols["build_storage_energy"].view(x)
    out["energy_capacity_mwh"] = np.zeros((n_gen, n_period))
    np.add.at(out["energy_capacity_mwh"], case.bld_gen[e], be[:, None] * case.bld_online[e])


def annual_costs(space, case, x, a):
    """Capital and fixed O&M of generation and storage, $/yr in each period."""
    g, e = case.bld_gen, space.m.ebld
    gcrf = crf(case.interest_rate, case.gen_max_age)
    bg = space.cols["build_gen"].view(x)
    be = space.cols["build_storage_energy"].view(x)
    fixed = (bg * ((case.bld_overnight + case.gen_connect[g]) * gcrf[g] + case.bld_fixed_om)) @ case.bld_online
    fixed = fixed + (be * (case.bld_e_overnight[e] * gcrf[g[e]] + case.bld_e_fixed_om[e])) @ case.bld_online[e]
    return {"generation_and_storage_fixed": fixed}

"""SWITCH's fuel use (GenFuelUseRate[g, t], heat units per hour) as a list of terms over the LP's columns.

Fuel use enters the fuel costs (fuel_costs.simple), the fuel-market rows (fuel_costs.markets), and the
emissions (carbon cap rows, carbon cost). batteryplan substitutes it wherever the substitution is exact
(MODEL.md §4), so it is a sum of terms ``coef * x[col]``, each belonging to one dispatch pair k = (g, t):

- no_commit: ``heat_rate[g] * DispatchGen[g,t]`` (GenFuelUseRate_Calculate is an equality, no_commit.py:125-131);
- commit.operate without commit.fuel_use: no terms (nothing defines fuel use, so switch-model burns none);
- commit.operate with commit.fuel_use: the fuel-use column where the pair has one, else its single line
  ``a * CommitGen + b * DispatchGen + startup_fuel / dur * Startup`` (commit_fuel_use.py).

Every consumer (dispatch results, carbon_cap, fuel_markets, commit_fuel_use costs) reads these terms.
"""
from __future__ import annotations

import numpy as np

from ..case import F, I

NO_COMMIT = "switch_model.generators.core.no_commit"
FUEL_USE = "switch_model.generators.core.commit.fuel_use"


def fuel_terms(space, case) -> tuple[I, I, F]:
    """(col, k, coef): fuel use of dispatch pair k includes coef * x[col] (columns are flat positions)."""
    m = space.m
    if NO_COMMIT in case.modules:
        k = np.flatnonzero(case.gen_fuel[m.gt_gen] >= 0).astype(np.int64)
        return space.cols["dispatch_gen"].start + k, k, case.gen_heat_rate[m.gt_gen[k]]
    if FUEL_USE not in case.modules:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    from .commit_fuel_use import commit_fuel_terms
    return commit_fuel_terms(space, case)


def fuel_use_values(space, case, x: F) -> F:
    """(n_gen, n_tp) GenFuelUseRate summed over the terms at the solution x."""
    col, k, coef = fuel_terms(space, case)
    m = space.m
    out = np.zeros((case.n_gen, case.n_tp))
    np.add.at(out, (m.gt_gen[k], m.gt_tp[k]), coef * x[col])
    return out

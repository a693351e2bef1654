"""Unserved load (balancing.unserved_load, §11): UnservedLoad[z, t] >= 0 (an empty block without the module),
at the zone's balance (its distribution node with local T&D), at unserved_load_penalty $/MWh:

    BAC(p) * tp_weight_in_year[t] * unserved_load_penalty
"""
from __future__ import annotations

import numpy as np

NAME = "unserved"
MODULES = ()          # without the module the block is empty (the balance refers to it)
RESULTS = {"unserved_mw": (("zones", "timepoints"), "MW")}


def columns(case, m):
    return [("unserved_load", (case.n_zone if case.has_unserved else 0, case.n_tp))]


def costs(space, case, cost):
    b = space.cols["unserved_load"]
    if b.size:
        cost[b.start:b.stop] = np.tile(case.bac[case.tp_period] * case.tp_weight_in_year * case.unserved_penalty,
                                       case.n_zone)
    return 0.0


def results(space, case, x, row_dual, out):
    out["unserved_mw"] = (space.cols["unserved_load"].view(x) if case.has_unserved
                          else np.zeros((case.n_zone, case.n_tp)))


def annual_costs(space, case, x, a):
    from .dispatch import annual
    penalty = case.unserved_penalty if case.has_unserved else 0.0
    return {"unserved_load": annual(case, a["unserved_mw"].sum(axis=0)) * penalty}

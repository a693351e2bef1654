"""Quickstart reserves, as a switch-model 2.0.9 custom module for the live peer tests.

SWITCH-China's module list names ``switch_model.balancing.operating_reserves.quickstart``, which no
switch-model release contains (it lives on the unmerged ``quickstart_reserves`` branch of
switch-model/switch; docs/formulation/operating_reserves.md §3). This file states the same equations for
switch-model 2.0.9 so that a peer can solve cases that use it: put this folder on PYTHONPATH and list
``quickstart_reserves`` in modules.txt after the spinning_reserves module (or after areas and commit.operate
when spinning reserves are not used).

Input: optional ``gen_info.csv`` column ``gen_can_provide_quickstart_reserves`` (0/1; default 1 unless the
project is baseload or variable).

For every pair (g, t) of a project that may provide quickstart reserves and a timepoint when it operates:

    QuickstartReserve[g,t] <= CommitSlackUp[g,t] + CommitGenSpinningReservesSlackUp[g,t]

(the last term only where spinning reserves define it), and for every balancing area a and timepoint t:

    sum_{g in a} QuickstartReserve[g,t] >= 0.03 * sum_{z in a} load[z,t] + 0.05 * sum_{g variable in a} DispatchGen[g,t]

with load = WithdrawFromCentralGrid when local_td is loaded, else zone_demand_mw.
"""

from __future__ import annotations

import os
from typing import Any

from pyomo.environ import Boolean, Constraint, NonNegativeReals, Param, Set, Var


def define_components(m: Any) -> None:
    m.gen_can_provide_quickstart_reserves = Param(
        m.GENERATION_PROJECTS, within=Boolean,
        default=lambda m, g: not (m.gen_is_baseload[g] or m.gen_is_variable[g]))
    m.QUICKSTART_GEN_TPS = Set(
        dimen=2, within=m.GEN_TPS,
        initialize=lambda m: [(g, t) for (g, t) in m.GEN_TPS if m.gen_can_provide_quickstart_reserves[g]])
    m.QuickstartReserve = Var(m.QUICKSTART_GEN_TPS, within=NonNegativeReals)

    def headroom(m: Any, g: Any, t: Any) -> Any:
        room = m.CommitSlackUp[g, t]
        spinning = getattr(m, "SPINNING_RESERVE_GEN_TPS", None)
        if spinning is not None and (g, t) in spinning:
            room = room + m.CommitGenSpinningReservesSlackUp[g, t]
        return m.QuickstartReserve[g, t] <= room

    m.Quickstart_Headroom = Constraint(m.QUICKSTART_GEN_TPS, rule=headroom)

    def requirement(m: Any, a: Any, t: Any) -> Any:
        load = m.WithdrawFromCentralGrid if hasattr(m, "WithdrawFromCentralGrid") else m.zone_demand_mw
        zones = [z for z in m.LOAD_ZONES if m.zone_balancing_area[z] == a]
        need = 0.03 * sum(load[z, t] for z in zones) + 0.05 * sum(
            m.DispatchGen[g, t] for (g, tp) in m.VARIABLE_GEN_TPS if tp == t and m.gen_load_zone[g] in zones)
        have = sum(m.QuickstartReserve[g, tp] for (g, tp) in m.QUICKSTART_GEN_TPS
                   if tp == t and m.gen_load_zone[g] in zones)
        return have >= need

    m.Quickstart_Requirement = Constraint(m.BALANCING_AREA_TIMEPOINTS, rule=requirement)


def load_inputs(m: Any, switch_data: Any, inputs_dir: str) -> None:
    switch_data.load_aug(
        filename=os.path.join(inputs_dir, "gen_info.csv"),
        optional_params=["gen_can_provide_quickstart_reserves"],
        param=(m.gen_can_provide_quickstart_reserves,),
    )

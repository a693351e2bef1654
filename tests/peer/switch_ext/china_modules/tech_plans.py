"""SWITCH-China's capacity plans, as a switch-model 2.0.9 custom module for the live peer tests.

SWITCH-China ships this module itself (``china_modules/tech_plans.py`` in switch-model/switch-china-open-model;
switch-model does not). This is an independent implementation of the same two constraints, written from
that module's equations (docs/formulation/tech_plans.md), so that ``china_modules.tech_plans`` in a test
case's modules.txt means the same thing to switch-model as to batteryplan. Put tests/peer/switch_ext on
PYTHONPATH (tests/peer/run_switch.py does).

Inputs (both optional):
    capacity_plans.csv          energy_sources, load_zones, period, planned_capacity_mw
    total_capacity_limits.csv   energy_sources, period, total_capacity_limit_mw

Constraints:
    Enforce_Capacity_Plan[e, z, p]:
        sum of GenCapacity[g, p] over projects g of energy source e in zone z  >=  planned_capacity_mw
    Enforce_Total_Capacity_Limit[e, p]:
        sum of GenCapacity[g, p] over projects g of energy source e           <=  total_capacity_limit_mw
"""

from __future__ import annotations

import os
from typing import Any

from pyomo.environ import Constraint, Expression, Param, Set


def define_components(m: Any) -> None:
    """Index sets, the two parameters, the two capacity sums and their constraints."""
    m.CAPACITY_PLAN_INDEX = Set(dimen=3, within=m.ENERGY_SOURCES * m.LOAD_ZONES * m.PERIODS)
    m.planned_capacity_mw = Param(m.CAPACITY_PLAN_INDEX)
    m.TOTAL_CAPACITY_LIMIT_INDEX = Set(dimen=2, within=m.ENERGY_SOURCES * m.PERIODS)
    m.total_capacity_limit_mw = Param(m.TOTAL_CAPACITY_LIMIT_INDEX)

    def zonal(m: Any, e: Any, z: Any, p: Any) -> Any:
        return sum(m.GenCapacity[g, p] for g in m.GENS_BY_ENERGY_SOURCE[e] if m.gen_load_zone[g] == z)

    def national(m: Any, e: Any, p: Any) -> Any:
        return sum(m.GenCapacity[g, p] for g in m.GENS_BY_ENERGY_SOURCE[e])

    m.CapacityByEnergySourceZonePeriod = Expression(m.CAPACITY_PLAN_INDEX, rule=zonal)
    m.Enforce_Capacity_Plan = Constraint(
        m.CAPACITY_PLAN_INDEX,
        rule=lambda m, e, z, p: m.CapacityByEnergySourceZonePeriod[e, z, p] >= m.planned_capacity_mw[e, z, p],
    )
    m.TotalCapByEnergySource = Expression(m.TOTAL_CAPACITY_LIMIT_INDEX, rule=national)
    m.Enforce_Total_Capacity_Limit = Constraint(
        m.TOTAL_CAPACITY_LIMIT_INDEX,
        rule=lambda m, e, p: m.TotalCapByEnergySource[e, p] <= m.total_capacity_limit_mw[e, p],
    )


def load_inputs(m: Any, switch_data: Any, inputs_dir: str) -> None:
    """Both files optional; each row gives one index and its value."""
    switch_data.load_aug(
        filename=os.path.join(inputs_dir, "capacity_plans.csv"),
        optional=True,
        index=m.CAPACITY_PLAN_INDEX,
        param=(m.planned_capacity_mw,),
    )
    switch_data.load_aug(
        filename=os.path.join(inputs_dir, "total_capacity_limits.csv"),
        optional=True,
        index=m.TOTAL_CAPACITY_LIMIT_INDEX,
        param=(m.total_capacity_limit_mw,),
    )

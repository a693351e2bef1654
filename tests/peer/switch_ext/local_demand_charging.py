"""Demand-side charging at the distribution node, as a switch-model 2.0.9 custom module.

Used only by the live peer tests: put this folder on PYTHONPATH and list ``local_demand_charging`` in
modules.txt after ``switch_model.generators.extensions.storage`` and ``switch_model.transmission.local_td``.

switch-model 2.0.9 charges every storage project at its zone's central node (storage.py adds
StorageNetCharge to Zone_Power_Withdrawals). This module moves the charging of distributed storage
(``gen_is_distributed = 1``) to the distribution node: it adds that charging back to the central node's
injections and withdraws it at the distribution node (batteryplan/csc_builder/demand_charging.py):

    LocalDemandCharge[z, t] = sum_{g storage in z, distributed, (g, t) active} ChargeStorage[g, t]
    Zone_Power_Injections        += LocalDemandCharge   (cancels it in StorageNetCharge)
    Distributed_Power_Withdrawals += LocalDemandCharge
"""

from __future__ import annotations

from typing import Any

from pyomo.environ import Expression


def define_components(m: Any) -> None:
    def rule(m: Any, z: Any, t: Any) -> Any:
        return sum(m.ChargeStorage[g, t] for g in m.GENS_IN_ZONE[z]
                   if (g, t) in m.ALL_STORAGE_GEN_TPS and m.gen_is_distributed[g])

    m.LocalDemandCharge = Expression(m.LOAD_ZONES, m.TIMEPOINTS, rule=rule)
    m.Zone_Power_Injections.append("LocalDemandCharge")
    m.Distributed_Power_Withdrawals.append("LocalDemandCharge")

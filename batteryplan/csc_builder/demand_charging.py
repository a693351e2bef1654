"""Demand-side charging at the distribution node (the study's description, SWITCH_FORMULATION.md §15).

In switch-model 2.0.9 a storage project with ``gen_is_distributed = 1`` charges at its zone's central node
(storage.py's StorageNetCharge joins Zone_Power_Withdrawals) and discharges at the distribution node
(dispatch.py's ZoneTotalDistributedDispatch joins Distributed_Power_Injections): its charging passes
through no local T&D. The study describes demand-side batteries as co-located with end users, "charged
from the central grid but only discharged to the local grid"; read that way, charging energy reaches the
battery through the local grid. Listing ``batteryplan.local_demand_charging`` in modules.txt (with
``transmission.local_td``) moves the charging of distributed storage to the distribution node:

    Zone_Energy_Balance[z, t]:        ... - sum_{u in z, not distributed} ChargeStorage[u, t] ...
    Distributed_Energy_Balance[z, t]: ... - sum_{u in z, distributed} ChargeStorage[u, t] ...

so it is withdrawn through WithdrawFromCentralGrid, pays the local T&D loss and counts against
LocalTDCapacity. This is a documented variant of the study's extension, not of switch-model (the peer
module for live tests is tests/peer/switch_ext/local_demand_charging.py). The balance family reads the
switch (``balance.coefficients``); this module adds no blocks of its own.
"""
from __future__ import annotations

NAME = "demand_charging"
MODULES = ("batteryplan.local_demand_charging", "local_demand_charging")


def at_distribution(case):
    """(n_gen,) bool: storage whose ChargeStorage is withdrawn at the distribution node."""
    on = case.has_local_td and any(m in case.modules for m in MODULES)
    return case.gen_is_storage & case.gen_is_distributed & on

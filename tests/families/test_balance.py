"""Zone_Energy_Balance (SWITCH_FORMULATION.md §3) and Distributed_Energy_Balance (§11)."""
from __future__ import annotations

import dataclasses

import numpy as np

from batteryplan.csc_builder import FAMILIES, balance
from batteryplan.csc_builder.space import build_space

from ._twin import charge_col, check_bounds, check_matrix, dense, dispatch_col, has_dispatch


def balance_twin(space, case) -> np.ndarray:
    """Rows (z, t), MW. Central node (§3):

        sum_{g in z, not distributed, or any g if no local_td} DispatchGen[g,t]
        - sum_{g in z with CCS} gen_ccs_energy_load[g] DispatchGen[g,t]
        + sum_{lines into z} eff DispatchTx - sum_{lines out of z} DispatchTx
        + UnservedLoad[z,t] (only without local_td)
        - sum_{u in z storage, distributed or not} ChargeStorage[u,t]
        - WithdrawFromCentralGrid[z,t] (only with local_td)          = demand (0 with local_td)

    Distribution node (§11, only with local_td):

        (1 - loss[z]) WithdrawFromCentralGrid + sum_{g in z distributed} DispatchGen + UnservedLoad = demand

    DispatchTx direction 0 runs lz1 -> lz2, direction 1 lz2 -> lz1; loss at the receiving end.
    With batteryplan.local_demand_charging and local_td, distributed storage charges at the distribution node.
    """
    A = dense(space)
    td = case.has_local_td
    local_charge = td and "batteryplan.local_demand_charging" in case.modules
    central = space.rows["balance"]
    for z in range(case.n_zone):
        for t in range(case.n_tp):
            r = central.flat(z, t)
            for g in range(case.n_gen):
                if case.gen_zone[g] != z or not has_dispatch(case, g, t):
                    continue
                j = dispatch_col(space, case, g, t)
                if not case.gen_is_distributed[g] or not td:
                    A[r, j] += 1.0
                else:
                    A[space.rows["distributed_balance"].flat(z, t), j] += 1.0
                if case.gen_ccs_load[g] > 0:
                    A[r, j] -= case.gen_ccs_load[g]
                if case.gen_is_storage[g]:
                    at_dist = local_charge and case.gen_is_distributed[g]
                    row = space.rows["distributed_balance"].flat(z, t) if at_dist else r
                    A[row, charge_col(space, case, g, t)] -= 1.0
            if case.has_unserved:
                row = space.rows["distributed_balance"].flat(z, t) if td else r
                A[row, space.cols["unserved_load"].flat(z, t)] += 1.0
            if td:
                w = space.cols["withdraw_from_central_grid"].flat(z, t)
                A[r, w] -= 1.0
                A[space.rows["distributed_balance"].flat(z, t), w] += 1.0 - case.td_loss[z]
    for l in range(case.n_tx):
        for d in range(2):
            send, recv = (case.tx_from[l], case.tx_to[l]) if d == 0 else (case.tx_to[l], case.tx_from[l])
            for t in range(case.n_tp):
                j = space.cols["dispatch_tx"].flat(l, d, t)
                A[central.flat(send, t), j] -= 1.0
                A[central.flat(recv, t), j] += case.tx_eff[l]
    return A


def balance_bounds_twin(space, case) -> tuple[np.ndarray, np.ndarray]:
    lo = np.full(space.n_rows, np.nan)
    for z in range(case.n_zone):
        for t in range(case.n_tp):
            lo[space.rows["balance"].flat(z, t)] = 0.0 if case.has_local_td else case.demand_mw[z, t]
            if case.has_local_td:
                lo[space.rows["distributed_balance"].flat(z, t)] = case.demand_mw[z, t]
    return lo, lo.copy()


def test_balance_matrix(space, case):
    check_matrix(space, case, balance, balance_twin(space, case))


def test_balance_matrix_local_demand_charging(case):
    """The study's reading of demand-side batteries: their charging moves to the distribution node."""
    local = dataclasses.replace(case, modules=case.modules + ("batteryplan.local_demand_charging",))
    space = build_space(local, FAMILIES)
    twin = balance_twin(space, local)
    check_matrix(space, local, balance, twin)
    moved = not np.array_equal(twin, balance_twin(space, case))
    assert moved == (case.has_local_td and bool((case.gen_is_distributed & case.gen_is_storage).any()))


def test_balance_bounds(space, case):
    check_bounds(space, case, balance, ("balance", "distributed_balance"), *balance_bounds_twin(space, case))


def test_balance_rows_exist_per_local_td(space, case):
    assert space.rows["balance"].shape == (case.n_zone, case.n_tp)
    assert ("distributed_balance" in space.rows) == case.has_local_td


def test_balance_case_facts(everything, markets):
    """The fixture's intent reached the case: CCS load, distributed and unserved flags."""
    for c in (everything, markets):
        names = list(c.gen_names)
        assert c.gen_ccs_load[names.index("GasCCS_N")] == 0.2
        assert c.gen_is_distributed[names.index("Roof_S")] and c.gen_is_distributed[names.index("BatDemand_S")]
        assert c.has_unserved and c.unserved_penalty == 1000.0
    assert everything.has_local_td and not markets.has_local_td
    np.testing.assert_allclose(everything.td_loss, [0.05, 0.053, 0.0])

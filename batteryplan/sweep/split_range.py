"""Split-range: how far the split of battery discharge between attachments can move at (near) optimal cost.

In a Mixed scenario an RE-connected battery is a grid battery with one more constraint, and without
local T&D losses a demand-side battery is one too, so the optimum often does not fix how much of the
batteries' work each attachment does (MODEL.md §2). ``split_range`` reports, for each attachment a
and for the nation and chosen provinces, the smallest and largest *share of battery discharge*

    s_a(x) = D_a(x) / D(x),    D_a = Σ_{battery u of attachment a in scope, t} tp_weight_h[t] · DispatchGen[u, t]

over all solutions x whose cost is within `tolerance` of the optimum:

    P = { x feasible for the scenario's LP :  cost·x + offset <= z* + tolerance·|z*| }.

The cost bound is one row added to the live model (``LiveModel.add_row``; the basis survives).

Method: s_a is linear-fractional, and D > 0 wherever it matters, so its extremes over the polyhedron
P are found exactly by Dinkelbach's parametric method, i.e. Newton's method on
F(s) = max_{x in P} (D_a(x) - s·D(x)): F is convex, piecewise linear and decreasing with F(s*) = 0 at
the largest share s*. Starting from the share at the optimum, each step solves one LP with the
*same constraints* and a new cost vector (D_a - s_k·D, scaled), so every step is a warm re-solve
from the previous basis, and s_{k+1} = s_a(x_{k+1}); it stops when the share no longer rises by
more than `share_tol` (for an LP, after finitely many steps). The minimum is the same with signs
flipped. We chose this over bisection on s (many more LPs, same warm start) and over the
Charnes-Cooper transformation (an exact single LP, but a different matrix: every row with a finite
bound gains a column entry and finite column bounds become rows, so no warm start from the optimum).
"""
from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Mapping, Sequence

import h5py
import numpy as np
import pandas as pd

from ..domain import ATTACHMENTS
from ..errors import CaseError, SolveError
from ..io.switch_reader import case_name as folder_case_name
from ..scenarios import Scenario
from ..solver.policy import DEFAULT_METHOD
from ..strategy import battery_mask
from .chain import BUNDLED, Chain, SolvePlan

OBJECTIVE_RTOL = 1e-6       # the rebuilt model must reproduce the result file's objective


def scenario_of(result: str | Path) -> tuple[str, Scenario, float, str]:
    """(case name, scenario, objective, module-list variant) recorded in a result file; the variant is "" for
    modules.txt (also in files written before results recorded it)."""
    with h5py.File(result, "r") as f:
        a = f.attrs
        fields = json.loads(a["scenario"])
        case_name, objective = str(a["case"]), float(a["objective"])
        variant = str(a.get("modules_variant", ""))
    if not fields.get("strategy"):
        raise CaseError(f"{result} records no scenario; split-range needs a result of a scenario run")
    sc = Scenario(fields["strategy"], fields.get("carbon", "Low"), fields.get("battery_cost", "B"),
                  float(fields.get("carbon_multiplier", 1.0)), tuple(fields.get("battery_techs") or ()))
    return case_name, sc, objective, variant


def split_range(result: str | Path, case: str | Path | None = None, tolerance: float = 1e-4,
                provinces: Sequence[str] = (), *, method: str = DEFAULT_METHOD,
                solver_options: Mapping[str, object] | None = None, share_tol: float = 1e-7,
                max_steps: int = 50, modules: str | None = None) -> pd.DataFrame:
    """Share ranges of battery discharge by attachment at cost within `tolerance` of the optimum.

    `result` is a result file of the scenario (its fields say what to rebuild); `case` the inputs
    folder it was solved from (default: the bundled China case) and `modules` its module list (``read_case``;
    default: the one the result file records). One row per scope ("national",
    then each province) and attachment with batteries in it: the share at the solved optimum, the
    smallest and largest share, their width, the discharge in MWh over the horizon at the
    optimum, and the solves and simplex iterations the range took.
    """
    if tolerance < 0:
        raise CaseError(f"tolerance must be >= 0, got {tolerance}")
    path = Path(case) if case is not None else BUNDLED
    case_name, sc, objective, variant = scenario_of(result)
    folder_name = folder_case_name(path)          # the name read_case gives it
    where = "the bundled China case" if case is None else str(path)
    # said before the case is read; files written before names were resolved may record "" for a relative inputs/
    if case_name and folder_name != case_name:
        raise CaseError(f"{result} was solved from case '{case_name}', but {where} is case '{folder_name}'; "
                        f"give its inputs folder with --case")
    # every attachment's copy, dominated or not: the range is over the LP that has them all
    plan = SolvePlan(method=method, warm=True, options=dict(solver_options or {}), threads=None, full_mixed=True,
                     modules=variant if modules is None else modules)
    chain = Chain(path, sc.strategy, plan, sc.battery_techs)
    if case_name and chain.base.name != case_name:
        raise CaseError(f"{result} was solved from case '{case_name}', but {where} is case '{chain.base.name}'; "
                        f"give its inputs folder with --case")
    t0 = time.perf_counter()
    sol, _, _ = chain.solve(sc)
    if sol.status != "Optimal":
        raise SolveError(f"the scenario {sc.name} did not solve: status '{sol.status}'", sol.status)
    if not math.isclose(sol.objective, objective, rel_tol=OBJECTIVE_RTOL):
        raise CaseError(f"{where} under {sc.name} with {chain.base.modules_file} solves to {sol.objective:.10g}, "
                        f"but {result} records "
                        f"{objective:.10g}: not the case this result came from (give its inputs folder with --case)")
    lp, live = chain.lp, chain.live
    assert lp is not None and live is not None
    c = lp.case

    # discharge columns of battery projects, with their weights (h per period) and attachments
    m = lp.space.m
    b = lp.space.cols["dispatch_gen"]
    is_bat = c.gen_is_storage & battery_mask(pd.DataFrame({"gen_tech": c.gen_tech.astype(str)}),
                                             sc.battery_techs or None)
    k = np.flatnonzero(is_bat[m.gt_gen])
    col = b.start + k
    gen = m.gt_gen[k]
    weight = c.tp_weight_h[m.gt_tp[k]]
    att = c.gen_attachment[gen]
    zone = c.gen_zone[gen]
    scopes: list[tuple[str, np.ndarray]] = [("national", np.ones(len(k), bool))]
    zones = [str(z) for z in c.zones]
    in_file = file_discharge(result)
    for p in provinces:
        if p not in zones:
            raise CaseError(f"unknown province '{p}'; the case has {', '.join(zones)}")
        scopes.append((p, zone == zones.index(p)))

    # the cost bound: cost·x <= z* - offset + tolerance·|z*|, scaled to unit largest coefficient
    nz = np.flatnonzero(lp.cost)
    scale = float(np.abs(lp.cost[nz]).max()) if len(nz) else 1.0
    bound = (sol.objective - lp.offset + tolerance * abs(sol.objective)) / scale
    live.add_row(-math.inf, bound, nz, lp.cost[nz] / scale)
    x_opt = sol.x
    chain.set_mode("warm")
    rows = []
    for scope, in_scope in scopes:
        d_opt = weight * x_opt[col]
        total = float(d_opt[in_scope].sum())
        for a, name in enumerate(ATTACHMENTS):
            sel = in_scope & (att == a)
            if not sel.any():
                continue
            row = {"scope": scope, "attachment": name, "projects": int(len(np.unique(gen[sel]))),
                   "discharge_mwh": float(d_opt[sel].sum()), "total_discharge_mwh": total,
                   "share": float(d_opt[sel].sum() / total) if total > 0 else float("nan"),
                   "file_share": _share(in_file, None if scope == "national" else zones.index(scope), a),
                   "share_min": float("nan"), "share_max": float("nan"), "width": float("nan"),
                   "solves": 0, "iterations": 0, "seconds": 0.0}
            if total > 0:
                t1 = time.perf_counter()
                for sense in (-1.0, 1.0):           # -1: minimise the share, +1: maximise it
                    s, solves, iters = _dinkelbach(live, lp.A.shape[1], col[in_scope], weight[in_scope] / total,
                                                   (att[in_scope] == a), row["share"], sense, share_tol, max_steps)
                    row["share_min" if sense < 0 else "share_max"] = s
                    row["solves"] += solves
                    row["iterations"] += iters
                row["width"] = row["share_max"] - row["share_min"]
                row["seconds"] = time.perf_counter() - t1
            rows.append(row)
    df = pd.DataFrame(rows)
    df.attrs.update(scenario=sc.name, modules=c.modules_file, objective=float(sol.objective), tolerance=float(tolerance),
                    seconds=time.perf_counter() - t0)
    return df


def file_discharge(result: str | Path) -> np.ndarray | None:
    """Battery discharge over the horizon (MWh) by zone and attachment, as the result file records it, or
    None for a file without the summary."""
    with h5py.File(result, "r") as f:
        key = "summary/storage_discharge_by_zone_attachment_mwh_per_yr"
        if key not in f or "index/period_length_years" not in f:
            return None
        per_yr = f[key][...]
        years = f["index/period_length_years"][...]
    return per_yr @ years


def _share(discharge: np.ndarray | None, zone: int | None, attachment: int) -> float:
    """The share of attachment `attachment` in the battery discharge of `zone` (None: all zones)."""
    if discharge is None:
        return float("nan")
    d = discharge.sum(axis=0) if zone is None else discharge[zone]
    total = float(d.sum())
    return float(d[attachment] / total) if total > 0 else float("nan")


def _dinkelbach(live, n_col: int, col: np.ndarray, w: np.ndarray, is_a: np.ndarray, s0: float, sense: float,
                share_tol: float, max_steps: int) -> tuple[float, int, int]:
    """The extreme share (max if sense > 0, else min) of the columns `is_a` in Σ w·x[col], from s0.

    Each step minimises -sense·Σ w·(is_a - s)·x[col] over the live model's feasible set (warm).
    Returns (share, solves, simplex iterations)."""
    s = s0
    solves = iters = 0
    for _ in range(max_steps):
        cost = np.zeros(n_col)
        cost[col] = -sense * w * (is_a.astype(float) - s)
        live.set_costs(cost, 0.0)
        sol = live.solve()
        solves += 1
        iters += max(int(sol.iterations.get("simplex", 0)), 0)
        if sol.status != "Optimal":
            raise SolveError(f"a split-range step ended with status '{sol.status}'", sol.status)
        d = w * sol.x[col]
        total, part = float(d.sum()), float(d[is_a].sum())
        if total <= 0:
            break                                    # F(s) = 0 here: s is already the extreme
        s_new = part / total
        if sense * (s_new - s) <= share_tol:
            s = s_new if sense * (s_new - s) > 0 else s
            break
        s = s_new
    return float(min(max(s, 0.0), 1.0)), solves, iters

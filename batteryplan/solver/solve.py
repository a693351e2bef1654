"""Solve an LP into a :class:`~batteryplan.result.Result`: hand it to HiGHS, split the solution, label it."""
from __future__ import annotations

import time
from typing import Mapping

import numpy as np

from ..aggregate import per_project
from ..domain import ATTACHMENTS
from ..errors import SolveError
from ..result import Result
from . import solution as _solution
from .diagnose import diagnose as diagnose_infeasible
from .highs import Solution, highs_version, solve_lp


def labels(case) -> dict[str, np.ndarray]:
    """The result's ``/index``: the case's labels and the per-project, per-line and per-zone facts a reader of
    the result file needs without the case; projects as read where the case's identical projects were merged."""
    out = _labels(case)
    if case.fleet is not None:
        for k in [k for k in out if k.startswith("project_")]:
            out[k] = np.asarray(out[k])[case.fleet.group]
        out["projects"] = case.fleet.names
        out["project_fleet_group"] = case.fleet.group       # projects of one group were solved as one, pro rata
    return out


def _labels(case) -> dict[str, np.ndarray]:
    att = np.array(ATTACHMENTS, dtype=object)
    return {
        "zones": case.zones, "periods": case.periods, "timeseries": case.ts_names,
        "period_start": case.period_start, "period_length_years": case.period_length,
        "timepoints": case.tp_ids, "timepoint_timeseries": case.ts_names[case.tp_ts],
        "timepoint_period": case.periods[case.tp_period], "timepoint_weight_in_year_h": case.tp_weight_in_year,
        "timepoint_duration_h": case.tp_duration_h,
        "projects": case.gen_names, "project_tech": case.gen_tech, "project_zone": case.zones[case.gen_zone],
        "project_energy_source": case.gen_source, "project_is_storage": case.gen_is_storage,
        "project_is_battery": case.gen_is_battery,
        "project_attachment": np.where(case.gen_is_battery, att[case.gen_attachment], ""),
        "lines": case.tx_names, "line_from": case.zones[case.tx_from] if case.n_tx else case.tx_names,
        "line_to": case.zones[case.tx_to] if case.n_tx else case.tx_names,
        "line_efficiency": case.tx_eff,
        "zone_local_td_loss_rate": case.td_loss if case.has_local_td else np.zeros(case.n_zone),
        "directions": np.array(["lz1_to_lz2", "lz2_to_lz1"], dtype=object),
        "attachments": att,
        "techs": np.unique(case.gen_tech.astype(str)).astype(object),
        "bac": case.bac,
    }


def solve(lp, *, options: Mapping[str, object] | None = None, threads: int | None = None,
          diagnose: bool = True) -> Result:
    """Solve `lp` with HiGHS. A non-optimal outcome raises SolveError; for an infeasible model
    it re-solves with unserved energy allowed and names the zones and timepoints that need it."""
    sol, t_hand = solve_lp(lp, options, threads)
    case = lp.case
    if sol.status != "Optimal":
        msg = f"HiGHS ended with status '{sol.status}' on case '{case.name}'"
        if diagnose and "nfeasib" in sol.status:
            msg += "; " + diagnose_infeasible(lp, options, threads)
        raise SolveError(msg, sol.status)
    t0 = time.perf_counter()
    res = result_from_solution(lp, sol, {**lp.seconds, "handover": t_hand, "solve": sol.seconds})
    res.seconds["results"] = time.perf_counter() - t0
    return res


def result_from_solution(lp, sol: Solution, seconds: Mapping[str, float]) -> Result:
    """A :class:`Result` from an optimal solution of `lp` (``solve`` and the sweep's live models)."""
    case = lp.case
    a = _solution.arrays(lp, sol.x, sol.row_dual)
    summ = _solution.summary(lp, a, sol.x)
    if case.fleet is not None:               # merged projects: per project as read, pro rata (aggregate.py)
        from ..io.results import dims_of
        a = per_project(case.fleet, a, dims_of, case.tp_period)
    return Result(case.name, dict(case.scenario), sol.status, sol.objective, a, summ, labels(case), dict(seconds),
                  {"highs_version": highs_version(), "options": dict(sol.options),
                   "iterations": dict(sol.iterations), "quality": dict(sol.quality)}, lp,
                  modules=tuple(case.modules), modules_variant=case.modules_variant)

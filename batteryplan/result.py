"""Solve an LP into a Result; write and read result files."""
from __future__ import annotations

import dataclasses
import logging
import time
from pathlib import Path
from typing import Mapping

import numpy as np

from . import solution as _solution
from .aggregate import per_project
from .errors import SolveError
from .solve import Solution, solve_lp

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Result:
    """A solved scenario: status, objective (SWITCH's NPV $), arrays and summary tables."""
    case_name: str
    scenario: dict
    status: str
    objective: float
    arrays: dict[str, np.ndarray]
    summary: dict[str, np.ndarray]
    index: dict[str, np.ndarray]
    seconds: dict[str, float]
    solver: dict
    lp: object = dataclasses.field(default=None, repr=False)

    def to_hdf5(self, path: str | Path) -> Path:
        from .io.results import write_result
        return write_result(self, Path(path))

    def __getitem__(self, key: str) -> np.ndarray:
        return self.arrays[key] if key in self.arrays else self.summary[key]

    def frame(self, name: str):
        """A tidy pandas view of one array: one column per axis (labelled) and a value column
        named after the array (its units are in the name)."""
        import pandas as pd
        from .io.results import dims_of
        value = self[name]
        dims = dims_of(name)[0]
        def axis(d: str, n: int) -> np.ndarray:
            for source in (self.index, self.summary):
                if d in source and len(source[d]) == n:
                    return np.asarray(source[d])
            return np.arange(n)
        grids = np.meshgrid(*[axis(d, n) for d, n in zip(dims, value.shape)], indexing="ij")
        data = {d: g.ravel() for d, g in zip(dims, grids)}
        data[name] = np.asarray(value).ravel()
        return pd.DataFrame(data)


def labels(case) -> dict[str, np.ndarray]:
    """Labels of every axis; projects as read where the case's identical projects were merged."""
    out = _labels(case)
    if case.fleet is not None:
        for k in [k for k in out if k.startswith("project_")]:
            out[k] = np.asarray(out[k])[case.fleet.group]
        out["projects"] = case.fleet.names
        out["project_fleet_group"] = case.fleet.group       # projects of one group were solved as one, pro rata
    return out


def _labels(case) -> dict[str, np.ndarray]:
    att = np.array(["grid", "re", "demand"], dtype=object)
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
            msg += "; " + _diagnose(lp, options, threads)
        raise SolveError(msg, sol.status)
    t0 = time.perf_counter()
    res = result_from_solution(lp, sol, {**lp.seconds, "handover": t_hand, "solve": sol.seconds})
    res.seconds["results"] = time.perf_counter() - t0
    return res


def result_from_solution(lp, sol: Solution, seconds: Mapping[str, float]) -> Result:
    """A :class:`Result` from an optimal solution of `lp` (``solve`` and the sweep's live models)."""
    from .solve import highs_version
    case = lp.case
    a = _solution.arrays(lp, sol.x, sol.row_dual)
    summ = _solution.summary(lp, a, sol.x)
    if case.fleet is not None:               # merged projects: per project as read, pro rata (aggregate.py)
        from .io.results import dims_of
        a = per_project(case.fleet, a, dims_of, case.tp_period)
    return Result(case.name, dict(case.scenario), sol.status, sol.objective, a, summ, labels(case), dict(seconds),
                  {"highs_version": highs_version(), "options": dict(sol.options),
                   "iterations": dict(sol.iterations), "quality": dict(sol.quality)}, lp)


def _diagnose(lp, options, threads) -> str:
    """Re-solve with unserved energy allowed (at a high penalty) and list where it is used."""
    from .csc_builder import build
    case = lp.case
    relaxed = dataclasses.replace(case, has_unserved=True, unserved_penalty=max(case.unserved_penalty, 1e5))
    try:
        relp = build(relaxed)
        sol, _ = solve_lp(relp, options, threads)
    except Exception as exc:  # the diagnosis must never hide the original status
        return f"diagnosis failed ({exc})"
    if sol.status != "Optimal":
        return f"still '{sol.status}' with unserved energy allowed: look at caps and fixed builds"
    b = relp.space.cols["unserved_load"]
    u = sol.x[b.start:b.stop].reshape(b.shape)
    zs, ts = np.nonzero(u > 1e-6)
    if len(zs) == 0:
        return "no unserved energy needed when allowed: the infeasibility is elsewhere"
    items = [f"{case.zones[z]}@{case.tp_ids[t]} ({u[z, t]:.3g} MW)" for z, t in zip(zs[:20], ts[:20])]
    more = f" and {len(zs) - 20} more" if len(zs) > 20 else ""
    return "demand cannot be met at: " + ", ".join(items) + more


def read_result(path: str | Path) -> Result:
    from .io.results import read_result as _read
    return _read(Path(path))

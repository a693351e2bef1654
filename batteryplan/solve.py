"""The only module that imports highspy: hand the LP over, solve, read the solution back."""
from __future__ import annotations

import dataclasses
import functools
import logging
import time
from typing import Mapping

import highspy
import numpy as np

from .errors import SolveError

log = logging.getLogger(__name__)

OK_STATUS = {highspy.HighsModelStatus.kOptimal}
DEFAULT_OPTIONS: dict[str, object] = {"output_flag": False}

# Named solver profiles (issue 6: measured in bench/bench_solvers.py; see docs/solver_profiles.md).
PROFILES: dict[str, dict[str, object]] = {
    "default": {},
    "simplex": {"solver": "simplex", "simplex_strategy": 1},
    "primal": {"solver": "simplex", "simplex_strategy": 4},
    "ipx": {"solver": "ipx", "run_crossover": "on"},
    "ipx-nocross": {"solver": "ipx", "run_crossover": "off"},
    "hipo": {"solver": "hipo", "run_crossover": "on"},
    "hipo-nocross": {"solver": "hipo", "run_crossover": "off"},
    "pdlp": {"solver": "pdlp"},
}


def profile_options(name: str) -> dict[str, object]:
    try:
        return dict(PROFILES[name])
    except KeyError:
        raise SolveError(f"unknown solver profile '{name}'; choose one of {', '.join(PROFILES)}") from None


def _set_options(h: highspy.Highs, options: Mapping[str, object]) -> None:
    for key, value in options.items():
        if isinstance(value, str):
            low = value.lower()
            if low in ("true", "false"):
                value = low == "true"
            else:
                for conv in (int, float):
                    try:
                        value = conv(value)
                        break
                    except ValueError:
                        pass
        st = h.setOptionValue(key, value)
        if st == highspy.HighsStatus.kError:
            raise SolveError(f"HiGHS rejected option {key}={value!r}")


_scheduler_threads: int | None = None


def _use_threads(threads: int | None) -> None:
    """HiGHS's thread scheduler is per process and fixed once started; a solve asking for another
    thread count must reset it first, or run() fails with 'scheduler already initialized'."""
    global _scheduler_threads
    want = int(threads) if threads else 0
    if _scheduler_threads is not None and want != _scheduler_threads:
        highspy.Highs.resetGlobalScheduler(True)
    _scheduler_threads = want


def handover(lp, options: Mapping[str, object] | None = None, threads: int | None = None) -> highspy.Highs:
    """A populated ``highspy.Highs`` for `lp` (one pointer passModel, no copies of the arrays)."""
    h = highspy.Highs()
    opts = dict(DEFAULT_OPTIONS)
    if options and "threads" in options:
        threads = int(options["threads"])
    _use_threads(threads)
    if threads:
        opts["threads"] = int(threads)
    if lp.integrality is not None:
        opts["mip_rel_gap"] = 1e-9        # parity within 1e-6 needs a proven optimum, not HiGHS's 1e-4 gap
    opts.update(options or {})
    _set_options(h, opts)
    A = lp.A
    n_row, n_col = A.shape
    st = h.passModel(n_col, n_row, A.nnz, int(highspy.MatrixFormat.kColwise), int(highspy.ObjSense.kMinimize),
                     float(lp.offset), np.ascontiguousarray(lp.cost, np.float64),
                     np.ascontiguousarray(lp.col_lower, np.float64), np.ascontiguousarray(lp.col_upper, np.float64),
                     np.ascontiguousarray(lp.row_lower, np.float64), np.ascontiguousarray(lp.row_upper, np.float64),
                     np.ascontiguousarray(A.indptr, np.int32), np.ascontiguousarray(A.indices, np.int32),
                     np.ascontiguousarray(A.data, np.float64),
                     np.zeros(n_col, np.int32) if lp.integrality is None else lp.integrality)
    if st == highspy.HighsStatus.kError:
        raise SolveError("HiGHS refused the model (its log names the first bad entry)")
    return h


@dataclasses.dataclass(slots=True)
class Solution:
    status: str
    objective: float
    x: np.ndarray
    row_dual: np.ndarray
    iterations: dict
    seconds: float
    options: dict


def run(h: highspy.Highs, lp) -> Solution:
    t0 = time.perf_counter()
    st = h.run()
    dt = time.perf_counter() - t0
    if st == highspy.HighsStatus.kError and h.getModelStatus() == highspy.HighsModelStatus.kNotset:
        raise SolveError("HiGHS failed before solving (run() returned an error; see its log with "
                         "--solver-option output_flag=true)")
    ms = h.getModelStatus()
    status = h.modelStatusToString(ms)
    info = h.getInfo()
    iters = {"simplex": int(info.simplex_iteration_count), "ipm": int(info.ipm_iteration_count),
             "crossover": int(info.crossover_iteration_count), "mip_nodes": int(info.mip_node_count)}
    if ms not in OK_STATUS:
        return Solution(status, float("nan"), np.zeros(0), np.zeros(0), iters, dt, {})
    sol = h.getSolution()
    x = np.asarray(sol.col_value, dtype=np.float64)
    y = np.asarray(sol.row_dual, dtype=np.float64) if sol.dual_valid and lp.integrality is None else np.full(lp.A.shape[0], np.nan)
    obj = float(info.objective_function_value)
    return Solution(status, obj, x, y, iters, dt, {})


def solve_lp(lp, options: Mapping[str, object] | None = None, threads: int | None = None) -> tuple[Solution, float]:
    t0 = time.perf_counter()
    h = handover(lp, options, threads)
    t_hand = time.perf_counter() - t0
    sol = run(h, lp)
    sol.options = {**DEFAULT_OPTIONS, **(options or {}), **({"threads": threads} if threads else {})}
    return sol, t_hand


@functools.cache
def highs_version() -> str:
    h = highspy.Highs()
    return f"{h.versionMajor()}.{h.versionMinor()}.{h.versionPatch()}"


class LiveModel:
    """A HiGHS model kept alive across scenarios of one strategy.

    Scenarios of one strategy share the matrix and bounds (MODEL.md §3), so the next scenario only
    changes the costs and re-solves from the previous basis (simplex; ``simplex_strategy=0`` lets
    HiGHS pick primal simplex, which suits cost-only changes: highs_notes.md §5c).
    """

    def __init__(self, lp, options: Mapping[str, object] | None = None, threads: int | None = None) -> None:
        self.lp = lp
        self.options = {**DEFAULT_OPTIONS, **(options or {}), **({"threads": threads} if threads else {})}
        t0 = time.perf_counter()
        self.h = handover(lp, options, threads)
        self.handover_seconds = time.perf_counter() - t0
        self._all = np.arange(lp.A.shape[1], dtype=np.int32)

    def set_costs(self, cost: np.ndarray, offset: float) -> None:
        self.h.changeColsCost(len(self._all), self._all, np.ascontiguousarray(cost, np.float64))
        self.h.changeObjectiveOffset(float(offset))

    def set_options(self, options: Mapping[str, object]) -> None:
        _set_options(self.h, options)

    def has_basis(self) -> bool:
        return bool(self.h.getBasis().valid)

    def solve(self) -> Solution:
        sol = run(self.h, self.lp)
        sol.options = dict(self.options)
        return sol

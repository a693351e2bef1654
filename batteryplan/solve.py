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


# Above this many rows a cold solve goes to the interior point method HiPO (with crossover, so
# duals are exact and a basis exists for warm starts): on the bundled China case (606 k rows) IPX
# was still at gap 1.0 after 25 iterations / 916 s and dual simplex far from optimal on a
# 144 k-row slice after 195 CPU-s, while HiPO + crossover finished in 523 and 54 CPU-s
# (bench/results/solvers/). Below it simplex is quick and needs no factorisation memory.
AUTO_IPM_ROWS = 40_000


def has_hipo() -> bool:
    """HiPO ships in highspy-extras (highspy 1.15.x)."""
    import importlib.util
    return importlib.util.find_spec("highspy_extras") is not None


def auto_options(n_rows: int) -> dict[str, object]:
    """The profile chosen by size when the user picks none (see AUTO_IPM_ROWS)."""
    if n_rows < AUTO_IPM_ROWS:
        return {}
    return dict(PROFILES["hipo" if has_hipo() else "ipx"])


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
    elif not options or "solver" not in options:
        opts.update(auto_options(lp.A.shape[0]))
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
             "crossover": int(info.crossover_iteration_count), "mip_nodes": int(info.mip_node_count),
             "pdlp": int(getattr(info, "pdlp_iteration_count", 0))}
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

    # -- sweeps (issue 4): cold re-solves, basis hand-over, a bounding row --------------------------

    def clear_basis(self) -> None:
        """Forget the basis and the solution, so that the next solve is cold (presolve runs again)."""
        self.h.clearSolver()

    def get_basis(self) -> highspy.HighsBasis:
        """A copy of the current basis (for example to restart a chain elsewhere)."""
        return self.h.getBasis()

    def set_basis(self, basis: highspy.HighsBasis) -> None:
        if self.h.setBasis(basis) == highspy.HighsStatus.kError:
            raise SolveError("HiGHS rejected the basis (it does not fit this model)")

    def add_row(self, lower: float, upper: float, index: np.ndarray, value: np.ndarray) -> int:
        """Append the row ``lower <= value @ x[index] <= upper``; returns its position. The basis is
        kept (the new row is basic), so the next solve is still warm."""
        index = np.ascontiguousarray(index, np.int32)
        value = np.ascontiguousarray(value, np.float64)
        if self.h.addRow(float(lower), float(upper), len(index), index, value) == highspy.HighsStatus.kError:
            raise SolveError("HiGHS refused the added row")
        return int(self.h.getNumRow()) - 1

    def run_time(self) -> float:
        """Seconds HiGHS has spent in run() on this model so far (its ``time_limit`` counts this total)."""
        return float(self.h.getRunTime())

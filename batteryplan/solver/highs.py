"""The only module that imports highspy: hand the LP over, solve, read the solution back.

Which options a solve gets and what is tried again after a failure is the policy's (``solver.policy``).
"""
from __future__ import annotations

import dataclasses
import functools
import logging
import time
from typing import Mapping

import highspy
import numpy as np

from ..errors import SolveError
from .policy import (CAPACITY_OPTION, DEFAULT_CAPACITY, DEFAULT_SCALING, OURS, RETRY_KEY, SCALING_OPTION,
                     auto_options, retry, retry_options, transform_on)
from .progress import watching

log = logging.getLogger(__name__)

OK_STATUS = {highspy.HighsModelStatus.kOptimal}
DEFAULT_OPTIONS: dict[str, object] = {"output_flag": False}

# Scaling (docs/solver_profiles.md): on the bundled China LP, four rounds of power-of-two row/column
# equilibration with the quantities in units of 1024 MW and the objective in units of 1024 $ took HiPO +
# crossover from 516 s (median of three unscaled runs) to 471 s (one thread), the same optimum to 3e-15; on
# the 144 k-row slice 7-9 % less. HiGHS scales internally as well; this narrows the ranges it starts from
# (matrix [1e-5, 10] -> [0.12, 8], bounds [0.1, 1.4e7] -> [5e-5, 254]). Whether it applies is the policy's
# (``policy.SCALING_OPTION``, off by default). Unscaling is exact.
SCALE_ROUNDS = 4
SCALE_UNIT = 1024.0

# HiPO's "choose" picks the normal equations on condensed LPs (8.5e10 flops on China Grid) and on China RE
# LPs, even plain ones, spends two minutes analysing them before it takes the augmented system (141.6 s
# against 14.9 s), so every HiPO solve asks for the augmented system unless the options say otherwise
# (where "choose" took it anyway, the solve is the same).


def condensed_for(lp, options: Mapping[str, object] | None = None):
    """`lp` with capacity columns (``solver.condense``) if `options` ask for them, else None."""
    if not transform_on(lp, options, CAPACITY_OPTION, DEFAULT_CAPACITY) or not hasattr(lp, "space"):
        return None
    from .condense import condense
    c = condense(lp)
    return c if c.n_keys else None


@dataclasses.dataclass(frozen=True, slots=True)
class Scaling:
    """HiGHS sees the matrix diag(row) A diag(col) and the costs obj * col * c: its x' is x / col, its
    row duals y' are obj * y / row and its objective is obj times ours."""
    row: np.ndarray
    col: np.ndarray
    obj: float = 1.0


def scaling_for(lp, options: Mapping[str, object] | None = None) -> Scaling | None:
    """The scaling `options` ask for on `lp` (see ``policy.SCALING_OPTION``), or None."""
    if not transform_on(lp, options, SCALING_OPTION, DEFAULT_SCALING):    # never a MIP: a scaled integer column
        return None                                                 # would no longer be integer
    from ..kernels.scaling import equilibrate
    A = lp.A
    r, s = equilibrate(A.indptr, A.indices, A.data, A.shape[0], SCALE_ROUNDS)
    # quantities in units of SCALE_UNIT MW, and the objective in units of SCALE_UNIT $, so that the
    # costs keep their size (costs per 1024 MW would make HiGHS's absolute dual tolerances 1024x tighter)
    return Scaling(r / SCALE_UNIT, s * SCALE_UNIT, 1.0 / SCALE_UNIT)


def _set_options(h: highspy.Highs, options: Mapping[str, object]) -> None:
    for key, value in options.items():
        if key in OURS:                 # ours, applied at hand-over
            continue
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
        try:
            st = h.setOptionValue(key, value)
        except TypeError:               # a value of the wrong type for the option (text for a number)
            st = highspy.HighsStatus.kError
        if st == highspy.HighsStatus.kError:
            raise SolveError(f"HiGHS rejected option {key}={value!r} (unknown option, or a value of the "
                             f"wrong type or out of range)")


def check_options(options: Mapping[str, object]) -> None:
    """SolveError naming the first option HiGHS (or batteryplan, for its own) would refuse; nothing is solved,
    so a bad option fails before the case is read."""
    for key in OURS:
        if key in options and str(options[key]).lower() not in ("auto", "on", "off"):
            raise SolveError(f"{key} must be auto, on or off, not {options[key]!r}")
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    _set_options(h, {k: v for k, v in options.items() if k not in ("output_flag", "log_to_console")})


_scheduler_threads: int | None = None


def _use_threads(threads: int | None) -> None:
    """HiGHS's thread scheduler is per process and fixed once started; a solve asking for another
    thread count must reset it first, or run() fails with 'scheduler already initialized'."""
    global _scheduler_threads
    want = int(threads) if threads else 0
    if _scheduler_threads is not None and want != _scheduler_threads:
        highspy.Highs.resetGlobalScheduler(True)
    _scheduler_threads = want


def applied_options(lp, options: Mapping[str, object] | None = None,
                    threads: int | None = None) -> dict[str, object]:
    """Every option a hand-over of `lp` gives HiGHS: ours, the one chosen by size where `options` name no
    solver (``auto_options``), then `options` themselves; what a result records as its HiGHS options."""
    opts = dict(DEFAULT_OPTIONS)
    if threads:
        opts["threads"] = int(threads)
    if lp.integrality is not None:
        opts["mip_rel_gap"] = 1e-9        # parity within 1e-6 needs a proven optimum, not HiGHS's 1e-4 gap
    elif not options or "solver" not in options:
        opts.update(auto_options(lp.A.shape[0]))
    opts.update(options or {})
    if opts.get("solver") == "hipo":
        opts.setdefault("hipo_system", "augmented")
    return opts


def handover(lp, options: Mapping[str, object] | None = None, threads: int | None = None,
             scaling: Scaling | None = None) -> highspy.Highs:
    """A populated ``highspy.Highs`` for `lp` (one pointer passModel, no copies of the arrays unless
    `scaling` is given: then HiGHS gets the scaled matrix, costs and bounds)."""
    h = highspy.Highs()
    opts = applied_options(lp, options, threads)
    _use_threads(int(opts["threads"]) if "threads" in opts else None)
    _set_options(h, opts)
    A = lp.A
    n_row, n_col = A.shape
    cost, col_lower, col_upper, row_lower, row_upper, data = (lp.cost, lp.col_lower, lp.col_upper, lp.row_lower,
                                                              lp.row_upper, A.data)
    if scaling is not None:
        from ..kernels.scaling import scale_csc
        r, c = scaling.row, scaling.col
        cost, col_lower, col_upper = cost * (c * scaling.obj), col_lower / c, col_upper / c
        row_lower, row_upper = row_lower * r, row_upper * r
        data = scale_csc(A.indptr, A.indices, A.data, r, c)
    st = h.passModel(n_col, n_row, A.nnz, int(highspy.MatrixFormat.kColwise), int(highspy.ObjSense.kMinimize),
                     float(lp.offset) * (scaling.obj if scaling is not None else 1.0),
                     np.ascontiguousarray(cost, np.float64),
                     np.ascontiguousarray(col_lower, np.float64), np.ascontiguousarray(col_upper, np.float64),
                     np.ascontiguousarray(row_lower, np.float64), np.ascontiguousarray(row_upper, np.float64),
                     np.ascontiguousarray(A.indptr, np.int32), np.ascontiguousarray(A.indices, np.int32),
                     np.ascontiguousarray(data, np.float64),
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
    quality: dict = dataclasses.field(default_factory=dict)   # ``solution_quality``


def solution_quality(info, mip: bool = False) -> dict[str, object]:
    """What HiGHS reports of the solution it returned: whether it is a vertex (a valid basis: crossover ran,
    or simplex) or an interior point of the optimal face (IPM without crossover), and its largest
    infeasibilities, in the units of the model HiGHS solved (scaled where ``batteryplan_scaling`` is on).
    A MIP's solution is neither (``vertex`` None): its gap and integrality violation instead of dual measures,
    which HiGHS does not compute for a MIP."""
    if mip:
        return {"vertex": None, "mip_gap": float(info.mip_gap),
                "max_integrality_violation": float(info.max_integrality_violation),
                "max_primal_infeasibility": float(info.max_primal_infeasibility)}
    return {"vertex": int(info.basis_validity) == 1,
            "max_primal_infeasibility": float(info.max_primal_infeasibility),
            "max_dual_infeasibility": float(info.max_dual_infeasibility),
            "max_complementarity_violation": float(info.max_complementarity_violation),
            "primal_dual_objective_error": float(info.primal_dual_objective_error)}


def run(h: highspy.Highs, lp, scaling: Scaling | None = None) -> Solution:
    t0 = time.perf_counter()
    with watching(h) as watch:          # progress, and Ctrl-C stops HiGHS (progress.Interrupted)
        st = h.run()
    dt = time.perf_counter() - t0
    watch.raise_if_interrupted()
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
    if scaling is not None:
        x = x * scaling.col
        if len(y) == len(scaling.row):
            y = y * (scaling.row / scaling.obj)
    obj = float(info.objective_function_value)
    if scaling is not None:
        obj /= scaling.obj
    return Solution(status, obj, x, y, iters, dt, {}, solution_quality(info, lp.integrality is not None))


def solve_lp(lp, options: Mapping[str, object] | None = None, threads: int | None = None) -> tuple[Solution, float]:
    live = LiveModel(lp, options, threads)
    sol, t_hand = live.solve(), live.handover_seconds
    again = retry_options(lp, options) if retry(sol.status, "cold") == "rescale" else None
    if again is not None:
        del live                          # free the failed model before handing over the next
        live, sol = solve_again(lp, sol, again, threads)
        t_hand += live.handover_seconds
    return sol, t_hand


def solve_again(lp, first: Solution, again: Mapping[str, object], threads: int | None) -> tuple[LiveModel, Solution]:
    """The "rescale" retry (``policy.retry``) after `first`: a new model with the options `again`
    (``retry_options``). Returns the model and its solution, which counts both tries and names the first's
    status under ``RETRY_KEY`` in its options."""
    log.warning("HiGHS ended with '%s' after %.0f s; solving once more with %s=%s",
                first.status, first.seconds, SCALING_OPTION, again[SCALING_OPTION])
    live = LiveModel(lp, again, threads)
    sol = joined(first, live.solve())
    sol.options = live.recorded({RETRY_KEY: first.status})
    return live, sol


def joined(first: Solution, second: Solution) -> Solution:
    """`second` with the seconds and iterations of a failed `first` try added (what the scenario cost)."""
    second.seconds += first.seconds
    second.iterations = {k: second.iterations[k] + max(first.iterations.get(k, 0), 0) for k in second.iterations}
    return second


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
        t0 = time.perf_counter()
        self.condensed = condensed_for(lp, options)
        self.hlp = lp if self.condensed is None else self.condensed       # what HiGHS gets
        self.options = applied_options(self.hlp, options, threads)        # as handed over, solver included
        self.scaling = scaling_for(self.hlp, options)
        self.h = handover(self.hlp, options, threads, self.scaling)
        self.handover_seconds = time.perf_counter() - t0
        self._all = np.arange(self.hlp.A.shape[1], dtype=np.int32)

    def recorded(self, over: Mapping[str, object] | None = None) -> dict[str, object]:
        """The options a solution of this model records: as handed over, then `over` (what a sweep set
        for this solve), then ours as applied ("on" or "off"), not as asked ("auto", or nothing for the
        default)."""
        return {**self.options, **(over or {}), CAPACITY_OPTION: "off" if self.condensed is None else "on",
                SCALING_OPTION: "off" if self.scaling is None else "on"}

    def set_costs(self, cost: np.ndarray, offset: float) -> None:
        if self.condensed is not None:      # the capacity columns cost nothing
            cost = np.r_[cost, np.zeros(self.condensed.n_keys)]
        if self.scaling is not None:
            cost, offset = cost * (self.scaling.col * self.scaling.obj), offset * self.scaling.obj
        self.h.changeColsCost(len(self._all), self._all, np.ascontiguousarray(cost, np.float64))
        self.h.changeObjectiveOffset(float(offset))

    def set_options(self, options: Mapping[str, object]) -> None:
        _set_options(self.h, options)

    def has_basis(self) -> bool:
        return bool(self.h.getBasis().valid)

    def solve(self) -> Solution:
        sol = run(self.h, self.hlp, self.scaling)
        c = self.condensed
        if c is not None and len(sol.x):     # the original columns and rows (and any added rows)
            sol.x = sol.x[:c.n_col]
            sol.row_dual = np.r_[sol.row_dual[:c.n_row], sol.row_dual[c.n_row + c.n_keys:]]
        sol.options = self.recorded()
        return sol

    # -- chains of scenarios: cold re-solves, basis hand-over, a bounding row --------------------------

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
        """Append the row ``lower <= value @ x[index] <= upper``; returns its position in the solution's
        ``row_dual`` (after the LP's own rows and those added before). The basis is
        kept (the new row is basic), so the next solve is still warm."""
        index = np.ascontiguousarray(index, np.int32)
        value = np.ascontiguousarray(value, np.float64)
        if self.scaling is not None:      # the new row in HiGHS's columns, with row factor 1
            value = value * self.scaling.col[index]
        if self.h.addRow(float(lower), float(upper), len(index), index, value) == highspy.HighsStatus.kError:
            raise SolveError("HiGHS refused the added row")
        if self.scaling is not None:
            self.scaling = Scaling(np.r_[self.scaling.row, 1.0], self.scaling.col, self.scaling.obj)
        return int(self.h.getNumRow()) - 1 - (self.condensed.n_keys if self.condensed is not None else 0)

    def run_time(self) -> float:
        """Seconds HiGHS has spent in run() on this model so far (its ``time_limit`` counts this total)."""
        return float(self.h.getRunTime())

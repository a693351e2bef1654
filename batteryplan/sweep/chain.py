"""A warm chain of scenarios: the worker side of sweeps, crossover and split-range.

Scenarios of one strategy share every matrix entry and bound (MODEL.md §3), so a chain takes the case
under its strategy once (read here, or handed over by the sweep that read it), builds the LP once, hands
it to one live HiGHS model and then, for each scenario, only replaces the cost vector and re-solves from
the previous basis.

How each solve runs (``SolvePlan``; the options and thresholds are the solver policy's, ``solver.policy``):

- the first solve of a chain is *cold*: ``method="simplex"`` (HiGHS's dual simplex after presolve)
  or ``method="ipm"`` (interior point followed by crossover, which returns the basis a chain needs;
  where no warm solve will start from it, the last scenario of a task, crossover runs only if the
  interior point is not optimal: ``policy.NO_BASIS_CROSSOVER``);
  ``method="auto"`` (the default) takes simplex below ``policy.AUTO_IPM_ROWS`` rows and IPM from there on.
  Measured (2 shared cores, highspy 1.16, IPX as the IPM, Grid-Low-B): a 4.9 k-row test case solved
  cold in 0.2-0.4 s with simplex and 0.6 s with IPM + crossover; an 8-province, 2-period China slice
  (49.9 k rows) in 35-73 s (39-41 k iterations) with simplex and 23 s (66 IPM + 4.9 k crossover
  iterations) with IPM; the 8-province, 6-period slice (153 k rows) in 505 s (129 k iterations) with
  simplex and 197 s (74 IPM + 19.6 k crossover iterations) with IPM;
- every later solve is *warm*: simplex from the previous basis with ``simplex_strategy=0``, which
  lets HiGHS choose primal simplex for a basis that stays primal feasible after a cost-only change
  (highs_notes.md §2.2, §5c); ``warm=False`` clears the basis before every solve instead. On the
  49.9 k-row slice, from the Grid-Low-B basis: to Grid-High-B (carbon x2) choose took 16.7 k
  iterations / 15.6 s, dual 16.0 k / 32.3 s, primal 18.7 k / 27.9 s; to Grid-Low-M (battery cost /3)
  6.4 k / 7.6 s, 9.1 k / 10.0 s and 6.4 k / 6.8 s;
- what is tried again after a failed solve is ``policy.retry``: a warm solve that does not end Optimal
  is solved cold, so a bad basis never costs a scenario;
- a warm solve may take at most ``warm_limit`` times the chain's last cold solve (at least
  ``policy.WARM_LIMIT_FLOOR_S``); then it is abandoned for a cold solve. A big step (carbon price doubled)
  can take a warm simplex longer than a cold IPM + crossover: on the 49.9 k-row slice, in the chain
  Low-B (cold IPM, 8.7 s), Low-M, Low-R, High-R, High-M, High-B the warm solves took 2.3, 0.8, 22.9,
  3.4 and 15.3 s (4.9 k, 1.6 k, 34.1 k, 5.6 k, 19.4 k iterations).

Which steps a sweep takes warm is decided by ``sweep.run.choose_warm`` (by LP size): below
``policy.AUTO_COLD_ROWS`` rows every step; from there on only small carbon-multiplier steps
(``SolvePlan.small_steps_only``, ``policy.SMALL_STEP``), because on the China case a step between the
study's scenarios took longer warm than a cold HiPO + crossover solve (docs/sweeps.md).

Nothing here imports highspy directly: the live model is :class:`batteryplan.solver.highs.LiveModel`.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import math
import os
import time
import traceback
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

from ..case import Case, module_list_file
from ..csc_builder import LP, build
from ..errors import CaseError
from ..io.switch_reader import read_case
from ..scenarios import Scenario, apply_costs
from ..solver import policy
from ..solver.highs import LiveModel, Solution, joined, solve_again
from ..solver.policy import DEFAULT_METHOD, METHODS, RETRY_KEY, WARM_LIMIT
from ..solver.progress import reporting
from ..solver.solve import result_from_solution
from ..strategy import strategy_hook
from .files import (base_row, cumulative_co2_t, is_complete, is_current, iteration_counts, result_name,
                    row_from_file, system_cost_usd)

SOLVE_LOG = "solves.jsonl"
BUNDLED = Path(__file__).parent.parent / "cases" / "china" / "inputs"     # the case when none is given

log = logging.getLogger(__name__)

Emit = Callable[[dict], None]


@dataclasses.dataclass(frozen=True, slots=True)
class SolvePlan:
    """How the solves of a chain run: cold `method`, then warm simplex unless ``warm`` is False.

    `options` are extra HiGHS options applied on top of both the cold and the warm settings;
    `threads` is HiGHS's thread count (one HiGHS per process: 1 in a pool of processes);
    `warm_limit` caps a warm solve at that multiple of the last cold solve (None: no cap);
    `small_steps_only` (big LPs, see ``policy.SMALL_STEP``) solves cold wherever a scenario is not a small step
    from the one solved before it; `full_mixed` keeps Mixed's dominated copies (``strategy`` module);
    `aggregate` merges identical projects (``aggregate`` module); `modules` is the module list the case is read
    with (``read_case``; None: modules.txt).
    """
    method: str = DEFAULT_METHOD
    warm: bool = True
    options: Mapping[str, object] = dataclasses.field(default_factory=dict)
    threads: int | None = 1
    warm_limit: float | None = WARM_LIMIT
    small_steps_only: bool = False
    full_mixed: bool = False
    aggregate: bool = True
    modules: str | None = None

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"unknown solve method '{self.method}'; expected one of {', '.join(METHODS)}")

    def cold_method(self, n_rows: int) -> str:
        return policy.cold_method(n_rows, self.method)

    def cold(self, n_rows: int, basis: bool = True) -> dict[str, object]:
        """Options of a cold solve; `basis`: whether a warm solve may start from its basis."""
        return {**policy.cold_options(n_rows, self.method, basis), **self.options}

    def warm_options(self) -> dict[str, object]:
        return {**policy.WARM_OPTIONS, **self.options}


def small_step(a: Scenario, b: Scenario, ratio: float | None = None) -> bool:
    """Whether `b` differs from `a` only by a carbon multiplier within `ratio` (default ``policy.SMALL_STEP``)."""
    if (a.strategy, a.carbon, a.battery_cost, a.battery_techs) != (b.strategy, b.carbon, b.battery_cost,
                                                                      b.battery_techs):
        return False
    return policy.small_multiplier_step(a.carbon_multiplier, b.carbon_multiplier, ratio)


def read_strategy_case(path: str | Path, strategy: str, battery_techs: Sequence[str] = (),
                       full_mixed: bool = False, aggregate: bool = True, modules: str | None = None) -> Case:
    """The case at `path` with its battery projects shaped by `strategy` (costs not yet applied), read with the
    module list `modules` (``read_case``)."""
    return read_case(path, hook=strategy_hook(strategy, tuple(battery_techs) or None, full_mixed),
                     aggregate=aggregate, modules=modules)


class Chain:
    """A live model for the scenarios of one strategy: ``solve(scenario)`` re-solves warm.

    The first call builds the LP (and pays the cold solve); later calls change only the costs.
    """

    def __init__(self, path: str | Path, strategy: str, plan: SolvePlan,
                 battery_techs: Sequence[str] = (), base: Case | None = None) -> None:
        """`base`: the case at `path` under `strategy` (``read_strategy_case``) where the caller has read it;
        else it is read here."""
        self.path = Path(path)
        self.strategy = strategy
        self.plan = plan
        t0 = time.perf_counter()
        self.base = base if base is not None else read_strategy_case(self.path, strategy, battery_techs,
                                                                      plan.full_mixed, plan.aggregate, plan.modules)
        self.read_seconds = time.perf_counter() - t0
        self.lp: LP | None = None
        self.live: LiveModel | None = None
        self._mode = ""                    # "cold", "last" or "warm": which option set the model holds
        self.cold_seconds: float | None = None     # HiGHS seconds of the last cold solve
        self.last: Scenario | None = None          # the scenario whose solution the model holds

    def _options(self, mode: str) -> dict[str, object]:
        assert self.lp is not None
        if mode == "warm":
            return self.plan.warm_options()
        return self.plan.cold(self.lp.A.shape[0], basis=mode == "cold")

    def set_mode(self, mode: str) -> None:
        """Put the model in "cold", "last" (cold, no warm solve follows) or "warm" option mode (SolvePlan)."""
        assert self.live is not None
        if mode != self._mode:
            self.live.set_options(self._options(mode))
            self._mode = mode

    def case_for(self, scenario: Scenario) -> Case:
        if scenario.strategy != self.strategy:
            raise ValueError(f"scenario {scenario.name} is not of strategy {self.strategy}")
        return apply_costs(self.base, scenario)

    def solve(self, scenario: Scenario, basis: bool = True) -> tuple[Solution, dict[str, float], bool]:
        """Solve `scenario`; returns (solution, seconds by phase, whether the solve started warm).
        `basis`: whether a later warm solve may need this one's basis (if not, a cold IPM solve skips crossover:
        ``policy.NO_BASIS_CROSSOVER``)."""
        seconds: dict[str, float] = {}
        t0 = time.perf_counter()
        case = self.case_for(scenario)
        seconds["costs"] = time.perf_counter() - t0
        if self.lp is None:
            self.lp = build(case)
            seconds["build"] = self.lp.seconds.get("build", 0.0)
            seconds["read"] = self.read_seconds
            t1 = time.perf_counter()
            self._mode = "cold" if basis else "last"
            self.live = LiveModel(self.lp, self._options(self._mode), self.plan.threads)
            seconds["handover"] = time.perf_counter() - t1
        else:
            t1 = time.perf_counter()
            self.lp.set_costs(case)
            assert self.live is not None
            self.live.set_costs(self.lp.cost, self.lp.offset)
            seconds["costs"] += time.perf_counter() - t1
        sol, warm = self._run(scenario, "cold" if basis else "last")
        seconds["solve"] = sol.seconds
        self.last = scenario if sol.status == "Optimal" else None
        return sol, seconds, warm

    def _run(self, scenario: Scenario, cold: str) -> tuple[Solution, bool]:
        assert self.live is not None
        warm = self.plan.warm and self.live.has_basis()
        if warm and self.plan.small_steps_only:
            warm = self.last is not None and small_step(self.last, scenario)
        if not warm:
            return self._cold(cold), False
        self.set_mode("warm")
        limited = (self.plan.warm_limit is not None and self.cold_seconds is not None
                   and "time_limit" not in self.plan.options)
        if limited:                        # HiGHS's time_limit counts all runs of the model so far
            allowance = policy.warm_allowance(self.cold_seconds, self.plan.warm_limit)
            self.live.set_options({"time_limit": self.live.run_time() + allowance})
        try:
            sol = self.live.solve()
        finally:                           # the cold solves after this one must not inherit the limit
            if limited:
                self.live.set_options({"time_limit": math.inf})
        sol.options = self.live.recorded(self._options("warm"))
        if policy.retry(sol.status, "warm") is None:
            return sol, True
        return joined(sol, self._cold(cold)), False

    def _cold(self, mode: str = "cold") -> Solution:
        """A cold solve in option `mode`: "cold", or "last" where no warm solve will use its basis."""
        assert self.live is not None
        self.live.clear_basis()
        self.set_mode(mode)
        sol = self.live.solve()
        sol.options = self.live.recorded(self._options(mode))
        step = policy.retry(sol.status, mode)
        if step == "rescale":
            again = policy.retry_options(self.lp, self._options(mode))
            if again is not None:                # a new model, the scaling the other way round
                self.live = None                 # free the failed model before handing over the next
                self.live, sol = solve_again(self.lp, sol, again, self.plan.threads)
            step = policy.retry(sol.status, mode, frozenset({"rescale"}))
        if step == "crossover":
            log.warning("HiGHS ended with '%s' after %.0f s without crossover; solving once more with it",
                        sol.status, sol.seconds)
            first, sol = sol, self._cold("cold")
            sol = joined(first, sol)
            sol.options = {**sol.options, RETRY_KEY: first.status}
            return sol
        if sol.status == "Optimal":
            self.cold_seconds = sol.seconds
        else:
            self.live.clear_basis()        # never warm-start the next scenario from a failed solve
        return sol


# -- the sweep task ------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class ChainTask:
    """One unit of sweep work: scenarios of one strategy, solved in this order by one process."""
    case_path: str
    strategy: str
    scenarios: tuple[Scenario, ...]
    out: str
    plan: SolvePlan
    run: str                       # id of the sweep run (goes into the catalog and the solve log)
    started: float                 # time.time() when the sweep run began
    battery_techs: tuple[str, ...] = ()
    period_length: tuple[float, ...] = ()    # years per period, for rows rebuilt from files
    # the case under the strategy where the task runs in the process that read it (a serial sweep); workers get
    # theirs once per process instead (``run_chain``'s `base`), never with every task
    base: Case | None = dataclasses.field(default=None, compare=False, repr=False)


def _log_solve(out: Path, row: dict) -> None:
    """Append one line per finished solve to the sweep's solve log (O_APPEND: lines never interleave)."""
    keys = ("name", "status", "objective", "warm", "iterations", "crossover_iterations", "ipm_iterations",
            "vertex", "seconds", "run", "error")
    line = json.dumps({k: row[k] for k in keys} | {"pid": os.getpid(), "time": time.time()}, default=str) + "\n"
    fd = os.open(out / SOLVE_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def run_chain(task: ChainTask, emit: Emit | None = None, base: Case | None = None) -> list[dict]:
    """Solve `task`'s scenarios in order on one live model, writing one result file each.

    `base` (else ``task.base``) is the case under the task's strategy (``read_strategy_case``) where the
    sweep has read it once for all its tasks; without either the task reads it.

    `emit` receives ``{"event": "start", "name": ...}`` before each solve and ``{"event": "done",
    "row": {...}}`` after it. A scenario that fails gets a row with its error and the chain goes on.
    A scenario whose result file this same run already completed (a retried task) is not solved again,
    and the task stops early if another sweep run has taken over the folder (``files.is_current``).
    Returns the rows.
    """
    emit = emit or (lambda event: None)
    base = base if base is not None else task.base
    out = Path(task.out)
    rows: list[dict] = []
    chain: Chain | None = None
    chain_error = ""
    for i, sc in enumerate(task.scenarios):
        if not is_current(out, task.run):
            break                     # a newer sweep owns the folder (this task outlived its sweep): stop
        file = out / result_name(sc)
        if file.exists() and file.stat().st_mtime >= task.started and is_complete(file, sc):
            row = row_from_file(file, sc, np.asarray(task.period_length) if task.period_length else None)
            rows.append(row)
            emit({"event": "done", "row": row})
            continue
        emit({"event": "start", "name": sc.name, "pid": os.getpid()})
        row = base_row(sc, file.name, module_list_file(task.plan.modules or ""))
        row["run"] = task.run
        t0 = time.perf_counter()
        try:
            if chain_error:
                raise RuntimeError(chain_error)
            if chain is None:
                try:
                    chain = Chain(task.case_path, task.strategy, task.plan, task.battery_techs, base)
                except Exception as exc:
                    chain_error = f"could not read the case under strategy {task.strategy}: {exc}"
                    raise
            # the last scenario of a task leaves no basis to anyone; neither does a plan that never starts warm
            with reporting(lambda text, phase, name=sc.name: emit({"event": "progress", "name": name, "text": text,
                                                                   "phase": phase}), label=sc.name):
                sol, seconds, warm = chain.solve(sc, basis=task.plan.warm and i < len(task.scenarios) - 1)
            row["warm"] = bool(warm)
            row.update(iteration_counts(sol.iterations))
            row["vertex"] = sol.quality.get("vertex")
            row["solve_seconds"] = float(sol.seconds)
            row["status"] = sol.status
            if sol.status != "Optimal":
                raise RuntimeError(f"HiGHS ended with status '{sol.status}'")
            assert chain.lp is not None
            t1 = time.perf_counter()
            res = result_from_solution(chain.lp, sol, seconds)
            res.seconds["results"] = time.perf_counter() - t1
            row["objective"] = float(sol.objective)
            row["cumulative_co2_t"] = cumulative_co2_t(res.summary, chain.lp.case.period_length)
            row["system_cost_usd"] = system_cost_usd(res.summary)
            if not is_current(out, task.run):
                break
            res.to_hdf5(file)
            row["created"] = _created(file)
        except Exception as exc:  # one scenario's failure is recorded; the chain goes on
            if row["status"] in ("", "Optimal"):       # not a solver status: reading, building or writing failed
                row["status"] = "error"
            row["error"] = _short_error(exc)
            if chain is not None and chain.lp is None and not chain_error and not isinstance(exc, CaseError):
                chain_error = f"building the LP of strategy {task.strategy} failed: {row['error']}"
        row["seconds"] = time.perf_counter() - t0
        _log_solve(out, row)
        rows.append(row)
        emit({"event": "done", "row": row})
    return rows


def _created(file: Path) -> str:
    import h5py
    with h5py.File(file, "r") as f:
        return str(f.attrs.get("created", ""))


def _short_error(exc: BaseException) -> str:
    """The exception in one line, plus where it was raised (the full traceback would flood a catalog)."""
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" [{Path(tb[-1].filename).name}:{tb[-1].lineno}]" if tb else ""
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    return text[:2000] + where

"""Scenario sweeps: many scenarios of one case, warm-started, in parallel.

    cat = batteryplan.sweep("inputs", scenarios="all", carbon_multipliers=[1, 2, 5], out="runs")

Scenarios of one strategy differ only in the cost vector (MODEL.md §3). A sweep therefore groups
the scenarios by strategy and makes each group one task (a *chain*, ``chain.run_chain``): it
builds the LP once, solves the first scenario cold and the others warm from the previous basis,
and writes one result file per scenario. Within a chain, scenarios are ordered so that neighbours
differ in one step (carbon level upwards, battery cost path snaking), which keeps warm starts short.
That is the default below ``policy.AUTO_COLD_ROWS`` rows. On bigger LPs (the full China case) a warm
simplex step between the study's scenarios lost to a cold interior-point solve, while a small
carbon-multiplier step (within ``policy.SMALL_STEP``) still paid; so there only runs of such
steps are chained and every other scenario is solved cold as a task of its own (``warm="auto"``,
docs/sweeps.md).

Where the chains run:
- ``workers=1``: in this process, one chain after the other;
- default: a pool of spawned processes (``concurrent.futures.ProcessPoolExecutor``), as many as
  the machine has CPUs or as there are chains, with one single-threaded HiGHS per process
  (highs_notes.md §2.5); a worker whose parent dies exits at once, so a killed sweep leaves no
  solver behind that could still write files; on big LPs each cold one-scenario task gets a new
  process (``_Pool``), so that no worker carries one solve's memory into the next;
- ``scheduler="tcp://host:8786"``: an existing Dask cluster, or ``local_cluster=True``: a Dask
  ``LocalCluster`` of `workers` processes on loopback (one thread each). Workers must see the case
  and ``out`` at the same paths (a shared filesystem), have batteryplan installed, and should run
  one thread each (``dask worker --nthreads 1``): HiGHS is safest as one instance per process.
  A task left running by a killed sweep stops before its next scenario once a new sweep (for
  example ``--resume``) owns the folder (``files.is_current``).

The sweep reads the case once per strategy and hands it to the workers once: as an argument in this
process, in the initializer of each pool process, or scattered to the Dask workers.

The folder `out` (see ``files``) gets one result file per scenario, a catalog (CSV and
Parquet, rewritten atomically after each finished scenario) and a solve log. With ``resume=True``
scenarios whose result file is complete are not solved again. A failed scenario records its error
in the catalog and the others go on; a scenario whose worker process dies is retried once.
"""
from __future__ import annotations

import collections
import concurrent.futures as cf
import logging
import math
import multiprocessing
import os
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..case import Case
from ..errors import CaseError, require
from ..io.switch_reader import read_case
from ..outputs import check_folder
from ..scenarios import BATTERY_COST, PAPER, Scenario, all_names, apply_costs, parse
from ..solver import policy
from ..solver.policy import DEFAULT_METHOD, WARM_LIMIT
from ..strategy import STRATEGIES
from .chain import BUNDLED, ChainTask, SolvePlan, read_strategy_case, run_chain, small_step
from .files import (CATALOG_COLUMNS, DEFAULT_MODULES, SweepBusyError, SweepFolderError, base_row, catalog_frame,
                    claim, folder_lock, forget_earlier_sweep, is_complete, read_catalog, refuse_earlier_sweep,
                    refuse_other_modules, remove_partials, result_name, row_from_file, write_catalog)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 2          # a scenario whose worker dies twice is recorded as failed

__all__ = ["sweep", "resolve_scenarios", "plan_chains", "SweepBusyError", "SweepFolderError", "CATALOG_COLUMNS"]


# -- what to solve --------------------------------------------------------------------------------

def resolve_scenarios(spec: str | Sequence[str] = "paper", carbon_multipliers: Iterable[float] = (1.0,),
                      battery_techs: Sequence[str] = ()) -> list[Scenario]:
    """Scenarios of a sweep: ``"paper"`` (the study's 20), ``"all"`` (24) or names, comma-separated or
    a list (``paper``/``all`` may appear among them), each under every carbon multiplier."""
    tokens = [t.strip() for t in (spec.split(",") if isinstance(spec, str) else spec) if t.strip()]
    if not tokens:
        raise CaseError("no scenarios given")
    names: list[str] = []
    for t in tokens:
        names += PAPER if t.lower() == "paper" else all_names() if t.lower() == "all" else [t]
    mults = [float(m) for m in carbon_multipliers] or [1.0]
    for m in mults:
        if not (m >= 0 and math.isfinite(m)):
            raise CaseError(f"carbon multiplier must be a finite number >= 0, got {m}")
    out: dict[str, Scenario] = {}
    for n in names:
        for m in mults:
            sc = parse(n, m, tuple(battery_techs))
            if out.setdefault(sc.name, sc) != sc:
                raise CaseError(f"carbon multipliers {out[sc.name].carbon_multiplier!r} and {m!r} give the same "
                                f"scenario name {sc.name}; use multipliers that differ in 6 significant digits")
    return list(out.values())


def _chain_order(scenarios: Sequence[Scenario]) -> list[Scenario]:
    """Neighbours differ by one step. Carbon levels (Low = 1, High = 2, times the multiplier) go up
    once; within a level the battery cost path goes B, M, R, then R, M, B on the next level (a snake).
    Measured on an 8-province, 2-period China slice (50 k rows, warm from the previous scenario): a
    battery-path step re-solved in 1-26 s, a carbon step (Low to High) in 26-37 s, so carbon-major
    order takes fewer of the expensive steps."""
    def level(sc: Scenario) -> float:
        return (1.0 if sc.carbon == "Low" else 2.0) * sc.carbon_multiplier

    def path_rank(sc: Scenario) -> int:
        return BATTERY_COST.index(sc.battery_cost) if sc.battery_cost in BATTERY_COST else 99

    by_level: dict[float, list[Scenario]] = collections.defaultdict(list)
    for sc in scenarios:
        by_level[level(sc)].append(sc)
    ordered: list[Scenario] = []
    for k, lv in enumerate(sorted(by_level)):
        ordered += sorted(by_level[lv], key=lambda sc: (path_rank(sc), sc.battery_cost), reverse=bool(k % 2))
    return ordered


# Longest tasks first, so that the last task to start is a short one. Cold seconds per scenario on the
# bundled China case (docs/sweeps.md, 2 workers, Low / High carbon): Mixed 1,051 / 1,279, Demand
# 616 / 789, RE 652 / 687, Grid 526 / 607; every strategy took longer under High carbon.
_SLOWEST_FIRST = ("Mixed", "Demand", "RE", "Grid")


def _task_order(chain: tuple[str, list[Scenario]]) -> tuple:
    strategy, part = chain
    rank = _SLOWEST_FIRST.index(strategy) if strategy in _SLOWEST_FIRST else len(_SLOWEST_FIRST)
    return -len(part), rank, part[0].carbon != "High"


def _small_step_runs(scenarios: Sequence[Scenario]) -> list[list[Scenario]]:
    """Scenarios grouped into runs that differ from their neighbour by a small carbon-multiplier step
    (``chain.small_step``), each run in increasing multiplier; everything else on its own."""
    groups: dict[tuple, list[Scenario]] = collections.defaultdict(list)
    for sc in scenarios:
        groups[(sc.strategy, sc.carbon, sc.battery_cost, sc.battery_techs)].append(sc)
    runs: list[list[Scenario]] = []
    for group in groups.values():
        group.sort(key=lambda sc: sc.carbon_multiplier)
        runs.append([group[0]])
        for prev, sc in zip(group, group[1:]):
            if small_step(prev, sc):
                runs[-1].append(sc)
            else:
                runs.append([sc])
    return runs


def plan_chains(scenarios: Sequence[Scenario], max_chain: int | None = None,
                small_steps_only: bool = False) -> list[tuple[str, list[Scenario]]]:
    """(strategy, ordered scenarios) per task: one per strategy, split into pieces of at most
    `max_chain` scenarios if given (more parallelism, one more cold solve per piece). With
    `small_steps_only` (big LPs), a task is a run of small carbon-multiplier steps, the only steps
    worth a warm start there, and every other scenario is a task of its own. Longest tasks first,
    the slower strategies (Mixed, then Demand, RE, Grid) first among equals."""
    chains: list[tuple[str, list[Scenario]]] = []
    if small_steps_only:
        chains = [(run[0].strategy, run) for run in _small_step_runs(scenarios)]
        if max_chain:
            chains = [(s, part[i:i + int(max_chain)]) for s, part in chains
                      for i in range(0, len(part), max(1, int(max_chain)))]
        return sorted(chains, key=_task_order)
    groups: dict[str, list[Scenario]] = collections.defaultdict(list)
    for sc in scenarios:
        groups[sc.strategy].append(sc)
    for strategy in sorted(groups, key=lambda s: STRATEGIES.index(s) if s in STRATEGIES else 99):
        ordered = _chain_order(groups[strategy])
        n = max(1, int(max_chain)) if max_chain else len(ordered)
        pieces = math.ceil(len(ordered) / n)
        size = math.ceil(len(ordered) / pieces)
        chains += [(strategy, ordered[i:i + size]) for i in range(0, len(ordered), size)]
    return sorted(chains, key=_task_order)


# -- where chains run -----------------------------------------------------------------------------

_EMIT = None
_CASES: dict[str, Case] = {}       # in a pool process: the case under each strategy, from the sweep


def _exit_with_parent() -> None:
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    parent.join()                  # returns when the sweep process is gone
    os._exit(70)                   # a killed sweep must not leave a solver that still writes files


def _init_pool_worker(queue, cases: Mapping[str, Case]) -> None:
    global _EMIT, _CASES
    _EMIT = queue.put
    _CASES = dict(cases)
    threading.Thread(target=_exit_with_parent, name="exit-with-parent", daemon=True).start()


def _pool_run_chain(task: ChainTask) -> list[dict]:
    return run_chain(task, _EMIT, _CASES.get(task.strategy))


def _dask_run_chain(task: ChainTask, queue_name: str, base: Case | None = None) -> list[dict]:
    from distributed import Queue
    q = Queue(queue_name)
    return run_chain(task, q.put, base)


def _strategy_cases(path: Path, strategies: Iterable[str], battery_techs: Sequence[str],
                    full_mixed: bool, aggregate: bool = True, modules: str | None = None) -> dict[str, Case]:
    """The case under each strategy, read once for every task of the sweep. A strategy whose case does not
    read is left out: its tasks read it themselves and record the error in each scenario's row."""
    cases = {}
    for strategy in strategies:
        try:
            cases[strategy] = read_strategy_case(path, strategy, battery_techs, full_mixed, aggregate, modules)
        except Exception as exc:  # recorded per scenario by the tasks, as for a case read in a worker
            log.debug("the case under strategy %s did not read here: %s", strategy, exc)
    return cases


class _Pool:
    """Spawned worker processes; events come back through a multiprocessing queue.

    With `fresh`, every task runs in a new process (``max_tasks_per_child=1``). Used for the cold
    one-scenario tasks of big LPs: on the China case a worker that had solved one scenario peaked at
    5.7 GB on its second (Demand-Low-R, then RE-Low-R), against 2.1-3.1 GB for one solve in a new
    process; the memory HiGHS freed stayed with the process. A new process costs about a second.
    """

    def __init__(self, workers: int, fresh: bool = False, cases: Mapping[str, Case] | None = None) -> None:
        self.workers = workers
        self.fresh = fresh
        self.cases = dict(cases or {})       # handed to each process once, by its initializer
        self.ctx = multiprocessing.get_context("spawn")
        self.queue = self.ctx.Queue()
        self.generation = 0
        self.ex = self._start()

    def _start(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(self.workers, mp_context=self.ctx, initializer=_init_pool_worker,
                                      initargs=(self.queue, self.cases), max_tasks_per_child=1 if self.fresh else None)

    def submit(self, task: ChainTask) -> cf.Future:
        return self.ex.submit(_pool_run_chain, task)

    def events(self, timeout: float) -> list[dict]:
        import queue as _q
        out = []
        try:
            out.append(self.queue.get(timeout=timeout) if timeout > 0 else self.queue.get_nowait())
            while True:
                out.append(self.queue.get_nowait())
        except _q.Empty:
            pass
        return out

    def recover(self, exc: BaseException, generation: int) -> None:
        from concurrent.futures.process import BrokenProcessPool
        if isinstance(exc, BrokenProcessPool) and generation == self.generation:
            self.ex.shutdown(wait=False, cancel_futures=True)
            self.generation += 1
            # a worker killed while writing an event may hold the queue's write lock for ever, so the new
            # pool gets a new queue; events still in the old one are progress only (rows come back as
            # task results, and a retried task skips the result files this run already completed)
            self.queue = self.ctx.Queue()
            self.ex = self._start()

    def close(self, failed: bool) -> None:
        if failed:
            for p in list(getattr(self.ex, "_processes", {}).values()):   # our own workers, by handle
                p.terminate()
        self.ex.shutdown(wait=True, cancel_futures=True)
        self.queue.close()


class _Dask:
    """A Dask cluster (existing, by address, or a LocalCluster started here); events via a Dask Queue. The case
    under each strategy is scattered once; a worker fetches it once and keeps it for all its tasks."""

    generation = 0

    def __init__(self, scheduler: str | None, workers: int | None, cases: Mapping[str, Case] | None = None) -> None:
        require("distributed", "dask", "a sweep on a Dask cluster (--local-cluster, --scheduler)")
        from distributed import Client, LocalCluster, Queue
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.queue = Queue(f"batteryplan-sweep-{uuid.uuid4().hex}", client=self.client)
        self.cases = {s: self.client.scatter(c, hash=False) for s, c in (cases or {}).items()}

    def submit(self, task: ChainTask):
        return self.client.submit(_dask_run_chain, task, self.queue.name, self.cases.get(task.strategy),
                                  pure=False, retries=0)

    def events(self, timeout: float) -> list[dict]:
        items = self.queue.get(batch=True)
        if not items and timeout > 0:
            time.sleep(timeout)
        return list(items)

    def recover(self, exc: BaseException, generation: int) -> None:
        pass                        # the scheduler replaces lost workers itself

    def close(self, failed: bool) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# -- the sweep ------------------------------------------------------------------------------------

class _TqdmHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm
        tqdm.write(self.format(record), file=sys.stderr)


def _describe(row: Mapping, done: int, total: int) -> str:
    head = f"[{done}/{total}] {row['name']}"
    if row["status"] != "Optimal":
        return f"{head}: FAILED ({row['status']}): {row['error']}"
    how = "warm" if row["warm"] is True else "cold" if row["warm"] is False else "from file"
    return (f"{head}: objective {row['objective']:.10g} $, CO2 {row['cumulative_co2_t'] / 1e6:,.4g} Mt, "
            f"{how}, {_iterations(row)}, {row['seconds']:.2f} s")


def _iterations(row: Mapping) -> str:
    """'105 IPM it (interior point)', '98 IPM + 78,404 crossover it', '8,864 simplex it', ..."""
    def n(key: str) -> int:
        v = row.get(key)
        return 0 if v is None or pd.isna(v) else int(v)
    ipm, xover = n("ipm_iterations"), n("crossover_iterations")
    parts = [f"{ipm:,} IPM"] if ipm else []
    parts += [f"{xover:,} crossover"] if xover else []
    parts += [f"{n('iterations') - xover:,} simplex"] if n("iterations") - xover or not parts else []
    point = " (interior point)" if row.get("vertex") is False else ""
    return " + ".join(parts) + " it" + point


class _Book:
    """The parent's record of a sweep: state per scenario, rows, catalog, progress bar, log lines."""

    def __init__(self, scenarios: list[Scenario], out: Path, quiet: bool, tty: bool | None = None,
                 modules: str = DEFAULT_MODULES) -> None:
        from tqdm import tqdm
        self.quiet = quiet
        self.modules = modules                     # the module-list file of the sweep's case
        # a terminal gets the bar, with the running scenarios' progress beside it; a log gets plain lines only
        self.tty = sys.stderr.isatty() if tty is None else tty
        self.progress: dict[str, str] = {}        # running scenario -> what its solve is doing
        self.progress_shown = -math.inf
        self.scenarios = scenarios
        self.by_name = {sc.name: sc for sc in scenarios}
        self.out = out
        self.rows: dict[str, dict] = {}
        self.state: dict[str, str] = {sc.name: "pending" for sc in scenarios}
        self.attempts: collections.Counter[str] = collections.Counter()
        self.kept: list[dict] = []             # an earlier sweep's rows of other scenarios (resume)
        self.bar = tqdm(total=len(scenarios), desc="sweep", unit="scenario", file=sys.stderr,
                        disable=quiet or not self.tty, dynamic_ncols=True, smoothing=0.1)

    def preset(self, row: dict) -> None:
        """A scenario that is already done (resume): counted, but not in the rate behind the ETA."""
        self.rows[row["name"]] = row
        self.state[row["name"]] = "done"
        self.bar.initial = getattr(self.bar, "initial", 0) + 1
        self.bar.n += 1
        # tqdm's rate is the scenarios since its last print over the time since then: without this, the first
        # scenario solved after a resume counted every preset one too (33 s/scenario instead of 533 s on China)
        self.bar.last_print_n = self.bar.n
        self.bar.refresh()

    def on_event(self, ev: Mapping) -> None:
        if ev.get("event") == "start":
            if self.state.get(ev["name"]) == "pending":
                self.state[ev["name"]] = "running"
        elif ev.get("event") == "done":
            self.progress.pop(ev["row"]["name"], None)
            self.record(ev["row"])
        elif ev.get("event") == "progress" and not self.quiet:
            self.show_progress(ev["name"], ev["text"], bool(ev.get("phase")))

    def show_progress(self, name: str, text: str, new_phase: bool = False) -> None:
        """A running scenario's solve progress: beside the bar on a terminal, else a plain line at each new phase
        and at most every ``progress.PLAIN_EVERY_S`` (over all running scenarios)."""
        from ..solver.progress import PLAIN_EVERY_S
        self.progress[name] = text
        if self.tty:
            self.bar.set_postfix_str(" | ".join(self.progress.values()), refresh=True)
            return
        now = time.monotonic()
        if new_phase:
            log.info(text)
        elif now - self.progress_shown >= PLAIN_EVERY_S:
            self.progress_shown = now
            for line in self.progress.values():
                log.info(line)

    def record(self, row: dict) -> None:
        name = row["name"]
        if self.state.get(name) == "done":
            return                               # the same row, once from the queue and once returned
        self.rows[name] = row
        self.state[name] = "done"
        self.write()
        self.bar.update(1)
        n_done = sum(1 for s in self.state.values() if s == "done")
        (log.info if row["status"] == "Optimal" else log.warning)(_describe(row, n_done, len(self.scenarios)))

    def keep(self, rows: Mapping[str, dict]) -> None:
        """Rows of an earlier sweep's catalog for scenarios this sweep does not solve: the catalog keeps them."""
        # refuse_other_modules let the sweep resume only with the same module list as these rows'
        self.kept = [{**{k: r.get(k) for k in CATALOG_COLUMNS}, "modules": self.modules} for r in rows.values()]

    def write(self) -> None:
        write_catalog(self.frame(), self.out)

    def frame(self, kept: bool = True) -> pd.DataFrame:
        rows = [self.rows.get(sc.name) or {**base_row(sc, result_name(sc), self.modules), "status": "pending"}
                for sc in self.scenarios]
        return catalog_frame(rows + (self.kept if kept else []))

    def leftovers(self, task: ChainTask, exc: BaseException) -> list[Scenario]:
        """After a task failed as a whole: fail scenarios that were running in it too often; the rest
        go back to the queue."""
        left = [sc for sc in task.scenarios if self.state[sc.name] != "done"]
        running = [sc for sc in left if self.state[sc.name] == "running"] or left[:1]
        again = []
        for sc in left:
            if sc in running:
                self.attempts[sc.name] += 1
                if self.attempts[sc.name] >= MAX_ATTEMPTS:
                    row = base_row(sc, result_name(sc), self.modules)
                    row["status"], row["run"] = "error", task.run
                    row["error"] = f"the worker process died while solving it ({type(exc).__name__}: {exc})"
                    self.record(row)
                    continue
            self.state[sc.name] = "pending"
            again.append(sc)
        return again


def _default_workers(n_chains: int) -> int:
    return max(1, min(policy.usable_cores(), n_chains))


def choose_warm(case) -> bool:
    """``warm="auto"``: warm chains below ``policy.AUTO_COLD_ROWS`` rows of `case`'s LP; from there on only
    small carbon-multiplier steps are warm. The row count comes from the LP's index space; no matrix is
    assembled."""
    from ..csc_builder import FAMILIES
    from ..csc_builder.space import build_space
    return policy.warm_chains(build_space(case, FAMILIES).n_rows)


def sweep(case: str | Path | None = None, scenarios: str | Sequence[str] = "paper",
          carbon_multipliers: Iterable[float] = (1.0,), out: str | Path = "sweep", *,
          workers: int | None = None, scheduler: str | None = None, local_cluster: bool = False,
          resume: bool = False, quiet: bool = False, method: str = DEFAULT_METHOD, warm: bool | str = "auto",
          solver_options: Mapping[str, object] | None = None, battery_techs: Sequence[str] = (),
          max_chain: int | None = None, warm_limit: float | None = WARM_LIMIT,
          full_mixed: bool = False, overwrite: bool = False, aggregate: bool = True,
          modules: str | None = None) -> pd.DataFrame:
    """Solve `scenarios` of `case` (default: the bundled China case) into `out`; returns the catalog rows of
    these scenarios (the catalog file keeps, after them, the rows of other scenarios an earlier sweep into
    `out` solved, when `resume` is given).

    Args:
        scenarios: ``"paper"``, ``"all"``, or scenario names (comma-separated text or a list).
        carbon_multipliers: every scenario is solved under each multiplier of its carbon path.
        out: folder for the result files (``<scenario>.h5``) and ``catalog.csv`` / ``catalog.parquet``.
        workers: processes (default: CPUs, at most one per chain); 1 runs in this process.
        scheduler: address of a Dask scheduler (``tcp://host:8786``); `local_cluster` starts a
            Dask LocalCluster of `workers` processes instead of the default process pool.
        resume: keep complete result files in `out` and solve only what is missing.
        overwrite: `out` holds an earlier sweep: delete its catalog, solve log and the result files that
            catalog lists, then solve everything. Without `resume` or `overwrite`, a folder that holds an
            earlier sweep is refused (``SweepFolderError``) before the case is read.
        quiet: no progress bar and no log line per scenario.
        method: the cold solve of each chain, ``"auto"`` (by LP size), ``"simplex"`` or ``"ipm"``
            (IPM + crossover; IPM alone where no warm solve follows, unless `solver_options` say
            ``run_crossover="on"``), see ``chain``;
        warm: True chains each strategy's scenarios warm (first cold, the rest from the previous
            basis); False solves every scenario cold, one task per scenario unless `max_chain` says
            otherwise; ``"auto"`` (default) is True below ``policy.AUTO_COLD_ROWS`` rows of the case's LP; from
            there on only runs of small carbon-multiplier steps (``policy.SMALL_STEP``) are warm
            chains and every other scenario is solved cold on its own (see ``choose_warm``).
        solver_options: extra HiGHS options for every solve.
        max_chain: split a strategy's chain into pieces of at most this many scenarios.
        warm_limit: a warm solve taking longer than this multiple of the chain's last cold solve is
            abandoned for a cold one (None or 0: never).
        full_mixed: solve Mixed with the RE-connected copies its grid copies dominate (same optimum,
            a bigger LP; see the ``strategy`` module).
        aggregate: merge projects with identical parameters into one (same optimum, a smaller LP; results
            stay per project as read; see the ``aggregate`` module).
        modules: the module list (``read_case``): None for modules.txt, a variant's name (``modules_<name>.txt``)
            or a path. The catalog's ``modules`` column records its file; resuming into a folder solved with
            another list is refused (``SweepFolderError``).
    """
    path = Path(case) if case is not None else BUNDLED
    out = Path(out)
    if resume and overwrite:
        raise ValueError("resume and overwrite exclude each other")
    scs = resolve_scenarios(scenarios, carbon_multipliers, battery_techs)
    if scheduler or local_cluster:
        require("distributed", "dask", "a sweep on a Dask cluster (--local-cluster, --scheduler)")
    refuse_earlier_sweep(out, resume or overwrite)
    check_folder(out, "the sweep's results into the folder")
    base = read_case(path, aggregate=aggregate, modules=modules)   # a bad case fails here, before any process starts
    if resume:
        refuse_other_modules(out, base.modules_file)
    period_length = tuple(float(v) for v in base.period_length)
    small_steps_only = warm == "auto" and not choose_warm(base)
    warm = True if warm == "auto" else bool(warm)
    if not warm and max_chain is None:
        max_chain = 1                        # nothing to share between cold solves: balance the load
    plan = SolvePlan(method=method, warm=warm, options=dict(solver_options or {}),
                     threads=1 if (workers != 1 or scheduler or local_cluster) else None,
                     warm_limit=warm_limit or None, small_steps_only=small_steps_only, full_mixed=full_mixed,
                     aggregate=aggregate, modules=base.modules_variant or None)
    handler = None
    old_level, old_propagate = log.level, log.propagate
    if not quiet:
        handler = _TqdmHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    try:
        with folder_lock(out):
            remove_partials(out)
            if overwrite:
                forget_earlier_sweep(out)
            return _sweep_locked(path, base, scs, out, plan, period_length, workers, scheduler, local_cluster,
                                 resume, quiet, tuple(battery_techs), max_chain)
    finally:
        if handler is not None:
            log.removeHandler(handler)
        log.setLevel(old_level)
        log.propagate = old_propagate


def _sweep_locked(path: Path, base, scs: list[Scenario], out: Path, plan: SolvePlan,
                  period_length: tuple[float, ...], workers: int | None, scheduler: str | None,
                  local_cluster: bool, resume: bool, quiet: bool, battery_techs: tuple[str, ...],
                  max_chain: int | None) -> pd.DataFrame:
    run = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    started = time.time()
    claim(out, run)
    book = _Book(scs, out, quiet, modules=base.modules_file)
    try:
        previous = read_catalog(out) if resume else None
        prev_rows = ({str(r["name"]): r for r in previous.to_dict("records")}
                     if previous is not None and "name" in previous else {})
        book.keep({k: r for k, r in prev_rows.items() if k not in book.by_name})
        todo: list[Scenario] = []
        for sc in scs:
            try:
                apply_costs(base, sc)                    # the case has this scenario's paths
            except CaseError as exc:
                row = base_row(sc, result_name(sc), book.modules)
                row["status"], row["error"], row["run"] = "error", str(exc), run
                book.record(row)
                continue
            file = out / result_name(sc)
            if resume and is_complete(file, sc):
                row = row_from_file(file, sc, np.asarray(period_length))
                old = prev_rows.get(sc.name)
                if old is not None and old.get("status") == "Optimal" and str(old.get("created")) == row["created"]:
                    row.update({k: old[k] for k in ("warm", "seconds", "run") if k in old})
                    row["warm"] = None if pd.isna(row["warm"]) else bool(row["warm"])
                book.preset(row)
            else:
                todo.append(sc)
        book.write()
        if resume and len(todo) < len(scs):
            log.info(f"resume: {len(scs) - len(todo)} of {len(scs)} scenarios already solved in {out}")
        chains = plan_chains(todo, max_chain, plan.small_steps_only)
        if chains:
            cases = _strategy_cases(path, dict.fromkeys(s for s, _ in chains), battery_techs, plan.full_mixed,
                                    plan.aggregate, plan.modules)
            n_workers = workers or _default_workers(len(chains))
            serial = n_workers == 1 and not (scheduler or local_cluster)

            def make(strategy: str, part: Sequence[Scenario]) -> ChainTask:
                # in this process a task takes the case as it is; other processes have their own copy already
                return ChainTask(str(path), strategy, tuple(part), str(out), plan, run, started, battery_techs,
                                 period_length, cases.get(strategy) if serial else None)

            if scheduler or local_cluster:
                _run_backend(_Dask(scheduler, workers or _default_workers(len(chains)), cases), chains, make, book)
            elif serial:
                _run_serial(chains, make, book)
            else:
                _run_backend(_Pool(n_workers, fresh=plan.small_steps_only, cases=cases), chains, make, book)
        book.write()
        return book.frame(kept=False)
    finally:
        book.bar.close()


def _run_serial(chains, make, book: _Book) -> None:
    for strategy, part in chains:
        task = make(strategy, part)
        try:
            for row in run_chain(task, book.on_event):
                book.record(row)
        except Exception as exc:  # run_chain records per-scenario failures itself; this is a bug guard
            for sc in task.scenarios:
                if book.state[sc.name] != "done":
                    row = base_row(sc, result_name(sc), book.modules)
                    row["status"], row["error"], row["run"] = "error", f"{type(exc).__name__}: {exc}", task.run
                    book.record(row)


def _run_backend(backend, chains, make, book: _Book) -> None:
    queue = collections.deque(chains)
    active: dict = {}
    failed = True
    try:
        while queue or active:
            while queue:
                task = make(*queue.popleft())
                active[backend.submit(task)] = (task, backend.generation)
            for ev in backend.events(0.2):
                book.on_event(ev)
            for fut in [f for f in active if f.done()]:
                task, generation = active.pop(fut)
                for ev in backend.events(0):
                    book.on_event(ev)
                try:
                    rows = fut.result()
                except Exception as exc:  # the task died as a whole (worker crash, lost worker)
                    again = book.leftovers(task, exc)
                    if again:
                        queue.append((task.strategy, again))
                    backend.recover(exc, generation)
                    continue
                for row in rows:
                    book.record(row)
        failed = False
    finally:
        backend.close(failed)

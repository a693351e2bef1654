"""Where one strategy's metric falls below another's, over the carbon multiplier: the crossover search.

    res = crossover("inputs", strategies=("Mixed", "RE"), metric="cumulative_co2", lo=1, hi=200)
    res.points        # every point solved: multiplier, strategy, metric, objective, warm, ...
    res.bracket       # (m_lo, m_hi) around the first sign change of metric(A) - metric(B), or None

Each strategy keeps one live model (``chain.Chain``) for the whole search, so every point after
the first can be a warm re-solve: only the carbon price in the cost vector changes. On LPs of
``policy.AUTO_COLD_ROWS`` rows or more only steps within ``policy.SMALL_STEP`` start warm (the
last bisection steps); bigger steps are solved cold, which was faster there. With two or more
workers each strategy's chain lives in its own process and the strategies of a point are solved at
the same time.

The search: first a scan over `grid` multipliers spaced geometrically from `lo` to `hi` (linearly
if `lo` is 0), in increasing order, that stops at the first sign change of d(m) = metric(A) −
metric(B); then bisection (geometric midpoints) of that bracket until ``hi/lo <= 1 + rtol``. The
scan goes upwards and each midpoint becomes a bracket end, so the live basis always comes from a
neighbouring multiplier. Note that a metric other than the objective need not be unique at the
optimum (alternative optima, see ``split-range``): d(m) is the difference of the solver's optima.
"""
from __future__ import annotations

import dataclasses
import logging
import math
import multiprocessing
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import CaseError
from ..scenarios import Scenario, parse
from ..solver.policy import DEFAULT_METHOD
from ..solver.solve import result_from_solution
from ..strategy import STRATEGIES
from .chain import BUNDLED, Chain, SolvePlan
from .files import cumulative_co2_t, iteration_counts, system_cost_usd

log = logging.getLogger(__name__)


def _battery_discharge_mwh(res, case) -> float:
    per_year = np.asarray(res.summary["storage_discharge_by_zone_attachment_mwh_per_yr"]).sum(axis=(0, 1))
    return float(per_year @ case.period_length)


def _battery_capacity_mw(res, case) -> float:
    cap = np.asarray(res.arrays["capacity_mw"])[np.asarray(res.index["project_is_storage"], bool)]
    return float(cap[:, -1].sum()) if cap.size else 0.0


METRICS: dict[str, tuple[str, Callable]] = {
    "cumulative_co2": ("t CO2 over the horizon", lambda res, case: cumulative_co2_t(res.summary, case.period_length)),
    "objective": ("$ (NPV)", lambda res, case: float(res.objective)),
    "system_cost": ("$ (NPV)", lambda res, case: system_cost_usd(res.summary)),
    "battery_discharge": ("MWh over the horizon", _battery_discharge_mwh),
    "battery_capacity": ("MW of storage in the last period", _battery_capacity_mw),
}


# One row per (multiplier, strategy) solved; what the CSV alone must also say to be read later (batteryplan
# fidelity, --resume): which metric, carbon path, battery-cost path and module list.
POINT_COLUMNS = ["carbon_multiplier", "strategy", "scenario", "metric", "difference", "objective", "status", "warm",
                 "iterations", "seconds", "error"]
SAID_COLUMNS = ("metric_name", "carbon", "battery_cost", "modules")
SAME_MULTIPLIER_RTOL = 1e-12      # multipliers equal after a CSV round trip


def metric_difference(a: float, b: float) -> float:
    """A's metric minus B's, 0 where they are equal within solver precision (1e-9 relative): then A is not below."""
    d = a - b
    return 0.0 if abs(d) <= 1e-9 * max(abs(a), abs(b), 1e-300) else d


def with_known(points: pd.DataFrame, known: pd.DataFrame | None) -> pd.DataFrame:
    """`points` and, in multiplier order, the rows of `known` (the CSV a search resumed from) at multipliers
    `points` lacks: resuming with another range or grid keeps every point the file held."""
    if known is None or not len(known):
        return points
    have = points["carbon_multiplier"].to_numpy(float)
    m = known["carbon_multiplier"].to_numpy(float)
    other = ~np.isclose(m[:, None], have[None, :], rtol=SAME_MULTIPLIER_RTOL, atol=0).any(axis=1)
    both = pd.concat([points, known.loc[other, [c for c in points.columns if c in known.columns]]], ignore_index=True)
    return both.sort_values("carbon_multiplier", kind="stable", ignore_index=True)


@dataclasses.dataclass
class CrossoverResult:
    strategies: tuple[str, str]
    metric: str
    points: pd.DataFrame                       # one row per (multiplier, strategy) solved
    bracket: tuple[float, float] | None        # first sign change of metric(A) - metric(B)
    direction: str                             # "falls below" or "rises above" (A relative to B)

    def describe(self) -> str:
        a, b = self.strategies
        if self.bracket is None:
            return f"no crossover of {self.metric} between {a} and {b} in the range solved"
        lo, hi = self.bracket
        return (f"{a}'s {self.metric} {self.direction} {b}'s between carbon multipliers {lo:.6g} and {hi:.6g}"
                f" (about {math.sqrt(lo * hi) if lo > 0 else (lo + hi) / 2:.4g})")


def find_crossover(evaluate: Callable[[float], float], lo: float, hi: float, grid: int = 5,
                   rtol: float = 0.01, max_points: int = 60) -> tuple[tuple[float, float] | None, str]:
    """The first sign change of ``evaluate(m) < 0`` in [lo, hi]: a coarse scan, then bisection.

    Returns ((m_lo, m_hi), "falls below" | "rises above") or (None, "") when the scan finds none.
    NaN values (failed solves) never bracket.
    """
    if not (0 <= lo < hi):
        raise ValueError(f"need 0 <= lo < hi, got {lo}:{hi}")
    grid = max(2, int(grid))
    geometric = lo > 0
    pts = (np.geomspace(lo, hi, grid) if geometric else np.linspace(lo, hi, grid)).tolist()
    prev: tuple[float, float] | None = None
    bracket = None
    n = 0
    for m in pts:
        d = evaluate(m)
        n += 1
        if prev is not None and not math.isnan(d) and not math.isnan(prev[1]) and (d < 0) != (prev[1] < 0):
            bracket = (prev[0], prev[1], m, d)
            break
        prev = (m, d)
    if bracket is None:
        return None, ""
    m_lo, d_lo, m_hi, d_hi = bracket
    direction = "falls below" if d_hi < 0 else "rises above"
    while m_hi > m_lo * (1 + rtol) + (0 if m_lo > 0 else rtol) and n < max_points:
        mid = math.sqrt(m_lo * m_hi) if m_lo > 0 else (m_lo + m_hi) / 2
        d = evaluate(mid)
        n += 1
        if math.isnan(d):
            break
        if (d < 0) == (d_lo < 0):
            m_lo, d_lo = mid, d
        else:
            m_hi, d_hi = mid, d
    return (m_lo, m_hi), direction


# -- one live model per strategy, in this process or in its own ------------------------------------

class _Solver:
    """A strategy's chain, solving one multiplier at a time; returns a point row."""

    def __init__(self, path: str, strategy: str, carbon: str, battery_cost: str, plan: SolvePlan,
                 metric: str, battery_techs: Sequence[str]) -> None:
        self.chain = Chain(path, strategy, plan, battery_techs)
        self.carbon, self.battery_cost, self.metric = carbon, battery_cost, metric
        self.techs = tuple(battery_techs)

    def solve(self, multiplier: float) -> dict:
        sc = Scenario(self.chain.strategy, self.carbon, self.battery_cost, float(multiplier), self.techs)
        row = {"carbon_multiplier": float(multiplier), "strategy": sc.strategy, "scenario": sc.name,
               "metric": float("nan"), "objective": float("nan"), "status": "", "warm": None,
               "iterations": None, "seconds": float("nan"), "error": ""}
        try:
            sol, seconds, warm = self.chain.solve(sc)
            row.update(status=sol.status, warm=warm, iterations=iteration_counts(sol.iterations)["iterations"],
                       seconds=float(sum(seconds.values())))
            if sol.status == "Optimal":
                assert self.chain.lp is not None
                res = result_from_solution(self.chain.lp, sol, seconds)
                row["objective"] = float(sol.objective)
                row["metric"] = float(METRICS[self.metric][1](res, self.chain.lp.case))
            else:
                row["error"] = f"HiGHS ended with status '{sol.status}'"
        except Exception as exc:  # a failed point is reported, and never brackets
            row["status"] = row["status"] or "error"
            row["error"] = f"{type(exc).__name__}: {exc}"
        return row


def _actor_main(conn, args: tuple) -> None:
    try:
        solver = _Solver(*args)
        conn.send(("ready", None))
    except Exception as exc:  # reported to the parent, which raises it
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    while True:
        msg = conn.recv()
        if msg is None:
            return
        conn.send(("ok", solver.solve(msg)))


class _Actor:
    """A `_Solver` in its own spawned process (one HiGHS per process)."""

    def __init__(self, args: tuple) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_actor_main, args=(child, args), daemon=True)
        self.proc.start()
        child.close()

    def ready(self) -> None:
        kind, payload = self.conn.recv()
        if kind != "ready":
            raise CaseError(payload)

    def send(self, multiplier: float) -> None:
        self.conn.send(multiplier)

    def receive(self) -> dict:
        return self.conn.recv()[1]

    def close(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(timeout=10)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join()


def crossover(case: str | Path | None = None, strategies: Sequence[str] = ("Mixed", "RE"),
              metric: str = "cumulative_co2", lo: float = 1.0, hi: float = 200.0, *, carbon: str = "Low",
              battery_cost: str = "R", grid: int = 5, rtol: float = 0.01, max_points: int = 60,
              workers: int | None = None, method: str = DEFAULT_METHOD,
              solver_options: Mapping[str, object] | None = None, battery_techs: Sequence[str] = (),
              on_point: Callable[[dict], None] | None = None, modules: str | None = None,
              checkpoint: Callable[[pd.DataFrame], None] | None = None,
              known: pd.DataFrame | None = None) -> CrossoverResult:
    """Find the carbon multiplier where `metric` of ``strategies[0]`` crosses that of ``strategies[1]``.

    Scenarios are ``<Strategy>-<carbon>-<battery_cost>`` times the multiplier, on the case read with the module
    list `modules` (``read_case``). `on_point` gets each point row as soon as it is solved, `checkpoint` every
    point solved so far (the frame the result will hold) after each multiplier, so that a search stopped on the
    way keeps what it solved (the CLI writes it to --out). `known` is the frame of an earlier run of the same
    search (``--resume``: its CSV): a multiplier with both strategies' rows there, both Optimal, is taken from them
    instead of solved, so a stopped search goes on where it stopped (the search is deterministic, so it asks for
    the same multipliers). See the module docstring for the search.
    """
    if len(strategies) != 2 or strategies[0] == strategies[1]:
        raise CaseError(f"crossover compares two different strategies, got {list(strategies)}")
    for s in strategies:
        if s not in STRATEGIES:
            raise CaseError(f"unknown strategy '{s}'; expected one of {', '.join(STRATEGIES)}")
    if metric not in METRICS:
        raise CaseError(f"unknown metric '{metric}'; expected one of {', '.join(METRICS)}")
    parse(f"{strategies[0]}-{carbon}-{battery_cost}")           # checks carbon and battery cost names
    path = str(Path(case) if case is not None else BUNDLED)
    parallel = (workers or 2) > 1
    from ..io.switch_reader import read_case
    from .run import choose_warm
    base = read_case(path, modules=modules)
    plan = SolvePlan(method=method, warm=True, options=dict(solver_options or {}), threads=1 if parallel else None,
                     small_steps_only=not choose_warm(base), modules=base.modules_variant or None)
    args = [(path, s, carbon, battery_cost, plan, metric, tuple(battery_techs)) for s in strategies]
    reuse = _reusable(known, tuple(strategies), metric, carbon, battery_cost, base.modules_file)
    points: list[dict] = []
    actors: list[_Actor] = []

    def frame() -> pd.DataFrame:
        return pd.DataFrame(points, columns=POINT_COLUMNS).assign(
            metric_name=metric, carbon=carbon, battery_cost=battery_cost, modules=base.modules_file)

    try:
        if parallel:
            actors = [_Actor(a) for a in args]
            for act in actors:
                act.ready()
            locals_: list[_Solver] = []
        else:
            locals_ = [_Solver(*a) for a in args]

        def evaluate(m: float) -> float:
            earlier = _lookup(reuse, m)
            if earlier is not None:
                rows = earlier
            elif actors:
                for act in actors:
                    act.send(m)
                rows = [act.receive() for act in actors]
            else:
                rows = [s.solve(m) for s in locals_]
            d = metric_difference(rows[0]["metric"], rows[1]["metric"])
            for r in rows:
                r["difference"] = d
                points.append(r)
                if on_point is not None:
                    on_point(r)
            if checkpoint is not None:
                checkpoint(frame())
            return d

        bracket, direction = find_crossover(evaluate, float(lo), float(hi), grid, rtol, max_points)
    finally:
        for act in actors:
            act.close()
    return CrossoverResult((strategies[0], strategies[1]), metric, frame(), bracket, direction)


def _reusable(known: pd.DataFrame | None, strategies: tuple[str, str], metric: str, carbon: str, battery_cost: str,
              modules_file: str) -> dict[float, list[dict]]:
    """Multiplier -> [A's row, B's row] of the points in `known` that a search of these settings may reuse: both
    strategies Optimal. A frame of another search is an error, not silently ignored."""
    if known is None or not len(known):
        return {}
    want = {"metric_name": metric, "carbon": carbon, "battery_cost": battery_cost, "modules": modules_file}
    for c in SAID_COLUMNS:
        if c not in known:
            raise CaseError(f"the points to resume from have no '{c}' column (written before crossover recorded it); "
                            f"start the search afresh")
        said = sorted(set(known[c].astype(str)))
        if said != [want[c]]:
            raise CaseError(f"the points to resume from are of another search: {c} {', '.join(said)}, "
                            f"this one {want[c]}")
    found = sorted(set(known["strategy"].astype(str)))
    if found != sorted(strategies):
        raise CaseError(f"the points to resume from compare {' and '.join(found)}, this search "
                        f"{' and '.join(strategies)}")
    out: dict[float, list[dict]] = {}
    for m, g in known.groupby("carbon_multiplier"):
        rows = [g[(g["strategy"] == s) & (g["status"] == "Optimal")] for s in strategies]
        if all(len(r) for r in rows):
            out[float(m)] = [{**r.iloc[-1].to_dict(), "reused": True} for r in rows]
    return out


def _lookup(reuse: dict[float, list[dict]], m: float) -> list[dict] | None:
    """The reusable rows of multiplier `m` (equal within SAME_MULTIPLIER_RTOL), copies, or None."""
    for k, rows in reuse.items():
        if math.isclose(k, m, rel_tol=SAME_MULTIPLIER_RTOL, abs_tol=1e-300):
            return [dict(r) for r in rows]
    return None

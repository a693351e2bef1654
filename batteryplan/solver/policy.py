"""The solver policy: which HiGHS options a solve gets, cold or warm, and what is tried again after a failure.

One table for every caller: ``run`` (``batteryplan.solve``), ``sweep``, ``crossover`` and ``split-range``.
Nothing here imports highspy or the builder: an `lp` argument is anything with ``A.shape`` and ``integrality``.

- **Cold, by size** (``AUTO_IPM_ROWS``): below it HiGHS's own choice (simplex); from it on the interior point
  method (HiPO where highspy-extras provides it, else IPX) with crossover, so that duals are exact and a basis
  exists for warm starts (``auto_options``). A live model that also solves warm names every option the warm set
  changes (``cold_options``): dual simplex (``simplex_strategy=1``) or the interior point method, whose
  clean-up after an imprecise crossover is primal simplex (``CLEANUP_SIMPLEX_STRATEGY``).
- **Warm** (``WARM_OPTIONS``): simplex from the previous basis with ``simplex_strategy=0``, which lets HiGHS
  pick primal simplex for a basis that stays primal feasible after a cost-only change.
- **Warm or cold, per sweep** (``AUTO_COLD_ROWS``, ``SMALL_STEP``): below ``AUTO_COLD_ROWS`` rows every step of a
  chain is warm; from there on only carbon-multiplier steps within ``SMALL_STEP``. A warm solve may take
  ``WARM_LIMIT`` times the chain's last cold solve (at least ``WARM_LIMIT_FLOOR_S``).
- **Retries** (``retry``): a warm solve that does not end Optimal is solved cold; a "Solve error" (a solver
  failure, not a verdict on the LP) once more with the scaling the other way round; an interior point without
  crossover that ends "Unknown" once more with crossover. Infeasible, unbounded and limits are answers.

docs/solver_profiles.md has the measurements behind each number.
"""
from __future__ import annotations

import importlib.util
import os
from typing import Mapping

from ..errors import SolveError

# Crossover that ends "imprecise" hands HiGHS a basis to clean up with simplex, and ``simplex_strategy`` picks
# which. On the China case with SWITCH-China's module list (Grid-Low-R, one HiGHS thread) that basis was primal
# feasible (6.5e-10) and dual infeasible (3.03): dual simplex (HiGHS's default, 1) needed a phase 1 and 85,396
# iterations (14.5 of the solve's 26.5 minutes); primal simplex (4) finished it in 51 iterations and 0.6 s, at
# the same vertex objective (bench/results/solvers/china-Grid-Low-R-calibrated-primal-cleanup-20261207.json).
# So the profiles with crossover ask for primal simplex; it only matters after an imprecise crossover.
CLEANUP_SIMPLEX_STRATEGY = 4

# Named solver profiles (``batteryplan run --profile``), measured in bench/solver_study.py and
# bench/solver_run.py (docs/solver_profiles.md).
PROFILES: dict[str, dict[str, object]] = {
    "default": {},
    "simplex": {"solver": "simplex", "simplex_strategy": 1},
    "primal": {"solver": "simplex", "simplex_strategy": 4},
    "ipx": {"solver": "ipx", "run_crossover": "on", "simplex_strategy": CLEANUP_SIMPLEX_STRATEGY},
    "ipx-nocross": {"solver": "ipx", "run_crossover": "off"},
    "hipo": {"solver": "hipo", "run_crossover": "on", "simplex_strategy": CLEANUP_SIMPLEX_STRATEGY},
    "hipo-nocross": {"solver": "hipo", "run_crossover": "off"},
    "pdlp": {"solver": "pdlp"},
}


# From this many rows a cold solve goes to the interior point method (with crossover). Simplex won below it
# and IPM + crossover above it wherever both were measured (2 shared cores, Grid-Low-B): a 4.9 k-row test case
# solved in 0.2-0.4 s with simplex and 0.6 s with IPM; an 8-province, 2-period China slice (49.9 k rows) in
# 35-73 s with simplex and 23 s with IPM; the 6-period slice (153 k rows) in 505 s against 197 s; on the
# bundled China case (606 k rows) IPX was still at gap 1.0 after 916 s and dual simplex far from optimal on a
# 144 k-row slice after 195 CPU-s, while HiPO + crossover finished in 523 and 54 CPU-s
# (bench/results/solvers/). Nothing was measured between 4.9 k and 49.9 k rows; sweeps used 20,000 and
# ``run`` 40,000 until both took this one (docs/solver_profiles.md).
AUTO_IPM_ROWS = 40_000

# Warm chains pay on small LPs and not on big ones. On an 8-province, 2-period slice (50-79 k rows) a warm
# battery-cost step took 0.8-3.4 s against 9-45 s cold, and on the 6-period slice (153 k rows) 7.9 s against
# 52.4 s; on the bundled China case a warm battery-cost step had not finished after as long as a cold solve
# (Grid, 606 k rows: 481 s, 76 k simplex iterations) or half of it (Mixed, 953 k rows: 409 s against 818 s).
# HiGHS skips presolve when it starts from a basis, which is part of why warm simplex loses on big LPs.
AUTO_COLD_ROWS = 200_000
# Small carbon steps still pay there. On the bundled China case (Grid-Low-R, one HiGHS thread,
# bench/results/warm_steps_china_grid.json): from the optimal basis, the carbon price times 1.01 re-solved in
# 78 s against 516 s cold (6.6x); times 1.05 and 1.2 had not finished at a third of the cold seconds.
SMALL_STEP = 1.02
WARM_LIMIT = 0.5              # a warm solve may take this multiple of the chain's last cold solve ...
WARM_LIMIT_FLOOR_S = 2.0      # ... but at least this many seconds

METHODS = ("auto", "simplex", "ipm")
DEFAULT_METHOD = "auto"
WARM_OPTIONS: dict[str, object] = {"solver": "simplex", "simplex_strategy": 0}
# A cold IPM solve whose basis no warm solve will use (the last scenario of a task; every scenario when the
# plan never starts warm) skips crossover: "choose" runs it only if the interior point is not optimal. On the
# China case (24 scenarios, two workers, one HiGHS thread each) the six Grid scenarios took 2,727 s instead of
# 3,488 s and the six Demand ones 2,854 s instead of 3,585 s; each objective within 8.8e-9 of the vertex's
# (docs/sweeps.md). The solution is then an interior point of the optimal face, not a vertex (the result's
# ``solution_quality`` says so); ``run_crossover=on`` among the solver options asks for the vertex.
NO_BASIS_CROSSOVER = "choose"

# Our own options, applied at hand-over and never given to HiGHS: "auto" (on from AUTO_IPM_ROWS rows, never
# for a MIP), "on" or "off".
# Scaling: on China it saved 9 % on Grid-Low-R, but in a 24-scenario sweep with it on, HiPO needed 6-10 more
# IPM iterations on every Demand scenario (the six together: 3,539 s scaled, 3,585 s unscaled), 129 instead
# of 111 on the reduced Mixed-Low-R, and it failed on Mixed-High-M ("Solve error" after 1,157 s; the
# unscaled retry solved), as it had on the full Mixed LP (1,393 s). So it is off by default.
SCALING_OPTION = "batteryplan_scaling"
DEFAULT_SCALING = "off"
# Capacity columns (``solver.condense``): one HiPO factorisation on China drops from 2.9e10 to 1.3e10 flops
# (Grid), but RE-High-R needed a dual-simplex clean-up after crossover (776 s against 629 s) and Mixed did
# not gain. So they are off by default.
CAPACITY_OPTION = "batteryplan_capacity_columns"
DEFAULT_CAPACITY = "off"
OURS = (SCALING_OPTION, CAPACITY_OPTION)

# The retry rule (``retry``). "Solve error": HiPO's "Internal error" on China Mixed-High-M with scaling on,
# where the same LP unscaled solved. "Unknown" after an interior point without crossover: its IPM ended
# imprecise and "choose" did not, or could not, clean it up; the same LP would fail the same way on every
# --resume. The result records the first try's status under RETRY_KEY among its options.
RETRY_STATUS = frozenset({"Solve error"})
NO_BASIS_RETRY_STATUS = frozenset({"Unknown"})
RETRY_KEY = "batteryplan_retry_after"
MODES = ("cold", "last", "warm")   # cold; cold with no warm solve after it; warm from the previous basis


def usable_cores() -> int:
    """The cores this process may use: the thread count of a single solve (``batteryplan run`` without
    ``--threads``; HiGHS's own default is half the cores, one on a 2-core machine, and on the China case HiPO
    with two threads took 12 min 58 s against 14 min 21 s with one, the same iterations and vertex:
    docs/solver_profiles.md) and the most workers a sweep starts by default (one single-threaded chain each)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):      # not Linux
        return max(1, os.cpu_count() or 1)


def has_hipo() -> bool:
    """HiPO ships in highspy-extras (highspy 1.15.x)."""
    return importlib.util.find_spec("highspy_extras") is not None


def ipm_options(basis: bool = True) -> dict[str, object]:
    """The interior point method: HiPO where available, else IPX; with crossover unless no warm solve needs
    the basis (`basis` False: ``NO_BASIS_CROSSOVER``)."""
    opts = dict(PROFILES["hipo" if has_hipo() else "ipx"])
    if not basis:
        opts["run_crossover"] = NO_BASIS_CROSSOVER
    return opts


def auto_options(n_rows: int) -> dict[str, object]:
    """The options chosen by size for a one-off solve whose options name no solver (see AUTO_IPM_ROWS)."""
    return {} if n_rows < AUTO_IPM_ROWS else ipm_options()


def profile_options(name: str) -> dict[str, object]:
    try:
        return dict(PROFILES[name])
    except KeyError:
        raise SolveError(f"unknown solver profile '{name}'; choose one of {', '.join(PROFILES)}") from None


def cold_method(n_rows: int, method: str = DEFAULT_METHOD) -> str:
    """"simplex" or "ipm": `method`, or by size where it is "auto"."""
    if method not in METHODS:
        raise ValueError(f"unknown solve method '{method}'; expected one of {', '.join(METHODS)}")
    if method != "auto":
        return method
    return "ipm" if n_rows >= AUTO_IPM_ROWS else "simplex"


def cold_options(n_rows: int, method: str = DEFAULT_METHOD, basis: bool = True) -> dict[str, object]:
    """A cold solve on a live model that also solves warm: every option ``WARM_OPTIONS`` sets is set back.
    `basis`: whether a warm solve may start from this one's basis."""
    if cold_method(n_rows, method) == "simplex":
        return dict(PROFILES["simplex"])
    return ipm_options(basis)           # its simplex_strategy (the clean-up's) undoes the warm one


def warm_chains(n_rows: int) -> bool:
    """Whether every step of a chain on an LP of `n_rows` starts warm (else only small steps: SMALL_STEP)."""
    return n_rows < AUTO_COLD_ROWS


def small_multiplier_step(a: float, b: float, ratio: float | None = None) -> bool:
    """Whether carbon multipliers `a` and `b` are within `ratio` of each other (default SMALL_STEP)."""
    ratio = SMALL_STEP if ratio is None else ratio
    lo, hi = sorted((a, b))
    return lo == hi or (lo > 0 and hi <= lo * ratio)


def warm_allowance(cold_seconds: float, warm_limit: float) -> float:
    """Seconds a warm solve may take after a cold one of `cold_seconds`."""
    return max(WARM_LIMIT_FLOOR_S, float(warm_limit) * float(cold_seconds))


def transform_on(lp, options: Mapping[str, object] | None, key: str, default: str) -> bool:
    """Whether one of our LP transformations (`key`: "auto", "on" or "off") applies to `lp`: "auto" means
    from AUTO_IPM_ROWS rows; never for a MIP."""
    mode = str((options or {}).get(key, default)).lower()
    if mode not in ("auto", "on", "off"):
        raise SolveError(f"{key} must be auto, on or off, not {mode!r}")
    on = mode == "on" or (mode == "auto" and lp.A.shape[0] >= AUTO_IPM_ROWS)
    return on and lp.integrality is None


def retry(status: str, mode: str, tried: frozenset[str] = frozenset()) -> str | None:
    """What follows a solve that ended `status` in `mode` (one of MODES), after the retries in `tried`:
    "cold" (the same model, from no basis), "rescale" (a new model with the scaling the other way round:
    ``retry_options``), "crossover" (the same model, cold, with crossover), or None (the status stands)."""
    if status == "Optimal":
        return None
    if mode == "warm":
        return "cold"                 # a warm start that goes wrong or takes too long must not cost the scenario
    if status in RETRY_STATUS and "rescale" not in tried:
        return "rescale"
    if mode == "last" and status in NO_BASIS_RETRY_STATUS and "crossover" not in tried:
        return "crossover"
    return None


def retry_options(lp, options: Mapping[str, object] | None = None) -> dict[str, object] | None:
    """The options of the "rescale" retry: scaling the other way round. None for a MIP (never scaled), and
    where the user fixed the scaling (``batteryplan_scaling=on|off``)."""
    if lp.integrality is not None:
        return None
    mode = str((options or {}).get(SCALING_OPTION, "")).lower()
    if mode in ("on", "off"):
        return None
    scaled = transform_on(lp, options, SCALING_OPTION, DEFAULT_SCALING)
    return {**(options or {}), SCALING_OPTION: "off" if scaled else "on"}

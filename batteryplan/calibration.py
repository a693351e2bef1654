"""Calibrate a case's Low carbon-price path to a national CO2 trajectory.

The Low carbon-price path of the study (Peng et al. 2023, its SI Table 9) is in no source we have, so the
bundled China case fits it: it is the case's one CALIBRATED input, and its only target is the national
power-sector CO2 of the study's scenario Grid-Low-R in every period (``shared/data/facts/study_national_co2.csv``).
High stays 2 x Low, as the study states; Grid-High-R is a check, never a target.

Each iteration solves the scenario with a candidate Low path (High = 2 x Low) on one live HiGHS model
(``sweep.chain.Chain``: the LP is built once, each iteration changes only the costs and starts from the previous
basis where that pays), measures national CO2 per period with ``batteryplan.metrics`` and appends
``{iteration, path, co2, objective, status, seconds, warm}`` to a JSON record, written atomically after every
iteration. The record is the whole state: the next candidate is a function of the record alone
(``next_path``), so a run stopped at any point continues exactly where it stopped.

Update rule, per period: a secant step on log(price) against log(CO2) (the CO2 response to a carbon price is
roughly a power law over the range that matters), damped, starting from the case's own Low path (the
ESTIMATE); once a period's price is bracketed (a price known to leave CO2 above the target and one known to leave
it below), a step that would leave the bracket is replaced by bisection. Prices stay >= 0. A period whose CO2 is
below its target even at price 0 keeps price 0 and is marked unreachable from below; one still above its target at
``max_price`` keeps that price and is marked unreachable from above. An LP's CO2 falls in steps as the price
rises: where it jumps across the whole tolerance band between two prices less than ``JUMP_RATIO`` apart, the
period is marked as a jump and keeps the price of the two whose CO2 is nearer the target.

Why per period: CO2 in a period responds mostly to that period's price (dispatch merit order and the builds of
that period); the effects across periods (a build made for one period's price runs in the next) are smaller and
are taken up by iterating, each iteration re-solving all periods together. A full Jacobian would need one solve
per period per iteration (30-60 min each on the China case).

Prices are in the case's dollars ($ per t CO2 of ``financials.csv``'s base year: 2010 US$ for the bundled case).
"""
from __future__ import annotations

import dataclasses
import inspect
import json
import logging
import math
import os
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from .case import Case
from .outputs import replace_atomically

FloatArray = npt.NDArray[np.float64]

SCENARIO = "Grid-Low-R"
TARGET_COLUMN = "grid_low_r_mt"       # study_national_co2.csv: Mt CO2 per year
PERIOD_COLUMN = "model_period"
T_PER_MT = 1e6
#: starting log-log elasticity d ln CO2 / d ln price where no secant exists yet (one point, or a flat step)
DEFAULT_ELASTICITY = 0.5
#: largest factor one step may change a price by
MAX_FACTOR = 4.0
#: a bracket narrower than this ratio of prices is a jump of the LP's CO2 response, not something to bisect further
JUMP_RATIO = 1.001
#: prices are rounded to this many decimals ($/t), so the path written out is exactly the path solved
DECIMALS = 4

# period states, as the record and the README spell them
WITHIN, OPEN, BELOW, ABOVE, JUMP = "within tol", "open", "unreachable from below", "unreachable from above", "jump"
FINISHED = (WITHIN, BELOW, ABOVE, JUMP)

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    """`tol`: relative CO2 error per period that counts as reached; `damping`: fraction of a secant step taken;
    `floor_price`: the first positive price tried after price 0 and the price below which a falling price goes
    to 0; `max_price`: the highest price tried ($/t)."""
    tol: float = 0.02
    damping: float = 0.8
    floor_price: float = 1.0
    max_price: float = 2000.0


@dataclasses.dataclass(frozen=True, slots=True)
class Target:
    periods: npt.NDArray[np.int64]
    co2_t: FloatArray                 # t CO2 per year
    source: str


def read_target(path: str | Path, column: str = TARGET_COLUMN, period_column: str = PERIOD_COLUMN) -> Target:
    """National CO2 per model period from a CSV with '#' comment lines (Mt/yr in `column`); rows without a
    model period (history) are left out."""
    df = pd.read_csv(path, comment="#")
    missing = [c for c in (period_column, column) if c not in df.columns]
    if missing:
        raise ValueError(f"{path}: no column {', '.join(missing)} (columns: {', '.join(df.columns)})")
    df = df.dropna(subset=[period_column])
    return Target(df[period_column].to_numpy(np.int64), df[column].to_numpy(float) * T_PER_MT, label(path))


# -- the update rule: a function of the record alone ------------------------------------------------------------

def _history(iterations: Sequence[dict], i: int) -> tuple[FloatArray, FloatArray]:
    """Prices and CO2 of period `i` over the optimal iterations, oldest first."""
    done = [it for it in iterations if it["status"] == "Optimal"]
    return (np.array([it["path"][i] for it in done], dtype=float),
            np.array([it["co2"][i] for it in done], dtype=float))


def _bracket(price: FloatArray, co2: FloatArray, target: float) -> tuple[float | None, float | None]:
    """(highest price with CO2 above target, lowest price with CO2 below it), from the newest points back,
    dropping older points once they contradict newer ones (cross-period effects move the response)."""
    lo: float | None = None
    hi: float | None = None
    for p, c in zip(price[::-1].tolist(), co2[::-1].tolist()):
        new_lo, new_hi = lo, hi
        if c > target:
            new_lo = p if lo is None else max(lo, p)
        else:
            new_hi = p if hi is None else min(hi, p)
        if new_lo is not None and new_hi is not None and new_lo >= new_hi:
            break
        lo, hi = new_lo, new_hi
    return lo, hi


def period_state(price: FloatArray, co2: FloatArray, target: float, s: Settings) -> str:
    """State of one period after its newest solve."""
    p, c = price[-1], co2[-1]
    if abs(c / target - 1.0) <= s.tol:
        return WITHIN
    if c < target and p == 0.0:
        return BELOW
    if c > target and p >= s.max_price:
        return ABOVE
    lo, hi = _bracket(price, co2, target)
    if lo is not None and hi is not None and hi - lo <= max(lo * (JUMP_RATIO - 1.0), 2 * 10.0 ** -DECIMALS):
        return JUMP
    return OPEN


def _secant_slope(price: FloatArray, co2: FloatArray) -> float:
    """d ln CO2 / d ln price from the two newest points with distinct positive prices; the default elasticity
    where there is none, or where it is not a decrease (a flat step of the LP's response, or noise)."""
    pos = np.flatnonzero((price > 0) & (co2 > 0))
    if len(pos) >= 2:
        a, b = pos[-2], pos[-1]
        if price[a] != price[b]:
            slope = (math.log(co2[b]) - math.log(co2[a])) / (math.log(price[b]) - math.log(price[a]))
            if slope < -1e-3:
                return slope
    return -DEFAULT_ELASTICITY


def next_price(price: FloatArray, co2: FloatArray, target: float, s: Settings) -> float:
    """The next price of one period from its history (prices and CO2 of the optimal iterations, oldest first)."""
    state = period_state(price, co2, target, s)
    p, c = float(price[-1]), float(co2[-1])
    if state == JUMP:
        lo, hi = _bracket(price, co2, target)
        near = {q: abs(cq / target - 1.0) for q, cq in zip(price, co2) if q in (lo, hi)}
        return min(near, key=near.__getitem__)
    if state != OPEN:
        return p
    lo, hi = _bracket(price, co2, target)
    if p == 0.0:                                        # CO2 above target at price 0: a first positive price
        new = s.floor_price if hi is None else min(s.floor_price, hi / 2)
    else:
        step = s.damping * (math.log(target) - math.log(c)) / _secant_slope(price, co2)
        step = max(-math.log(MAX_FACTOR), min(math.log(MAX_FACTOR), step))
        new = p * math.exp(step)
        if new < s.floor_price and c < target:          # falling towards 0: try 0 itself
            new = 0.0
    if lo is not None and hi is not None and not lo < new < hi:
        new = math.sqrt(lo * hi) if lo > 0 else hi / 2  # bisection, geometric where both ends are positive
    return round(min(max(new, 0.0), s.max_price), DECIMALS)


def next_path(record: dict) -> FloatArray:
    """The next candidate Low path of `record`: its start path before any optimal iteration."""
    s = Settings(**record["settings"])
    target = np.asarray(record["target"]["co2_t_per_yr"], dtype=float)
    if not any(it["status"] == "Optimal" for it in record["iterations"]):
        return np.asarray(record["start"], dtype=float)
    return np.array([next_price(*_history(record["iterations"], i), target[i], s) for i in range(len(target))])


def states(record: dict, iteration: dict | None = None) -> list[str]:
    """The state of every period after `iteration` (default: the newest optimal one)."""
    s = Settings(**record["settings"])
    done = [it for it in record["iterations"] if it["status"] == "Optimal"]
    upto = done if iteration is None else done[:done.index(iteration) + 1]
    if not upto:
        return [OPEN] * len(record["periods"])
    target = record["target"]["co2_t_per_yr"]
    return [period_state(*_history(upto, i), target[i], s) for i in range(len(target))]


def is_converged(record: dict) -> bool:
    return all(st in FINISHED for st in states(record))


def errors(record: dict, iteration: dict) -> FloatArray:
    """Relative CO2 error per period of `iteration`: CO2 / target - 1."""
    return np.asarray(iteration["co2"], dtype=float) / np.asarray(record["target"]["co2_t_per_yr"]) - 1.0


def best_iteration(record: dict) -> dict:
    """The optimal iteration with the smallest largest relative error over the periods that are not
    unreachable (the newest among equals)."""
    done = [it for it in record["iterations"] if it["status"] == "Optimal"]
    if not done:
        raise ValueError("the record holds no optimal iteration yet")

    def worst(it: dict) -> float:
        err = np.abs(errors(record, it))
        reach = [st not in (BELOW, ABOVE) for st in states(record, it)]
        return float(err[reach].max()) if any(reach) else 0.0
    return min(reversed(done), key=worst)


# -- the record -----------------------------------------------------------------------------------------------

def new_record(case: str, scenario: str, target: Target, start: FloatArray, settings: Settings,
               start_source: str = "given") -> dict:
    return {"what": "Low carbon-price path ($/t CO2, case dollars) calibrated to national CO2 per period; "
                    "High = 2 x Low; batteryplan.calibration",
            "case": case, "scenario": scenario, "periods": [int(p) for p in target.periods],
            "target": {"source": target.source, "co2_t_per_yr": [float(v) for v in target.co2_t]},
            "start": [round(float(v), DECIMALS) for v in start], "start_source": start_source,
            "settings": dataclasses.asdict(settings),
            "iterations": []}


def save_record(record: dict, path: str | Path) -> None:
    """Write `record` as JSON atomically: a crash leaves the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, lambda tmp: tmp.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8"))


def load_record(path: str | Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


# -- outputs derived from the record ----------------------------------------------------------------------------

def path_csv(record: dict, record_name: str) -> str:
    """The calibrated Low path as CSV text (PERIOD, low), from the record's best iteration; a comment header
    says what it is, in which dollars, and whether the calibration converged."""
    it = best_iteration(record)
    word = "CALIBRATED" if is_converged(record) else "CALIBRATED, NOT CONVERGED (best iteration so far)"
    lines = [f"# Low carbon-price path, {word}: iteration {it['iteration']} of {record_name}, "
             f"scripts/calibrate_carbon_price.py (see README.md here)",
             "# $ per t CO2 in the case's dollars: 2010 US$ (financials.csv base_financial_year); High = 2 x Low",
             "PERIOD,low"]
    lines += [f"{p},{v:.10g}" for p, v in zip(record["periods"], it["path"])]
    return "\n".join(lines) + "\n"


def readme(record: dict, record_name: str) -> str:
    """README.md of the calibration folder: method, target, record, iterations, final errors, CALIBRATED."""
    it = best_iteration(record)
    conv = is_converged(record)
    s = record["settings"]
    err, st = errors(record, it), states(record, it)
    rows = "\n".join(f"| {p} | {t / T_PER_MT:,.1f} | {c / T_PER_MT:,.1f} | {e:+.2%} | {q:.4f} | {x} |"
                     for p, t, c, e, q, x in zip(record["periods"], record["target"]["co2_t_per_yr"], it["co2"],
                                                 err, it["path"], st))
    status = ("converged: every reachable period within tolerance" if conv else
              "NOT CONVERGED: the path is the best iteration so far")
    n = len(record["iterations"])
    return f"""# Calibrated Low carbon-price path of the China case

`carbon_price_low.csv` is **CALIBRATED**: the one calibrated input of the bundled China case. The study's own Low
path (Peng et al. 2023, SI Table 9) is in no source we have. It is written by `scripts/calibrate_carbon_price.py`
from the record `{record_name}` ({status}).

- Target: national power-sector CO2 per period of the study's scenario {record['scenario']} only, from
  `{record['target']['source']}`. High = 2 x Low as the study states; Grid-High-R is a check, not a target.
- Method (`batteryplan.calibration`): each iteration solves {record['scenario']} of the case with the candidate
  Low path and measures national CO2 per period; per period, a damped secant step (damping {s['damping']:g}) on
  log(price) against log(CO2), bisection once the price is bracketed, prices >= 0, starting from
  {record['start']} $/t ({record.get('start_source', 'given')}); stop when every reachable period is within
  {s['tol']:.1%} of its target. State per period: "{WITHIN}"; "{BELOW}" (CO2 below target even at price 0:
  price 0); "{ABOVE}" (above target at {s['max_price']:g} $/t); "{JUMP}" (the solved CO2 jumps across the
  tolerance band between two prices less than {JUMP_RATIO - 1:.1%} apart: the nearer end); "{OPEN}".
- Iterations: {n} in the record; the path is that of iteration {it['iteration']}.
- Units: $ per t CO2 in the case's dollars, 2010 US$ (`financials.csv` base_financial_year).

| period | target Mt/yr | CO2 Mt/yr | error | low $/t | state |
|---|---|---|---|---|---|
{rows}
"""


def write_outputs(record: dict, folder: str | Path, record_name: str) -> Path:
    """Write ``carbon_price_low.csv`` and ``README.md`` into `folder`; returns the CSV's path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    csv = folder / "carbon_price_low.csv"
    csv.write_text(path_csv(record, record_name), encoding="utf-8")
    (folder / "README.md").write_text(readme(record, record_name), encoding="utf-8")
    return csv


# -- the solves -------------------------------------------------------------------------------------------------

def with_low_path(case: Case, low: FloatArray) -> Case:
    """`case` with carbon price paths Low = `low`, High = 2 x `low` (the scenario's costs are applied later)."""
    low = np.asarray(low, dtype=float)
    return dataclasses.replace(case, paths={**case.paths, "carbon_price": {"Low": low, "High": 2.0 * low}})


def _read_base(case: Path, strategy: str, modules: str | None) -> Case:
    from .io.switch_reader import read_case
    from .strategy import strategy_hook
    if modules is None:
        return read_case(case, hook=strategy_hook(strategy, None, False))
    if "modules" not in inspect.signature(read_case).parameters:
        raise ValueError("this batteryplan's read_case takes no module list (--modules)")
    return read_case(case, hook=strategy_hook(strategy, None, False), modules=modules)


def calibrate(case: str | Path, target: Target, record_file: str | Path, *, settings: Settings = Settings(),
              max_iterations: int = 20, resume: bool = False, start: Sequence[float] | None = None,
              scenario: str = SCENARIO, warm: bool = True, modules: str | None = None,
              progress: Callable[[dict], None] | None = None) -> dict:
    """Iterate until every reachable period is within ``settings.tol`` or the record holds `max_iterations`
    iterations (counted over all sessions); returns the record, saved after every iteration to `record_file`.

    `resume` continues the record in `record_file` (its case, scenario, periods and target must match; the
    settings given here replace its own); without it an existing record with iterations is refused. `start` is
    the first Low path (default: the case's own, the ESTIMATE). `warm` starts each solve from the previous one's
    basis where ``solver.policy`` says that pays: every step on LPs below ``AUTO_COLD_ROWS`` rows, else steps that
    change no price by more than ``SMALL_STEP`` (and only then does a cold interior-point solve run crossover
    for the next one's basis). `progress` is called with each iteration after it is saved.
    """
    from .scenarios import parse
    from .sweep.chain import Chain, SolvePlan
    from .sweep.run import choose_warm

    case, record_file = Path(case), Path(record_file)
    sc = parse(scenario)
    base = _read_base(case, sc.strategy, modules)
    if sorted(target.periods.tolist()) != sorted(base.periods.tolist()):
        raise ValueError(f"the target must give CO2 for exactly the case's periods {base.periods.tolist()}; "
                         f"it has {target.periods.tolist()}")
    target = Target(base.periods.copy(), target.co2_t[_order(target.periods, base.periods)], target.source)
    start_source = "given" if start is not None else "the case's own Low path (ESTIMATE)"
    if start is None:
        start = base.paths.get("carbon_price", {}).get("Low", base.carbon_price)
    record = _open_record(record_file, resume, new_record(label(case), sc.name, target, np.asarray(start, float),
                                                          settings, start_source))
    chain = Chain(case, sc.strategy, SolvePlan(warm=warm), base=base)
    every_step = choose_warm(base)      # small LP: every solve warm; big: only small steps (policy.SMALL_STEP)
    previous: FloatArray | None = None
    while len(record["iterations"]) < max_iterations and not (record["iterations"] and is_converged(record)):
        path = next_path(record)
        # a small step now suggests a small step next, so only then is the basis (IPM's crossover) worth its time
        warm_now = warm and (every_step or (previous is not None and _small_step(previous, path)))
        it = _solve(chain, with_low_path(base, path), sc, warm_now)
        it = {"iteration": len(record["iterations"]) + 1, "path": [float(v) for v in path], **it}
        record["iterations"].append(it)
        save_record(record, record_file)
        log.info("iteration %d: %s, low %s $/t, CO2 errors %s", it["iteration"], it["status"], it["path"],
                 "" if it["co2"] is None else np.round(errors(record, it), 4).tolist())
        if progress is not None:
            progress(it)
        if it["status"] != "Optimal":
            raise RuntimeError(f"iteration {it['iteration']}: HiGHS ended with status '{it['status']}' "
                               f"(recorded in {record_file}; --resume retries the same path)")
        previous = path
    return record


def _open_record(record_file: Path, resume: bool, fresh: dict) -> dict:
    """The record to continue (`resume`: the one in `record_file`, which must be for the same case, scenario,
    periods and target as `fresh`; its settings become `fresh`'s), else `fresh`, saved. A record with
    iterations is never started over."""
    if record_file.exists():
        old = load_record(record_file)
        if resume:
            same = [old[k] == fresh[k] for k in ("case", "scenario", "periods")]
            same.append(np.allclose(old["target"]["co2_t_per_yr"], fresh["target"]["co2_t_per_yr"], rtol=1e-12))
            if not all(same):
                what = [w for w, ok in zip(("case", "scenario", "periods", "target"), same) if not ok]
                raise ValueError(f"{record_file} was made for another {', '.join(what)}; start a new record")
            return {**old, "settings": fresh["settings"]}
        if old["iterations"]:
            raise FileExistsError(f"{record_file} holds a calibration already: pass resume=True (--resume) to "
                                  "continue it, or move it away")
    save_record(fresh, record_file)
    return fresh


def _solve(chain, case: Case, sc, warm_now: bool) -> dict:
    """Solve `sc` of `case` on `chain`'s live model (from the previous basis where `warm_now`, which also asks a
    cold interior-point solve for its basis); the iteration's measured fields."""
    from .report.metrics import metrics
    from .solver.solve import result_from_solution
    if chain.live is not None and not warm_now:
        chain.live.clear_basis()
    chain.base = case                   # Chain.solve applies the scenario to its base: here, the candidate path
    t0 = time.perf_counter()
    sol, seconds, was_warm = chain.solve(sc, basis=warm_now)
    it: dict = {"co2": None, "objective": None, "status": sol.status, "seconds": 0.0, "warm": bool(was_warm)}
    if sol.status == "Optimal":
        co2 = metrics(result_from_solution(chain.lp, sol, seconds)).period.co2_t_per_yr.to_numpy(float)
        it.update(co2=[float(v) for v in co2], objective=float(sol.objective))
    it["seconds"] = round(time.perf_counter() - t0, 3)
    return it


def label(path: str | Path) -> str:
    """`path` as a record names it: relative to the repository where it lies inside it, ``../``-relative where it
    lies beside it (the shared data folder), so that a record stays valid on another machine; else absolute."""
    path = Path(os.path.abspath(path))          # symbolic links kept: the shared folder is one beside the repo
    for root, prefix in ((REPO, ""), (REPO.parent, "../")):
        if path.is_relative_to(root):
            return prefix + path.relative_to(root).as_posix()
    return path.as_posix()


def _order(have: npt.NDArray[np.int64], want: npt.NDArray[np.int64]) -> npt.NDArray[np.intp]:
    """Positions in `have` of every label of `want` (all present)."""
    pos = {int(p): k for k, p in enumerate(have)}
    return np.array([pos[int(p)] for p in want], dtype=np.intp)


def _small_step(previous: FloatArray, path: FloatArray) -> bool:
    """Whether no period's price moves by more than ``policy.SMALL_STEP`` from `previous` to `path`."""
    from .solver import policy
    return all(policy.small_multiplier_step(float(a), float(b)) for a, b in zip(previous, path))

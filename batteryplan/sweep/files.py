"""The files of a sweep folder: result files, the catalog and the numbers it keeps, the lock.

    <out>/<scenario>.h5     one result file per scenario (MODEL.md §5), written atomically
    <out>/catalog.csv       one row per scenario (CATALOG_COLUMNS), rewritten atomically
    <out>/catalog.parquet   the same table
    <out>/solves.jsonl      one line per finished solve, appended by the process that solved it
    <out>/.sweep.lock       held (flock) by the sweep writing into the folder
    <out>/.sweep.run        the id of the sweep run that owns the folder: a task of an older run (for
                            example one left running on a Dask cluster by a killed sweep) stops
                            before its next scenario, and does not write the one it was solving

A result file is *complete* when it opens, is a batteryplan result of the expected scenario, and
its status is Optimal; anything else is solved again by a resumed sweep.
"""
from __future__ import annotations

import contextlib
import json
import math
import os
from pathlib import Path
from typing import Iterator, Mapping

import numpy as np
import pandas as pd

from ..case import module_list_file
from ..errors import CaseError
from ..io.results import FORMAT
from ..outputs import replace_atomically
from ..scenarios import Scenario

CATALOG_COLUMNS = ("name", "strategy", "carbon", "battery_cost", "carbon_multiplier", "status", "objective",
                   "cumulative_co2_t", "system_cost_usd", "seconds", "solve_seconds", "warm", "iterations",
                   "crossover_iterations", "ipm_iterations", "vertex", "file", "error", "run", "created", "modules")
CATALOG = "catalog"
DEFAULT_MODULES = module_list_file("")        # the module-list file of a case read without a variant
LOCK = ".sweep.lock"
RUN = ".sweep.run"


class SweepBusyError(RuntimeError):
    """Another sweep is writing into the same folder."""


class SweepFolderError(CaseError):
    """The folder holds an earlier sweep, and neither resume nor overwrite was asked for."""


def earlier_sweep(out: Path) -> list[str]:
    """What in `out` belongs to an earlier sweep: its catalog files and result files (``*.h5``)."""
    if not out.is_dir():
        return []
    return sorted(p.name for p in out.iterdir()
                  if p.name in (CATALOG + ".csv", CATALOG + ".parquet") or p.suffix == ".h5")


def refuse_earlier_sweep(out: Path, allowed: bool) -> None:
    """SweepFolderError if `out` holds an earlier sweep and `allowed` (resume or overwrite) is False: a new
    sweep would otherwise replace its catalog, and the report would show only the new scenarios."""
    found = earlier_sweep(out)
    if found and not allowed:
        shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
        raise SweepFolderError(f"{out} already holds a sweep ({shown}); add --resume to keep its results and "
                               f"solve only what is missing, or --overwrite to replace it")


def refuse_other_modules(out: Path, modules: str) -> None:
    """SweepFolderError if the sweep in `out` was solved with another module list than `modules` (a module-list
    file, ``Case.modules_file``): its catalog rows say (a catalog older than the column: modules.txt), else its
    result files do. A resumed sweep would otherwise mix results of two models in one catalog."""
    previous = read_catalog(out)
    if previous is not None and len(previous):
        used = (previous["modules"].fillna("").astype(str).replace("", DEFAULT_MODULES) if "modules" in previous
                else pd.Series([DEFAULT_MODULES]))
    else:
        used = pd.Series([_modules_of(p) for p in out.glob("*.h5")], dtype=object).dropna()
    other = sorted(set(used) - {modules})
    if other:
        raise SweepFolderError(f"{out} holds a sweep solved with the module list {other[0]}, but this sweep reads "
                               f"{modules}; resume it with the same --modules, use another --out, or --overwrite to replace it")


def _modules_of(path: Path) -> str | None:
    """The module-list file a result file records (modules.txt before files recorded it); None if unreadable."""
    import h5py
    try:
        with h5py.File(path, "r") as f:
            if f.attrs.get("format") != FORMAT:
                return None
            return str(f.attrs.get("modules_file", DEFAULT_MODULES))
    except Exception:  # unreadable, truncated, not HDF5: says nothing about the module list
        return None


def forget_earlier_sweep(out: Path) -> list[Path]:
    """Delete the earlier sweep in `out` (overwrite): its catalog, solve log and the result files its catalog
    lists. Other files stay. Returns what was deleted."""
    gone: list[Path] = []
    previous = read_catalog(out)
    names = [] if previous is None or "file" not in previous else [str(f) for f in previous["file"].dropna()]
    from .chain import SOLVE_LOG
    for name in names + [CATALOG + ".csv", CATALOG + ".parquet", SOLVE_LOG]:
        p = out / name
        if name and p.parent == out and p.is_file():
            p.unlink()
            gone.append(p)
    return gone


# -- results and the numbers the catalog keeps ---------------------------------------------------

def cumulative_co2_t(summary: Mapping[str, np.ndarray], period_length: np.ndarray) -> float:
    """t CO2 over the horizon: sum over periods of t/yr times the period's length in years."""
    return float(np.dot(np.asarray(summary["co2_t_per_yr"], float), np.asarray(period_length, float)))


def system_cost_usd(summary: Mapping[str, np.ndarray]) -> float:
    """System cost over the horizon, NPV $ (base financial year)."""
    return float(np.sum(summary["system_cost_npv_usd"]))


def iteration_counts(iterations: Mapping[str, int]) -> dict[str, int]:
    """The catalog's iteration columns from HiGHS's counts: ``iterations`` (simplex and crossover together,
    every pivot of the solve), ``crossover_iterations`` (of those, crossover's: the rest is simplex, e.g. a
    clean-up after an imprecise crossover) and ``ipm_iterations``."""
    def count(key: str) -> int:
        return max(int(iterations.get(key, 0)), 0)
    return {"iterations": count("simplex") + count("crossover"), "crossover_iterations": count("crossover"),
            "ipm_iterations": count("ipm")}


def result_name(scenario: Scenario) -> str:
    """The result file of `scenario` in a sweep folder."""
    return f"{scenario.name}.h5"


def base_row(scenario: Scenario, file: str, modules: str = DEFAULT_MODULES) -> dict:
    """A catalog row of `scenario` with nothing solved yet; `modules` is the module-list file of the sweep's case."""
    return {"name": scenario.name, "strategy": scenario.strategy, "carbon": scenario.carbon,
            "battery_cost": scenario.battery_cost, "carbon_multiplier": float(scenario.carbon_multiplier),
            "status": "", "objective": float("nan"), "cumulative_co2_t": float("nan"),
            "system_cost_usd": float("nan"), "seconds": float("nan"), "solve_seconds": float("nan"),
            "warm": None, "iterations": None, "crossover_iterations": None, "ipm_iterations": None, "vertex": None,
            "file": file, "error": "",
            "run": "", "created": "", "modules": modules}


def is_complete(path: Path, scenario: Scenario) -> bool:
    """Whether `path` is a readable result file of `scenario` with status Optimal."""
    import h5py
    try:
        with h5py.File(path, "r") as f:
            a = f.attrs
            if a.get("format") != FORMAT or str(a.get("status")) != "Optimal":
                return False
            fields = json.loads(a["scenario"])
            if fields.get("name") != scenario.name or \
                    not math.isclose(float(fields.get("carbon_multiplier", 1.0)), scenario.carbon_multiplier,
                                     rel_tol=1e-12):
                return False
            return all(k in f for k in ("summary/co2_t_per_yr", "summary/system_cost_npv_usd", "index/periods"))
    except Exception:  # unreadable, truncated, not HDF5: not complete, whatever the reason
        return False


def row_from_file(path: Path, scenario: Scenario, period_length: np.ndarray | None) -> dict:
    """A catalog row rebuilt from a complete result file (``warm`` and ``run`` are not in the file)."""
    import h5py
    with h5py.File(path, "r") as f:
        a = f.attrs
        row = base_row(scenario, path.name, str(a.get("modules_file", DEFAULT_MODULES)))
        summary = {k: f["summary"][k][...] for k in ("co2_t_per_yr", "system_cost_npv_usd")}
        seconds = json.loads(a["seconds"])
        row["status"] = str(a["status"])
        row["objective"] = float(a["objective"])
        row.update(iteration_counts(json.loads(a["iterations"])))
        row["vertex"] = json.loads(a["solution_quality"]).get("vertex") if "solution_quality" in a else None
        row["created"] = str(a.get("created", ""))
    row["cumulative_co2_t"] = (cumulative_co2_t(summary, period_length) if period_length is not None
                               else float("nan"))
    row["system_cost_usd"] = system_cost_usd(summary)
    row["seconds"] = float(sum(v for v in seconds.values() if isinstance(v, (int, float))))
    row["solve_seconds"] = float(seconds.get("solve", float("nan")))
    return row


def catalog_frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(CATALOG_COLUMNS))
    for col in ("warm", "vertex"):
        df[col] = df[col].astype("boolean")
    for col in ("iterations", "crossover_iterations", "ipm_iterations"):
        df[col] = df[col].astype("Int64")
    for col in ("name", "strategy", "carbon", "battery_cost", "status", "file", "error", "run", "created", "modules"):
        df[col] = df[col].fillna("").astype(str)
    return df


def write_catalog(df: pd.DataFrame, out: Path) -> None:
    """Write catalog.csv and catalog.parquet, each to a temporary name and renamed into place."""
    for suffix, writer in ((".csv", lambda p: df.to_csv(p, index=False)),
                           (".parquet", lambda p: df.to_parquet(p, index=False))):
        replace_atomically(out / (CATALOG + suffix), writer)


def read_catalog(out: Path) -> pd.DataFrame | None:
    """The folder's catalog (Parquet if readable, else CSV), or None."""
    for suffix, reader in ((".parquet", pd.read_parquet), (".csv", pd.read_csv)):
        p = out / (CATALOG + suffix)
        if p.is_file():
            try:
                return reader(p)
            except Exception:  # a damaged catalog is rebuilt from the result files
                continue
    return None


def remove_partials(out: Path) -> list[Path]:
    """Delete ``*.partial`` files a killed writer left behind; returns them."""
    gone = sorted(out.glob("*.partial"))
    for p in gone:
        p.unlink(missing_ok=True)
    return gone


@contextlib.contextmanager
def folder_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on `out` for the sweep (released when the process ends, however it ends)."""
    import fcntl
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SweepBusyError(f"another sweep is writing into {out} (it holds {out / LOCK})") from None
        yield
    finally:
        os.close(fd)


def claim(out: Path, run: str) -> None:
    """Make `run` the owner of `out` (written atomically; call with the folder lock held)."""
    replace_atomically(out / RUN, lambda tmp: tmp.write_text(run))


def is_current(out: Path, run: str) -> bool:
    """Whether `run` still owns `out` (True when the folder has no owner file)."""
    try:
        return (out / RUN).read_text() == run
    except FileNotFoundError:
        return True

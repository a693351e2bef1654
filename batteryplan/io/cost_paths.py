"""The cost paths of a scenario study (MODEL.md §3), read once with the case.

``carbon_price_paths.csv`` (PERIOD, low, high): the carbon price in $/t CO2 of each period under the Low and
High paths (a missing or '.' high is 2 x low; a period the file does not name costs 0);
``battery_cost_paths.csv`` (path, multiplier): the factor on battery projects' costs (power and energy
overnight costs and fixed O&M) under each path. Both files are optional; ``scenarios.apply_costs`` turns them into a scenario's costs without reading
anything.
"""
from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ..case import Case
from .tables import Folder

CARBON_FILE = "carbon_price_paths.csv"
BATTERY_FILE = "battery_cost_paths.csv"


def read_cost_paths(folder: Folder, periods: npt.NDArray[np.int64]) -> dict[str, dict]:
    """``{"carbon_price": {"Low": (n_period,), "High": (n_period,)}, "battery_cost": {path: multiplier}}``,
    each key only where its file exists."""
    paths: dict[str, dict] = {}
    cp = folder.table(CARBON_FILE, optional=True)
    if cp is not None:
        cp.require(["PERIOD", "low"])
        cp.unique(["PERIOD"])
        pi = cp.period_ref("PERIOD", periods)
        low = cp.number("low", lo=0)
        high = cp.number("high", np.nan, lo=0)
        high = np.where(np.isnan(high), 2.0 * low, high)
        price = {"Low": np.zeros(len(periods)), "High": np.zeros(len(periods))}
        price["Low"][pi] = low
        price["High"][pi] = high
        paths["carbon_price"] = price
    bc = folder.table(BATTERY_FILE, optional=True)
    if bc is not None:
        bc.require(["path", "multiplier"])
        bc.unique(["path"])
        paths["battery_cost"] = dict(zip((str(n) for n in bc.text("path")),
                                         (float(m) for m in bc.number("multiplier", lo=0))))
    return paths


def with_cost_paths(case: Case, folder: Folder) -> Case:
    """`case` with the cost paths of `folder` (``Case.paths``)."""
    case.paths = read_cost_paths(folder, case.periods)
    return case

"""Balancing areas for operating reserves (switch_model.balancing.operating_reserves.areas; areas.py:35-71).

    zone_balancing_area[z]: column of load_zones.csv, any text, default "system_wide_balancing_area"
    BALANCING_AREAS: its distinct values in load-zone order; BALANCING_AREA_TIMEPOINTS = areas x timepoints

No columns, rows or costs: the reserve families (spinning_reserves.py, quickstart_reserves.py) index their
requirements by (area, timepoint). docs/formulation/operating_reserves.md §1.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..io.schema import TableSpec

NAME = "reserve_areas"
MODULES = ("switch_model.balancing.operating_reserves.areas",)
DEFAULT_AREA = "system_wide_balancing_area"
# zone_balancing_area is free text where '.' means the default, so load() reads it itself.
INPUTS = (TableSpec("load_zones.csv", keys=("LOAD_ZONE",)),)


@dataclass(frozen=True, slots=True)
class Areas:
    names: tuple[str, ...]                   # balancing areas in order of first appearance
    zone_area: npt.NDArray[np.int64]         # (n_zone,) area of each load zone

    @property
    def n_area(self) -> int:
        return len(self.names)


def load(t, case) -> Areas:
    lz = t["load_zones.csv"]
    z = lz.ref("LOAD_ZONE", case.zones, "load zone", "load_zones.csv")
    labels = np.full(case.n_zone, DEFAULT_AREA, dtype=object)
    if lz.has("zone_balancing_area"):
        raw = lz.df["zone_balancing_area"].str.strip().to_numpy(dtype=object)
        labels[z] = np.where((raw == ".") | (raw == ""), DEFAULT_AREA, raw)
    names, first, zone_area = np.unique(labels, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")                   # areas in load-zone order, as SWITCH lists them
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    return Areas(tuple(str(a) for a in names[order]), rank[zone_area].astype(np.int64))

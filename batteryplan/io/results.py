"""HDF5 result files (MODEL.md §5): self-describing, written to a temporary name and renamed.

Layout: root attributes (format, case, the module list and which file it came from, scenario, status,
objective, seconds, HiGHS version and options, package version, created); ``/index/*`` labels; ``/results/*`` arrays and
``/summary/*`` tables, each with ``units`` and ``dims`` attributes naming their axes.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path

import h5py
import numpy as np

from ..case import module_list_file
from ..result import Result

FORMAT = "batteryplan-result"
FORMAT_VERSION = 1

# Dimensions and units of the arrays that are not a constraint family's: the case's periods and the
# /summary tables. Each family declares its own arrays (RESULTS in its module); dims_of() looks in both.
DIMS: dict[str, tuple[tuple[str, ...], str]] = {
    "period_start": (("periods",), "year"),
    "period_length_years": (("periods",), "years"),
    # summary
    "co2_t_per_yr": (("periods",), "t CO2 per year"),
    "generation_mwh_per_yr": (("periods",), "MWh per year"),
    "generation_by_tech_mwh_per_yr": (("techs", "periods"), "MWh per year"),
    "generation_by_zone_mwh_per_yr": (("zones", "periods"), "MWh per year"),
    "cost_components": (("cost_components",), ""),
    "cost_by_component_usd_per_yr": (("cost_components", "periods"), "$ per year"),
    "system_cost_usd_per_yr": (("periods",), "$ per year"),
    "system_cost_npv_usd": (("periods",), "$ (NPV, base year)"),
    "electricity_cost_usd_per_mwh": (("periods",), "$/MWh"),
    "tx_capacity_mw": (("lines", "periods"), "MW"),
    "tx_energy_sent_mwh_per_yr": (("lines", "periods"), "MWh per year"),
    "tx_cost_usd_per_yr": (("lines", "periods"), "$ per year"),
    "storage_charge_by_zone_attachment_mwh_per_yr": (("zones", "attachments", "periods"), "MWh per year"),
    "storage_discharge_by_zone_attachment_mwh_per_yr": (("zones", "attachments", "periods"), "MWh per year"),
}


def dims_of(name: str) -> tuple[tuple[str, ...], str]:
    """(axis names, units) of a result array: the table above, else the family that reports it."""
    if name in DIMS:
        return DIMS[name]
    from ..csc_builder.registry import result_dims      # only for a family's array: the builder is imported
    return result_dims().get(name, ((), ""))


def _put(group: h5py.Group, name: str, value: np.ndarray) -> h5py.Dataset:
    arr = np.asarray(value)
    if arr.dtype == object or arr.dtype.kind in "UO":
        ds = group.create_dataset(name, data=arr.astype(str).astype(object),
                                  dtype=h5py.string_dtype("utf-8"))
    else:
        ds = group.create_dataset(name, data=arr, compression="gzip" if arr.size > 4096 else None,
                                  shuffle=arr.size > 4096)
    dims, units = dims_of(name)
    ds.attrs["units"] = units
    ds.attrs["dims"] = ",".join(dims)
    return ds


def write_result(res: Result, path: Path) -> Path:
    """Write `res` to `path` atomically: a crash leaves the old file or none, never half of one."""
    from .. import __version__
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    try:
        with h5py.File(tmp, "w") as f:
            a = f.attrs
            a["format"], a["format_version"] = FORMAT, FORMAT_VERSION
            a["case"] = res.case_name
            a["modules_variant"] = res.modules_variant          # "" for modules.txt
            a["modules_file"] = module_list_file(res.modules_variant)
            a["modules"] = json.dumps(list(res.modules))
            a["scenario"] = json.dumps(res.scenario, sort_keys=True)
            # which scenario ran, in words: a case read without one ran on its own costs
            a["scenario_applied"] = str(res.scenario.get("name") or "none (the case's own inputs)")
            for k, v in res.scenario.items():
                a[f"scenario_{k}"] = v if isinstance(v, (int, float, str)) else json.dumps(v)
            a["status"], a["objective"] = res.status, float(res.objective)
            a["objective_units"] = "$ (NPV, base financial year)"
            a["seconds"] = json.dumps(res.seconds, sort_keys=True)
            for k, v in res.seconds.items():
                a[f"{k}_seconds"] = float(v)
            a["highs_version"] = res.solver.get("highs_version", "")
            a["highs_options"] = json.dumps(res.solver.get("options", {}), sort_keys=True, default=str)
            a["iterations"] = json.dumps(res.solver.get("iterations", {}), sort_keys=True)
            a["solution_quality"] = json.dumps(res.solver.get("quality", {}), sort_keys=True)
            a["package_version"] = __version__
            a["created"] = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
            for group, items in (("index", res.index), ("results", res.arrays), ("summary", res.summary)):
                g = f.create_group(group)
                for name, value in items.items():
                    _put(g, name, value)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _get(ds: h5py.Dataset) -> np.ndarray:
    if h5py.check_string_dtype(ds.dtype) is not None:
        return ds.asstr()[...].astype(object)
    return ds[...]


def read_result(path: str | Path) -> Result:
    """A :class:`~batteryplan.result.Result` (without its LP) from a result file."""
    path = Path(path)
    with h5py.File(path, "r") as f:
        if f.attrs.get("format") != FORMAT:
            raise ValueError(f"{path} is not a batteryplan result file")
        index = {k: _get(v) for k, v in f["index"].items()}
        arrays = {k: _get(v) for k, v in f["results"].items()}
        summary = {k: _get(v) for k, v in f["summary"].items()}
        a = f.attrs
        return Result(str(a["case"]), json.loads(a["scenario"]), str(a["status"]), float(a["objective"]),
                      arrays, summary, index, json.loads(a["seconds"]),
                      {"highs_version": str(a["highs_version"]), "options": json.loads(a["highs_options"]),
                       "iterations": json.loads(a["iterations"]),
                       "quality": json.loads(a.get("solution_quality", "{}")), "created": str(a["created"]),
                       "package_version": str(a["package_version"])},
                      modules=tuple(json.loads(a.get("modules", "[]"))),
                      modules_variant=str(a.get("modules_variant", "")))

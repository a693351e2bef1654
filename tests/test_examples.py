"""Every script in examples/ runs, in a subprocess, on three provinces of the bundled China case in one period,
and what it prints or writes is checked against batteryplan solving the same case here.

A script in examples/ without an entry in CHECKS fails ``test_example``: a new example needs its test.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
import pytest

import batteryplan
from batteryplan.io.slice_case import slice_case
from batteryplan.scenarios import read_scenario

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
BUNDLED = REPO / "batteryplan" / "cases" / "china" / "inputs"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))

pytestmark = pytest.mark.skipif(not BUNDLED.is_dir(), reason="the bundled China case has not been generated")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Beijing, Tianjin and Hebei in the period labelled 2023: the examples' default case, cut here afresh."""
    home = tmp_path_factory.mktemp("north-china")
    slice_case(BUNDLED, home / "inputs", ["Beijing", "Tianjin", "Hebei"], [2023])
    return home


def run(script: str, *args: str | Path, cwd: Path) -> str:
    """Run examples/`script` with this checkout's batteryplan first on the path (also in Dask workers); its stdout."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(EXAMPLES / script), *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"examples/{script} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def cold_objective(case: Path, scenario: str, carbon_multiplier: float = 1.0) -> float:
    """The optimum of `scenario` with its carbon price times `carbon_multiplier`, from a fresh build and solve."""
    base = read_scenario(case, scenario)
    priced = dataclasses.replace(base, carbon_price=base.carbon_price * carbon_multiplier)
    return batteryplan.solve(batteryplan.build(priced)).objective


def check_warm_resolve(case: Path, tmp_path: Path) -> None:
    """Each warm round reaches a cold solve's optimum within 1e-9 (relative), in far fewer simplex iterations
    than the cold first round; a higher carbon price never lowers the cost (costs only rise)."""
    out = run("warm_resolve.py", case, "--multipliers", "1,2,3", cwd=tmp_path)
    rounds = re.findall(r"carbon x(\S+)\s+objective (\S+) \$\s+simplex iterations (\d+)\s+(warm|cold)", out)
    assert [(m, kind) for m, _, _, kind in rounds] == [("1", "cold"), ("2", "warm"), ("3", "warm")], out
    objectives = [float(obj) for _, obj, _, _ in rounds]
    for (m, _, _, _), warm in zip(rounds, objectives):
        cold = cold_objective(case, "Grid-Low-B", float(m))
        assert warm == pytest.approx(cold, rel=1e-9, abs=0), f"carbon x{m}"
    assert objectives[0] < objectives[1] < objectives[2]
    iterations = [int(n) for _, _, n, _ in rounds]
    assert max(iterations[1:]) < iterations[0] / 2, f"warm rounds did not start from the basis: {iterations}"


def check_prices_and_dispatch(case: Path, tmp_path: Path) -> None:
    """Run on the default case (no argument): prices are zones x timepoints in the case's labels and finite;
    the printed demand-weighted averages follow from prices.csv and loads.csv; in every timepoint, generation
    less storage charging covers the demand (losses only add to it) with at most 20 % to spare."""
    sys.path.insert(0, str(EXAMPLES))
    try:
        from _small_case import small_case
    finally:
        sys.path.remove(str(EXAMPLES))
    inputs = small_case() / "inputs"
    out = run("prices_and_dispatch.py", "--out", tmp_path / "out", cwd=tmp_path)
    zones = pd.read_csv(inputs / "load_zones.csv").iloc[:, 0].astype(str)
    timepoints = pd.read_csv(inputs / "timepoints.csv", dtype={"timepoint_id": str})
    prices = pd.read_csv(tmp_path / "out" / "prices.csv", index_col=0)
    assert prices.shape == (len(zones), len(timepoints))
    assert sorted(prices.index) == sorted(zones) and list(prices.columns) == list(timepoints["timepoint_id"])
    assert np.isfinite(prices.to_numpy()).all()

    loads = pd.read_csv(inputs / "loads.csv", dtype={"TIMEPOINT": str})
    demand = loads.pivot(index="LOAD_ZONE", columns="TIMEPOINT", values="zone_demand_mw")
    series = pd.read_csv(inputs / "timeseries.csv", dtype={"TIMESERIES": str}).set_index("TIMESERIES")
    hours = (series["ts_duration_of_tp"] * series["ts_scale_to_period"])[timepoints["timeseries"].astype(str)]
    weight = demand.loc[prices.index, prices.columns] * hours.to_numpy()    # MWh per period, one period here
    printed = dict(re.findall(r"^\s+(\S+)\s+demand-weighted\s+(\S+)", out, re.M))
    assert sorted(printed) == sorted(zones)
    for zone in prices.index:
        expected = (prices.loc[zone] * weight.loc[zone]).sum() / weight.loc[zone].sum()
        assert float(printed[zone]) == pytest.approx(expected, abs=0.006), zone

    dispatch = pd.read_csv(tmp_path / "out" / "dispatch.csv", dtype={"timepoints": str})
    assert len(dispatch) == len(pd.read_csv(inputs / "gen_info.csv")) * len(timepoints)
    net = dispatch.groupby("timepoints")["dispatch_mw"].sum() - dispatch.groupby("timepoints")["charge_mw"].sum()
    total = demand.sum().reindex(net.index)
    assert (net >= total * (1 - 1e-9)).all() and (net <= 1.2 * total).all(), (net / total).describe()


def check_dask_sweep(case: Path, tmp_path: Path) -> None:
    """Two strategies under carbon x1 and x2 on a two-worker LocalCluster: every scenario optimal with its file,
    every solve done in a worker process (not the script's), the x2 ones warm from x1; objectives equal fresh
    solves here within 1e-9 and a doubled carbon price costs more."""
    out_dir = tmp_path / "sweep"
    out = run("dask_sweep.py", case, "--scenarios", "Grid-Low-B,Demand-Low-B", "--carbon-multipliers", "1,2",
              "--workers", "2", "--out", out_dir, cwd=tmp_path)
    script_pid = int(re.search(r"script process id (\d+)", out).group(1))
    catalog = pd.read_csv(out_dir / "catalog.csv").set_index("name")
    names = ["Grid-Low-B", "Grid-Low-B-x2", "Demand-Low-B", "Demand-Low-B-x2"]
    assert sorted(catalog.index) == sorted(names)
    assert (catalog["status"] == "Optimal").all()
    assert all((out_dir / f).is_file() for f in catalog["file"])
    for name in names:
        assert name in out
    solves = [json.loads(line) for line in (out_dir / "solves.jsonl").read_text().splitlines()]
    assert sorted(s["name"] for s in solves) == sorted(names)
    assert script_pid not in {s["pid"] for s in solves}
    for strategy in ("Grid", "Demand"):
        low, doubled = catalog.loc[f"{strategy}-Low-B"], catalog.loc[f"{strategy}-Low-B-x2"]
        assert bool(doubled["warm"]) and doubled["objective"] > low["objective"]
    for name, m in (("Grid-Low-B", 1.0), ("Demand-Low-B-x2", 2.0)):
        expected = cold_objective(case, name.removesuffix("-x2"), m)
        assert catalog.loc[name, "objective"] == pytest.approx(expected, rel=1e-9, abs=0), name


def check_read_results(case: Path, tmp_path: Path) -> None:
    """The generation by zone the script computes with h5py and pandas from /results/dispatch_mw equals the
    file's summary table (read back by batteryplan) within 1e-9; every result array is listed with its units;
    the same run on the written file with --result (nothing solved) gives the same table."""
    out = run("read_results.py", case, "--out", tmp_path / "first", cwd=tmp_path)
    result = tmp_path / "first" / "Grid-Low-B.h5"
    res = batteryplan.read_result(result)
    table = pd.read_csv(tmp_path / "first" / "generation_by_zone.csv", index_col=0)
    assert list(table.index) == list(res.index["zones"])
    assert [int(c) for c in table.columns] == [int(p) for p in res.index["periods"]]
    np.testing.assert_allclose(table.to_numpy(), res.summary["generation_by_zone_mwh_per_yr"], rtol=1e-9)
    assert table.to_numpy().sum() > 0
    for name in res.arrays:
        assert re.search(rf"/results/{name}\s", out), name
    assert f"objective {res.objective:.6e}" in out

    run("read_results.py", "--result", result, "--out", tmp_path / "second", cwd=tmp_path)
    again = pd.read_csv(tmp_path / "second" / "generation_by_zone.csv", index_col=0)
    pd.testing.assert_frame_equal(again, table)


CHECKS: dict[str, Callable[[Path, Path], None]] = {
    "warm_resolve.py": check_warm_resolve,
    "prices_and_dispatch.py": check_prices_and_dispatch,
    "dask_sweep.py": check_dask_sweep,
    "read_results.py": check_read_results,
}


def test_examples_exist() -> None:
    assert SCRIPTS, "examples/ holds no scripts"


@pytest.mark.parametrize("script", SCRIPTS)
def test_example(script: str, case: Path, tmp_path: Path) -> None:
    assert script in CHECKS, f"examples/{script} has no check in tests/test_examples.py (add one to CHECKS)"
    text = (EXAMPLES / script).read_text()
    assert text.startswith('"""') and "python examples/" + script in text, \
        f"examples/{script} needs a docstring that says what it shows and how to run it"
    CHECKS[script](case, tmp_path)

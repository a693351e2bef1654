"""Live peer tests for unit commitment and part-load fuel use: tests/peer/commit_cases.py solved by
batteryplan and by switch-model 2.0.9 (objectives equal within 1e-6 relative), plus checks that each case
exercises what it is for, read from switch-model's own outputs."""
from __future__ import annotations

import csv
import functools
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.peer.commit_cases import COMMIT_CASES
from tests.peer.run_switch import SwitchRun, run_switch
from tests.solves.test_live_peer import HAVE_SWITCH, REL_TOL

pytestmark = [pytest.mark.peer, pytest.mark.skipif(not HAVE_SWITCH, reason="switch_model is not importable")]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Callable[[str], Path]:
    """Case name -> its inputs folder, written once per module run."""
    root = tmp_path_factory.mktemp("commit_cases")
    return functools.cache(lambda name: COMMIT_CASES[name](root / name / "inputs"))


@pytest.fixture(scope="module")
def peer(tmp_path_factory, inputs) -> Callable[[str], SwitchRun]:
    root = tmp_path_factory.mktemp("commit_runs")
    return lambda name: run_switch(inputs(name), root / name)


@pytest.fixture(scope="module")
def ours(inputs) -> Callable[[str], tuple]:
    """Case name -> (batteryplan's LP, its solution)."""
    import batteryplan

    def solve(name: str) -> tuple:
        lp = batteryplan.build(batteryplan.read_case(inputs(name)))
        return lp, batteryplan.solve(lp)

    return functools.cache(solve)


@pytest.mark.parametrize("name", list(COMMIT_CASES))
def test_objective_matches_switch(name, peer, ours):
    expected = peer(name).objective
    _, result = ours(name)
    assert result.objective == pytest.approx(expected, rel=REL_TOL), (name, result.objective, expected)


def _by_project(outputs: Path, file: str, column: str) -> dict[str, float]:
    out: dict[str, float] = {}
    with open(outputs / file, newline="") as fh:
        for row in csv.DictReader(fh):
            g = next(iter(row.values()))
            out[g] = out.get(g, 0.0) + float(row[column])
    return out


def test_min_load_startup_case_cycles_and_reduces(peer, ours):
    """Coal and gas CC start up at the optimum (startup costs are live); wind and the battery are built, and
    batteryplan leaves exactly them and baseload nuclear (no startup cost) without commitment columns."""
    out = peer("commit_min_load_startup").outputs
    starts = _by_project(out, "StartupGenCapacity.csv", "StartupGenCapacity")
    assert starts["R-Coal"] > 1.0 and starts["R-Gas_CC"] > 1.0
    built = _by_project(out, "BuildGen.csv", "BuildGen")
    assert built["R-Battery"] > 1.0 and built["R-Wind"] > 1.0
    lp, _ = ours("commit_min_load_startup")
    m, case = lp.space.m, lp.case
    uncommitted = {str(case.gen_names[g]) for g in np.unique(m.gt_gen[m.uc_gt])}
    assert uncommitted == {"R-Wind", "R-Battery", "R-Nuclear"}
    with_startup = {str(case.gen_names[g]) for g in np.unique(m.gt_gen[m.cm_gt[m.su_cm]])}
    assert with_startup == {"R-Coal", "R-Gas_CC", "R-Gas_GT"}


def test_baseload_runs_at_available_capacity(ours, peer):
    """Under commit.operate a baseload project is committed and dispatched at Cap * avail in every timepoint,
    in switch-model's solution and in batteryplan's (where its commitment is projected out)."""
    out = peer("commit_min_load_startup").outputs
    disp = _by_project(out, "DispatchGen.csv", "DispatchGen")
    lp, res = ours("commit_min_load_startup")
    assert disp["R-Nuclear"] == pytest.approx(250.0 * 0.95 * 0.97 * lp.case.n_tp, rel=1e-9)
    g = list(lp.case.gen_names).index("R-Nuclear")
    np.testing.assert_allclose(res.arrays["dispatch_mw"][g], 250.0 * 0.95 * 0.97, rtol=1e-9)
    np.testing.assert_allclose(res.arrays["commit_mw"][g], 250.0 * 0.95 * 0.97, rtol=1e-9)


def test_part_load_case_keeps_fuel_columns_where_needed(peer, ours):
    """The two-segment gas CC and the coal line with a negative intercept keep fuel-use columns (16 pairs of
    8 timepoints); the point-only GT line is substituted. The carbon cap binds in switch-model's solution."""
    lp, _ = ours("commit_part_load_markets")
    m, case = lp.space.m, lp.case
    with_f = {str(case.gen_names[g]) for g in np.unique(m.gt_gen[m.fu_gt])}
    assert with_f == {"D-Gas_CC", "D-Coal"}
    with open(peer("commit_part_load_markets").outputs / "emissions.csv", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert float(row["AnnualEmissions_tCO2_per_yr"]) == pytest.approx(3_300_000.0, rel=1e-6)


@pytest.mark.parametrize("name", list(COMMIT_CASES))
def test_cost_components_sum_to_objective(name, ours, tmp_path):
    """The /summary cost components (with startup O&M, and fuel and carbon from fuel use) add up to the
    objective, and the commitment arrays reach the HDF5 file."""
    import h5py
    lp, res = ours(name)
    s = res.summary
    assert "startup_om" in list(s["cost_components"])
    assert s["system_cost_npv_usd"].sum() == pytest.approx(res.objective, rel=1e-9)
    res.to_hdf5(tmp_path / "r.h5")
    with h5py.File(tmp_path / "r.h5") as f:
        names = []
        f.visit(names.append)
        commit = next(f[n][()] for n in names if n.endswith("commit_mw"))
    assert commit.shape == (lp.case.n_gen, lp.case.n_tp) and commit.max() > 0

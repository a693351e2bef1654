"""One more cold try after a solver failure: HiPO ended "Solve error" on China Mixed-High-M
with scaling on, where the same LP unscaled solved. A solve that ends that way is tried once more with the
scaling the other way round; answers (infeasible, unbounded, limits) are never retried.

HiGHS cannot be made to fail on demand on a small case, so ``solve.run`` is wrapped: its first call
reports "Solve error" (after really running, so the seconds and iterations are real), later calls pass.
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

import batteryplan
from batteryplan.errors import SolveError
from batteryplan.solver.policy import RETRY_KEY, SCALING_OPTION, retry_options

_solve = importlib.import_module("batteryplan.solver.highs")

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.sweep.cases import chain_case  # noqa: E402


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    return chain_case(tmp_path_factory.mktemp("retry") / "inputs")


@pytest.fixture(scope="module")
def lp(inputs):
    return batteryplan.build(batteryplan.read_case(inputs))


class FailFirst:
    """Wraps ``solve.run``: the first `n` calls report `status` ("Solve error" unless told); records the
    scaling and the crossover option of each call."""

    def __init__(self, n: int = 1, status: str = "Solve error") -> None:
        self.n, self.status, self.scaled, self.crossover, self.real = n, status, [], [], _solve.run

    def __call__(self, h, lp, scaling=None):
        sol = self.real(h, lp, scaling)
        self.scaled.append(scaling is not None)
        self.crossover.append(h.getOptionValue("run_crossover")[1])     # (status, value)
        if len(self.scaled) <= self.n:
            return _solve.Solution(self.status, float("nan"), np.zeros(0), np.zeros(0), sol.iterations,
                                   sol.seconds, {})
        return sol


def test_retry_options(lp) -> None:
    assert retry_options(lp, {}) == {SCALING_OPTION: "on"}                    # small LP: auto is off
    assert retry_options(lp, {SCALING_OPTION: "auto", "solver": "ipx"}) == {SCALING_OPTION: "on", "solver": "ipx"}
    assert retry_options(lp, {SCALING_OPTION: "on"}) is None                   # the user's choice stands
    assert retry_options(lp, {SCALING_OPTION: "off"}) is None


def test_solve_retries_with_scaling_flipped(lp, monkeypatch) -> None:
    ref = batteryplan.solve(lp)
    fake = FailFirst()
    monkeypatch.setattr(_solve, "run", fake)
    res = batteryplan.solve(lp)
    assert fake.scaled == [False, True]
    assert res.status == "Optimal" and res.objective == pytest.approx(ref.objective, rel=1e-9)
    assert res.solver["options"][RETRY_KEY] == "Solve error"
    assert res.solver["options"][SCALING_OPTION] == "on"
    assert res.solver["iterations"]["simplex"] > ref.solver["iterations"]["simplex"]   # both tries counted


def test_no_retry_when_user_fixed_scaling_or_twice(lp, monkeypatch) -> None:
    fake = FailFirst()
    monkeypatch.setattr(_solve, "run", fake)
    with pytest.raises(SolveError, match="Solve error"):
        batteryplan.solve(lp, options={SCALING_OPTION: "off"})
    assert fake.scaled == [False]
    fake2 = FailFirst(2)
    monkeypatch.setattr(_solve, "run", fake2)
    with pytest.raises(SolveError, match="Solve error"):
        batteryplan.solve(lp)
    assert fake2.scaled == [False, True]                                        # one retry, no more


def test_sweep_chain_retries_and_goes_on_warm(inputs, tmp_path, monkeypatch) -> None:
    """In a chain the retried model becomes the live one: the next scenario starts warm from it."""
    from batteryplan.sweep import sweep
    names = "Grid-Low-R,Grid-Low-M,Grid-High-M"
    ref = sweep(inputs, names, out=tmp_path / "ref", workers=1, quiet=True)
    fake = FailFirst()
    monkeypatch.setattr(_solve, "run", fake)
    got = sweep(inputs, names, out=tmp_path / "got", workers=1, quiet=True)
    assert fake.scaled == [False, True, True, True]
    assert list(got["status"]) == ["Optimal"] * 3
    np.testing.assert_allclose(_by_name(got, "objective"), _by_name(ref, "objective"), rtol=1e-9)
    warm = dict(zip(got["name"], got["warm"].astype(bool)))
    assert warm == dict(zip(ref["name"], ref["warm"].astype(bool))) and sum(warm.values()) == 2   # 1 cold, 2 warm
    cold = next(name for name, w in warm.items() if not w)
    with h5py.File(tmp_path / "got" / f"{cold}.h5") as f:                     # the file says it was retried
        opts = json.loads(f.attrs["highs_options"])
    assert opts[RETRY_KEY] == "Solve error" and opts[SCALING_OPTION] == "on"


def _by_name(catalog, column: str) -> np.ndarray:
    return catalog.set_index("name")[column].sort_index().to_numpy()


def test_an_interior_point_that_is_not_optimal_gets_crossover(inputs, tmp_path, monkeypatch) -> None:
    """A sweep's IPM solve without crossover (nothing starts warm from it) that HiGHS ends "Unknown" is
    solved once more with crossover: the scenario is not lost, and a --resume would not fail the same way."""
    from batteryplan.sweep import sweep
    names = "Grid-Low-R,Grid-Low-M"
    monkeypatch.setattr(importlib.import_module("batteryplan.solver.policy"), "AUTO_COLD_ROWS", 10)    # a big-LP plan
    ref = sweep(inputs, names, out=tmp_path / "ref", workers=1, quiet=True, method="ipm", warm=False)
    fake = FailFirst(status="Unknown")
    monkeypatch.setattr(_solve, "run", fake)
    got = sweep(inputs, names, out=tmp_path / "got", workers=1, quiet=True, method="ipm", warm=False)
    assert fake.crossover == ["choose", "on", "choose"]            # the failed try, its retry, the other scenario
    assert list(got["status"]) == ["Optimal"] * 2
    np.testing.assert_allclose(_by_name(got, "objective"), _by_name(ref, "objective"), rtol=1e-9)
    files = {}
    for name in got["name"]:
        with h5py.File(tmp_path / "got" / f"{name}.h5") as f:
            files[name] = json.loads(f.attrs["highs_options"]), json.loads(f.attrs["solution_quality"])
    retried = [name for name, (opts, _) in files.items() if RETRY_KEY in opts]
    assert len(retried) == 1                                       # the file says which, and why
    opts, quality = files[retried[0]]
    assert opts[RETRY_KEY] == "Unknown" and opts["run_crossover"] == "on" and quality["vertex"]
    cat = got.set_index("name")
    assert bool(cat.loc[retried[0], "vertex"]) and cat.loc[retried[0], "crossover_iterations"] > 0
    other = cat.drop(index=retried[0])
    assert not other["vertex"].any() and (other["crossover_iterations"] == 0).all()

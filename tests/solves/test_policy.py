"""One solver policy (``batteryplan.solver.policy``) for ``run``, ``sweep``, ``crossover`` and ``split-range``:
one interior-point threshold, cold option sets built from the named profiles, one retry rule."""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import h5py
import pytest

import batteryplan
from batteryplan.scenarios import read_scenario
from batteryplan.solver import policy
from batteryplan.solver.policy import (AUTO_IPM_ROWS, PROFILES, WARM_OPTIONS, auto_options, cold_method, cold_options,
                                       has_hipo, retry)
from batteryplan.sweep.chain import SolvePlan

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from tests.sweep.cases import chain_case  # noqa: E402

IPM = "hipo" if has_hipo() else "ipx"
BELOW, AT = AUTO_IPM_ROWS - 1, AUTO_IPM_ROWS


def test_one_interior_point_threshold_for_every_caller() -> None:
    """A one-off solve (``run``) and a chain's cold solve (sweep, crossover, split-range) switch to the interior
    point method at the same size."""
    assert auto_options(BELOW) == {} and auto_options(AT) == PROFILES[IPM]
    assert cold_method(BELOW) == "simplex" and cold_method(AT) == "ipm"
    plan = SolvePlan()
    assert plan.cold_method(BELOW) == "simplex" and plan.cold_method(AT) == "ipm"
    assert plan.cold(BELOW)["solver"] == "simplex" and plan.cold(AT)["solver"] == IPM


def test_the_threshold_is_the_one_the_docs_give() -> None:
    docs = (_ROOT / "docs" / "solver_profiles.md").read_text()
    assert f"below {AUTO_IPM_ROWS:,} rows" in docs and f"Below {AUTO_IPM_ROWS:,} rows" in docs


@pytest.mark.parametrize("n_rows", [BELOW, AT])
@pytest.mark.parametrize("method", ["auto", "simplex", "ipm"])
@pytest.mark.parametrize("basis", [True, False])
def test_cold_options_are_the_profiles_and_undo_the_warm_ones(n_rows: int, method: str, basis: bool) -> None:
    opts = cold_options(n_rows, method, basis)
    assert set(WARM_OPTIONS) <= set(opts)                       # a live model leaves warm mode completely
    if cold_method(n_rows, method) == "simplex":
        assert opts == PROFILES["simplex"] and opts["simplex_strategy"] == 1
    else:
        assert opts["simplex_strategy"] == policy.CLEANUP_SIMPLEX_STRATEGY == 4     # primal simplex cleans up
        assert {k: v for k, v in opts.items() if k != "run_crossover"} == \
            {k: v for k, v in PROFILES[IPM].items() if k != "run_crossover"}
        assert opts["run_crossover"] == ("on" if basis else policy.NO_BASIS_CROSSOVER)


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown solve method"):
        SolvePlan(method="barrier")


@pytest.mark.parametrize("status, mode, tried, then", [
    ("Optimal", "cold", (), None), ("Optimal", "warm", (), None),
    ("Time limit reached", "warm", (), "cold"), ("Infeasible", "warm", (), "cold"),   # a warm start never decides
    ("Solve error", "cold", (), "rescale"), ("Solve error", "last", (), "rescale"),
    ("Solve error", "cold", ("rescale",), None),                                       # once only
    ("Unknown", "last", (), "crossover"), ("Unknown", "last", ("rescale",), "crossover"),
    ("Unknown", "last", ("crossover",), None), ("Unknown", "cold", (), None),
    ("Infeasible", "cold", (), None), ("Unbounded", "last", (), None), ("Time limit reached", "cold", (), None),
])
def test_retry_rule(status: str, mode: str, tried: tuple[str, ...], then: str | None) -> None:
    assert retry(status, mode, frozenset(tried)) == then


def test_a_sweep_and_a_run_follow_the_same_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the threshold moved below this small LP, both a one-off solve and a sweep's cold solve use the
    interior point method, and above it neither does."""
    inputs = chain_case(tmp_path / "inputs")
    lp = batteryplan.build(read_scenario(inputs, "Grid-Low-B"))
    sweep = importlib.import_module("batteryplan.sweep.run").sweep
    for rows, ipm in ((0, True), (10**9, False)):
        monkeypatch.setattr(policy, "AUTO_IPM_ROWS", rows)
        res = batteryplan.solve(lp)
        assert (res.solver["iterations"]["ipm"] > 0) == ipm
        cat = sweep(inputs, "Grid-Low-B", out=tmp_path / f"out{rows}", workers=1, quiet=True)
        assert list(cat["status"]) == ["Optimal"]
        assert (cat["ipm_iterations"].iloc[0] > 0) == ipm
        with h5py.File(tmp_path / f"out{rows}" / "Grid-Low-B.h5") as f:
            solver = json.loads(f.attrs["highs_options"])["solver"]
        assert (solver == IPM) == ipm and res.objective == pytest.approx(cat["objective"].iloc[0], rel=1e-8)


def test_an_interior_point_solve_with_crossover_hands_highs_primal_simplex_for_the_clean_up(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an imprecise crossover HiGHS cleans up with the simplex ``simplex_strategy`` names; a one-off solve
    above the threshold and a sweep's cold solve with crossover hand it primal simplex (4), and the answer is
    the simplex one."""
    inputs = chain_case(tmp_path / "inputs")
    lp = batteryplan.build(read_scenario(inputs, "Grid-Low-B"))
    reference = batteryplan.solve(lp, options=PROFILES["simplex"]).objective
    monkeypatch.setattr(policy, "AUTO_IPM_ROWS", 0)
    res = batteryplan.solve(lp)
    assert res.solver["options"]["simplex_strategy"] == 4 and res.solver["options"]["run_crossover"] == "on"
    assert res.solver["iterations"]["ipm"] > 0 and res.objective == pytest.approx(reference, rel=1e-9)
    assert SolvePlan().cold(0)["simplex_strategy"] == 4
